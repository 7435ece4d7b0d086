// Full-text search over the current text of every document, its version
// labels and its comments.
import { listDocuments } from '../store/documents.repo.js'
import { search as searchIndex } from '../store/search.repo.js'
import type { Result, SearchResult } from './contract.js'
import { ok, type ServiceContext } from './context.js'

/** Hits with the title and type of their document. */
export function search(ctx: ServiceContext, { query }: { query: string }): Result<SearchResult[]> {
  const titles = new Map(listDocuments(ctx.db).map((d) => [d.id, d]))
  return ok(searchIndex(ctx.db, query).flatMap((hit) => {
    const d = titles.get(hit.documentId)
    return d ? [{ ...hit, title: d.title, type: d.type }] : []
  }))
}
