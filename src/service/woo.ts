// Woo publication, the first part: the passages of a document Paraaf
// suggests withholding (personal data, and the names it has seen as authors
// of comments and versions), each with its ground. Nothing is withheld
// without a user's decision.
import { suggestRedactions as suggest, type RedactionSuggestion } from '../core/woo.js'
import { getDocument } from '../store/documents.repo.js'
import { listComments } from '../store/comments.repo.js'
import { listVersions, readVersion } from '../store/versions.repo.js'
import type { Result } from './contract.js'
import { docOf, missing, ok, type ServiceContext } from './context.js'

/** Suggestions for the latest version's text (body, tables and footnotes). */
export function suggestRedactions(ctx: ServiceContext, { id }: { id: number }): Result<RedactionSuggestion[]> {
  const document = getDocument(ctx.db, id)
  if (!document) return missing(id)
  const latest = readVersion(ctx.db, id, document.versionCount)!
  const doc = docOf(latest)
  const text = doc.textBetween(0, doc.content.size, '\n', '\n')
  const names = new Map<string, string>()
  for (const c of listComments(ctx.db, id)) if (c.author) names.set(c.author, 'naam (auteur van een opmerking)')
  for (const v of listVersions(ctx.db, id)) if (v.author && !names.has(v.author)) names.set(v.author, 'naam (auteur van een versie)')
  return ok(suggest(text, [...names].map(([name, reason]) => ({ name, reason }))))
}
