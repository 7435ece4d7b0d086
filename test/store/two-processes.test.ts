import { describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { repoRoot } from '../helpers/corpus.js'
import { tempDir } from '../helpers/temp.js'
import { openTestApp } from '../helpers/app.js'
import { readVersion } from '../../src/store/versions.repo.js'

interface LoopResult { acknowledged: { id: number; number: number; marker: string }[]; errors: string[] }

function writeLoop(dataDir: string, ms: number, tag: string): Promise<LoopResult> {
  const script = join(repoRoot, 'test/fixtures/scripts/write-loop.ts')
  const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir, String(ms), tag], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (err += d))
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as LoopResult) : reject(new Error(`write loop ${tag} exited ${code}: ${err}`))))
  })
}

describe('two processes on one data directory', () => {
  it('saves from both for several seconds without a "database is locked" and keeps every acknowledged version', async () => {
    const dir = tempDir()
    openTestApp(dir).close() // the schema exists before both start
    const [a, b] = await Promise.all([writeLoop(dir, 4000, 'app'), writeLoop(dir, 4000, 'cli')])
    expect(a.errors).toEqual([])
    expect(b.errors).toEqual([])
    expect(a.acknowledged.length).toBeGreaterThan(20)
    expect(b.acknowledged.length).toBeGreaterThan(20)
    const app = openTestApp(dir)
    try {
      for (const ack of [...a.acknowledged, ...b.acknowledged]) {
        const stored = readVersion(app.db, ack.id, ack.number)
        expect(stored, `version ${ack.number} of document ${ack.id}`).not.toBeNull()
        expect(JSON.stringify(stored!.blocks)).toContain(ack.marker)
      }
    } finally {
      app.close()
    }
  }, 60_000)
})
