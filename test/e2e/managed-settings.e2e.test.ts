import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runE2e, startSession, type BrowserSession } from '../helpers/browser.js'
import { tempDir } from '../helpers/temp.js'

describe.runIf(runE2e)('settings IT presets, as the user sees them', () => {
  let session: BrowserSession
  const folder = tempDir()
  const policy = join(folder, 'paraaf-beleid.json')

  beforeAll(async () => {
    writeFileSync(policy, JSON.stringify({ organisation: 'FIOD', backupDir: '/mnt/h-schijf/paraaf' }))
    session = await startSession({ width: 1280, height: 720 }, { PARAAF_BELEID: policy })
  })
  afterAll(async () => {
    await session?.close()
  })

  it('shows what the organisation set, read-only, beside the name the user sets', async () => {
    const { server, page, errors } = session
    await page.goto(server.openUrl)
    await page.getByRole('button', { name: /^Auteur:/ }).click()
    const managed = page.getByTestId('managed-settings')
    await managed.waitFor()
    expect(await managed.locator('dt').allTextContents()).toEqual(['Organisatie', 'Reservekopieën'])
    expect(await managed.locator('dd').allTextContents()).toEqual(['FIOD', '/mnt/h-schijf/paraaf'])
    expect(await managed.textContent()).toContain(`Uit ${policy}; deze instellingen kunt u hier niet wijzigen.`)
    expect(errors).toEqual([])
  })
})
