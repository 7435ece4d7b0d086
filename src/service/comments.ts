// The comment methods of the App API. A thread's anchor is a mark in the
// document; the thread (author, organisation, body, replies, resolved) is in
// SQLite. See src/core/comments.ts for anchoring.
import { randomBytes } from 'node:crypto'
import type { Node as PMNode } from 'prosemirror-model'
import type { Db } from '../store/database.js'
import { getDocument } from '../store/documents.repo.js'
import { readVersion, type StoredVersion } from '../store/versions.repo.js'
import { deleteComment, getComment, insertComment, listComments, listOrganisations, setResolved, updateCommentBody, type StoredComment } from '../store/comments.repo.js'
import { setSetting, getSetting } from '../store/settings.repo.js'
import { addCommentMark, commentAnchors, findQuote } from '../core/comments.js'
import type { DocumentMeta } from '../core/document.js'
import type { CommentReply, CommentThread, ParaafApi, Result, VersionRef } from './contract.js'

export interface CommentContext {
  db: Db
  now: () => string
  author: () => string
  write: (id: number, type: string, meta: DocumentMeta, doc: PMNode, kind: 'named', label: string | null) => VersionRef
  missing: (id: number) => Result<never>
  toDocFromStored: (stored: StoredVersion) => PMNode
}

/** A new comment id: "k" and ten base-36 characters. */
export function newCommentId(): string {
  return 'k' + BigInt('0x' + randomBytes(8).toString('hex')).toString(36).padStart(10, '0').slice(-10)
}

const ok = <T>(value: T): Result<T> => ({ ok: true, value })
const fail = <T>(error: string): Result<T> => ({ ok: false, error })

type CommentApi = Pick<ParaafApi, 'listComments' | 'addComment' | 'commentOnQuote' | 'replyComment' | 'editComment' | 'deleteComment' | 'setCommentResolved'>

/** The comment half of the service. */
export function commentMethods(ctx: CommentContext): CommentApi {
  const { db, now } = ctx
  const reply = (c: StoredComment): CommentReply => ({ id: c.id, author: c.author, org: c.org, createdAt: c.createdAt, updatedAt: c.updatedAt, text: c.body })
  const rememberOrg = (org: string) => { if (org) setSetting(db, 'org', org) }
  const ownComment = (id: string): Result<StoredComment> => {
    const c = getComment(db, id)
    if (!c) return fail(`Opmerking ${id} bestaat niet (meer).`)
    if (c.author !== ctx.author()) return fail(`Alleen ${c.author} kan deze opmerking wijzigen of verwijderen.`)
    return ok(c)
  }

  return {
    async listComments({ id, version }) {
      if (!getDocument(db, id)) return ctx.missing(id)
      const stored = readVersion(db, id, version)
      if (!stored) return fail(`Document ${id} heeft geen versie ${version}.`)
      const anchors = commentAnchors(ctx.toDocFromStored(stored))
      const all = listComments(db, id)
      const threads: CommentThread[] = all.filter((c) => c.parentId === null).map((c) => {
        const a = anchors.get(c.id)
        return {
          ...reply(c), resolved: c.resolved, quote: a?.quote ?? c.quote, anchored: !!a, block: a?.block ?? null,
          replies: all.filter((r) => r.parentId === c.id).map(reply),
        }
      })
      // In reading order: anchored threads by their place, detached ones last.
      threads.sort((x, y) => (x.block ?? Infinity) - (y.block ?? Infinity) || x.createdAt.localeCompare(y.createdAt))
      return ok({ threads, organisations: listOrganisations(db) })
    },

    async addComment({ id, text, org, author, anchor }) {
      if (!getDocument(db, id)) return ctx.missing(id)
      const commentId = newCommentId()
      insertComment(db, { id: commentId, documentId: id, parentId: null, author: author ?? ctx.author(), org, body: text, createdAt: now(), ...anchor })
      rememberOrg(org)
      return ok({ commentId })
    },

    async commentOnQuote({ id, quote, text, org, author }) {
      const document = getDocument(db, id)
      if (!document) return ctx.missing(id)
      const stored = readVersion(db, id)!
      const doc = ctx.toDocFromStored(stored)
      const range = findQuote(doc, { quote, prefix: '', suffix: '' })
      if (!range || !quoteMatchesExactly(doc, range, quote)) return fail(`De tekst "${quote.length > 60 ? quote.slice(0, 57) + '…' : quote}" staat niet in de huidige versie van document ${id}.`)
      const commentId = newCommentId()
      return db.transaction(() => {
        insertComment(db, { id: commentId, documentId: id, parentId: null, author: author ?? ctx.author(), org, body: text, createdAt: now(), quote, prefix: '', suffix: '' })
        rememberOrg(org)
        const marked = addCommentMark(doc, range.from, range.to, commentId)
        const ref = ctx.write(id, document.type, JSON.parse(stored.metaJson), marked, 'named', `Opmerking${org ? ` van ${org}` : ''} toegevoegd`)
        return ok({ commentId, version: ref.number })
      })()
    },

    async replyComment({ commentId, text, org, author }) {
      const parent = getComment(db, commentId)
      if (!parent) return fail(`Opmerking ${commentId} bestaat niet (meer).`)
      const root = parent.parentId ? getComment(db, parent.parentId)! : parent
      const id = newCommentId()
      const orgName = org ?? getSetting(db, 'org') ?? ''
      insertComment(db, { id, documentId: root.documentId, parentId: root.id, author: author ?? ctx.author(), org: orgName, body: text, createdAt: now(), quote: '', prefix: '', suffix: '' })
      rememberOrg(orgName)
      return ok({ commentId: id })
    },

    async editComment({ commentId, text }) {
      const own = ownComment(commentId)
      if (!own.ok) return own
      updateCommentBody(db, commentId, text, now())
      return ok({ commentId })
    },

    async deleteComment({ commentId }) {
      const own = ownComment(commentId)
      if (!own.ok) return own
      deleteComment(db, commentId)
      return ok({ commentId })
    },

    async setCommentResolved({ commentId, resolved }) {
      const c = getComment(db, commentId)
      if (!c) return fail(`Opmerking ${commentId} bestaat niet (meer).`)
      if (c.parentId) return fail('Een antwoord wordt niet apart afgehandeld; handel de hele draad af.')
      setResolved(db, commentId, resolved, now())
      return ok({ commentId })
    },
  }
}

/** The CLI promises an exact quote: the found range must read exactly as asked. */
function quoteMatchesExactly(doc: PMNode, range: { from: number; to: number }, quote: string): boolean {
  return doc.textBetween(range.from, range.to, '\n', '\n') === quote
}
