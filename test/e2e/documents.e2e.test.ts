import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tempDir } from '../helpers/temp.js'
import { apiCall, runE2e, startSession, type BrowserSession } from '../helpers/browser.js'
import { readBigLetter, repoRoot } from '../helpers/corpus.js'

/** The start screen's row menu: rename, copy as another type, the Prullenbak and back. */
describe.runIf(runE2e)('managing documents from the start screen', () => {
  let session: BrowserSession

  beforeAll(async () => {
    session = await startSession({ width: 1280, height: 720 })
    await apiCall(session.server, 'importMarkdown', { text: readBigLetter(), fileName: 'brief.md' })
  })
  afterAll(async () => {
    await session?.close()
  })

  const rowTitles = () => session.page.locator('.doc-list tbody tr[data-id] td.title').evaluateAll((tds) => tds.map((td) => td.firstChild?.textContent ?? ''))

  it('renames a document, copies it as an annotatie, and puts one in the Prullenbak and back', async () => {
    const { page, server, errors } = session
    await page.goto(server.openUrl)
    await page.locator('.doc-list tbody tr[data-id]').first().waitFor()
    const menu = (title: string) => page.getByRole('button', { name: `Acties voor ${title}` })

    await menu('Uitwerking breed offensief tegen georganiseerde ondermijnende criminaliteit').click()
    await page.getByRole('alertdialog').getByRole('button', { name: 'Naam wijzigen…' }).click()
    await page.locator('.dialog input[name="title"]').fill('Breed offensief: uitwerking 2020')
    await page.keyboard.press('Enter')
    await expect.poll(rowTitles).toEqual(['Breed offensief: uitwerking 2020'])

    await menu('Breed offensief: uitwerking 2020').click()
    await page.getByRole('alertdialog').getByRole('button', { name: 'Kopie maken…' }).click()
    await page.locator('.dialog select[name="type"]').selectOption('annotatie')
    await page.getByRole('button', { name: 'Kopie maken', exact: true }).click()
    await page.locator('.page-body .ProseMirror').waitFor()
    expect(await page.locator('.page-type').textContent()).toMatch(/annotatie/i)
    await page.getByRole('button', { name: '← Documenten' }).click()
    await expect.poll(rowTitles).toEqual(['Breed offensief: uitwerking 2020', 'Breed offensief: uitwerking 2020'])

    await menu('Breed offensief: uitwerking 2020').first().click()
    await page.getByRole('alertdialog').getByRole('button', { name: 'Naar de prullenbak' }).click()
    await expect.poll(() => page.locator('.doc-list .message').textContent()).toMatch(/staat in de prullenbak; alle versies blijven bewaard/)
    await expect.poll(rowTitles).toEqual(['Breed offensief: uitwerking 2020'])
    await page.getByRole('button', { name: 'Prullenbak' }).click()
    await expect.poll(() => page.locator('.doc-list h1').textContent()).toBe('Prullenbak')
    await expect.poll(rowTitles).toEqual(['Breed offensief: uitwerking 2020'])
    await page.screenshot({ path: join(repoRoot, 'test/artifacts/e2e-prullenbak-1280.png') })
    await page.getByRole('button', { name: 'Breed offensief: uitwerking 2020 terugzetten' }).click()
    await expect.poll(() => page.locator('.doc-list .message').textContent()).toBe('“Breed offensief: uitwerking 2020” is teruggezet.')
    await expect.poll(rowTitles).toEqual([])
    await page.getByRole('button', { name: '← Documenten' }).click()
    await expect.poll(rowTitles).toHaveLength(2)

    // Emptied: gone for good, after a warning that says so.
    await menu('Breed offensief: uitwerking 2020').first().click()
    await page.getByRole('alertdialog').getByRole('button', { name: 'Naar de prullenbak' }).click()
    await expect.poll(rowTitles).toHaveLength(1)
    await page.getByRole('button', { name: 'Prullenbak' }).click()
    await expect.poll(rowTitles).toEqual(['Breed offensief: uitwerking 2020'])
    await page.getByRole('button', { name: 'Prullenbak leegmaken…' }).click()
    const warning = page.getByRole('alertdialog')
    expect(await warning.textContent()).toMatch(/1 document wordt definitief verwijderd, met alle versies en opmerkingen\. Dit kan niet ongedaan worden gemaakt/)
    await warning.getByRole('button', { name: 'Definitief verwijderen' }).click()
    await expect.poll(() => page.locator('.doc-list .message').textContent()).toBe('1 document definitief verwijderd.')
    await expect.poll(rowTitles).toEqual([])
    expect(await page.getByRole('button', { name: 'Prullenbak leegmaken…' }).isVisible()).toBe(false)
    await page.getByRole('button', { name: '← Documenten' }).click()
    await expect.poll(rowTitles).toHaveLength(1)
    expect(errors).toEqual([])
  })

  it('asks what kind of document a text file without front matter is, and names what it accepts', async () => {
    const { page, server, errors } = session
    const dir = tempDir()
    const notes = join(dir, 'aantekeningen RVI memo.txt')
    writeFileSync(notes, 'Aantekeningen van het overleg met de RVI.\n\nDe regio vraagt om meer capaciteit.\n')
    await page.goto(server.openUrl)
    await page.locator('.doc-list tbody tr[data-id]').first().waitFor()
    let chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Importeren…' }).click()
    await (await chooser).setFiles(notes)
    const dialog = page.getByRole('dialog', { name: 'Welke soort document?' })
    await dialog.waitFor()
    // Guessed from the file name, and never silently a nota.
    expect(await dialog.locator('select[name="type"]').inputValue()).toBe('memo')
    await dialog.getByRole('button', { name: 'Importeren' }).click()
    await page.locator('.page-body .ProseMirror').waitFor()
    expect(await page.locator('.page-type').textContent()).toMatch(/memo/i)

    const pdf = join(dir, 'brief.pdf')
    writeFileSync(pdf, '%PDF-1.4')
    await page.getByRole('button', { name: '← Documenten' }).click()
    await page.locator('.doc-list tbody tr[data-id]').first().waitFor()
    chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Importeren…' }).click()
    await (await chooser).setFiles(pdf)
    const message = page.locator('.doc-list .message.error')
    await message.waitFor()
    expect(await message.textContent()).toBe('brief.pdf kan Paraaf niet lezen: kies een Word-bestand (.docx) of een Markdown- of tekstbestand (.md, .txt).')
    expect(errors).toEqual([])
  })

  it('opens the form at the fields the Word export needs, marked, instead of a line in the status bar', async () => {
    const { page, server, errors } = session
    const { id } = await apiCall<{ id: number }>(server, 'createDocument', { type: 'memo', meta: {} })
    await page.evaluate(() => localStorage.setItem('paraaf.zijpaneel', 'ingeklapt'))
    await page.evaluate((doc) => { location.hash = `#/doc/${doc}` }, id)
    await page.locator('.page-body .ProseMirror').waitFor()
    expect(await page.locator('.workspace').getAttribute('class')).toContain('side-collapsed')
    await page.getByRole('button', { name: 'Exporteren naar Word' }).click()
    // The side panel opens, the empty required fields are marked, the first has the focus.
    await expect.poll(() => page.locator('.workspace').getAttribute('class')).not.toContain('side-collapsed')
    const invalid = await page.locator('.meta-form [aria-invalid="true"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).name))
    expect(invalid).toEqual(['datum', 'onderwerp'])
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('datum')
    expect(await page.locator('#meta-datum-error').textContent()).toBe('Nodig voor het Word-bestand.')
    expect(await page.locator('.dialog').count()).toBe(0)
    await page.locator('.meta-form input[name="onderwerp"]').fill('Memo RVI')
    expect(await page.locator('.meta-form input[name="onderwerp"]').getAttribute('aria-invalid')).toBeNull()
    expect(errors).toEqual([])
  })
})
