import { describe, expect, it } from 'vitest'
import JSZip from 'jszip'
import { importDocx, type ImportedDocx } from '../../src/docx/import-docx.js'
import type { NodeJSON } from '../../src/core/document.js'

// Word files as partners' tools write them, which are not Paraaf's own:
// content controls, endnotes, text boxes, nested tables, tracked rows, a
// second reviewer deleting an insertion, other namespace prefixes. Nothing in
// them may vanish silently.

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
const W = `xmlns:w="${W_NS}"`
const doc = (body: string, ns = W) => `<?xml version="1.0"?><w:document ${ns}><w:body>${body}</w:body></w:document>`
const p = (inner: string, pPr = '') => `<w:p>${pPr}${inner}</w:p>`
const r = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`
const tc = (...paras: string[]) => `<w:tc>${paras.join('')}</w:tc>`
const tr = (...cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`
const tbl = (...rows: string[]) => `<w:tbl>${rows.join('')}</w:tbl>`
const who = 'w:author="B. Jurist" w:date="2024-03-01T10:00:00Z"'

async function read(parts: Record<string, string>): Promise<ImportedDocx> {
  const zip = new JSZip()
  for (const [name, content] of Object.entries(parts)) zip.file(name, content)
  return importDocx(await zip.generateAsync({ type: 'uint8array' }), { newId: (() => { let n = 0; return () => `c${++n}` })() })
}

/** The text of each top-level block; a table as its cells' texts joined with " | " per row. */
function texts(side: { content?: unknown[] }): string[] {
  const text = (n: NodeJSON): string => n.text ?? (n.type === 'footnote' ? `[${(n.content ?? []).map(text).join('')}]` : (n.content ?? []).map(text).join(n.type === 'table_cell' ? '\n' : ''))
  return ((side.content ?? []) as NodeJSON[]).flatMap((b) => (b.type === 'table' ? (b.content ?? []).map((row) => (row.content ?? []).map(text).join(' | ')) : [text(b)]))
}

describe('Word files partners send back', () => {
  it('reads a file whose WordprocessingML uses another prefix than w: (as Python writes it)', async () => {
    const xml = `<?xml version="1.0"?><ns0:document xmlns:ns0="${W_NS}"><ns0:body><ns0:p><ns0:r><ns0:t>Eerste alinea.</ns0:t></ns0:r></ns0:p><ns0:p><ns0:pPr><ns0:pStyle ns0:val="Heading1"/></ns0:pPr><ns0:r><ns0:t>Een kop</ns0:t></ns0:r></ns0:p></ns0:body></ns0:document>`
    const imported = await read({ 'word/document.xml': xml })
    expect(texts(imported.proposal)).toEqual(['Eerste alinea.', 'Een kop'])
    expect(imported.proposal.content![1]).toMatchObject({ type: 'heading', attrs: { level: 1 } })
    // The default namespace without a prefix too.
    const plain = `<?xml version="1.0"?><document xmlns="${W_NS}"><body><p><r><t>Zonder voorvoegsel.</t></r></p></body></document>`
    expect(texts((await read({ 'word/document.xml': plain })).proposal)).toEqual(['Zonder voorvoegsel.'])
  })

  it('keeps endnotes, as footnotes, and says so', async () => {
    const endnotes = `<w:endnotes ${W}><w:endnote w:type="separator" w:id="-1">${p(r(''))}</w:endnote><w:endnote w:id="1">${p(r('Kamerstukken II 2019/20, 29911, nr. 270.'))}</w:endnote></w:endnotes>`
    const imported = await read({ 'word/document.xml': doc(p(r('Zie de brief') + '<w:r><w:endnoteReference w:id="1"/></w:r>' + r(' van april.'))), 'word/endnotes.xml': endnotes })
    expect(texts(imported.proposal)).toEqual(['Zie de brief[Kamerstukken II 2019/20, 29911, nr. 270.] van april.'])
    expect(imported.notices).toEqual(['1 eindnoot als voetnoot overgenomen.'])
  })

  it('keeps cells, rows and paragraphs wrapped in content controls, in their columns', async () => {
    const sdt = (inner: string) => `<w:sdt><w:sdtPr><w:alias w:val="Veld"/></w:sdtPr><w:sdtContent>${inner}</w:sdtContent></w:sdt>`
    const body = tbl(
      tr(tc(p(r('Naam'))), sdt(tc(p(r('Functie')))), tc(p(r('Datum')))),
      sdt(tr(tc(p(r('J. Jansen'))), tc(sdt(p(r('Directeur')))), tc(p(r('1 maart'))))),
    )
    expect(texts((await read({ 'word/document.xml': doc(body) })).proposal)).toEqual(['Naam | Functie | Datum', 'J. Jansen | Directeur | 1 maart'])
  })

  it('keeps a table nested in a cell and a text box, as text where they stand, and says so', async () => {
    const nested = tbl(tr(tc(p(r('Bedrag'))), tc(p(r('12 mln')))))
    const box = `<w:r><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx><w:txbxContent>${p(r('Kader: let op de termijn.'))}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>`
    const body = tbl(tr(tc(p(r('Post')), nested), tc(p(r('Toelichting'))))) + p(r('Tekst met een kader.') + box) + p(r('Volgende alinea.'))
    const imported = await read({ 'word/document.xml': doc(body) })
    expect(texts(imported.proposal)).toEqual(['Post\nBedrag | 12 mln | Toelichting', 'Tekst met een kader.', 'Kader: let op de termijn.', 'Volgende alinea.'])
    expect(imported.notices).toEqual(['1 geneste tabel als tekst overgenomen.', '1 tekstvak als gewone tekst overgenomen.'])
  })

  it('reads tracked row insertions and deletions as rows of one side only, without empty rows', async () => {
    const body = tbl(
      tr(tc(p(r('Post'))), tc(p(r('Bedrag')))),
      `<w:tr><w:trPr><w:ins w:id="1" ${who}/></w:trPr>${tc(p(`<w:ins w:id="2" ${who}>${r('Nieuw')}</w:ins>`))}${tc(p(`<w:ins w:id="3" ${who}>${r('5')}</w:ins>`))}</w:tr>`,
      `<w:tr><w:trPr><w:del w:id="4" ${who}/></w:trPr>${tc(p(`<w:del w:id="5" ${who}><w:r><w:delText>Oud</w:delText></w:r></w:del>`))}${tc(p(`<w:del w:id="6" ${who}><w:r><w:delText>7</w:delText></w:r></w:del>`))}</w:tr>`,
    )
    const imported = await read({ 'word/document.xml': doc(body) })
    expect(texts(imported.proposal)).toEqual(['Post | Bedrag', 'Nieuw | 5'])
    expect(texts(imported.base)).toEqual(['Post | Bedrag', 'Oud | 7'])
  })

  it('leaves out an insertion a second reviewer deleted again, on both sides', async () => {
    const inner = `${r('Het kabinet ')}<w:ins w:id="1" w:author="A. Ambtenaar" w:date="2024-03-01T09:00:00Z"><w:del w:id="2" ${who}><w:r><w:delText>helaas </w:delText></w:r></w:del>${r('echt ')}</w:ins>${r('investeert.')}`
    const imported = await read({ 'word/document.xml': doc(p(inner)) })
    expect(texts(imported.proposal)).toEqual(['Het kabinet echt investeert.'])
    expect(texts(imported.base)).toEqual(['Het kabinet investeert.'])
  })

  it('never takes body text of a file that is not Paraaf\'s own for letterhead fields', async () => {
    const body = p(r('Geachte voorzitter,')) + p(r('Datum: het is van belang dat de datum van inwerkingtreding vaststaat.')) + p(r('Onderwerp van gesprek was de begroting.'))
    const imported = await read({ 'word/document.xml': doc(body) })
    expect(texts(imported.proposal)).toEqual(['Geachte voorzitter,', 'Datum: het is van belang dat de datum van inwerkingtreding vaststaat.', 'Onderwerp van gesprek was de begroting.'])
    expect(imported.meta).toEqual({})
    // Above the salutation, such lines are the letterhead.
    const letter = await read({ 'word/document.xml': doc(p(r('Onderwerp: Breed offensief')) + p(r('Datum: 18 juni 2020')) + p(r('Geachte voorzitter,')) + p(r('De tekst.'))) })
    expect(letter.meta).toMatchObject({ onderwerp: 'Breed offensief', datum: '2020-06-18' })
    expect(texts(letter.proposal)).toEqual(['Geachte voorzitter,', 'De tekst.'])
  })

  it('reads comment text without the whitespace of pretty-printed XML', async () => {
    const comments = `<w:comments ${W}>
      <w:comment w:id="0" w:author="O. Vaart" w:date="2024-03-01T10:00:00Z" w:initials="OV">
        <w:p>
          <w:r>
            <w:t>Graag</w:t>
          </w:r>
          <w:r>
            <w:t xml:space="preserve"> toelichten.</w:t>
          </w:r>
        </w:p>
      </w:comment>
    </w:comments>`
    const body = p(`<w:commentRangeStart w:id="0"/>${r('De tekst')}<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>`)
    const imported = await read({ 'word/document.xml': doc(body), 'word/comments.xml': comments })
    expect(imported.threads.map((t) => t.text)).toEqual(['Graag toelichten.'])
  })

  it('tells the user through the service what it read differently', async () => {
    const { openTestApp, must } = await import('../helpers/app.js')
    const { api } = openTestApp()
    const endnotes = `<w:endnotes ${W}><w:endnote w:id="1">${p(r('Bron.'))}</w:endnote><w:endnote w:id="2">${p(r('Andere bron.'))}</w:endnote></w:endnotes>`
    const zip = new JSZip()
    zip.file('word/document.xml', doc(p(r('Tekst') + '<w:r><w:endnoteReference w:id="1"/></w:r>' + r(' en meer') + '<w:r><w:endnoteReference w:id="2"/></w:r>')))
    zip.file('word/endnotes.xml', endnotes)
    const base64 = (await zip.generateAsync({ type: 'nodebuffer' })).toString('base64')
    const result = must(await api.importDocx({ base64, fileName: 'nota-om.docx' }))
    expect(result.notices).toEqual(['2 eindnoten als voetnoten overgenomen.'])
    expect(must(await api.exportMarkdown({ id: result.id })).markdown).toContain('Tekst[^1] en meer[^2]')
  })
})
