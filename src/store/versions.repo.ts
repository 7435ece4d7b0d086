// Versions: immutable snapshots of a document as an ordered list of block ids.
import type { Db } from './database.js'
import { getBlocks, putBlock } from './blocks.repo.js'
import { decodeIds, encodeIds } from './varint.js'

export type VersionKind = 'create' | 'auto' | 'named' | 'restore' | 'import'

interface VersionRow {
  document_id: number
  number: number
  created_at: string
  kind: VersionKind
  label: string | null
  author: string
  meta_block: number
  block_ids: Buffer
  bytes_added: number
  restored_from: number | null
}

export interface StoredVersionInfo {
  number: number
  createdAt: string
  kind: VersionKind
  label: string | null
  author: string
  bytesAdded: number
  restoredFrom: number | null
}

export interface StoredVersion extends StoredVersionInfo {
  metaJson: string
  blockJsons: string[]
}

export interface NewVersion {
  documentId: number
  kind: VersionKind
  label: string | null
  author: string
  title: string
  metaJson: string
  blockJsons: readonly string[]
  createdAt: string
  restoredFrom?: number | null
  /** When true and nothing differs from the latest version, no version is written. */
  skipIfUnchanged?: boolean
}

function rowToInfo(row: VersionRow): StoredVersionInfo {
  return { number: row.number, createdAt: row.created_at, kind: row.kind, label: row.label, author: row.author, bytesAdded: row.bytes_added, restoredFrom: row.restored_from }
}

/**
 * Writes a new version in one transaction: new blocks first, then the
 * version row, then the document's title and counters. Returns the number,
 * or the latest number with `unchanged` when an unchanged autosave was skipped.
 */
export function insertVersion(db: Db, v: NewVersion): { number: number; bytesAdded: number; unchanged: boolean } {
  return db.transaction(() => {
    let bytesAdded = 0
    const meta = putBlock(db, v.metaJson)
    bytesAdded += meta.bytesAdded
    const ids = v.blockJsons.map((json) => {
      const block = putBlock(db, json)
      bytesAdded += block.bytesAdded
      return block.id
    })
    const encoded = encodeIds(ids)
    const latest = db.prepare('SELECT number, meta_block, block_ids FROM versions WHERE document_id = ? ORDER BY number DESC LIMIT 1').get(v.documentId) as Pick<VersionRow, 'number' | 'meta_block' | 'block_ids'> | undefined
    if (v.skipIfUnchanged && latest && latest.meta_block === meta.id && Buffer.compare(latest.block_ids, encoded) === 0) {
      return { number: latest.number, bytesAdded: 0, unchanged: true }
    }
    const number = (latest?.number ?? 0) + 1
    bytesAdded += encoded.length + Buffer.byteLength(v.label ?? '') + Buffer.byteLength(v.author) + 40
    db.prepare(
      `INSERT INTO versions (document_id, number, created_at, kind, label, author, meta_block, block_ids, bytes_added, restored_from)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(v.documentId, number, v.createdAt, v.kind, v.label, v.author, meta.id, encoded, bytesAdded, v.restoredFrom ?? null)
    db.prepare('UPDATE documents SET title = ?, updated_at = ?, version_count = ? WHERE id = ?').run(v.title, v.createdAt, number, v.documentId)
    if (v.label) db.prepare('INSERT INTO search_labels (label, document_id, number) VALUES (?, ?, ?)').run(v.label, v.documentId, number)
    return { number, bytesAdded, unchanged: false }
  }).immediate()
}

/** Lists a document's versions, oldest first. */
export function listVersions(db: Db, documentId: number): StoredVersionInfo[] {
  return (db.prepare('SELECT * FROM versions WHERE document_id = ? ORDER BY number').all(documentId) as VersionRow[]).map(rowToInfo)
}

/** Reads one version (the latest when `number` is omitted) with its content. */
export function readVersion(db: Db, documentId: number, number?: number): StoredVersion | null {
  const row = (
    number === undefined
      ? db.prepare('SELECT * FROM versions WHERE document_id = ? ORDER BY number DESC LIMIT 1').get(documentId)
      : db.prepare('SELECT * FROM versions WHERE document_id = ? AND number = ?').get(documentId, number)
  ) as VersionRow | undefined
  if (!row) return null
  const [metaJson] = getBlocks(db, [row.meta_block])
  return { ...rowToInfo(row), metaJson, blockJsons: getBlocks(db, decodeIds(row.block_ids)) }
}
