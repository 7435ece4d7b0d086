// Content-addressed storage of blocks: each distinct block is stored once,
// deflated, under the SHA-256 of its canonical JSON.
import { createHash } from 'node:crypto'
import { deflateRawSync, inflateRawSync } from 'node:zlib'
import type { Db } from './database.js'
import { searchTextOfJson } from './search-text.js'

interface BlockRow {
  id: number
  body: Buffer
}

// Decoded blocks are immutable, so a per-connection cache can never go stale.
const caches = new WeakMap<Db, Map<number, string>>()
const CACHE_LIMIT = 20_000

function cacheOf(db: Db): Map<number, string> {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new Map()))
  return cache
}

/** Stores a block (if new) and returns its id and the bytes it added. */
export function putBlock(db: Db, json: string): { id: number; bytesAdded: number } {
  const hash = createHash('sha256').update(json).digest()
  const existing = db.prepare('SELECT id FROM blocks WHERE hash = ?').pluck().get(hash) as number | undefined
  if (existing !== undefined) return { id: existing, bytesAdded: 0 }
  const body = deflateRawSync(Buffer.from(json, 'utf8'))
  const id = Number(db.prepare('INSERT INTO blocks (hash, size, body) VALUES (?, ?, ?)').run(hash, Buffer.byteLength(json), body).lastInsertRowid)
  db.prepare('INSERT INTO search_blocks (rowid, text) VALUES (?, ?)').run(id, searchTextOfJson(json))
  return { id, bytesAdded: body.length + hash.length }
}

/** Reads blocks back as JSON text, in the order of `ids`. */
export function getBlocks(db: Db, ids: readonly number[]): string[] {
  const cache = cacheOf(db)
  const select = db.prepare('SELECT id, body FROM blocks WHERE id = ?')
  return ids.map((id) => {
    let json = cache.get(id)
    if (json === undefined) {
      const row = select.get(id) as BlockRow | undefined
      if (!row) throw new RangeError(`Block ${id} is missing from the database.`)
      json = inflateRawSync(row.body).toString('utf8')
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!)
      cache.set(id, json)
    }
    return json
  })
}
