import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { apiCall, runE2e, startSession, type BrowserSession } from '../helpers/browser.js'
import { readBigLetter, repoRoot } from '../helpers/corpus.js'
import { changeDocx } from '../helpers/word-edits.js'

const artifacts = join(repoRoot, 'test/artifacts')

/**
 * "Openen met Paraaf" in the desktop app: the shell hands the page a Word
 * file (electron/app-main.ts, preload's onOpenFile). Here the page runs in
 * Chromium with a stand-in for that bridge, and a file is handed to it the
 * same way.
 */
describe.runIf(runE2e)('a Word file opened with Paraaf', () => {
  let session: BrowserSession
  const hand = (file: { name: string; base64?: string; error?: string }) =>
    session.page.evaluate((f) => (window as unknown as { __open(f: unknown): void }).__open(f), file)

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true })
    session = await startSession({ width: 1280, height: 720 })
    await session.page.addInitScript(() => {
      const w = window as unknown as { paraafHost: unknown; __open(f: unknown): void; __waiting: unknown[] }
      w.__waiting = []
      w.__open = (f) => w.__waiting.push(f)
      w.paraafHost = {
        onBeforeClose() {},
        onOpenFile(handler: (f: unknown) => void) {
          w.__open = handler
          for (const f of w.__waiting.splice(0)) handler(f)
        },
      }
    })
  })
  afterAll(async () => {
    await session?.close()
  })

  it('asks whether it is a new document or a return, and opens it as a new document', async () => {
    const { server, page, errors } = session
    // A letter exported from another Paraaf (or written in Word).
    const { id } = await apiCall<{ id: number }>(server, 'importMarkdown', { text: readBigLetter(), fileName: 'brief.md' })
    const exported = await apiCall<{ base64: string; fileName: string }>(server, 'exportDocx', { id })
    await page.goto(server.openUrl)
    await page.getByText('Documenten').first().waitFor()
    await hand({ name: 'brief van DGRR.docx', base64: exported.base64 })
    const dialog = page.getByRole('alertdialog')
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain('brief van DGRR.docx openen')
    await dialog.getByRole('button', { name: 'Nieuw document' }).click()
    await page.locator('.page-body .ProseMirror').waitFor()
    await expect.poll(() => page.locator('.page-title').textContent()).toContain('Uitwerking breed offensief')
    expect(page.url()).not.toContain(`#/doc/${id}`)
    // A file the shell could not read is named in one line.
    await hand({ name: 'weg.docx', error: 'weg.docx kan niet gelezen worden.' })
    await expect.poll(() => page.getByRole('alertdialog').textContent()).toContain('weg.docx kan niet gelezen worden.')
    await page.getByRole('alertdialog').getByRole('button', { name: 'Sluiten' }).click()
    expect(errors).toEqual([])
  })

  it('reads a partner\'s return into the round it belongs to', async () => {
    const { server, page, errors } = session
    const { id } = await apiCall<{ id: number }>(server, 'importMarkdown', { text: readBigLetter(), fileName: 'brief.md' })
    const round = await apiCall<{ round: number; files: { fileName: string; base64: string; org: string }[] }>(server, 'startRound', { id, partners: [{ org: 'OM' }, { org: 'FIOD' }], deadline: 'vrijdag 12.00 uur' })
    const sent = round.files.find((f) => f.org === 'OM')!
    const back = await changeDocx(sent.base64, [{ from: '141 miljoen', to: '150 miljoen', tracked: 'O. Vaart' }])
    await page.evaluate(() => { location.hash = '#/' })
    await page.locator('.doc-list table').waitFor()
    await hand({ name: 'reactie OM.docx', base64: back })
    await page.getByRole('alertdialog').getByRole('button', { name: 'Reactie op een ronde' }).click()
    const pick = page.locator('.dialog select[name="round"]')
    await pick.waitFor()
    expect(await pick.locator('option').first().textContent()).toMatch(/^Uitwerking breed offensief.* – ronde \d+, reactie vóór vr \d{1,2} [a-z]+ 12\.00 uur \(0 van 2 binnen\)$/)
    await page.getByRole('button', { name: 'Inlezen' }).click()
    await expect.poll(() => page.getByTestId('round-message').textContent()).toContain('Reactie van OM')
    expect(page.url()).toContain(`#/doc/${id}/ronde/${round.round}`)
    await expect.poll(() => page.getByTestId('round-partners').textContent()).toContain('reactie ontvangen')
    await expect.poll(() => page.getByTestId('proposals').textContent()).toContain('150 miljoen')
    await page.screenshot({ path: join(artifacts, 'e2e-open-with-return-1280.png') })
    expect(errors).toEqual([])
  })
})
