import { describe, expect, it } from 'vitest'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openTestApp, must, latestVersion } from '../helpers/app.js'
import { chainsDir, readBigLetter } from '../helpers/corpus.js'
import { libreOfficeDecide, runLibreOffice } from '../helpers/docx.js'
import { reviewedLetter } from '../helpers/reviewed-letter.js'
import { importDocx } from '../../src/docx/import-docx.js'
import { compareDocuments } from '../../src/core/diff/compare.js'
import { schema } from '../../src/core/schema.js'

// The Word redline is exact: pandoc's "reject all" of it reads as the older
// version's own export, paragraph for paragraph (footnotes and table cells
// included), and "accept all" as the newer one's. pandoc reads Word's
// revisions independently of our code, paragraph marks included (a deleted
// paragraph mark joins the paragraph to the next one, as in Word).

const hasPandoc = spawnSync('sh', ['-c', 'command -v pandoc'], { encoding: 'utf8' }).status === 0
const runPandoc = hasPandoc || !!process.env.CI

type Pandoc = { t: string; c?: unknown }

/** The text of pandoc inlines: a footnote as "[^…]" with its own text, so a note's place and text both count. */
function inlineText(inlines: Pandoc[]): string {
  return inlines.map((i) => {
    switch (i.t) {
      case 'Str': return i.c as string
      case 'Space': case 'SoftBreak': return ' '
      case 'LineBreak': return '\n'
      case 'Note': return `[^${blocksText(i.c as Pandoc[]).join(' / ')}]`
      case 'Link': return inlineText((i.c as [unknown, Pandoc[]])[1])
      case 'Span': return inlineText((i.c as [unknown, Pandoc[]])[1])
      case 'Quoted': return `"${inlineText((i.c as [unknown, Pandoc[]])[1])}"`
      case 'Strong': case 'Emph': case 'Underline': case 'Strikeout': case 'SmallCaps': case 'Superscript': case 'Subscript': return inlineText(i.c as Pandoc[])
      default: return ''
    }
  }).join('')
}

const EMPTY_HEADING = '\u0000'

/** Every paragraph in reading order (list items, table cells and notes opened up), each as its text with spaces folded. */
function blocksText(blocks: Pandoc[]): string[] {
  const out: string[] = []
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk)
    if (!value || typeof value !== 'object') return
    const b = value as Pandoc
    if (b.t === 'Para' || b.t === 'Plain') out.push(inlineText(b.c as Pandoc[]))
    // pandoc reads a heading's paragraph mark without its revision (Word joins a heading typed or deleted
    // whole with the next paragraph; pandoc leaves it empty): an empty heading is left out, as none is written.
    else if (b.t === 'Header') out.push(inlineText((b.c as [number, unknown, Pandoc[]])[2]) || EMPTY_HEADING)
    else if (b.t !== undefined && typeof b.t === 'string' && /^[A-Z]/.test(b.t)) walk(b.c)
    else Object.values(b).forEach(walk)
  }
  walk(blocks)
  // Without white space: pandoc joins a paragraph to the next with a space where Word joins them without one.
  return out.filter((t) => t !== EMPTY_HEADING).map((t) => t.replace(/\s+/g, ''))
}

/** pandoc's reading of a .docx (empty paragraphs kept, so a paragraph left empty by a revision shows). */
function pandocParagraphs(docx: Buffer, mode: 'accept' | 'reject'): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'paraaf-redline-'))
  const file = join(dir, 'brief.docx')
  writeFileSync(file, docx)
  const json = JSON.parse(execFileSync('pandoc', ['-f', 'docx+empty_paragraphs', '-t', 'json', `--track-changes=${mode}`, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as { blocks: Pandoc[] }
  return blocksText(json.blocks)
}

async function exportsOf(older: string, newer: string) {
  const app = openTestApp()
  const { api } = app
  must(await api.setSettings({ author: 'M. de Vries' }))
  const { id } = must(await api.importMarkdown({ text: older, fileName: 'brief.md' }))
  const type = must(await api.openDocument({ id })).type
  const template = must(await api.listTemplates()).find((t) => t.type === type)!
  // What the template requires and a corpus file does not say is filled in, the same for both versions, as a user would before exporting.
  const filled = async () => {
    const snap = must(await api.openDocument({ id }))
    const meta = { ...snap.meta }
    for (const f of template.fields) if (f.required && !meta[f.key]) meta[f.key] = f.kind === 'date' ? '2020-03-09' : f.kind === 'lines' ? ['Directie Ondermijning'] : 'Minister van JenV'
    must(await api.saveVersion({ id, base: await latestVersion(api, id), meta, content: snap.content, kind: 'auto' }))
    return latestVersion(api, id)
  }
  const v1 = await filled()
  must(await api.saveMarkdownVersion({ id, text: newer, label: 'Reactie' }))
  const v2 = await filled()
  const docx = async (input: { version?: number; against?: number }) => Buffer.from(must(await api.exportDocx({ id, ...input })).base64, 'base64')
  const content = async (version: number) => must(await api.openDocument({ id, version })).content
  const result = { a: await docx({ version: v1 }), b: await docx({ version: v2 }), redline: await docx({ version: v2, against: v1 }), older: await content(v1), newer: await content(v2) }
  app.close()
  return result
}

async function expectExact(older: string, newer: string) {
  const { a, b, redline } = await exportsOf(older, newer)
  expect(pandocParagraphs(redline, 'reject')).toEqual(pandocParagraphs(a, 'reject'))
  expect(pandocParagraphs(redline, 'accept')).toEqual(pandocParagraphs(b, 'accept'))
}

describe('the Word redline, read back by Paraaf', () => {
  it('gives exactly the older letter as the base and the newer as the proposal, for a reviewer\'s round over the 18 June letter', async () => {
    const letter = readBigLetter()
    const { redline, older, newer } = await exportsOf(letter, reviewedLetter(letter, { movedTable: true }))
    let n = 0
    const read = await importDocx(redline, { newId: () => `k${++n}` })
    // As stored: through the schema, as every version is.
    const stored = (doc: unknown) => schema.nodeFromJSON(doc).toJSON()
    expect(compareDocuments({ meta: {}, content: stored(read.base) }, { meta: {}, content: older }).changes).toEqual([])
    expect(compareDocuments({ meta: {}, content: stored(read.proposal) }, { meta: {}, content: newer }).changes).toEqual([])
  }, 120_000)
})

describe.runIf(runPandoc)('the Word redline, read by pandoc', () => {
  it('rejecting all gives the older letter and accepting all the newer, for a reviewer\'s round over the 18 June letter', async () => {
    const letter = readBigLetter()
    await expectExact(letter, reviewedLetter(letter))
  }, 120_000)

  it.runIf(runLibreOffice)('LibreOffice\'s own "reject all" and "accept all" give the older and the newer letter, a moved and edited table included', async () => {
    const letter = readBigLetter()
    const { a, b, redline } = await exportsOf(letter, reviewedLetter(letter, { movedTable: true, noteInNewParagraph: false }))
    // Both sides pass through LibreOffice alike: the clean exports are opened and saved by it too.
    expect(pandocParagraphs(libreOfficeDecide(redline, 'reject'), 'accept')).toEqual(pandocParagraphs(libreOfficeDecide(a, 'none'), 'accept'))
    expect(pandocParagraphs(libreOfficeDecide(redline, 'accept'), 'accept')).toEqual(pandocParagraphs(libreOfficeDecide(b, 'none'), 'accept'))
  }, 300_000)

  for (const chain of readdirSync(chainsDir).sort()) {
    it(`rejecting all gives the older version and accepting all the newer, for each step of ${chain}`, async () => {
      const versions = readdirSync(join(chainsDir, chain)).filter((f) => /^v\d+\.md$/.test(f)).sort().map((f) => readFileSync(join(chainsDir, chain, f), 'utf8'))
      for (let i = 1; i < versions.length; i++) await expectExact(versions[i - 1], versions[i])
    }, 120_000)
  }
})
