// The Wet open overheid (Woo): the grounds on which a passage is withheld
// when a document is published, and the passages Paraaf suggests withholding
// (personal data a ministry removes from every release). Nothing here decides:
// a suggestion is only a suggestion until a user accepts it.

/** The grounds as Woo decisions cite them ("5.1.2e"), with the Dutch description. */
export const WOO_GROUNDS: Readonly<Record<string, string>> = {
  '5.1.1a': 'de eenheid van de Kroon',
  '5.1.1b': 'de veiligheid van de Staat',
  '5.1.1c': 'vertrouwelijk verstrekte bedrijfs- en fabricagegegevens',
  '5.1.1d': 'bijzondere persoonsgegevens',
  '5.1.1e': 'persoonlijke identificatienummers',
  '5.1.2a': 'de betrekkingen van Nederland met andere staten en internationale organisaties',
  '5.1.2b': 'de economische of financiële belangen van de Staat of andere overheden',
  '5.1.2c': 'de opsporing en vervolging van strafbare feiten',
  '5.1.2d': 'inspectie, controle en toezicht door bestuursorganen',
  '5.1.2e': 'de eerbiediging van de persoonlijke levenssfeer',
  '5.1.2f': 'concurrentiegevoelige bedrijfs- en fabricagegegevens',
  '5.1.2g': 'de bescherming van het milieu',
  '5.1.2h': 'de beveiliging van personen en bedrijven en het voorkomen van sabotage',
  '5.1.2i': 'het goed functioneren van de Staat of andere overheden',
  '5.1.5': 'onevenredige benadeling',
  '5.2.1': 'persoonlijke beleidsopvattingen in document voor intern beraad',
}

/** A ground as written ("5.1.2e", "5.1.2.e", "art. 5.1 lid 2 e"), or null when it is none. */
export function normalizeGround(text: string): string | null {
  const t = text.trim().toLowerCase().replace(/^art(ikel|\.)?\s*/, '')
  const lid = /^5\.(\d)\s*,?\s*lid\s*(\d)\s*(?:,?\s*(?:onder(?:deel)?|sub)?\s*)?([a-i])?$/.exec(t)
  const code = lid ? `5.${lid[1]}.${lid[2]}${lid[3] ?? ''}` : t.replace(/^(5\.\d)\.?(\d)\.?([a-i])?$/, (_m, a, b, c) => `${a}.${b}${c ?? ''}`)
  return Object.prototype.hasOwnProperty.call(WOO_GROUNDS, code) ? code : null
}

/** The refusal for a ground that is not one, naming the valid ones. */
export function notAGround(text: string): string {
  return `"${text.slice(0, 40)}" is geen weigeringsgrond van de Woo. Kies uit: ${Object.keys(WOO_GROUNDS).join(', ')}.`
}

export interface RedactionSuggestion {
  quote: string
  ground: string
  /** Why, in Dutch: "e-mailadres", "telefoonnummer", "naam (auteur van een opmerking)" … */
  reason: string
  /** How often it occurs in the text. */
  count: number
}

/** Checks a Dutch BSN with the elfproef. */
function isBsn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false
  const sum = [...digits].reduce((s, d, i) => s + Number(d) * (i === 8 ? -1 : 9 - i), 0)
  return sum % 11 === 0
}

/** Checks an IBAN's mod-97. */
function isIban(text: string): boolean {
  const compact = text.replace(/\s+/g, '').toUpperCase()
  if (!/^NL\d{2}[A-Z]{4}\d{10}$/.test(compact)) return false
  const moved = compact.slice(4) + compact.slice(0, 4)
  let rest = 0
  for (const ch of moved) {
    const v = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55)
    for (const d of v) rest = (rest * 10 + Number(d)) % 97
  }
  return rest === 1
}

const PATTERNS: { re: RegExp; ground: string; reason: string; check?: (m: string) => boolean }[] = [
  { re: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, ground: '5.1.2e', reason: 'e-mailadres' },
  { re: /\bNL\s?\d{2}\s?[A-Z]{4}(?:\s?\d{4}){2}\s?\d{2}\b/g, ground: '5.1.2e', reason: 'IBAN', check: isIban },
  // Nine digits (or 4-2-3 grouped) that pass the elfproef; a full stop after them ends the sentence.
  { re: /(?<![\d.,-])\d{4}[ .]?\d{2}[ .]?\d{3}(?!\d|[.,-]\d)/g, ground: '5.1.1e', reason: 'burgerservicenummer', check: (m) => isBsn(m.replace(/\D/g, '')) },
  // A Dutch number: 0 or +31 (with or without "(0)"), then nine digits, spaces and dashes allowed between them.
  { re: /(?<![\d+])(?:\+31[\s-]?(?:\(0\)[\s-]?)?|0)[1-9](?:[\s-]?\d){8}(?!\d)/g, ground: '5.1.2e', reason: 'telefoonnummer' },
  { re: /\b[\p{Lu}][\p{L}'-]+(?:\s[\p{L}'-]+){0,3}\s\d{1,5}(?:\s?[a-zA-Z]|-\d{1,4})?,?\s+\d{4}\s?[A-Z]{2}\b/gu, ground: '5.1.2e', reason: 'adres (straat, huisnummer en postcode)' },
]

/**
 * Passages to withhold in `text`: personal data by pattern, and the names in
 * `names` (the authors of comments and revisions, the user's own list) where
 * they occur. At most 1,000 suggestions, 100 names and 20,000 matches a pattern;
 * the text is read once per pattern and per name.
 */
export function suggestRedactions(text: string, names: readonly { name: string; reason: string; listed?: boolean }[] = []): RedactionSuggestion[] {
  const found = new Map<string, RedactionSuggestion>()
  const add = (quote: string, ground: string, reason: string) => {
    const q = quote.trim()
    if (!q || /\b5\.[12]\.\d[a-i]?\b/.test(q)) return
    const s = found.get(q)
    if (s) s.count++
    else if (found.size < 1000) found.set(q, { quote: q, ground, reason, count: 1 })
  }
  // Patterns in order; a match inside one found before (the digits of an IBAN) is not found again.
  // The characters taken are marked, so the check costs the length of a match; the matches
  // read per pattern are bounded too (a hostile text of a million addresses).
  const taken = new Uint8Array(text.length)
  const free = (from: number, to: number) => taken.subarray(from, to).every((c) => c === 0)
  for (const { re, ground, reason, check } of PATTERNS) {
    let read = 0
    for (const m of text.matchAll(re)) {
      if (++read > 20_000) break
      const from = m.index!
      const to = from + m[0].length
      if ((check && !check(m[0])) || !free(from, to)) continue
      taken.fill(1, from, to)
      add(m[0], ground, reason)
    }
  }
  for (const { name, reason, listed } of names.slice(0, 600)) {
    const n = name.trim()
    // An author's name of at least two words or with initials ("J. de Vries"), not a single common
    // word ("root"); a name the user put on their own list is taken as it is.
    if (n.length < (listed ? 3 : 4) || n.length > 100 || (!listed && !/\s|\./.test(n))) continue
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu')
    for (const m of text.matchAll(re)) add(m[0], '5.1.2e', reason)
  }
  return [...found.values()]
}
