import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { apiCall, runE2e, startSession, type BrowserSession } from '../helpers/browser.js'
import { readBigLetter, repoRoot } from '../helpers/corpus.js'
import { seriousViolations } from '../helpers/a11y.js'

/** Long work shows what Paraaf is doing, and an export can be cancelled. */
describe.runIf(runE2e)('progress for long work', () => {
  let session: BrowserSession
  let id: number
  beforeAll(async () => {
    session = await startSession({ width: 1280, height: 720 }, {}, { bypassCSP: true })
    ;({ id } = await apiCall<{ id: number }>(session.server, 'importMarkdown', { text: readBigLetter(), fileName: 'brief.md' }))
  })
  afterAll(async () => {
    await session?.close()
  })

  it('shows a bar with what it is doing while a Word export takes long, and Annuleren drops the file', async () => {
    const { page, server, errors } = session
    await page.goto(`${server.openUrl}#/doc/${id}`)
    await page.locator('.page-body .ProseMirror').waitFor()
    // The export made slow on purpose: the service's answer held back 1.5 s.
    await page.route('**/api/exportDocx', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500))
      await route.continue().catch(() => {})
    })
    const downloads: string[] = []
    page.on('download', (d) => downloads.push(d.suggestedFilename()))

    await page.getByRole('button', { name: /^Exporteren naar Word/ }).click()
    await page.locator('.dialog').getByRole('button', { name: 'Exporteren', exact: true }).click()
    const bar = page.getByTestId('busy')
    await bar.waitFor()
    expect(await bar.locator('.busy-label').textContent()).toBe('Exporteren naar Word…')
    expect(await bar.getAttribute('role')).toBe('status')
    await page.screenshot({ path: join(repoRoot, 'test/artifacts/e2e-busy-1280.png') })
    expect(await seriousViolations(page)).toEqual([])
    await bar.getByRole('button', { name: 'Annuleren' }).click()
    expect(await bar.count()).toBe(0)
    await page.waitForTimeout(2_000)
    expect(downloads).toEqual([])

    // Not cancelled: the bar goes when the file comes.
    await page.getByRole('button', { name: /^Exporteren naar Word/ }).click()
    const download = page.waitForEvent('download')
    await page.locator('.dialog').getByRole('button', { name: 'Exporteren', exact: true }).click()
    await bar.waitFor()
    const file = (await download).suggestedFilename()
    expect(file).toMatch(/\.docx$/)
    await expect.poll(() => bar.count()).toBe(0)
    // Where the file went.
    await expect.poll(() => page.getByTestId('toast').textContent()).toBe(`${file} is opgeslagen in de map Downloads van uw browser.`)
    await page.unroute('**/api/exportDocx')
    expect(errors).toEqual([])
  })
})
