// Starting the app: the Electron window where Electron can run, otherwise
// browser mode on 127.0.0.1, said in one line.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { openApp, packageRoot } from '../service/open-app.js'
import { startServer } from '../server/http-server.js'
import type { CliIo } from './io.js'

const require = createRequire(import.meta.url)

/** The path of the Electron binary, fetching it once if npm skipped the download; null when it cannot be had. */
function findElectron(io: CliIo): string | null {
  const tryResolve = (): string | null => {
    try {
      const path = require('electron') as unknown
      return typeof path === 'string' && existsSync(path) ? path : null
    } catch {
      return null
    }
  }
  const found = tryResolve()
  if (found) return found
  let installer: string
  try {
    installer = join(require.resolve('electron/package.json'), '..', 'install.js')
  } catch {
    return null
  }
  if (!existsSync(installer)) return null
  io.err('Electron ophalen (eenmalig)…\n')
  const result = spawnSync(process.execPath, [installer], { stdio: 'ignore', timeout: 120_000, env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' } })
  return result.status === 0 ? tryResolve() : null
}

/** Opens the Electron window; resolves false when Electron is not available or fails at once. */
export async function startDesktop({ dataDir, io }: { dataDir: string; io: CliIo }): Promise<boolean> {
  const electron = findElectron(io)
  const main = join(packageRoot, 'dist', 'electron', 'main.cjs')
  if (!electron || !existsSync(main)) return false
  const child = spawn(electron, [main], {
    stdio: 'inherit',
    env: { ...process.env, PARAAF_NODE: process.execPath, PARAAF_DATA: dataDir, PARAAF_ROOT: packageRoot },
  })
  // Electron that cannot start here (no display, missing libraries) exits at once.
  const early = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), 3000)
    child.once('exit', (code) => { clearTimeout(timer); resolve(code ?? 1) })
    child.once('error', () => { clearTimeout(timer); resolve(1) })
  })
  if (early !== null && early !== 0) return false
  if (early === 0) process.exit(0)
  child.once('exit', (code) => process.exit(code ?? 0))
  return true
}

/** Serves the app to the browser and prints the address to open. */
export async function startBrowserMode({ dataDir, port, io, announceFallback = false }: { dataDir: string; port: number; io: CliIo; announceFallback?: boolean }): Promise<void> {
  const staticDir = join(packageRoot, 'dist', 'renderer')
  if (!existsSync(join(staticDir, 'index.html'))) io.err('Let op: de gebruikersinterface is nog niet gebouwd; voer "npm run build" uit.\n')
  const app = openApp(dataDir)
  try {
    await app.checkTemplates()
  } catch (err) {
    app.close()
    throw err
  }
  const server = await startServer({ api: app.api, staticDir, port })
  if (announceFallback) io.out('Electron is op deze machine niet beschikbaar; Paraaf draait in browsermodus.\n')
  io.out(`Paraaf: open ${server.openUrl}  (gegevens in ${dataDir})\n`)
  const stop = () => {
    server.close().finally(() => {
      app.close()
      process.exit(0)
    })
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}
