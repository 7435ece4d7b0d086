import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { apiCall, runE2e, startSession, type BrowserSession } from '../helpers/browser.js'
import { chainsDir, readBigLetter } from '../helpers/corpus.js'
import { seriousViolations } from '../helpers/a11y.js'

/** Every screen, checked with axe-core: no serious or critical accessibility problem. */
describe.runIf(runE2e)('every screen for a screen-reader and keyboard user (axe-core)', () => {
  let session: BrowserSession
  let id: number
  let memo: number

  beforeAll(async () => {
    session = await startSession({ width: 1280, height: 720 }, {}, { bypassCSP: true })
    const { server } = session
    ;({ id } = await apiCall<{ id: number }>(server, 'importMarkdown', { text: readBigLetter(), fileName: 'brief.md' }))
    await apiCall(server, 'commentOnQuote', { id, quote: 'drugshandel', org: 'OM', author: 'O. Vaart', text: 'Graag cijfers.' })
    const chain = (v: number) => readFileSync(join(chainsDir, 'persbericht-110-miljoen', `v${v}.md`), 'utf8')
    ;({ id: memo } = await apiCall<{ id: number }>(server, 'importMarkdown', { text: `---\nonderwerp: "Persbericht 110 miljoen"\ndatum: "2019-10-18"\n---\n${chain(2)}`, type: 'memo' }))
    await apiCall(server, 'saveMarkdownVersion', { id: memo, text: `---\nonderwerp: "Persbericht 110 miljoen"\ndatum: "2019-10-18"\n---\n${chain(3)}`, label: 'DCOM' })
    await apiCall(server, 'startRound', { id: memo, partners: [{ org: 'OM' }], deadline: 'vrijdag 12.00 uur' })
  })
  afterAll(async () => {
    await session?.close()
  })

  const go = async (hash: string, ready: string) => {
    await session.page.evaluate((h) => { location.hash = h }, hash)
    await session.page.locator(ready).first().waitFor()
  }

  it('the start screen and its dialogs', async () => {
    const { page, server } = session
    await page.goto(server.openUrl)
    await page.locator('.doc-list table').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await page.getByRole('button', { name: /^Nieuw/ }).first().click()
    await page.locator('.dialog').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await page.keyboard.press('Escape')
  })

  it('the editor, with comments, the side panel and the export dialog', async () => {
    const { page } = session
    await go(`#/doc/${id}`, '.comment-card')
    expect(await seriousViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Exporteren naar Word' }).click()
    await page.locator('.dialog').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await page.keyboard.press('Escape')
  })

  it('compare, inline and side by side', async () => {
    const { page } = session
    await go(`#/doc/${memo}/compare/1/2`, '[data-testid="redline"] ins')
    await page.getByTestId('compare-summary').getByText(/wijziging/).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await go(`#/doc/${memo}/compare/1/2/side`, '[data-testid="side-by-side"]')
    expect(await seriousViolations(page)).toEqual([])
  })

  it('a review round, and a version read-only', async () => {
    const { page } = session
    await go(`#/doc/${memo}/ronde`, '[data-testid="round-partners"]')
    expect(await seriousViolations(page)).toEqual([])
    await go(`#/doc/${memo}/v/1`, '.page-body .ProseMirror')
    expect(await seriousViolations(page)).toEqual([])
  })
})
