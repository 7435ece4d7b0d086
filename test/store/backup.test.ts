import { describe, expect, it } from 'vitest'
import { policyLocations, readPolicy } from '../../src/service/policy.js'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openTestApp, must } from '../helpers/app.js'
import { readBigLetter, repoRoot } from '../helpers/corpus.js'
import { tempDir } from '../helpers/temp.js'
import { scheduledBackup } from '../../src/service/backup.js'

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
