import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { apiCall, runE2e, startSession, type BrowserSession } from '../helpers/browser.js'
import { repoRoot } from '../helpers/corpus.js'
import { seriousViolations } from '../helpers/a11y.js'

/** The first start asks who the user is, once. */
describe.runIf(runE2e)('the first start', () => {
  let session: BrowserSession
  beforeAll(async () => {
    session = await startSession({ width: 1280, height: 720 }, {}, { bypassCSP: true, firstStart: true })
  })
  afterAll(async () => {
    await session?.close()
  })

  it('asks name, organisation and initials, remembers them, and does not ask again', async () => {
    const { page, server, errors } = session
    await page.goto(server.openUrl)
    const dialog = page.getByRole('dialog', { name: 'Welkom bij Paraaf' })
    await dialog.waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await dialog.locator('input[name="author"]').fill('Jan de Vries')
    expect(await dialog.locator('input[name="initials"]').inputValue()).toBe('JdV')
    await dialog.locator('input[name="org"]').fill('DGRR/PAO')
    await page.screenshot({ path: join(repoRoot, 'test/artifacts/e2e-first-start-1280.png') })
    await dialog.getByRole('button', { name: 'Opslaan' }).click()
    await page.getByRole('button', { name: 'Auteur: Jan de Vries' }).waitFor()
    expect(await apiCall(server, 'getSettings')).toMatchObject({ author: 'Jan de Vries', org: 'DGRR/PAO', initials: 'JdV', identified: true })
    await page.reload()
    await page.getByRole('button', { name: 'Auteur: Jan de Vries' }).waitFor()
    expect(await page.getByRole('dialog').count()).toBe(0)
    expect(errors).toEqual([])
  })
})
