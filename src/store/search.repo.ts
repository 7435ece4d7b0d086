// Searching the current text of every document, its version labels and its
// comments.
import type { Db } from './database.js'
import { decodeIds } from './varint.js'

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
  const words = input.toLowerCase().match(/[\p{L}\p{N}]+/gu)
  if (!words?.length) return null
  return words.slice(0, 12).map((w) => `"${w}"*`).join(' AND ')
}

/** Hits in the latest versions, labels and comments, at most `limit` per kind. */
export function search(db: Db, input: string, limit = 50): SearchHit[] {
  const query = toFtsQuery(input)
  if (!query) return []
  const hits: SearchHit[] = []
  const blockHits = db.prepare(`SELECT rowid AS id, snippet(search_blocks, 0, '[', ']', '…', 12) AS snip FROM search_blocks WHERE search_blocks MATCH ? LIMIT 2000`).all(query) as { id: number; snip: string }[]
  if (blockHits.length) {
    const snippetOf = new Map(blockHits.map((b) => [b.id, b.snip]))
    const latest = db.prepare(`
      SELECT v.document_id, v.meta_block, v.block_ids FROM versions v
      JOIN documents d ON d.id = v.document_id AND d.version_count = v.number`).all() as { document_id: number; meta_block: number; block_ids: Buffer }[]
    for (const v of latest) {
      const ids = [v.meta_block, ...decodeIds(v.block_ids)]
      const found = ids.find((id) => snippetOf.has(id))
      if (found !== undefined) hits.push({ documentId: v.document_id, where: 'tekst', snippet: snippetOf.get(found)!, ref: null })
      if (hits.length >= limit) break
    }
  }
  for (const r of db.prepare(`SELECT document_id, number, snippet(search_labels, 0, '[', ']', '…', 12) AS snip FROM search_labels WHERE search_labels MATCH ? LIMIT ?`).all(query, limit) as { document_id: number; number: number; snip: string }[]) {
    hits.push({ documentId: r.document_id, where: 'versie', snippet: r.snip, ref: String(r.number) })
  }
  for (const r of db.prepare(`SELECT document_id, comment_id, snippet(search_comments, 0, '[', ']', '…', 12) AS snip FROM search_comments WHERE search_comments MATCH ? LIMIT ?`).all(query, limit) as { document_id: number; comment_id: string; snip: string }[]) {
    hits.push({ documentId: r.document_id, where: 'opmerking', snippet: r.snip, ref: r.comment_id })
  }
  return hits
}
