import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { apiCall, runE2e, startSession, type BrowserSession } from '../helpers/browser.js'
import { readBigLetter, repoRoot } from '../helpers/corpus.js'
import { seriousViolations } from '../helpers/a11y.js'

/** "Wijzigingen tonen": the draft as a redline against an earlier version, with who changed what, while writing. */
describe.runIf(runE2e)('Wijzigingen tonen in the editor', () => {
  let session: BrowserSession
  let id: number
  beforeAll(async () => {
    session = await startSession({ width: 1280, height: 720 }, {}, { bypassCSP: true })
    const { server } = session
    ;({ id } = await apiCall<{ id: number }>(server, 'importMarkdown', { text: readBigLetter(), fileName: 'brief.md' }))
    // A colleague's version: one word changed, one sentence deleted.
    await apiCall(server, 'setSettings', { author: 'K. Collega', org: 'DGRR' })
    const markdown = (await apiCall<{ markdown: string }>(server, 'exportMarkdown', { id })).markdown
    await apiCall(server, 'saveMarkdownVersion', { id, text: markdown.replace('draait op volle toeren', 'draait op topsnelheid').replace(' Dit toont eens te meer de noodzaak van het brede offensief tegen georganiseerde ondermijnende criminaliteit.', ''), label: 'Reactie DGRR' })
    await apiCall(server, 'setSettings', { author: 'T. Tester', org: 'DGRR' })
  })
  afterAll(async () => {
    await session?.close()
  })

  it('shows insertions and deletions against version 1 with their author, follows typing, and rejects a deletion with a click', async () => {
    const { page, server, errors } = session
    await page.goto(`${server.openUrl}#/doc/${id}`)
    const editor = page.locator('.page-body .ProseMirror')
    await editor.waitFor()
    await page.getByRole('button', { name: /^Wijzigingen tonen ten opzichte van een eerdere versie/ }).click()
    const dialog = page.locator('.dialog')
    await dialog.locator('select[name="base"]').selectOption('1')
    await dialog.getByRole('button', { name: 'Tonen', exact: true }).click()
    const ins = editor.locator('.live-ins')
    const del = editor.locator('.live-del')
    await expect.poll(() => ins.allTextContents()).toEqual(['topsnelheid'])
    expect((await del.allTextContents()).map((t) => t.trim())).toEqual(['volle toeren', 'Dit toont eens te meer de noodzaak van het brede offensief tegen georganiseerde ondermijnende criminaliteit.'])
    // Who: the colleague's version, once the service has answered.
    await expect.poll(() => ins.first().getAttribute('title')).toMatch(/^Ingevoegd door K\. Collega, .* \(versie 2\)\./)
    expect(await page.locator('[data-testid="live-count"]').textContent()).toBe('3 wijzigingen t.o.v. versie 1')
    expect(await seriousViolations(page)).toEqual([])

    // Typing: the new words are a change too, not saved yet, then the user's own once saved.
    // The caret at the end of the second paragraph, set through the DOM once the editor has read it.
    await page.evaluate(() => new Promise<void>((resolve) => {
      const p = [...document.querySelectorAll('.page-body .ProseMirror p')].find((el) => el.textContent?.includes('over de uitwerking.'))!
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT)
      let last: Text | null = null
      for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.textContent?.includes('uitwerking.')) last = n as Text
      const range = document.createRange()
      range.setStart(last!, last!.length)
      range.collapse(true)
      document.addEventListener('selectionchange', () => setTimeout(resolve, 0), { once: true })
      getSelection()!.removeAllRanges()
      getSelection()!.addRange(range)
    }))
    await page.keyboard.type(' Zie ook de bijlage.')
    await expect.poll(async () => (await ins.allTextContents()).join('|'), { timeout: 10_000 }).toMatch(/Zie ook de bijlage\./)
    await expect.poll(() => ins.filter({ hasText: 'Zie ook de bijlage.' }).getAttribute('title'), { timeout: 15_000 }).toMatch(/door T\. Tester/)
    await page.screenshot({ path: join(repoRoot, 'test/artifacts/e2e-wijzigingen-tonen-1280.png') })

    // Rejecting the deleted sentence puts it back in the text.
    expect(await del.count()).toBe(2)
    await del.nth(1).click()
    await page.getByRole('alertdialog').getByRole('button', { name: 'Weigeren (terugzetten)' }).click()
    await expect.poll(async () => (await editor.locator('p').first().evaluate((p) => { const c = p.cloneNode(true) as HTMLElement; c.querySelectorAll('.live-del').forEach((d) => d.remove()); return c.textContent }))).toMatch(/een vlucht\. Dit toont eens te meer de noodzaak van het brede offensief tegen georganiseerde ondermijnende criminaliteit\.$/)
    await expect.poll(() => del.count()).toBe(1)
    // Off again: no redline left.
    await page.getByRole('button', { name: /^Wijzigingen tonen ten opzichte van een eerdere versie/ }).click()
    await expect.poll(() => ins.count()).toBe(0)
    // The compare screen of the colleague's version counts in Dutch: one word, one block.
    await page.evaluate((doc) => { location.hash = `#/doc/${doc}/compare/1/2` }, id)
    await expect.poll(() => page.getByTestId('compare-summary').textContent()).toMatch(/^2 wijzigingen · 1 woord ingevoegd · \d+ verwijderd · 0 verplaatst · 1 blok gewijzigd$/)
    expect(errors).toEqual([])
  })
})
