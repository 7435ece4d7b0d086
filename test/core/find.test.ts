import { describe, expect, it } from 'vitest'
import { readMarkdown } from '../../src/core/markdown-in.js'
import { findSnippet } from '../../src/core/find.js'
import { readBigLetter } from '../helpers/corpus.js'

const letter = () => {
  const r = readMarkdown(readBigLetter())
  if (!r.ok) throw new Error(r.error)
  return r.doc
}

describe('finding a search hit in the letter', () => {
  it('finds the marked words where the whole snippet reads the same', () => {
    const doc = letter()
    const range = findSnippet(doc, '…de vondsten van crystal [meth]-labs nemen een vlucht…')!
    expect(doc.textBetween(range.from, range.to)).toBe('meth')
    expect(doc.textBetween(range.from - 20, range.from)).toContain('crystal')
  })

  it('falls back to the first occurrence of the marked words, ignoring case', () => {
    const doc = letter()
    const range = findSnippet(doc, '[Kroongetuigen] iets wat niet in de brief staat')!
    expect(doc.textBetween(range.from, range.to).toLowerCase()).toBe('kroongetuigen')
  })

  it('says so when the words are not in the document', () => {
    expect(findSnippet(letter(), '[zeepaardje]')).toBeNull()
    expect(findSnippet(letter(), 'zonder haken')).toBeNull()
  })
})
