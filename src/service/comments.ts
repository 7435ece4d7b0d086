// Comment threads. A thread's anchor is a mark in the document; the thread
// (author, organisation, body, replies, resolved) is in SQLite. See
// src/core/comments.ts for anchoring.
import { randomBytes } from 'node:crypto'
import { getDocument } from '../store/documents.repo.js'
import { readVersion, versionExists } from '../store/versions.repo.js'
import { deleteComment as deleteCommentRows, getComment, insertComment, listComments as listCommentRows, listOrganisations, setResolved, updateCommentBody, type StoredComment } from '../store/comments.repo.js'
import { setSetting, getSetting } from '../store/settings.repo.js'
import { writeTransaction } from '../store/transaction.js'
import { addCommentMark, commentAnchors, findQuote, removeCommentMark, textOfRange } from '../core/comments.js'
import type { AddCommentInput, DeleteCommentInput, CommentOnQuoteInput, CommentReply, CommentsView, CommentThread, ReplyCommentInput, Result } from './contract.js'
import { docOf, fail, missing, noVersion, ok, writeVersion, inTransaction, type ServiceContext } from './context.js'

/** A new comment id: "k" and ten base-36 characters. */
export function newCommentId(): string {
  return 'k' + BigInt('0x' + randomBytes(8).toString('hex')).toString(36).padStart(10, '0').slice(-10)
}

/** Whether the user wrote `c`: by their stable id, or by name for comments that carry none (older, imported). */
const isMine = (ctx: ServiceContext, c: StoredComment) => (c.authorId ? c.authorId === ctx.userId() : c.author === ctx.author())
const replyOf = (ctx: ServiceContext) => (c: StoredComment): CommentReply => ({ id: c.id, author: c.author, org: c.org, createdAt: c.createdAt, updatedAt: c.updatedAt, text: c.body, mine: isMine(ctx, c) })
/** Written by the user unless the caller names someone else as its author (a partner's comment taken down by phone). */
const authorIdFor = (ctx: ServiceContext, author: string | undefined) => (author === undefined || author === ctx.author() ? ctx.userId() : null)

function rememberOrg(ctx: ServiceContext, org: string) {
  if (org) setSetting(ctx.db, 'org', org)
}

function ownComment(ctx: ServiceContext, id: string): Result<StoredComment> {
  const c = getComment(ctx.db, id)
  if (!c) return fail(`Opmerking ${id} bestaat niet (meer).`)
  if (!isMine(ctx, c)) return fail(`Alleen ${c.author} kan deze opmerking wijzigen of verwijderen.`)
  return ok(c)
}

/** The comment threads of a document, anchored or not in the given version (default: latest), in reading order. */
export function listComments(ctx: ServiceContext, { id, version }: { id: number; version?: number }): Result<CommentsView> {
  if (!getDocument(ctx.db, id)) return missing(id)
  const all = listCommentRows(ctx.db, id)
  // Without comments nothing needs the text: building a 600 KB document to find no marks took 40 ms.
  if (!all.length) {
    if (version !== undefined && !versionExists(ctx.db, id, version)) return noVersion(id, version)
    return ok({ threads: [], organisations: listOrganisations(ctx.db) })
  }
  const stored = readVersion(ctx.db, id, version)
  if (!stored) return noVersion(id, version)
  const anchors = commentAnchors(docOf(stored))
  // Replies grouped once: a lookup per thread over all comments was quadratic.
  const toReply = replyOf(ctx)
  const replies = new Map<string, CommentReply[]>()
  for (const c of all) if (c.parentId) replies.set(c.parentId, [...(replies.get(c.parentId) ?? []), toReply(c)])
  const threads: CommentThread[] = all.filter((c) => c.parentId === null).map((c) => {
    const a = anchors.get(c.id)
    return { ...toReply(c), resolved: c.resolved, quote: a?.quote ?? c.quote, anchored: !!a, block: a?.block ?? null, replies: replies.get(c.id) ?? [] }
  })
  // In reading order: anchored threads by their place, detached ones last.
  threads.sort((x, y) => (x.block ?? Infinity) - (y.block ?? Infinity) || x.createdAt.localeCompare(y.createdAt))
  return ok({ threads, organisations: listOrganisations(ctx.db) })
}

/**
 * Starts a thread on [from, to) of version `base`: the mark is placed here,
 * in the same transaction as the thread row and the new version, so no
 * thread exists without its mark (an undo in the editor cannot orphan it)
 * and no mark without its thread.
 */
export function addComment(ctx: ServiceContext, { id, base, from, to, text, org, author }: AddCommentInput): Result<{ commentId: string; version: number }> {
  if (!getDocument(ctx.db, id)) return missing(id)
  return inTransaction(ctx, (): Result<{ commentId: string; version: number }> => {
    const latest = readVersion(ctx.db, id)!
    if (latest.number !== base) return { ok: false, error: `Er is intussen een nieuwere versie (${latest.number}) opgeslagen; de opmerking is niet toegevoegd. Probeer het opnieuw.`, conflict: { latest: latest.number } }
    const doc = docOf(latest)
    if (from >= to || to > doc.content.size) return fail('De selectie valt buiten de tekst; selecteer de tekst opnieuw.')
    if (!textOfRange(doc, from, to).trim()) return fail('De selectie bevat geen tekst; selecteer de tekst waar de opmerking over gaat.')
    const commentId = newCommentId()
    const marked = addCommentMark(doc, from, to, commentId)
    const anchor = commentAnchors(marked).get(commentId)!
    insertComment(ctx.db, { id: commentId, documentId: id, parentId: null, author: author ?? ctx.author(), authorId: authorIdFor(ctx, author), org, body: text, createdAt: ctx.now(), quote: anchor.quote, prefix: anchor.prefix, suffix: anchor.suffix })
    rememberOrg(ctx, org)
    const ref = writeVersion(ctx, { id, meta: latest.meta, doc: marked, kind: 'named', label: `Opmerking${org ? ` van ${org}` : ''} toegevoegd`, base })
    if (!ref.ok) return ref
    return ok({ commentId, version: ref.value.number })
  })
}

/** Finds `quote` in the latest version, anchors a new thread on it and writes a version, all in one transaction. */
export function commentOnQuote(ctx: ServiceContext, { id, quote, text, org, author }: CommentOnQuoteInput): Result<{ commentId: string; version: number }> {
  if (!getDocument(ctx.db, id)) return missing(id)
  return inTransaction(ctx, () => {
    const stored = readVersion(ctx.db, id)!
    const doc = docOf(stored)
    const range = findQuote(doc, { quote, prefix: '', suffix: '' })
    // The CLI promises an exact quote: the found range must read exactly as asked.
    if (!range || textOfRange(doc, range.from, range.to) !== quote) return fail(`De tekst "${quote.length > 60 ? quote.slice(0, 57) + '…' : quote}" staat niet in de huidige versie van document ${id}.`)
    const commentId = newCommentId()
    insertComment(ctx.db, { id: commentId, documentId: id, parentId: null, author: author ?? ctx.author(), authorId: authorIdFor(ctx, author), org, body: text, createdAt: ctx.now(), quote, prefix: '', suffix: '' })
    rememberOrg(ctx, org)
    const ref = writeVersion(ctx, { id, meta: stored.meta, doc: addCommentMark(doc, range.from, range.to, commentId), kind: 'named', label: `Opmerking${org ? ` van ${org}` : ''} toegevoegd`, base: stored.number })
    if (!ref.ok) return ref
    return ok({ commentId, version: ref.value.number })
  })
}

/** Adds a reply to a thread (a reply to a reply joins the same thread). */
export function replyComment(ctx: ServiceContext, { commentId, text, org, author }: ReplyCommentInput): Result<{ commentId: string }> {
  const parent = getComment(ctx.db, commentId)
  if (!parent) return fail(`Opmerking ${commentId} bestaat niet (meer).`)
  const root = parent.parentId ? getComment(ctx.db, parent.parentId)! : parent
  const id = newCommentId()
  const orgName = org ?? getSetting(ctx.db, 'org') ?? ''
  writeTransaction(ctx.db, () => {
    insertComment(ctx.db, { id, documentId: root.documentId, parentId: root.id, author: author ?? ctx.author(), authorId: authorIdFor(ctx, author), org: orgName, body: text, createdAt: ctx.now(), quote: '', prefix: '', suffix: '' })
    rememberOrg(ctx, orgName)
  })
  return ok({ commentId: id })
}

/** Changes the text of one's own comment. */
export function editComment(ctx: ServiceContext, { commentId, text }: { commentId: string; text: string }): Result<{ commentId: string }> {
  const own = ownComment(ctx, commentId)
  if (!own.ok) return own
  updateCommentBody(ctx.db, commentId, text, ctx.now())
  return ok({ commentId })
}

/**
 * Deletes one's own comment. A thread goes with its replies and with its
 * mark in the latest version (a new version, in the same transaction);
 * earlier versions keep the mark, which then points at nothing.
 */
export function deleteComment(ctx: ServiceContext, { commentId, base }: DeleteCommentInput): Result<{ commentId: string; version: number | null }> {
  const own = ownComment(ctx, commentId)
  if (!own.ok) return own
  const { documentId, parentId } = own.value
  return inTransaction(ctx, (): Result<{ commentId: string; version: number | null }> => {
    let version: number | null = null
    if (parentId === null) {
      const latest = readVersion(ctx.db, documentId)!
      if (base !== undefined && latest.number !== base) return { ok: false, error: `Er is intussen een nieuwere versie (${latest.number}) opgeslagen; de opmerking is niet verwijderd. Probeer het opnieuw.`, conflict: { latest: latest.number } }
      const doc = docOf(latest)
      if (commentAnchors(doc).has(commentId)) {
        const ref = writeVersion(ctx, { id: documentId, meta: latest.meta, doc: removeCommentMark(doc, commentId), kind: 'named', label: 'Opmerking verwijderd', base: latest.number })
        if (!ref.ok) return ref
        version = ref.value.number
      }
    }
    deleteCommentRows(ctx.db, commentId)
    return ok({ commentId, version })
  })
}

/** Marks a thread as handled, or opens it again. */
export function setCommentResolved(ctx: ServiceContext, { commentId, resolved }: { commentId: string; resolved: boolean }): Result<{ commentId: string }> {
  const c = getComment(ctx.db, commentId)
  if (!c) return fail(`Opmerking ${commentId} bestaat niet (meer).`)
  if (c.parentId) return fail('Een antwoord wordt niet apart afgehandeld; handel de hele draad af.')
  setResolved(ctx.db, commentId, resolved, ctx.now())
  return ok({ commentId })
}
