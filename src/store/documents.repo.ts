// Documents: the row that lists a document; its content lives in versions.
import type { Db } from './database.js'

export interface DocumentRow {
  id: number
  type: string
  title: string
  created_at: string
  updated_at: string
  version_count: number
  deleted_at: string | null
}

export interface StoredDocument {
  id: number
  type: string
  title: string
  createdAt: string
  updatedAt: string
  versionCount: number
  /** When it went to the Prullenbak; null for a document in use. */
  deletedAt: string | null
}

export function rowToDocument(row: DocumentRow): StoredDocument {
  return { id: row.id, type: row.type, title: row.title, createdAt: row.created_at, updatedAt: row.updated_at, versionCount: row.version_count, deletedAt: row.deleted_at ?? null }
}

/** Adds a document row without versions; call inside the transaction that writes its first version. */
export function insertDocument(db: Db, input: { type: string; title: string; createdAt: string }): number {
  const info = db.prepare('INSERT INTO documents (type, title, created_at, updated_at) VALUES (?, ?, ?, ?)').run(input.type, input.title, input.createdAt, input.createdAt)
  return Number(info.lastInsertRowid)
}

/** Every document in use (or, with `deleted`, those in the Prullenbak), most recently changed first. */
export function listDocuments(db: Db, options: { deleted?: boolean } = {}): StoredDocument[] {
  const where = options.deleted ? 'deleted_at IS NOT NULL' : 'deleted_at IS NULL'
  return (db.prepare(`SELECT * FROM documents WHERE ${where} ORDER BY updated_at DESC, id DESC`).all() as DocumentRow[]).map(rowToDocument)
}

/** Puts a document in the Prullenbak (`at`) or back (null); call inside a write transaction. */
export function setDocumentDeleted(db: Db, id: number, at: string | null): void {
  db.prepare('UPDATE documents SET deleted_at = ? WHERE id = ?').run(at, id)
}

/** Changes a document's type; call inside the transaction that writes the version recording it. */
export function setDocumentType(db: Db, id: number, type: string): void {
  db.prepare('UPDATE documents SET type = ? WHERE id = ?').run(type, id)
}

export function getDocument(db: Db, id: number): StoredDocument | null {
  const row = db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as DocumentRow | undefined
  return row ? rowToDocument(row) : null
}
