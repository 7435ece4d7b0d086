// Who made each change of a comparison between two versions, and when: the
// compare screen's counterpart of "Wijzigingen tonen". A change is found in
// the versions between A and B, oldest first, by its text with a few words
// of its paragraph on either side: an insertion belongs to the first version
// whose text has it, a deletion to the first whose text no longer has it.
// Moves and formatting are not attributed (their text does not tell); a
// change whose context cannot be found in its own version is left unknown
// rather than guessed.
import type { Node as PMNode } from 'prosemirror-model'
import { flattenText } from './comments.js'
import type { Change } from './diff/types.js'
import type { DocumentMeta } from './document.js'
import { schema } from './schema.js'

/** What to look for in each version, per change; null: not attributed. */
export type Needle =
  | { kind: 'ins' | 'del'; text: string }
  | { kind: 'meta'; key: string; value: string }

/** A version's text as the needles are matched against: body (textblocks per line) and footnote texts after it. */
export function versionText(doc: PMNode): string {
  const notes: string[] = []
  doc.descendants((node) => {
    if (node.type !== schema.nodes.footnote) return true
    notes.push(node.textContent)
    return false
  })
  return `${flattenText(doc, false).text}\n${notes.join('\n')}`
}

/** The text of each top-level block, as flattenText reads it (footnotes left out). */
function blockTexts(doc: PMNode): string[] {
  const flat = flattenText(doc, true)
  const out: string[] = Array.from({ length: doc.childCount }, () => '')
  let start = 0
  for (let i = 1; i <= flat.text.length; i++) {
    if (i === flat.text.length || flat.blocks[i] !== flat.blocks[start]) {
      const block = flat.blocks[start]
      if (block >= 0 && block < out.length) out[block] += flat.text.slice(start, i)
      start = i
    }
  }
  return out
}

/** `part` with up to three words of `within` on each side, or null when `part` is not in it. */
export function withContext(within: string, part: string): string | null {
  const core = part.trim()
  if (!core) return null
  const at = within.indexOf(core)
  if (at < 0) return null
  const before = within.slice(Math.max(0, at - 120), at).match(/(?:[^\s]+[^\S\n]*){0,3}$/u)?.[0] ?? ''
  const after = within.slice(at + core.length, at + core.length + 120).match(/^(?:[^\S\n]*[^\s]+){0,3}/u)?.[0] ?? ''
  return before + core + after
}

const metaValue = (meta: DocumentMeta, key: string) => JSON.stringify(meta[key] ?? null)

/** The needle of each change of a comparison of `a` with `b`. */
export function needlesOf(changes: readonly Change[], a: { doc: PMNode; meta: DocumentMeta }, b: { doc: PMNode; meta: DocumentMeta }): (Needle | null)[] {
  const textsA = blockTexts(a.doc)
  const textsB = blockTexts(b.doc)
  const wholeA = versionText(a.doc)
  const wholeB = versionText(b.doc)
  return changes.map((c): Needle | null => {
    if (c.kind === 'move' || c.kind === 'format') return null
    if (c.kind === 'metadata') return c.key ? { kind: 'meta', key: c.key, value: metaValue(b.meta, c.key) } : null
    const find = (part: string, block: number | null, texts: string[], whole: string) => {
      const inBlock = block === null ? null : withContext(texts[block] ?? '', part)
      if (inBlock && whole.includes(inBlock)) return inBlock
      // A footnote's or a cell's text: on its own when it is long enough to be telling.
      const bare = part.replace(/^\[voetnoot: |\]$/g, '').trim()
      return bare.length >= 12 && whole.includes(bare) ? bare : null
    }
    if (c.inserted.trim()) {
      const text = find(c.inserted, c.blockB, textsB, wholeB)
      return text ? { kind: 'ins', text } : null
    }
    if (c.deleted.trim()) {
      const text = find(c.deleted, c.blockA, textsA, wholeA)
      return text ? { kind: 'del', text } : null
    }
    return null
  })
}

/** Whether version text (and metadata) `v` has the change of `needle`. */
export function hasChange(needle: Needle, text: string, meta: DocumentMeta): boolean {
  if (needle.kind === 'meta') return metaValue(meta, needle.key) === needle.value
  const present = text.includes(needle.text)
  return needle.kind === 'ins' ? present : !present
}
