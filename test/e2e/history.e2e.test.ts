import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { apiCall, runE2e, startSession, type BrowserSession } from '../helpers/browser.js'
import { repoRoot } from '../helpers/corpus.js'

/** The history after a morning of work: autosaves folded per session, named versions in view. */
describe.runIf(runE2e)('the history a drafter uses after weeks', () => {
  let session: BrowserSession
  let id: number

  beforeAll(async () => {
    session = await startSession({ width: 1280, height: 720 })
    const { server } = session
    const meta = { onderwerp: 'Nota ondermijning', datum: '2026-11-23', aan: 'DG Rechtspleging en Rechtshandhaving' }
    const text = (t: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }] })
    ;({ id } = await apiCall<{ id: number }>(server, 'createDocument', { type: 'nota', meta, content: text('Aanleiding') }))
    let base = 1
    const save = async (t: string, label?: string) => { base = (await apiCall<{ number: number }>(server, 'saveVersion', { id, base, meta, content: text(t), kind: label ? 'named' : 'auto', label })).number }
    for (let i = 1; i <= 6; i++) await save(`Aanleiding ${i}`)
    await save('Aanleiding, klaar voor de lijn', 'Naar afdelingshoofd')
    for (let i = 1; i <= 3; i++) await save(`Aanleiding, na overleg ${i}`)
  })
  afterAll(async () => {
    await session?.close()
  })

  it('folds the autosaves of a session into the newest, expands them on request, and can show named versions only', async () => {
    const { page, server, errors } = session
    await page.goto(server.openUrl)
    await page.evaluate((doc) => { location.hash = `#/doc/${doc}` }, id)
    const history = page.getByTestId('history')
    await history.locator('li[data-version="11"]').waitFor()
    const visible = () => history.locator('li.version:visible').evaluateAll((items) => items.map((li) => Number((li as HTMLElement).dataset.version)))
    // 11 is the current version; 9 folds under 10, the newest autosave of that session; 8 is named; 6–2 fold under 7.
    expect(await visible()).toEqual([11, 10, 8, 7, 1])
    const toggles = history.locator('.session-toggle')
    expect(await toggles.allTextContents()).toEqual([
      expect.stringMatching(/^▸ 1 eerdere automatische versie in deze sessie \(vanaf \d/),
      expect.stringMatching(/^▸ 5 eerdere automatische versies in deze sessie/),
    ])
    await toggles.nth(1).click()
    expect(await visible()).toEqual([11, 10, 8, 7, 6, 5, 4, 3, 2, 1])
    expect(await history.locator('.session-toggle').nth(1).getAttribute('aria-expanded')).toBe('true')

    // All versions are shown: there is no "older versions" button.
    expect(await history.locator('li.more').isVisible()).toBe(false)
    await page.getByTestId('named-only').check()
    expect(await visible()).toEqual([11, 8, 1])
    await page.screenshot({ path: join(repoRoot, 'test/artifacts/e2e-history-named-only-1280.png') })
    await page.getByTestId('named-only').uncheck()
    expect(errors).toEqual([])
  })

  it('names every version with its date where one is chosen to compare against', async () => {
    const { page } = session
    await page.getByRole('button', { name: 'Exporteren naar Word' }).click()
    await page.locator('.dialog select[name="against"]').waitFor()
    const options = await page.locator('.dialog select[name="against"] option').allTextContents()
    expect(options[0]).toBe('Geen: schone versie')
    // Not the version being exported (the current one, 11) itself.
    expect(options.slice(1).map((o) => o.split(' – ')[0])).toEqual(['versie 10', 'versie 9', 'versie 8', 'versie 7', 'versie 6', 'versie 5', 'versie 4', 'versie 3', 'versie 2', 'versie 1'])
    expect(options[3]).toMatch(/^versie 8 – \d{1,2} [a-z]+ \d{4},? \d{1,2}[:.]\d{2} – Naar afdelingshoofd$/)
    await page.keyboard.press('Escape')
  })
})
