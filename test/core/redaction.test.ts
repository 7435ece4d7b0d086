import { describe, expect, it } from 'vitest'
import { compareDocuments } from '../../src/core/diff/compare.js'
import { readMarkdown } from '../../src/core/markdown-in.js'
import { writeMarkdown } from '../../src/core/markdown-out.js'
import { listRedactions, publicationDoc, publicationMeta, redact, redactMeta, unredact } from '../../src/core/redaction.js'
import { schema } from '../../src/core/schema.js'
import { readBigLetter } from '../helpers/corpus.js'

const read = (text: string) => {
  const r = readMarkdown(text)
  if (!r.ok) throw new Error(r.error)
  return r
}

const nota = `Gesproken met J. de Vries en met **J. de Vries** (DGRR); J. de Vriesland is een ander.

Bereikbaar via j.devries@minjenv.nl.[^1]

| Naam | Rol |
| --- | --- |
| J. de Vries | projectleider |

[^1]: Zie ook het verslag van J. de Vries.
`

describe('redaction marks', () => {
  it('marks the first occurrence, or with all every whole-word occurrence in body, tables and footnotes', () => {
    const { doc } = read(nota)
    const one = redact(doc, 'J. de Vries', '5.1.2e')
    expect(one.count).toBe(1)
    expect(listRedactions(one.doc)).toEqual([{ quote: 'J. de Vries', ground: '5.1.2e', count: 1 }])
    const all = redact(one.doc, 'J. de Vries', '5.1.2e', true)
    // The bold one, the table cell and the footnote; "J. de Vriesland" is another name.
    expect(all.count).toBe(3)
    expect(listRedactions(all.doc)).toEqual([{ quote: 'J. de Vries', ground: '5.1.2e', count: 4 }])
    expect(redact(all.doc, 'J. de Vries', '5.1.2e', true).count).toBe(0)
    expect(unredact(all.doc, 'J. de Vries').count).toBe(4)
  })

  it('refuses a ground that is not one of the Woo, in the schema itself', () => {
    expect(() => schema.marks.redaction.create({ ground: 'privacy' })).toThrow(/geen weigeringsgrond/)
    expect(() => schema.nodeFromJSON({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'redaction', attrs: { ground: '9.9' } }] }] }] }).check()).toThrow()
  })

  it('survives Markdown both ways, and a comparison says what was redacted', () => {
    const { doc } = read(nota)
    const marked = redact(doc, 'j.devries@minjenv.nl', '5.1.2e').doc
    const again = read(writeMarkdown(marked)).doc
    expect(again.eq(marked)).toBe(true)
    expect(writeMarkdown(marked)).toContain('<span data-woo="5.1.2e">j.devries@minjenv.nl</span>')
    const change = compareDocuments({ meta: {}, content: doc.toJSON() }, { meta: {}, content: marked.toJSON() })
    const described = JSON.stringify(change)
    expect(described).toContain('gelakt (5.1.2e)')
  })

  it('publishes with every passage replaced by its ground alone: no text, formatting, footnote or comment left of it', () => {
    const { doc } = read(nota)
    let marked = redact(doc, 'J. de Vries', '5.1.2e', true).doc
    marked = redact(marked, 'j.devries@minjenv.nl', '5.1.2e').doc
    const pub = publicationDoc(marked)
    const json = JSON.stringify(pub.doc)
    expect(json).not.toContain('J. de Vries"')
    expect(json).not.toContain('devries@')
    expect(json).toContain('J. de Vriesland')
    // In reading order: the paragraph, its footnote where it is referenced, then the table.
    expect(pub.removed.map((p) => p.quote)).toEqual(['J. de Vries', 'J. de Vries', 'j.devries@minjenv.nl', 'J. de Vries', 'J. de Vries'])
    let boxes = 0
    schema.nodeFromJSON(pub.doc).descendants((n) => { if (n.isText && n.marks.some((m) => m.type.name === 'redaction')) boxes++; return true })
    expect(boxes).toBe(5)
    const meta = publicationMeta({ ondertekening: ['De directeur,', 'J. de Vries'], onderwerp: 'Overleg' }, pub.removed)
    expect(meta).toEqual({ ondertekening: ['De directeur,', '[5.1.2e]'], onderwerp: 'Overleg' })
  })

  it('redacts a name in the metadata too, and scrubs it from what is published', () => {
    const r = redactMeta({ ondertekening: ['De Minister van Justitie en Veiligheid,', 'Ferd Grapperhaus'] }, 'Ferd Grapperhaus', '5.1.2e', true)
    expect(r.count).toBe(1)
    expect(publicationMeta(r.meta, [])).toEqual({ ondertekening: ['De Minister van Justitie en Veiligheid,', '[5.1.2e]'] })
  })

  it('keeps the markers of an earlier release as boxes, and does not take a section number for one', () => {
    const { doc } = read('Met de aanhouding van 5.1.2e en [5.1.2e] is een klap uitgedeeld; zie paragraaf 5.2.1 en T 5.1.2e.\n')
    const pub = publicationDoc(doc)
    expect(pub.kept).toBe(3)
    expect(JSON.stringify(pub.doc).match(/"ground":"5\.1\.2e"/g)).toHaveLength(3)
    expect(schema.nodeFromJSON(pub.doc).textContent).toBe('Met de aanhouding van 5.1.2e en 5.1.2e is een klap uitgedeeld; zie paragraaf 5.2.1 en T 5.1.2e.')
  })

  it('stays bounded on the 18 June letter when a short word is redacted everywhere', () => {
    const { doc } = read(readBigLetter())
    const many = redact(doc, 'de', '5.1.2e', true)
    expect(many.count).toBeGreaterThan(300)
    expect(many.count).toBeLessThanOrEqual(10_000)
  })
})
