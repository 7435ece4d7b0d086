import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiCall, runE2e, startSession, type BrowserSession } from '../helpers/browser.js'
import { readBigLetter } from '../helpers/corpus.js'

// Ministry laptops: 1280 × 720 (a 1920 × 1080 screen at 150 %) and 1366 × 768
// are common. Every screen fits without scrolling sideways, with its main
// action in view, also for the 18 June letter's long onderwerp.
describe.runIf(runE2e)('every screen fits the laptop screen', () => {
  let session: BrowserSession
  let id = 0
  beforeAll(async () => {
    session = await startSession({ width: 1280, height: 720 })
    const { server, page } = session
    id = (await apiCall<{ id: number }>(server, 'importMarkdown', { text: readBigLetter(), fileName: 'brief.md' })).id
    const snap = await apiCall<{ meta: unknown; content: unknown }>(server, 'openDocument', { id })
    await apiCall(server, 'saveVersion', { id, base: 1, meta: snap.meta, content: JSON.parse(JSON.stringify(snap.content).replace('volle toeren', 'halve kracht')), kind: 'named', label: 'Bewerkt' })
    await apiCall(server, 'startRound', { id, partners: [{ org: 'Politie' }, { org: 'OM' }] })
    await page.goto(server.openUrl)
  })
  afterAll(async () => {
    await session?.close()
  })

  const screens: [string, string, string][] = [
    ['start', '', 'Nieuw document'],
    ['editor', `/doc/ID`, 'Versie vastleggen'],
    ['compare inline', `/doc/ID/compare/1/2`, 'Verwerken als nieuwe versie'],
    ['compare side by side', `/doc/ID/compare/1/2/side`, 'Verwerken als nieuwe versie'],
    ['rounds', `/doc/ID/ronde`, 'Reactie inlezen…'],
  ]
  for (const [width, height] of [[1280, 720], [1366, 768], [1440, 900], [1920, 1080]]) {
    it(`at ${width} × ${height}`, async () => {
      const { page, errors } = session
      await page.setViewportSize({ width, height })
      for (const [name, route, action] of screens) {
        await page.evaluate((hash) => { location.hash = hash }, `#${route.replace('ID', String(id))}`)
        const button = page.getByRole('button', { name: action, exact: true }).first()
        // Polled: the screen before may still stand for a moment (its button detached as the new one is built).
        const inView = async () => {
          const box = await button.boundingBox().catch(() => null)
          return !!box && box.x + box.width <= width && box.y + box.height <= height
        }
        await expect.poll(async () => [name, await inView()]).toEqual([name, true])
        await expect.poll(async () => [name, await page.evaluate(() => document.documentElement.scrollWidth)]).toEqual([name, width])
      }
      expect(errors).toEqual([])
    })
  }

  it('folds the side panel away to a strip, and keeps it so after a reload', async () => {
    const { page, server } = session
    await page.setViewportSize({ width: 1280, height: 720 })
    await page.evaluate((doc) => { location.hash = `#/doc/${doc}` }, id)
    await page.getByRole('button', { name: 'Gegevens en versies inklappen' }).click()
    await expect.poll(() => page.getByLabel('Onderwerp').isVisible()).toBe(false)
    const pageWidth = async () => (await page.locator('.page-body').first().evaluate((el) => el.closest('.page')!.getBoundingClientRect().width))
    expect(await pageWidth()).toBeGreaterThan(780)
    await page.goto(`${server.url}#/doc/${id}`)
    await page.getByRole('button', { name: 'Gegevens en versies tonen' }).click()
    await page.getByLabel('Onderwerp').waitFor()
  })
})
