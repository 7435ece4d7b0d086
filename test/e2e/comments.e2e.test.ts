import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, readFileSync } from 'node:fs'
import { docxParts } from '../helpers/docx.js'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { apiCall, runE2e, startSession, type BrowserSession, type ServerProcess } from '../helpers/browser.js'
import { readBigLetter, repoRoot } from '../helpers/corpus.js'

const artifacts = join(repoRoot, 'test/artifacts')

describe.runIf(runE2e)('partner comments in the margin', () => {
  let session: BrowserSession
  let server: ServerProcess
  let page: Page
  let id: number
  let errors: string[] = []

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true })
    session = await startSession({ width: 1500, height: 1000 })
    ;({ server, page, errors } = session)
    ;({ id } = await apiCall<{ id: number }>(server, 'importMarkdown', { text: readBigLetter(), fileName: 'brief.md' }))
    await apiCall(server, 'commentOnQuote', { id, quote: '88 miljoen euro in 2020', org: 'DFEZ', author: 'K. Kas', text: 'Bedragen afgestemd met DFEZ.' })
  })
  afterAll(async () => {
    await session?.close()
  })

  const card = (text: string) => page.locator('.comment-card', { hasText: text })

  it('adds a comment on selected text with a pasted "Toelichting", level with its text', async () => {
    await page.goto(server.openUrl)
    await page.evaluate((doc) => { location.hash = `#/doc/${doc}` }, id)
    await card('Bedragen afgestemd met DFEZ.').waitFor()
    const editor = page.locator('.page-body .ProseMirror')
    await editor.locator('p').first().click()
    // Select the first words as a mouse drag would, through the DOM selection.
    await page.evaluate(() => {
      const text = document.querySelector('.page-body .ProseMirror p')!.firstChild!
      const range = document.createRange()
      range.setStart(text, 0)
      range.setEnd(text, 'De georganiseerde criminaliteit'.length)
      window.getSelection()!.removeAllRanges()
      window.getSelection()!.addRange(range)
    })
    await expect.poll(() => page.getByRole('button', { name: 'Opmerking bij de selectie (Ctrl+Alt+M)' }).isEnabled()).toBe(true)
    await page.keyboard.press('Control+Alt+m')
    await page.locator('input[name="org"]').fill('Politie')
    await page.locator('textarea[name="text"]').evaluate((el) => {
      const data = new DataTransfer()
      data.setData('text/plain', 'Toelichting: Graag de cijfers van de Nationale Politie noemen.')
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    })
    expect(await page.locator('textarea[name="text"]').inputValue()).toBe('Graag de cijfers van de Nationale Politie noemen.')
    await page.getByRole('button', { name: 'Toevoegen', exact: true }).click()
    const added = card('Graag de cijfers van de Nationale Politie noemen.')
    await added.waitFor()
    expect(await editor.locator('.comment').first().textContent()).toBe('De georganiseerde criminaliteit')
    // Level with its text: the card's top is within a line of the commented words.
    const textTop = (await editor.locator('.comment').first().boundingBox())!.y
    const cardTop = (await added.boundingBox())!.y
    expect(Math.abs(cardTop - textTop)).toBeLessThan(30)
    // The service stored the mark with the thread: Ctrl+Z right after cannot leave the thread without its text.
    await editor.locator('p').nth(1).click()
    await page.keyboard.press('Control+z')
    expect(await editor.locator('.comment').first().textContent()).toBe('De georganiseerde criminaliteit')
    const versions = await apiCall<{ number: number; label: string | null }[]>(server, 'listVersions', { id })
    expect(versions.at(-1)!.label).toBe('Opmerking van Politie toegevoegd')
    // The status bar names the version the comment was stored in.
    expect(await page.getByTestId('save-state').textContent()).toMatch(new RegExp(`^Opgeslagen \\(versie ${versions.at(-1)!.number}\\)`))
  })

  it('replies, resolves, selects the text from the card and filters by organisation and status', async () => {
    const added = card('Graag de cijfers van de Nationale Politie noemen.')
    await added.locator('textarea').fill('Cijfers staan in voetnoot 3.')
    await added.locator('textarea').press('Enter')
    await card('Cijfers staan in voetnoot 3.').waitFor()
    await card('Bedragen afgestemd met DFEZ.').getByRole('button', { name: 'Afhandelen' }).click()
    await card('Bedragen afgestemd met DFEZ.').getByRole('button', { name: 'Heropenen' }).waitFor()

    await card('Bedragen afgestemd met DFEZ.').locator('.body').click()
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe('88 miljoen euro in 2020')

    await page.getByLabel('Filter op organisatie').selectOption('Politie')
    expect(await page.locator('.comment-card').count()).toBe(1)
    await page.getByLabel('Filter op organisatie').selectOption('')
    await page.getByLabel('Filter op status').selectOption('open')
    expect(await page.locator('.comment-card .body').first().textContent()).toBe('Graag de cijfers van de Nationale Politie noemen.')
    expect(await page.locator('.comment-card').count()).toBe(1)
    await page.getByLabel('Filter op status').selectOption('')
  })

  it('keeps everything after a reload, and shows a comment whose text was deleted as losgeraakt', async () => {
    await page.reload()
    await card('Cijfers staan in voetnoot 3.').waitFor()
    expect(await card('Bedragen afgestemd met DFEZ.').getAttribute('class')).toContain('resolved')
    await page.screenshot({ path: join(artifacts, 'e2e-comments-margin.png') })

    // Delete the commented words: the thread stays, detached, with the words it was about.
    await card('Bedragen afgestemd met DFEZ.').locator('.body').click()
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe('88 miljoen euro in 2020')
    await page.keyboard.press('Delete')
    await page.getByTestId('save-state').filter({ hasText: /^Opgeslagen/ }).waitFor()
    await page.getByTestId('comment-detached').getByText('Bedragen afgestemd met DFEZ.').waitFor()
    expect(await page.getByTestId('comment-detached').textContent()).toContain('“88 miljoen euro in 2020”')
  })

  it('finds a comment from the start screen search and opens its document', async () => {
    await page.getByRole('button', { name: '← Documenten' }).click()
    await page.getByLabel('Zoeken in tekst, versies en opmerkingen').fill('Nationale Politie')
    await page.getByLabel('Zoeken in tekst, versies en opmerkingen').press('Enter')
    const hit = page.getByTestId('search-results').locator('li', { hasText: 'in een opmerking' })
    await hit.waitFor()
    expect(await hit.locator('mark').allTextContents()).toEqual(expect.arrayContaining(['Nationale', 'Politie']))
    expect(await hit.locator('.snippet').textContent()).toContain('Graag de cijfers van de Nationale Politie noemen.')
    await hit.click()
    await page.locator('.page-body .ProseMirror').waitFor()
    // Opened at the thread: its card highlighted, its words selected.
    await expect.poll(() => page.locator('.comment-card.active .body').first().textContent()).toBe('Graag de cijfers van de Nationale Politie noemen.')
    await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe('De georganiseerde criminaliteit')

    // Deleting one's own thread takes its mark out of the text too, in a version the service wrote.
    const versionsBefore = (await apiCall<unknown[]>(server, 'listVersions', { id })).length
    const mine = card('Graag de cijfers van de Nationale Politie noemen.')
    // The last Verwijderen on the card is the thread's own (its replies have one each above it).
    await mine.getByRole('button', { name: 'Verwijderen' }).last().click()
    await page.getByRole('dialog').getByRole('button', { name: 'Verwijderen' }).click()
    await expect.poll(() => mine.count()).toBe(0)
    expect(await page.locator('.page-body .ProseMirror .comment').count()).toBe(0)
    const versions = await apiCall<{ label: string | null }[]>(server, 'listVersions', { id })
    expect(versions).toHaveLength(versionsBefore + 1)
    expect(versions.at(-1)!.label).toBe('Opmerking verwijderd')
    await page.getByTestId('save-state').filter({ hasText: /^Opgeslagen/ }).waitFor()

    // A hit in the text opens the document at those words, highlighted.
    await page.getByRole('button', { name: '← Documenten' }).click()
    await page.getByLabel('Zoeken in tekst, versies en opmerkingen').fill('kroongetuigen')
    await page.getByLabel('Zoeken in tekst, versies en opmerkingen').press('Enter')
    const inText = page.getByTestId('search-results').locator('li', { hasText: 'in de tekst' }).first()
    await inText.click()
    const shown = page.locator('.page-body .ProseMirror .search-hit')
    await shown.waitFor()
    expect((await shown.textContent())!.toLowerCase()).toContain('kroongetuigen')
    const box = (await shown.boundingBox())!
    const viewport = page.viewportSize()!
    expect(box.y).toBeGreaterThanOrEqual(0)
    expect(box.y).toBeLessThan(viewport.height)
    expect(errors).toEqual([])
  })
})

describe.runIf(runE2e)('exporting to Word from the editor', () => {
  it('downloads a .docx with the changes against the first version', async () => {
    const session = await startSession()
    const { server, page } = session
    try {
      const { id } = await apiCall<{ id: number }>(server, 'importMarkdown', { text: readBigLetter(), fileName: 'brief.md' })
      const snap = await apiCall<{ meta: unknown; content: unknown }>(server, 'openDocument', { id })
      const edited = JSON.parse(JSON.stringify(snap.content).replace('draait op volle toeren', 'draait nog altijd op volle toeren'))
      await apiCall(server, 'saveVersion', { id, base: 1, meta: snap.meta, content: edited, kind: 'named', label: 'Concept 0.2' })
      await page.goto(server.openUrl)
      await page.evaluate((doc) => { location.hash = `#/doc/${doc}` }, id)
      await page.locator('.page-body .ProseMirror').waitFor()
      await page.getByRole('button', { name: 'Exporteren naar Word' }).click()
      await page.getByLabel('Wijzigingen ten opzichte van').selectOption('1')
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporteren', exact: true }).click()])
      expect(download.suggestedFilename()).toMatch(/^uitwerking-breed-offensief.*-v2-wijzigingen-t\.o\.v\.-v1\.docx$/)
      const parts = await docxParts(readFileSync(await download.path()))
      expect(parts['word/document.xml']).toMatch(/<w:ins [^>]*w:author="[^"]+"[^>]*>[\s\S]*?nog altijd /)
    } finally {
      await session.close()
    }
  })
})
