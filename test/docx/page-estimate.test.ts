import { describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { estimatePages } from '../../src/core/page-estimate.js'
import { schema } from '../../src/core/schema.js'
import { must, openTestApp } from '../helpers/app.js'
import { documentsDir, readBigLetter } from '../helpers/corpus.js'
import { convert, pdfPages, runLibreOffice } from '../helpers/docx.js'

const CM = 72 / 2.54
/** The first `n` blocks of a corpus text (front matter kept), as another type. */
const cut = (md: string, n: number, type?: string) => {
  const end = md.indexOf('\n---\n') + 5
  const front = type ? md.slice(0, end).replace(/^type: .*$/m, `type: "${type}"`) : md.slice(0, end)
  return front + md.slice(end).split('\n\n').slice(0, n).join('\n\n') + '\n'
}

/**
 * The pages LibreOffice sets, as a fraction: the whole pages before the last
 * and the part of the last one down to its lowest line of body text (the
 * sender column and the page number left out).
 */
function pagesSet(pdf: string, top: number, bottom: number): number {
  const pages = pdfPages(pdf)
  const words = execFileSync('pdftotext', ['-f', String(pages), '-l', String(pages), '-bbox', pdf, '-'], { encoding: 'utf8' })
  const ys = [...words.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">/g)]
    .filter((m) => Number(m[1]) < 14.5 * CM && Number(m[2]) < (29.7 - bottom) * CM + 3).map((m) => Number(m[2]))
  return pages - 1 + (Math.max(...ys) - top * CM) / ((29.7 - top - bottom) * CM)
}

describe.runIf(runLibreOffice)('the page estimate against LibreOffice\'s rendering of the export', () => {
  const cases: [string, string, string, number, number][] = [
    ['a short two-pager', 'two-pager', cut(readBigLetter(), 12, 'two-pager'), 2, 2.5],
    ['a two-pager over its budget', 'two-pager', cut(readBigLetter(), 30, 'two-pager'), 2, 2.5],
    ['a nota', 'nota', readFileSync(join(documentsDir, 'nota-2020-04-15-mit-scenarios.md'), 'utf8').replace('bron:', 'aan: "Minister"\ndatum: "2020-04-15"\nbron:'), 4, 1.5],
    ['a Kamerbrief of four pages', 'kamerbrief', cut(readBigLetter(), 25), 4, 1.5],
  ]
  for (const [name, type, markdown, top, bottom] of cases) {
    it(`${name}: within 10 %`, async () => {
      const app = openTestApp()
      const { id } = must(await app.api.importMarkdown({ text: markdown, type }))
      const snap = must(await app.api.openDocument({ id }))
      const layout = must(await app.api.listTemplates()).find((t) => t.type === type)!.layout
      const estimate = estimatePages(schema.nodeFromJSON(snap.content), snap.meta, layout).pages
      const file = must(await app.api.exportDocx({ id }))
      app.close()
      const actual = pagesSet(convert(Buffer.from(file.base64, 'base64'), 'pdf', 'schatting'), top, bottom)
      expect(Math.abs(estimate / actual - 1), `geschat ${estimate.toFixed(2)}, LibreOffice ${actual.toFixed(2)}`).toBeLessThanOrEqual(0.1)
    }, 120_000)
  }
})
