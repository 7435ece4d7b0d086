import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Download } from 'playwright-core'
import JSZip from 'jszip'
import { apiCall, runE2e, startSession, type BrowserSession } from '../helpers/browser.js'
import { readBigLetter, repoRoot } from '../helpers/corpus.js'
import { tempDir } from '../helpers/temp.js'
import { changeDocx } from '../helpers/word-edits.js'
import { docxParts } from '../helpers/docx.js'

const artifacts = join(repoRoot, 'test/artifacts')

describe.runIf(runE2e)('a review round in the browser, on a 1280 × 720 laptop screen', () => {
  let session: BrowserSession

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true })
    session = await startSession({ width: 1280, height: 720 })
  })
  afterAll(async () => {
    await session?.close()
  })

  it('sends the letter to two partners, takes in both returns, resolves their conflict and processes it into one version', async () => {
    const { server, page, errors } = session
    const { id } = await apiCall<{ id: number }>(server, 'importMarkdown', { text: readBigLetter(), fileName: 'brief.md' })
    await page.goto(server.openUrl)
    await page.evaluate((doc) => { location.hash = `#/doc/${doc}` }, id)
    await page.locator('.page-body .ProseMirror').waitFor()

    await page.getByRole('button', { name: 'Afstemming', exact: true }).click()
    await page.getByRole('button', { name: 'Afstemmingsronde starten…' }).click()
    await page.locator('textarea[name="partners"]').fill('Politie\nOM')
    // The deadline as staff type it; the dialog says what it read, or why it cannot.
    await page.locator('input[name="deadline"]').fill('volgende week')
    expect(await page.getByTestId('deadline-read').textContent()).toMatch(/is niet te lezen; schrijf bijvoorbeeld/)
    await page.locator('input[name="deadline"]').fill('vrijdag 12.00 uur')
    expect(await page.getByTestId('deadline-read').textContent()).toMatch(/^= vr \d{1,2} [a-z]+ \d{4} 12\.00 uur$/)
    const downloads: Download[] = []
    page.on('download', (d) => downloads.push(d))
    await page.getByRole('button', { name: 'Starten en bestanden maken' }).click()
    await expect.poll(() => downloads.length).toBe(2)
    const dir = tempDir()
    const sent: Record<string, string> = {}
    for (const d of downloads) {
      const path = join(dir, d.suggestedFilename())
      await d.saveAs(path)
      sent[/politie/.test(path) ? 'Politie' : 'OM'] = path
    }
    await page.getByTestId('round-partners').waitFor()
    expect(await page.getByTestId('round-partners').textContent()).toContain('gevraagd')

    // Two partners return the letter with tracked changes; they change the same amount differently.
    const returned = async (org: string, edits: { from: string; to: string; tracked: string }[]) => {
      const path = join(dir, `terug-${org}.docx`)
      writeFileSync(path, Buffer.from(await changeDocx(readFileSync(sent[org]).toString('base64'), edits), 'base64'))
      const chooser = page.waitForEvent('filechooser')
      await page.getByRole('button', { name: 'Reactie inlezen…' }).click()
      await (await chooser).setFiles(path)
      await expect.poll(() => page.getByTestId('round-message').textContent()).toContain(`Reactie van ${org}`)
    }
    await returned('Politie', [{ from: '141 miljoen', to: '145 miljoen', tracked: 'A. Agent' }])
    await returned('OM', [{ from: '141 miljoen', to: '150 miljoen', tracked: 'O. Vaart' }, { from: 'lijkt de grootschalige drugshandel', to: 'lijkt de georganiseerde drugshandel', tracked: 'O. Vaart' }])

    // A copy without the round's stamp (pasted into a new file): Paraaf asks whose it is, and says how alike it is.
    const zip = await JSZip.loadAsync(readFileSync(sent.Politie))
    zip.remove('docProps/custom.xml')
    const unstamped = join(dir, 'zonder-kenmerk.docx')
    writeFileSync(unstamped, await zip.generateAsync({ type: 'nodebuffer' }))
    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('button', { name: 'Reactie inlezen…' }).click()
    await (await chooser).setFiles(unstamped)
    const dialog = page.getByRole('alertdialog')
    await dialog.waitFor()
    expect(await dialog.textContent()).toMatch(/komt voor 100% overeen met versie 1/)
    await dialog.getByRole('button', { name: 'Politie' }).click()
    await expect.poll(() => page.getByTestId('round-message').textContent()).toContain('Reactie van Politie: 0 voorstel(len)')

    const list = page.getByTestId('proposals')
    // Two proposals for the same words are one item: the current text above, each partner's version beside the other.
    await expect.poll(() => list.locator('li.proposal').count()).toBe(2)
    const conflict = list.getByTestId('conflict-group')
    expect(await conflict.locator('.status').first().textContent()).toBe('Conflict tussen Politie en OM')
    expect(await conflict.locator('.current-text strong').textContent()).toBe('141')
    const columns = await conflict.locator('.conflict-column').evaluateAll((cells) => cells.map((c) => {
      const box = c.getBoundingClientRect()
      return { text: c.querySelector('.proposal-text')!.textContent, top: Math.round(box.top), left: Math.round(box.left) }
    }))
    expect(columns.map((c) => c.text)).toEqual(['141145', '141150'])
    expect(columns[0].top).toBe(columns[1].top)
    expect(columns[1].left).toBeGreaterThan(columns[0].left)
    expect(await page.getByTestId('round-partners').textContent()).toContain('reactie ontvangen')
    await page.screenshot({ path: join(artifacts, 'e2e-rounds-1280.png') })
    // Nothing on the screen is wider than the laptop's window.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280)

    // OM's amount is taken (Politie's is then declined), and every clean proposal.
    // A choice can be taken back before processing.
    await conflict.getByRole('button', { name: 'Van Politie overnemen: 145' }).click()
    await expect.poll(() => list.locator('.conflict-column.decided').count()).toBe(2)
    await conflict.getByRole('button', { name: 'Besluit intrekken' }).click()
    await expect.poll(() => list.locator('.conflict-column.decided').count()).toBe(0)
    await conflict.getByRole('button', { name: 'Van OM overnemen: 150' }).click()
    await expect.poll(() => list.locator('.conflict-column.decided.reject', { hasText: '145' }).count()).toBe(1)
    expect(await list.locator('.conflict-column.decided.accept').textContent()).toContain('150')
    await page.getByRole('button', { name: /Alle schone overnemen/ }).click()
    await expect.poll(() => list.locator('li.decided.accept').count()).toBe(1)

    // "Toon in tekst" opens the draft at the words the proposal is about.
    await list.locator('li.proposal', { hasText: 'georganiseerde' }).getByRole('link', { name: 'Toon in tekst' }).click()
    await page.locator('.page-body .ProseMirror').waitFor()
    await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe('grootschalige')
    await page.goBack()
    await page.getByTestId('proposals').waitFor()
    await page.getByRole('button', { name: 'Verwerken als nieuwe versie' }).click()
    await page.waitForURL(new RegExp(`#/doc/${id}/compare/1/2$`))

    // The overview to mail back to Politie says what happened to their proposal.
    await page.goBack()
    await page.getByTestId('round-partners').waitFor()
    const overview = page.waitForEvent('download')
    await page.getByTestId('round-partners').locator('tr', { hasText: 'Politie' }).getByRole('button', { name: 'Verwerkingsoverzicht' }).click()
    const path = join(dir, 'overzicht-politie.docx')
    const download = await overview
    expect(download.suggestedFilename()).toMatch(/^verwerking-politie-.*\.docx$/)
    await download.saveAs(path)
    const overviewText = (await docxParts(readFileSync(path)))['word/document.xml'].replace(/<[^>]+>/g, '')
    expect(overviewText).toContain('141 → 145: niet overgenomen')

    // The start screen tells where the round stands.
    await page.evaluate(() => { location.hash = '#/' })
    const state = page.getByTestId('round-state').first()
    await state.waitFor()
    expect(await state.textContent()).toMatch(/^Afstemming: 2 van 2 reacties, deadline vr \d{1,2} [a-z]+( \d{4})? 12\.00 uur$/)
    await page.screenshot({ path: join(artifacts, 'e2e-start-round-1280.png') })

    const versions = await apiCall<{ number: number; label: string | null }[]>(server, 'listVersions', { id })
    expect(versions.at(-1)).toMatchObject({ number: 2, label: 'Reacties OM en Politie verwerkt: 2 overgenomen, 1 niet' })
    const text = JSON.stringify((await apiCall<{ content: unknown }>(server, 'openDocument', { id })).content)
    expect(text).toContain('150 miljoen euro in 2021')
    expect(text).toContain('lijkt de georganiseerde drugshandel')
    expect(errors).toEqual([])
  })
})
