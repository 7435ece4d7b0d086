import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { apiCall, runE2e, startSession, type BrowserSession } from '../helpers/browser.js'
import { documentsDir, repoRoot } from '../helpers/corpus.js'
import { seriousViolations } from '../helpers/a11y.js'

/** Dutch spell check, offline: underlines, suggestions, "Alles negeren" and the personal word list. */
describe.runIf(runE2e)('spell check in the editor', () => {
  let session: BrowserSession
  let id: number
  beforeAll(async () => {
    session = await startSession({ width: 1280, height: 720 }, {}, { bypassCSP: true })
    // The MIT nota as it was sent: it writes "ondernijning" for "ondermijning" four times.
    const text = readFileSync(join(documentsDir, 'nota-2020-04-15-mit-scenarios.md'), 'utf8')
    ;({ id } = await apiCall<{ id: number }>(session.server, 'importMarkdown', { text, fileName: 'nota.md' }))
    // The printed address (with its token) works once: signed in here, each test opens the plain address.
    await session.page.goto(session.server.openUrl)
  })
  afterAll(async () => {
    await session?.close()
  })

  it('underlines misspellings, replaces one with a suggestion, ignores and adds words, and leaves the browser checker off', async () => {
    const { page, server, errors } = session
    await page.goto(`${server.url}#/doc/${id}`)
    const editor = page.locator('.page-body .ProseMirror')
    await editor.waitFor()
    expect(await editor.getAttribute('spellcheck')).toBe('false')
    const underlined = editor.locator('.spell-error')
    await expect.poll(() => underlined.allTextContents(), { timeout: 15_000 }).toContain('ondernijning')
    const words = await underlined.allTextContents()
    // Compounds, names of ministries in capitals, amounts and the nota's own words are not flagged.
    for (const right of ['ondermijning', 'MIT', 'Justitie', 'mln', 'structurele', 'financiering']) expect(words).not.toContain(right)
    const count = page.locator('[data-testid="spell-count"]')
    await expect.poll(() => count.textContent()).toBe(`${words.length} mogelijke spelfouten`)

    // Right-click: the dictionary's suggestion replaces the word.
    const before = words.filter((w) => w === 'ondernijning').length
    await underlined.filter({ hasText: /^ondernijning$/ }).first().click({ button: 'right' })
    const menu = page.getByRole('menu', { name: 'Spelling: ondernijning' })
    await expect.poll(() => menu.getByRole('menuitem').first().textContent()).toBe('ondermijning')
    await page.screenshot({ path: join(repoRoot, 'test/artifacts/e2e-spelling-1280.png') })
    expect(await seriousViolations(page)).toEqual([])
    await menu.getByRole('menuitem', { name: 'ondermijning', exact: true }).click()
    await expect.poll(() => menu.count()).toBe(0)
    await expect.poll(async () => (await underlined.allTextContents()).filter((w) => w === 'ondernijning').length).toBe(before - 1)
    await expect.poll(async () => (await editor.textContent())!.split('ondermijning').length - 1).toBeGreaterThan(0)

    // Typing a misspelled word: underlined once the caret has left it.
    await editor.locator('p').first().click()
    await page.keyboard.press('End')
    await page.keyboard.type(' Dit is een tekstt')
    await page.keyboard.type(' met fout.')
    await expect.poll(() => underlined.allTextContents(), { timeout: 10_000 }).toContain('tekstt')

    // A footnote's text is checked in its own small editor, with the same menu.
    await page.keyboard.press('Control+Alt+f')
    await page.keyboard.type('Zie de bijlaage bij deze brief.')
    const inFootnote = page.locator('.footnote-tooltip .spell-error')
    await expect.poll(() => inFootnote.allTextContents(), { timeout: 10_000 }).toEqual(['bijlaage'])
    await page.screenshot({ path: join(repoRoot, 'test/artifacts/e2e-spelling-footnote-1366.png') })
    await inFootnote.first().click({ button: 'right' })
    await page.getByRole('menu', { name: 'Spelling: bijlaage' }).getByRole('menuitem', { name: 'bijlage', exact: true }).click()
    await expect.poll(() => page.getByTestId('footnote-list').locator('li').last().textContent()).toBe('Zie de bijlage bij deze brief.')
    await page.keyboard.press('Escape')

    // F7 goes to a misspelling and opens its menu; Escape closes it and returns to the text.
    await page.keyboard.press('F7')
    const f7menu = page.locator('[data-testid="spell-menu"]')
    await expect.poll(() => f7menu.count()).toBe(1)
    await page.keyboard.press('Escape')
    await expect.poll(() => f7menu.count()).toBe(0)
    expect(await page.evaluate(() => document.activeElement?.classList.contains('ProseMirror'))).toBe(true)

    // "Toevoegen aan woordenlijst": gone here, and kept in the database for every document.
    await underlined.filter({ hasText: /^tekstt$/ }).first().click({ button: 'right' })
    await page.getByRole('menuitem', { name: 'Toevoegen aan woordenlijst' }).click()
    await expect.poll(() => underlined.allTextContents()).not.toContain('tekstt')
    expect((await apiCall<{ words: string[] }>(server, 'listDictionary', undefined)).words).toEqual(['tekstt'])

    // "Alles negeren": every occurrence, for this session only.
    expect(await underlined.allTextContents()).toContain('dedicated')
    await underlined.filter({ hasText: /^dedicated$/ }).first().click({ button: 'right' })
    await page.getByRole('menuitem', { name: 'Alles negeren' }).click()
    await expect.poll(() => underlined.allTextContents()).not.toContain('dedicated')
    expect((await apiCall<{ words: string[] }>(server, 'listDictionary', undefined)).words).toEqual(['tekstt'])
    expect(errors).toEqual([])
  })

  it('names a misspelling in the onderwerp under the field, and a suggestion replaces it', async () => {
    const { page, server, errors } = session
    await page.goto(`${server.url}#/doc/${id}`)
    await page.locator('.page-body .ProseMirror').waitFor()
    const field = page.locator('input[name="onderwerp"]')
    if (!(await field.isVisible())) await page.getByRole('button', { name: /Gegevens/ }).first().click()
    await field.fill('Scenario\'s voor het multidisciplinair interventieteem')
    const note = page.getByTestId('spelling-onderwerp')
    await expect.poll(() => note.textContent(), { timeout: 10_000 }).toContain('Mogelijke spelfout: ‘interventieteem’')
    expect(await note.textContent()).not.toContain('Scenario')
    await page.screenshot({ path: join(repoRoot, 'test/artifacts/e2e-spelling-field-1280.png') })
    await note.getByRole('button', { name: 'interventieteam', exact: true }).click()
    expect(await field.inputValue()).toBe('Scenario\'s voor het multidisciplinair interventieteam')
    await expect.poll(() => note.textContent()).toBe('')
    expect(await seriousViolations(page)).toEqual([])
    expect(errors).toEqual([])
  })

  it('says once, in the status bar, when the dictionary cannot be used, and underlines nothing', async () => {
    const { page, server, errors } = session
    const message = 'Het Nederlandse woordenboek kon niet worden geladen; de spellingcontrole is uit.'
    let asked = 0
    await page.route('**/api/checkSpelling', async (route) => {
      asked++
      await route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: false, error: message }) })
    })
    // A fresh page load (the same address with only another #hash would keep the page as it is).
    await page.goto(`${server.url}#/doc/${id}`)
    await page.reload()
    await page.locator('.page-body .ProseMirror').waitFor()
    await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 10_000 }).toBe(message)
    // Typing does not ask again.
    await page.locator('.page-body .ProseMirror p').first().click()
    await page.keyboard.type(' tekstt')
    await page.waitForTimeout(1_000)
    expect(asked).toBe(1)
    expect(await page.locator('.page-body .spell-error').count()).toBe(0)
    await page.unroute('**/api/checkSpelling')
    expect(errors).toEqual([])
  })
})
