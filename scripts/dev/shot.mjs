import { chromium } from 'playwright-core'
const url = process.argv[2], out = process.argv[3], hash = process.argv[4] ?? ''
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] })
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } })
page.on('console', (m) => console.log('console:', m.type(), m.text()))
page.on('response', (r) => { if (r.status() >= 400) console.log('http', r.status(), r.url()) })
page.on('pageerror', (e) => console.log('pageerror:', e.message))
await page.goto(url)
if (hash) { await page.evaluate((h) => { location.hash = h }, hash) }
await page.waitForTimeout(1500)
await page.screenshot({ path: out })
await browser.close()
