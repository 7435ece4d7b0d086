// Woo publications: a version of kind "woo" is the text a publication was
// made from (its redaction marks included), written as a version of its own
// and recorded here with the version it came from, the passages withheld and
// the grounds used. The versions table's CHECK on `kind` is not rebuilt for a
// new value (that means copying every version and its triggers); the row here
// is what makes a version a publication, and the repository reports its kind
// as 'woo'. A publication is never changed or deleted.
import type { Database } from 'better-sqlite3'

export default function up(db: Database): void {
  db.exec(`
    CREATE TABLE publications (
      document_id INTEGER NOT NULL,
      version INTEGER NOT NULL,
      source_version INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      author TEXT NOT NULL,
      passages INTEGER NOT NULL,
      -- {"5.1.2e": 12, ...}: the grounds used, with the passages (and earlier markers) per ground.
      grounds TEXT NOT NULL,
      PRIMARY KEY (document_id, version),
      FOREIGN KEY (document_id, version) REFERENCES versions(document_id, number)
    ) STRICT;
    CREATE TRIGGER publications_are_kept BEFORE DELETE ON publications BEGIN SELECT RAISE(ABORT, 'publications are never deleted'); END;
    CREATE TRIGGER publications_are_immutable BEFORE UPDATE ON publications BEGIN SELECT RAISE(ABORT, 'publications are immutable'); END;
  `)
}
