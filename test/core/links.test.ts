import { describe, expect, it } from 'vitest'
import { readMarkdown } from '../../src/core/markdown-in.js'
import { writeMarkdown } from '../../src/core/markdown-out.js'
import { isSafeHref, schema } from '../../src/core/schema.js'
import { compareDocuments } from '../../src/core/diff/compare.js'
import { applyDecisions } from '../../src/core/diff/apply.js'
import { convert, docxParts, odtContent, runLibreOffice } from '../helpers/docx.js'
import { must, openTestApp } from '../helpers/app.js'

const letter = `---
onderwerp: "Koppelingen in een brief"
datum: "2026-11-23"
---
Zie [de website van de Rijksoverheid](https://www.rijksoverheid.nl/onderwerpen/ondermijning) en mail **[het team](mailto:info@minjenv.nl)**.[^1]

Een [gevaarlijke](javascript:alert(1)) of [lokale](file:///etc/passwd) koppeling blijft tekst.

[^1]: Kamerstuk [29911, nr. 253](https://zoek.officielebekendmakingen.nl/kst-29911-253.html).
`

function read(text: string) {
  const r = readMarkdown(text)
  if (!r.ok) throw new Error(r.error)
  return r
}
const links = (json: unknown) => JSON.stringify(json).match(/"href":"[^"]+"/g) ?? []

describe('hyperlinks (Ctrl+K) in a letter', () => {
  it('reads web and mail links from Markdown, in the text and in footnotes, and writes them back the same', () => {
    const r = read(letter)
    expect(links(r.doc.toJSON())).toEqual(['"href":"https://www.rijksoverheid.nl/onderwerpen/ondermijning"', '"href":"mailto:info@minjenv.nl"', '"href":"https://zoek.officielebekendmakingen.nl/kst-29911-253.html"'])
    const again = read(writeMarkdown(r.doc, r.meta))
    expect(again.doc.toJSON()).toEqual(r.doc.toJSON())
    // What is not a web or mail address stays text, and never becomes a link.
    expect(r.doc.textContent).toContain('Een [gevaarlijke](javascript:alert(1)) of [lokale](file:///etc/passwd) koppeling blijft tekst.')
  })

  it('accepts only http(s) and mailto addresses; the schema refuses any other', () => {
    expect(['https://www.rijksoverheid.nl', 'http://x.nl/a?b=c#d', 'mailto:a.b@minjenv.nl'].map(isSafeHref)).toEqual([true, true, true])
    expect(['javascript:alert(1)', 'file:///etc/passwd', 'https://', 'https://x.nl/a b', 'data:text/html,x', ' https://x.nl', `https://x.nl/${'a'.repeat(2000)}`].map(isSafeHref)).toEqual([false, false, false, false, false, false, false])
    // A stored or pasted document with another address is refused by the schema itself.
    expect(() => schema.nodeFromJSON({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] }).check()).toThrow(/https:\/\/, http:\/\/ of mailto:/)
  })

  it('shows a new link and a changed address as format changes in compare, exactly reversible', () => {
    const a = read(letter)
    const b = read(letter.replace('(https://www.rijksoverheid.nl/onderwerpen/ondermijning)', '(https://www.rijksoverheid.nl/onderwerpen/georganiseerde-criminaliteit)').replace('mail **[het team](mailto:info@minjenv.nl)**', 'mail **het team**'))
    const cmp = compareDocuments({ meta: a.meta, content: a.doc.toJSON() }, { meta: b.meta, content: b.doc.toJSON() })
    expect(cmp.changes.map((c) => [c.kind, c.detail])).toEqual([
      ['format', 'koppeling gewijzigd naar https://www.rijksoverheid.nl/onderwerpen/georganiseerde-criminaliteit'],
      ['format', 'koppeling verwijderd'],
    ])
    expect(applyDecisions(cmp, () => 'a').content).toEqual(a.doc.toJSON())
    expect(applyDecisions(cmp, () => 'b').content).toEqual(b.doc.toJSON())
  })

  it('exports links as Word hyperlinks (body and footnotes) that come back exactly, and LibreOffice follows', async () => {
    const app = openTestApp()
    const { id } = must(await app.api.importMarkdown({ text: letter, type: 'memo' }))
    const doc = must(await app.api.openDocument({ id })).content
    const file = must(await app.api.exportDocx({ id }))
    const parts = await docxParts(Buffer.from(file.base64, 'base64'))
    expect(parts['word/document.xml']).toMatch(/<w:hyperlink [^>]*r:id="[^"]+"[^>]*><w:r><w:rPr><w:rStyle w:val="Hyperlink"\/>/)
    expect(parts['word/_rels/footnotes.xml.rels']).toContain('Target="https://zoek.officielebekendmakingen.nl/kst-29911-253.html" TargetMode="External"')
    const back = must(await app.api.importDocx({ base64: file.base64, fileName: 'brief.docx' }))
    expect(must(await app.api.openDocument({ id: back.id })).content).toEqual(doc)
    if (runLibreOffice) {
      // LibreOffice reads them as links too, in the text and in the footnote.
      const odt = await odtContent(convert(Buffer.from(file.base64, 'base64'), 'odt'))
      expect(odt.match(/xlink:href="[^"]+"/g)).toEqual(['xlink:href="https://www.rijksoverheid.nl/onderwerpen/ondermijning"', 'xlink:href="mailto:info@minjenv.nl"', 'xlink:href="https://zoek.officielebekendmakingen.nl/kst-29911-253.html"'])
    }
    app.close()
  })
})
