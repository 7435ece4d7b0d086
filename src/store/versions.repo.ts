// Versions: immutable snapshots of a document as an ordered list of block ids.
import type { Db } from './database.js'
import type { DocumentMeta, NodeJSON } from '../core/document.js'
import { getBlocks, putBlock } from './blocks.repo.js'
import { writeTransaction } from './transaction.js'
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

/** A version read back, parsed: its metadata and its top-level blocks as ProseMirror JSON. */
export interface StoredVersion extends StoredVersionInfo {
  meta: DocumentMeta
  blocks: NodeJSON[]
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
  /**
   * The version this text was based on. When another version was written
   * since, nothing is written and the answer says which version is latest:
   * a stale editor must never silently replace newer work.
   */
  base?: number
  /** Runs inside the same transaction once the version row is written (e.g. updating comment quotes). */
  afterWrite?: () => void
}

export type InsertedVersion =
  | { ok: true; number: number; bytesAdded: number; unchanged: boolean }
  | { ok: false; stale: true; latest: number }

function rowToInfo(row: VersionRow): StoredVersionInfo {
  return { number: row.number, createdAt: row.created_at, kind: row.kind, label: row.label, author: row.author, bytesAdded: row.bytes_added, restoredFrom: row.restored_from }
}

/**
 * Writes a new version in one immediate transaction: new blocks first, then
 * the version row, the document's title and counters, and the list of its
 * current blocks (what search looks in). Returns the number, the latest
 * number with `unchanged` when an unchanged autosave was skipped, or
 * `stale` when `base` is not the latest version.
 */
export function insertVersion(db: Db, v: NewVersion): InsertedVersion {
  try {
    return writeTransaction(db, () => writeVersionRows(db, v))
  } catch (err) {
    if (err instanceof StaleBase) return { ok: false, stale: true, latest: err.latest }
    throw err
  }
}

function writeVersionRows(db: Db, v: NewVersion): InsertedVersion {
  const latest = db.prepare('SELECT number, meta_block, block_ids FROM versions WHERE document_id = ? ORDER BY number DESC LIMIT 1').get(v.documentId) as Pick<VersionRow, 'number' | 'meta_block' | 'block_ids'> | undefined
  let bytesAdded = 0
  const meta = putBlock(db, v.metaJson)
  bytesAdded += meta.bytesAdded
  const ids = v.blockJsons.map((json) => {
    const block = putBlock(db, json)
    bytesAdded += block.bytesAdded
    return block.id
  })
  const encoded = encodeIds(ids)
  const same = latest !== undefined && latest.meta_block === meta.id && Buffer.compare(latest.block_ids, encoded) === 0
  // The same text as the latest version is no conflict, whatever it was based on.
  if (v.skipIfUnchanged && same) return { ok: true, number: latest.number, bytesAdded: 0, unchanged: true }
  if (v.base !== undefined && latest && latest.number !== v.base) {
    // Blocks written above are rolled back with the transaction.
    throw new StaleBase(latest.number)
  }
  const number = (latest?.number ?? 0) + 1
  bytesAdded += encoded.length + Buffer.byteLength(v.label ?? '') + Buffer.byteLength(v.author) + 40
  db.prepare(
    `INSERT INTO versions (document_id, number, created_at, kind, label, author, meta_block, block_ids, bytes_added, restored_from)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(v.documentId, number, v.createdAt, v.kind, v.label, v.author, meta.id, encoded, bytesAdded, v.restoredFrom ?? null)
  db.prepare('UPDATE documents SET title = ?, updated_at = ?, version_count = ? WHERE id = ?').run(v.title, v.createdAt, number, v.documentId)
  setCurrentBlocks(db, v.documentId, [meta.id, ...ids])
  v.afterWrite?.()
  return { ok: true, number, bytesAdded, unchanged: false }
}

/** Thrown inside the write transaction to roll it back (blocks included) when the base is stale. */
class StaleBase extends Error {
  constructor(readonly latest: number) {
    super(`stale base: latest is ${latest}`)
  }
}

/** Replaces the list of a document's current blocks, touching only rows that change. */
function setCurrentBlocks(db: Db, documentId: number, ids: number[]): void {
  const now = new Set(ids)
  const before = db.prepare('SELECT block_id FROM current_blocks WHERE document_id = ?').pluck().all(documentId) as number[]
  const remove = db.prepare('DELETE FROM current_blocks WHERE document_id = ? AND block_id = ?')
  for (const id of before) if (!now.has(id)) remove.run(documentId, id)
  const had = new Set(before)
  const add = db.prepare('INSERT OR IGNORE INTO current_blocks (document_id, block_id) VALUES (?, ?)')
  for (const id of now) if (!had.has(id)) add.run(documentId, id)
}

/** Lists a document's versions, oldest first. */
export function listVersions(db: Db, documentId: number): StoredVersionInfo[] {
  return (db.prepare('SELECT * FROM versions WHERE document_id = ? ORDER BY number').all(documentId) as VersionRow[]).map(rowToInfo)
}

/** The number of a document's latest version, or null when it has none. */
export function latestVersionNumber(db: Db, documentId: number): number | null {
  return (db.prepare('SELECT max(number) FROM versions WHERE document_id = ?').pluck().get(documentId) as number | null) ?? null
}

/** Reads one version (the latest when `number` is omitted) with its content, parsed. */
export function readVersion(db: Db, documentId: number, number?: number): StoredVersion | null {
  const row = (
    number === undefined
      ? db.prepare('SELECT * FROM versions WHERE document_id = ? ORDER BY number DESC LIMIT 1').get(documentId)
      : db.prepare('SELECT * FROM versions WHERE document_id = ? AND number = ?').get(documentId, number)
  ) as VersionRow | undefined
  if (!row) return null
  const [metaJson] = getBlocks(db, [row.meta_block])
  return { ...rowToInfo(row), meta: JSON.parse(metaJson) as DocumentMeta, blocks: getBlocks(db, decodeIds(row.block_ids)).map((json) => JSON.parse(json) as NodeJSON) }
}
