// A store near git's size. Two copies of work were kept that a history of
// small edits does not need:
//
// - Full-text search indexed every block ever stored, with a second,
//   uncompressed copy of its text (FTS5's content table): 41 % of a store of
//   1,000 documents, while search only ever looks at the current text. The
//   index is now contentless (FTS5 `content=''`, `contentless_delete=1`) and
//   holds the current blocks only; snippets are made from the block itself.
// - A block edited by one word was deflated on its own. It is now deflated
//   with the block it replaces as zlib's preset dictionary (`dict`), which
//   costs a few dozen bytes instead of a few hundred; `depth` bounds the
//   chain of dictionaries a read has to follow.
// - Each version kept the full list of its block ids (a few hundred bytes);
//   it is now stored as an edit of the previous version's list (`ids_base`:
//   ids kept from the start, from the end, and the ones between), with a
//   full list again after at most 16 edits.
import type { Database } from 'better-sqlite3'
import { inflateRawSync } from 'node:zlib'
import { searchTextOfJson } from '../search-text.js'

export default function up(db: Database): void {
  db.exec(`
    ALTER TABLE blocks ADD COLUMN dict INTEGER REFERENCES blocks(id);
    ALTER TABLE blocks ADD COLUMN depth INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE versions ADD COLUMN ids_base INTEGER;
    DROP TABLE search_blocks;
    CREATE VIRTUAL TABLE search_current USING fts5(text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');
  `)
  const add = db.prepare('INSERT INTO search_current (rowid, text) VALUES (?, ?)')
  // .all(), not .iterate(): the connection cannot write while a read is open. Blocks so far have no dictionary.
  for (const row of db.prepare('SELECT id, body FROM blocks WHERE id IN (SELECT DISTINCT block_id FROM current_blocks)').all() as { id: number; body: Buffer }[]) {
    add.run(row.id, searchTextOfJson(inflateRawSync(row.body).toString('utf8')))
  }
}
