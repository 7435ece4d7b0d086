import { describe, expect, it } from 'vitest'
import { readMarkdown } from '../../src/core/markdown-in.js'
import { writeMarkdown } from '../../src/core/markdown-out.js'
import { schema } from '../../src/core/schema.js'
import { corpusChainVersions, corpusDocuments, readBigLetter } from '../helpers/corpus.js'

function read(text: string) {
  const result = readMarkdown(text)
  if (!result.ok) throw new Error(result.error)
  return result
}

describe('Markdown round trip', () => {
  it.each([...corpusDocuments(), ...corpusChainVersions()])('reads %s, writes it and reads back the same document', (_name, text) => {
    const first = read(text)
    const written = writeMarkdown(first.doc, first.meta, first.type)
    const second = read(written)
    expect(second.doc.toJSON()).toEqual(first.doc.toJSON())
    expect(second.meta).toEqual(first.meta)
    expect(second.type).toEqual(first.type)
    // Writing again is stable: the written form is a fixed point.
    expect(writeMarkdown(second.doc, second.meta, second.type)).toBe(written)
  })
})

describe('reading the 18 June 2020 letter', () => {
  const letter = read(readBigLetter())

  it('keeps its metadata, lists as lists', () => {
    expect(letter.type).toBe('kamerbrief')
    expect(letter.meta.kenmerk).toBe('2946123')
    expect(letter.meta.datum).toBe('2020-06-18')
    expect(letter.meta.afzender).toEqual(['Directoraat-Generaal Rechtspleging en Rechtshandhaving', 'Programma Anti-Ondermijning'])
    expect(letter.meta.bron).toBe('001_ed1b78aea226a13b.txt')
  })

  it('turns each [^n] into a footnote node that carries its own text, in order', () => {
    const notes: string[] = []
    letter.doc.descendants((node) => {
      if (node.type.name === 'footnote') notes.push(node.textContent)
    })
    expect(notes).toHaveLength(22)
    expect(notes[0]).toBe('Kamerstukken II 2019/20, 29911, nr. 254.')
    expect(notes[1]).toBe('Kamerstukken II 2019/20, 29911, nr. 275.')
  })

  it('reads pipe tables with a header row and italic cells', () => {
    const tables: any[] = []
    letter.doc.forEach((n) => { if (n.type.name === 'table') tables.push(n) })
    expect(tables.length).toBeGreaterThanOrEqual(3)
    const first = tables[0]
    expect(first.child(0).child(0).type.name).toBe('table_header')
    expect(first.child(0).child(0).textContent).toBe('Bewaken en Beveiligen')
    const italicCell = first.child(1).child(0).firstChild.firstChild
    expect(italicCell.text).toBe('Versterking uitvoering')
    expect(italicCell.marks.map((m: any) => m.type.name)).toEqual(['em'])
    expect(first.child(1).child(1).textContent).toBe('3,9 mln')
  })

  it('reads "- 1) ..." as a bullet item holding a "1)" numbered list', () => {
    let found: any = null
    letter.doc.descendants((n) => {
      if (!found && n.type.name === 'ordered_list' && n.attrs.delimiter === ')') found = n
      return !found
    })
    expect(found).not.toBeNull()
    expect(found.textContent).toBe('informatieverzameling over dreiging en risico,')
  })

  it('makes ## a level-1 heading and ### a level-2 heading', () => {
    const headings: [number, string][] = []
    letter.doc.forEach((n) => { if (n.type.name === 'heading') headings.push([n.attrs.level, n.textContent]) })
    expect(headings[0]).toEqual([1, 'Bewaken en Beveiligen'])
    expect(headings[1]).toEqual([2, 'Aanleiding, doel en focus'])
  })
})

describe('reading hostile or odd Markdown', () => {
  it('keeps raw HTML and scripts as plain text, never as markup', () => {
    const r = read('Tekst <script>alert(1)</script> en <img src=x onerror=alert(1)>\n\n<div onclick="x()">blok</div>\n')
    expect(r.doc.textContent).toContain('<script>alert(1)</script>')
    const types = new Set<string>()
    r.doc.descendants((n) => { types.add(n.type.name) })
    expect([...types].every((t) => ['paragraph', 'text'].includes(t))).toBe(true)
  })

  it('refuses a front matter whose date is not a real date, in Dutch', () => {
    const r = readMarkdown('---\ntype: "kamerbrief"\ndatum: "2020-02-30"\n---\nTekst\n')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatch(/geen geldige datum/)
  })

  it('refuses a front matter that is not YAML', () => {
    const r = readMarkdown('---\nonderwerp: [unclosed\n---\nTekst\n')
    expect(r.ok).toBe(false)
  })

  it('round-trips text that looks like Markdown syntax', () => {
    const p = (text: string) => schema.node('paragraph', null, [schema.text(text)])
    const doc = schema.node('doc', null, [
      p('# geen kop'), p('- geen lijst'), p('1. geen nummer'), p('*geen* _nadruk_ [^1] \\ `code` <b> | pijp &amp; 1) ~~'),
      p('  twee spaties ervoor en erna  '), p('==='),
      schema.node('bullet_list', null, [schema.node('list_item', null, [p('a')])]),
      schema.node('bullet_list', null, [schema.node('list_item', null, [p('b')])]),
      schema.node('paragraph', null, [schema.text('vet', [schema.marks.strong.create()]), schema.text(' en '), schema.text('onderstreept', [schema.marks.underline.create()]), schema.text(' '), schema.node('hard_break'), schema.text('x')]),
    ])
    const back = read(writeMarkdown(doc))
    expect(back.doc.toJSON()).toEqual(doc.toJSON())
  })

  it('writes spaces at the edge of bold text outside the stars, so the bold still reads as bold', () => {
    const doc = schema.node('doc', null, [schema.node('paragraph', null, [schema.text('vet ', [schema.marks.strong.create()]), schema.text('niet')])])
    expect(writeMarkdown(doc)).toBe('**vet** niet\n')
  })
})
