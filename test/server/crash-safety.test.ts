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
    // Two windows, each on its own document, keep saves in flight the whole time.
    const docs: { id: number; base: number }[] = []
    for (let k = 0; k < 2; k++) {
      const created = await apiCall<{ id: number; version: number }>(server, 'createDocument', { type: 'kamerbrief', meta: read.meta, content: base })
      docs.push({ id: created.id, base: created.version })
    }

    const paragraphs = base.content.flatMap((block, index) => (block.type === 'paragraph' ? [index] : []))
    const acknowledged = new Map<string, { id: number; number: number; marker: string }>()
    const saveOne = async (doc: { id: number; base: number }, i: number) => {
      const content = structuredClone(base)
      content.content[paragraphs[i % paragraphs.length]].content = [{ type: 'text', text: `Autosave ${i}: ${'tekst '.repeat(i % 7)}` }]
      const marker = `Autosave ${i}:`
      const ref = await apiCall<{ number: number }>(server, 'saveVersion', { id: doc.id, base: doc.base, meta: read.meta, content, kind: 'auto' })
      doc.base = ref.number
      acknowledged.set(`${doc.id}:${ref.number}`, { id: doc.id, number: ref.number, marker })
    }
    // Kill once 60 saves are acknowledged.
    let i = 0
    let killed = false
    const writer = async (doc: { id: number; base: number }) => {
      while (!killed) {
        try {
          await saveOne(doc, i++)
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
    await Promise.all(docs.map(writer))
    await new Promise<void>((resolve) => (server.child.exitCode !== null || server.child.signalCode !== null ? resolve() : server.child.once('exit', () => resolve())))
    expect(server.child.signalCode).toBe('SIGKILL')
    expect(acknowledged.size).toBeGreaterThanOrEqual(60)

    const db = openDatabase(join(data, 'paraaf.sqlite'))
    expect(checkIntegrity(db)).toEqual(['ok'])
    for (const { id, number, marker } of acknowledged.values()) {
      const stored = new Set(listVersions(db, id).map((v) => v.number))
      expect(stored.has(number), `version ${number} of document ${id} was acknowledged but is missing`).toBe(true)
      expect(JSON.stringify(readVersion(db, id, number)!.blocks)).toContain(marker)
    }
    db.close()
  })
})
