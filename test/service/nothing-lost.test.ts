import { describe, expect, it } from 'vitest'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Node as PMNode } from 'prosemirror-model'
import { schema } from '../../src/core/schema.js'
import { addCommentMark, reanchor, commentAnchors } from '../../src/core/comments.js'
import { loadTemplates } from '../../src/service/templates.js'
import { openTestApp, must, tableCounts } from '../helpers/app.js'
import { tempDir } from '../helpers/temp.js'
import { readBigLetter } from '../helpers/corpus.js'
import { docxParts } from '../helpers/docx.js'

const para = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] })
const doc = (...texts: string[]) => ({ type: 'doc' as const, content: texts.map(para) })

describe('a save on a stale base (two windows, or the CLI beside the app)', () => {
  it('is refused with a Dutch message naming the newer version, and writes nothing', async () => {
    const app = openTestApp()
    const { api } = app
    const { id, version } = must(await api.createDocument({ type: 'nota', meta: { onderwerp: 'Twee vensters' }, content: doc('Begin.') }))
    // Window A saves on version 1; window B, still on version 1, saves later.
    const a = must(await api.saveVersion({ id, base: version, meta: { onderwerp: 'Twee vensters' }, content: doc('Tekst van venster A.'), kind: 'auto' }))
    const before = tableCounts(app)
    const b = await api.saveVersion({ id, base: version, meta: { onderwerp: 'Twee vensters' }, content: doc('Tekst van venster B.'), kind: 'auto' })
    expect(b).toEqual({ ok: false, error: expect.stringMatching(/nieuwere versie \(2\).*niet weggegooid/), conflict: { latest: a.number } })
    expect(tableCounts(app)).toEqual(before)
    const current = must(await api.openDocument({ id }))
    expect(JSON.stringify(current.content)).toContain('venster A')
    // Kept on top when the user says so: both texts are in the history.
    must(await api.saveVersion({ id, base: a.number, meta: { onderwerp: 'Twee vensters' }, content: doc('Tekst van venster B.'), kind: 'auto' }))
    expect(must(await api.listVersions({ id })).map((v) => v.number)).toEqual([1, 2, 3])
  })

  it('lets an unchanged autosave through whatever its base, since it loses nothing', async () => {
    const { api } = openTestApp()
    const { id } = must(await api.createDocument({ type: 'nota', meta: { onderwerp: 'x' }, content: doc('Zelfde.') }))
    must(await api.saveVersion({ id, base: 1, meta: { onderwerp: 'x' }, content: doc('Anders.'), kind: 'auto' }))
    expect(must(await api.saveVersion({ id, base: 1, meta: { onderwerp: 'x' }, content: doc('Anders.'), kind: 'auto' }))).toMatchObject({ number: 2, unchanged: true })
  })
})

describe('search after a long history', () => {
  it('still finds the current text when more than 2,000 older blocks match', async () => {
    const { api } = openTestApp()
    const { id } = must(await api.createDocument({ type: 'nota', meta: { onderwerp: 'Ondermijning' }, content: doc('Ondermijning versie 0.') }))
    let base = 1
    for (let i = 1; i <= 2100; i++) base = must(await api.saveVersion({ id, base, meta: { onderwerp: 'Ondermijning' }, content: doc(`Ondermijning versie ${i}.`), kind: 'auto' })).number
    const hits = must(await api.search({ query: 'ondermijning versie' })).filter((h) => h.where === 'tekst')
    expect(hits).toEqual([expect.objectContaining({ documentId: id, snippet: expect.stringContaining('2100') })])
  }, 120_000)

  it('finds a comment by its organisation and author, not only by its text', async () => {
    const { api } = openTestApp()
    const { id } = must(await api.importMarkdown({ text: readBigLetter() }))
    must(await api.commentOnQuote({ id, quote: 'crystal meth-labs', org: 'FIOD', author: 'J. Jansen', text: 'Graag cijfers.' }))
    expect(must(await api.search({ query: 'fiod' })).some((h) => h.where === 'opmerking')).toBe(true)
    expect(must(await api.search({ query: 'jansen' })).some((h) => h.where === 'opmerking')).toBe(true)
  })
})

describe('a comment whose text the drafter deleted on purpose', () => {
  const twice = () => PMNode.fromJSON(schema, doc(
    'In Rotterdam start het MIT. Het kabinet trekt hiervoor extra geld uit in 2020.',
    'Over de gemeenten het volgende. Het kabinet trekt hiervoor extra geld uit, zoals eerder gemeld aan uw Kamer.',
  ))

  it('stays detached instead of jumping to another occurrence of its words', () => {
    const original = twice()
    const from = 1 + 'In Rotterdam start het MIT. '.length
    const marked = addCommentMark(original, from, from + 'Het kabinet trekt hiervoor extra geld uit'.length, 'k0000000001')
    const anchor = commentAnchors(marked).get('k0000000001')!
    // The drafter deletes the first paragraph, comment and all.
    const edited = PMNode.fromJSON(schema, doc('Over de gemeenten het volgende. Het kabinet trekt hiervoor extra geld uit, zoals eerder gemeld aan uw Kamer.'))
    const result = reanchor(edited, [{ id: 'k0000000001', quote: anchor.quote, prefix: anchor.prefix, suffix: anchor.suffix }])
    expect(result.reanchored).toEqual([])
  })

  it('comes back when its own text comes back (a restore)', () => {
    const original = twice()
    const from = 1 + 'In Rotterdam start het MIT. '.length
    const marked = addCommentMark(original, from, from + 'Het kabinet trekt hiervoor extra geld uit'.length, 'k0000000001')
    const anchor = commentAnchors(marked).get('k0000000001')!
    const result = reanchor(twice(), [{ id: 'k0000000001', quote: anchor.quote, prefix: anchor.prefix, suffix: anchor.suffix }])
    expect(result.reanchored).toEqual(['k0000000001'])
    expect(commentAnchors(result.doc).get('k0000000001')!.block).toBe(0)
  })
})

describe('no phantom changes from comments', () => {
  it('accepts a quote spanning a footnote reference, and compare and the Word redline then show no change', async () => {
    const { api } = openTestApp()
    const { id } = must(await api.importMarkdown({ text: readBigLetter() }))
    const quote = 'In oktober 2019 en april 2020 informeerde ik uw Kamer'
    const { version } = must(await api.commentOnQuote({ id, quote, org: 'OM', text: 'Beide brieven noemen?' }))
    expect(must(await api.listComments({ id })).threads[0]).toMatchObject({ quote, anchored: true })
    expect(must(await api.compareVersions({ id, a: 1, b: version })).comparison.changes).toEqual([])
    const clean = await docxParts(Buffer.from(must(await api.exportDocx({ id, version })).base64, 'base64'))
    const redline = await docxParts(Buffer.from(must(await api.exportDocx({ id, version, against: 1 })).base64, 'base64'))
    const count = (xml: string, re: RegExp) => (xml.match(re) ?? []).length
    expect(count(redline['word/document.xml'], /<w:ins /g) + count(redline['word/document.xml'], /<w:del /g)).toBe(0)
    expect(count(redline['word/document.xml'], /w:footnoteReference/g)).toBe(count(clean['word/document.xml'], /w:footnoteReference/g))
  })
})

describe('outside data is parsed at the boundary', () => {
  it('gives a Markdown reply without a time a real time, so Word export works', async () => {
    const { api } = openTestApp()
    const threads = [{ id: 'kabcdef1234', author: 'A', org: 'OM', createdAt: '2020-06-01T10:00:00.000Z', text: 'Vraag', resolved: false, quote: 'Eerste', replies: [{ author: 'B', org: 'JenV', text: 'Antwoord' }] }]
    const text = `---\ntype: nota\nonderwerp: Test\naan: DG\ndatum: 2020-06-01\n---\n\n<span data-comment="kabcdef1234">Eerste</span> alinea.\n\n<!-- paraaf-opmerkingen ${JSON.stringify(threads)} -->\n`
    const { id } = must(await api.importMarkdown({ text }))
    const view = must(await api.listComments({ id }))
    for (const t of view.threads) for (const r of t.replies) expect(Number.isNaN(Date.parse(r.createdAt))).toBe(false)
    expect((await api.exportDocx({ id, comments: true })).ok).toBe(true)
  })

  it('refuses a Markdown file whose metadata no save would accept, instead of a document that can never be saved again', async () => {
    const app = openTestApp()
    const fields = Array.from({ length: 120 }, (_, i) => `veld${i}: waarde`).join('\n')
    const before = tableCounts(app)
    const r = await app.api.importMarkdown({ text: `---\ntype: nota\n${fields}\n---\n\nTekst.\n` })
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/te veel gegevensvelden/) })
    expect(tableCounts(app)).toEqual(before)
  })

  it('keeps a metadata field named constructor like any other, and refuses one named __proto__ by name instead of dropping it', async () => {
    const app = openTestApp()
    const { api } = app
    const { id } = must(await api.importMarkdown({ text: '---\ntype: nota\nonderwerp: Proto\nconstructor: een\n---\n\nTekst.\n' }))
    expect(must(await api.openDocument({ id })).meta).toMatchObject({ onderwerp: 'Proto', constructor: 'een' })
    const { dispatch } = await import('../../src/service/dispatch.js')
    const before = tableCounts(app)
    // As it arrives over HTTP or IPC: JSON text, where "__proto__" is an ordinary key.
    const input = JSON.parse(`{"id":${id},"base":1,"meta":{"onderwerp":"x","__proto__":"p"},"content":{"type":"doc","content":[{"type":"paragraph"}]},"kind":"auto"}`)
    expect(await dispatch(api, 'saveVersion', input)).toEqual({ ok: false, error: expect.stringMatching(/__proto__ is niet toegestaan/) })
    expect(await api.importMarkdown({ text: '---\ntype: nota\nonderwerp: P\n__proto__: x\n---\n\nTekst.\n' })).toMatchObject({ ok: false })
    expect(tableCounts(app)).toEqual(before)
  })

  it('refuses a Markdown file whose footnotes expand past the document limit, writing nothing', async () => {
    const app = openTestApp()
    const note = 'x'.repeat(10_000)
    const refs = Array.from({ length: 1000 }, () => 'Zie[^1].').join(' ')
    const before = tableCounts(app)
    const r = await app.api.importMarkdown({ text: `---\ntype: nota\nonderwerp: Groot\n---\n\n${refs}\n\n[^1]: ${note}\n` })
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/te groot/) })
    expect(tableCounts(app)).toEqual(before)
  })

  it('refuses a 104 KB Markdown file whose 100 KB footnote is referenced 1,000 times, without building it', async () => {
    const app = openTestApp()
    const before = tableCounts(app)
    const refs = Array.from({ length: 1000 }, () => 'Zie[^1].').join(' ')
    const r = await app.api.importMarkdown({ text: `---\ntype: nota\nonderwerp: Groot\n---\n\n${refs}\n\n[^1]: ${'woord '.repeat(17_000)}\n` })
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/te groot.*voetnoten/) })
    expect(tableCounts(app)).toEqual(before)
  })

  it('refuses 60,000 footnotes (a file under 2 MB) with one Dutch line instead of parsing for minutes', async () => {
    const { api } = openTestApp()
    const n = 60_000
    const text = '---\ntype: nota\n---\n\n' + Array.from({ length: n }, (_, i) => `Z${i}[^${i}].`).join(' ') + '\n\n' + Array.from({ length: n }, (_, i) => `[^${i}]: N${i}.`).join('\n') + '\n'
    expect(await api.importMarkdown({ text })).toEqual({ ok: false, error: expect.stringMatching(/te veel voetnoten/) })
  })

  it('reads lists nested 1,000 deep (as deep as 2 MB allows) without overflowing the stack', async () => {
    const { api } = openTestApp()
    const text = '---\ntype: nota\nonderwerp: Diep\naan: DG\ndatum: 2020-06-01\n---\n\n' + Array.from({ length: 1000 }, (_, i) => ' '.repeat(i * 2) + '- punt').join('\n') + '\n'
    const { id } = must(await api.importMarkdown({ text }))
    // Every way out walks the tree too: Markdown, compare and Word.
    expect(must(await api.exportMarkdown({ id })).markdown).toContain('- punt')
    expect(must(await api.compareVersions({ id, a: 1, b: 1 })).comparison.changes).toEqual([])
    expect((await api.exportDocx({ id })).ok).toBe(true)
  })

  it('refuses control characters anywhere in a Markdown file, not only in its first 64 KB', async () => {
    const { api } = openTestApp()
    const text = `---\ntype: nota\nonderwerp: Lang\n---\n\n${'Tekst. '.repeat(12_000)}\n\nDaarna \u001b]0;titel\u0007 een escape.\n`
    expect(await api.importMarkdown({ text })).toEqual({ ok: false, error: expect.stringMatching(/stuurtekens/) })
  })

  it('refuses a table cell whose alignment is anything but left, center or right (it would become CSS)', async () => {
    const app = openTestApp()
    const { id } = must(await app.api.createDocument({ type: 'nota', meta: { onderwerp: 'Tabel' }, content: doc('x') }))
    const cell = (align: string) => ({ type: 'table_cell', attrs: { align }, content: [para('cel')] })
    const table = (align: string) => ({ type: 'doc' as const, content: [{ type: 'table', content: [{ type: 'table_row', content: [cell(align)] }] }] })
    const before = tableCounts(app)
    expect(await app.api.saveVersion({ id, base: 1, meta: { onderwerp: 'Tabel' }, content: table('left; background: url(https://example.org/x)'), kind: 'auto' })).toMatchObject({ ok: false, error: expect.stringMatching(/uitlijning/) })
    expect(tableCounts(app)).toEqual(before)
    expect((await app.api.saveVersion({ id, base: 1, meta: { onderwerp: 'Tabel' }, content: table('center'), kind: 'auto' })).ok).toBe(true)
  })

  it('names the template file whose manifest is not valid JSON, in Dutch', () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'nota'))
    writeFileSync(join(dir, 'nota', 'manifest.json'), '{ "type": "nota", ')
    expect(() => loadTemplates(dir)).toThrow(/Sjabloon .*nota.*manifest\.json is geen geldige JSON/)
  })
})

describe('a full disk', () => {
  it('answers a save with one Dutch line, through every transport, and keeps the last version', async () => {
    const { dispatch } = await import('../../src/service/dispatch.js')
    const app = openTestApp()
    const { id } = must(await app.api.importMarkdown({ text: readBigLetter() }))
    // SQLite's own way to make the disk "full": no page beyond the ones in use.
    const pages = app.db.pragma('page_count', { simple: true }) as number
    app.db.pragma(`max_page_count = ${pages}`)
    const big = doc(...Array.from({ length: 400 }, (_, i) => `Nieuwe alinea ${i} ${'met veel tekst '.repeat(40)}`))
    const r = await dispatch(app.api, 'saveVersion', { id, base: 1, meta: { onderwerp: 'Vol' }, content: big, kind: 'auto' })
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/^De schijf is vol\. Uw laatst opgeslagen versie is bewaard/) })
    expect(must(await app.api.listVersions({ id })).map((v) => v.number)).toEqual([1])
  })
})
