import { describe, expect, it } from 'vitest'
import JSZip from 'jszip'
import { readMarkdown } from '../../src/core/markdown-in.js'
import { writeMarkdown } from '../../src/core/markdown-out.js'
import { compareDocuments } from '../../src/core/diff/compare.js'
import { convert, docxParts, pdfPages, pdfText, runLibreOffice } from '../helpers/docx.js'
import { must, openTestApp } from '../helpers/app.js'

const memo = (body: string) => `---\nonderwerp: "Memo met bijlage"\ndatum: "2026-11-23"\n---\n${body}`
const withBreak = memo('Het kabinet investeert 110 miljoen euro.\n\n\\newpage\n\n## Bijlage\n\nDe verdeling over de regio\'s.\n')

function read(text: string) {
  const r = readMarkdown(text)
  if (!r.ok) throw new Error(r.error)
  return r
}
const types = (text: string) => read(text).doc.toJSON().content.map((b: { type: string }) => b.type)

describe('page breaks (Ctrl+Enter)', () => {
  it('are \\newpage on a line of their own in Markdown, and come back the same', () => {
    const r = read(withBreak)
    expect(types(withBreak)).toEqual(['paragraph', 'page_break', 'heading', 'paragraph'])
    expect(read(writeMarkdown(r.doc, r.meta)).doc.toJSON()).toEqual(r.doc.toJSON())
    // The word as text, and a \newpage inside a list, stay text.
    expect(types(memo('Schrijf \\\\newpage als tekst.\n\n\\\\newpage\n'))).toEqual(['paragraph', 'paragraph'])
    expect(types(memo('- \\newpage\n- tweede\n'))).toEqual(['bullet_list'])
  })

  it('show in compare as one format change, named, that adds no words', () => {
    const a = read(memo('Het kabinet investeert 110 miljoen euro.\n\n## Bijlage\n\nDe verdeling.\n'))
    const b = read(memo('Het kabinet investeert 110 miljoen euro.\n\n\\newpage\n\n## Bijlage\n\nDe verdeling.\n'))
    const cmp = compareDocuments({ meta: a.meta, content: a.doc.toJSON() }, { meta: b.meta, content: b.doc.toJSON() })
    expect(cmp.changes.map((c) => [c.kind, c.detail])).toEqual([['format', 'pagina-einde ingevoegd']])
    // Layout, not words: the counts of words stay at zero.
    expect([cmp.stats.insertedWords, cmp.stats.deletedWords]).toEqual([0, 0])
  })

  it('are Word page breaks that Word files bring back exactly, and LibreOffice starts a new page there', async () => {
    const app = openTestApp()
    const { id } = must(await app.api.importMarkdown({ text: withBreak, type: 'memo' }))
    const doc = must(await app.api.openDocument({ id })).content
    const file = Buffer.from(must(await app.api.exportDocx({ id })).base64, 'base64')
    expect((await docxParts(file))['word/document.xml']).toContain('<w:br w:type="page"/>')
    const back = must(await app.api.importDocx({ base64: file.toString('base64'), fileName: 'memo.docx' }))
    expect(must(await app.api.openDocument({ id: back.id })).content).toEqual(doc)
    if (runLibreOffice) {
      const without = must(await app.api.importMarkdown({ text: withBreak.replace('\\newpage\n\n', ''), type: 'memo' }))
      const plain = convert(Buffer.from(must(await app.api.exportDocx({ id: without.id })).base64, 'base64'), 'pdf', 'zonder')
      const broken = convert(file, 'pdf', 'met')
      expect(pdfPages(broken)).toBe(pdfPages(plain) + 1)
      expect(pdfText(broken).split('\f').at(-2)).toMatch(/^\s*Bijlage/m)
    }
    app.close()
  })

  it('read from Word: a break inside a paragraph splits it, and "page break before" starts one', async () => {
    const app = openTestApp()
    const { id } = must(await app.api.importMarkdown({ text: memo('Eerste alinea.\n\nTweede alinea.\n'), type: 'memo' }))
    const zip = await JSZip.loadAsync(Buffer.from(must(await app.api.exportDocx({ id })).base64, 'base64'))
    let xml = await zip.file('word/document.xml')!.async('string')
    // As Word writes Ctrl+Enter typed in the middle of a sentence, and a paragraph set to start on a new page.
    xml = xml.replace('<w:t xml:space="preserve">Eerste alinea.</w:t>', '<w:t xml:space="preserve">Eerste</w:t></w:r><w:r><w:br w:type="page"/></w:r><w:r><w:t xml:space="preserve">alinea.</w:t>')
    xml = xml.replace(/(<w:p>|<w:p [^>]*>)(<w:pPr>)?((?:(?!<\/w:p>).)*?Tweede alinea)/, (_m, p, pPr, rest) => `${p}<w:pPr><w:pageBreakBefore/>${pPr ? '' : '</w:pPr>'}${rest}`)
    zip.file('word/document.xml', xml)
    const imported = must(await app.api.importDocx({ base64: (await zip.generateAsync({ type: 'nodebuffer' })).toString('base64'), fileName: 'word.docx' }))
    const content = must(await app.api.openDocument({ id: imported.id })).content.content as { type: string; content?: { text?: string }[] }[]
    expect(content.map((b) => [b.type, (b.content ?? []).map((n) => n.text).join('')])).toEqual([['paragraph', 'Eerste'], ['page_break', ''], ['paragraph', 'alinea.'], ['page_break', ''], ['paragraph', 'Tweede alinea.']])
    app.close()
  })
})
