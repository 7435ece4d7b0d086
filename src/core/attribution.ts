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
import { finish, STEP, type Steps } from './steps.js'

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

interface JsonNode { type: string; text?: string; content?: JsonNode[] }

/**
 * `versionText` of a document holding only the block `json`, read from the
 * JSON itself (a history of 1,000 versions has thousands of distinct blocks;
 * building each as a document took most of the time). The same text as
 * flattenText: textblocks on their own lines, a hard break a newline, footnote
 * texts after the body.
 */
export function blockJsonText(json: JsonNode): string {
  const parts: string[] = []
  const notes: string[] = []
  const noteText = (n: JsonNode): string => (n.type === 'text' ? n.text ?? '' : (n.content ?? []).map(noteText).join(''))
  const visit = (n: JsonNode) => {
    if (n.type === 'footnote') {
      notes.push(noteText(n))
      return
    }
    if (n.type === 'text') parts.push(n.text ?? '')
    else if (n.type === 'hard_break') parts.push('\n')
    else {
      if (schema.nodes[n.type]?.isTextblock && parts.length) parts.push('\n')
      n.content?.forEach(visit)
    }
  }
  visit(json)
  return `${parts.join('')}\n${notes.join('\n')}`
}

/** The text of each top-level block, as flattenText reads it (footnotes left out). */
export function blockTexts(doc: PMNode): string[] {
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
  return wordsBefore(within.slice(Math.max(0, at - 120), at), 3) + core + wordsAfter(within.slice(at + core.length, at + core.length + 120), 3)
}

const isBlank = (c: string) => c !== '\n' && /\s/u.test(c)
const isWordChar = (c: string) => !/\s/u.test(c)

/**
 * The last `n` words of `text` with the spaces after each, within its last
 * line (a scan from the end: a regular expression anchored at the end tried
 * every start and took most of the time of attributing 4,000 changes).
 */
function wordsBefore(text: string, n: number): string {
  let i = text.length
  for (let k = 0; k < n; k++) {
    let j = i
    while (j > 0 && isBlank(text[j - 1])) j--
    let w = j
    while (w > 0 && isWordChar(text[w - 1])) w--
    if (w === j) break
    i = w
  }
  return text.slice(i)
}

/** The first `n` words of `text` with the spaces before each, within its first line. */
function wordsAfter(text: string, n: number): string {
  let i = 0
  for (let k = 0; k < n; k++) {
    let j = i
    while (j < text.length && isBlank(text[j])) j++
    let w = j
    while (w < text.length && isWordChar(text[w])) w++
    if (w === j) break
    i = w
  }
  return text.slice(0, i)
}

const metaValue = (meta: DocumentMeta, key: string) => JSON.stringify(meta[key] ?? null)
const WORDS = /[\p{L}\p{N}]+/gu

/** The needle of each change of a comparison of `a` with `b`, in steps (core/steps.ts). */
export function* findingNeedles(changes: readonly Change[], a: { doc: PMNode; meta: DocumentMeta }, b: { doc: PMNode; meta: DocumentMeta }): Steps<(Needle | null)[]> {
  // Each block's text is a stretch of the version's text (footnotes are after the body in both), so a
  // needle found in its block is in the version's text: only a needle found elsewhere is looked for in all of it.
  const textsA = blockTexts(a.doc)
  yield
  const textsB = blockTexts(b.doc)
  yield
  const wholeA = versionText(a.doc)
  const wholeB = versionText(b.doc)
  yield
  const out: (Needle | null)[] = []
  for (const c of changes) {
    out.push(needleOf(c))
    if (out.length % STEP === 0) yield
  }
  return out
  function needleOf(c: Change): Needle | null {
    if (c.kind === 'move' || c.kind === 'format') return null
    if (c.kind === 'metadata') return c.key ? { kind: 'meta', key: c.key, value: metaValue(b.meta, c.key) } : null
    const find = (part: string, block: number | null, texts: string[], whole: string) => {
      const inBlock = block === null ? null : withContext(texts[block] ?? '', part)
      if (inBlock) return inBlock
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
  }
}

/** A version as its stored blocks: content-addressed ids, so equal blocks of two versions are one id. */
export interface VersionBlocks { number: number; ids: readonly number[]; metaBlock: number }

/**
 * The version that brought in each needle's change, from the versions after
 * A (oldest first) as lists of block ids: a needle lies within one block, so
 * each distinct block's text is searched once per needle, and a version has
 * the change when one of its blocks does. `blockText` and `metaOf` read a
 * block (the caller keeps them cheap by caching).
 */
export function placeChanges(needles: readonly (Needle | null)[], versions: readonly VersionBlocks[], blockText: (id: number) => string, metaOf: (id: number) => DocumentMeta): (number | null)[] {
  return finish(placingChanges(needles, versions, blockText, metaOf))
}

/** placeChanges in steps (core/steps.ts). */
export function* placingChanges(needles: readonly (Needle | null)[], versions: readonly VersionBlocks[], blockText: (id: number) => string, metaOf: (id: number) => DocumentMeta): Steps<(number | null)[]> {
  // Which versions hold each block.
  const holders = new Map<number, number[]>()
  const metaHolders = new Map<number, number[]>()
  versions.forEach((v, i) => {
    for (const id of new Set(v.ids)) {
      const list = holders.get(id)
      if (list) list.push(i)
      else holders.set(id, [i])
    }
    const list = metaHolders.get(v.metaBlock)
    if (list) list.push(i)
    else metaHolders.set(v.metaBlock, [i])
  })
  // Each distinct block's text, and which blocks hold each word: a needle is looked for only in
  // the blocks that hold its rarest word (a history of 1,000 versions has some 2,800 distinct
  // blocks, 2.4 MB of text; searching all of it per change took 1.4 s for 1,800 changes).
  const blocks = [...holders.keys()]
  const texts: string[] = []
  const postings = new Map<string, number[]>()
  for (const id of blocks) {
    const k = texts.push(blockText(id)) - 1
    for (const word of new Set(texts[k].match(WORDS) ?? [])) {
      const list = postings.get(word)
      if (list) list.push(k)
      else postings.set(word, [k])
    }
    if (texts.length % STEP === 0) yield
  }
  const candidates = (needle: string): Iterable<number> => {
    let best: number[] | null = null
    for (const word of needle.match(WORDS) ?? []) {
      const list = postings.get(word) ?? []
      if (!best || list.length < best.length) best = list
    }
    return best ?? texts.keys()
  }
  const out: (number | null)[] = []
  for (const needle of needles) {
    out.push(place(needle))
    if (out.length % STEP === 0) yield
  }
  return out
  function place(needle: Needle | null): number | null {
    if (!needle) return null
    const present = new Set<number>()
    if (needle.kind === 'meta') {
      for (const [id, list] of metaHolders) if (metaValue(metaOf(id), needle.key) === needle.value) for (const i of list) present.add(i)
    } else {
      for (const k of candidates(needle.text)) if (texts[k].includes(needle.text)) for (const i of holders.get(blocks[k])!) present.add(i)
    }
    for (let i = 0; i < versions.length; i++) {
      const has = present.has(i)
      if (needle.kind === 'del' ? !has : has) return versions[i].number
    }
    return null
  }
}

/** A tracked change as a Word file carried it: who (w:author), when (w:date) and its words (up to 500 characters). */
export interface WordRevision { kind: 'ins' | 'del'; author: string; date: string; text: string }

/**
 * The Word revision a change came from: an insertion holding its new words,
 * or a deletion holding its old ones. A revision's text is kept up to 500
 * characters, so a longer one (a moved paragraph) matches by its start.
 */
export function revisionFor(change: { inserted: string; deleted: string }, revisions: readonly WordRevision[]): WordRevision | null {
  const squeeze = (t: string) => t.replace(/\s+/g, ' ').trim()
  const ins = squeeze(change.inserted)
  const del = squeeze(change.deleted)
  const holds = (revision: string, words: string) => {
    const text = squeeze(revision)
    return text.includes(words) || (text.length >= 200 && words.startsWith(text.slice(0, 200)))
  }
  for (const rev of revisions) {
    if (rev.kind === 'ins' && ins && holds(rev.text, ins)) return rev
    if (rev.kind === 'del' && del && holds(rev.text, del)) return rev
  }
  return null
}
