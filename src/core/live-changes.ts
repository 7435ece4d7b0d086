// "Wijzigingen tonen": the draft in the editor as a redline against a base
// version, recomputed while the writer types. Word by word over the text as
// comments see it (textblocks, hard breaks; footnote contents apart), each
// change with its place in the current document: an insertion as a range to
// underline, a deletion as the text to show struck through where it was.
// Which version brought a change in is found afterwards (`attribute`): the
// first version after the base whose text holds the change.
import type { Node as PMNode } from 'prosemirror-model'
import { flattenText } from './comments.js'
import { diffSequences } from './diff/char-diff.js'

export interface LiveChange {
  kind: 'ins' | 'del'
  /** The text inserted, or deleted. */
  text: string
  /** Insertion: its range in the current document (one per textblock it spans). Deletion: where it stood (`from` = `to`). */
  ranges: { from: number; to: number }[]
  /** Words of the base text before and after (to find the change in other versions). */
  before: string
  after: string
}

/**
 * Tokens: a word or a mark with the spaces before it, and each paragraph
 * break on its own, so that paragraphs align on their breaks, a space alone
 * never counts as text the two versions share, and a deleted sentence takes
 * its own full stop (" Dit toont … criminaliteit.").
 */
const tokens = (text: string) => text.match(/[^\S\n]*(?:[\p{L}\p{N}]+|[^\p{L}\p{N}\s])|\n|[^\S\n]+/gu) ?? []

/** At most this many characters are compared; beyond, the comparison stops (a 600 kB draft stays responsive). */
export const MAX_LIVE_CHARS = 2_000_000

export function liveChanges(base: PMNode, current: PMNode): LiveChange[] {
  const a = flattenText(base, false)
  const b = flattenText(current)
  if (a.text.length + b.text.length > MAX_LIVE_CHARS) return []
  const ta = tokens(a.text)
  const tb = tokens(b.text)
  // No semantic cleanup: it merges the changes of two paragraphs over the break between them.
  const ops = slideRight(diffSequences(ta, tb, false), ta, tb)
  const out: LiveChange[] = []
  let ia = 0 // token index in a
  let ib = 0
  let ca = 0 // character offset in a
  let cb = 0
  const context = (start: number, end: number) => ({ before: a.text.slice(Math.max(0, start - 30), start), after: a.text.slice(end, end + 30) })
  for (const { op, count } of ops) {
    if (op === 0) {
      for (let k = 0; k < count; k++) { ca += ta[ia++].length; cb += tb[ib++].length }
      continue
    }
    if (op === -1) {
      const text = ta.slice(ia, ia + count).join('')
      const start = ca
      ia += count
      ca += text.length
      // Shown right after the character before it (so a sentence deleted at the end of a
      // paragraph stays in that paragraph), or before the next one at a paragraph's start.
      const at = cb > 0 && b.positions[cb - 1] >= 0 && b.text[cb - 1] !== '\n' ? b.positions[cb - 1] + 1 : positionAt(b, cb)
      if (text.trim()) out.push({ kind: 'del', text, ranges: [{ from: at, to: at }], ...context(start, ca) })
      continue
    }
    const text = tb.slice(ib, ib + count).join('')
    const start = cb
    ib += count
    cb += text.length
    const ranges: { from: number; to: number }[] = []
    // The spaces around an insertion are not underlined.
    const lead = text.length - text.trimStart().length
    const trail = text.length - text.trimEnd().length
    for (let i = start + lead; i < cb - trail; i++) {
      const pos = b.positions[i]
      if (pos < 0 || text[i - start] === '\n') continue
      const last = ranges[ranges.length - 1]
      if (last && last.to === pos) last.to = pos + 1
      else ranges.push({ from: pos, to: pos + 1 })
    }
    if (text.trim() && ranges.length) out.push({ kind: 'ins', text, ranges, ...context(ca, ca) })
  }
  return out
}

/**
 * Moves each one-sided edit (only deleted, or only inserted, tokens between
 * two equal runs) as far right as the same tokens allow: diff-match-patch
 * takes a common ending first, so a sentence deleted before a full stop came
 * out as ". Dit toont … criminaliteit" instead of " Dit toont … criminaliteit.".
 */
function slideRight(ops: { op: -1 | 0 | 1; count: number }[], ta: string[], tb: string[]): { op: -1 | 0 | 1; count: number }[] {
  const out = ops.map((o) => ({ ...o }))
  let ia = 0
  let ib = 0
  for (let i = 0; i < out.length; i++) {
    const o = out[i]
    const next = out[i + 1]
    const prev = out[i - 1]
    if (o.op !== 0 && next?.op === 0 && (!prev || prev.op === 0) && o.count > 0) {
      const side = o.op === -1 ? ta : tb
      let start = o.op === -1 ? ia : ib
      // The equal run before grows by a token on both sides, the one after shrinks by one.
      while (prev && next.count > 0 && side[start] === side[start + o.count]) {
        prev.count++
        next.count--
        start++
        ia++
        ib++
      }
    }
    if (o.op === 0) { ia += o.count; ib += o.count } else if (o.op === -1) ia += o.count
    else ib += o.count
  }
  return out.filter((o) => o.count > 0)
}

/** The document position of flat offset `offset` in `flat`, or just after the last character. */
function positionAt(flat: ReturnType<typeof flattenText>, offset: number): number {
  for (let i = offset; i < flat.positions.length; i++) if (flat.positions[i] >= 0) return flat.positions[i]
  for (let i = Math.min(offset, flat.positions.length) - 1; i >= 0; i--) if (flat.positions[i] >= 0) return flat.positions[i] + 1
  return 1
}

export interface VersionText { number: number; author: string; createdAt: string; text: string }

/**
 * The version that brought each change in: the first version after the base
 * whose text has the insertion (with a word of its context) or no longer has
 * the deletion (with its context); null when no saved version has it yet
 * (typed since the last save). `versions` are oldest first, base excluded.
 */
export function attribute(changes: readonly LiveChange[], versions: readonly VersionText[]): (VersionText | null)[] {
  return changes.map((c) => {
    const lead = c.before.split(/\s+/).slice(-2).join(' ')
    const needle = c.kind === 'ins' ? c.text.trim() : `${lead}${c.text}`.trim()
    if (!needle) return null
    for (const v of versions) {
      const has = v.text.includes(needle)
      if ((c.kind === 'ins' && has) || (c.kind === 'del' && !has && needle.length > 3)) return v
    }
    return null
  })
}
