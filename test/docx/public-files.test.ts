import { describe, expect, it } from 'vitest'
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import JSZip from 'jszip'
import { importDocx } from '../../src/docx/import-docx.js'
import type { NodeJSON } from '../../src/core/document.js'
import { repoRoot } from '../helpers/corpus.js'

// Real Word files from public test suites (test/fixtures/docx-public, with
// their sources and licences), each read by Paraaf and, independently, by
// pandoc. No file may lose more than 1 % of its words, on either side of its
// tracked changes, and none may lose a comment or a reply.

const hasPandoc = spawnSync('sh', ['-c', 'command -v pandoc'], { encoding: 'utf8' }).status === 0
const runPandoc = hasPandoc || !!process.env.CI
if (!runPandoc) console.warn('\n*** LET OP: geen pandoc - de importtest met openbare Word-bestanden wordt OVERGESLAGEN. Installeer: apt-get install -y pandoc ***\n')

const dir = join(repoRoot, 'test/fixtures/docx-public')
const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.docx')).sort()

/** Words as sequences of letters and digits, after Unicode compatibility folding (² is 2). */
const words = (text: string) => text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []

/**
 * pandoc's plain text without what pandoc itself adds: note references
 * ("[1]") and the numbers before the notes, list enumerators at the start of
 * a line or of a table cell ("1.", "a)", "iv."), and "Table:" before a caption.
 */
function pandocText(file: string, mode: 'accept' | 'reject'): string {
  const plain = execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', '--wrap=none', `--track-changes=${mode}`, '--lua-filter', join(dir, 'zonder-afbeeldingen.lua'), file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
  return plain
    .replace(/\[\d+\]/g, ' ')
    .replace(/(^|\|)[ \t]*(?:\d+|[a-zA-Z]|[ivxlcdmIVXLCDM]+)[.)](?=[ \t])/gm, '$1 ')
    .replace(/^[ \t]*Table:/gm, ' ')
}

/** All text of a Paraaf document: paragraphs, table cells and footnotes. */
const textOf = (n: NodeJSON): string => `${n.text ?? ''} ${(n.content ?? []).map(textOf).join(' ')}`

/**
 * The words of `theirs` that `ours` does not have: counted as a multiset, a
 * word pandoc splits differently ("авто" + "матический") counting as kept when
 * it stands in our text.
 */
function lostWords(ours: string, theirs: string): { lost: string[]; total: number } {
  const have = new Map<string, number>()
  for (const w of words(ours)) have.set(w, (have.get(w) ?? 0) + 1)
  const joined = words(ours).join('')
  const want = new Map<string, number>()
  for (const w of words(theirs)) want.set(w, (want.get(w) ?? 0) + 1)
  const lost: string[] = []
  let total = 0
  for (const [w, n] of want) {
    total += n
    const missing = n - (have.get(w) ?? 0)
    if (missing > 0 && !joined.includes(w)) for (let i = 0; i < missing; i++) lost.push(w)
  }
  return { lost, total }
}

describe.runIf(runPandoc)('Word files from public test suites, against pandoc', () => {
  it('covers tracked changes, comments, notes, tables, numbering and content controls', () => {
    expect(files.length).toBeGreaterThanOrEqual(40)
    const parts = files.map((f) => readFileSync(join(dir, f)).toString('latin1'))
    // Zip entry names are stored uncompressed: enough to see which parts the set has.
    for (const part of ['word/comments.xml', 'word/footnotes.xml', 'word/endnotes.xml', 'word/numbering.xml']) expect(parts.some((p) => p.includes(part)), part).toBe(true)
  })

  for (const file of files) {
    it(`${file}: no word and no comment lost`, async () => {
      const path = join(dir, file)
      const buffer = readFileSync(path)
      let n = 0
      const imported = await importDocx(buffer, { newId: () => `k${String(++n).padStart(8, '0')}` })
      for (const [side, mode] of [['base', 'reject'], ['proposal', 'accept']] as const) {
        const { lost, total } = lostWords(textOf(imported[side] as NodeJSON), pandocText(path, mode))
        expect(lost.length, `${side}: ${lost.slice(0, 20).join(' ')}`).toBeLessThanOrEqual(Math.floor(total * 0.01))
      }
      const zip = await JSZip.loadAsync(buffer)
      const comments = ((await zip.file('word/comments.xml')?.async('string')) ?? '').match(/<w:comment\b/g)?.length ?? 0
      expect(imported.threads.reduce((sum, t) => sum + 1 + t.replies.length, 0)).toBe(comments)
    }, 60_000)
  }
})
