import { afterAll, describe, expect, it } from 'vitest'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { forkLauncher, startServiceHost } from '../../electron/service-host.js'
import { repoRoot } from '../helpers/corpus.js'
import { tempDir } from '../helpers/temp.js'

describe('the service host behind the Electron window', () => {
  const host = startServiceHost(forkLauncher({ binPath: join(repoRoot, 'bin/paraaf.js'), nodePath: process.execPath, args: ['--data', tempDir()] }))
  afterAll(() => host.stop())

  it('answers API calls over the child-process channel, validated like every transport', async () => {
    const templates = await host.call('listTemplates', undefined)
    expect(templates.ok && (templates.value as { type: string }[]).map((t) => t.type)).toContain('kamerbrief')
    const created = await host.call('createDocument', { type: 'memo', meta: { onderwerp: 'Memo RVI' } })
    expect(created).toEqual({ ok: true, value: { id: 1, version: 1 } })
    expect(await host.call('openDocument', { id: 'x' })).toMatchObject({ ok: false, error: expect.stringMatching(/Ongeldige invoer/) })
  })

  it('makes a backup of the database when it starts and another when the app quits', async () => {
    const dataDir = tempDir()
    const other = startServiceHost(forkLauncher({ binPath: join(repoRoot, 'bin/paraaf.js'), nodePath: process.execPath, args: ['--data', dataDir] }))
    expect(await other.call('createDocument', { type: 'memo', meta: { onderwerp: 'Te bewaren' } })).toMatchObject({ ok: true })
    const folder = join(dataDir, 'reservekopieen')
    const backups = () => (existsSync(folder) ? readdirSync(folder).filter((n) => /^paraaf-\d{8}-\d{6}\.sqlite$/.test(n)) : [])
    await expect.poll(() => backups().length, { timeout: 10_000 }).toBe(1)
    // Backups are named by the second: the one on quit comes a second later.
    await new Promise((r) => setTimeout(r, 1100))
    await other.stop()
    await expect.poll(() => backups().length, { timeout: 10_000 }).toBe(2)
  })
})
