// The user's own words for the spell check.
import type { Db } from './database.js'

export function dictionaryWords(db: Db): string[] {
  return db.prepare('SELECT word FROM dictionary_words ORDER BY word').pluck().all() as string[]
}

export function addDictionaryWord(db: Db, word: string, at: string): void {
  db.prepare('INSERT INTO dictionary_words (word, added_at) VALUES (?, ?) ON CONFLICT (word) DO NOTHING').run(word, at)
}

export function removeDictionaryWord(db: Db, word: string): void {
  db.prepare('DELETE FROM dictionary_words WHERE word = ?').run(word)
}
