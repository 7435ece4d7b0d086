// Debian's Chromium driven by playwright-core, and a real browser-mode server.
import { existsSync } from 'node:fs'
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { repoRoot } from './corpus.js'
import { makeTempDir, removeTempDir } from './temp-dir.js'

export const CHROMIUM = process.env.PARAAF_CHROMIUM ?? '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)

/** End-to-end tests run when Chromium is here; in CI a missing Chromium is a failure, not a skip. */
export const runE2e = hasChromium || !!process.env.CI
if (!runE2e) {
  console.warn('\n*** LET OP: geen Chromium op', CHROMIUM, '- de end-to-end-tests worden OVERGESLAGEN. Installeer het met: apt-get install -y chromium ***\n')
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

export interface ServerProcess {
  child: ChildProcess
  openUrl: string
  url: string
  token: string
  stop(): Promise<void>
}

// Every server this process started; none outlives it, also when a test fails
// before it could stop its server.
const running = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})

/** Starts `paraaf serve` as a user would and waits for the address it prints. */
export function startServeProcess(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin/paraaf.js'), 'serve', '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } })
  running.add(child)
  child.once('exit', () => running.delete(child))
  return new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`paraaf serve printed no address: ${out}`))
    }, 20_000)
    child.stderr!.on('data', (d) => { out += d })
    child.stdout!.on('data', (d) => {
      out += d
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)\?token=([\w-]+)/.exec(out)
      if (!m) return
      clearTimeout(timer)
      resolve({
        child, url: m[1], token: m[2], openUrl: `${m[1]}?token=${m[2]}`,
        stop: () => new Promise((done) => {
          if (child.exitCode !== null) return done()
          child.once('exit', () => done())
          child.kill('SIGTERM')
        }),
      })
    })
    child.once('exit', (code) => reject(new Error(`paraaf serve exited (${code}): ${out}`)))
  })
}

/** Calls the API of a running server as a script would. */
export async function apiCall<T = unknown>(server: { url: string; token: string }, method: string, input?: unknown): Promise<T> {
  const res = await fetch(`${server.url}api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Paraaf-Token': server.token }, body: JSON.stringify({ input }) })
  const body = (await res.json()) as { ok: boolean; value: T; error: string }
  if (!body.ok) throw new Error(body.error)
  return body.value
}

export interface BrowserSession {
  server: ServerProcess
  browser: Browser
  page: Page
  /** Uncaught errors of the page; a test ends by expecting none. */
  errors: string[]
  close(): Promise<void>
}

/** A browser-mode server on a fresh data directory and a Chromium page collecting its errors. */
export async function startSession(viewport = { width: 1400, height: 1000 }, env: NodeJS.ProcessEnv = {}, options: { bypassCSP?: boolean; firstStart?: boolean } = {}): Promise<BrowserSession> {
  const dataDir = makeTempDir('paraaf-e2e-')
  const server = await startServeProcess(dataDir, env)
  // A user who has told Paraaf who they are, unless the test is about that first start.
  if (!options.firstStart) await apiCall(server, 'setSettings', { author: 'T. Tester', initials: 'TT' })
  let browser: Browser
  try {
    browser = await launchChromium()
  } catch (err) {
    await server.stop()
    removeTempDir(dataDir)
    throw err
  }
  const page = await browser.newPage({ viewport, acceptDownloads: true, bypassCSP: options.bypassCSP ?? false })
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  return {
    server, browser, page, errors,
    async close() {
      try {
        await browser.close()
      } finally {
        await server.stop()
        removeTempDir(dataDir)
      }
    },
  }
}
