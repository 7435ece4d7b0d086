// The Prullenbak: a deleted document keeps every version, comment, round and
// paraaf; it is only left out of the list and the search until it is put back.
import type { Database } from 'better-sqlite3'

export default function up(db: Database): void {
  db.exec('ALTER TABLE documents ADD COLUMN deleted_at TEXT')
}
