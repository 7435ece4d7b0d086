import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { parse } from 'yaml'
import { repoRoot } from '../helpers/corpus.js'

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
