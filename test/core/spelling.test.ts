import { describe, expect, it } from 'vitest'
import { readMarkdown } from '../../src/core/markdown-in.js'
import { runsOf, spellingForms, wordsToCheck } from '../../src/core/spelling.js'

const words = (text: string) => wordsToCheck(text).map((w) => w.word)

describe('which words the spell check looks at', () => {
  it('takes words with apostrophes and hyphens whole, and reports where each stands', () => {
    const text = "Zo'n Woo-verzoek over auto’s."
    const found = wordsToCheck(text)
    expect(found.map((w) => w.word)).toEqual(["Zo'n", 'Woo-verzoek', 'over', 'auto’s'])
    for (const w of found) expect(text.slice(w.from, w.to)).toBe(w.word)
    // The period after a word is asked along (an abbreviation such as "bijv."), never underlined.
    expect(found[3].key).toBe('auto’s.')
  })

  it('leaves alone what no dictionary can judge: Woo markers, numbers, capitals, addresses, single letters', () => {
    const text = 'Zie [5.1.2e] en Kamerstukken II 2019/20, 29 911, nr. 275; de 2e ronde van de FIOD en NCTV (o.a. www.rijksoverheid.nl/woo, info@minjenv.nl en brief.docx) kost € 1,5 mln.'
    expect(words(text)).toEqual(['Zie', 'en', 'Kamerstukken', 'nr', 'de', 'ronde', 'van', 'de', 'en', 'en', 'kost', 'mln'])
  })

  it('skips the first part of a compound whose rest follows, and a bracketed prefix', () => {
    expect(words('investerings- en innovatiekosten, (inter)nationaal en (persoons)gerichte aanpak')).toEqual(['en', 'innovatiekosten', 'nationaal', 'en', 'gerichte', 'aanpak'])
  })

  it('asks the dictionary for a word, without its period, with straight apostrophes, unaccented and by its parts', () => {
    expect(spellingForms('bijv.')).toEqual([['bijv.'], ['bijv']])
    expect(spellingForms('auto’s')).toEqual([['auto’s'], ["auto's"]])
    expect(spellingForms('ván')).toEqual([['ván'], ['van']])
    expect(spellingForms('Woo-verzoek')).toEqual([['Woo-verzoek'], ['Woo', 'verzoek']])
  })

  it('bounds the work on hostile text: one huge word and a million separators', () => {
    expect(words('a'.repeat(200_000))).toEqual([])
    expect(words('x-'.repeat(100_000) + 'y')).toEqual([])
    expect(wordsToCheck('de '.repeat(300_000)).length).toBe(300_000)
  })

  it('reads the text of each paragraph and footnote with document positions', () => {
    const read = readMarkdown('Een zin met een voetnoot[^1] erin.\n\n[^1]: Zie de bijlage.\n')
    if (!read.ok) throw new Error(read.error)
    const doc = read.doc
    const runs = runsOf(doc, true)
    expect(runs.map((r) => r.text)).toEqual(['Een zin met een voetnoot  erin.', 'Zie de bijlage.'])
    // Each character's position holds that character in the document.
    for (const run of runs) for (const w of wordsToCheck(run.text)) expect(doc.textBetween(run.at(w.from), run.at(w.to - 1) + 1)).toBe(w.word)
    expect(runsOf(doc, false).length).toBe(1)
  })
})
