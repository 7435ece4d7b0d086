import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openTestApp, must, latestVersion, tableCounts } from '../helpers/app.js'
import { documentsDir, repoRoot } from '../helpers/corpus.js'
import { docxParts } from '../helpers/docx.js'
import { tempDir } from '../helpers/temp.js'

const nota = readFileSync(join(documentsDir, 'nota-2020-04-15-mit-scenarios.md'), 'utf8')
const meta = { aan: 'Minister van Justitie en Veiligheid', datum: '2020-04-15', afzender: ['DGRR', 'Programma Anti-Ondermijning'] }

function paraaf(args: string[]) {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin/paraaf.js'), ...args], { encoding: 'utf8' })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

/** The corpus nota in three versions, a route of three, two parafen on version 3. */
async function setup(data = tempDir()) {
  const app = openTestApp(data)
  const { api } = app
  const { id } = must(await api.importMarkdown({ text: nota, fileName: 'nota.md' }))
  const snap = must(await api.openDocument({ id }))
  must(await api.saveVersion({ id, base: 1, meta: { ...snap.meta, ...meta }, content: snap.content, kind: 'named', label: 'Gegevens' }))
  const edited = JSON.parse(JSON.stringify(snap.content).replace('drie scenario\'s', 'drie uitgewerkte scenario\'s'))
  must(await api.saveVersion({ id, base: 2, meta: { ...snap.meta, ...meta }, content: edited, kind: 'named', label: 'Naar de lijn' }))
  must(await api.setRoute({ id, route: [{ name: 'A. Hoofd', role: 'Afdelingshoofd', kind: 'lijn' }, { name: 'D. Recteur', role: 'Directeur', kind: 'lijn' }, { name: 'F. Zaken', role: 'DFEZ', kind: 'mede' }] }))
  const first = must(await api.approve({ id, version: 3, name: 'A. Hoofd', role: 'Afdelingshoofd', date: '2020-04-16' }))
  const second = must(await api.approve({ id, version: 3, name: 'F. Zaken', role: 'DFEZ', kind: 'mede', date: '2020-04-17', remark: 'akkoord, mits bedragen afgestemd met FEZ' }))
  return { app, api, id, first, second, edited, snap }
}

describe('parafen bound to the exact text', () => {
  it('gives the state of the route, and a paraaf lapses when the text changes after it, with what changed since', async () => {
    const { api, id, first, second, edited, snap } = await setup()
    const before = must(await api.getParafen({ id }))
    expect([before.given, before.of, before.next, before.vervallen]).toEqual([2, 3, { name: 'D. Recteur', role: 'Directeur', kind: 'lijn' }, 0])
    expect(before.approvals.map((a) => [a.id, a.status])).toEqual([[first.paraaf, 'geldig'], [second.paraaf, 'geldig']])
    expect(first.fingerprint).toMatch(/^[0-9a-f]{64}$/)

    // Version 4: one sentence changed; both parafen lapse, and say what changed since.
    const changed = JSON.parse(JSON.stringify(edited).replace('150 mln. toegekend', '150 mln. structureel toegekend'))
    must(await api.saveVersion({ id, base: 3, meta: { ...snap.meta, ...meta }, content: changed, kind: 'auto' }))
    const after = must(await api.getParafen({ id }))
    expect([after.given, after.vervallen]).toEqual([0, 2])
    expect(after.approvals.map((a) => [a.status, a.changedSince])).toEqual([['vervallen', { insertedWords: 1, deletedWords: 0 }], ['vervallen', { insertedWords: 1, deletedWords: 0 }]])

    // Given again on the new text: the old paraaf stays in the record as vervallen, but no longer counts as a problem.
    const again = must(await api.approve({ id, name: 'A. Hoofd', role: 'Afdelingshoofd', date: '2020-04-20' }))
    const renewed = must(await api.getParafen({ id }))
    expect([renewed.given, renewed.vervallen, renewed.approvals.map((a) => a.status)]).toEqual([1, 1, ['vervallen', 'vervallen', 'geldig']])
    must(await api.withdrawParaaf({ paraaf: again.paraaf, reason: 'per abuis' }))

    // The fingerprint does not depend on how the text was stored: version 3 restored as version 5 carries its parafen again.
    must(await api.restoreVersion({ id, number: 3 }))
    const restored = must(await api.getParafen({ id }))
    expect(restored.approvals.map((a) => a.status)).toEqual(['geldig', 'geldig', 'ingetrokken'])
    expect(restored.fingerprint).toBe(first.fingerprint)

    // A paraaf is withdrawn, never deleted.
    must(await api.withdrawParaaf({ paraaf: second.paraaf, reason: 'Bedragen nog niet afgestemd' }))
    expect(await api.withdrawParaaf({ paraaf: second.paraaf })).toEqual({ ok: false, error: expect.stringMatching(/is al ingetrokken/) })
    expect(must(await api.getParafen({ id })).approvals.map((a) => [a.status, a.withdrawReason])).toEqual([['geldig', ''], ['ingetrokken', 'Bedragen nog niet afgestemd'], ['ingetrokken', 'per abuis']])
  })

  it('fills the nota\'s paraaf boxes from the record, stamps the file, and verify tells an exact version from a changed one', async () => {
    const data = tempDir()
    const { app, api, id, edited, snap } = await setup(data)
    const v3 = must(await api.exportDocx({ id, version: 3 }))
    const changed = JSON.parse(JSON.stringify(edited).replace('150 mln. toegekend', '150 mln. structureel toegekend'))
    must(await api.saveVersion({ id, base: await latestVersion(api, id), meta: { ...snap.meta, ...meta }, content: changed, kind: 'auto' }))
    const v4 = must(await api.exportDocx({ id, version: 4 }))
    const text = async (file: { base64: string }) => (await docxParts(Buffer.from(file.base64, 'base64')))['word/document.xml'].replace(/<[^>]+>/g, '')
    expect(await text(v3)).toContain('A. Hoofd, Afdelingshoofd, 16 april 2020')
    expect(await text(v3)).toContain('F. Zaken, DFEZ, 17 april 2020')
    expect(await text(v3)).not.toContain('(vervallen)')
    expect(await text(v4)).toContain('A. Hoofd, Afdelingshoofd, 16 april 2020 (vervallen)')
    expect((await docxParts(Buffer.from(v3.base64, 'base64')))['docProps/custom.xml']).toContain('paraaf-versie')
    app.close()

    const dir = tempDir()
    writeFileSync(join(dir, 'v3.docx'), Buffer.from(v3.base64, 'base64'))
    writeFileSync(join(dir, 'v4.docx'), Buffer.from(v4.base64, 'base64'))
    const ok3 = paraaf(['verify', join(dir, 'v3.docx'), '--json', '--data', data])
    expect(ok3.code).toBe(0)
    expect(JSON.parse(ok3.out)).toMatchObject({ document: id, version: 3, approvals: [{ name: 'A. Hoofd', status: 'geldig' }, { name: 'F. Zaken', status: 'geldig' }] })
    // Version 4 is exactly version 4, but no paraaf was given on its text.
    const ok4 = paraaf(['verify', join(dir, 'v4.docx'), '--json', '--data', data])
    expect([ok4.code, JSON.parse(ok4.out)]).toEqual([0, { document: id, version: 4, approvals: [] }])
    // A file changed after export is no version at all.
    const { changeDocx } = await import('../helpers/word-edits.js')
    writeFileSync(join(dir, 'veranderd.docx'), Buffer.from(await changeDocx(v3.base64, [{ from: '150 mln. toegekend', to: '160 mln. toegekend', tracked: null }]), 'base64'))
    const bad = paraaf(['verify', join(dir, 'veranderd.docx'), '--data', data])
    expect(bad).toMatchObject({ code: 1, err: expect.stringMatching(/wijkt af van versie 3/) })
  })

  it('speaks the CLI: route, approve, approvals and withdraw, and refuses bad input without writing', async () => {
    const data = tempDir()
    const app = openTestApp(data)
    const { id } = must(await app.api.importMarkdown({ text: nota, fileName: 'nota.md' }))
    const before = tableCounts(app)
    app.close()
    // The nota's template proposes a route until one is set.
    expect(paraaf(['route', String(id), '--data', data]).out).toBe('1. (nog geen naam) – Afdelingshoofd (lijnparaaf)\n2. (nog geen naam) – Directeur (lijnparaaf)\n3. (nog geen naam) – DG (lijnparaaf)\n')
    expect(paraaf(['route', String(id), '--set', 'A. Hoofd|Afdelingshoofd|lijn', '--set', 'F. Zaken|DFEZ|mede', '--json', '--data', data]).out).toBe(JSON.stringify([{ name: 'A. Hoofd', role: 'Afdelingshoofd', kind: 'lijn' }, { name: 'F. Zaken', role: 'DFEZ', kind: 'mede' }], null, 2) + '\n')
    const given = paraaf(['approve', String(id), '--name', 'A. Hoofd', '--role', 'Afdelingshoofd', '--date', '2020-04-16', '--data', data])
    expect(given).toMatchObject({ code: 0, out: '1\n' })
    const list = JSON.parse(paraaf(['approvals', String(id), '--json', '--data', data]).out)
    expect(list).toEqual([{ id: 1, name: 'A. Hoofd', role: 'Afdelingshoofd', kind: 'lijn', version: 1, date: '2020-04-16', fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/), status: 'geldig', changedSince: null }])
    expect(paraaf(['withdraw', '1', '--reason', 'te vroeg', '--data', data])).toMatchObject({ code: 0, out: 'Paraaf 1 ingetrokken.\n' })
    for (const bad of [
      ['approve', String(id), '--name', 'X', '--role', 'Y', '--kind', 'zijlijn'],
      ['approve', String(id), '--name', 'X', '--role', 'Y', '--date', '31-02-2020'],
      ['approve', String(id), '--name', 'X', '--role', 'Y', '--version', '9'],
      ['route', String(id), '--set', 'Naam zonder rol'],
    ]) {
      const r = paraaf([...bad, '--data', data])
      expect([bad.join(' '), r.code, r.err.trim().split('\n').length]).toEqual([bad.join(' '), 1, 1])
    }
    const after = openTestApp(data)
    expect(tableCounts(after)).toEqual({ ...before, paraaf_routes: 2, parafen: 1 })
    after.close()
  })

  it('keeps a paraaf valid after a change marked "geen inhoudelijke wijziging", shows the state on the start screen, and writes the paraafblad', async () => {
    const { api, id, first, second, edited, snap } = await setup()
    const comma = JSON.parse(JSON.stringify(edited).replace('150 mln. toegekend.', '150 mln. toegekend!'))
    must(await api.saveVersion({ id, base: 3, meta: { ...snap.meta, ...meta }, content: comma, kind: 'auto' }))
    expect(must(await api.listDocuments({})).find((d) => d.id === id)!.parafen).toEqual({ given: 0, of: 3, vervallen: 2 })
    must(await api.confirmUnchanged({ paraaf: first.paraaf, note: 'alleen een leesteken' }))
    const state = must(await api.getParafen({ id }))
    expect(state.approvals.map((a) => [a.status, a.unchangedNote])).toEqual([['geldig', 'alleen een leesteken'], ['vervallen', null]])
    expect(must(await api.listDocuments({})).find((d) => d.id === id)!.parafen).toEqual({ given: 1, of: 3, vervallen: 1 })
    // Only for a paraaf that lapsed, and never for a withdrawn one.
    expect(await api.confirmUnchanged({ paraaf: first.paraaf, note: 'nogmaals' })).toMatchObject({ ok: true })
    must(await api.withdrawParaaf({ paraaf: second.paraaf }))
    expect(await api.confirmUnchanged({ paraaf: second.paraaf, note: 'x' })).toEqual({ ok: false, error: `Paraaf ${second.paraaf} is ingetrokken.` })
    // A new edit: the note was for that text only.
    const more = JSON.parse(JSON.stringify(comma).replace('drie uitgewerkte', 'vier uitgewerkte'))
    must(await api.saveVersion({ id, base: 4, meta: { ...snap.meta, ...meta }, content: more, kind: 'auto' }))
    expect(must(await api.getParafen({ id })).approvals[0].status).toBe('vervallen')

    const blad = must(await api.paraafblad({ id }))
    expect(blad.fileName).toMatch(/^paraafblad-.*-v5\.md$/)
    expect(blad.markdown).toContain('1. A. Hoofd, Afdelingshoofd (lijnparaaf)')
    expect(blad.markdown).toContain('- A. Hoofd, Afdelingshoofd (lijnparaaf), versie 3, 16 april 2020: vervallen')
    expect(blad.markdown).toContain(`  vingerafdruk ${first.fingerprint}`)
    expect(blad.markdown).toContain('- F. Zaken, DFEZ (medeparaaf), versie 3, 17 april 2020: ingetrokken')
    expect(blad.markdown).toContain('opmerking: akkoord, mits bedragen afgestemd met FEZ')
    const docText = (await docxParts(Buffer.from(blad.docxBase64, 'base64')))['word/document.xml'].replace(/<[^>]+>/g, '')
    expect(docText).toContain('Paraafblad: Structurele financiering MIT')
    expect(docText).toContain(first.fingerprint)
  })
})
