import { afterAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { startServiceHost } from '../../electron/service-host.js'
import { repoRoot } from '../helpers/corpus.js'
import { tempDir } from '../helpers/temp.js'

describe('the service host behind the Electron window', () => {
  const host = startServiceHost({ binPath: join(repoRoot, 'bin/paraaf.js'), nodePath: process.execPath, dataDir: tempDir() })
  afterAll(() => host.stop())

  it('answers API calls over the child-process channel, validated like every transport', async () => {
    const templates = await host.call('listTemplates', undefined)
    expect(templates.ok && (templates.value as { type: string }[]).map((t) => t.type)).toContain('kamerbrief')
    const created = await host.call('createDocument', { type: 'memo', meta: { onderwerp: 'Memo RVI' } })
    expect(created).toEqual({ ok: true, value: { id: 1, version: 1 } })
    expect(await host.call('openDocument', { id: 'x' })).toMatchObject({ ok: false, error: expect.stringMatching(/Ongeldige invoer/) })
  })
})
