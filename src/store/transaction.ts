// Every write is one IMMEDIATE transaction. A deferred transaction that
// reads first and writes later cannot wait for another process's write lock
// (SQLite answers SQLITE_BUSY at once instead of applying busy_timeout), so
// the CLI beside the app, or two windows, saw "database is locked" on
// 40–50 % of saves. BEGIN IMMEDIATE takes the write lock up front and waits.
import type { Db } from './database.js'

/**
 * Runs `work` in one BEGIN IMMEDIATE transaction (a savepoint when already
 * inside one) and returns its result; an exception rolls everything back.
 */
export function writeTransaction<T>(db: Db, work: () => T): T {
  return db.transaction(work).immediate()
}
