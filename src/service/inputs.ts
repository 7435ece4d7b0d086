// Parsing of every API input at the boundary: transports hand `unknown` in,
// the service only ever sees values of the contract's types.
import { z } from 'zod'
import { LIMITS, type ApiMethod } from './contract.js'

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER)
const metaValue = z.union([z.string().max(10_000), z.array(z.string().max(10_000)).max(100)])
// JSON.parse keeps a key "__proto__" as an own property, but a parsed record
// would drop it silently: refuse it by name instead.
const noProtoKey = z.unknown().superRefine((value, ctx) => {
  if (value && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, '__proto__')) ctx.addIssue({ code: 'custom', message: 'de veldnaam __proto__ is niet toegestaan' })
})
const metaRecord = z.record(z.string().regex(/^[\p{L}_][\p{L}\p{N}_-]{0,63}$/u), metaValue).refine((m) => Object.keys(m).length <= 100, 'te veel metadatavelden')
const meta = noProtoKey.pipe(metaRecord)
const docJson = z.object({ type: z.literal('doc'), content: z.array(z.unknown()).max(100_000) })
const type = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/)
const label = z.string().trim().min(1).max(LIMITS.labelChars)
const changeId = z.string().regex(/^c\d{1,7}$/)
const proposalId = z.string().regex(/^p[0-9a-z]{1,14}$/)
const commentId = z.string().regex(/^k[0-9a-z]{6,24}$/)
const commentText = z.string().trim().min(1).max(20_000)
const person = z.string().trim().min(1).max(100)
const org = z.string().trim().max(100)

// Each parser is built the first time its method is called: a command-line
// call needs one of them, and building all hundred took part of every start.
const makers = {
  listTemplates: () => z.undefined().optional(),
  listDocuments: () => z.object({ filter: z.string().max(200).optional(), trash: z.boolean().optional() }).strict(),
  createDocument: () => z.object({ type, meta: meta.optional(), content: docJson.optional() }).strict(),
  openDocument: () => z.object({ id, version: id.optional() }).strict(),
  saveVersion: () => z.object({ id, base: id, meta, content: docJson, label: label.optional(), kind: z.enum(['auto', 'named']) }).strict(),
  listVersions: () => z.object({ id, after: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional() }).strict(),
  restoreVersion: () => z.object({ id, number: id }).strict(),
  importMarkdown: () => z.object({ text: z.string(), type: type.optional(), fileName: z.string().max(500).optional() }).strict(),
  saveMarkdownVersion: () => z.object({ id, text: z.string(), label: label.optional(), base: id.optional() }).strict(),
  exportMarkdown: () => z.object({ id, version: id.optional() }).strict(),
  compareVersions: () => z.object({ id, a: id, b: id.optional(), granularity: z.enum(['word', 'char']).optional(), first: z.number().int().min(1).max(100_000).optional() }).strict(),
  compareMarkdown: () => z.object({ a: z.string(), b: z.string(), granularity: z.enum(['word', 'char']).optional() }).strict(),
  reviewChanges: () => z.object({ id, a: id, b: id, accept: z.array(changeId).max(100_000), reject: z.array(changeId).max(100_000) }).strict(),
  exportDocx: () => z.object({ id, version: id.optional(), against: id.optional(), comments: z.boolean().optional() }).strict(),
  importDocx: () => z.object({ base64: z.string().max(LIMITS.docxBase64Chars), fileName: z.string().max(500).optional(), type: type.optional(), into: id.optional(), label: label.optional() }).strict(),
  search: () => z.object({ query: z.string().max(500) }).strict(),
  listComments: () => z.object({ id, version: id.optional() }).strict(),
  addComment: () => z.object({ id, base: id, from: z.number().int().nonnegative().max(100_000_000), to: z.number().int().positive().max(100_000_000), text: commentText, org, author: person.optional() }).strict(),
  commentOnQuote: () => z.object({ id, quote: z.string().min(1).max(20_000), text: commentText, org, author: person.optional() }).strict(),
  replyComment: () => z.object({ commentId, text: commentText, org: org.optional(), author: person.optional() }).strict(),
  editComment: () => z.object({ commentId, text: commentText }).strict(),
  deleteComment: () => z.object({ commentId, base: id.optional() }).strict(),
  setCommentResolved: () => z.object({ commentId, resolved: z.boolean() }).strict(),
  getSettings: () => z.undefined().optional(),
  setSettings: () => z.object({ author: person, org: org.optional(), initials: z.string().trim().max(8).optional() }).strict(),
  checkDatabase: () => z.undefined().optional(),
  startRound: () => z.object({
    id, version: id.optional(),
    partners: z.array(z.object({ org: z.string().trim().min(1).max(100), contact: z.string().trim().max(100).optional() }).strict()).min(1).max(50),
    deadline: z.string().trim().max(100).optional(), note: z.string().max(2_000).optional(),
  }).strict(),
  listRounds: () => z.object({ id }).strict(),
  importReturn: () => z.object({ round: id, base64: z.string().max(LIMITS.docxBase64Chars), fileName: z.string().max(500).optional(), org: z.string().trim().min(1).max(100).optional() }).strict(),
  roundProposals: () => z.object({ round: id }).strict(),
  decideProposals: () => z.object({ round: id, accept: z.array(proposalId).max(100_000).optional(), reject: z.array(proposalId).max(100_000).optional(), undecide: z.array(proposalId).max(100_000).optional(), reason: z.string().max(2_000).optional() }).strict(),
  applyRound: () => z.object({
    round: id, accept: z.array(proposalId).max(100_000).optional(), reject: z.array(proposalId).max(100_000).optional(), acceptClean: z.boolean().optional(),
    acceptOrg: z.array(z.string().trim().min(1).max(100)).max(50).optional(), rejectOrg: z.array(z.string().trim().min(1).max(100)).max(50).optional(), label: label.optional(),
  }).strict(),
  roundReport: () => z.object({ round: id, org: z.string().trim().min(1).max(100) }).strict(),
  getParafen: () => z.object({ id }).strict(),
  setRoute: () => z.object({ id, route: z.array(z.object({ name: z.string().max(100), role: z.string().trim().min(1).max(100), kind: z.enum(['lijn', 'mede']) }).strict()).max(30) }).strict(),
  approve: () => z.object({
    id, version: id.optional(), name: z.string().trim().min(1).max(100), role: z.string().trim().min(1).max(100), kind: z.enum(['lijn', 'mede']).optional(),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(d)), 'geen bestaande datum').optional(), remark: z.string().max(2_000).optional(),
  }).strict(),
  withdrawParaaf: () => z.object({ paraaf: id, reason: z.string().max(2_000).optional() }).strict(),
  verifyDocx: () => z.object({ base64: z.string().max(LIMITS.docxBase64Chars) }).strict(),
  confirmUnchanged: () => z.object({ paraaf: id, note: z.string().trim().min(1).max(2_000) }).strict(),
  paraafblad: () => z.object({ id }).strict(),
  renameDocument: () => z.object({ id, title: z.string().min(1).max(500) }).strict(),
  changeDocumentType: () => z.object({ id, type: z.string().min(1).max(64) }).strict(),
  copyDocument: () => z.object({ id, type: z.string().min(1).max(64).optional() }).strict(),
  deleteDocument: () => z.object({ id }).strict(),
  undeleteDocument: () => z.object({ id }).strict(),
  suggestRedactions: () => z.object({ id }).strict(),
  redact: () => z.object({ id, quote: z.string().min(1).max(2000), ground: z.string().min(1).max(40), all: z.boolean().optional(), base: id.optional() }).strict(),
  redactAcross: () => z.object({ ids: z.array(id).min(1).max(1000), quote: z.string().min(1).max(2000), ground: z.string().min(1).max(40) }).strict(),
  removeRedaction: () => z.object({ id, quote: z.string().min(1).max(2000) }).strict(),
  listRedactions: () => z.object({ id, version: id.optional() }).strict(),
  publish: () => z.object({ id, version: id.optional(), format: z.enum(['pdf', 'docx']) }).strict(),
  attributeChanges: () => z.object({ id, base: id, changes: z.array(z.object({ kind: z.enum(['ins', 'del']), text: z.string().max(20_000), before: z.string().max(200), after: z.string().max(200) }).strict()).max(500) }).strict(),
  emptyTrash: () => z.undefined().optional(),
  attributeComparison: () => z.object({ id, a: id, b: id.optional() }).strict(),
  getWooNames: () => z.undefined().optional(),
  setWooNames: () => z.object({ names: z.array(z.string().max(100)).max(500) }).strict(),
  wooInventory: () => z.object({ ids: z.array(id).min(1).max(10_000), format: z.enum(['xlsx', 'csv']) }).strict(),
  checkSpelling: () => z.object({ words: z.array(z.string().min(1).max(64)).max(5_000) }).strict(),
  spellingSuggestions: () => z.object({ word: z.string().min(1).max(64) }).strict(),
  listDictionary: () => z.undefined().optional(),
  changeDictionary: () => z.object({ word: z.string().min(1).max(64), remove: z.boolean().optional() }).strict(),
  documentSpelling: () => z.object({ id }).strict(),
} satisfies Record<ApiMethod, () => z.ZodType>

type InputSchemas = { [M in ApiMethod]: ReturnType<(typeof makers)[M]> }
const built: Partial<InputSchemas> = {}

/** The parser of `method`'s argument (methods without one take nothing). */
export function inputSchema<M extends ApiMethod>(method: M): InputSchemas[M] {
  return (built[method] ??= makers[method]() as InputSchemas[M]) as InputSchemas[M]
}

/** Turns a zod failure into one Dutch line naming the field. */
export function describeInputError(method: string, error: z.ZodError): string {
  const issue = error.issues[0]
  const where = issue?.path.length ? ` (veld ${issue.path.join('.')})` : ''
  return `Ongeldige invoer voor ${method}${where}: ${issue?.message ?? 'onbekende fout'}.`
}
