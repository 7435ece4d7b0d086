// How alike two blocks are, for pairing edited paragraphs and finding moves.
// Dice's coefficient over word bigrams: unrelated Dutch paragraphs share many
// single words (de, het, van) but few word pairs.
import type { NodeJSON } from './types.js'
import { nodeText } from './tokens.js'

export interface Profile {
  words: number
  grams: Map<string, number>
  family: string
}

const FAMILY: Record<string, string> = { paragraph: 'text', heading: 'text', bullet_list: 'list', ordered_list: 'list', list_item: 'item', table: 'table' }

/** Precomputes what similarity needs of a node. */
export function profile(node: NodeJSON): Profile {
  const words = (nodeText(node).toLocaleLowerCase('nl').match(/[\p{L}\p{N}]+/gu) ?? [])
  const grams = new Map<string, number>()
  const add = (g: string) => grams.set(g, (grams.get(g) ?? 0) + 1)
  if (words.length < 3) words.forEach(add)
  else for (let i = 1; i < words.length; i++) add(words[i - 1] + ' ' + words[i])
  return { words: words.length, grams, family: FAMILY[node.type] ?? node.type }
}

/** Similarity from 0 (nothing shared) to 1 (same words in the same pairs). */
export function similarity(a: Profile, b: Profile): number {
  if (a.family !== b.family) return 0
  let sizeA = 0
  let sizeB = 0
  for (const n of a.grams.values()) sizeA += n
  for (const n of b.grams.values()) sizeB += n
  if (sizeA === 0 && sizeB === 0) return 1
  if (sizeA === 0 || sizeB === 0) return 0
  const [small, large] = a.grams.size < b.grams.size ? [a.grams, b.grams] : [b.grams, a.grams]
  let common = 0
  for (const [g, n] of small) common += Math.min(n, large.get(g) ?? 0)
  return (2 * common) / (sizeA + sizeB)
}

/** How much of `part` (0 to 1) is found in the blocks `whole`: for telling a merged or split paragraph. */
export function containment(part: Profile, whole: Profile[]): number {
  let size = 0
  for (const n of part.grams.values()) size += n
  if (size === 0) return 1
  let found = 0
  for (const [g, n] of part.grams) {
    let available = 0
    for (const w of whole) available += w.grams.get(g) ?? 0
    found += Math.min(n, available)
  }
  return found / size
}
