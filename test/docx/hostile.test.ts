import { describe, expect, it } from 'vitest'
import JSZip from 'jszip'
import { openTestApp, must, tableCounts } from '../helpers/app.js'
import { readBigLetter } from '../helpers/corpus.js'

// Small Word files that pass the zip and XML limits but ask for far more
// work or memory than their size suggests, and files with broken parts.
// Each must be refused (or read) in bounded time with one Dutch message.

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"'
const documentXml = (body: string) => `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`
const p = (inner: string) => `<w:p>${inner}</w:p>`
const run = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`

function zipOf(parts: Record<string, string>): Promise<Buffer> {
  const zip = new JSZip()
  for (const [name, content] of Object.entries(parts)) zip.file(name, content)
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } })
}

async function importBoth(bytes: Buffer) {
  const app = openTestApp()
  const existing = must(await app.api.importMarkdown({ text: readBigLetter() })).id
  const before = tableCounts(app)
  const asNew = await app.api.importDocx({ base64: bytes.toString('base64'), fileName: 'reactie.docx' })
  const into = await app.api.importDocx({ base64: bytes.toString('base64'), fileName: 'reactie.docx', into: existing })
  const after = tableCounts(app)
  app.close()
  return { asNew, into, before, after }
}

describe('hostile Word files', () => {
  it('refuses one large footnote referenced thousands of times (the text after expansion counts)', async () => {
    const note = `<w:footnotes ${W}><w:footnote w:id="1">${p(run('x'.repeat(300_000)))}</w:footnote></w:footnotes>`
    const refs = Array.from({ length: 3000 }, () => '<w:r><w:footnoteReference w:id="1"/></w:r>').join('')
    const bytes = await zipOf({ 'word/document.xml': documentXml(p(run('Zie') + refs)), 'word/footnotes.xml': note })
    expect(bytes.length).toBeLessThan(50_000)
    const r = await importBoth(bytes)
    expect(r.asNew).toEqual({ ok: false, error: expect.stringMatching(/te groot/) })
    expect(r.into).toEqual({ ok: false, error: expect.stringMatching(/te groot/) })
    expect(r.after).toEqual(r.before)
  })

  it('reads a list level of 2,000,000,000 as the deepest level Word has, at once', async () => {
    const numbering = `<w:numbering ${W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
    const item = (ilvl: string) => p(`<w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr>${run(`punt ${ilvl}`)}`)
    const bytes = await zipOf({ 'word/document.xml': documentXml(item('0') + item('2000000000') + item('-5') + item('abc')), 'word/numbering.xml': numbering })
    const app = openTestApp()
    const imported = must(await app.api.importDocx({ base64: bytes.toString('base64'), fileName: 'lijst.docx' }))
    const text = JSON.stringify(must(await app.api.openDocument({ id: imported.id })).content)
    for (const level of ['0', '2000000000', '-5', 'abc']) expect(text).toContain(`punt ${level}`)
    app.close()
  })

  it('refuses thousands of overlapping comments that cover nearly the same text (each run would carry every mark)', async () => {
    const n = 3000
    // Each starts a little further on (comments on exactly the same text would be one thread with replies).
    const starts = Array.from({ length: n }, (_, i) => `<w:commentRangeStart w:id="${i}"/><w:r><w:t>a</w:t></w:r>`).join('')
    const ends = Array.from({ length: n }, (_, i) => `<w:commentRangeEnd w:id="${i}"/>`).join('')
    const runs = Array.from({ length: 400 }, (_, i) => `<w:r><w:rPr>${i % 2 ? '<w:b/>' : ''}</w:rPr><w:t>woord${i} </w:t></w:r>`).join('')
    const comments = `<w:comments ${W}>${Array.from({ length: n }, (_, i) => `<w:comment w:id="${i}" w:author="A" w:date="2020-01-01T00:00:00Z">${p(run('x'))}</w:comment>`).join('')}</w:comments>`
    const bytes = await zipOf({ 'word/document.xml': documentXml(p(starts + runs + ends)), 'word/comments.xml': comments })
    const r = await importBoth(bytes)
    expect(r.asNew).toEqual({ ok: false, error: expect.stringMatching(/te groot|te veel opmerkingen/) })
    expect(r.after).toEqual(r.before)
  })

  it('refuses 60,000 comments with one Dutch line instead of blocking for half a minute', async () => {
    const n = 60_000
    const comments = `<w:comments ${W}>${Array.from({ length: n }, (_, i) => `<w:comment w:id="${i}" w:author="A">${p(`<w:pPr/><w:r><w:t>o${i}</w:t></w:r>`).replace('<w:p>', `<w:p w14:paraId="${(i + 1).toString(16).padStart(8, '0')}">`)}</w:comment>`).join('')}</w:comments>`
    const extended = `<w15:commentsEx ${W}>${Array.from({ length: n }, (_, i) => `<w15:commentEx w15:paraId="${(i + 1).toString(16).padStart(8, '0')}"${i % 2 ? ` w15:paraIdParent="${i.toString(16).padStart(8, '0')}"` : ''}/>`).join('')}</w15:commentsEx>`
    const bytes = await zipOf({ 'word/document.xml': documentXml(p(run('Tekst'))), 'word/comments.xml': comments, 'word/commentsExtended.xml': extended })
    const r = await importBoth(bytes)
    expect(r.asNew).toEqual({ ok: false, error: expect.stringMatching(/te veel opmerkingen/) })
  })

  it.each([
    ['word/numbering.xml', '<w:numbering><w:abstractNum w:abstractNumId="0"><w:lvl></w:numbering>'],
    ['word/footnotes.xml', '<w:footnotes><w:footnote w:id="1"><w:p></w:footnotes>'],
    ['word/comments.xml', '<w:comments><w:comment w:id="0"></w:comments'],
    ['word/document.xml', `<?xml version="1.0"?><w:document ${W}><w:body><w:p><w:r><w:t>Tekst</w:r></w:p></w:body></w:document>`],
  ])('refuses a broken %s with a Dutch message naming the part', async (part, xml) => {
    const parts: Record<string, string> = { 'word/document.xml': documentXml(p(run('Tekst'))) }
    parts[part] = xml
    const r = await importBoth(await zipOf(parts))
    expect(r.asNew).toEqual({ ok: false, error: expect.stringMatching(new RegExp(`${part.replace('.', '\\.')}.*geen geldige XML`)) })
    expect(r.after).toEqual(r.before)
  })

  it('keeps a 20 MB author name out of the version label and the thread', async () => {
    const huge = 'N'.repeat(2_000_000)
    const comments = `<w:comments ${W}><w:comment w:id="0" w:author="${huge}" w:date="2020-01-01T00:00:00Z">${p(run('Opmerking'))}</w:comment></w:comments>`
    const body = p(`<w:commentRangeStart w:id="0"/>${run('Tekst')}<w:commentRangeEnd w:id="0"/><w:ins w:id="9" w:author="${huge}" w:date="2020-01-01T00:00:00Z">${run(' erbij')}</w:ins>`)
    const bytes = await zipOf({ 'word/document.xml': documentXml(body), 'word/comments.xml': comments })
    const r = await importBoth(bytes)
    expect(r.asNew.ok).toBe(true)
    const app = openTestApp()
    const imported = must(await app.api.importDocx({ base64: bytes.toString('base64'), fileName: 'reactie.docx' }))
    const versions = must(await app.api.listVersions({ id: imported.id }))
    for (const v of versions) expect((v.label ?? '').length).toBeLessThanOrEqual(200)
    const threads = must(await app.api.listComments({ id: imported.id })).threads
    expect(threads[0].author.length).toBeLessThanOrEqual(100)
    // And the document can be saved again as it is.
    const snap = must(await app.api.openDocument({ id: imported.id }))
    expect((await app.api.saveVersion({ id: imported.id, base: snap.version.number, meta: snap.meta, content: snap.content, kind: 'named', label: 'Opnieuw' })).ok).toBe(true)
  })
})
