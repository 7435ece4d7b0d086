// Versions: immutable snapshots of a document as an ordered list of block ids
// (stored in full, or as an edit of the previous version's list).
import type { Db } from './database.js'
import type { DocumentMeta, NodeJSON } from '../core/document.js'
import type { WordRevision } from '../core/attribution.js'
import { getBlocks, putBlock } from './blocks.repo.js'
import { searchTextOfJson } from './search-text.js'
import { writeTransaction } from './transaction.js'
import { decodeIds, encodeIds } from './varint.js'

/** 'woo': a publication's version (stored as 'named', made one by its row in `publications`). */
export type VersionKind = 'create' | 'auto' | 'named' | 'restore' | 'import' | 'woo'

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
  ids_base: number | null
}

/** Versions a list of block ids may be stored as an edit of, one after another, before a full list is stored again. */
const MAX_IDS_CHAIN = 16

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
  const latest = db.prepare('SELECT number, meta_block FROM versions WHERE document_id = ? ORDER BY number DESC LIMIT 1').get(v.documentId) as Pick<VersionRow, 'number' | 'meta_block'> | undefined
  const latestIds = latest ? idsOf(db, v.documentId, latest.number) : null
  let bytesAdded = 0
  const meta = putBlock(db, v.metaJson, latest?.meta_block)
  bytesAdded += meta.bytesAdded
  const like = replacedBlocks(db, latestIds?.ids ?? [], v.blockJsons)
  const ids = v.blockJsons.map((json, k) => {
    const block = putBlock(db, json, like[k])
    bytesAdded += block.bytesAdded
    return block.id
  })
  const same = latest !== undefined && latest.meta_block === meta.id && latestIds!.ids.length === ids.length && latestIds!.ids.every((id, k) => id === ids[k])
  // The same text as the latest version is no conflict, whatever it was based on.
  if (v.skipIfUnchanged && same) return { ok: true, number: latest.number, bytesAdded: 0, unchanged: true }
  if (v.base !== undefined && latest && latest.number !== v.base) {
    // Blocks written above are rolled back with the transaction.
    throw new StaleBase(latest.number)
  }
  const number = (latest?.number ?? 0) + 1
  // The list of ids as an edit of the latest version's, where that is shorter and the chain still short.
  let encoded = encodeIds(ids)
  let idsBase: number | null = null
  if (latest && latestIds!.depth + 1 < MAX_IDS_CHAIN) {
    const edit = encodeIds(editOf(latestIds!.ids, ids))
    if (edit.length < encoded.length) {
      encoded = edit
      idsBase = latest.number
    }
  }
  bytesAdded += encoded.length + Buffer.byteLength(v.label ?? '') + Buffer.byteLength(v.author) + 40
  db.prepare(
    `INSERT INTO versions (document_id, number, created_at, kind, label, author, meta_block, block_ids, bytes_added, restored_from, ids_base)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(v.documentId, number, v.createdAt, v.kind === 'woo' ? 'named' : v.kind, v.label, v.author, meta.id, encoded, bytesAdded, v.restoredFrom ?? null, idsBase)
  db.prepare('UPDATE documents SET title = ?, updated_at = ?, version_count = ? WHERE id = ?').run(v.title, v.createdAt, number, v.documentId)
  setCurrentBlocks(db, v.documentId, [meta.id, ...ids], new Map([[meta.id, v.metaJson], ...ids.map((id, k): [number, string] => [id, v.blockJsons[k]])]))
  v.afterWrite?.()
  return { ok: true, number, bytesAdded, unchanged: false }
}

/**
 * A list of ids as an edit of an earlier one: how many ids it keeps from the
 * start, how many from the end, and the ids in between. An edit of one
 * paragraph is a handful of bytes instead of the whole list.
 */
function editOf(before: number[], after: number[]): number[] {
  let head = 0
  while (head < before.length && head < after.length && before[head] === after[head]) head++
  let tail = 0
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++
  return [head, tail, ...after.slice(head, after.length - tail)]
}

/** The block ids of a version, following the edits it was stored as back to a full list; and how many edits that took. */
function idsOf(db: Db, documentId: number, number: number): { ids: number[]; depth: number } {
  const select = db.prepare('SELECT block_ids, ids_base FROM versions WHERE document_id = ? AND number = ?')
  const chain: Buffer[] = []
  let at: number | null = number
  while (at !== null) {
    const row = select.get(documentId, at) as Pick<VersionRow, 'block_ids' | 'ids_base'> | undefined
    if (!row) throw new RangeError(`Version ${at} of document ${documentId} is missing from the database.`)
    chain.push(row.block_ids)
    if (row.ids_base !== null && (row.ids_base >= at || chain.length > MAX_IDS_CHAIN)) throw new RangeError(`Version ${number} of document ${documentId} refers to an impossible chain of versions.`)
    at = row.ids_base
  }
  let ids = decodeIds(chain.pop()!)
  for (let k = chain.length - 1; k >= 0; k--) {
    const [head, tail, ...middle] = decodeIds(chain[k])
    if (head === undefined || tail === undefined || head + tail > ids.length) throw new RangeError(`Version ${number} of document ${documentId} cannot be read.`)
    ids = [...ids.slice(0, head), ...middle, ...ids.slice(ids.length - tail)]
  }
  return { ids, depth: chain.length }
}

/** Thrown inside the write transaction to roll it back (blocks included) when the base is stale. */
class StaleBase extends Error {
  constructor(readonly latest: number) {
    super(`stale base: latest is ${latest}`)
  }
}

/**
 * For each new block, the block of the previous version it replaces (the
 * same place once the unchanged blocks at both ends are set aside), to
 * deflate it against: an edit in one paragraph then costs a few dozen bytes.
 */
function replacedBlocks(db: Db, previousIds: number[], jsons: readonly string[]): (number | undefined)[] {
  if (!previousIds.length) return []
  const previous = getBlocks(db, previousIds)
  let head = 0
  while (head < jsons.length && head < previous.length && jsons[head] === previous[head]) head++
  let tail = 0
  while (tail < jsons.length - head && tail < previous.length - head && jsons[jsons.length - 1 - tail] === previous[previous.length - 1 - tail]) tail++
  return jsons.map((_json, k) => (k >= head && k < jsons.length - tail && k < previous.length - tail ? previousIds[k] : undefined))
}

/**
 * Replaces the list of a document's current blocks, touching only rows that
 * change, and keeps the search index (current blocks only) in step: a block
 * is indexed while it is current in some document.
 */
function setCurrentBlocks(db: Db, documentId: number, ids: number[], jsonOf: Map<number, string>): void {
  const now = new Set(ids)
  const before = db.prepare('SELECT block_id FROM current_blocks WHERE document_id = ?').pluck().all(documentId) as number[]
  const remove = db.prepare('DELETE FROM current_blocks WHERE document_id = ? AND block_id = ?')
  const currentElsewhere = db.prepare('SELECT 1 FROM current_blocks WHERE block_id = ? LIMIT 1').pluck()
  const unindex = db.prepare('DELETE FROM search_current WHERE rowid = ?')
  for (const id of before) {
    if (now.has(id)) continue
    remove.run(documentId, id)
    if (!currentElsewhere.get(id)) unindex.run(id)
  }
  const had = new Set(before)
  const add = db.prepare('INSERT OR IGNORE INTO current_blocks (document_id, block_id) VALUES (?, ?)')
  const index = db.prepare('INSERT INTO search_current (rowid, text) VALUES (?, ?)')
  for (const id of now) {
    if (had.has(id)) continue
    if (!currentElsewhere.get(id)) index.run(id, searchTextOfJson(jsonOf.get(id) ?? getBlocks(db, [id])[0]))
    add.run(documentId, id)
  }
}

/** The kind a version is reported as: 'woo' when a publication was made of it. */
const KIND = `CASE WHEN EXISTS (SELECT 1 FROM publications p WHERE p.document_id = v.document_id AND p.version = v.number) THEN 'woo' ELSE v.kind END AS kind`

/** Lists a document's versions, oldest first. */
export function listVersions(db: Db, documentId: number, after = 0): StoredVersionInfo[] {
  return (db.prepare(`SELECT v.*, ${KIND} FROM versions v WHERE document_id = ? AND number > ? ORDER BY number`).all(documentId, after) as VersionRow[]).map(rowToInfo)
}

/** A version's metadata block and its block ids (however they were stored), or null. */
export function versionIds(db: Db, documentId: number, number: number): { metaBlock: number; ids: number[] } | null {
  const row = db.prepare('SELECT meta_block FROM versions WHERE document_id = ? AND number = ?').get(documentId, number) as { meta_block: number } | undefined
  return row ? { metaBlock: row.meta_block, ids: idsOf(db, documentId, number).ids } : null
}

/** Whether a document has a version with this number. */
export function versionExists(db: Db, documentId: number, number: number): boolean {
  return db.prepare('SELECT 1 FROM versions WHERE document_id = ? AND number = ?').pluck().get(documentId, number) !== undefined
}

/** The number of a document's latest version, or null when it has none. */
export function latestVersionNumber(db: Db, documentId: number): number | null {
  return (db.prepare('SELECT max(number) FROM versions WHERE document_id = ?').pluck().get(documentId) as number | null) ?? null
}

/** Reads one version (the latest when `number` is omitted) with its content, parsed. */
export function readVersion(db: Db, documentId: number, number?: number): StoredVersion | null {
  const row = (
    number === undefined
      ? db.prepare(`SELECT v.*, ${KIND} FROM versions v WHERE document_id = ? ORDER BY number DESC LIMIT 1`).get(documentId)
      : db.prepare(`SELECT v.*, ${KIND} FROM versions v WHERE document_id = ? AND number = ?`).get(documentId, number)
  ) as VersionRow | undefined
  if (!row) return null
  const [metaJson] = getBlocks(db, [row.meta_block])
  const ids = row.ids_base === null ? decodeIds(row.block_ids) : idsOf(db, documentId, row.number).ids
  return { ...rowToInfo(row), meta: JSON.parse(metaJson) as DocumentMeta, blocks: getBlocks(db, ids).map((json) => JSON.parse(json) as NodeJSON) }
}

/** Keeps the Word revisions (who, when, what) of an imported file with the version holding its proposal. */
export function saveVersionRevisions(db: Db, documentId: number, version: number, revisions: readonly WordRevision[]): void {
  if (!revisions.length) return
  db.prepare('INSERT OR REPLACE INTO version_revisions (document_id, version, revisions) VALUES (?, ?, ?)').run(documentId, version, JSON.stringify(revisions))
}

/** The Word revisions kept with each of a document's versions that has them. */
export function versionRevisions(db: Db, documentId: number): Map<number, WordRevision[]> {
  const rows = db.prepare('SELECT version, revisions FROM version_revisions WHERE document_id = ?').all(documentId) as { version: number; revisions: string }[]
  return new Map(rows.map((r) => [r.version, JSON.parse(r.revisions) as WordRevision[]]))
}
