// Dev aid: screenshots of the compare view. node scripts/dev/look-compare.mjs URL HASH OUT
import { chromium } from 'playwright-core'
const [url, hash, out] = process.argv.slice(2)
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] })
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
page.on('pageerror', (e) => console.log('pageerror:', e.message))
await page.goto(url)
await page.evaluate((h) => { location.hash = h }, hash)
await page.waitForTimeout(1200)
await page.keyboard.press('F7')
await page.keyboard.press('F7')
await page.waitForTimeout(300)
await page.screenshot({ path: out })
await browser.close()
