import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { apiCall, runE2e, startSession, type BrowserSession } from '../helpers/browser.js'

// Working from the keyboard, and for a screen reader.
describe.runIf(runE2e)('the editor from the keyboard', () => {
  let session: BrowserSession
  let id = 0
  beforeEach(async () => {
    session = await startSession({ width: 1366, height: 768 })
    const { server, page } = session
    id = (await apiCall<{ id: number }>(server, 'createDocument', { type: 'nota', meta: { onderwerp: 'Toetsenbord' }, content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Aanleiding van deze nota' }] }] } })).id
    await page.goto(server.openUrl)
    await page.evaluate((doc) => { location.hash = `#/doc/${doc}` }, id)
    await page.locator('.page-body .ProseMirror').waitFor()
  })
  afterEach(async () => {
    await session?.close()
  })

  it('runs a toolbar button on Enter and on Space, and says which are on', async () => {
    const { page, errors } = session
    await page.locator('.page-body .ProseMirror').getByText('Aanleiding van deze nota').click()
    const kop = page.getByRole('button', { name: 'Kop 1 (Ctrl+Alt+1)' })
    await kop.focus()
    await page.keyboard.press('Enter')
    await page.locator('.page-body .ProseMirror h2', { hasText: 'Aanleiding van deze nota' }).waitFor()
    expect(await kop.getAttribute('aria-pressed')).toBe('true')
    // Space on "Alinea" makes it a paragraph again.
    const alinea = page.getByRole('button', { name: 'Gewone tekst (Ctrl+Shift+N)' })
    await alinea.focus()
    await page.keyboard.press('Space')
    await page.locator('.page-body .ProseMirror p', { hasText: 'Aanleiding van deze nota' }).waitFor()
    expect(await kop.getAttribute('aria-pressed')).toBe('false')
    expect(errors).toEqual([])
  })

  it('keeps Tab inside a dialog, leaves the page out of reach while it is open, and gives focus back on Escape', async () => {
    const { page } = session
    const opener = page.getByRole('button', { name: 'Versie vastleggen' })
    await opener.click()
    const dialog = page.getByRole('dialog', { name: 'Versie vastleggen' })
    await dialog.waitFor()
    expect(await page.locator('#app').getAttribute('inert')).toBe('')
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab')
      expect(await page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'))).toBe(true)
    }
    await page.keyboard.press('Shift+Tab')
    expect(await page.evaluate(() => !!document.activeElement?.closest('[role="dialog"]'))).toBe(true)
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    expect(await page.locator('#app').getAttribute('inert')).toBeNull()
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Versie vastleggen')
  })
})
