import { beforeAll, describe, expect, it } from 'vitest'
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { openTestApp, must, latestVersion } from '../helpers/app.js'
import { chainsDir, corpusDocuments, readBigLetter, repoRoot } from '../helpers/corpus.js'
import { convert, docxParts, odtContent, pdfPages, pdfText, runLibreOffice } from '../helpers/docx.js'
import { readMarkdown } from '../../src/core/markdown-in.js'

const unescapeXml = (xml: string) => xml.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')

const artifacts = join(repoRoot, 'test/artifacts')
const app = openTestApp()
const { api } = app
let letterId = 0
let clean: Buffer
let redline: Buffer
let footnoteTexts: string[] = []

beforeAll(async () => {
  // Revisions carry the author set in Paraaf, whoever runs the tests.
  must(await api.setSettings({ author: 'M. de Vries' }))
  letterId = must(await api.importMarkdown({ text: readBigLetter(), fileName: 'brief.md' })).id
  const read = readMarkdown(readBigLetter())
  if (read.ok) read.doc.descendants((n) => { if (n.type.name === 'footnote') footnoteTexts.push(n.textContent); return true })
  // A reviewer's version: two sentences changed, one deleted, bold added, and comments with a reply.
  const snap = must(await api.openDocument({ id: letterId }))
  const text = JSON.stringify(snap.content)
    .replace('De georganiseerde criminaliteit draait op volle toeren.', 'De georganiseerde misdaad draait op volle toeren.')
    .replace(' Dit toont eens te meer de noodzaak van het brede offensief tegen georganiseerde ondermijnende criminaliteit.', '')
  must(await api.saveVersion({ id: letterId, base: await latestVersion(api, letterId), meta: snap.meta, content: JSON.parse(text), kind: 'named', label: 'Reactie Politie' }))
  const { commentId } = must(await api.commentOnQuote({ id: letterId, quote: '88 miljoen euro in 2020', org: 'DFEZ', author: 'K. Kas', text: 'Bedragen afgestemd met DFEZ.' }))
  must(await api.replyComment({ commentId, text: 'Dank, verwerkt.', org: 'JenV', author: 'P. de Boer' }))
  must(await api.setCommentResolved({ commentId, resolved: true }))
  clean = Buffer.from(must(await api.exportDocx({ id: letterId, version: 1 })).base64, 'base64')
  redline = Buffer.from(must(await api.exportDocx({ id: letterId, against: 1, comments: true })).base64, 'base64')
})

describe('Word export of the 18 June letter', () => {
  it('sets the Retouradres 6.5 pt on 9 pt, Datum and Onderwerp 9 pt on 12 pt with a wrapped onderwerp under its value, and three white lines before the body', async () => {
    const doc = (await docxParts(clean))['word/document.xml']
    const paragraph = (text: string) => [...doc.matchAll(/<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g)].map((m) => m[0]).find((p) => p.includes(text))!
    const retour = paragraph('Retouradres Postbus')
    expect(retour).toMatch(/<w:spacing [^>]*w:line="180"[^>]*w:lineRule="exact"/)
    expect(retour).toContain('<w:sz w:val="13"/>')
    for (const label of ['Datum\t', 'Onderwerp\t']) {
      const p = paragraph(`<w:t xml:space="preserve">${label.replace('\t', '')}</w:t>`) ?? paragraph(label.replace('\t', ''))
      expect(p).toMatch(/<w:spacing [^>]*w:line="240"[^>]*w:lineRule="exact"/)
      expect(p).toMatch(/<w:ind [^>]*w:hanging="1361"/)
      expect(p).not.toContain('<w:sz w:val="13"/>')
    }
    // After the letterhead table: three empty paragraphs of one body line each, then the first body paragraph.
    const afterTable = doc.slice(doc.indexOf('</w:tbl>') + 8)
    const firstThree = [...afterTable.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)].slice(0, 3).map((m) => m[0])
    for (const p of firstThree) {
      expect(p).not.toContain('<w:t')
      expect(p).toMatch(/w:line="240" w:lineRule="exact"/)
    }
  })

  it('writes the letterhead fields, real footnotes and page numbers', async () => {
    const parts = await docxParts(clean)
    const doc = parts['word/document.xml']
    expect(doc).toContain('Ons kenmerk')
    expect(doc).toContain('2946123')
    expect(doc).toContain('Retouradres Postbus 20301 2500 EH Den Haag')
    expect(doc).toContain('Uitwerking breed offensief tegen georganiseerde ondermijnende criminaliteit')
    expect(doc).toMatch(/<w:fldSimple w:instr="DOCPROPERTY Datum"[^>]*>[\s\S]*?18 juni 2020/)
    expect(doc).toContain('<w:pStyle w:val="Heading1"/>')
    expect(doc).toContain('<w:tblHeader/>')
    const notes = unescapeXml(parts['word/footnotes.xml'])
    const bodies = [...notes.matchAll(/<w:footnote [^>]*w:id="(\d+)"[^>]*>([\s\S]*?)<\/w:footnote>/g)].filter(([, id]) => Number(id) > 0)
    expect(bodies).toHaveLength(22)
    expect(footnoteTexts).toHaveLength(22)
    for (const text of footnoteTexts) expect(notes.replace(/<[^>]+>/g, '')).toContain(text)
    expect(doc.match(/<w:footnoteReference /g)).toHaveLength(22)
    // The date on later pages comes from the same property as on page 1.
    const headers = Object.entries(parts).filter(([name]) => /word\/header\d*\.xml/.test(name)).map(([, xml]) => xml).join('')
    expect(headers).toContain('DOCPROPERTY Datum')
    expect(parts['docProps/custom.xml']).toContain('18 juni 2020')
    // "Pagina X van Y" at the foot of the sender column: on page 1 in its cell, later in the header's text box.
    expect(doc).toMatch(/Pagina[\s\S]*PAGE[\s\S]*van[\s\S]*NUMPAGES/)
    const box = /<wps:txbx><w:txbxContent>([\s\S]*?)<\/w:txbxContent><\/wps:txbx>/.exec(headers)?.[1] ?? ''
    for (const s of ['Directoraat-Generaal Rechtspleging en Rechtshandhaving', 'Ons kenmerk', 'DOCPROPERTY Datum']) expect(box).toContain(s)
    expect(box).toMatch(/Pagina[\s\S]*PAGE[\s\S]*van[\s\S]*NUMPAGES/)
    // Nothing of the column is left in the header's own paragraphs, which would push the body down.
    expect(headers.replace(/<mc:AlternateContent>[\s\S]*?<\/mc:AlternateContent>/g, '')).not.toContain('Ons kenmerk')
  })

  it('prints no placeholder in the logo slot, and a space after each footnote number', async () => {
    const parts = await docxParts(clean)
    const all = Object.values(parts).join('')
    expect(all).not.toContain('logo ministerie')
    // Every footnote: its number, then a space, then its text.
    const notes = [...parts['word/footnotes.xml'].matchAll(/<w:footnote [^>]*w:id="(\d+)"[^>]*>([\s\S]*?)<\/w:footnote>/g)].filter(([, id]) => Number(id) > 0)
    for (const [, , body] of notes) expect(body).toMatch(/<w:footnoteRef\/><\/w:r><w:r>(?:<w:rPr>(?:(?!<\/w:rPr>).)*<\/w:rPr>)?<w:t xml:space="preserve"> <\/w:t>/)
  })

  it('places the ministry\'s logo from the template folder centred at the top edge of the sheet, 13 × 37.125 mm', async () => {
    const { mkdtempSync, cpSync, writeFileSync: write } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const templates = mkdtempSync(join(tmpdir(), 'paraaf-sjablonen-'))
    cpSync(join(repoRoot, 'templates'), templates, { recursive: true })
    const manifest = JSON.parse(readFileSync(join(templates, 'kamerbrief', 'manifest.json'), 'utf8'))
    manifest.layout.logo = 'logo.png'
    write(join(templates, 'kamerbrief', 'manifest.json'), JSON.stringify(manifest))
    // A 1 × 1 blue PNG stands in for the ribbon.
    write(join(templates, 'kamerbrief', 'logo.png'), Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgaPj/HwAE/wJ/hw0q9QAAAABJRU5ErkJggg==', 'base64'))
    const { openApp } = await import('../../src/service/open-app.js')
    const { tempDir } = await import('../helpers/temp.js')
    const withLogo = openApp(tempDir(), { templatesDir: templates })
    const id = must(await withLogo.api.importMarkdown({ text: readBigLetter(), fileName: 'brief.md' })).id
    const parts = await docxParts(Buffer.from(must(await withLogo.api.exportDocx({ id })).base64, 'base64'))
    const header = Object.entries(parts).filter(([name]) => /word\/header\d*\.xml/.test(name)).map(([, xml]) => xml).join('')
    expect(header).toMatch(/<wp:positionH relativeFrom="page"><wp:align>center<\/wp:align><\/wp:positionH>/)
    expect(header).toMatch(/<wp:positionV relativeFrom="page"><wp:posOffset>0<\/wp:posOffset><\/wp:positionV>/)
    // 13 mm × 37.125 mm in EMU (as whole pixels at 96 dpi).
    const [, cx, cy] = /<wp:extent cx="(\d+)" cy="(\d+)"\/>/.exec(header)!
    expect(Number(cx) / 36_000).toBeCloseTo(13, 0)
    expect(Number(cy) / 36_000).toBeCloseTo(37.1, 0)
    withLogo.close()
  })

  it('prints the type of a nota and a memo as the template names it, "Nota" and "Memo"', async () => {
    for (const [type, label] of [['nota', 'Nota'], ['memo', 'Memo']]) {
      const id = must(await api.createDocument({ type, meta: { onderwerp: 'Afstemming begroting', aan: 'Minister', datum: '2020-06-18', afzender: ['DGRR'] } })).id
      const result = await api.exportDocx({ id })
      if (!result.ok) throw new Error(result.error)
      const doc = (await docxParts(Buffer.from(result.value.base64, 'base64')))['word/document.xml']
      expect(doc).toContain(`<w:t xml:space="preserve">${label}</w:t>`)
      expect(doc).not.toContain(`<w:t xml:space="preserve">${type}</w:t>`)
    }
  })

  it('keeps the last paragraph with the signature block, role and name together, and leaves a white line after a list', async () => {
    const paras = [...(await docxParts(clean))['word/document.xml'].matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map((m) => m[1])
    const text = (p: string) => [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')
    const role = paras.findIndex((p) => text(p) === 'De Minister van Justitie en Veiligheid,')
    const name = paras.findIndex((p) => text(p) === 'Ferd Grapperhaus')
    expect(role).toBeGreaterThan(0)
    expect(name).toBeGreaterThan(role)
    // Everything from the last body paragraph up to the name is kept with what follows it.
    const lastBody = paras.slice(0, role).map(text).reduce((at, t, i) => (t ? i : at), -1)
    for (let i = lastBody; i < name; i++) expect([i, paras[i]]).toEqual([i, expect.stringContaining('<w:keepNext/>')])
    // The last item of each list is followed by the white line body paragraphs have; the others are not.
    const items = paras.filter((p) => p.includes('<w:numPr>'))
    const ends = paras.map((p, i) => [p, paras[i + 1]] as const).filter(([p, next]) => p.includes('<w:numPr>') && !(next ?? '').includes('<w:numPr>')).map(([p]) => p)
    expect(items.length).toBeGreaterThan(ends.length)
    for (const p of ends) expect(p).not.toContain('w:after="0"')
    for (const p of items.filter((p) => !ends.includes(p))) expect(p).toContain('w:after="0"')
  })

  it('writes lists as Word numbering, including the "1)" style', async () => {
    const parts = await docxParts(clean)
    expect(parts['word/numbering.xml']).toMatch(/<w:lvlText w:val="%\d\)"\/>/)
    expect(parts['word/numbering.xml']).toContain('<w:numFmt w:val="bullet"/>')
    expect(parts['word/document.xml']).toContain('<w:numPr>')
  })

  it('writes the changes against version 1 as Word revisions with author and date, and the comments with replies and resolved state', async () => {
    const parts = await docxParts(redline)
    const doc = parts['word/document.xml']
    expect(doc).toMatch(/<w:del w:id="\d+" w:author="M\. de Vries" w:date="[^"]+"><w:r>(?:<w:rPr\/>)?<w:delText[^>]*>criminaliteit<\/w:delText>/)
    expect(doc).toMatch(/<w:ins w:id="\d+" w:author="M\. de Vries" w:date="[^"]+"><w:r>(?:<w:rPr\/>)?<w:t[^>]*>misdaad<\/w:t>/)
    expect(doc).toContain('Dit toont eens te meer de noodzaak')
    expect(parts['word/settings.xml']).toContain('<w:trackRevisions/>')
    expect(doc).toMatch(/<w:commentRangeStart w:id="0"\/>[\s\S]*88 miljoen euro in 2020[\s\S]*<w:commentRangeEnd w:id="0"\/>/)
    expect(parts['word/comments.xml']).toContain('K. Kas (DFEZ)')
    expect(parts['word/comments.xml']).toContain('Dank, verwerkt.')
    expect(parts['word/commentsExtended.xml']).toMatch(/w15:done="1"/)
    expect(parts['word/commentsExtended.xml']).toMatch(/w15:paraIdParent=/)
  })

  it('asks for missing metadata instead of leaving the letterhead blank', async () => {
    const id = must(await api.createDocument({ type: 'kamerbrief', meta: { onderwerp: 'Nieuw' } })).id
    expect(await api.exportDocx({ id })).toEqual({ ok: false, error: expect.stringMatching(/^Vul eerst in: Datum, Ons kenmerk, Afzender \(directie, onderdeel\), Geadresseerde\./) })
  })
})

describe.runIf(runLibreOffice)('Word export through LibreOffice', () => {
  it('converts the letter to PDF with its onderwerp, kenmerk, page numbers, footnotes and table figures', () => {
    const pdf = convert(clean, 'pdf', 'brief')
    const text = pdfText(pdf).replace(/\s+/g, ' ')
    // In reading order (not laid out: the sender column stands beside the wrapped onderwerp).
    expect(execFileSync('pdftotext', ['-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')).toContain('Uitwerking breed offensief tegen georganiseerde ondermijnende criminaliteit')
    for (const s of ['Ons kenmerk', '2946123', 'Pagina 1 van', '18 juni 2020', '3,9 mln', '30,7 mln', '24,2 mln']) expect(text).toContain(s)
    // Every footnote's text is in the PDF (as LibreOffice lays it out: spaces normalised).
    for (const note of footnoteTexts) expect(text).toContain(note.replace(/\s+/g, ' '))
    // The letter as sent had 18 pages; with the fonts Debian has (DejaVu Sans for Verdana) it may take one more.
    const pages = pdfPages(pdf)
    expect(pages).toBeGreaterThanOrEqual(16)
    expect(pages).toBeLessThanOrEqual(19)
    // Later pages: the body starts under the logo area (4 cm), not under the sender column, which stands beside it.
    const words = (box: string) => [...box.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), w: m[3] }))
    const page3 = words(execFileSync('pdftotext', ['-f', '3', '-l', '3', '-bbox', pdf, '-'], { encoding: 'utf8' }))
    const cm = 72 / 2.54
    const body = page3.filter((w) => w.x < 14 * cm)
    const column = page3.filter((w) => w.x > 15 * cm)
    expect(Math.min(...body.map((w) => w.y))).toBeLessThan(4.3 * cm)
    expect(column.map((w) => w.w).join(' ')).toMatch(/Datum 18 juni 2020 Ons kenmerk 2946123 Pagina 3 van \d+/)
    expect(Math.min(...column.map((w) => w.y))).toBeLessThan(4.3 * cm)
    // Page 1 and 2 as pictures, kept for a person to look at.
    mkdirSync(artifacts, { recursive: true })
    copyFileSync(pdf, join(artifacts, 'brief-18-juni.pdf'))
    execFileSync('pdftoppm', ['-r', '70', '-f', '1', '-l', '2', '-png', pdf, join(artifacts, 'brief-18-juni-pagina')])
  })

  it('shows the redline as tracked changes and the comments as annotations in ODT', async () => {
    const odt = await odtContent(convert(redline, 'odt', 'redline'))
    expect(odt).toContain('<text:tracked-changes')
    expect(odt).toMatch(/<text:changed-region[\s\S]*?<text:deletion>[\s\S]*?criminaliteit/)
    expect(odt).toContain('<text:insertion>')
    expect(odt).toContain('<office:annotation')
    expect(odt).toContain('Bedragen afgestemd met DFEZ.')
  })

  const twoPager = ['two-pager-deltaplan/v2.md', '---\ntype: "two-pager"\nonderwerp: "Deltaplan ondermijning"\ndatum: "2019-10-10"\n---\n' + readFileSync(join(chainsDir, 'two-pager-deltaplan', 'v2.md'), 'utf8')] as const
  const samples = [...corpusDocuments().filter(([name]) => !name.startsWith('kamerbrief-2020')), twoPager]
  it.each(samples.map(([name]) => [name]))('converts %s in its own template to PDF', async (name) => {
    const text = samples.find(([n]) => n === name)![1]
    const id = must(await api.importMarkdown({ text, fileName: name })).id
    const snap = must(await api.openDocument({ id }))
    // Fill what the template requires and the corpus file does not say, as a user would before exporting.
    const templates = must(await api.listTemplates())
    const template = templates.find((t) => t.type === snap.type)!
    const meta = { ...snap.meta }
    for (const f of template.fields) if (f.required && !meta[f.key]) meta[f.key] = f.kind === 'date' ? '2020-03-09' : f.kind === 'lines' ? ['Directie Ondermijning'] : 'Minister van JenV'
    must(await api.saveVersion({ id, base: await latestVersion(api, id), meta, content: snap.content, kind: 'auto' }))
    const file = Buffer.from(must(await api.exportDocx({ id })).base64, 'base64')
    const pdfText_ = pdfText(convert(file, 'pdf', name.replace(/[/.]/g, '-'))).replace(/\s+/g, ' ')
    expect(pdfText_).toContain(String(meta.onderwerp).slice(0, 30))
  })
})

describe.runIf(runLibreOffice)('comment replies in the Word file', () => {
  it('anchors each reply on its thread\'s text, so a LibreOffice re-save keeps every reply', async () => {
    // A minute between comments, as between people answering each other.
    let at = Date.UTC(2020, 5, 12, 9, 0)
    const { api } = openTestApp(undefined, { now: () => new Date((at += 60_000)) })
    const { id } = must(await api.importMarkdown({ text: readBigLetter(), fileName: 'brief.md' }))
    const one = must(await api.commentOnQuote({ id, quote: 'crystal meth-labs', org: 'Politie', text: 'Klopt dit aantal?' }))
    must(await api.replyComment({ commentId: one.commentId, text: 'Ja, 2019: 94 labs.', org: 'OM' }))
    must(await api.replyComment({ commentId: one.commentId, text: 'Dan zo laten.', org: 'Politie' }))
    const two = must(await api.commentOnQuote({ id, quote: 'Rotterdamse haven', org: 'FIOD', text: 'Ook Vlissingen noemen.' }))
    must(await api.replyComment({ commentId: two.commentId, text: 'Toegevoegd.', org: 'JenV' }))
    const file = must(await api.exportDocx({ id, comments: true }))
    const parts = await docxParts(Buffer.from(file.base64, 'base64'))
    // Five comments, each with its own range and reference.
    for (const n of [0, 1, 2, 3, 4]) {
      expect(parts['word/document.xml']).toContain(`<w:commentRangeStart w:id="${n}"/>`)
      expect(parts['word/document.xml']).toContain(`<w:commentReference w:id="${n}"/>`)
    }
    const resaved = convert(Buffer.from(file.base64, 'base64'), 'docx', 'opmerkingen')
    const back = must(await api.importDocx({ base64: readFileSync(resaved).toString('base64'), fileName: 'opnieuw.docx' }))
    const threads = must(await api.listComments({ id: back.id })).threads
    // Both threads (in one paragraph, so in either order), each reply with its own thread.
    expect(threads).toHaveLength(2)
    expect(threads.map((t) => [t.text, t.replies.map((r) => r.text)])).toEqual(expect.arrayContaining([
      ['Ook Vlissingen noemen.', ['Toegevoegd.']],
      ['Klopt dit aantal?', ['Ja, 2019: 94 labs.', 'Dan zo laten.']],
    ]))
  }, 180_000)
})
