// Emptying the Prullenbak: documents in it removed for good, with their
// versions, comments, route and search entries. Their blocks (content-
// addressed, possibly shared with other documents) are emptied only when no
// remaining version uses them, directly or as a compression dictionary; an
// emptied block keeps its row (id never given again, so a block cache in
// another process can never mistake a new block for it) but loses its text
// and hash. SQLite's secure_delete zeroes what is freed, so the text is
// gone from the file, not only from view. The caller runs this in one write
// transaction.
import type { Db } from './database.js'
import { forgetBlocks } from './blocks.repo.js'
import { versionIds } from './versions.repo.js'

/** Whether a document holds records that are never deleted (parafen, rounds, Woo publications). */
export function hasRecords(db: Db, id: number): { parafen: boolean; rounds: boolean; publications: boolean } {
  const has = (sql: string) => db.prepare(sql).pluck().get(id) !== undefined
  return {
    parafen: has('SELECT 1 FROM parafen WHERE document_id = ? LIMIT 1'),
    rounds: has('SELECT 1 FROM rounds WHERE document_id = ? LIMIT 1'),
    publications: has('SELECT 1 FROM publications WHERE document_id = ? LIMIT 1'),
  }
}

/** Every block a version of the documents given (or of all others, with `except`) uses. */
function blocksOf(db: Db, ids: ReadonlySet<number>, except: boolean): Set<number> {
  const used = new Set<number>()
  for (const v of db.prepare('SELECT document_id, number, meta_block FROM versions').all() as { document_id: number; number: number; meta_block: number }[]) {
    if (ids.has(v.document_id) === except) continue
    used.add(v.meta_block)
    for (const id of versionIds(db, v.document_id, v.number)!.ids) used.add(id)
  }
  return used
}

/** Removes the documents `ids` (all in the Prullenbak, none with records) for good; returns how many blocks were emptied. */
export function purgeDocuments(db: Db, ids: readonly number[]): { blocksEmptied: number } {
  if (!ids.length) return { blocksEmptied: 0 }
  const secure = db.pragma('secure_delete', { simple: true }) as number
  db.pragma('secure_delete = ON')
  try {
    return purge(db, ids)
  } finally {
    db.pragma(`secure_delete = ${secure ? 'ON' : 'OFF'}`)
  }
}

function purge(db: Db, ids: readonly number[]): { blocksEmptied: number } {
  const gone = new Set(ids)
  // What the removed documents used, less what every other version uses and the dictionaries those need.
  const candidates = blocksOf(db, gone, false)
  const kept = blocksOf(db, gone, true)
  const dictOf = new Map((db.prepare('SELECT id, dict FROM blocks WHERE dict IS NOT NULL').all() as { id: number; dict: number }[]).map((r) => [r.id, r.dict]))
  for (const id of [...kept]) for (let d = dictOf.get(id); d !== undefined && !kept.has(d); d = dictOf.get(d)) kept.add(d)
  const empty = [...candidates].filter((id) => !kept.has(id))

  const unindex = db.prepare('DELETE FROM search_current WHERE rowid = ?')
  const currentElsewhere = db.prepare('SELECT 1 FROM current_blocks WHERE block_id = ? AND document_id != ? LIMIT 1').pluck()
  for (const id of ids) {
    for (const block of db.prepare('SELECT block_id FROM current_blocks WHERE document_id = ?').pluck().all(id) as number[]) if (!currentElsewhere.get(block, id)) unindex.run(block)
    db.prepare('DELETE FROM current_blocks WHERE document_id = ?').run(id)
    db.prepare('DELETE FROM search_labels WHERE document_id = ?').run(id)
    // Replies and their threads in one statement: the foreign key on parent_id is checked at its end.
    db.prepare('DELETE FROM comments WHERE document_id = ?').run(id)
    db.prepare('DELETE FROM paraaf_routes WHERE document_id = ?').run(id)
    db.prepare('DELETE FROM version_revisions WHERE document_id = ?').run(id)
    db.prepare('DELETE FROM versions WHERE document_id = ?').run(id)
    db.prepare('DELETE FROM documents WHERE id = ?').run(id)
  }
  const blank = db.prepare("UPDATE blocks SET body = x'', size = 0, dict = NULL, depth = 0, hash = randomblob(32) WHERE id = ?")
  for (const id of empty) blank.run(id)
  forgetBlocks(db)
  return { blocksEmptied: empty.length }
}
