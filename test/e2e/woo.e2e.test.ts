import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { apiCall, runE2e, startSession, type BrowserSession } from '../helpers/browser.js'
import { readBigLetter, repoRoot } from '../helpers/corpus.js'
import { seriousViolations } from '../helpers/a11y.js'
import { tempDir } from '../helpers/temp.js'

/** A drafter marks passages for the Woo in the editor, takes a suggestion, and makes the publication. */
describe.runIf(runE2e)('Woo publication from the editor', () => {
  let session: BrowserSession
  let id: number

  beforeAll(async () => {
    session = await startSession({ width: 1280, height: 720 }, {}, { bypassCSP: true })
    const text = readBigLetter().replace('In oktober 2019[^1]', 'Contact: j.devries@minjenv.nl. In oktober 2019[^1]')
    ;({ id } = await apiCall<{ id: number }>(session.server, 'importMarkdown', { text, fileName: 'brief.md' }))
  })
  afterAll(async () => {
    await session?.close()
  })

  /** Selects `word` in the first paragraph holding it, through the DOM, once the editor has read the selection. */
  const select = (word: string) => session.page.evaluate((w) => new Promise<void>((resolve) => {
    const walker = document.createTreeWalker(document.querySelector('.page-body .ProseMirror')!, NodeFilter.SHOW_TEXT)
    let node: Node | null
    while ((node = walker.nextNode())) {
      const at = node.textContent!.indexOf(w)
      if (at < 0) continue
      const range = document.createRange()
      range.setStart(node, at)
      range.setEnd(node, at + w.length)
      document.addEventListener('selectionchange', () => setTimeout(resolve, 0), { once: true })
      getSelection()!.removeAllRanges()
      getSelection()!.addRange(range)
      return
    }
    throw new Error(`not in the page: ${w}`)
  }), word)

  it('redacts a selection on a ground, every occurrence of a name, takes a suggestion, and publishes a PDF without them', async () => {
    const { page, server, errors } = session
    await page.goto(`${server.openUrl}#/doc/${id}`)
    await page.locator('.page-body .ProseMirror').waitFor()

    await page.locator('.page-body .ProseMirror').getByText('De georganiseerde criminaliteit draait op volle toeren', { exact: false }).first().click()
    await select('141 miljoen')
    await page.getByRole('button', { name: /^Selectie lakken voor de Woo-publicatie/ }).click()
    const dialog = page.locator('.dialog')
    await dialog.waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await dialog.locator('select[name="ground"]').selectOption('5.1.2b')
    await dialog.getByRole('button', { name: 'Lakken' }).click()
    await page.locator('.page-body .ProseMirror span.woo[data-woo="5.1.2b"]', { hasText: '141 miljoen' }).waitFor()

    await select('Van Toorenburg')
    await page.getByRole('button', { name: /^Selectie lakken voor de Woo-publicatie/ }).click()
    await dialog.locator('select[name="ground"]').selectOption('5.1.2e')
    await dialog.locator('input[name="all"]').check()
    await dialog.getByRole('button', { name: 'Lakken' }).click()
    const panel = page.getByRole('region', { name: 'Woo-publicatie' })
    await expect.poll(() => panel.locator('[data-testid="woo-redactions"] li').allTextContents()).toEqual(['5.1.2b141 miljoenOpheffen', '5.1.2eVan Toorenburg 2×Opheffen'])

    // A suggestion: the e-mail address, accepted.
    await panel.getByRole('button', { name: 'Voorstellen zoeken' }).click()
    await panel.getByRole('button', { name: '“j.devries@minjenv.nl” lakken (5.1.2e)' }).click()
    await expect.poll(() => panel.locator('[data-testid="woo-redactions"] li').count()).toBe(3)
    await page.screenshot({ path: join(repoRoot, 'test/artifacts/e2e-woo-1280.png') })

    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Publicatieversie (PDF)' }).click()])
    const pdf = join(tempDir(), download.suggestedFilename())
    await download.saveAs(pdf)
    expect(download.suggestedFilename()).toMatch(/^uitwerking-breed-offensief.*-woo-\d{4}-\d\d-\d\d\.pdf$/)
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })
    for (const gone of ['141 miljoen', 'Toorenburg', 'j.devries@minjenv.nl']) expect(text).not.toContain(gone)
    expect(text.match(/5\.1\.2[be]/g)).toHaveLength(4)
    await expect.poll(() => page.locator('[data-testid="save-state"]').textContent()).toMatch(/Publicatieversie \d+ gemaakt \(van versie \d+\): 4 passages weggelaten/)
    // The history shows it; the draft goes on: typing saves on top of the publication without a conflict.
    await page.locator('[data-testid="history"]').getByText(/Publicatieversie \(Woo\)/).waitFor()
    await page.locator('.page-body .ProseMirror').getByText('De georganiseerde criminaliteit draait op volle toeren', { exact: false }).first().click()
    await page.keyboard.press('End')
    await page.keyboard.type(' Extra zin.')
    await expect.poll(() => page.locator('[data-testid="save-state"]').textContent(), { timeout: 10_000 }).toMatch(/^Opgeslagen \(versie \d+\)/)
    const versions = await apiCall<{ kind: string }[]>(server, 'listVersions', { id })
    expect(versions.some((v) => v.kind === 'woo')).toBe(true)
    expect(errors).toEqual([])
  })

  it('makes the Woo inventory from the start screen', async () => {
    const { page, server, errors } = session
    await page.goto(server.openUrl)
    await page.locator('.doc-list tbody tr[data-id]').first().waitFor()
    await page.getByRole('button', { name: 'Woo-inventaris…' }).click()
    const dialog = page.locator('.dialog')
    await dialog.locator('input[name="doc"]').first().check()
    await dialog.locator('select[name="format"]').selectOption('csv')
    expect(await seriousViolations(page)).toEqual([])
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Maken' }).click()])
    const file = join(tempDir(), download.suggestedFilename())
    await download.saveAs(file)
    const rows = readFileSync(file, 'utf8').trim().split(/\r?\n/)
    expect(rows).toHaveLength(2)
    expect(rows[1]).toMatch(/;Kamerbrief;deels openbaar;5\.1\.2b, 5\.1\.2e;/)
    expect(errors).toEqual([])
  })
})
