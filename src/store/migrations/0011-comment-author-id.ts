// Who wrote a comment, by a stable id: the display name can change (a user
// corrects it, or adds a directie), and "one's own comment" must not change
// with it. Comments from before, and those imported from Word files, have none
// and are judged by name as before.
import type { Database } from 'better-sqlite3'

export default function up(db: Database): void {
  db.exec('ALTER TABLE comments ADD COLUMN author_id TEXT')
}
