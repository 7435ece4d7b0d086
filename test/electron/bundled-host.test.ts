import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { forkLauncher, startServiceHost, type ServiceHost } from '../../electron/service-host.js'
import { repoRoot } from '../helpers/corpus.js'
import { tempDir } from '../helpers/temp.js'

/**
 * The installed app runs dist/cli/entry.js in Electron's utilityProcess, with
 * no Node, no tsx and no TypeScript sources on the laptop. As a stand-in (the
 * Electron binary cannot be installed here), the bundle runs on plain Node
 * from a folder holding only the bundle, the templates and better-sqlite3
 * with what it loads at run time.
 */
describe('the bundled service host, alone in a folder', () => {
  const app = tempDir()
  let host: ServiceHost

  beforeAll(async () => {
    const { buildCli } = await import(pathToFileURL(join(repoRoot, 'scripts/build-cli.mjs')).href) as { buildCli(outdir: string): Promise<void> }
    await buildCli(join(app, 'dist', 'cli'))
    cpSync(join(repoRoot, 'templates'), join(app, 'resources', 'templates'), { recursive: true })
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'paraaf', type: 'module', main: 'dist/electron/main.cjs' }))
    for (const dep of ['better-sqlite3', 'bindings', 'file-uri-to-path']) {
      const from = join(repoRoot, 'node_modules', dep)
      cpSync(from, join(app, 'node_modules', dep), { recursive: true, filter: (src) => !src.includes(`${dep}/src`) && !src.includes(`${dep}/deps`) })
    }
    mkdirSync(join(app, 'data'))
    host = startServiceHost(forkLauncher({ binPath: join(app, 'dist', 'cli', 'entry.js'), nodePath: process.execPath, args: ['--data', join(app, 'data'), '--templates', join(app, 'resources', 'templates')] }))
  }, 60_000)
  afterAll(() => host?.stop())

  it('has nothing of tsx or the sources beside it', () => {
    expect(existsSync(join(app, 'node_modules', 'tsx'))).toBe(false)
    expect(existsSync(join(app, 'src'))).toBe(false)
    expect(readFileSync(join(app, 'dist', 'cli', 'entry.js'), 'utf8')).not.toMatch(/from ["']tsx/)
  })

  it('writes, compares and exports a letter over its IPC channel', async () => {
    const created = await host.call('createDocument', { type: 'kamerbrief', meta: { onderwerp: 'Aanpak ondermijning', datum: '2020-06-18', kenmerk: '2946123', afzender: 'DGRR', geadresseerde: 'Tweede Kamer', ondertekening: 'De Minister' } })
    expect(created).toEqual({ ok: true, value: { id: 1, version: 1 } })
    const para = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })
    const opened = await host.call('openDocument', { id: 1 }) as { ok: true; value: { meta: Record<string, unknown> } }
    expect(await host.call('saveVersion', { id: 1, base: 1, meta: opened.value.meta, content: para('Het kabinet investeert 110 miljoen euro.'), kind: 'named', label: 'Concept' })).toMatchObject({ ok: true })
    expect(await host.call('saveVersion', { id: 1, base: 2, meta: opened.value.meta, content: para('Het kabinet investeert 150 miljoen euro.'), kind: 'named', label: 'Na DFEZ' })).toMatchObject({ ok: true })
    const compared = await host.call('compareVersions', { id: 1, a: 2, b: 3 }) as { ok: true; value: { comparison: { changes: { deleted: string; inserted: string }[] } } }
    expect(compared.value.comparison.changes.map((c) => [c.deleted, c.inserted])).toEqual([['110', '150']])
    // The Word export loads its own chunk (docx, jszip) from the bundle.
    const exported = await host.call('exportDocx', { id: 1 }) as { ok: true; value: { base64: string; fileName: string } }
    expect(exported.ok).toBe(true)
    expect(Buffer.from(exported.value.base64, 'base64').subarray(0, 2).toString()).toBe('PK')
    expect(await host.call('openDocument', { id: 'x' })).toMatchObject({ ok: false, error: expect.stringMatching(/Ongeldige invoer/) })
  })
})
