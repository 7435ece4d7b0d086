import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { apiCall, runE2e, startSession, type BrowserSession, type ServerProcess } from '../helpers/browser.js'
import { bigLetterPath, readBigLetter, repoRoot } from '../helpers/corpus.js'

const artifacts = join(repoRoot, 'test/artifacts')

describe.runIf(runE2e)('writing a Kamerbrief in browser mode', () => {
  let session: BrowserSession
  let server: ServerProcess
  let page: Page
  let errors: string[] = []

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true })
    session = await startSession()
    ;({ server, page, errors } = session)
  })
  afterAll(async () => {
    await session?.close()
  })

  const editor = () => page.locator('.page-body .ProseMirror')
  const saved = () => page.getByTestId('save-state').filter({ hasText: /^Opgeslagen \(versie \d+\)/ }).waitFor({ timeout: 15_000 })

  it('creates a Kamerbrief, fills onderwerp and datum, and types text with a footnote and a list', async () => {
    await page.goto(server.openUrl)
    await expect.poll(() => page.url()).toBe(server.url)
    await page.getByText('Nog geen documenten').waitFor()
    await page.getByRole('button', { name: 'Nieuw document' }).click()
    await page.getByLabel('Documenttype').selectOption('kamerbrief')
    await page.getByRole('button', { name: 'Aanmaken' }).click()
    await editor().waitFor()

    await page.getByLabel('Onderwerp').fill('Uitwerking breed offensief')
    const datum = page.getByLabel('Datum')
    await datum.fill('31-2-2020')
    await datum.blur()
    await expect.poll(() => page.locator('#meta-datum-error').textContent()).toMatch(/Geen geldige datum/)
    await datum.fill('18-6-2020')
    await datum.blur()
    await expect.poll(() => datum.inputValue()).toBe('18 juni 2020')

    await editor().click()
    await page.keyboard.type('De georganiseerde criminaliteit draait op volle toeren.')
    await page.keyboard.press('Enter')
    await page.keyboard.type('In oktober 2019')
    // Typing straight after Ctrl+Alt+F, as a fast typist does, goes into the new footnote,
    // even before the next frame (held back here, as on a busy laptop).
    await page.evaluate(() => {
      const w = window as unknown as { __raf: typeof requestAnimationFrame; __held: FrameRequestCallback[] }
      w.__raf = window.requestAnimationFrame
      w.__held = []
      window.requestAnimationFrame = (cb) => { w.__held.push(cb); return 0 }
    })
    await page.keyboard.press('Control+Alt+f')
    await page.keyboard.type('Kamerstukken II 2019/20, 29911, nr. 254.')
    await page.evaluate(() => {
      const w = window as unknown as { __raf: typeof requestAnimationFrame; __held: FrameRequestCallback[] }
      window.requestAnimationFrame = w.__raf
      for (const cb of w.__held) w.__raf(cb)
    })
    await page.keyboard.press('Escape')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.type(' informeerde ik uw Kamer.')
    await page.keyboard.press('Enter')
    await page.keyboard.type('- Bewaken en Beveiligen')
    await page.keyboard.press('Enter')
    await page.keyboard.type('Multidisciplinair Interventieteam')
    await saved()

    expect(await editor().locator('ul > li').allTextContents()).toEqual(['Bewaken en Beveiligen', 'Multidisciplinair Interventieteam'])
    expect(await page.getByTestId('footnote-list').locator('li').allTextContents()).toEqual(['Kamerstukken II 2019/20, 29911, nr. 254.'])
    await page.screenshot({ path: join(artifacts, 'e2e-editor.png') })
  })

  it('adds a row on Tab in the last table cell instead of leaving the document for the metadata form', async () => {
    const onderwerp = await page.getByLabel('Onderwerp').inputValue()
    await editor().locator('ul > li').last().click()
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Enter')
    await page.getByRole('button', { name: 'Tabel invoegen (3 × 3 met kopregel)' }).click()
    const table = editor().locator('table').last()
    await table.waitFor()
    const rows = await table.locator('tr').count()
    const cells = await table.locator('th, td').count()
    await table.locator('th, td').first().click()
    // Tab through the cells until the last one is passed: wherever the caret started in the
    // table, at most one Tab per cell adds the row; without the fix no row ever appears.
    for (let i = 0; i <= cells && (await table.locator('tr').count()) === rows; i++) await page.keyboard.press('Tab')
    expect(await table.locator('tr').count()).toBe(rows + 1)
    await page.keyboard.type('Nieuwe rij')
    await saved()
    expect(await table.locator('tr').count()).toBe(rows + 1)
    expect(await table.locator('tr').last().textContent()).toContain('Nieuwe rij')
    expect(await page.getByLabel('Onderwerp').inputValue()).toBe(onderwerp)
    // Shift+Tab in the first cell stays in the table too.
    await table.locator('th, td').first().click()
    await expect.poll(() => page.evaluate(() => !!window.getSelection()?.anchorNode?.parentElement?.closest('th'))).toBe(true)
    await page.evaluate(() => new Promise(requestAnimationFrame))
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.type('X')
    expect(await page.getByLabel('Onderwerp').inputValue()).toBe(onderwerp)
  })

  it('asks for the letterhead fields that are still empty when exporting to Word, where they are filled in', async () => {
    await page.getByRole('button', { name: 'Exporteren naar Word' }).click()
    const status = page.getByTestId('save-state')
    await expect.poll(() => status.textContent()).toMatch(/^Vul eerst in: Ons kenmerk, Afzender \(directie, onderdeel\), Geadresseerde\./)
    expect(await status.textContent()).not.toContain('Opslaan mislukt')
    expect(await page.locator('.meta-form [aria-invalid="true"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).name))).toEqual(['kenmerk', 'afzender', 'geadresseerde'])
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('kenmerk')
    expect(await page.locator('.dialog').count()).toBe(0)
  })

  it('shows the same text, footnote and versions after a reload', async () => {
    await page.reload()
    await editor().waitFor()
    await expect.poll(() => editor().locator('p').first().textContent()).toBe('De georganiseerde criminaliteit draait op volle toeren.')
    expect(await editor().textContent()).toContain('In oktober 2019 informeerde ik uw Kamer.')
    expect(await page.getByTestId('footnote-list').textContent()).toContain('Kamerstukken II 2019/20, 29911, nr. 254.')
    expect(await page.getByLabel('Datum').inputValue()).toBe('18 juni 2020')
    await expect.poll(() => page.getByTestId('history').locator('li').count()).toBeGreaterThanOrEqual(2)

    const [doc] = await apiCall<{ id: number }[]>(server, 'listDocuments', {})
    const snap = await apiCall<{ meta: Record<string, string> }>(server, 'openDocument', { id: doc.id })
    expect(snap.meta).toMatchObject({ onderwerp: 'Uitwerking breed offensief', datum: '2020-06-18' })
  })

  it('opens the first version read-only and restores it as a new version', async () => {
    const history = page.getByTestId('history')
    const before = await history.locator('li').count()
    await history.locator('li[data-version="1"] button.open-version').click()
    await page.getByTestId('readonly-banner').waitFor()
    expect(await editor().getAttribute('contenteditable')).toBe('false')
    await page.getByRole('button', { name: 'Deze versie terugzetten' }).click()
    await page.locator('.toolbar').waitFor()
    await expect.poll(() => history.locator('li').count()).toBe(before + 1)
    expect(await history.locator('li').first().textContent()).toContain('Versie 1 teruggezet')
    expect(await history.locator('li[data-version="1"]').count()).toBe(1)
    // Version 1 was the empty new letter; the typed text is still in the version before the restore.
    expect((await editor().textContent())?.trim()).toBe('')
    await page.screenshot({ path: join(artifacts, 'e2e-restored.png') })
  })

  it('keeps only what the schema allows from pasted HTML', async () => {
    await editor().click()
    await page.evaluate(() => {
      const data = new DataTransfer()
      data.setData('text/html', '<p style="color:red" onclick="alert(1)">Geplakt <b>vet</b> uit Word<script>window.__pwned = 1</script></p><img src=x onerror="window.__pwned = 2"><style>p{}</style>')
      data.setData('text/plain', 'Geplakt vet uit Word')
      document.querySelector('.page-body .ProseMirror')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    })
    await expect.poll(() => editor().textContent()).toContain('Geplakt vet uit Word')
    expect(await editor().locator('strong').allTextContents()).toContain('vet')
    expect(await editor().locator('script, img, style, [onclick]').count()).toBe(0)
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
    expect(errors).toEqual([])
  })
})

describe.runIf(runE2e)('Markdown in and out through the browser', () => {
  let session: BrowserSession

  beforeAll(async () => {
    session = await startSession()
  })
  afterAll(async () => {
    await session?.close()
  })

  it('imports the 18 June letter from a file, shows its 22 footnotes and tables, and exports the same Markdown', async () => {
    const { page, server } = session
    await page.goto(server.openUrl)
    await page.getByText('Nog geen documenten').waitFor()

    await page.getByRole('button', { name: /Auteur:/ }).click()
    await page.locator('input[name="author"]').fill('J. de Vries (DGRR)')
    await page.getByRole('button', { name: 'Opslaan' }).click()
    await page.getByRole('button', { name: 'Auteur: J. de Vries (DGRR)' }).waitFor()

    // As a user does: the file chooser of "Importeren…" (the start screen has another for "Controleren…").
    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Importeren…' }).click()
    await (await chooser).setFiles(bigLetterPath)
    await page.locator('.page-body .ProseMirror').waitFor()
    expect(await page.getByTestId('page-title').textContent()).toBe('Uitwerking breed offensief tegen georganiseerde ondermijnende criminaliteit')
    expect(await page.getByTestId('footnote-list').locator('li').count()).toBe(22)
    expect(await page.locator('.page-body table').count()).toBeGreaterThanOrEqual(3)
    expect(await page.getByLabel('Ons kenmerk').inputValue()).toBe('2946123')
    expect(await page.getByTestId('history').textContent()).toContain('J. de Vries (DGRR)')

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporteren (Markdown)' }).click()])
    expect(download.suggestedFilename()).toMatch(/^uitwerking-breed-offensief.*-v1\.md$/)
    expect(readFileSync(await download.path(), 'utf8')).toBe(readBigLetter())
    await page.screenshot({ path: join(artifacts, 'e2e-imported-letter.png') })
  })
})

describe.runIf(runE2e)('the status bar while typing', () => {
  let session: BrowserSession

  beforeAll(async () => {
    session = await startSession({ width: 1366, height: 768 })
  })
  afterAll(async () => {
    await session?.close()
  })

  it('tells a screen reader once that there are unsaved changes, not again at every keystroke', async () => {
    const { page, server } = session
    await page.goto(`${server.openUrl}`)
    await page.getByText('Nog geen documenten').waitFor()
    const editor = () => page.locator('.page-body .ProseMirror')
    const saved = () => page.getByTestId('save-state').filter({ hasText: /^Opgeslagen \(versie \d+\)/ }).waitFor({ timeout: 15_000 })
    const { id } = await apiCall<{ id: number }>(server, 'createDocument', { type: 'nota', meta: { onderwerp: 'Stille statusbalk' } })
    await page.goto(`${server.url}#/doc/${id}`)
    await editor().waitFor()
    await saved()
    // Every text the status bar's live region (role="status") is given while typing, in order.
    await page.evaluate(() => {
      const region = document.querySelector('[data-testid="save-state"]')!
      const w = window as unknown as { __said: string[] }
      w.__said = []
      new MutationObserver(() => w.__said.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true })
    })
    await editor().click()
    await page.keyboard.type('Een zin van enkele woorden.')
    const said = await page.evaluate(() => (window as unknown as { __said: string[] }).__said)
    expect(said[0]).toBe('Niet opgeslagen wijzigingen…')
    // A text is never given again while it is still showing (each repeat was read out, and cost the typist a layout).
    expect(said.filter((text, i) => i > 0 && text === said[i - 1])).toEqual([])
    await saved()
  })
})
