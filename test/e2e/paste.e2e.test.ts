import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { apiCall, runE2e, startSession, type BrowserSession } from '../helpers/browser.js'
import { repoRoot } from '../helpers/corpus.js'

const wordClipboard = readFileSync(join(repoRoot, 'test/fixtures/clipboard/word-list-footnote.html'), 'utf8')

/** Text copied in Word and pasted in Paraaf keeps its lists and footnotes. */
describe.runIf(runE2e)('pasting from Word', () => {
  let session: BrowserSession
  let id: number

  beforeAll(async () => {
    session = await startSession({ width: 1366, height: 768 })
    ;({ id } = await apiCall<{ id: number }>(session.server, 'createDocument', { type: 'nota', meta: { onderwerp: 'Plakken uit Word' }, content: { type: 'doc', content: [{ type: 'paragraph' }] } }))
  })
  afterAll(async () => {
    await session?.close()
  })

  it('keeps bulleted and numbered lists, nested, and the footnote with its text', async () => {
    const { page, server, errors } = session
    await page.goto(server.openUrl)
    await page.evaluate((doc) => { location.hash = `#/doc/${doc}` }, id)
    const editor = page.locator('.page-body .ProseMirror')
    await editor.waitFor()
    await editor.click()
    await page.evaluate((html) => {
      const data = new DataTransfer()
      data.setData('text/html', html)
      data.setData('text/plain', 'De maatregelen zijn: Bewaken en Beveiligen Versterking van het stelsel Het MIT De regionale aanpak')
      document.querySelector('.page-body .ProseMirror')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    }, wordClipboard)
    await editor.locator('ul').first().waitFor()
    expect(await editor.locator(':scope > ul > li > p').allTextContents()).toEqual(['Bewaken en Beveiligen', 'De regionale aanpak'])
    expect(await editor.locator(':scope > ul > li > ol > li').allTextContents()).toEqual(['Versterking van het stelsel', 'Het MIT'])
    await expect.poll(() => page.getByTestId('footnote-list').locator('li').allTextContents()).toEqual([expect.stringContaining('Kamerstukken II 2019/20, 29911, nr. 254.')])
    expect(await editor.textContent()).not.toMatch(/[·]|\[1\]|1\.\s/)
    await page.keyboard.press('Control+s')
    await expect.poll(async () => (await apiCall<{ markdown: string }>(server, 'exportMarkdown', { id })).markdown).toContain('- Bewaken en Beveiligen\n')
    const markdown = (await apiCall<{ markdown: string }>(server, 'exportMarkdown', { id })).markdown
    expect(markdown).toMatch(/De maatregelen zijn\[\^1\]:/)
    expect(markdown).toContain('[^1]: Kamerstukken II 2019/20, 29911, nr. 254.')
    expect(errors).toEqual([])
  })
})
