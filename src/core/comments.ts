// Comment anchors in a document: where each comment mark is, what text it
// covers, and finding that text again when a comment lost its anchor.
//
// A comment is anchored by a `comment` mark (DESIGN.md "Comments"), so it
// moves with its text through every edit, version and comparison. When all
// of its text is deleted, the thread is kept with its last quote; after a
// restore, an accepted change or an import, `reanchor` looks for that quote
// again: first exactly (choosing among repeats by the text around it), then
// approximately with diff-match-patch's match, accepting a place only when
// the text there is nearly the quote.
import DiffMatchPatch from 'diff-match-patch'
import type { Node as PMNode } from 'prosemirror-model'
import { Transform } from 'prosemirror-transform'
import { schema } from './schema.js'

/** Where a comment's text is in a document. */
export interface CommentAnchor {
  id: string
  from: number
  to: number
  /** The text under the mark (all of its pieces, in order). */
  quote: string
  prefix: string
  suffix: string
  /** Index of the top-level block of the first piece. */
  block: number
  /** Where the anchor starts and ends in the flattened text (see flattenText). */
  flatStart: number
  flatEnd: number
}

/** What is remembered of an anchor, to find it again. */
export interface QuoteContext {
  quote: string
  prefix: string
  suffix: string
}

const CONTEXT = 40
/** Characters of remembered context (before and after together) that must agree before a quote is placed again. */
const MIN_CONTEXT = 12

interface FlatText {
  text: string
  /** Each text node: where its characters start in `text`, its position and node. */
  segments: { start: number; pos: number; node: PMNode; block: number }[]
  /** For each character of `text`, its document position (-1 for block separators). */
  positions: Int32Array
  /** For each character, the index of its top-level block. */
  blocks: Int32Array
}

/**
 * The document's text as one string (textblocks separated by a newline,
 * footnote contents left out) with the document position of each character.
 */
export function flattenText(doc: PMNode, withPositions = true): FlatText {
  const parts: string[] = []
  const pos: number[] = []
  const blk: number[] = []
  const segments: FlatText['segments'] = []
  let length = 0
  let blockIndex = -1
  doc.forEach((_top, offset, index) => {
    blockIndex = index
    doc.nodesBetween(offset, offset + _top.nodeSize, (node, p) => {
      if (node.type === schema.nodes.footnote) return false
      if (node.isTextblock && parts.length) {
        parts.push('\n')
        if (withPositions) {
          pos.push(-1)
          blk.push(blockIndex)
        }
        length++
      }
      if (node.isText) {
        segments.push({ start: length, pos: p, node, block: blockIndex })
        if (withPositions) {
          for (let i = 0; i < node.text!.length; i++) {
            pos.push(p + i)
            blk.push(blockIndex)
          }
        }
        parts.push(node.text!)
        length += node.text!.length
      } else if (node.type === schema.nodes.hard_break) {
        parts.push('\n')
        if (withPositions) {
          pos.push(p)
          blk.push(blockIndex)
        }
        length++
      }
      return true
    })
  })
  return { text: parts.join(''), positions: Int32Array.from(pos), blocks: Int32Array.from(blk), segments }
}

/** Every comment anchor in the document, by comment id. */
export function commentAnchors(doc: PMNode): Map<string, CommentAnchor> {
  // Anchors need the text nodes and the flat text, not a position per character.
  const flat = flattenText(doc, false)
  const found = new Map<string, { from: number; to: number; block: number; first: number; last: number; pieces: string[] }>()
  for (const seg of flat.segments) {
    for (const mark of seg.node.marks) {
      if (mark.type !== schema.marks.comment) continue
      const id = mark.attrs.id as string
      const text = seg.node.text!
      const a = found.get(id)
      if (!a) found.set(id, { from: seg.pos, to: seg.pos + text.length, block: seg.block, first: seg.start, last: seg.start + text.length, pieces: [text] })
      else {
        a.to = seg.pos + text.length
        a.last = seg.start + text.length
        a.pieces.push(text)
      }
    }
  }
  const result = new Map<string, CommentAnchor>()
  for (const [id, a] of found) {
    result.set(id, {
      id, from: a.from, to: a.to, quote: a.pieces.join(''), block: a.block, flatStart: a.first, flatEnd: a.last,
      prefix: flat.text.slice(Math.max(0, a.first - CONTEXT), a.first),
      suffix: flat.text.slice(a.last, a.last + CONTEXT),
    })
  }
  return result
}

/** The quote and its context for a range the user selected. */
export function contextOf(doc: PMNode, from: number, to: number): QuoteContext {
  const flat = flattenText(doc)
  let start = -1
  let end = -1
  for (let i = 0; i < flat.text.length; i++) {
    const p = flat.positions[i]
    if (p >= from && p < to) {
      if (start < 0) start = i
      end = i + 1
    }
  }
  if (start < 0) return { quote: '', prefix: '', suffix: '' }
  return { quote: flat.text.slice(start, end), prefix: flat.text.slice(Math.max(0, start - CONTEXT), start), suffix: flat.text.slice(end, end + CONTEXT) }
}

const dmp = new DiffMatchPatch()

/** Finds where a quote is now: a document range, or null when it is gone. */
export function findQuote(doc: PMNode, q: QuoteContext): { from: number; to: number } | null {
  if (!q.quote.trim()) return null
  const flat = flattenText(doc)
  const text = flat.text
  const toRange = (start: number, end: number) => {
    // Skip separators at the edges; a range must start and end on characters.
    while (start < end && flat.positions[start] < 0) start++
    while (end > start && flat.positions[end - 1] < 0) end--
    if (start >= end) return null
    return { from: flat.positions[start], to: flat.positions[end - 1] + 1 }
  }
  // A place is only taken when enough of the remembered context agrees: the
  // same words elsewhere, in other surroundings, are another passage. (A
  // comment whose text the drafter deleted used to jump to the next
  // occurrence of its words.) Without remembered context, as for the CLI's
  // exact quote, the words alone decide.
  const needed = Math.min(MIN_CONTEXT, q.prefix.length + q.suffix.length)
  const score = (at: number, length: number) => commonSuffix(text.slice(Math.max(0, at - CONTEXT), at), q.prefix) + commonPrefix(text.slice(at + length, at + length + CONTEXT), q.suffix)
  const candidates: number[] = []
  for (let at = text.indexOf(q.quote); at >= 0 && candidates.length < 50; at = text.indexOf(q.quote, at + 1)) candidates.push(at)
  if (candidates.length) {
    const best = candidates.reduce((a, b) => (score(b, q.quote.length) > score(a, q.quote.length) ? b : a))
    return score(best, q.quote.length) >= needed ? toRange(best, best + q.quote.length) : null
  }
  // Approximately: where the start of the quote (with its prefix) matches best.
  const probe = q.quote.slice(0, 32)
  dmp.Match_Threshold = 0.35
  dmp.Match_Distance = Math.max(1000, text.length)
  const expected = Math.max(0, text.indexOf(q.prefix.slice(-16)) + Math.min(16, q.prefix.length))
  let at = -1
  try {
    at = dmp.match_main(text, probe, expected)
  } catch {
    at = -1
  }
  if (at < 0) return null
  const candidate = text.slice(at, at + q.quote.length)
  const diffs = dmp.diff_main(candidate, q.quote)
  if (dmp.diff_levenshtein(diffs) > Math.max(2, q.quote.length * 0.2)) return null
  if (score(at, q.quote.length) < needed) return null
  return toRange(at, at + q.quote.length)
}

function commonPrefix(a: string, b: string): number {
  let n = 0
  while (n < a.length && n < b.length && a[n] === b[n]) n++
  return n
}

function commonSuffix(a: string, b: string): number {
  let n = 0
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++
  return n
}

/**
 * Puts back the anchors of comments that have none in `doc` but whose quote
 * is found again. Returns the new document and the ids re-anchored.
 */
export function reanchor(doc: PMNode, lost: (QuoteContext & { id: string })[]): { doc: PMNode; reanchored: string[] } {
  const present = commentAnchors(doc)
  let current = doc
  const reanchored: string[] = []
  for (const c of lost) {
    if (present.has(c.id)) continue
    const range = findQuote(current, c)
    if (!range) continue
    current = addCommentMark(current, range.from, range.to, c.id)
    reanchored.push(c.id)
  }
  return { doc: current, reanchored }
}

/** The document with a comment mark over [from, to). */
export function addCommentMark(doc: PMNode, from: number, to: number, id: string): PMNode {
  const mark = schema.marks.comment.create({ id })
  const tr = new Transform(doc)
  tr.addMark(from, to, mark)
  return tr.doc
}

/** The document without the comment mark `id`. */
export function removeCommentMark(doc: PMNode, id: string): PMNode {
  return removeCommentMarkIn(new Transform(doc), id).doc
}

/** The document without any comment anchor (a copy as a new document: the threads stay with the original). */
export function withoutCommentMarks(doc: PMNode): PMNode {
  const tr = new Transform(doc)
  tr.removeMark(0, doc.content.size, schema.marks.comment)
  // Footnote text carries no comment marks (the schema allows none there).
  return tr.doc
}

/** Adds the steps that take the comment mark `id` off the document to `tr` (an editor transaction too). */
export function removeCommentMarkIn<T extends Transform>(tr: T, id: string): T {
  tr.doc.descendants((node, pos) => {
    const mark = node.marks.find((m) => m.type === schema.marks.comment && m.attrs.id === id)
    if (mark) tr.removeMark(pos, pos + node.nodeSize, mark)
    return true
  })
  return tr
}

/**
 * Carries comment anchors from `from` over to `to`, a new text of the same
 * document that arrived without them (a Markdown or Word file saved over it).
 * The two texts are diffed character by character and each anchor is mapped
 * through the diff; an anchor whose text is wholly gone is not carried (its
 * thread becomes detached, with its quote).
 */
export function transferAnchors(from: PMNode, to: PMNode): PMNode {
  const anchors = [...commentAnchors(from).values()]
  if (!anchors.length) return to
  const present = commentAnchors(to)
  const fa = flattenText(from)
  const fb = flattenText(to)
  // No semantic cleanup: it merges small equal runs into large replacements,
  // and an anchor inside such a run would be mapped to its start.
  const diffs = dmp.diff_main(fa.text, fb.text)
  let doc = to
  for (const a of anchors) {
    if (present.has(a.id)) continue
    let start = dmp.diff_xIndex(diffs, a.flatStart)
    let end = dmp.diff_xIndex(diffs, a.flatEnd)
    while (start < end && fb.positions[start] < 0) start++
    while (end > start && fb.positions[end - 1] < 0) end--
    if (end <= start) continue
    doc = addCommentMark(doc, fb.positions[start], fb.positions[end - 1] + 1, a.id)
  }
  return doc
}

/**
 * The text of a document range as comments see it: textblocks separated by a
 * newline, hard breaks as a newline, footnote contents left out. The one
 * definition used for quotes, anchoring and the CLI's exact-quote check.
 */
export function textOfRange(doc: PMNode, from: number, to: number): string {
  const flat = flattenText(doc)
  let out = ''
  for (let i = 0; i < flat.text.length; i++) {
    const p = flat.positions[i]
    if (p >= from && p < to) out += flat.text[i]
    else if (p < 0 && out && i + 1 < flat.text.length && flat.positions[i + 1] >= from && flat.positions[i + 1] < to) out += flat.text[i]
  }
  return out
}
