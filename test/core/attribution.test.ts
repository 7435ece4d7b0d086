import { describe, expect, it } from 'vitest'
import { Node as PMNode } from 'prosemirror-model'
import { readMarkdown } from '../../src/core/markdown-in.js'
import { schema } from '../../src/core/schema.js'
import { blockJsonText, blockTexts, placeChanges, versionText, withContext } from '../../src/core/attribution.js'
import { corpusDocuments, readBigLetter } from '../helpers/corpus.js'

describe('finding who made a change', () => {
  it('reads a stored block as the same text a whole document gives: paragraphs, lists, tables and footnotes of the 18 June letter', () => {
    const read = readMarkdown(readBigLetter())
    if (!read.ok) throw new Error(read.error)
    const kinds = new Set<string>()
    read.doc.forEach((block) => {
      kinds.add(block.type.name)
      const json = block.toJSON()
      expect(blockJsonText(json)).toBe(versionText(PMNode.fromJSON(schema, { type: 'doc', content: [json] })))
    })
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['heading', 'paragraph', 'table']))
  })

  it('finds each block\'s text, as a needle is taken from it, as one stretch of its version\'s text, in every corpus document', () => {
    for (const [name, text] of corpusDocuments()) {
      const read = readMarkdown(text)
      if (!read.ok) throw new Error(read.error)
      const whole = versionText(read.doc)
      blockTexts(read.doc).forEach((t, i) => expect(whole.includes(t), `${name}, block ${i}`).toBe(true))
    }
  })

  it('takes three words of context on either side, within the paragraph', () => {
    expect(withContext('De criminaliteit draait op volle toeren in het land.', 'volle')).toBe('criminaliteit draait op volle toeren in het')
    expect(withContext('Eerste regel\nvolle toeren', 'volle')).toBe('volle toeren')
    expect(withContext('niets hier', 'anders')).toBeNull()
  })

  it('takes the same context as "up to three words and their spaces, on the same line" says, on random text', () => {
    // The rule as regular expressions, the independent statement of it.
    const rule = (within: string, part: string) => {
      const at = within.indexOf(part)
      const before = within.slice(Math.max(0, at - 120), at).match(/(?:[^\s]+[^\S\n]*){0,3}$/u)?.[0] ?? ''
      const after = within.slice(at + part.length, at + part.length + 120).match(/^(?:[^\S\n]*[^\s]+){0,3}/u)?.[0] ?? ''
      return before + part + after
    }
    let seed = 7
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n
    const pieces = ['de', 'aanpak', '2020', '(MIT)', ',', ' ', '  ', '\n', '\t', 'ondermijning.', 'é', 'x']
    for (let round = 0; round < 500; round++) {
      const text = Array.from({ length: 5 + random(60) }, () => pieces[random(pieces.length)]).join('')
      const part = 'KERN'
      const at = random(text.length + 1)
      const within = text.slice(0, at) + part + text.slice(at)
      expect(withContext(within, part)).toBe(rule(within, part))
    }
  })

  it('places an insertion at the first version that has it and a deletion at the first without it, across repeated blocks', () => {
    const texts = new Map([[1, 'oud begin'], [2, 'nieuw begin met tekst'], [3, 'slot'], [4, 'ander slot']])
    const versions = [
      { number: 5, ids: [1, 3], metaBlock: 9 },
      { number: 6, ids: [2, 3], metaBlock: 9 },
      { number: 7, ids: [2, 3], metaBlock: 9 },
      { number: 8, ids: [2, 4], metaBlock: 10 },
    ]
    const metas = new Map([[9, { onderwerp: 'A' }], [10, { onderwerp: 'B' }]])
    const placed = placeChanges([
      { kind: 'ins', text: 'met tekst' },
      { kind: 'del', text: 'slot' },
      { kind: 'del', text: 'oud begin' },
      { kind: 'meta', key: 'onderwerp', value: JSON.stringify('B') },
      { kind: 'ins', text: 'nergens' },
      null,
    ], versions, (id) => texts.get(id)!, (id) => metas.get(id)!)
    // "slot" is still in "ander slot": a deletion whose words remain is not placed at a version.
    expect(placed).toEqual([6, null, 6, 8, null, null])
  })
})
