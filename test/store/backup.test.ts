import { describe, expect, it } from 'vitest'
import { policyLocations, readPolicy } from '../../src/service/policy.js'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openTestApp, must } from '../helpers/app.js'
import { readBigLetter, repoRoot } from '../helpers/corpus.js'
import { tempDir } from '../helpers/temp.js'
import { apiCall, startServeProcess } from '../helpers/browser.js'
import { scheduledBackup } from '../../src/service/backup.js'

function paraafAsync(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/paraaf.js'), ...args])
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => { out += d })
    child.stderr.on('data', (d) => { err += d })
    child.on('close', (code) => resolve({ code, out, err }))
  })
}

function paraaf(args: string[]) {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin/paraaf.js'), ...args], { encoding: 'utf8' })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

describe('backups', () => {
  it('paraaf backup writes a checked copy that paraaf restore-backup puts back in an empty folder, and only there', async () => {
    const data = tempDir()
    const app = openTestApp(data)
    must(await app.api.importMarkdown({ text: readBigLetter(), fileName: 'brief.md' }))
    app.close()
    const file = join(tempDir(), 'kopie.sqlite')
    const made = paraaf(['backup', '--out', file, '--data', data])
    expect(made).toMatchObject({ code: 0, out: `${file}\n` })
    // Not over an existing file.
    expect(paraaf(['backup', '--out', file, '--data', data])).toMatchObject({ code: 1, err: expect.stringMatching(/bestaat al/) })

    const restored = tempDir()
    expect(paraaf(['restore-backup', file, '--data', restored])).toMatchObject({ code: 0, out: `Teruggezet in ${restored}.\n` })
    const list = paraaf(['list', '--json', '--data', restored])
    expect(JSON.parse(list.out).map((d: { title: string }) => d.title)).toEqual(['Uitwerking breed offensief tegen georganiseerde ondermijnende criminaliteit'])
    // Never over data that is there: the folder must be empty, and stays as it was.
    const before = readFileSync(join(data, 'paraaf.sqlite'))
    expect(paraaf(['restore-backup', file, '--data', data])).toMatchObject({ code: 1, err: expect.stringMatching(/is niet leeg; Paraaf zet een reservekopie alleen terug in een lege map/) })
    expect(readFileSync(join(data, 'paraaf.sqlite')).equals(before)).toBe(true)
    // Without --data nothing is guessed.
    expect(paraaf(['restore-backup', file])).toMatchObject({ code: 1, err: expect.stringMatching(/--data MAP/) })
  })

  it('a backup taken while another process writes is whole and holds every version acknowledged before it began', async () => {
    const data = tempDir()
    const server = await startServeProcess(data)
    try {
      const { id } = await apiCall<{ id: number }>(server, 'importMarkdown', { text: readBigLetter(), fileName: 'brief.md' })
      const first = await apiCall<{ meta: Record<string, unknown>; content: { content: unknown[] } }>(server, 'openDocument', { id })
      let acknowledged = 1
      let writing = true
      // Another process (the app) saves version after version, each one acknowledged before the next.
      const writer = (async () => {
        while (writing) {
          const content = { ...first.content, content: [{ type: 'paragraph', content: [{ type: 'text', text: `Bewerking ${acknowledged}` }] }, ...first.content.content] }
          acknowledged = (await apiCall<{ number: number }>(server, 'saveVersion', { id, base: acknowledged, meta: first.meta, content, kind: 'auto' })).number
        }
      })()
      await expect.poll(() => acknowledged, { timeout: 20_000 }).toBeGreaterThanOrEqual(5)
      const before = acknowledged
      const file = join(tempDir(), 'tijdens-schrijven.sqlite')
      const made = await paraafAsync(['backup', '--out', file, '--data', data])
      const during = acknowledged
      writing = false
      await writer
      expect(made).toMatchObject({ code: 0, out: `${file}\n` })
      // The writer went on while the backup was taken.
      expect(during).toBeGreaterThan(before)

      const restored = tempDir()
      expect(paraaf(['restore-backup', file, '--data', restored])).toMatchObject({ code: 0 })
      const copy = openTestApp(restored)
      expect(must(await copy.api.checkDatabase())).toEqual({ ok: true, messages: ['ok'] })
      const versions = must(await copy.api.listVersions({ id }))
      expect(versions.length).toBeGreaterThanOrEqual(before)
      // Every version in the copy opens, with the text it was saved with.
      for (const v of versions.slice(1)) {
        const text = JSON.stringify(must(await copy.api.openDocument({ id, version: v.number })).content)
        expect(text).toContain(`Bewerking ${v.number - 1}`)
      }
      copy.close()
    } finally {
      await server.stop()
    }
  })

  it('refuses a damaged or foreign file as a backup, in one Dutch line', () => {
    const bad = join(tempDir(), 'kapot.sqlite')
    writeFileSync(bad, Buffer.alloc(8192, 7))
    const target = tempDir()
    const r = paraaf(['restore-backup', bad, '--data', target])
    expect(r.code).toBe(1)
    expect(r.err.trim().split('\n')).toHaveLength(1)
    expect(r.err).toMatch(/geen database van Paraaf/)
    expect(readdirSync(target)).toEqual([])
  })

  it('makes one backup a day into the folder IT sets beside the program, keeping the last 14', async () => {
    const program = tempDir()
    const folder = join(tempDir(), 'netwerkschijf', 'paraaf')
    writeFileSync(join(program, 'paraaf-beleid.json'), JSON.stringify({ backupDir: folder }))
    const app = openTestApp(tempDir(), { policy: readPolicy(policyLocations(program, {}, 'linux')) })
    must(await app.api.createDocument({ type: 'memo', meta: { onderwerp: 'Memo' } }))
    const day = (n: number, hour = 9) => new Date(Date.UTC(2026, 10, n, hour))
    for (let n = 1; n <= 20; n++) expect(must(await scheduledBackup(app, day(n)))).toMatch(/paraaf-202611\d\d-090000\.sqlite$/)
    // Within a day of the last one: none; on quit (force): one.
    expect(must(await scheduledBackup(app, day(20, 17)))).toBeNull()
    expect(must(await scheduledBackup(app, day(20, 17), { force: true }))).toMatch(/170000\.sqlite$/)
    const kept = readdirSync(folder).sort()
    expect(kept).toHaveLength(14)
    expect(kept[0]).toBe('paraaf-20261108-090000.sqlite')
    expect(kept.at(-1)).toBe('paraaf-20261120-170000.sqlite')
    // Files that are not Paraaf's backups are never removed.
    mkdirSync(join(folder, 'anders'))
    writeFileSync(join(folder, 'notitie.txt'), 'x')
    must(await scheduledBackup(app, day(22)))
    expect(existsSync(join(folder, 'notitie.txt'))).toBe(true)
    app.close()
  })
})
