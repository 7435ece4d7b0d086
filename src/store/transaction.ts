// Every write is one IMMEDIATE transaction. A deferred transaction that
// reads first and writes later cannot wait for another process's write lock
// (SQLite answers SQLITE_BUSY at once instead of applying busy_timeout), so
// the CLI beside the app, or two windows, saw "database is locked" on
// 40–50 % of saves. BEGIN IMMEDIATE takes the write lock up front and waits.
import type { Db } from './database.js'
import { settleBlockCache } from './blocks.repo.js'

/**
 * Runs `work` in one BEGIN IMMEDIATE transaction (a savepoint when already
 * inside one) and returns its result; an exception rolls everything back.
 */
export function writeTransaction<T>(db: Db, work: () => T): T {
  const outermost = !db.inTransaction
  try {
    const result = db.transaction(work).immediate()
    if (outermost) settleBlockCache(db, 'commit')
    return result
  } catch (err) {
    // Rolled back (the whole transaction, or a savepoint inside one): what
    // it read or wrote may no longer be, and its block ids may be given again.
    settleBlockCache(db, 'rollback')
    throw err
  }
}
