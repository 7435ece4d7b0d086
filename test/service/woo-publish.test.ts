import { describe, expect, it } from 'vitest'
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import JSZip from 'jszip'
import { readSheet } from 'read-excel-file/node'
import { countWords } from '../../src/core/document.js'
import { readMarkdown } from '../../src/core/markdown-in.js'
import { suggestRedactions } from '../../src/core/woo.js'
import { must, openTestApp } from '../helpers/app.js'
import { corpusDocuments, documentsDir, readBigLetter, repoRoot } from '../helpers/corpus.js'
import { convert, pdfText, runLibreOffice } from '../helpers/docx.js'
import { tempDir } from '../helpers/temp.js'

const paraaf = (data: string, ...args: string[]) => spawnSync(process.execPath, [join(repoRoot, 'bin/paraaf.js'), ...args, '--data', data], { encoding: 'utf8' })

/** Every part of a .docx (after unzip), as text. */
async function everyPart(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file))
  const parts = await Promise.all(Object.values(zip.files).filter((f) => !f.dir).map((f) => f.async('string')))
  return parts.join('\n')
}

/** Words of a text outside the Woo grounds, as Paraaf counts words. */
const wordsOf = (text: string) => (text.replace(/\b5\.[12]\.\d[a-i]?\b/g, ' ').match(/[\p{L}\p{N}]+(?:['’\-.,][\p{L}\p{N}]+)*/gu) ?? []).length

// The nota of 15 April 2020 with the contact lines it had before its release (made-up names and addresses).
const notaText = readFileSync(join(documentsDir, 'nota-2020-04-15-mit-scenarios.md'), 'utf8')
  .replace('5.1.2e | 5.1.2e', 'Marieke Jansen | m.jansen@minjenv.nl')
  .replace('T 5.1.2e', 'T 06-12345678, bij afwezigheid Pieter Bakker (p.bakker@minjenv.nl)')

describe('Woo publication from the command line', () => {
  it('publishes the 18 June letter and the nota with no redacted string in any part of the .docx or in the PDF, one ground per passage', async () => {
    const data = tempDir()
    const out = mkdtempSync(join(tmpdir(), 'paraaf-woo-'))
    writeFileSync(join(out, 'nota.md'), notaText)
    expect(paraaf(data, 'import', join(documentsDir, 'kamerbrief-2020-06-18-uitwerking-breed-offensief.md')).status).toBe(0)
    expect(paraaf(data, 'import', join(out, 'nota.md')).status).toBe(0)
    const plan: [number, string, string, boolean][] = [
      [1, 'Van Toorenburg', '5.1.2e', true],
      [1, 'Van Dam', '5.1.2e', true],
      [1, 'Ferd Grapperhaus', '5.1.2e', false],
      [1, '141 miljoen', '5.1.2b', false],
      [2, 'Marieke Jansen', '5.1.2e', true],
      [2, 'Pieter Bakker', '5.1.2e', false],
      [2, 'm.jansen@minjenv.nl', '5.1.2e', false],
      [2, 'p.bakker@minjenv.nl', '5.1.2e', false],
      [2, '06-12345678', '5.1.2e', false],
    ]
    const passages = { 1: 0, 2: 0 } as Record<number, number>
    for (const [id, quote, ground, all] of plan) {
      const r = paraaf(data, 'redact', String(id), '--quote', quote, '--ground', ground, ...(all ? ['--all'] : []))
      expect(r.stderr).toBe('')
      expect(r.status).toBe(0)
      const n = Number(r.stdout.trim())
      expect(n).toBeGreaterThanOrEqual(1)
      passages[id] += n
    }
    const listed = JSON.parse(paraaf(data, 'redactions', '1', '--json').stdout) as { quote: string; ground: string; count: number }[]
    expect(listed).toEqual(expect.arrayContaining([{ quote: 'Van Toorenburg', ground: '5.1.2e', count: 2 }, { quote: '141 miljoen', ground: '5.1.2b', count: 1 }, { quote: 'Ferd Grapperhaus', ground: '5.1.2e', count: 1 }]))
    expect(listed.reduce((a, r) => a + r.count, 0)).toBe(passages[1])

    const before = { 1: readBigLetter(), 2: notaText } as Record<number, string>
    for (const id of [1, 2]) {
      const quotes = plan.filter((p) => p[0] === id).map((p) => p[1])
      const docx = join(out, `woo-${id}.docx`)
      const pdf = join(out, `woo-${id}.pdf`)
      const a = paraaf(data, 'publish', String(id), '--out', docx)
      expect(a.status).toBe(0)
      expect(a.stdout.trim()).toBe(docx)
      expect(paraaf(data, 'publish', String(id), '--out', pdf).stdout.trim()).toBe(pdf)
      const parts = await everyPart(docx)
      // -layout keeps each printed line: a word ending in a hyphen at a line end is not joined to the next line's first word.
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
      for (const quote of quotes) {
        expect(parts).not.toContain(quote)
        expect(text).not.toContain(quote)
      }
      // Markers of the earlier release in the source (the nota has none left after the contact lines were filled in) plus ours.
      const earlier = (before[id].match(/\b5\.1\.2e\b/g) ?? []).length
      const grounds = (text.match(/\b5\.[12]\.\d[a-i]?\b/g) ?? []).length
      expect(grounds).toBe(passages[id] + earlier)
      // Nothing else was taken: the words outside the boxes are the letter's words minus the redacted ones.
      const read = readMarkdown(before[id])
      if (!read.ok) throw new Error(read.error)
      // Every word of the document outside the redacted passages is in the PDF as often as before (the PDF adds its title lines and page numbers).
      const tally = (t: string) => (t.replace(/\b5\.[12]\.\d[a-i]?\b/g, ' ').match(/[\p{L}\p{N}]+(?:['’\-.,][\p{L}\p{N}]+)*/gu) ?? []).reduce((m, w) => m.set(w, (m.get(w) ?? 0) + 1), new Map<string, number>())
      const published = tally(text)
      // The text of each paragraph with its footnotes apart (a footnote is printed among the notes, not inside the sentence).
      const pieces: string[] = []
      read.doc.descendants((node) => {
        if (!node.isTextblock && node.type.name !== 'footnote') return true
        let own = ''
        node.forEach((child) => { own += child.isText ? child.text : ' ' })
        pieces.push(own)
        return true
      })
      const expectedWords = tally(pieces.join(' '))
      const rows = JSON.parse(paraaf(data, 'redactions', String(id), '--json').stdout) as { quote: string; count: number }[]
      for (const r of rows) for (const [w, n] of tally(r.quote)) expectedWords.set(w, (expectedWords.get(w) ?? 0) - n * r.count)
      const missingWords = [...expectedWords].filter(([w, n]) => n > 0 && (published.get(w) ?? 0) < n).map(([w]) => w)
      expect(missingWords.map((w) => [w, expectedWords.get(w), published.get(w)])).toEqual([])
      expect(wordsOf(text)).toBeGreaterThanOrEqual(countWords(read.doc) - rows.reduce((a, r) => a + wordsOf(r.quote) * r.count, 0))
    }
    // The publication is a version of kind woo; the draft is as it was.
    const versions = paraaf(data, 'versions', '1').stdout
    expect(versions).toMatch(/Publicatieversie \(Woo\) van versie \d+/)
  }, 120_000)

  it('refuses a ground that is not a Woo ground with the list, a quote that is not there, and a file type it cannot write', () => {
    const data = tempDir()
    expect(paraaf(data, 'import', join(documentsDir, 'memo-2019-10-10-rvi.md')).status).toBe(0)
    const bad = paraaf(data, 'redact', '1', '--quote', 'RVI', '--ground', 'privacy')
    expect(bad.status).not.toBe(0)
    expect(bad.stderr.trim().split('\n')).toHaveLength(1)
    expect(bad.stderr).toMatch(/"privacy" is geen weigeringsgrond van de Woo\. Kies uit: 5\.1\.1a, .*5\.2\.1\./)
    expect(paraaf(data, 'redact', '1', '--quote', 'Niet in de tekst', '--ground', '5.1.2e').stderr).toMatch(/staat niet in de huidige versie/)
    expect(paraaf(data, 'publish', '1', '--out', join(tempDir(), 'x.txt')).stderr).toMatch(/moet eindigen op \.pdf of \.docx/)
    expect(paraaf(data, 'woo-inventory', '1', '--out', join(tempDir(), 'x.pdf')).stderr).toMatch(/\.xlsx of \.csv/)
  })
})

describe.runIf(runLibreOffice)('Woo publication read by LibreOffice', () => {
  it('opens the published .docx: the boxes are there, the names are not', async () => {
    const app = openTestApp()
    const { id } = must(await app.api.importMarkdown({ text: readBigLetter() }))
    must(await app.api.redact({ id, quote: 'Van Toorenburg', ground: '5.1.2e', all: true }))
    const file = must(await app.api.publish({ id, format: 'docx' }))
    app.close()
    const text = pdfText(convert(Buffer.from(file.base64, 'base64'), 'pdf', 'woo'))
    expect(text).not.toContain('Toorenburg')
    expect(text.match(/5\.1\.2e/g)).toHaveLength(2)
    expect(text).toContain('Uitwerking breed offensief')
  }, 120_000)
})

describe('Woo suggestions on the corpus', () => {
  // Counted by hand in the corpus: its personal data was removed in the release (as "5.1.2e"), so none is left.
  const expected = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/woo/personal-data.json'), 'utf8')) as Record<string, { emails: string[]; phones: string[] }>
  it('finds every e-mail address and phone number the fixture counts, and nothing in Kamerstuk references or amounts', () => {
    const docs = corpusDocuments()
    expect(Object.keys(expected).sort()).toEqual([...docs.map(([f]) => f), 'nota-met-contactregels'].sort())
    for (const [file, text] of [...docs, ['nota-met-contactregels', notaText] as [string, string]]) {
      const read = readMarkdown(text)
      if (!read.ok) throw new Error(read.error)
      const found = suggestRedactions(read.doc.textBetween(0, read.doc.content.size, '\n', '\n'))
      expect(found.filter((s) => s.reason === 'e-mailadres').map((s) => s.quote).sort(), file).toEqual(expected[file].emails.sort())
      expect(found.filter((s) => s.reason === 'telefoonnummer').map((s) => s.quote).sort(), file).toEqual(expected[file].phones.sort())
      for (const s of found) expect(s.quote, file).not.toMatch(/Kamerstuk|miljoen|euro|€|\bnr\./i)
    }
  })
})

describe('the Woo inventory', () => {
  it('lists three documents with their verdict and grounds, as .xlsx a reader opens and as .csv', async () => {
    const data = tempDir()
    const app = openTestApp(data)
    const letter = must(await app.api.importMarkdown({ text: readBigLetter() })).id
    const memo = must(await app.api.importMarkdown({ text: readFileSync(join(documentsDir, 'memo-2019-10-10-rvi.md'), 'utf8') })).id
    const open = must(await app.api.createDocument({ type: 'memo', meta: { onderwerp: 'Alles openbaar' }, content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Niets te lakken.' }] }] } })).id
    must(await app.api.redact({ id: letter, quote: '141 miljoen', ground: '5.1.2b' }))
    must(await app.api.redact({ id: letter, quote: 'Van Dam', ground: '5.1.2e', all: true }))
    app.close()
    const out = mkdtempSync(join(tmpdir(), 'paraaf-inv-'))
    expect(paraaf(data, 'woo-inventory', String(letter), String(memo), String(open), '--out', join(out, 'inventaris.csv')).status).toBe(0)
    const csv = readFileSync(join(out, 'inventaris.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(';'))
    expect(csv[0]).toEqual(['Nr.', 'Datum', 'Documentnaam', 'Type', 'Beoordeling', 'Weigeringsgronden', 'Document', 'Versie'])
    expect(csv.slice(1).map((r) => [r[0], r[1], r[3], r[4], r[5]])).toEqual([
      ['1', '18-06-2020', 'Kamerbrief', 'deels openbaar', '5.1.2b, 5.1.2e'],
      // The memo was released with its markers: they count as redactions on their ground.
      ['2', expect.stringMatching(/^\d\d-\d\d-\d{4}$/), 'Memo', 'deels openbaar', '5.1.2e'],
      ['3', expect.stringMatching(/^\d\d-\d\d-\d{4}$/), 'Memo', 'openbaar', ''],
    ])
    expect(paraaf(data, 'woo-inventory', String(letter), String(memo), String(open), '--out', join(out, 'inventaris.xlsx')).status).toBe(0)
    // Read back with read-excel-file, a reader that shares no code with the writer.
    const rows = await readSheet(readFileSync(join(out, 'inventaris.xlsx')), 'Inventaris')
    expect(rows).toHaveLength(4)
    expect(rows[0]).toEqual(csv[0])
    expect(rows.slice(1).map((r) => [r[0], r[2], r[4], r[5] ?? ''])).toEqual([
      [1, 'Uitwerking breed offensief tegen georganiseerde ondermijnende criminaliteit', 'deels openbaar', '5.1.2b, 5.1.2e'],
      [2, csv[2][2], 'deels openbaar', '5.1.2e'],
      [3, 'Alles openbaar', 'openbaar', ''],
    ])
  }, 120_000)
})

describe('redaction marks in the draft', () => {
  it('survive a save, a restore and a Word round trip (also after LibreOffice saved the file again)', async () => {
    const app = openTestApp()
    const { id } = must(await app.api.importMarkdown({ text: readBigLetter() }))
    must(await app.api.redact({ id, quote: 'Van Toorenburg', ground: '5.1.2e', all: true }))
    must(await app.api.redact({ id, quote: '141 miljoen', ground: '5.1.2b' }))
    const marked = must(await app.api.listRedactions({ id }))
    expect(marked).toHaveLength(2)
    const snap = must(await app.api.openDocument({ id }))
    const saved = must(await app.api.saveVersion({ id, meta: snap.meta, content: snap.content, label: 'Na lakken', kind: 'named', base: snap.version.number }))
    expect(must(await app.api.listRedactions({ id, version: saved.number }))).toEqual(marked)
    must(await app.api.restoreVersion({ id, number: 1 }))
    expect(must(await app.api.listRedactions({ id }))).toEqual([])
    must(await app.api.restoreVersion({ id, number: saved.number }))
    expect(must(await app.api.listRedactions({ id }))).toEqual(marked)
    const word = must(await app.api.exportDocx({ id }))
    const back = must(await app.api.importDocx({ base64: word.base64, fileName: 'terug.docx' }))
    expect(must(await app.api.listRedactions({ id: back.id }))).toEqual(marked)
    if (runLibreOffice) {
      const resaved = readFileSync(convert(Buffer.from(word.base64, 'base64'), 'docx', 'lakken'))
      const again = must(await app.api.importDocx({ base64: resaved.toString('base64'), fileName: 'opnieuw.docx' }))
      expect(must(await app.api.listRedactions({ id: again.id }))).toEqual(marked)
    }
    app.close()
  }, 120_000)
})

describe('Woo in the service', () => {
  it('redacts a name across documents, keeps a names list for suggestions, and takes a redaction off again', async () => {
    const app = openTestApp()
    const a = must(await app.api.importMarkdown({ text: readBigLetter() })).id
    const b = must(await app.api.createDocument({ type: 'memo', meta: { onderwerp: 'Overleg met Van Dam' }, content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Gesproken met Van Dam en Van Dam-Jansen.' }] }] } })).id
    const c = must(await app.api.createDocument({ type: 'memo', meta: { onderwerp: 'Niets' }, content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Geen namen.' }] }] } })).id
    expect(must(await app.api.redactAcross({ ids: [a, b, c], quote: 'Van Dam', ground: '5.1.2.e' }))).toEqual([{ id: a, count: 2 }, { id: b, count: 3 }, { id: c, count: 0 }])
    // The onderwerp is metadata: recorded there, and scrubbed from what is published (its title and file name too).
    expect(must(await app.api.listRedactions({ id: b }))).toEqual([{ quote: 'Van Dam', ground: '5.1.2e', count: 3 }])
    const pub = must(await app.api.publish({ id: b, format: 'docx' }))
    expect(pub.fileName).toMatch(/^overleg-met-5-1-2e-woo-/)
    // Before a list is kept, it is the authors seen; then the user's own list.
    expect(must(await app.api.getWooNames())).toEqual({ names: [expect.any(String)], kept: false })
    must(await app.api.setWooNames({ names: ['Krol', '  Yesilgöz-Zegerius ', 'Krol'] }))
    expect(must(await app.api.getWooNames())).toEqual({ names: ['Krol', 'Yesilgöz-Zegerius'], kept: true })
    const found = must(await app.api.suggestRedactions({ id: a }))
    expect(found.find((s) => s.quote === 'Yesilgöz-Zegerius')).toEqual({ quote: 'Yesilgöz-Zegerius', ground: '5.1.2e', reason: 'naam (uit uw namenlijst)', count: expect.any(Number) })
    // Redacted already: not proposed again.
    expect(found.some((s) => s.quote === 'Van Dam')).toBe(false)
    expect(must(await app.api.removeRedaction({ id: a, quote: 'Van Dam' })).count).toBe(2)
    expect(must(await app.api.listRedactions({ id: a }))).toEqual([])
    app.close()
  })

  it('publishes an older version without changing the draft, and a second file of the same text adds no version', async () => {
    const app = openTestApp()
    const { id } = must(await app.api.importMarkdown({ text: readBigLetter() }))
    must(await app.api.redact({ id, quote: 'Van Toorenburg', ground: '5.1.2e', all: true }))
    const source = (await app.api.listVersions({ id })).ok ? must(await app.api.listVersions({ id })).at(-1)!.number : 0
    const snap = must(await app.api.openDocument({ id }))
    const draft = { type: 'doc' as const, content: [...(snap.content.content as object[]), { type: 'paragraph', content: [{ type: 'text', text: 'Een alinea van na de publicatie.' }] }] }
    must(await app.api.saveVersion({ id, base: snap.version.number, meta: snap.meta, content: draft, kind: 'named', label: 'Verder geschreven' }))
    const first = must(await app.api.publish({ id, version: source, format: 'pdf' }))
    expect(first.sourceVersion).toBe(source)
    const again = must(await app.api.publish({ id, version: source, format: 'docx' }))
    expect(again.version).toBe(first.version)
    const versions = must(await app.api.listVersions({ id }))
    expect(versions.map((v) => v.kind).slice(-3)).toEqual(['named', 'woo', 'restore'])
    expect(versions.filter((v) => v.kind === 'woo')).toHaveLength(1)
    // The draft is the text written after the publication's source.
    const now = must(await app.api.openDocument({ id }))
    expect(JSON.stringify(now.content)).toContain('Een alinea van na de publicatie.')
    app.close()
  })
})
