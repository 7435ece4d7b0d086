// A round's deadline as a moment, and processed decisions guarded against deletion as they are against change.
//
// The deadline as a moment (wall-clock "2026-06-12T12:00", or a whole
// day "2026-06-12"), beside the text the drafter typed: the start screen puts
// documents whose deadline has passed with returns to process first, which a
// free text cannot tell. Rounds written before this migration get theirs read
// from their text, relative to the day the round started; one that cannot be
// read keeps NULL and is shown by its text alone.
import type { Database } from 'better-sqlite3'
import { deadlineKey, parseDeadline } from '../../core/deadline.js'

export default function up(db: Database): void {
  db.exec('ALTER TABLE rounds ADD COLUMN deadline_at TEXT')
  // A decision not yet processed may be taken back (the proposal is open again); a processed one never.
  db.exec("CREATE TRIGGER processed_decisions_are_never_deleted BEFORE DELETE ON round_decisions WHEN old.processed_version IS NOT NULL BEGIN SELECT RAISE(ABORT, 'a processed decision is never deleted'); END")
  const rows = db.prepare("SELECT id, deadline, created_at FROM rounds WHERE deadline <> ''").all() as { id: number; deadline: string; created_at: string }[]
  if (!rows.length) return
  // Rounds are immutable; this one-time fill is the exception, so the guard is lifted for it alone.
  db.exec('DROP TRIGGER rounds_are_immutable')
  const set = db.prepare('UPDATE rounds SET deadline_at = ? WHERE id = ?')
  for (const r of rows) {
    const parsed = parseDeadline(r.deadline, new Date(r.created_at))
    if (parsed.ok) set.run(deadlineKey(parsed.value), r.id)
  }
  db.exec("CREATE TRIGGER rounds_are_immutable BEFORE UPDATE ON rounds BEGIN SELECT RAISE(ABORT, 'rounds are immutable'); END")
}
