// Content-addressed storage of blocks: each distinct block is stored once,
// deflated (against the block it replaced, where that is smaller), under the
// SHA-256 of its canonical JSON.
import { createHash } from 'node:crypto'
import { deflateRawSync, inflateRawSync } from 'node:zlib'
import type { Db } from './database.js'

interface BlockRow {
  id: number
  body: Buffer
  dict: number | null
}

// Decoded blocks are immutable, so a per-connection cache can never go stale
// once they are committed. What a transaction decodes is kept aside until it
// commits: a rolled-back insert frees its id for other content.
const caches = new WeakMap<Db, Map<number, string>>()
const pendings = new WeakMap<Db, Map<number, string>>()
const CACHE_LIMIT = 20_000
/** Dictionaries a read follows at most: a block deflated against one that was itself deflated against another, … */
const MAX_DEPTH = 16

function cacheOf(db: Db): Map<number, string> {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new Map()))
  return cache
}

function pendingOf(db: Db): Map<number, string> {
  let pending = pendings.get(db)
  if (!pending) pendings.set(db, (pending = new Map()))
  return pending
}

function remember(db: Db, id: number, json: string): void {
  const cache = db.inTransaction ? pendingOf(db) : cacheOf(db)
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!)
  cache.set(id, json)
}

/** After a write transaction: what it decoded joins the cache on commit, and is forgotten on rollback. */
/** Forgets every block read (after blocks were emptied: nothing read before may be served again). */
export function forgetBlocks(db: Db): void {
  caches.delete(db)
  pendings.delete(db)
}

export function settleBlockCache(db: Db, outcome: 'commit' | 'rollback'): void {
  const pending = pendings.get(db)
  if (!pending?.size) return
  if (outcome === 'commit') for (const [id, json] of pending) remember(db, id, json)
  pending.clear()
}

/**
 * Stores a block (if new) and returns its id and the bytes it added. `like`
 * is the block this one replaces (the same paragraph before an edit): its
 * JSON is zlib's preset dictionary, so a one-word edit costs a few dozen
 * bytes. Used only when that is smaller, and only while the chain of
 * dictionaries stays short.
 */
export function putBlock(db: Db, json: string, like?: number): { id: number; bytesAdded: number } {
  const hash = createHash('sha256').update(json).digest()
  const existing = db.prepare('SELECT id FROM blocks WHERE hash = ?').pluck().get(hash) as number | undefined
  if (existing !== undefined) return { id: existing, bytesAdded: 0 }
  const raw = Buffer.from(json, 'utf8')
  let body = deflateRawSync(raw)
  let dict: number | null = null
  let depth = 0
  if (like !== undefined) {
    const base = db.prepare('SELECT depth FROM blocks WHERE id = ?').pluck().get(like) as number | undefined
    if (base !== undefined && base + 1 < MAX_DEPTH) {
      const delta = deflateRawSync(raw, { dictionary: Buffer.from(getBlocks(db, [like])[0], 'utf8') })
      if (delta.length < body.length) {
        body = delta
        dict = like
        depth = base + 1
      }
    }
  }
  const id = Number(db.prepare('INSERT INTO blocks (hash, size, body, dict, depth) VALUES (?, ?, ?, ?, ?)').run(hash, raw.length, body, dict, depth).lastInsertRowid)
  remember(db, id, json)
  return { id, bytesAdded: body.length + hash.length }
}

/** Reads blocks back as JSON text, in the order of `ids`. */
export function getBlocks(db: Db, ids: readonly number[]): string[] {
  const cache = cacheOf(db)
  const pending = db.inTransaction ? pendingOf(db) : null
  const select = db.prepare('SELECT id, body, dict FROM blocks WHERE id = ?')
  const read = (id: number, hops: number): string => {
    let json = cache.get(id) ?? pending?.get(id)
    if (json === undefined) {
      const row = select.get(id) as BlockRow | undefined
      if (!row) throw new RangeError(`Block ${id} is missing from the database.`)
      if (hops > MAX_DEPTH) throw new RangeError(`Block ${id} refers to a chain of more than ${MAX_DEPTH} dictionaries.`)
      const options = row.dict === null ? undefined : { dictionary: Buffer.from(read(row.dict, hops + 1), 'utf8') }
      json = inflateRawSync(row.body, options).toString('utf8')
      remember(db, id, json)
    }
    return json
  }
  return ids.map((id) => read(id, 0))
}
