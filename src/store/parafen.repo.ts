// Paraafroutes and parafen (migration 8), and the fingerprint of a version.
import { createHash } from 'node:crypto'
import type { Db } from './database.js'
import { getBlocks } from './blocks.repo.js'
import { versionIds } from './versions.repo.js'

import type { ParaafKind, RouteStep } from '../core/document.js'

export type { ParaafKind, RouteStep }
export interface StoredParaaf {
  id: number
  documentId: number
  version: number
  name: string
  role: string
  kind: ParaafKind
  date: string
  remark: string
  fingerprint: string
  recordedAt: string
  withdrawnAt: string | null
  withdrawReason: string
}

interface ParaafRow { id: number; document_id: number; version: number; name: string; role: string; kind: ParaafKind; date: string; remark: string; fingerprint: string; recorded_at: string; withdrawn_at: string | null; withdraw_reason: string }

const toParaaf = (r: ParaafRow): StoredParaaf => ({
  id: r.id, documentId: r.document_id, version: r.version, name: r.name, role: r.role, kind: r.kind, date: r.date, remark: r.remark,
  fingerprint: r.fingerprint, recordedAt: r.recorded_at, withdrawnAt: r.withdrawn_at, withdrawReason: r.withdraw_reason,
})

/**
 * SHA-256 over a version's metadata and blocks as canonical JSON: the same
 * text has the same fingerprint however it was stored (a restore of version
 * 3 as version 7 included). Null when there is no such version.
 */
export function versionFingerprint(db: Db, documentId: number, number: number): string | null {
  const found = versionIds(db, documentId, number)
  if (!found) return null
  const hash = createHash('sha256')
  const [meta] = getBlocks(db, [found.metaBlock])
  hash.update(meta)
  for (const json of getBlocks(db, found.ids)) hash.update('\u0000').update(json)
  return hash.digest('hex')
}

export function getRoute(db: Db, documentId: number): RouteStep[] {
  return db.prepare('SELECT name, role, kind FROM paraaf_routes WHERE document_id = ? ORDER BY position').all(documentId) as RouteStep[]
}

/** Replaces a document's route; call inside a write transaction. */
export function setRoute(db: Db, documentId: number, route: RouteStep[]): void {
  db.prepare('DELETE FROM paraaf_routes WHERE document_id = ?').run(documentId)
  const add = db.prepare('INSERT INTO paraaf_routes (document_id, position, name, role, kind) VALUES (?, ?, ?, ?, ?)')
  route.forEach((s, i) => add.run(documentId, i, s.name, s.role, s.kind))
}

export function insertParaaf(db: Db, p: Omit<StoredParaaf, 'id' | 'withdrawnAt' | 'withdrawReason'>): number {
  return Number(db.prepare('INSERT INTO parafen (document_id, version, name, role, kind, date, remark, fingerprint, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(p.documentId, p.version, p.name, p.role, p.kind, p.date, p.remark, p.fingerprint, p.recordedAt).lastInsertRowid)
}

export function listParafen(db: Db, documentId: number): StoredParaaf[] {
  return (db.prepare('SELECT * FROM parafen WHERE document_id = ? ORDER BY id').all(documentId) as ParaafRow[]).map(toParaaf)
}

export function getParaaf(db: Db, id: number): StoredParaaf | null {
  const row = db.prepare('SELECT * FROM parafen WHERE id = ?').get(id) as ParaafRow | undefined
  return row ? toParaaf(row) : null
}

export function withdrawParaaf(db: Db, id: number, reason: string, at: string): void {
  db.prepare('UPDATE parafen SET withdrawn_at = ?, withdraw_reason = ? WHERE id = ? AND withdrawn_at IS NULL').run(at, reason, id)
}

export interface StoredConfirmation { paraafId: number; fingerprint: string; version: number; note: string; author: string; confirmedAt: string }

/** Records that the text with `fingerprint` changes nothing of substance for a paraaf. */
export function insertConfirmation(db: Db, c: StoredConfirmation): void {
  db.prepare('INSERT OR IGNORE INTO paraaf_confirmations (paraaf_id, fingerprint, version, note, author, confirmed_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(c.paraafId, c.fingerprint, c.version, c.note, c.author, c.confirmedAt)
}

export function listConfirmations(db: Db, documentId: number): StoredConfirmation[] {
  const rows = db.prepare(`SELECT c.* FROM paraaf_confirmations c JOIN parafen p ON p.id = c.paraaf_id WHERE p.document_id = ? ORDER BY c.confirmed_at`).all(documentId) as
    { paraaf_id: number; fingerprint: string; version: number; note: string; author: string; confirmed_at: string }[]
  return rows.map((r) => ({ paraafId: r.paraaf_id, fingerprint: r.fingerprint, version: r.version, note: r.note, author: r.author, confirmedAt: r.confirmed_at }))
}

/** Whether a document has any paraaf (the start screen computes a state only for those). */
export function documentsWithParafen(db: Db): Set<number> {
  return new Set(db.prepare('SELECT DISTINCT document_id FROM parafen').pluck().all() as number[])
}
