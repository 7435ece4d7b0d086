// Parafen bound to the exact text: a document's paraafroute (who initials,
// in which order, lijn- or medeparaaf) and each paraaf given, on one version,
// with the SHA-256 fingerprint of that version's content and metadata. A
// paraaf is never deleted or changed; it can only be withdrawn (recorded).
import type { Database } from 'better-sqlite3'

export default function up(db: Database): void {
  db.exec(`
    CREATE TABLE paraaf_routes (
      document_id INTEGER NOT NULL REFERENCES documents(id),
      position INTEGER NOT NULL,
      name TEXT NOT NULL,
      role TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('lijn', 'mede')),
      PRIMARY KEY (document_id, position)
    ) STRICT;

    CREATE TABLE parafen (
      id INTEGER PRIMARY KEY,
      document_id INTEGER NOT NULL REFERENCES documents(id),
      version INTEGER NOT NULL,
      name TEXT NOT NULL,
      role TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('lijn', 'mede')),
      -- The day the paraaf was given (YYYY-MM-DD), and when it was recorded.
      date TEXT NOT NULL,
      remark TEXT NOT NULL DEFAULT '',
      fingerprint TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      withdrawn_at TEXT,
      withdraw_reason TEXT NOT NULL DEFAULT '',
      FOREIGN KEY (document_id, version) REFERENCES versions(document_id, number)
    ) STRICT;
    CREATE INDEX parafen_by_document ON parafen (document_id);

    -- "Geen inhoudelijke wijziging": the drafter's word that a later text (by
    -- its fingerprint) changes nothing of substance for a paraaf, with a note.
    CREATE TABLE paraaf_confirmations (
      paraaf_id INTEGER NOT NULL REFERENCES parafen(id),
      fingerprint TEXT NOT NULL,
      version INTEGER NOT NULL,
      note TEXT NOT NULL,
      author TEXT NOT NULL,
      confirmed_at TEXT NOT NULL,
      PRIMARY KEY (paraaf_id, fingerprint)
    ) STRICT;
    CREATE TRIGGER confirmations_are_kept BEFORE DELETE ON paraaf_confirmations BEGIN SELECT RAISE(ABORT, 'confirmations are never deleted'); END;
    CREATE TRIGGER confirmations_are_immutable BEFORE UPDATE ON paraaf_confirmations BEGIN SELECT RAISE(ABORT, 'confirmations are immutable'); END;

    CREATE TRIGGER parafen_are_kept BEFORE DELETE ON parafen BEGIN SELECT RAISE(ABORT, 'parafen are never deleted'); END;
    -- The only change a paraaf knows: being withdrawn, once.
    CREATE TRIGGER parafen_are_immutable BEFORE UPDATE ON parafen
    WHEN old.withdrawn_at IS NOT NULL OR new.withdrawn_at IS NULL
      OR new.document_id IS NOT old.document_id OR new.version IS NOT old.version OR new.name IS NOT old.name OR new.role IS NOT old.role
      OR new.kind IS NOT old.kind OR new.date IS NOT old.date OR new.remark IS NOT old.remark OR new.fingerprint IS NOT old.fingerprint OR new.recorded_at IS NOT old.recorded_at
    BEGIN SELECT RAISE(ABORT, 'a paraaf can only be withdrawn'); END;
  `)
}
