import { describe, expect, it } from 'vitest'
import { Node as PMNode } from 'prosemirror-model'
import { schema } from '../../src/core/schema.js'
import { findAll } from '../../src/renderer/editor/find-replace.js'

const doc = PMNode.fromJSON(schema, {
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: 'Eén keer de ' }, { type: 'text', text: 'Ondermijning', marks: [{ type: 'strong' }] }, { type: 'text', text: 'saanpak, en nog een keer ondermijning.' }] },
    { type: 'paragraph', content: [{ type: 'text', text: 'Onder' }] },
    { type: 'paragraph', content: [{ type: 'text', text: 'mijning apart' }, { type: 'footnote', content: [{ type: 'text', text: 'Zie de brief over ondermijning.' }] }] },
  ],
})
const texts = (needle: string) => findAll(doc, needle).map((m) => doc.textBetween(m.from, m.to))

describe('find in the editor', () => {
  it('finds every occurrence, whatever the case, accents and marks, within a paragraph and in footnotes', () => {
    expect(texts('ondermijning')).toEqual(['Ondermijning', 'ondermijning', 'ondermijning'])
    expect(texts('een keer')).toEqual(['Eén keer', 'een keer'])
    // Across a bold edge, but never across two paragraphs.
    expect(texts('mijningsaanpak')).toEqual(['mijningsaanpak'])
    expect(texts('ondermijning apart')).toEqual([])
    expect(texts('')).toEqual([])
  })
})
