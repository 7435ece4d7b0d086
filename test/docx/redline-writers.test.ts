import { describe, expect, it } from 'vitest'
import { must, openTestApp } from '../helpers/app.js'
import { docxParts } from '../helpers/docx.js'

// What each writer of the Word redline (src/docx/content.ts) puts in the
// file, as Word writes the same revision: one small edit per case, the XML
// that carries it.

const front = '---\ntype: "memo"\nonderwerp: "Redline"\naan: "DG"\nvan: "Directie"\ndatum: "2020-06-18"\n---\n'
const rev = '<w:(ins|del) w:id="\\d+" w:author="M. de Vries" w:date="[^"]+"'

async function redline(older: string, newer: string, raw = false): Promise<{ doc: string; notes: string }> {
  const app = openTestApp()
  const { api } = app
  must(await api.setSettings({ author: 'M. de Vries' }))
  const { id } = must(await api.importMarkdown({ text: front + older, fileName: 'r.md' }))
  must(await api.saveMarkdownVersion({ id, text: front + newer }))
  const parts = await docxParts(Buffer.from(must(await api.exportDocx({ id, against: 1 })).base64, 'base64'))
  app.close()
  // Style and spacing properties left out, so the revision markup stands alone.
  const bare = (xml: string) => raw ? xml : xml.replace(/<w:pStyle [^>]*\/>|<w:spacing [^>]*\/>|<w:keepNext\/>|<w:numPr>.*?<\/w:numPr>/g, '').replace(/<w:pPr><\/w:pPr>/g, '')
  return { doc: bare(parts['word/document.xml']), notes: bare(parts['word/footnotes.xml'] ?? '') }
}

const re = (source: string) => new RegExp(source.replace(/REV/g, rev))

describe('the Word redline, element by element', () => {
  it('a deleted paragraph: its text in w:del and its paragraph mark deleted (w:pPr/w:rPr/w:del), so accepting leaves no empty paragraph', async () => {
    const { doc } = await redline('Eerste alinea.\n\nWeg ermee.\n\nLaatste alinea.\n', 'Eerste alinea.\n\nLaatste alinea.\n')
    expect(doc).toMatch(re('<w:p><w:pPr><w:rPr>REV/></w:rPr></w:pPr>REV><w:r><w:delText xml:space="preserve">Weg ermee.</w:delText></w:r></w:del></w:p>'))
  })

  it('an inserted paragraph: its text in w:ins and its paragraph mark inserted, so rejecting leaves no empty paragraph', async () => {
    const { doc } = await redline('Eerste alinea.\n\nLaatste alinea.\n', 'Eerste alinea.\n\nNieuw erbij.\n\nLaatste alinea.\n')
    expect(doc).toMatch(re('<w:p><w:pPr><w:rPr>REV/></w:rPr></w:pPr>REV><w:r><w:t xml:space="preserve">Nieuw erbij.</w:t></w:r></w:ins></w:p>'))
  })

  it('a line break typed into a paragraph: a w:br inside w:ins', async () => {
    const { doc } = await redline('Een regel en nog een.\n', 'Een regel\\\nen nog een.\n')
    expect(doc).toMatch(re('REV><w:r><w:br/></w:r></w:ins>'))
  })

  it('a new footnote: the reference run inside w:ins, and the note\'s text inserted too', async () => {
    const { doc, notes } = await redline('Een zin.\n', 'Een zin.[^1]\n\n[^1]: Kamerstukken II 2019/20, 29911, nr. 254.\n')
    expect(doc).toMatch(re('REV><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r></w:ins>'))
    expect(notes).toMatch(re('REV><w:r><w:t xml:space="preserve">Kamerstukken II 2019/20, 29911, nr. 254.</w:t></w:r></w:ins>'))
  })

  it('a deleted footnote: the reference run inside w:del, its text deleted in the note', async () => {
    const { doc, notes } = await redline('Een zin.[^1]\n\n[^1]: Oude noot.\n', 'Een zin.\n')
    expect(doc).toMatch(re('REV><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r></w:del>'))
    expect(notes).toMatch(re('REV><w:r><w:delText xml:space="preserve">Oude noot.</w:delText></w:r></w:del>'))
    expect(doc).not.toContain('[voetnoot:')
  })

  it('a footnote whose text changed: one reference, untracked, and the changed words tracked inside the note', async () => {
    const { doc, notes } = await redline('Een zin.[^1]\n\n[^1]: Kamerstukken II, nr. 254.\n', 'Een zin.[^1]\n\n[^1]: Kamerstukken II, nr. 275.\n')
    expect(doc.match(/<w:footnoteReference /g)).toHaveLength(1)
    expect(doc).toMatch(/<w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteReference w:id="1"\/><\/w:r>/)
    expect(notes).toMatch(re('<w:t xml:space="preserve">Kamerstukken II, nr. </w:t></w:r>REV><w:r><w:delText xml:space="preserve">254</w:delText></w:r></w:del>REV><w:r><w:t xml:space="preserve">275</w:t></w:r></w:ins>'))
  })

  it('two paragraphs merged: the first one\'s paragraph mark deleted, no ¶ written as text', async () => {
    const { doc } = await redline('De eerste helft van een lange zin over de aanpak van ondermijning in de regio\n\nen de tweede helft van diezelfde lange zin over de aanpak.\n', 'De eerste helft van een lange zin over de aanpak van ondermijning in de regio en de tweede helft van diezelfde lange zin over de aanpak.\n')
    expect(doc).not.toContain('¶')
    expect(doc).toMatch(re('in de regio</w:t></w:r></w:p>|in de regio</w:t></w:r>REV'))
    expect(doc).toMatch(re('<w:p><w:pPr><w:rPr>REV/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">De eerste helft'))
  })

  it('a heading right after a table keeps the white line above it that the clean export gives it', async () => {
    const text = 'Voor.\n\n| Post | 2020 |\n|---|---|\n| MIT | 5 mln |\n\n## Corruptie\n\nNa.\n'
    const { doc } = await redline(text, text.replace('Na.', 'Daarna.'), true)
    // One line of the memo's body leading (12 pt: 240 twips).
    expect(doc).toMatch(/<w:p><w:pPr><w:pStyle w:val="Heading1"\/><w:spacing w:before="240"\/><\/w:pPr><w:r><w:t xml:space="preserve">Corruptie<\/w:t>/)
  })

  it('a table deleted whole: every row deleted (w:trPr/w:del), its text in w:del', async () => {
    const { doc } = await redline('Voor.\n\n| Post | 2020 |\n|---|---|\n| MIT | 5 mln |\n\nNa.\n', 'Voor.\n\nNa.\n')
    // The memo's own letterhead table aside: the rows of the deleted table.
    const rows = (doc.match(/<w:tr>.*?<\/w:tr>/g) ?? []).filter((row) => /Post|MIT/.test(row))
    expect(rows).toHaveLength(2)
    for (const row of rows) expect(row).toMatch(re('<w:trPr>(?:<w:tblHeader[^>]*/>)?REV/></w:trPr>'))
    expect(doc).toContain('<w:delText xml:space="preserve">MIT</w:delText>')
  })

  it('a comment over a passage holding a footnote reference: its range starts and ends in the body, none in the notes', async () => {
    const app = openTestApp()
    const { api } = app
    const { id } = must(await api.importMarkdown({ text: front + 'In oktober 2019[^1] informeerde ik uw Kamer over dit offensief.\n\n[^1]: Kamerstukken II 2019/20, 29911, nr. 254.\n', fileName: 'r.md' }))
    must(await api.commentOnQuote({ id, quote: 'oktober 2019 informeerde ik', org: 'OM', text: 'Datum?' }))
    const parts = await docxParts(Buffer.from(must(await api.exportDocx({ id, comments: true })).base64, 'base64'))
    app.close()
    expect(parts['word/footnotes.xml']).not.toMatch(/commentRange|commentReference/)
    expect(parts['word/document.xml']).toMatch(/<w:commentRangeStart w:id="0"\/>.*oktober 2019.*<w:footnoteReference w:id="1"\/>.*informeerde ik<\/w:t><\/w:r><w:commentRangeEnd w:id="0"\/>/)
  })

  it('a comment over two paragraphs: one range from the first to the end of the second, read back over both', async () => {
    const app = openTestApp()
    const { api } = app
    const { id } = must(await api.importMarkdown({ text: front + 'Eerste alinea over de aanpak.\n\nTweede alinea over de middelen.\n\nDerde alinea zonder opmerking.\n', fileName: 'r.md' }))
    const snap = must(await api.openDocument({ id }))
    // From "aanpak" in the first paragraph to "middelen" in the second (ProseMirror positions: each paragraph opens with one).
    const first = 'Eerste alinea over de '.length + 1
    const second = 'Eerste alinea over de aanpak.'.length + 2 + 1 + 'Tweede alinea over de middelen'.length
    must(await api.addComment({ id, base: snap.version.number, from: first, to: second, text: 'Klopt dit?', org: 'OM' }))
    const file = Buffer.from(must(await api.exportDocx({ id, comments: true })).base64, 'base64')
    const doc = (await docxParts(file))['word/document.xml']
    expect(doc.match(/<w:commentRangeStart w:id="0"\/>/g)).toHaveLength(1)
    expect(doc.match(/<w:commentRangeEnd w:id="0"\/>/g)).toHaveLength(1)
    expect(doc.match(/<w:commentReference w:id="0"\/>/g)).toHaveLength(1)
    expect(doc).toMatch(/<w:commentRangeStart w:id="0"\/>.*aanpak.*<\/w:p>.*middelen<\/w:t><\/w:r><w:commentRangeEnd w:id="0"\/>/)
    // Read back: the comment covers the same words in both paragraphs.
    const read = must(await api.importDocx({ base64: file.toString('base64'), fileName: 'terug.docx' }))
    const back = must(await api.openDocument({ id: read.id }))
    const marked = (back.content.content as { content?: { text?: string; marks?: { type: string }[] }[] }[]).map((p) => (p.content ?? []).filter((t) => t.marks?.some((m) => m.type === 'comment')).map((t) => t.text).join(''))
    expect(marked).toEqual(['aanpak.', 'Tweede alinea over de middelen', ''])
    app.close()
  })
})
