// Woo publications (migration 0010): which version a publication is, what it
// was made from, and the grounds it used. Rows are never changed or deleted.
import type { Db } from './database.js'

export interface Publication {
  documentId: number
  /** The version of kind 'woo'. */
  version: number
  sourceVersion: number
  createdAt: string
  author: string
  passages: number
  grounds: Record<string, number>
}

interface PublicationRow { document_id: number; version: number; source_version: number; created_at: string; author: string; passages: number; grounds: string }

const toPublication = (r: PublicationRow): Publication => ({
  documentId: r.document_id, version: r.version, sourceVersion: r.source_version, createdAt: r.created_at, author: r.author, passages: r.passages, grounds: JSON.parse(r.grounds) as Record<string, number>,
})

export function insertPublication(db: Db, p: Publication): void {
  db.prepare('INSERT INTO publications (document_id, version, source_version, created_at, author, passages, grounds) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(p.documentId, p.version, p.sourceVersion, p.createdAt, p.author, p.passages, JSON.stringify(p.grounds))
}

/** A document's publications, newest first. */
export function listPublications(db: Db, documentId: number): Publication[] {
  return (db.prepare('SELECT * FROM publications WHERE document_id = ? ORDER BY version DESC').all(documentId) as PublicationRow[]).map(toPublication)
}
