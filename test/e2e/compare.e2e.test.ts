import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, readFileSync } from 'node:fs'
import { docxParts } from '../helpers/docx.js'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { apiCall, runE2e, startSession, type BrowserSession, type ServerProcess } from '../helpers/browser.js'
import { chainsDir, repoRoot } from '../helpers/corpus.js'

const artifacts = join(repoRoot, 'test/artifacts')
const chain = (v: number) => readFileSync(join(chainsDir, 'persbericht-110-miljoen', `v${v}.md`), 'utf8')

describe.runIf(runE2e)('reviewing a press release in the compare view', () => {
  let session: BrowserSession
  let server: ServerProcess
  let page: Page
  let id: number
  let errors: string[] = []

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true })
    session = await startSession()
    ;({ server, page, errors } = session)
    ;({ id } = await apiCall<{ id: number }>(server, 'importMarkdown', { text: `---\nonderwerp: "Persbericht 110 miljoen"\ndatum: "2019-10-18"\n---\n${chain(2)}`, type: 'memo', fileName: 'persbericht-v2.md' }))
    await apiCall(server, 'commentOnQuote', { id, quote: 'Een stevige aanpak van nietsontziende criminelen roept weerstand op.', org: 'DCOM', author: 'Woordvoerder', text: 'Deze zin kan eruit.' })
    await apiCall(server, 'saveMarkdownVersion', { id, text: chain(3), label: 'DCOM 21:55' })
  })
  afterAll(async () => {
    await session?.close()
  })

  const position = () => page.getByTestId('change-position').textContent()

  it('opens from the history, shows the redline and steps through the changes with the keyboard', async () => {
    await page.goto(server.openUrl)
    await page.evaluate((doc) => { location.hash = `#/doc/${doc}` }, id)
    await page.getByTestId('history').locator('li[data-version="2"] .compare-link').click()
    await page.getByTestId('redline').waitFor()
    expect(await page.getByTestId('compare-summary').textContent()).toMatch(/^6 wijzigingen · \d+ woorden ingevoegd · \d+ verwijderd · 1 verplaatst/)
    expect(await page.getByTestId('redline').locator('del').first().count()).toBe(1)
    expect(await page.locator('.move-label').allTextContents()).toEqual(['Verplaatst naar verderop ↓', 'Verplaatst van hierboven ↑'])

    await page.keyboard.press('F7')
    await expect.poll(position).toBe('1 / 6')
    await page.keyboard.press('F7')
    await expect.poll(position).toBe('2 / 6')
    await page.keyboard.press('Shift+F7')
    await expect.poll(position).toBe('1 / 6')
    await page.keyboard.press('Alt+ArrowDown')
    await expect.poll(position).toBe('2 / 6')
    expect(await page.locator('.change-list li.current .kind').textContent()).toBe('Verplaatst')
    // Who made each change, and when: version 3 (the compare link of version 2 compares it with the next), by the user who saved it; a move's text does not tell.
    const who = page.getByTestId('change-list').getByTestId('who')
    await expect.poll(async () => (await who.allTextContents()).filter(Boolean).length).toBe(5)
    for (const line of (await who.allTextContents()).filter(Boolean)) expect(line).toMatch(/^T\. Tester · .+ · versie 3$/)
    expect(await page.locator('.change-list li.kind-move [data-testid="who"]').textContent()).toBe('')
    expect(await page.getByTestId('redline').locator('ins[title], del[title]').first().getAttribute('title')).toMatch(/door T\. Tester · .+ · versie 3$/)
    await page.screenshot({ path: join(artifacts, 'e2e-compare-inline.png') })
  })

  it('exports the comparison as a Word file with tracked changes', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Naar Word met wijzigingen' }).click()])
    expect(download.suggestedFilename()).toMatch(/-v3-wijzigingen-t\.o\.v\.-v2\.docx$/)
    const doc = (await docxParts(readFileSync(await download.path())))['word/document.xml']
    expect(doc).toMatch(/<w:del [^>]*>[\s\S]*?Een stevige aanpak/)
  })

  it('accepts the move, rejects the deleted sentence, and keeps both decisions side by side', async () => {
    // Taking over (or declining) the current change goes on to the next, as in Word.
    await page.getByRole('button', { name: '✓ Overnemen' }).click()
    await expect.poll(position).toBe('3 / 6')
    // The words changed in the moved paragraph come right after the move.
    expect(await page.locator('.change-list li.current').textContent()).toMatch(/^Vervangen.*Het kabinet heeft bij zijn aantreden/)
    // O takes over from the keyboard (W declines), and goes on too.
    await page.keyboard.press('o')
    await expect.poll(position).toBe('4 / 6')
    await page.keyboard.press('o')
    await expect.poll(position).toBe('5 / 6')
    expect(await page.locator('.change-list li.current').textContent()).toContain('Een stevige aanpak van nietsontziende criminelen roept weerstand op')
    // The comment on the deleted sentence (in the older version) stands beside that change.
    expect(await page.locator('.change-list li.current .compare-comments').textContent()).toBe('Opmerking DCOM: Deze zin kan eruit.')
    await page.getByRole('button', { name: '✗ Weigeren' }).click()
    await expect.poll(position).toBe('6 / 6')
    expect(await page.getByTestId('decision').allTextContents()).toEqual(['', 'overgenomen', 'overgenomen', 'overgenomen', 'geweigerd', ''])

    await page.getByRole('button', { name: 'Naast elkaar' }).click()
    await page.getByTestId('side-by-side').waitFor()
    expect(await page.getByTestId('decision').allTextContents()).toEqual(['', 'overgenomen', 'overgenomen', 'overgenomen', 'geweigerd', ''])
    // Matching paragraphs stand level: the unchanged MIT paragraph starts at the same height left and right.
    const tops = await page.locator('.side-by-side .cell').evaluateAll((cells) => cells.map((c) => Math.round(c.getBoundingClientRect().top)))
    for (let i = 0; i < tops.length; i += 2) expect(tops[i]).toBe(tops[i + 1])
    await page.screenshot({ path: join(artifacts, 'e2e-compare-side.png') })
  })

  it('writes the new version with the rejected sentence back and the moved paragraph at the end', async () => {
    await page.getByRole('button', { name: 'Verwerken als nieuwe versie' }).click()
    await page.locator('.page-body .ProseMirror').waitFor()
    const newest = page.getByTestId('history').locator('li').first()
    await expect.poll(() => newest.textContent()).toContain('3 wijzigingen van versie 3 overgenomen, 1 geweigerd (t.o.v. versie 2)')
    const text = await page.locator('.page-body .ProseMirror').textContent()
    expect(text).toContain('Een stevige aanpak van nietsontziende criminelen roept weerstand op.')
    const blocks = await page.locator('.page-body .ProseMirror > p').allTextContents()
    expect(blocks.at(-2)).toMatch(/^De extra investering komt bovenop eerdere maatregelen/)
    expect(errors).toEqual([])
  })
})
