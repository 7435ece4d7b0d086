import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { apiCall, runE2e, startSession, type BrowserSession } from '../helpers/browser.js'
import { readBigLetter, repoRoot } from '../helpers/corpus.js'

const artifacts = join(repoRoot, 'test/artifacts')

describe.runIf(runE2e)('the CLI saves while the editor is open on the same letter', () => {
  let session: BrowserSession

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true })
    session = await startSession({ width: 1366, height: 768 })
  })
  afterAll(async () => {
    await session?.close()
  })

  it('refuses the stale autosave, keeps the typed text, and keeps both versions when the drafter says so', async () => {
    const { server, page, errors } = session
    const { id } = await apiCall<{ id: number }>(server, 'importMarkdown', { text: readBigLetter(), fileName: 'brief.md' })
    await page.goto(server.openUrl)
    await page.evaluate((doc) => { location.hash = `#/doc/${doc}` }, id)
    const editor = page.locator('.page-body .ProseMirror')
    await editor.waitFor()

    // Meanwhile a colleague's script saves a new version on top of version 1.
    const snap = await apiCall<{ meta: unknown; content: unknown }>(server, 'openDocument', { id })
    const theirs = JSON.parse(JSON.stringify(snap.content).replace('draait op volle toeren', 'draait nog altijd op volle toeren'))
    await apiCall(server, 'saveVersion', { id, base: 1, meta: snap.meta, content: theirs, kind: 'named', label: 'Via de opdrachtregel' })

    await editor.getByText('De georganiseerde criminaliteit').first().click()
    await page.keyboard.press('End')
    await page.keyboard.type(' Dit typte de steller.')
    const banner = page.getByTestId('conflict-banner')
    await banner.waitFor({ timeout: 15_000 })
    await expect.poll(() => banner.textContent()).toMatch(/nieuwere versie \(2\)/)
    // Nothing was written over version 2, and the typed text is still on screen.
    const versions = await apiCall<{ number: number }[]>(server, 'listVersions', { id })
    expect(versions.map((v) => v.number)).toEqual([1, 2])
    expect(await editor.textContent()).toContain('Dit typte de steller.')
    await page.screenshot({ path: join(artifacts, 'conflict-1366.png') })

    // Leaving is not allowed silently: the drafter is asked, and stays.
    await page.getByRole('button', { name: '← Documenten' }).click()
    await page.getByRole('alertdialog').waitFor()
    await page.getByRole('button', { name: 'Blijven en kiezen' }).click()
    expect(page.url()).toContain(`#/doc/${id}`)

    await page.getByTestId('keep-mine').click()
    await page.waitForURL(new RegExp(`#/doc/${id}/compare/2/3$`))
    const after = await apiCall<{ number: number }[]>(server, 'listVersions', { id })
    expect(after.map((v) => v.number)).toEqual([1, 2, 3])
    const mine = await apiCall<{ content: unknown }>(server, 'openDocument', { id, version: 3 })
    expect(JSON.stringify(mine.content)).toContain('Dit typte de steller.')
    expect(errors).toEqual([])
  })
})
