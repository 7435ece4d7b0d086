import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { apiCall, runE2e, startSession, type BrowserSession } from '../helpers/browser.js'
import { documentsDir } from '../helpers/corpus.js'
import { tempDir } from '../helpers/temp.js'

describe.runIf(runE2e)('parafen in the editor', () => {
  let session: BrowserSession
  beforeAll(async () => {
    session = await startSession({ width: 1366, height: 768 })
  })
  afterAll(async () => {
    await session?.close()
  })

  it('records a paraaf on the text on screen, shows the route\'s state, and marks it vervallen after an edit, with what changed', async () => {
    const { server, page, errors } = session
    // With the fields the Word file of a nota needs (Aan, Datum).
    const text = readFileSync(join(documentsDir, 'nota-2020-04-15-mit-scenarios.md'), 'utf8').replace('type: "nota"\n', 'type: "nota"\naan: "Minister van Justitie en Veiligheid"\ndatum: "2020-04-15"\n')
    const { id } = await apiCall<{ id: number }>(server, 'importMarkdown', { text, fileName: 'nota.md' })
    await page.goto(server.openUrl)
    await page.evaluate((doc) => { location.hash = `#/doc/${doc}` }, id)
    const summary = page.getByTestId('parafen-summary')
    await expect.poll(() => summary.textContent()).toBe('0 van 3 parafen · volgende: Afdelingshoofd')

    // The route is edited as lines "naam | rol | lijn".
    await page.getByRole('button', { name: 'Route wijzigen…' }).click()
    const routeDialog = page.getByRole('dialog', { name: 'Paraafroute' })
    expect(await routeDialog.getByLabel('Route').inputValue()).toBe(' | Afdelingshoofd | lijn\n | Directeur | lijn\n | DG | lijn')
    await routeDialog.getByLabel('Route').fill('A. Hoofd | Afdelingshoofd | lijn\nD. Recteur | Directeur | lijn\nF. Zaken | DFEZ | mede')
    await routeDialog.getByRole('button', { name: 'Route vastleggen' }).click()
    await expect.poll(() => summary.textContent()).toBe('0 van 3 parafen · volgende: A. Hoofd')

    await page.getByRole('button', { name: 'Paraaf vastleggen…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Paraaf vastleggen' })
    // The next step of the route is filled in.
    expect([await dialog.getByLabel('Naam').inputValue(), await dialog.getByLabel('Rol').inputValue()]).toEqual(['A. Hoofd', 'Afdelingshoofd'])
    await dialog.getByRole('button', { name: 'Paraaf vastleggen' }).click()
    await expect.poll(() => summary.textContent()).toBe('1 van 3 parafen · volgende: D. Recteur')
    const entry = page.getByTestId('parafen').locator('li').first()
    expect(await entry.locator('.paraaf-state').textContent()).toBe('geldig')
    // The Word file of the initialled text, as it goes up the line.
    const file = await apiCall<{ base64: string }>(server, 'exportDocx', { id, version: 1 })
    const path = join(tempDir(), 'nota-v1.docx')
    writeFileSync(path, Buffer.from(file.base64, 'base64'))

    // The drafter changes a word: the paraaf lapses, and says what changed since.
    await page.locator('.page-body .ProseMirror').getByText('Van de 269 mln.').click()
    await page.keyboard.press('End')
    await page.keyboard.type(' Aangevuld.')
    await expect.poll(() => entry.locator('.paraaf-state').textContent(), { timeout: 15_000 }).toBe('vervallen')
    expect(await summary.textContent()).toBe('0 van 3 parafen · volgende: A. Hoofd · 1 vervallen')
    // Withdrawn, with a reason: it stays in the record.
    await entry.getByRole('button', { name: 'Paraaf van A. Hoofd intrekken' }).click()
    const withdraw = page.getByRole('dialog', { name: 'Paraaf van A. Hoofd intrekken' })
    await withdraw.getByLabel('Reden (optioneel)').fill('tekst gaat nog veranderen')
    await withdraw.getByRole('button', { name: 'Intrekken' }).click()
    await expect.poll(() => entry.locator('.paraaf-state').textContent()).toBe('ingetrokken')
    expect(await entry.textContent()).toContain('Ingetrokken: tekst gaat nog veranderen')
    await page.getByRole('button', { name: 'Paraaf vastleggen…' }).click()
    await page.getByRole('dialog', { name: 'Paraaf vastleggen' }).getByRole('button', { name: 'Paraaf vastleggen' }).click()
    await expect.poll(() => summary.textContent()).toBe('1 van 3 parafen · volgende: D. Recteur')
    // A second edit: the new paraaf lapses too, and shows what changed since.
    await page.locator('.page-body .ProseMirror').getByText('Van de 269 mln.').click()
    await page.keyboard.press('End')
    await page.keyboard.type(' Nogmaals.')
    const newest = page.getByTestId('parafen').locator('li').last()
    await expect.poll(() => newest.locator('.paraaf-state').textContent(), { timeout: 15_000 }).toBe('vervallen')
    await newest.getByRole('button', { name: /Wat is er veranderd sinds deze paraaf\? \(1 woord erbij, 0 woorden eraf\)/ }).click()
    await page.waitForURL(new RegExp(`#/doc/${id}/compare/2/3$`))
    await page.getByTestId('redline').locator('ins', { hasText: 'Nogmaals' }).waitFor()
    // The start screen says it too.
    await page.evaluate(() => { location.hash = '#/' })
    await expect.poll(() => page.getByTestId('paraaf-state').first().textContent()).toBe('Parafen: 0 van 3 · 1 vervallen')
    // "Controleren…": the file is exactly version 1; A. Hoofd's paraaf on it was withdrawn, so it carries none.
    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Controleren…' }).click()
    await (await chooser).setFiles(path)
    const verdict = page.getByRole('alertdialog', { name: 'Bestand klopt' })
    await verdict.waitFor()
    expect(await verdict.textContent()).toMatch(/nota-v1\.docx is precies versie 1 van document \d+\. Op deze tekst staan geen parafen\./)
    await verdict.getByRole('button', { name: 'OK' }).click()
    // Version 2 carries the paraaf given again on it.
    const v2 = join(tempDir(), 'nota-v2.docx')
    writeFileSync(v2, Buffer.from((await apiCall<{ base64: string }>(server, 'exportDocx', { id, version: 2 })).base64, 'base64'))
    const chooser2 = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Controleren…' }).click()
    await (await chooser2).setFiles(v2)
    const verdict2 = page.getByRole('alertdialog', { name: 'Bestand klopt' })
    await verdict2.waitFor()
    expect(await verdict2.textContent()).toMatch(/nota-v2\.docx is precies versie 2 van document \d+\. Parafen op deze tekst: A\. Hoofd \(Afdelingshoofd, lijnparaaf, \d{4}-\d{2}-\d{2}\)\./)
    expect(errors).toEqual([])
  })
})
