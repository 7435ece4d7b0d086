// Comment threads: the anchor is a mark in the document; the thread is here.
import type { Database } from 'better-sqlite3'

export default function up(db: Database): void {
  db.exec(`
    CREATE TABLE comments (
      id TEXT PRIMARY KEY,
      document_id INTEGER NOT NULL REFERENCES documents(id),
      -- A reply points at the first comment of its thread.
      parent_id TEXT REFERENCES comments(id),
      author TEXT NOT NULL,
      org TEXT NOT NULL,
      body TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      resolved INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1)),
      -- The last known text under the anchor, with some text around it, to
      -- show a detached comment and to find its place again.
      quote TEXT NOT NULL DEFAULT '',
      prefix TEXT NOT NULL DEFAULT '',
      suffix TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX comments_by_document ON comments (document_id, created_at);
    CREATE INDEX comments_by_parent ON comments (parent_id);

    -- Organisations a user has commented for, so the list grows with use.
    CREATE TABLE organisations (
      name TEXT PRIMARY KEY,
      last_used TEXT NOT NULL
    ) STRICT;
  `)
}
