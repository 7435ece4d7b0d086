import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { apiCall, runE2e, startSession, type BrowserSession } from '../helpers/browser.js'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { tempDir } from '../helpers/temp.js'

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

  /**
   * Selects characters from–to of the first paragraph's text through the DOM, as a mouse would
   * (keys pressed right after a click can reach the page before the editor has read the click).
   */
  const selectInFirstParagraph = (from: number, to: number) => session.page.evaluate(([a, b]) => new Promise<void>((resolve) => {
    const text = document.querySelector('.page-body .ProseMirror p')!.firstChild!
    const range = document.createRange()
    range.setStart(text, a)
    range.setEnd(text, b)
    // Done once the editor has had the selectionchange event (its listener was added before this one).
    document.addEventListener('selectionchange', () => setTimeout(resolve, 0), { once: true })
    getSelection()!.removeAllRanges()
    getSelection()!.addRange(range)
  }), [from, to])

  it('cuts a whole paragraph with Ctrl+X without leaving an empty one behind, and pastes it back with Ctrl+V', async () => {
    const { page, server, errors } = session
    const text = 'Aanleiding van deze nota'
    await apiCall(server, 'saveVersion', { id, base: 1, kind: 'named', label: 'Twee alinea\'s', meta: { onderwerp: 'Toetsenbord' }, content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }, { type: 'paragraph', content: [{ type: 'text', text: 'Tweede alinea.' }] }] } })
    await page.reload()
    const paragraphs = page.locator('.page-body .ProseMirror > p')
    await expect.poll(() => paragraphs.allTextContents()).toEqual([text, 'Tweede alinea.'])
    await page.locator('.page-body .ProseMirror').getByText(text).click()
    await selectInFirstParagraph(0, text.length)
    await page.keyboard.press('Control+x')
    await expect.poll(() => paragraphs.allTextContents()).toEqual(['Tweede alinea.'])
    await page.keyboard.press('Control+v')
    await expect.poll(() => page.locator('.page-body .ProseMirror').textContent()).toContain(text)
    expect(errors).toEqual([])
  })

  it('runs a toolbar button on Enter and on Space, and says which are on', async () => {
    const { page, errors } = session
    await page.locator('.page-body .ProseMirror').getByText('Aanleiding van deze nota').click()
    const kop = page.getByRole('button', { name: 'Kop 1 (Ctrl+Alt+1)' })
    await kop.focus()
    await page.keyboard.press('Enter')
    await page.locator('.page-body .ProseMirror h2', { hasText: 'Aanleiding van deze nota' }).waitFor()
    await expect.poll(() => kop.getAttribute('aria-pressed')).toBe('true')
    // Space on "Alinea" makes it a paragraph again.
    const alinea = page.getByRole('button', { name: 'Alinea: Gewone tekst (Ctrl+Shift+N)' })
    await alinea.focus()
    await page.keyboard.press('Space')
    await page.locator('.page-body .ProseMirror p', { hasText: 'Aanleiding van deze nota' }).waitFor()
    await expect.poll(() => kop.getAttribute('aria-pressed')).toBe('false')
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

  it('posts a comment with Ctrl+Enter from its text, as Word does', async () => {
    const { page, errors } = session
    await page.locator('.page-body .ProseMirror').getByText('Aanleiding van deze nota').click()
    // The sentence selected.
    await selectInFirstParagraph(0, 'Aanleiding van deze nota'.length)
    await expect.poll(() => page.getByRole('button', { name: 'Opmerking bij de selectie (Ctrl+Alt+M)' }).isEnabled()).toBe(true)
    await page.keyboard.press('Control+Alt+m')
    const text = page.locator('.dialog textarea[name="text"]')
    await text.waitFor()
    await text.fill('Graag de aanleiding korter.')
    await page.keyboard.press('Control+Enter')
    await page.locator('.comment-card').first().waitFor()
    expect(await page.locator('.comment-card .body').first().textContent()).toBe('Graag de aanleiding korter.')
    expect(await page.locator('.dialog').count()).toBe(0)
    expect(errors).toEqual([])
  })

  it('makes, changes and removes a hyperlink with Ctrl+K, as in Word', async () => {
    const { page, server, errors } = session
    const editor = page.locator('.page-body .ProseMirror')
    await editor.getByText('Aanleiding van deze nota').click()
    // The first word selected, as a double-click on it would.
    await selectInFirstParagraph(0, 'Aanleiding'.length)
    await expect.poll(() => page.evaluate(() => getSelection()!.toString())).toBe('Aanleiding')
    await page.keyboard.press('Control+k')
    const dialog = page.getByRole('dialog', { name: 'Koppeling invoegen' })
    await dialog.waitFor()
    await dialog.locator('input[name="href"]').fill('www.rijksoverheid.nl/onderwerpen/ondermijning')
    await page.keyboard.press('Enter')
    const link = editor.locator('a[href="https://www.rijksoverheid.nl/onderwerpen/ondermijning"]')
    await link.waitFor()
    expect(await link.textContent()).toBe('Aanleiding')
    // At the end of the line, nothing selected: the text to show is asked too.
    await page.keyboard.press('End')
    await page.keyboard.type(' ')
    await page.keyboard.press('Control+k')
    await page.locator('.dialog input[name="href"]').fill('info@minjenv.nl')
    await page.locator('.dialog input[name="text"]').fill('mail de directie')
    await page.keyboard.press('Enter')
    await editor.locator('a[href="mailto:info@minjenv.nl"]').waitFor()
    expect(await editor.textContent()).toBe('Aanleiding van deze nota mail de directie')
    // In a link, Ctrl+K shows its address; emptied, the link goes and the text stays.
    await link.click()
    // The toolbar's Koppeling is on while the cursor stands in a link.
    await expect.poll(() => page.getByRole('button', { name: 'Koppeling invoegen of wijzigen (Ctrl+K)' }).getAttribute('aria-pressed')).toBe('true')
    await page.keyboard.press('Control+k')
    const change = page.getByRole('dialog', { name: 'Koppeling wijzigen' })
    await change.waitFor()
    expect(await change.locator('input[name="href"]').inputValue()).toBe('https://www.rijksoverheid.nl/onderwerpen/ondermijning')
    await change.locator('input[name="href"]').fill('')
    await page.keyboard.press('Enter')
    await expect.poll(() => link.count()).toBe(0)
    // Anything else than a web or mail address is refused in the dialog.
    await editor.locator('a[href^="mailto:"]').click()
    await expect.poll(() => page.getByRole('button', { name: 'Koppeling invoegen of wijzigen (Ctrl+K)' }).getAttribute('aria-pressed')).toBe('true')
    await page.keyboard.press('Control+k')
    await page.locator('.dialog input[name="href"]').fill('javascript:alert(1)')
    await page.keyboard.press('Enter')
    expect(await page.locator('.dialog .dialog-error').textContent()).toBe('Vul een webadres (https://…) of een e-mailadres in.')
    await page.keyboard.press('Escape')
    await page.keyboard.press('Control+s')
    await expect.poll(async () => (await apiCall<{ markdown: string }>(server, 'exportMarkdown', { id })).markdown).toContain('Aanleiding van deze nota [mail de directie](mailto:info@minjenv.nl)')
    expect(errors).toEqual([])
  })

  it('breaks the page with Ctrl+Enter where the cursor is, and saves it', async () => {
    const { page, server, errors } = session
    const editor = page.locator('.page-body .ProseMirror')
    await editor.getByText('Aanleiding van deze nota').click()
    // The cursor right after the first word.
    await selectInFirstParagraph('Aanleiding'.length, 'Aanleiding'.length)
    await expect.poll(() => page.evaluate(() => getSelection()!.anchorOffset)).toBe('Aanleiding'.length)
    await page.keyboard.press('Control+Enter')
    await editor.locator('hr.page-break').waitFor()
    expect(await editor.locator(':scope > *').evaluateAll((els) => els.map((e) => `${e.tagName.toLowerCase()}:${e.textContent}`))).toEqual(['p:Aanleiding', 'hr:', 'p: van deze nota'])
    await page.keyboard.press('Control+s')
    await expect.poll(async () => (await apiCall<{ markdown: string }>(server, 'exportMarkdown', { id })).markdown).toContain('Aanleiding\n\n\\newpage\n\n')
    expect(errors).toEqual([])
  })

  it('prints with Ctrl+P: the page only, without the bars, panels and margin around it', async () => {
    const { page, errors } = session
    await page.evaluate(() => {
      const w = window as unknown as { printed: number }
      w.printed = 0
      window.print = () => { w.printed++ }
    })
    await page.locator('.page-body .ProseMirror').click()
    await page.keyboard.press('Control+p')
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1)
    await page.emulateMedia({ media: 'print' })
    for (const chrome of ['.app-bar', '.toolbar', '.side', '.status-bar']) expect(await page.locator(chrome).first().isVisible()).toBe(false)
    expect(await page.locator('.page-body .ProseMirror').textContent()).toContain('Aanleiding van deze nota')
    expect(await page.locator('.page-body').isVisible()).toBe(true)
    // As a PDF (what Electron's "Opslaan als PDF…" makes): the text on A4 with page numbers, none of the app around it.
    const pdf = join(tempDir(), 'afdruk.pdf')
    await page.pdf({ path: pdf, preferCSSPageSize: true })
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
    expect(text).toContain('Aanleiding van deze nota')
    expect(text).toMatch(/Pagina 1 van 1/)
    for (const chrome of ['Versie vastleggen', 'Exporteren naar Word', 'Opgeslagen', 'Gegevens', 'woorden']) expect(text).not.toContain(chrome)
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Page size:\s+59\d\.\d+ x 841\.\d+ pts \(A4\)/)
    await page.emulateMedia({ media: 'screen' })
    expect(errors).toEqual([])
  })

  it('finds with Ctrl+F and replaces with Ctrl+H, as in Word, and Escape returns to the text', async () => {
    const { page, server, errors } = session
    const text = 'De aanpak van ondermijning vraagt om een brede aanpak. De Aanpak werkt.'
    const doc = (await apiCall<{ id: number }>(server, 'createDocument', { type: 'nota', meta: { onderwerp: 'Zoeken' }, content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] } })).id
    await page.evaluate((d) => { location.hash = `#/doc/${d}` }, doc)
    const editor = page.locator('.page-body .ProseMirror')
    await editor.getByText('De aanpak van').click()
    await page.keyboard.press('Control+f')
    const find = page.getByRole('searchbox', { name: 'Zoeken in de tekst' })
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Zoeken in de tekst')
    await find.fill('aanpak')
    await expect.poll(() => page.getByTestId('find-count').textContent()).toMatch(/^\d van 3$/)
    expect(await editor.locator('.find-hit').count()).toBe(3)
    await find.press('Enter')
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('.find-bar').isHidden()).toBe(true)
    expect(await editor.locator('.find-hit').count()).toBe(0)
    expect(await page.evaluate(() => !!document.activeElement?.closest('.ProseMirror'))).toBe(true)

    await page.keyboard.press('Control+h')
    await find.fill('aanpak')
    await page.getByRole('textbox', { name: 'Vervangen door' }).fill('werkwijze')
    await page.getByRole('button', { name: 'Alles vervangen' }).click()
    await expect.poll(() => page.getByTestId('find-count').textContent()).toBe('3 keer vervangen')
    await expect.poll(() => editor.textContent()).toBe('De werkwijze van ondermijning vraagt om een brede werkwijze. De werkwijze werkt.')
    // One step back with Ctrl+Z, as in Word.
    await editor.click()
    await page.keyboard.press('Control+z')
    await expect.poll(() => editor.textContent()).toBe(text)
    expect(errors).toEqual([])
  })
})
