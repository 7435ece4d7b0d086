import { describe, expect, it } from 'vitest'
import { EditorState, TextSelection } from 'prosemirror-state'
import { schema } from '../../src/core/schema.js'
import { addCommentMark, commentAnchors, findQuote, reanchor, removeCommentMark, transferAnchors } from '../../src/core/comments.js'
import { readMarkdown } from '../../src/core/markdown-in.js'
import { writeMarkdown } from '../../src/core/markdown-out.js'
import { readBigLetter } from '../helpers/corpus.js'

const p = (text: string) => schema.node('paragraph', null, [schema.text(text)])
const base = () => schema.node('doc', null, [
  p('Het kabinet investeert 110 miljoen euro in een breed offensief.'),
  p('De FIOD sluit aan bij deze teams.'),
  p('Internationale samenwerking is van groot belang.'),
])
/** Position of `text` inside the document. */
function at(doc: ReturnType<typeof base>, text: string): { from: number; to: number } {
  const found = findQuote(doc, { quote: text, prefix: '', suffix: '' })
  if (!found || doc.textBetween(found.from, found.to) !== text) throw new Error(`not found: ${text}`)
  return found
}
const withComment = (doc = base(), text = '110 miljoen euro', id = 'kaaaaaaa1') => {
  const r = at(doc, text)
  return addCommentMark(doc, r.from, r.to, id)
}

describe('comment anchors follow the text', () => {
  it.each([
    ['before the commented text', 'Het kabinet ', 'Het kabinet ook nu '],
    ['inside the commented text', '110 miljoen', '110 miljoen extra'],
    ['after the commented text', ' in een breed', ' in een zeer breed'],
  ])('keeps its text through an edit %s', (_where, before, after) => {
    const doc = withComment()
    const state = EditorState.create({ doc })
    const r = at(doc, before)
    const tr = state.tr.insertText(after, r.from, r.to)
    const anchor = commentAnchors(tr.doc).get('kaaaaaaa1')!
    expect(anchor.quote).toBe(_where.startsWith('inside') ? '110 miljoen extra euro' : '110 miljoen euro')
  })

  it('moves with its paragraph', () => {
    const doc = withComment()
    const state = EditorState.create({ doc })
    const first = doc.child(0)
    const tr = state.tr.delete(0, first.nodeSize)
    tr.insert(tr.doc.content.size, first)
    const anchor = commentAnchors(tr.doc).get('kaaaaaaa1')!
    expect(anchor.block).toBe(2)
    expect(anchor.quote).toBe('110 miljoen euro')
  })

  it('lets overlapping comments keep their own ranges', () => {
    let doc = withComment(base(), '110 miljoen euro', 'kaaaaaaa1')
    doc = withComment(doc, 'euro in een breed offensief', 'kaaaaaaa2')
    const anchors = commentAnchors(doc)
    expect(anchors.get('kaaaaaaa1')!.quote).toBe('110 miljoen euro')
    expect(anchors.get('kaaaaaaa2')!.quote).toBe('euro in een breed offensief')
    expect(commentAnchors(removeCommentMark(doc, 'kaaaaaaa1')).has('kaaaaaaa2')).toBe(true)
  })

  it('does not grow when typing right after the commented text', () => {
    const doc = withComment()
    const end = at(doc, '110 miljoen euro').to
    const state = EditorState.create({ doc, selection: TextSelection.create(doc, end) })
    const tr = state.tr.insertText('s')
    expect(commentAnchors(tr.doc).get('kaaaaaaa1')!.quote).toBe('110 miljoen euro')
  })
})

describe('finding a quote again', () => {
  it('chooses among repeated text by the context around it', () => {
    const doc = schema.node('doc', null, [p('Het OM is bevoegd. De FIOD ook.'), p('Het OM is bevoegd. De politie ook.')])
    const range = findQuote(doc, { quote: 'Het OM is bevoegd.', prefix: '', suffix: ' De politie' })!
    expect(range.from).toBe(at(doc, 'Het OM is bevoegd. De politie').from)
  })

  it('finds slightly changed text, and nothing when the text is gone', () => {
    const doc = base()
    expect(findQuote(doc, { quote: 'De FIOD sluit aan bij die teams.', prefix: '', suffix: '' })).not.toBeNull()
    expect(findQuote(doc, { quote: 'Het verschoningsrecht staat ter discussie.', prefix: '', suffix: '' })).toBeNull()
  })

  it('re-anchors a detached comment where its quote is, and leaves anchored ones alone', () => {
    const doc = base()
    const { doc: back, reanchored } = reanchor(doc, [{ id: 'kaaaaaaa3', quote: 'De FIOD sluit aan', prefix: '', suffix: ' bij deze teams.' }])
    expect(reanchored).toEqual(['kaaaaaaa3'])
    expect(commentAnchors(back).get('kaaaaaaa3')!.quote).toBe('De FIOD sluit aan')
  })

  it('carries anchors over to a new text of the document that has none', () => {
    const old = withComment(base(), 'De FIOD sluit aan bij deze teams.', 'kaaaaaaa4')
    const next = schema.node('doc', null, [p('Het kabinet investeert 110 miljoen euro.'), p('De FIOD draagt gelijkwaardig bij aan deze combiteams.'), p('Nieuw.')])
    const carried = commentAnchors(transferAnchors(old, next)).get('kaaaaaaa4')!
    expect(carried.block).toBe(1)
    expect(carried.quote).toMatch(/^De FIOD/)
  })
})

describe('comments in Markdown', () => {
  it('writes anchors as spans and threads as a block at the end, and reads both back', () => {
    const read = readMarkdown(readBigLetter())
    if (!read.ok) throw new Error(read.error)
    const doc = withComment(read.doc as never, 'De georganiseerde criminaliteit draait op volle toeren.', 'kabcdef12')
    const threads = [{ id: 'kabcdef12', author: 'J. Jansen', org: 'FIOD', createdAt: '2026-11-23T08:00:00.000Z', text: 'Graag "--> toelichten".', resolved: false, quote: 'x', replies: [{ author: 'P. de Boer', org: 'JenV', createdAt: '2026-11-23T09:00:00.000Z', text: 'Is gedaan.' }] }]
    const md = writeMarkdown(doc, read.meta, read.type, threads)
    expect(md).toContain('<span data-comment="kabcdef12">De georganiseerde criminaliteit draait op volle toeren.</span>')
    const back = readMarkdown(md)
    if (!back.ok) throw new Error(back.error)
    expect(back.doc.toJSON()).toEqual(doc.toJSON())
    expect(back.threads).toEqual(threads)
  })
})
