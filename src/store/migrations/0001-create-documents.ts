// The first schema: documents, content-addressed blocks and immutable versions.
import type { Database } from 'better-sqlite3'

export default function up(db: Database): void {
  db.exec(`
    CREATE TABLE documents (
      id INTEGER PRIMARY KEY,
      type TEXT NOT NULL,
      title TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      version_count INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    -- One row per distinct block (or metadata object): its SHA-256 over the
    -- canonical JSON, and that JSON deflated. Versions refer to rows by id.
    CREATE TABLE blocks (
      id INTEGER PRIMARY KEY,
      hash BLOB NOT NULL UNIQUE,
      size INTEGER NOT NULL,
      body BLOB NOT NULL
    ) STRICT;

    -- A version is never updated or deleted. block_ids is the ordered list of
    -- block ids, LEB128-encoded: a few hundred bytes for a 60 KB letter.
    CREATE TABLE versions (
      document_id INTEGER NOT NULL REFERENCES documents(id),
      number INTEGER NOT NULL,
      created_at TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('create', 'auto', 'named', 'restore', 'import')),
      label TEXT,
      author TEXT NOT NULL,
      meta_block INTEGER NOT NULL REFERENCES blocks(id),
      block_ids BLOB NOT NULL,
      bytes_added INTEGER NOT NULL,
      restored_from INTEGER,
      PRIMARY KEY (document_id, number)
    ) STRICT;

    CREATE TRIGGER versions_are_immutable BEFORE UPDATE ON versions
    BEGIN SELECT RAISE(ABORT, 'versions are immutable'); END;
    CREATE TRIGGER versions_are_kept BEFORE DELETE ON versions
    BEGIN SELECT RAISE(ABORT, 'versions are never deleted'); END;

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
  `)
}
