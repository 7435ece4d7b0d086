// The user's own word list for the spell check ("Toevoegen aan woordenlijst"):
// names, abbreviations and terms of their directie the Dutch dictionary does
// not know. Kept in the database, so it travels with a backup.
import type { Database } from 'better-sqlite3'

export default function up(db: Database): void {
  db.exec('CREATE TABLE dictionary_words (word TEXT PRIMARY KEY, added_at TEXT NOT NULL) WITHOUT ROWID')
}
