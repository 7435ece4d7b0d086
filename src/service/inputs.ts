// Parsing of every API input at the boundary: transports hand `unknown` in,
// the service only ever sees values of the contract's types.
import { z } from 'zod'
import { LIMITS, type ApiMethod } from './contract.js'

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER)
const metaValue = z.union([z.string().max(10_000), z.array(z.string().max(10_000)).max(100)])
const meta = z.record(z.string().regex(/^[\p{L}_][\p{L}\p{N}_-]{0,63}$/u), metaValue).refine((m) => Object.keys(m).length <= 100, 'te veel metadatavelden')
const docJson = z.object({ type: z.literal('doc'), content: z.array(z.unknown()).max(100_000) })
const type = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/)
const label = z.string().trim().min(1).max(LIMITS.labelChars)
const changeId = z.string().regex(/^c\d{1,7}$/)
const commentId = z.string().regex(/^k[0-9a-z]{6,24}$/)
const commentText = z.string().trim().min(1).max(20_000)
const person = z.string().trim().min(1).max(100)
const org = z.string().trim().max(100)

/** The parser of each method's argument (methods without one take nothing). */
export const inputSchemas = {
  listTemplates: z.undefined().optional(),
  listDocuments: z.object({ filter: z.string().max(200).optional() }).strict(),
  createDocument: z.object({ type, meta: meta.optional(), content: docJson.optional() }).strict(),
  openDocument: z.object({ id, version: id.optional() }).strict(),
  saveVersion: z.object({ id, base: id, meta, content: docJson, label: label.optional(), kind: z.enum(['auto', 'named']) }).strict(),
  listVersions: z.object({ id }).strict(),
  restoreVersion: z.object({ id, number: id }).strict(),
  importMarkdown: z.object({ text: z.string(), type: type.optional(), fileName: z.string().max(500).optional() }).strict(),
  saveMarkdownVersion: z.object({ id, text: z.string(), label: label.optional(), base: id.optional() }).strict(),
  exportMarkdown: z.object({ id, version: id.optional() }).strict(),
  compareVersions: z.object({ id, a: id, b: id.optional(), granularity: z.enum(['word', 'char']).optional() }).strict(),
  compareMarkdown: z.object({ a: z.string(), b: z.string(), granularity: z.enum(['word', 'char']).optional() }).strict(),
  reviewChanges: z.object({ id, a: id, b: id, accept: z.array(changeId).max(100_000), reject: z.array(changeId).max(100_000) }).strict(),
  exportDocx: z.object({ id, version: id.optional(), against: id.optional(), comments: z.boolean().optional() }).strict(),
  importDocx: z.object({ base64: z.string().max(LIMITS.docxBase64Chars), fileName: z.string().max(500).optional(), type: type.optional(), into: id.optional(), label: label.optional() }).strict(),
  search: z.object({ query: z.string().max(500) }).strict(),
  listComments: z.object({ id, version: id.optional() }).strict(),
  addComment: z.object({ id, base: id, from: z.number().int().nonnegative().max(100_000_000), to: z.number().int().positive().max(100_000_000), text: commentText, org, author: person.optional() }).strict(),
  commentOnQuote: z.object({ id, quote: z.string().min(1).max(20_000), text: commentText, org, author: person.optional() }).strict(),
  replyComment: z.object({ commentId, text: commentText, org: org.optional(), author: person.optional() }).strict(),
  editComment: z.object({ commentId, text: commentText }).strict(),
  deleteComment: z.object({ commentId, base: id.optional() }).strict(),
  setCommentResolved: z.object({ commentId, resolved: z.boolean() }).strict(),
  getSettings: z.undefined().optional(),
  setSettings: z.object({ author: person, org: org.optional() }).strict(),
  checkDatabase: z.undefined().optional(),
} satisfies Record<ApiMethod, z.ZodType>

/** Turns a zod failure into one Dutch line naming the field. */
export function describeInputError(method: string, error: z.ZodError): string {
  const issue = error.issues[0]
  const where = issue?.path.length ? ` (veld ${issue.path.join('.')})` : ''
  return `Ongeldige invoer voor ${method}${where}: ${issue?.message ?? 'onbekende fout'}.`
}
