// Which words of a text a spell checker should look at, and where they are.
// Pure (no dictionary): the editor uses it to place underlines, the service
// and the CLI to list what to check. Like Word's defaults, it leaves alone
// what a dictionary cannot judge: words in capitals (FIOD, NCTV), words
// joined to digits (the "e" of a Woo marker [5.1.2e], "2e", "10e"), single
// letters (o.a.), web and e-mail addresses, and anything absurdly long.
import type { Node as PMNode } from 'prosemirror-model'

export interface WordAt {
  word: string
  /** What the dictionary is asked: the word, with the period after it when there is one (bijv., nr.). */
  key: string
  /** Offsets in the text given: `text.slice(from, to) === word`. */
  from: number
  to: number
}

/** Longest word offered to the dictionary (Hunspell's own limit is near 100). */
export const MAX_WORD = 60

// A word: letters, with apostrophes and hyphens inside (zo'n, auto's,
// Woo-verzoek). A period after it and digits beside it are judged below.
const WORD = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu
// A stretch between spaces that holds an address or a file name: none of its words is checked.
const ADDRESS = /^\(?(?:https?:\/\/|www\.)|@[\w-]+\.|\.(?:docx|pdf|xlsx|md|nl|com|org|eu)\b/iu
/** Longer stretches without a space are not text (a pasted hash, a hostile file): left alone, and the work stays linear. */
const MAX_STRETCH = 200

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9'
const isCaps = (w: string) => w === w.toUpperCase() && w !== w.toLowerCase()

/** The words of `text` to check, in order. */
export function wordsToCheck(text: string): WordAt[] {
  const out: WordAt[] = []
  for (const stretch of text.matchAll(/\S+/gu)) {
    const part = stretch[0]
    if (part.length > MAX_STRETCH || ADDRESS.test(part)) continue
    for (const m of part.matchAll(WORD)) {
      const from = stretch.index + m.index
      const to = from + m[0].length
      const word = m[0]
      if (word.length < 2 || word.length > MAX_WORD) continue
      if (isDigit(text[from - 1]) || isDigit(text[to])) continue
      // "1.000e", "5.1.2e": a period between digit and word joins them too.
      if (text[from - 1] === '.' && isDigit(text[from - 2])) continue
      // "investerings- en innovatiekosten": the first part of a compound whose rest follows.
      if (text[to] === '-' || text[to] === '‑' || text[from - 1] === '-') continue
      // "(persoons)gerichte", "(inter)nationaal": a bracketed prefix.
      if (text[to] === ')' && /[\p{L}]/u.test(text[to + 1] ?? '')) continue
      if (isCaps(word.replace(/['’-].*$/u, ''))) continue
      out.push({ word, key: text[to] === '.' ? word + '.' : word, from, to })
    }
  }
  return out
}

/**
 * What a dictionary must accept for `key` to be right, as alternatives, each
 * a list of words that must all be known: the key itself, without its period
 * (the end of a sentence), with straight apostrophes, and a hyphenated word
 * as its parts (Woo-verzoek is right when Woo and verzoek are).
 */
export function spellingForms(key: string): string[][] {
  const forms: string[][] = [[key]]
  const bare = key.endsWith('.') ? key.slice(0, -1) : key
  if (bare !== key) forms.push([bare])
  if (bare.includes('’')) forms.push([bare.replaceAll('’', "'")])
  // An accent for emphasis: "dát is ván belang".
  const plain = bare.replace(/[áéíóú]/gu, (c) => 'aeiou'['áéíóú'.indexOf(c)])
  if (plain !== bare) forms.push([plain])
  if (bare.includes('-')) {
    const parts = bare.replaceAll('’', "'").split('-').filter((part) => part.length > 1 && !isCaps(part))
    if (parts.length) forms.push(parts)
  }
  return forms
}

/** The distinct keys of `text` to ask a dictionary about. */
export function distinctKeys(text: string): string[] {
  return [...new Set(wordsToCheck(text).map((w) => w.key))]
}

/** A stretch of running text of a document: what one textblock (or one footnote) reads. */
export interface TextRun {
  text: string
  /** The document position of each character of `text` (an inline node that is not text reads as one space). */
  at: (offset: number) => number
}

/**
 * The running text of `block` (a textblock or a footnote) starting at document
 * position `start` (the position of its first child).
 */
export function runOf(block: PMNode, start: number): TextRun {
  let text = ''
  const starts: number[] = []
  const positions: number[] = []
  block.forEach((child, offset) => {
    starts.push(text.length)
    positions.push(start + offset)
    text += child.isText ? child.text! : ' '
  })
  return {
    text,
    at(offset) {
      let lo = 0
      let hi = starts.length - 1
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1
        if (starts[mid] <= offset) lo = mid
        else hi = mid - 1
      }
      return starts.length ? positions[lo] + (offset - starts[lo]) : start
    },
  }
}

/** Every run of text in a document: its textblocks and, with `footnotes`, each footnote's text. */
export function runsOf(doc: PMNode, footnotes: boolean): TextRun[] {
  const runs: TextRun[] = []
  doc.descendants((node, pos) => {
    if (node.isTextblock) {
      runs.push(runOf(node, pos + 1))
      if (footnotes) node.forEach((child, offset) => { if (child.type.name === 'footnote') runs.push(runOf(child, pos + 1 + offset + 1)) })
      return false
    }
    return true
  })
  return runs
}
