import { dispatch } from '../../src/service/dispatch.js'
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { openTestApp, must, tableCounts } from '../helpers/app.js'
import { chainsDir } from '../helpers/corpus.js'

const chain = (name: string, v: number) => readFileSync(join(chainsDir, name, `v${v}.md`), 'utf8')

describe('comparing and reviewing versions through the service', () => {
  it('takes over a partner proposal and declines another, writing one new labelled version', async () => {
    const app = openTestApp()
    const { api } = app
    const { id } = must(await api.importMarkdown({ text: chain('sbo-annotatie-rode-tekst', 1), type: 'annotatie' }))
    must(await api.saveMarkdownVersion({ id, text: chain('sbo-annotatie-rode-tekst', 2), label: 'Rode tekst DGPenV' }))
    const view = must(await api.compareVersions({ id, a: 1, b: 2 }))
    expect(view.comparison.changes.map((c) => c.id)).toEqual(['c1', 'c2'])
    const result = must(await api.reviewChanges({ id, a: 1, b: 2, accept: ['c1'], reject: ['c2'] }))
    expect(result).toMatchObject({ number: 3, accepted: 1, rejected: 1, label: '1 wijziging van versie 2 overgenomen, 1 geweigerd (t.o.v. versie 1)' })
    const text = must(await api.exportMarkdown({ id })).markdown
    expect(text).toContain('in het SBO en in het Landelijk Overleg Veiligheid en Politie (LOVP) over')
    expect(text).toContain('Als voorbeeld kunt u het sturingsconcept')
    expect(text).not.toContain('de concrete invulling van')
    const versions = must(await api.listVersions({ id }))
    expect(versions.at(-1)).toMatchObject({ number: 3, kind: 'named', label: result.label })
  })

  it('compares "with the latest version" against the version that is latest now, also right after comparing the same pair', async () => {
    const { api } = openTestApp()
    const { id } = must(await api.importMarkdown({ text: chain('persbericht-110-miljoen', 1), type: 'memo' }))
    must(await api.saveMarkdownVersion({ id, text: chain('persbericht-110-miljoen', 2), label: 'v2' }))
    const first = must(await api.compareVersions({ id, a: 1 }))
    expect(must(await api.compareVersions({ id, a: 1, b: 2 })).comparison).toEqual(first.comparison)
    must(await api.saveMarkdownVersion({ id, text: chain('persbericht-110-miljoen', 3), label: 'v3' }))
    const latest = must(await api.compareVersions({ id, a: 1 }))
    expect([latest.b.number, latest.latestVersion]).toEqual([3, 3])
    expect(latest.comparison).not.toEqual(first.comparison)
    // The earlier pair still says which version is the latest now.
    expect(must(await api.compareVersions({ id, a: 1, b: 2 })).latestVersion).toBe(3)
  })

  it('gives the first screen of a comparison first, then the rest with the same change numbers', async () => {
    const { api } = openTestApp()
    const { id } = must(await api.importMarkdown({ text: chain('persbericht-110-miljoen', 2), type: 'memo' }))
    must(await api.saveMarkdownVersion({ id, text: chain('persbericht-110-miljoen', 3) }))
    const part = must(await api.compareVersions({ id, a: 1, b: 2, first: 3 }))
    expect([part.complete, part.comparison.rows.length]).toEqual([false, 3])
    const whole = must(await api.compareVersions({ id, a: 1, b: 2 }))
    expect([whole.complete, whole.rowCount, part.rowCount]).toEqual([true, whole.comparison.rows.length, whole.comparison.rows.length])
    expect(whole.comparison.changes.slice(0, part.comparison.changes.length)).toEqual(part.comparison.changes)
    expect(whole.comparison.changes.length).toBeGreaterThan(part.comparison.changes.length)
    // Asked for again from the start, the kept comparison answers the same.
    expect(must(await api.compareVersions({ id, a: 1, b: 2, first: 3 })).comparison.changes).toEqual(part.comparison.changes)
    expect(await dispatch(api, 'compareVersions', { id, a: 1, b: 2, first: 0 })).toEqual({ ok: false, error: expect.stringMatching(/^Ongeldige invoer voor compareVersions \(veld first\)/) })
  })

  it('refuses to review against anything but the latest version, and unknown change ids, writing nothing', async () => {
    const app = openTestApp()
    const { api } = app
    const { id } = must(await api.importMarkdown({ text: chain('persbericht-110-miljoen', 1), type: 'memo' }))
    must(await api.saveMarkdownVersion({ id, text: chain('persbericht-110-miljoen', 2) }))
    must(await api.saveMarkdownVersion({ id, text: chain('persbericht-110-miljoen', 3) }))
    const before = tableCounts(app)
    expect(await api.reviewChanges({ id, a: 1, b: 2, accept: [], reject: ['c1'] })).toEqual({ ok: false, error: expect.stringMatching(/alleen tegen de huidige versie \(3\)/), conflict: { latest: 3 } })
    expect(await api.reviewChanges({ id, a: 2, b: 3, accept: [], reject: ['c999'] })).toEqual({ ok: false, error: expect.stringMatching(/c999 bestaat niet/) })
    expect(await api.reviewChanges({ id, a: 2, b: 3, accept: ['c1'], reject: ['c1'] })).toMatchObject({ ok: false })
    expect(tableCounts(app)).toEqual(before)
  })

  it('rejecting every change of v2→v3 gives back v2 exactly', async () => {
    const { api } = openTestApp()
    const { id } = must(await api.importMarkdown({ text: chain('persbericht-110-miljoen', 2), type: 'memo' }))
    must(await api.saveMarkdownVersion({ id, text: chain('persbericht-110-miljoen', 3) }))
    const all = must(await api.compareVersions({ id, a: 1, b: 2 })).comparison.changes.map((c) => c.id)
    must(await api.reviewChanges({ id, a: 1, b: 2, accept: [], reject: all }))
    expect(must(await api.openDocument({ id })).content).toEqual(must(await api.openDocument({ id, version: 1 })).content)
  })
})
