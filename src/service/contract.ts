// The one description of the application. The renderer, the Electron IPC
// bridge, the HTTP server and the CLI all speak exactly this interface.
// Types only: this file is safe to import from the renderer.
import type { DocJSON, DocumentMeta, ParaafKind, RouteStep, TemplateLayout } from '../core/document.js'
export type { TemplateLayout } from '../core/document.js'
import type { Comparison } from '../core/diff/types.js'
import type { RedactionSuggestion } from '../core/woo.js'
export type { RedactionSuggestion } from '../core/woo.js'
export type { RedactionSummary } from '../core/redaction.js'
import type { RedactionSummary } from '../core/redaction.js'
import type { Proposal } from '../core/merge/consolidate.js'

export type { Comparison, Change, ChangeKind, Row, Inner, InlinePart, Token, MetaRow } from '../core/diff/types.js'

/** An expected failure is a value with a Dutch message the user can act on. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string; conflict?: SaveConflict }

/** Why a write was refused: another version was saved after the one the text was based on. */
export interface SaveConflict { latest: number }

/** 'woo': the version a Woo publication was made from. */
export type VersionKind = 'create' | 'auto' | 'named' | 'restore' | 'import' | 'woo'

export interface TemplateField {
  key: string
  label: string
  kind: 'text' | 'lines' | 'date'
  required?: boolean
  hint?: string
}


export interface TemplateManifest {
  type: string
  label: string
  description: string
  layout: TemplateLayout
  fields: TemplateField[]
  /** The paraafroute the template proposes, roles in order (the nota: afdelingshoofd, directeur, DG). */
  route?: { role: string; kind: 'lijn' | 'mede' }[]
  /** What a new document starts with (Markdown body). */
  skeleton?: string
  /** The page budget (a two-pager: 2). */
  maxPages?: number
}

export interface DocumentSummary {
  id: number
  title: string
  type: string
  updatedAt: string
  versions: number
  /** The newest review round: partners asked, partners who returned, returns not yet processed; the deadline as shown, and whether it has passed. */
  round: { id: number; deadline: string; deadlinePassed: boolean; asked: number; returned: number; unprocessed: number } | null
  /** Where the parafen stand, for a document that has any ("2 van 3", how many lapsed). */
  parafen: { given: number; of: number; vervallen: number } | null
  /** When it went to the Prullenbak (only in the list of the Prullenbak). */
  deletedAt?: string
}

export interface VersionInfo {
  number: number
  createdAt: string
  kind: VersionKind
  label: string | null
  author: string
  bytesAdded: number
  restoredFrom: number | null
}

export interface DocumentSnapshot {
  id: number
  type: string
  title: string
  meta: DocumentMeta
  content: DocJSON
  version: VersionInfo
  latestVersion: number
  /** True when this is an older version: it can be read and restored, not edited. */
  readOnly: boolean
}

export interface VersionRef {
  number: number
  bytesAdded: number
  /** True when an autosave found nothing changed and wrote no version. */
  unchanged: boolean
}

export interface CreateDocumentInput { type: string; meta?: DocumentMeta; content?: DocJSON }
export interface OpenDocumentInput { id: number; version?: number }
export interface SaveVersionInput {
  id: number
  /** The version the editor's text was based on; when a newer one exists the save is refused (nothing is lost). */
  base: number
  meta: DocumentMeta
  content: DocJSON
  label?: string
  kind: 'auto' | 'named'
}
export interface RestoreVersionInput { id: number; number: number }
export interface ImportMarkdownInput { text: string; type?: string; fileName?: string }
export interface SaveMarkdownVersionInput { id: number; text: string; label?: string; /** Refuse when this is not the latest version. */ base?: number }
export interface ExportMarkdownInput { id: number; version?: number }
export interface Settings {
  author: string
  org?: string
  /** Initials shown with one's comments in Word ("JdV"). */
  initials?: string
  /** Set once the user confirmed who they are (the first-start dialog, or the settings). */
  identified?: boolean
  /** What IT preset in paraaf-beleid.json (read-only; the organisation set there wins). */
  managed?: ManagedSettings
}
export interface ManagedSettings {
  file: string | null
  organisation?: string
  dataDir?: string
  backupDir?: string
  templatesDir?: string
  /** Why the policy file was not used. */
  problem?: string
}
export interface CompareVersionsInput {
  id: number
  a: number
  b?: number
  granularity?: 'word' | 'char'
  /** Only the first rows (a first screen): the rest follows from a call without it, and the numbers stay the same. */
  first?: number
}
export interface CompareMarkdownInput { a: string; b: string; granularity?: 'word' | 'char' }
export interface ReviewChangesInput { id: number; a: number; b: number; accept: string[]; reject: string[] }
export interface VersionComparison {
  id: number
  type: string
  a: VersionInfo
  b: VersionInfo
  latestVersion: number
  comparison: Comparison
  /** False when only the first rows were asked for and more follow: the changes and counts are those of these rows. */
  complete: boolean
  /** All top-level rows of the comparison. */
  rowCount: number
}
/** `mine`: written by this user (by their stable id; by name for older and imported comments): theirs to edit or delete. */
export interface CommentReply { id: string; author: string; org: string; createdAt: string; updatedAt: string; text: string; mine: boolean }
export interface CommentThread extends CommentReply {
  resolved: boolean
  /** The text under the anchor in the version asked for, or the last known text when detached. */
  quote: string
  /** False when none of the text the comment was about is in this version: "losgeraakt". */
  anchored: boolean
  /** Top-level block of the anchor in this version, null when detached. */
  block: number | null
  replies: CommentReply[]
}
export interface CommentsView { threads: CommentThread[]; organisations: string[] }
export interface QuoteAnchor { quote: string; prefix: string; suffix: string }
/**
 * A new thread on the range [from, to) of version `base`, which must be the
 * latest: the service places the mark and stores the thread in one write.
 */
export interface AddCommentInput { id: number; base: number; from: number; to: number; text: string; org: string; author?: string }
export interface DeleteCommentInput { commentId: string; /** The editor's version; the mark is removed from it in the same write. */ base?: number }
export interface CommentOnQuoteInput { id: number; quote: string; text: string; org: string; author?: string }
export interface ReplyCommentInput { commentId: string; text: string; org?: string; author?: string }
export interface SearchResult {
  documentId: number
  title: string
  type: string
  /** Where the words were found: the current text, a version label or a comment. */
  where: 'tekst' | 'versie' | 'opmerking'
  /** The words around the hit; the hit itself between [ and ]. */
  snippet: string
  ref: string | null
}
export interface ExportDocxInput { id: number; version?: number; against?: number; comments?: boolean }
export interface ExportDocxResult { fileName: string; /** The .docx, base64-encoded (it crosses JSON transports). */ base64: string }
export interface ImportDocxInput { base64: string; fileName?: string; type?: string; into?: number; label?: string }
export interface ImportDocxResult {
  id: number
  /** The versions written: the partner's base (changes rejected) and proposal (changes accepted), or one. */
  versions: number[]
  comments: number
  /** Changes between base and proposal, as compare will show them. */
  changes: number
  /**
   * Read into a document: the changes between its last version and the file
   * without its tracked changes, made without "Wijzigingen bijhouden" (0 for a
   * new document). Compare from base to proposal does not show them.
   */
  untracked: number
  /** What was read differently from how the file holds it ("1 eindnoot als voetnoot overgenomen."). */
  notices: string[]
}
export interface ReviewResult extends VersionRef { accepted: number; rejected: number; label: string }

export interface RoundPartnerInput { org: string; contact?: string }
export interface StartRoundInput { id: number; version?: number; partners: RoundPartnerInput[]; deadline?: string; note?: string }
export interface RoundFile { org: string; fileName: string; /** The .docx sent to this partner, base64. */ base64: string }
export interface StartRoundResult { round: number; version: number; files: RoundFile[] }
export type RoundPartnerState = 'asked' | 'returned' | 'processed'
export interface RoundPartnerStatus {
  org: string
  contact: string
  fileName: string
  status: RoundPartnerState
  returnedAt: string | null
  returns: number
  /** Of this partner's proposals, how many were processed as taken over and as declined. */
  accepted: number
  rejected: number
}
export interface RoundSummary {
  id: number
  documentId: number
  /** The version that was sent. */
  version: number
  /** As a ministry writes it ("vr 12 juni 12.00 uur"); the drafter's own text when it could not be read as a date. */
  deadline: string
  /** "2026-06-12T12:00", or "2026-06-12" for a whole day; null without a readable deadline. */
  deadlineAt: string | null
  deadlinePassed: boolean
  note: string
  createdAt: string
  partners: RoundPartnerStatus[]
  /** Proposals waiting for a decision. */
  open: number
  processed: { version: number; accepted: number; rejected: number; processedAt: string }[]
}
export interface ImportReturnInput { round: number; base64: string; fileName?: string; /** Needed when the file does not carry the round's stamp. */ org?: string }
export interface ImportReturnResult { return: number; org: string; proposals: number; untracked: number; comments: number; /** As for importDocx. */ notices: string[] }
export type { ProposalStatus } from '../core/merge/consolidate.js'
/** A proposal as the screens and the CLI get it: the merge's proposal without its internals, with its decision. */
export type RoundProposal = Pick<Proposal, 'id' | 'orgs' | 'deleted' | 'inserted' | 'before' | 'after' | 'current' | 'untracked' | 'status' | 'conflictsWith' | 'movedWith'> & {
  /** Whole paragraphs (or tables, lists) rather than words within one: its context is the neighbouring blocks. */
  wholeBlocks: boolean
  /** Who made the change in Word and when (w:author, w:date); null for an untracked edit or when unknown. */
  author: string | null
  date: string | null
  /** Top-level block of the sent version it is in (reading order). */
  block: number
  decision: 'accept' | 'reject' | null
  reason: string
}
export interface DecideProposalsInput { round: number; accept?: string[]; reject?: string[]; /** Open again: the decision taken is withdrawn. */ undecide?: string[]; reason?: string }
export interface ApplyRoundInput {
  round: number
  accept?: string[]
  reject?: string[]
  /** Every clean proposal without a decision is taken over. */
  acceptClean?: boolean
  acceptOrg?: string[]
  rejectOrg?: string[]
  label?: string
}
export interface ApplyRoundResult extends VersionRef { accepted: number; rejected: number; label: string }
export interface RoundReportInput { round: number; org: string }

export type { ParaafKind, RouteStep } from '../core/document.js'
export interface ParaafInfo {
  id: number
  name: string
  role: string
  kind: ParaafKind
  /** The version the paraaf was given on, and its fingerprint (SHA-256 of content and metadata). */
  version: number
  date: string
  remark: string
  fingerprint: string
  /** geldig: the current text is exactly what was initialled; vervallen: it changed since; ingetrokken: withdrawn. */
  status: 'geldig' | 'vervallen' | 'ingetrokken'
  /** For a paraaf that lapsed: the words changed since, from its version to the current one. */
  changedSince: { insertedWords: number; deletedWords: number } | null
  withdrawReason: string
  /** Still valid after a change the drafter marked "geen inhoudelijke wijziging", with their note; null otherwise. */
  unchangedNote: string | null
}
export interface ParaafStatus {
  route: RouteStep[]
  approvals: ParaafInfo[]
  /** Steps of the route done by a valid paraaf, of all steps ("2 van 3"). */
  given: number
  of: number
  next: RouteStep | null
  vervallen: number
  latestVersion: number
  fingerprint: string
}
export interface ApproveInput { id: number; version?: number; name: string; role: string; kind?: ParaafKind; date?: string; remark?: string }
export interface VerifyResult { document: number | null; version: number | null; matches: boolean; approvals: ParaafInfo[]; reason: string }
export interface RoundReport { fileName: string; markdown: string; docxFileName: string; /** The same overview as a Word file, base64. */ docxBase64: string }

/** A quote to withhold under the Woo, with its ground; `all`: every occurrence. */
export interface RedactInput { id: number; quote: string; ground: string; all?: boolean; base?: number }
export interface PublishInput { id: number; version?: number; format: 'pdf' | 'docx' }
export interface PublishResult {
  fileName: string
  /** The file, base64-encoded. */
  base64: string
  /** The version of kind 'woo', and the version it was made from. */
  version: number
  sourceVersion: number
  /** Passages withheld; boxes per ground (markers of an earlier release included). */
  passages: number
  grounds: Record<string, number>
}
export interface InventoryInput { ids: number[]; format: 'xlsx' | 'csv' }

export interface ParaafApi {
  /** The document types with their metadata fields, from templates/. */
  listTemplates(): Promise<Result<TemplateManifest[]>>
  /** Documents, most recently changed first, optionally filtered by title. */
  /** The documents in use, or with `trash` those in the Prullenbak. */
  listDocuments(input: { filter?: string; trash?: boolean }): Promise<Result<DocumentSummary[]>>
  /** Creates a document and its first version. */
  createDocument(input: CreateDocumentInput): Promise<Result<{ id: number; version: number }>>
  /** Opens the latest version, or an older one read-only. */
  openDocument(input: OpenDocumentInput): Promise<Result<DocumentSnapshot>>
  /** Stores the document as a new immutable version and returns its number. */
  saveVersion(input: SaveVersionInput): Promise<Result<VersionRef>>
  /** Every version of a document, oldest first. */
  /** Versions oldest first; with `after`, only those newer than that number (a history brought up to date). */
  listVersions(input: { id: number; after?: number }): Promise<Result<VersionInfo[]>>
  /** Writes a new version with the content of an older one; nothing is overwritten. */
  restoreVersion(input: RestoreVersionInput): Promise<Result<VersionRef>>
  /** Imports Markdown with a YAML front matter as a new document. */
  importMarkdown(input: ImportMarkdownInput): Promise<Result<{ id: number; version: number }>>
  /** Stores Markdown (front matter optional) as a new version of an existing document. */
  saveMarkdownVersion(input: SaveMarkdownVersionInput): Promise<Result<VersionRef>>
  /** Writes a version as Markdown with front matter. */
  exportMarkdown(input: ExportMarkdownInput): Promise<Result<{ fileName: string; markdown: string }>>
  /** Compares two versions (B defaults to the latest): every change, with what is needed to draw it. */
  compareVersions(input: CompareVersionsInput): Promise<Result<VersionComparison>>
  /** Compares two Markdown texts (front matter as metadata). */
  compareMarkdown(input: CompareMarkdownInput): Promise<Result<Comparison>>
  /** Writes a new version from a comparison against the latest version: rejected changes reverted, the rest kept. */
  reviewChanges(input: ReviewChangesInput): Promise<Result<ReviewResult>>
  /** The comment threads of a document, anchored or not in the given version (default: latest). */
  listComments(input: { id: number; version?: number }): Promise<Result<CommentsView>>
  /** Starts a thread on a range of the latest version: mark and thread written as one new version. */
  addComment(input: AddCommentInput): Promise<Result<{ commentId: string; version: number }>>
  /** Finds `quote` in the latest version, anchors a new thread on it and writes a version. */
  commentOnQuote(input: CommentOnQuoteInput): Promise<Result<{ commentId: string; version: number }>>
  replyComment(input: ReplyCommentInput): Promise<Result<{ commentId: string }>>
  /** Changes the text of one's own comment. */
  editComment(input: { commentId: string; text: string }): Promise<Result<{ commentId: string }>>
  /** Deletes one's own comment (a thread with its replies). */
  /** Deletes one's own comment; a thread goes with its replies and its mark (a new version, returned). */
  deleteComment(input: DeleteCommentInput): Promise<Result<{ commentId: string; version: number | null }>>
  setCommentResolved(input: { commentId: string; resolved: boolean }): Promise<Result<{ commentId: string }>>
  /**
   * A Word file in the house style of the document's template: the version
   * asked for (default the latest), with every change against `against` as a
   * Word revision, and with the comments when asked.
   */
  exportDocx(input: ExportDocxInput): Promise<Result<ExportDocxResult>>
  /**
   * Reads a .docx (untrusted): as a new document, or as new versions of
   * document `into`. Tracked changes become a base and a proposal version to
   * compare; comments become threads on the proposal's text.
   */
  importDocx(input: ImportDocxInput): Promise<Result<ImportDocxResult>>
  /** Full-text search over the current text of every document, its version labels and its comments. */
  search(input: { query: string }): Promise<Result<SearchResult[]>>
  getSettings(): Promise<Result<Settings>>
  setSettings(input: Settings): Promise<Result<Settings>>
  /** SQLite's integrity check of the database file. */
  checkDatabase(): Promise<Result<{ ok: boolean; messages: string[] }>>
  /** Sends a version to partners: one .docx each (with the open comments and the round's stamp), and records the round. */
  startRound(input: StartRoundInput): Promise<Result<StartRoundResult>>
  /** A document's rounds, newest first, with the state of each partner. */
  listRounds(input: { id: number }): Promise<Result<RoundSummary[]>>
  /** Takes in a partner's returned .docx beside the history: never the current draft by itself. */
  importReturn(input: ImportReturnInput): Promise<Result<ImportReturnResult>>
  /** Every open proposal of every return, on the current draft, in reading order. */
  roundProposals(input: { round: number }): Promise<Result<RoundProposal[]>>
  /** Records decisions (kept until processed, across restarts). */
  decideProposals(input: DecideProposalsInput): Promise<Result<{ decided: number }>>
  /** "Verwerken": one new version on top of the current draft with the accepted proposals. */
  applyRound(input: ApplyRoundInput): Promise<Result<ApplyRoundResult>>
  /** What was done with one partner's proposals and comments, ready to mail back. */
  roundReport(input: RoundReportInput): Promise<Result<RoundReport>>
  getParafen(input: { id: number }): Promise<Result<ParaafStatus>>
  setRoute(input: { id: number; route: RouteStep[] }): Promise<Result<{ steps: number }>>
  approve(input: ApproveInput): Promise<Result<{ paraaf: number; version: number; fingerprint: string }>>
  withdrawParaaf(input: { paraaf: number; reason?: string }): Promise<Result<{ paraaf: number }>>
  confirmUnchanged(input: { paraaf: number; note: string }): Promise<Result<{ paraaf: number; version: number }>>
  paraafblad(input: { id: number }): Promise<Result<{ fileName: string; markdown: string; docxFileName: string; docxBase64: string }>>
  /** A new title (onderwerp), recorded as a named version. */
  renameDocument(input: { id: number; title: string }): Promise<Result<VersionRef>>
  /** Another document type (its fields and template from now on), recorded as a named version. */
  changeDocumentType(input: { id: number; type: string }): Promise<Result<VersionRef>>
  /** A new document from the latest text of this one, optionally of another type; comments stay with the original. */
  copyDocument(input: { id: number; type?: string }): Promise<Result<{ id: number; version: number }>>
  /** To the Prullenbak: out of the list and the search, every version kept. */
  deleteDocument(input: { id: number }): Promise<Result<{ id: number; deletedAt: string }>>
  /** Back from the Prullenbak. */
  undeleteDocument(input: { id: number }): Promise<Result<{ id: number }>>
  /** Passages to withhold under the Woo (personal data, names seen as authors), with ground and reason; nothing is changed. */
  suggestRedactions(input: { id: number }): Promise<Result<RedactionSuggestion[]>>
  /** "Wijzigingen tonen": the version (author, time) that brought in each change against `base`; null when no saved version has it yet. */
  attributeChanges(input: { id: number; base: number; changes: { kind: 'ins' | 'del'; text: string; before: string; after: string }[] }): Promise<Result<({ version: number; author: string; createdAt: string } | null)[]>>
  /** "Prullenbak leegmaken": every document in it removed for good, except those holding parafen, rounds or Woo publications. */
  emptyTrash(): Promise<Result<{ removed: number; kept: { id: number; title: string; why: string }[] }>>
  /** The compare screen's "wie, wanneer": per change id of the comparison of A with B (default the latest), the version between them that brought it in; null where the text does not tell (moves, formatting) or A is not older. */
  attributeComparison(input: { id: number; a: number; b?: number }): Promise<Result<Record<string, { version: number; author: string; createdAt: string } | null>>>
  /** Marks a quote (one or every occurrence) for redaction on a Woo ground, as a new version. */
  redact(input: RedactInput): Promise<Result<{ count: number; version: number | null; ground: string }>>
  /** "Alle voorkomens" in a set of documents: every occurrence in each. */
  redactAcross(input: { ids: number[]; quote: string; ground: string }): Promise<Result<{ id: number; count: number }[]>>
  /** Takes the redaction off every passage reading `quote`. */
  removeRedaction(input: { id: number; quote: string }): Promise<Result<{ count: number; version: number | null }>>
  /** The redactions of a version (default the latest), per quote and ground. */
  listRedactions(input: { id: number; version?: number }): Promise<Result<RedactionSummary[]>>
  /** "Publicatieversie maken": a version of kind woo, and the file without the redacted text. */
  publish(input: PublishInput): Promise<Result<PublishResult>>
  /** The names Paraaf suggests redacting wherever they occur (kept by the user; at first the authors it has seen). */
  getWooNames(): Promise<Result<{ names: string[]; kept: boolean }>>
  setWooNames(input: { names: string[] }): Promise<Result<{ names: string[]; kept: boolean }>>
  /** The inventory list of a Woo decision for the documents given. */
  wooInventory(input: InventoryInput): Promise<Result<{ fileName: string; base64: string; rows: number }>>
  /** Spell check: which of `words` (keys from core/spelling's wordsToCheck) the Dutch dictionary and the user's word list do not accept. */
  checkSpelling(input: { words: string[] }): Promise<Result<{ wrong: string[] }>>
  /** Suggestions for a misspelled word, best first. */
  spellingSuggestions(input: { word: string }): Promise<Result<{ suggestions: string[] }>>
  /** The user's own word list. */
  listDictionary(): Promise<Result<{ words: string[] }>>
  /** "Toevoegen aan woordenlijst", or with `remove` taking a word off it. */
  changeDictionary(input: { word: string; remove?: boolean }): Promise<Result<{ words: string[] }>>
  /** The words of a document's latest version the spell check does not accept, with their counts. */
  documentSpelling(input: { id: number }): Promise<Result<{ word: string; count: number }[]>>
  /** Whether a Word file is exactly a version, and the parafen its text carries. */
  verifyDocx(input: { base64: string }): Promise<Result<VerifyResult>>
}

export type ApiMethod = keyof ParaafApi

/** Every method name, for transports that forward calls by name. */
export const API_METHODS = [
  'listTemplates', 'listDocuments', 'createDocument', 'openDocument', 'saveVersion', 'listVersions',
  'restoreVersion', 'importMarkdown', 'saveMarkdownVersion', 'exportMarkdown', 'compareVersions', 'compareMarkdown', 'reviewChanges',
  'exportDocx', 'importDocx', 'search', 'listComments', 'addComment', 'commentOnQuote', 'replyComment', 'editComment', 'deleteComment', 'setCommentResolved', 'getSettings', 'setSettings', 'checkDatabase',
  'startRound', 'listRounds', 'importReturn', 'roundProposals', 'decideProposals', 'applyRound', 'roundReport',
  'getParafen', 'setRoute', 'approve', 'withdrawParaaf', 'verifyDocx', 'confirmUnchanged', 'paraafblad',
  'renameDocument', 'changeDocumentType', 'copyDocument', 'deleteDocument', 'undeleteDocument', 'suggestRedactions', 'redact', 'redactAcross', 'removeRedaction', 'listRedactions', 'publish', 'wooInventory', 'getWooNames', 'setWooNames', 'attributeChanges',
  'emptyTrash', 'attributeComparison', 'checkSpelling', 'spellingSuggestions', 'listDictionary', 'changeDictionary', 'documentSpelling',
] as const satisfies readonly ApiMethod[]

/** Limits that every transport enforces the same way. */
export const LIMITS = {
  markdownBytes: 2 * 1024 * 1024,
  contentJsonBytes: 8 * 1024 * 1024,
  requestBytes: 40 * 1024 * 1024,
  docxBase64Chars: 34 * 1024 * 1024,
  labelChars: 200,
} as const
