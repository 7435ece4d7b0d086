// "Prullenbak leegmaken": the versions of a document in the Prullenbak may
// be removed (and only those: a live document's versions stay immutable and
// kept). Records that are never deleted — parafen, rounds and their returns,
// Woo publications — keep their triggers; a document that has any of them
// is not removed when the Prullenbak is emptied (src/store/purge.ts).
import type { Database } from 'better-sqlite3'

export default function up(db: Database): void {
  db.exec(`
    DROP TRIGGER versions_are_kept;
    CREATE TRIGGER versions_are_kept BEFORE DELETE ON versions
      WHEN (SELECT deleted_at FROM documents WHERE id = old.document_id) IS NULL
      BEGIN SELECT RAISE(ABORT, 'versions are never deleted'); END;
  `)
}
