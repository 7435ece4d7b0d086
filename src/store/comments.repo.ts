// Comment threads and the organisations they were written for.
import type { Db } from './database.js'
import { writeTransaction } from './transaction.js'

interface CommentRow {
  id: string
  document_id: number
  parent_id: string | null
  author: string
  org: string
  body: string
  created_at: string
  updated_at: string
  resolved: number
  quote: string
  prefix: string
  suffix: string
  author_id: string | null
}

export interface StoredComment {
  id: string
  documentId: number
  parentId: string | null
  author: string
  org: string
  body: string
  createdAt: string
  updatedAt: string
  resolved: boolean
  quote: string
  prefix: string
  suffix: string
  /** The stable id of the Paraaf user who wrote it; null for imported comments and those from before. */
  authorId?: string | null
}

function rowToComment(r: CommentRow): StoredComment {
  return {
    id: r.id, documentId: r.document_id, parentId: r.parent_id, author: r.author, org: r.org, body: r.body,
    createdAt: r.created_at, updatedAt: r.updated_at, resolved: r.resolved === 1, quote: r.quote, prefix: r.prefix, suffix: r.suffix, authorId: r.author_id ?? null,
  }
}

export function insertComment(db: Db, c: Omit<StoredComment, 'updatedAt' | 'resolved'> & { resolved?: boolean }): void {
  writeTransaction(db, () => {
    db.prepare(
      `INSERT INTO comments (id, document_id, parent_id, author, org, body, created_at, updated_at, resolved, quote, prefix, suffix, author_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(c.id, c.documentId, c.parentId, c.author, c.org, c.body, c.createdAt, c.createdAt, c.resolved ? 1 : 0, c.quote, c.prefix, c.suffix, c.authorId ?? null)
    if (c.org) db.prepare('INSERT INTO organisations (name, last_used) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET last_used = excluded.last_used').run(c.org, c.createdAt)
  })
}

export function getComment(db: Db, id: string): StoredComment | null {
  const row = db.prepare('SELECT * FROM comments WHERE id = ?').get(id) as CommentRow | undefined
  return row ? rowToComment(row) : null
}

/** Every comment of a document, threads first in creation order, replies after their thread. */
export function listComments(db: Db, documentId: number): StoredComment[] {
  return (db.prepare('SELECT * FROM comments WHERE document_id = ? ORDER BY created_at, id').all(documentId) as CommentRow[]).map(rowToComment)
}

/** Changes a comment's text; the search index follows by trigger. */
export function updateCommentBody(db: Db, id: string, body: string, at: string): void {
  db.prepare('UPDATE comments SET body = ?, updated_at = ? WHERE id = ?').run(body, at, id)
}

export function setResolved(db: Db, id: string, resolved: boolean, at: string): void {
  db.prepare('UPDATE comments SET resolved = ?, updated_at = ? WHERE id = ?').run(resolved ? 1 : 0, at, id)
}

/** Deletes a comment; a thread's first comment takes its replies with it. */
export function deleteComment(db: Db, id: string): void {
  writeTransaction(db, () => {
    db.prepare('DELETE FROM comments WHERE parent_id = ?').run(id)
    db.prepare('DELETE FROM comments WHERE id = ?').run(id)
  })
}

/** Remembers where anchors are now; only rows whose quote changed are written. */
export function updateQuotes(db: Db, documentId: number, anchors: { id: string; quote: string; prefix: string; suffix: string }[]): void {
  if (!anchors.length) return
  const current = new Map((db.prepare('SELECT id, quote, prefix, suffix FROM comments WHERE document_id = ? AND parent_id IS NULL').all(documentId) as Pick<CommentRow, 'id' | 'quote' | 'prefix' | 'suffix'>[]).map((r) => [r.id, r]))
  const update = db.prepare('UPDATE comments SET quote = ?, prefix = ?, suffix = ? WHERE id = ?')
  for (const a of anchors) {
    const c = current.get(a.id)
    if (c && (c.quote !== a.quote || c.prefix !== a.prefix || c.suffix !== a.suffix)) update.run(a.quote, a.prefix, a.suffix, a.id)
  }
}

/** Organisations, most recently used first. */
export function listOrganisations(db: Db): string[] {
  return db.prepare('SELECT name FROM organisations ORDER BY last_used DESC, name').pluck().all() as string[]
}

/** The names that wrote comments or versions in any document (at most 500): the Woo names list's first suggestion. */
export function knownAuthors(db: Db): string[] {
  return db.prepare('SELECT DISTINCT author FROM comments UNION SELECT DISTINCT author FROM versions LIMIT 500').pluck().all() as string[]
}
