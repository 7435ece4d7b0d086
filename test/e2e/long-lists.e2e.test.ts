import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { apiCall, runE2e, startSession, type BrowserSession } from '../helpers/browser.js'

const para = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })

describe.runIf(runE2e)('long lists on a 1366 × 768 laptop screen', () => {
  let session: BrowserSession
  beforeEach(async () => {
    session = await startSession({ width: 1366, height: 768 })
  })
  afterEach(async () => {
    await session?.close()
  })

  it('shows the 30 most recent documents, filters all of them by title, and shows the rest on request', async () => {
    const { server, page, errors } = session
    for (let i = 1; i <= 130; i++) await apiCall(server, 'createDocument', { type: 'nota', meta: { onderwerp: `Nota ${i} over ${i % 3 ? 'de begroting' : 'ondermijning'}` }, content: para('Tekst.') })
    await page.goto(server.openUrl)
    const rows = page.locator('.doc-list tbody tr[data-id]:visible')
    await expect.poll(() => rows.count()).toBe(30)
    expect(await rows.first().locator('td.title').textContent()).toBe('Nota 130 over de begroting')
    const more = page.getByRole('button', { name: 'Nog 100 documenten tonen' })
    await more.waitFor()
    // The filter looks in every document, also those not shown yet: 43 of the 130 are about ondermijning.
    await page.getByRole('searchbox', { name: 'Zoek op titel' }).fill('ondermijning')
    await expect.poll(() => rows.count()).toBe(30)
    await page.getByRole('button', { name: 'Nog 13 documenten tonen' }).waitFor()
    expect((await rows.locator('td.title').allTextContents()).every((t) => t.includes('ondermijning'))).toBe(true)
    await page.getByRole('searchbox', { name: 'Zoek op titel' }).fill('Nota 12')
    await expect.poll(() => rows.count()).toBe(11) // Nota 12 and Nota 120-129
    expect(await more.isVisible()).toBe(false)
    await page.getByRole('searchbox', { name: 'Zoek op titel' }).fill('geen nota heet zo')
    await page.getByText('Geen document met deze titel.').waitFor()
    await page.getByRole('searchbox', { name: 'Zoek op titel' }).fill('')
    await more.click()
    await expect.poll(() => rows.count()).toBe(130)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366)
    expect(errors).toEqual([])
  })

  it('shows a long history a page at a time, and an autosave adds the new version on top without redrawing the rest', async () => {
    const { server, page, errors } = session
    const { id } = await apiCall<{ id: number }>(server, 'createDocument', { type: 'nota', meta: { onderwerp: 'Nota met een lange geschiedenis' }, content: para('Versie 1.') })
    for (let n = 2; n <= 130; n++) await apiCall(server, 'saveVersion', { id, base: n - 1, meta: { onderwerp: 'Nota met een lange geschiedenis' }, content: para(`Versie ${n}.`), kind: 'auto' })
    await page.goto(server.openUrl)
    await page.evaluate((doc) => { location.hash = `#/doc/${doc}` }, id)
    const history = page.getByTestId('history')
    const items = history.locator('li[data-version]')
    await expect.poll(() => items.count()).toBe(100)
    expect(await items.first().getAttribute('data-version')).toBe('130')
    // The current version has no "Vergelijk"; the one before it has.
    expect(await items.first().getByRole('button', { name: 'Vergelijk' }).count()).toBe(0)
    const older = history.locator('li[data-version="129"]')
    await older.getByRole('button', { name: 'Vergelijk' }).waitFor()
    await page.evaluate(() => document.querySelector('[data-testid="history"] li[data-version="129"]')!.setAttribute('data-untouched', 'ja'))

    await page.locator('.page-body .ProseMirror').click()
    await page.keyboard.press('End')
    await page.keyboard.type(' En nog een zin.')
    await history.locator('li[data-version="131"]').waitFor({ timeout: 15_000 })
    expect(await items.first().getAttribute('data-version')).toBe('131')
    // The former current version now offers "Vergelijk"; the others were left as they were.
    await history.locator('li[data-version="130"]').getByRole('button', { name: 'Vergelijk' }).waitFor()
    expect(await older.getAttribute('data-untouched')).toBe('ja')
    expect(await items.count()).toBe(101)
    await page.getByRole('button', { name: 'Oudere versies tonen (30)' }).click()
    await expect.poll(() => items.count()).toBe(131)
    expect(await items.last().getAttribute('data-version')).toBe('1')
    expect(errors).toEqual([])
  })

  it('draws a long comparison a screen at a time: the first changes at once, in the end every change in the list and on the page', async () => {
    const { server, page, errors } = session
    const paragraphs = Array.from({ length: 600 }, (_, i) => ({ type: 'paragraph', content: [{ type: 'text', text: `Alinea ${i} over de aanpak van ondermijning in de regio.` }] }))
    const { id } = await apiCall<{ id: number }>(server, 'createDocument', { type: 'nota', meta: { onderwerp: 'Lange nota' }, content: { type: 'doc', content: paragraphs } })
    const edited = paragraphs.map((p, i) => (i % 3 ? p : { type: 'paragraph', content: [{ type: 'text', text: `Alinea ${i} over de aanpak van criminaliteit in de regio.` }] }))
    await apiCall(server, 'saveVersion', { id, base: 1, meta: { onderwerp: 'Lange nota' }, content: { type: 'doc', content: edited }, kind: 'named', label: 'bewerkt' })
    await page.goto(server.openUrl)
    await page.evaluate((doc) => { location.hash = `#/doc/${doc}/compare/1/2` }, id)
    await page.getByTestId('redline').locator('del').first().waitFor()
    // The first screen comes before the rest is compared; the counts follow.
    await expect.poll(() => page.getByTestId('compare-summary').textContent()).toMatch(/^200 wijzigingen/)
    await expect.poll(() => page.getByTestId('change-list').locator('li[data-change]').count()).toBe(200)
    await expect.poll(() => page.getByTestId('redline').locator('del[data-change]').count()).toBe(200)
    // The last change can be chosen and is on the page.
    await page.getByTestId('change-list').locator('li[data-change]').last().locator('button.change-body').click()
    expect(await page.getByTestId('change-position').textContent()).toBe('200 / 200')
    expect(await page.getByTestId('redline').locator('.current').first().textContent()).toBe('ondermijning')
    expect(errors).toEqual([])
  })
})
