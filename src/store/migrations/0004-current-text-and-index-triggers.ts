// The current text of every document in SQL, and search indexes kept in step
// by triggers.
//
// Search used to take the first 2,000 matching blocks of all history and then
// look for the latest versions among them, so a document whose history held
// many matching blocks lost its current text from the results. current_blocks
// lists the blocks of each document's latest version (metadata included), so
// a search joins the index to it. Comment and label indexes are kept by
// triggers, so no repository can forget them; comments are indexed with their
// organisation and author (migration 3 indexed only the body).
import type { Database } from 'better-sqlite3'
import { decodeIds } from '../varint.js'

export default function up(db: Database): void {
  db.exec(`
    CREATE TABLE current_blocks (
      document_id INTEGER NOT NULL REFERENCES documents(id),
      block_id INTEGER NOT NULL REFERENCES blocks(id),
      PRIMARY KEY (block_id, document_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX current_blocks_by_document ON current_blocks (document_id);

    DELETE FROM search_comments;
    INSERT INTO search_comments (body, comment_id, document_id) SELECT org || ' ' || author || ' ' || body, id, document_id FROM comments;
    CREATE TRIGGER comments_indexed AFTER INSERT ON comments BEGIN
      INSERT INTO search_comments (body, comment_id, document_id) VALUES (new.org || ' ' || new.author || ' ' || new.body, new.id, new.document_id);
    END;
    CREATE TRIGGER comments_reindexed AFTER UPDATE OF body, org, author ON comments BEGIN
      DELETE FROM search_comments WHERE comment_id = old.id;
      INSERT INTO search_comments (body, comment_id, document_id) VALUES (new.org || ' ' || new.author || ' ' || new.body, new.id, new.document_id);
    END;
    CREATE TRIGGER comments_unindexed AFTER DELETE ON comments BEGIN
      DELETE FROM search_comments WHERE comment_id = old.id;
    END;
    CREATE TRIGGER labels_indexed AFTER INSERT ON versions WHEN new.label IS NOT NULL BEGIN
      INSERT INTO search_labels (label, document_id, number) VALUES (new.label, new.document_id, new.number);
    END;
  `)
  const add = db.prepare('INSERT OR IGNORE INTO current_blocks (document_id, block_id) VALUES (?, ?)')
  const latest = db.prepare(`
    SELECT v.document_id, v.meta_block, v.block_ids FROM versions v
    JOIN documents d ON d.id = v.document_id AND d.version_count = v.number`).all() as { document_id: number; meta_block: number; block_ids: Buffer }[]
  for (const v of latest) for (const id of [v.meta_block, ...decodeIds(v.block_ids)]) add.run(v.document_id, id)
}
