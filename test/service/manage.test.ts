import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { writeFileSync } from 'node:fs'
import { must, openTestApp, tableCounts } from '../helpers/app.js'
import { readBigLetter, repoRoot } from '../helpers/corpus.js'
import { tempDir } from '../helpers/temp.js'

function paraaf(args: string[]) {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin/paraaf.js'), ...args], { encoding: 'utf8' })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

describe('managing documents: title, type, copy and the Prullenbak', () => {
  it('renames as a named version, so the old title stays in the history', async () => {
    const { api } = openTestApp()
    const { id } = must(await api.importMarkdown({ text: readBigLetter(), fileName: 'brief.md' }))
    const v = must(await api.renameDocument({ id, title: '  Aanpak   ondermijning 2020 ' }))
    expect(must(await api.listDocuments({}))[0].title).toBe('Aanpak ondermijning 2020')
    expect(must(await api.listVersions({ id })).at(-1)).toMatchObject({ number: v.number, kind: 'named', label: 'Titel gewijzigd in “Aanpak ondermijning 2020”' })
    expect(must(await api.openDocument({ id, version: 1 })).meta.onderwerp).toBe('Uitwerking breed offensief tegen georganiseerde ondermijnende criminaliteit')
    expect(await api.renameDocument({ id, title: 'Aanpak ondermijning 2020' })).toEqual({ ok: false, error: 'De titel is al “Aanpak ondermijning 2020”.' })
  })

  it('changes the type, keeping the fields both have', async () => {
    const { api } = openTestApp()
    const { id } = must(await api.createDocument({ type: 'nota', meta: { onderwerp: 'Nota RIEC', datum: '2026-11-23' } }))
    must(await api.changeDocumentType({ id, type: 'memo' }))
    const doc = must(await api.openDocument({ id }))
    expect([doc.type, doc.meta.onderwerp, doc.meta.datum]).toEqual(['memo', 'Nota RIEC', '2026-11-23'])
    expect(must(await api.listVersions({ id })).at(-1)!.label).toBe('Soort gewijzigd: Nota → Memo')
    expect(await api.changeDocumentType({ id, type: 'brief-aan-de-koning' })).toMatchObject({ ok: false, error: expect.stringMatching(/^Onbekend documenttype "brief-aan-de-koning"\. Kies uit: /) })
  })

  it('copies the latest text as a new document of another type, leaving the comments with the original', async () => {
    const { api } = openTestApp()
    const { id } = must(await api.importMarkdown({ text: readBigLetter(), fileName: 'brief.md' }))
    must(await api.commentOnQuote({ id, quote: 'drugshandel', org: 'OM', text: 'Cijfers?' }))
    const copy = must(await api.copyDocument({ id, type: 'annotatie' }))
    const made = must(await api.openDocument({ id: copy.id }))
    const original = must(await api.openDocument({ id }))
    expect(made.type).toBe('annotatie')
    expect(JSON.stringify(made.content)).not.toContain('"comment"')
    expect(made.content).not.toEqual(original.content) // the original's text carries the comment's anchor
    expect(JSON.stringify(made.content).length).toBeGreaterThan(50_000)
    expect(must(await api.listComments({ id: copy.id })).threads).toEqual([])
    expect(must(await api.listVersions({ id: copy.id }))[0].label).toMatch(/^Op basis van “Uitwerking breed offensief.*” \(document 1, versie 2\)$/)
  })

  it('puts a document in the Prullenbak with everything kept, out of the list and the search, and back', async () => {
    const app = openTestApp()
    const { api } = app
    const { id } = must(await api.importMarkdown({ text: readBigLetter(), fileName: 'brief.md' }))
    const before = tableCounts(app)
    must(await api.deleteDocument({ id }))
    expect(must(await api.listDocuments({}))).toEqual([])
    expect(must(await api.search({ query: 'drugshandel' }))).toEqual([])
    expect(must(await api.listDocuments({ trash: true })).map((d) => [d.id, typeof d.deletedAt])).toEqual([[id, 'string']])
    // Nothing was removed: every table holds what it held.
    expect(tableCounts(app)).toEqual(before)
    expect(await api.deleteDocument({ id })).toMatchObject({ ok: false, error: expect.stringMatching(/staat al in de prullenbak/) })
    must(await api.undeleteDocument({ id }))
    expect(must(await api.listDocuments({})).map((d) => d.id)).toEqual([id])
    expect(must(await api.search({ query: 'drugshandel' })).length).toBeGreaterThan(0)
  })

  it('does the same from the command line', () => {
    const data = tempDir()
    const file = join(tempDir(), 'memo.md')
    writeFileSync(file, '---\nonderwerp: "Memo RVI"\ndatum: "2026-11-23"\n---\nTekst van de memo.\n')
    expect(paraaf(['import', file, '--type', 'memo', '--data', data]).code).toBe(0)
    expect(paraaf(['rename', '1', 'Memo RVI, herzien', '--data', data])).toMatchObject({ code: 0, out: '2\n' })
    expect(paraaf(['copy', '1', '--type', 'nota', '--data', data])).toMatchObject({ code: 0, out: '2\n' })
    expect(paraaf(['delete', '1', '--data', data])).toMatchObject({ code: 0, out: 'Document 1 staat in de prullenbak; terugzetten met: paraaf undelete 1\n' })
    expect(paraaf(['list', '--data', data]).out).toMatch(/^ {3}2 {2}nota .*Memo RVI, herzien\n$/)
    expect(paraaf(['list', '--trash', '--data', data]).out).toMatch(/^ {3}1 {2}memo .*Memo RVI, herzien\n$/)
    expect(paraaf(['undelete', '1', '--data', data])).toMatchObject({ code: 0, out: 'Document 1 is teruggezet.\n' })
    expect(paraaf(['delete', '9', '--data', data])).toMatchObject({ code: 1, err: expect.stringMatching(/Document 9 bestaat niet/) })
  })
})
