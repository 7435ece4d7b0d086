// How alike two blocks are, for pairing edited paragraphs and finding moves.
// Dice's coefficient over word bigrams: unrelated Dutch paragraphs share many
// single words (de, het, van) but few word pairs.
import type { NodeJSON } from './types.js'

export interface Profile {
  words: number
  /** Word bigrams (or single words for very short blocks) as numbers, with counts. */
  grams: Map<number, number>
  /** Total count of grams (with repeats). */
  size: number
  family: string
}

const FAMILY: Record<string, string> = { paragraph: 'text', heading: 'text', bullet_list: 'list', ordered_list: 'list', list_item: 'item', table: 'table' }

// Words are interned as small integers so a bigram is one number, not a new
// string: comparing a 600 kB letter makes millions of them.
const wordIds = new Map<string, number>()
const wordId = (w: string) => {
  let id = wordIds.get(w)
  if (id === undefined) wordIds.set(w, (id = wordIds.size + 1))
  return id
}

/** Forgets interned words when there are very many; call between comparisons only. */
export function trimWordIds(): void {
  if (wordIds.size >= 1 << 20) wordIds.clear()
}

const WORD = /[\p{L}\p{N}]+/gu

function addWords(text: string, out: number[]) {
  const lower = text.toLowerCase()
  WORD.lastIndex = 0
  for (let m = WORD.exec(lower); m; m = WORD.exec(lower)) out.push(wordId(m[0]))
}

/** The words of a node; adjacent text nodes are read as one text, so a mark ending inside a word does not split it. */
function collectWords(node: NodeJSON, out: number[]) {
  if (node.text !== undefined) return addWords(node.text, out)
  let text = ''
  for (const child of node.content ?? []) {
    if (child.text !== undefined) text += child.text
    else {
      addWords(text, out)
      text = ''
      collectWords(child, out)
    }
  }
  addWords(text, out)
}

/** Precomputes what similarity needs of a node. */
export function profile(node: NodeJSON): Profile {
  const words: number[] = []
  collectWords(node, words)
  const grams = new Map<number, number>()
  const add = (g: number) => grams.set(g, (grams.get(g) ?? 0) + 1)
  if (words.length < 3) words.forEach(add)
  else for (let i = 1; i < words.length; i++) add(words[i - 1] * 2097152 + words[i])
  let size = 0
  for (const n of grams.values()) size += n
  return { words: words.length, grams, size, family: FAMILY[node.type] ?? node.type }
}

/** Similarity from 0 (nothing shared) to 1 (same words in the same pairs). */
export function similarity(a: Profile, b: Profile): number {
  if (a.family !== b.family) return 0
  const sizeA = a.size
  const sizeB = b.size
  if (sizeA === 0 && sizeB === 0) return 1
  if (sizeA === 0 || sizeB === 0) return 0
  const [small, large] = a.grams.size < b.grams.size ? [a.grams, b.grams] : [b.grams, a.grams]
  let common = 0
  for (const [g, n] of small) common += Math.min(n, large.get(g) ?? 0)
  return (2 * common) / (sizeA + sizeB)
}

/** How much of `part` (0 to 1) is found in the blocks `whole`: for telling a merged or split paragraph. */
export function containment(part: Profile, whole: Profile[]): number {
  const size = part.size
  if (size === 0) return 1
  let found = 0
  for (const [g, n] of part.grams) {
    let available = 0
    for (const w of whole) available += w.grams.get(g) ?? 0
    found += Math.min(n, available)
  }
  return found / size
}
