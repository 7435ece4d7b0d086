import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { apiCall, runE2e, startSession, type BrowserSession, type ServerProcess } from '../helpers/browser.js'
import { tempDir } from '../helpers/temp.js'
import { readBigLetter, repoRoot } from '../helpers/corpus.js'
import { changeDocx } from '../helpers/word-edits.js'

const artifacts = join(repoRoot, 'test/artifacts')

describe.runIf(runE2e)('a partner returns the letter as Word with tracked changes and comments', () => {
  let session: BrowserSession
  let server: ServerProcess
  let id: number
  let returned: string

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true })
    session = await startSession({ width: 1500, height: 1000 })
    server = session.server
    ;({ id } = await apiCall<{ id: number }>(server, 'importMarkdown', { text: readBigLetter(), fileName: 'brief.md' }))
    // The partner's Word file: three proposals as tracked changes and a comment, made with Paraaf's own export.
    const partner = await apiCall<{ id: number }>(server, 'importMarkdown', { text: readBigLetter(), fileName: 'brief.md' })
    const snap = await apiCall<{ meta: unknown; content: unknown }>(server, 'openDocument', { id: partner.id })
    const edited = JSON.stringify(snap.content)
      .replace('draait op volle toeren', 'draait nog altijd op volle toeren')
      .replace('de vondsten van crystal meth-labs nemen een vlucht', 'het aantal ontmantelde crystal meth-labs stijgt')
      .replace('Middels deze brief informeer ik u over de uitwerking.', 'Met deze brief informeer ik u over de uitwerking.')
    await apiCall(server, 'saveVersion', { id: partner.id, base: 1, meta: snap.meta, content: JSON.parse(edited), kind: 'named', label: 'Politie' })
    await apiCall(server, 'commentOnQuote', { id: partner.id, quote: 'het aantal ontmantelde crystal meth-labs stijgt', org: 'Politie', author: 'A. Agent', text: 'Cijfers uit het jaarverslag 2019.' })
    const file = await apiCall<{ base64: string }>(server, 'exportDocx', { id: partner.id, against: 1, comments: true })
    returned = join(tempDir(), 'reactie-politie.docx')
    writeFileSync(returned, Buffer.from(file.base64, 'base64'))
  })
  afterAll(async () => {
    await session?.close()
  })

  it('imports the reply into the letter, takes over two proposals, declines one, and shows the comment', async () => {
    const { page, errors } = session
    await page.goto(server.openUrl)
    await page.evaluate((doc) => { location.hash = `#/doc/${doc}` }, id)
    await page.locator('.page-body .ProseMirror').waitFor()
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Reactie importeren…' }).click()])
    await chooser.setFiles(returned)
    await page.locator('input[name="label"]').fill('Reactie Politie, 15 juni')
    await page.getByRole('button', { name: 'Importeren', exact: true }).click()

    await page.getByTestId('redline').waitFor()
    const items = page.getByTestId('change-list').locator('li')
    await expect.poll(() => items.count()).toBeGreaterThanOrEqual(3)
    // The first two proposals (their changes) are taken over, "Middels" → "Met" is declined.
    const texts = await items.allTextContents()
    const declined = texts.findIndex((t) => t.includes('Middels'))
    expect(declined).toBeGreaterThan(0)
    for (let i = 0; i < texts.length; i++) if (i !== declined) await items.nth(i).locator('input[type="checkbox"]').check()
    await page.getByRole('button', { name: '✓ Overnemen' }).click()
    for (let i = 0; i < texts.length; i++) if (i !== declined) await items.nth(i).locator('input[type="checkbox"]').uncheck()
    await items.nth(declined).locator('.change-body').click()
    await page.getByRole('button', { name: '✗ Weigeren' }).click()
    expect(await page.getByTestId('decision').allTextContents()).toEqual(texts.map((_, i) => (i === declined ? 'geweigerd' : 'overgenomen')))
    await page.screenshot({ path: join(artifacts, 'e2e-import-compare.png') })
    await page.getByRole('button', { name: 'Verwerken als nieuwe versie' }).click()

    await page.locator('.page-body .ProseMirror').waitFor()
    const text = await page.locator('.page-body .ProseMirror').textContent()
    expect(text).toContain('draait nog altijd op volle toeren')
    expect(text).toContain('het aantal ontmantelde crystal meth-labs stijgt')
    expect(text).toContain('Middels deze brief informeer ik u over de uitwerking.')
    await page.locator('.comment-card', { hasText: 'Cijfers uit het jaarverslag 2019.' }).waitFor()
    expect(await page.locator('.comment-card', { hasText: 'Cijfers uit het jaarverslag 2019.' }).textContent()).toContain('Politie')
    expect(await page.getByTestId('history').locator('li').first().textContent()).toMatch(/\d wijzigingen van versie \d+ overgenomen, 1 geweigerd/)
    await page.screenshot({ path: join(artifacts, 'e2e-import-result.png') })
    expect(errors).toEqual([])
  })

  it('says when the file holds edits made without tracking, and shows them against the drafter\'s own last version on request', async () => {
    const { page, errors } = session
    const sent = await apiCall<{ base64: string }>(server, 'exportDocx', { id })
    const back = await changeDocx(sent.base64, [
      { from: 'Terwijl de coronacrisis', to: 'Nu de coronacrisis', tracked: 'K. Kas (OM)' },
      { from: 'Tevens presenteer ik', to: 'Ook presenteer ik', tracked: null },
    ])
    const file = join(tempDir(), 'reactie-om.docx')
    writeFileSync(file, Buffer.from(back, 'base64'))
    await page.goto(`${server.url}#/doc/${id}`)
    await page.locator('.page-body .ProseMirror').waitFor()
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Reactie importeren…' }).click()])
    await chooser.setFiles(file)
    await page.getByRole('button', { name: 'Importeren', exact: true }).click()
    const dialog = page.locator('.dialog', { hasText: 'niet bijgehouden' })
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain('1 wijziging is niet bijgehouden')
    await dialog.getByRole('button', { name: 'Alles t.o.v. mijn laatste versie' }).click()
    await page.getByTestId('redline').waitFor()
    const items = page.getByTestId('change-list').locator('li')
    await expect.poll(async () => (await items.allTextContents()).join(' | ')).toMatch(/Ook/)
    // The tracked change is the Word reviewer's, once the compare screen knows who made what.
    await expect.poll(async () => (await items.allTextContents()).some((t) => t.includes('Nu') && t.includes('K. Kas (OM)'))).toBe(true)
    expect(errors).toEqual([])
  })
})
