import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { apiCall, startServeProcess } from '../helpers/browser.js'
import { tempDir } from '../helpers/temp.js'
import { openDatabase, checkIntegrity } from '../../src/store/database.js'
import { readVersion, listVersions } from '../../src/store/versions.repo.js'
import { readBigLetter } from '../helpers/corpus.js'
import { readMarkdown } from '../../src/core/markdown-in.js'

describe('crash safety', () => {
  it('keeps every acknowledged version when the server is killed (SIGKILL) in the middle of autosaving', async () => {
    const data = tempDir()
    const server = await startServeProcess(data)
    const read = readMarkdown(readBigLetter())
    if (!read.ok) throw new Error(read.error)
    const base = read.doc.toJSON() as { type: 'doc'; content: { type: string; content?: { type: string; text?: string }[] }[] }
    const { id } = await apiCall<{ id: number }>(server, 'createDocument', { type: 'kamerbrief', meta: read.meta, content: base })

    const paragraphs = base.content.flatMap((block, index) => (block.type === 'paragraph' ? [index] : []))
    const acknowledged = new Map<number, string>()
    const saveOne = async (i: number) => {
      const content = structuredClone(base)
      content.content[paragraphs[i % paragraphs.length]].content = [{ type: 'text', text: `Autosave ${i}: ${'tekst '.repeat(i % 7)}` }]
      const marker = `Autosave ${i}:`
      const ref = await apiCall<{ number: number }>(server, 'saveVersion', { id, meta: read.meta, content, kind: 'auto' })
      acknowledged.set(ref.number, marker)
    }
    // Two writers keep requests in flight the whole time; kill once 60 are acknowledged.
    let i = 0
    let killed = false
    const writer = async () => {
      while (!killed) {
        try {
          await saveOne(i++)
        } catch (err) {
          if (!killed) throw err
          return // the server is gone, as intended
        }
        if (acknowledged.size >= 60 && !killed) {
          killed = true
          server.child.kill('SIGKILL')
        }
      }
    }
    await Promise.all([writer(), writer()])
    await new Promise<void>((resolve) => (server.child.exitCode !== null || server.child.signalCode !== null ? resolve() : server.child.once('exit', () => resolve())))
    expect(server.child.signalCode).toBe('SIGKILL')
    expect(acknowledged.size).toBeGreaterThanOrEqual(60)

    const db = openDatabase(join(data, 'paraaf.sqlite'))
    expect(checkIntegrity(db)).toEqual(['ok'])
    const stored = new Set(listVersions(db, id).map((v) => v.number))
    for (const [number, marker] of acknowledged) {
      expect(stored.has(number), `version ${number} was acknowledged but is missing`).toBe(true)
      expect(readVersion(db, id, number)!.blockJsons.join('')).toContain(marker)
    }
    db.close()
  })
})
