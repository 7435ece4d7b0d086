// Spell check, offline: which of the words the editor sends the Dutch
// dictionary (with the user's own word list) does not accept, suggestions for
// one word, and the word list itself. The editor asks for the words it has not
// asked about before, a moment after each pause in typing; this process, not
// the page, does the checking, so typing never waits for it.
import { runsOf, wordsToCheck } from '../core/spelling.js'
import { getDocument } from '../store/documents.repo.js'
import { readVersion } from '../store/versions.repo.js'
import { addDictionaryWord, dictionaryWords, removeDictionaryWord } from '../store/dictionary.repo.js'
import { writeTransaction } from '../store/transaction.js'
import { dutch, isRight, suggestionsFor } from '../spell/dutch.js'
import { docOf, fail, missing, ok, type ServiceContext } from './context.js'
import type { Result } from './contract.js'

/** The user's words as the check needs them: exactly, and a word in lower case also capitalised. */
function knownWords(ctx: ServiceContext): (word: string) => boolean {
  const words = new Set(dictionaryWords(ctx.db))
  return (word) => words.has(word) || (word[0] !== word[0].toLowerCase() && words.has(word[0].toLowerCase() + word.slice(1)))
}

async function dictionary() {
  try {
    return await dutch()
  } catch {
    return null
  }
}

const unavailable = 'Het Nederlandse woordenboek kon niet worden geladen; de spellingcontrole is uit.'

export async function checkSpelling(ctx: ServiceContext, { words }: { words: string[] }): Promise<Result<{ wrong: string[] }>> {
  const hunspell = await dictionary()
  if (!hunspell) return fail(unavailable)
  const known = knownWords(ctx)
  return ok({ wrong: [...new Set(words)].filter((key) => !isRight(hunspell, key, known)) })
}

export async function spellingSuggestions(_ctx: ServiceContext, { word }: { word: string }): Promise<Result<{ suggestions: string[] }>> {
  const hunspell = await dictionary()
  if (!hunspell) return fail(unavailable)
  return ok({ suggestions: suggestionsFor(hunspell, word.replace(/\.$/, '')) })
}

export function listDictionary(ctx: ServiceContext): Result<{ words: string[] }> {
  return ok({ words: dictionaryWords(ctx.db) })
}

/** "Toevoegen aan woordenlijst" (or, with `remove`, taking a word off it). */
export function changeDictionary(ctx: ServiceContext, { word, remove }: { word: string; remove?: boolean }): Result<{ words: string[] }> {
  const clean = word.trim().replace(/\.$/, '')
  if (!/^[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*$/u.test(clean)) return fail(`"${clean.slice(0, 60)}" is geen woord (alleen letters, met eventueel een apostrof of koppelteken).`)
  writeTransaction(ctx.db, () => (remove ? removeDictionaryWord(ctx.db, clean) : addDictionaryWord(ctx.db, clean, ctx.now())))
  return ok({ words: dictionaryWords(ctx.db) })
}

/** The words of a document the dictionary does not accept, with how often each occurs (`paraaf spelling`). */
export async function documentSpelling(ctx: ServiceContext, { id }: { id: number }): Promise<Result<{ word: string; count: number }[]>> {
  const document = getDocument(ctx.db, id)
  if (!document) return missing(id)
  const doc = docOf(readVersion(ctx.db, id, document.versionCount)!)
  const hunspell = await dictionary()
  if (!hunspell) return fail(unavailable)
  const known = knownWords(ctx)
  const counts = new Map<string, { word: string; count: number }>()
  const verdict = new Map<string, boolean>()
  for (const w of runsOf(doc, true).flatMap((run) => wordsToCheck(run.text))) {
    let right = verdict.get(w.key)
    if (right === undefined) verdict.set(w.key, (right = isRight(hunspell, w.key, known)))
    if (right) continue
    const seen = counts.get(w.word) ?? { word: w.word, count: 0 }
    seen.count++
    counts.set(w.word, seen)
  }
  return ok([...counts.values()].sort((a, b) => b.count - a.count || a.word.localeCompare(b.word, 'nl')))
}
