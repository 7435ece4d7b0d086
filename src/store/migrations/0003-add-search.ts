// Full-text search (FTS5): each stored block is indexed once, under its own
// id, so a save indexes only the blocks it adds; comments and version labels
// have their own indexes.
import type { Database } from 'better-sqlite3'
import { inflateRawSync } from 'node:zlib'
import { searchTextOfJson } from '../search-text.js'

export default function up(db: Database): void {
  db.exec(`
    CREATE VIRTUAL TABLE search_blocks USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
    CREATE VIRTUAL TABLE search_comments USING fts5(body, comment_id UNINDEXED, document_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');
    CREATE VIRTUAL TABLE search_labels USING fts5(label, document_id UNINDEXED, number UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');
  `)
  const addBlock = db.prepare('INSERT INTO search_blocks (rowid, text) VALUES (?, ?)')
  // .all(), not .iterate(): the connection cannot write while a read is open.
  for (const row of db.prepare('SELECT id, body FROM blocks').all() as { id: number; body: Buffer }[]) {
    addBlock.run(row.id, searchTextOfJson(inflateRawSync(row.body).toString('utf8')))
  }
  db.exec(`
    INSERT INTO search_comments (body, comment_id, document_id) SELECT body, id, document_id FROM comments;
    INSERT INTO search_labels (label, document_id, number) SELECT label, document_id, number FROM versions WHERE label IS NOT NULL;
  `)
}
