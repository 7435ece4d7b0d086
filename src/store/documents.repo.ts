// Documents: the row that lists a document; its content lives in versions.
import type { Db } from './database.js'

export interface DocumentRow {
  id: number
  type: string
  title: string
  created_at: string
  updated_at: string
  version_count: number
}

export interface StoredDocument {
  id: number
  type: string
  title: string
  createdAt: string
  updatedAt: string
  versionCount: number
}

export function rowToDocument(row: DocumentRow): StoredDocument {
  return { id: row.id, type: row.type, title: row.title, createdAt: row.created_at, updatedAt: row.updated_at, versionCount: row.version_count }
}

/** Adds a document row without versions; call inside the transaction that writes its first version. */
export function insertDocument(db: Db, input: { type: string; title: string; createdAt: string }): number {
  const info = db.prepare('INSERT INTO documents (type, title, created_at, updated_at) VALUES (?, ?, ?, ?)').run(input.type, input.title, input.createdAt, input.createdAt)
  return Number(info.lastInsertRowid)
}

/** Every document, most recently changed first. */
export function listDocuments(db: Db): StoredDocument[] {
  return (db.prepare('SELECT * FROM documents ORDER BY updated_at DESC, id DESC').all() as DocumentRow[]).map(rowToDocument)
}

export function getDocument(db: Db, id: number): StoredDocument | null {
  const row = db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as DocumentRow | undefined
  return row ? rowToDocument(row) : null
}
