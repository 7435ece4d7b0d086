import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { apiCall, runE2e, startSession, type BrowserSession } from '../helpers/browser.js'
import { readBigLetter, repoRoot } from '../helpers/corpus.js'

/** A new document of each type starts from its template; a two-pager shows its page budget as the writer works. */
describe.runIf(runE2e)('document types that help their writer', () => {
  let session: BrowserSession
  beforeAll(async () => {
    session = await startSession({ width: 1280, height: 720 })
  })
  afterAll(async () => {
    await session?.close()
  })

  it('starts a two-pager from its skeleton with "≈ … van 2 pagina\'s", and says when it is too long', async () => {
    const { page, server, errors } = session
    await page.goto(server.openUrl)
    await page.locator('.doc-list').waitFor()
    await page.getByRole('button', { name: /^Nieuw document/ }).first().click()
    await page.locator('.dialog select[name="type"]').selectOption('two-pager')
    await page.getByRole('button', { name: 'Aanmaken' }).click()
    const editor = page.locator('.page-body .ProseMirror')
    await editor.locator('h2', { hasText: 'Stand van zaken' }).waitFor()
    expect(await editor.locator('h2').allTextContents()).toEqual(['Aanleiding', 'Stand van zaken', 'Opties', 'Advies en vervolg'])
    const estimate = page.locator('[data-testid="page-estimate"]')
    await expect.poll(() => estimate.textContent()).toMatch(/^≈ 0,\d van 2 pagina's$/)
    expect(await estimate.evaluate((el) => el.classList.contains('over'))).toBe(false)

    // The 18 June letter as a two-pager is far over its budget.
    const body = readBigLetter().slice(readBigLetter().indexOf('\n---\n') + 5)
    const { id } = await apiCall<{ id: number }>(server, 'importMarkdown', { text: `---\ntype: "two-pager"\nonderwerp: "Te lang"\n---\n${body}`, fileName: 'lang.md' })
    await page.evaluate((doc) => { location.hash = `#/doc/${doc}` }, id)
    await expect.poll(() => estimate.textContent()).toMatch(/^≈ 1\d,\d van 2 pagina's – te lang$/)
    expect(await estimate.evaluate((el) => el.classList.contains('over'))).toBe(true)
    await page.screenshot({ path: join(repoRoot, 'test/artifacts/e2e-two-pager-1280.png') })
    expect(errors).toEqual([])
  })
})
