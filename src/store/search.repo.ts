// Searching the current text of every document, its version labels and its
// comments.
import type { Db } from './database.js'
import { getBlocks } from './blocks.repo.js'
import { searchTextOfJson, snippetOf } from './search-text.js'

export interface SearchHit {
  documentId: number
  where: 'tekst' | 'versie' | 'opmerking'
  snippet: string
  /** The version number for a label hit, the comment id for a comment hit. */
  ref: string | null
}

/**
 * Turns what a user types into a safe FTS5 query: every word must occur, as
 * a prefix ("crimi" finds "criminaliteit"). Operators and quotes typed by the
 * user are treated as text, so no input can break the query.
 */
export function toFtsQuery(input: string): string | null {
  const words = queryWords(input)
  if (!words.length) return null
  return words.map((w) => `"${w}"*`).join(' AND ')
}

/** The words of a search, as the index compares them (lower case); at most 12. */
function queryWords(input: string): string[] {
  return (input.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12)
}

/** Hits in the latest versions, labels and comments, at most `limit` per kind. */
export function search(db: Db, input: string, limit = 50): SearchHit[] {
  const query = toFtsQuery(input)
  if (!query) return []
  const hits: SearchHit[] = []
  // Only the current text: the index joined to each document's current blocks
  // in SQL, so no amount of matching history can crowd it out.
  // The index holds no copy of the text (contentless): the snippet is made from the block itself.
  const textHits = db.prepare(`
    SELECT cb.document_id AS document_id, cb.block_id AS block_id
    FROM search_current JOIN current_blocks cb ON cb.block_id = search_current.rowid
    WHERE search_current MATCH ? ORDER BY rank`).all(query) as { document_id: number; block_id: number }[]
  const seen = new Set<number>()
  const words = queryWords(input)
  for (const hit of textHits) {
    if (seen.has(hit.document_id)) continue
    seen.add(hit.document_id)
    hits.push({ documentId: hit.document_id, where: 'tekst', snippet: snippetOf(searchTextOfJson(getBlocks(db, [hit.block_id])[0]), words), ref: null })
    if (seen.size >= limit) break
  }
  for (const r of db.prepare(`SELECT document_id, number, snippet(search_labels, 0, '[', ']', '…', 12) AS snip FROM search_labels WHERE search_labels MATCH ? LIMIT ?`).all(query, limit) as { document_id: number; number: number; snip: string }[]) {
    hits.push({ documentId: r.document_id, where: 'versie', snippet: r.snip, ref: String(r.number) })
  }
  for (const r of db.prepare(`SELECT document_id, comment_id, snippet(search_comments, 0, '[', ']', '…', 12) AS snip FROM search_comments WHERE search_comments MATCH ? LIMIT ?`).all(query, limit) as { document_id: number; comment_id: string; snip: string }[]) {
    hits.push({ documentId: r.document_id, where: 'opmerking', snippet: r.snip, ref: r.comment_id })
  }
  return hits
}
