// Finding a search hit again in a document: the index gives a snippet of
// the block's text with the matched words between [ and ]; the editor needs
// the document range of those words to show them.
import type { Node as PMNode } from 'prosemirror-model'
import { flattenText } from './comments.js'

/**
 * The range of the first hit of `snippet` (as search returns it: "…words
 * [hit] words…") in `doc`: where the whole snippet reads the same, else the
 * first occurrence of the marked words (ignoring case). Null when neither is found.
 */
export function findSnippet(doc: PMNode, snippet: string): { from: number; to: number } | null {
  const clean = snippet.replace(/^…|…$/g, '')
  const open = clean.indexOf('[')
  const close = clean.indexOf(']', open + 1)
  if (open < 0 || close < 0) return null
  const hit = clean.slice(open + 1, close)
  if (!hit.trim()) return null
  const phrase = clean.replace(/[[\]]/g, '')
  const flat = flattenText(doc)
  const toRange = (start: number, length: number) => {
    let end = start + length
    while (start < end && flat.positions[start] < 0) start++
    while (end > start && flat.positions[end - 1] < 0) end--
    return start < end ? { from: flat.positions[start], to: flat.positions[end - 1] + 1 } : null
  }
  const at = flat.text.indexOf(phrase)
  if (at >= 0) return toRange(at + open, hit.length)
  const loose = flat.text.toLocaleLowerCase('nl').indexOf(hit.toLocaleLowerCase('nl'))
  return loose >= 0 ? toRange(loose, hit.length) : null
}
