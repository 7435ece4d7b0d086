// A reviewer's round over the 18 June letter (test/fixtures/corpus), as
// Markdown: every kind of edit a Word redline must carry exactly.

/** `text` with `from` replaced by `to`, which must be there exactly once. */
function once(text: string, from: string, to: string): string {
  const at = text.indexOf(from)
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`not exactly once in the letter: ${from.slice(0, 60)}`)
  return text.slice(0, at) + to + text.slice(at + from.length)
}

/** The paragraph of the letter that starts with `start` (up to its blank line). */
function paragraphStarting(text: string, start: string): string {
  const at = text.indexOf(`\n${start}`)
  if (at < 0) throw new Error(`no paragraph starts with: ${start}`)
  const end = text.indexOf('\n\n', at + 1)
  return text.slice(at + 1, end)
}

/**
 * A reviewer's round over the 18 June letter: words, a sentence, a new and a
 * deleted paragraph, a new footnote (one inside a new paragraph) and a
 * changed one, a line break, bold, a table cell, a heading, a moved
 * paragraph, and a moved and edited list; with `movedTable`, also a moved
 * and edited table (written with tracked rows, which pandoc does not read).
 * Without `noteInNewParagraph` the new paragraph has no footnote of its own:
 * LibreOffice 7.4's "reject all" leaves an empty paragraph where an inserted
 * paragraph held a footnote (also for a file marked as Word marks it).
 */
export function reviewedLetter(letter: string, { movedTable = false, noteInNewParagraph = true } = {}): string {
  let t = letter
  t = once(t, 'De georganiseerde criminaliteit draait op volle toeren.', 'De georganiseerde misdaad draait op volle toeren.')
  t = once(t, '150 miljoen euro per jaar vanaf 2022.', '150 miljoen euro per jaar vanaf 2022. Dat vraagt een stevig en blijvend antwoord.')
  t = once(t, '88 miljoen euro in 2020', '**88 miljoen euro in 2020**')
  t = once(t, '## Corruptie\n', '## Corruptie en integriteit\n')
  t = once(t, '| *Versterking uitvoering* | 3,9 mln |', '| *Versterking uitvoering* | 4,2 mln |')
  // A new paragraph with a footnote of its own, after the opening paragraph.
  const opening = paragraphStarting(t, 'De georganiseerde misdaad')
  t = once(t, `${opening}\n\n`, `${opening}\n\nIn de regio's werken gemeenten, politie en OM samen in de RIEC's.${noteInNewParagraph ? '[^nieuw1]' : ''}\\\nZij krijgen daarvoor extra middelen.\n\n`)
  if (noteInNewParagraph) t = t.replace(/\n(\[\^1\]:)/, '\n[^nieuw1]: Zie ook de voortgangsrapportage van het LIEC over 2019.\n$1')
  // A footnote added to an existing paragraph, and an existing footnote's text changed.
  t = once(t, 'Hieronder zet ik uiteen welke investeringen het kabinet daarmee doet.', 'Hieronder zet ik uiteen welke investeringen het kabinet daarmee doet.[^nieuw2]')
  t = t.replace(/\n(\[\^1\]:)/, '\n[^nieuw2]: Bedragen zijn afgerond op honderdduizenden euro\'s.\n$1')
  const note2 = /\n\[\^2\]: ([^\n]+)/.exec(t)!
  t = once(t, note2[0], `\n[^2]: ${note2[1].replace(/\.$/, '')}, zoals aangevuld in mei 2020.`)
  // A paragraph deleted.
  const gone = paragraphStarting(t, 'In de aprilbrief beschreef ik')
  t = once(t, `${gone}\n\n`, '')
  // A paragraph (with the bold words) moved down, to after the first paragraph under Bewaken en Beveiligen.
  const moved = paragraphStarting(t, 'De nu extra beschikbare gelden')
  t = once(t, `${moved}\n\n`, '')
  const firstOfSection = t.indexOf('\n\n', t.indexOf('### Aanleiding, doel en focus') + 1) + 2
  const endOfFirst = t.indexOf('\n\n', firstOfSection)
  t = t.slice(0, endOfFirst) + `\n\n${moved}` + t.slice(endOfFirst)
  // The research list moved up to the start of its section, with one item reworded.
  const list = /\n(- Systematische analyse[^\n]*\n- Nieuw empirisch[^\n]*\n- Monitoring[^\n]*)\n/.exec(t)!
  t = once(t, `${list[1]}\n`, '')
  const edited = list[1].replace('Nieuw empirisch onderzoek', 'Nieuw en herhaald empirisch onderzoek')
  const section = t.indexOf('## Programma Anti-Ondermijning en kennisagenda\n\n') + '## Programma Anti-Ondermijning en kennisagenda\n\n'.length
  t = t.slice(0, section) + `${edited}\n\n` + t.slice(section)
  if (!movedTable) return t
  // The MIT table moved up to under its heading, with one amount changed.
  const table = /\n(\| MIT \| 2020 \|[^\n]*\n(?:\|[^\n]*\n)+)/.exec(t)!
  t = once(t, table[1], '')
  t = once(t, '## MIT\n\n', `## MIT\n\n${table[1].replace('| Rechtspraak | 0,7 mln |', '| Rechtspraak | 0,9 mln |')}\n`)
  return t
}
