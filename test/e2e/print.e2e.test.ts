import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { apiCall, runE2e, startSession, type BrowserSession } from '../helpers/browser.js'
import { readBigLetter, repoRoot } from '../helpers/corpus.js'
import { tempDir } from '../helpers/temp.js'

/** Printing and "Opslaan als PDF…": the letter in the house style, not the screen. */
describe.runIf(runE2e)('printing a letter', () => {
  let session: BrowserSession
  let id: number
  beforeAll(async () => {
    session = await startSession({ width: 1366, height: 768 })
    ;({ id } = await apiCall<{ id: number }>(session.server, 'importMarkdown', { text: readBigLetter(), fileName: 'brief.md' }))
  })
  afterAll(async () => {
    await session?.close()
  })

  it('prints the letterhead, the sender column on every page, page numbers and the signature', async () => {
    const { page, server, errors } = session
    await page.goto(`${server.openUrl}#/doc/${id}`)
    await page.locator('.page-body .ProseMirror').waitFor()
    // On screen the letterhead stays out of sight: the form holds these fields.
    expect(await page.locator('.print-column').isVisible()).toBe(false)
    await page.emulateMedia({ media: 'print' })
    const pdf = join(tempDir(), 'brief.pdf')
    await page.pdf({ path: pdf, preferCSSPageSize: true })
    await page.emulateMedia({ media: 'screen' })
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1])
    const pageText = (n: number) => execFileSync('pdftotext', ['-f', String(n), '-l', String(n), pdf, '-'], { encoding: 'utf8' })
    const first = pageText(1)
    for (const line of ['Postbus 20301 2500 EH Den Haag', 'Aan de Voorzitter van de Tweede Kamer', 'Datum', '18 juni 2020', 'Onderwerp', 'Uitwerking breed offensief tegen georganiseerde', 'Ons kenmerk', '2946123', 'Directoraat-Generaal', `Pagina 1 van ${pages}`]) expect(first).toContain(line)
    // Every later page: the sender column beside the text, with Datum and Ons kenmerk, and its number.
    for (const n of [2, Math.ceil(pages / 2), pages]) {
      const text = pageText(n)
      for (const line of ['Directoraat-Generaal', 'Ons kenmerk', '2946123', `Pagina ${n} van ${pages}`]) expect(text, `pagina ${n}`).toContain(line)
    }
    expect(pageText(pages)).toContain('De Minister van Justitie en Veiligheid')
    execFileSync('pdftoppm', ['-r', '60', '-f', '1', '-l', '2', '-png', pdf, join(repoRoot, 'test/artifacts/e2e-print')])
    expect(errors).toEqual([])
  })
})
