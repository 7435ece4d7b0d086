import { migrations } from '../../src/store/migrations/index.js'
import { describe, expect, it } from 'vitest'
import { statSync } from 'node:fs'
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { openDatabase, StoreOpenError } from '../../src/store/database.js'
import { insertDocument } from '../../src/store/documents.repo.js'
import { insertVersion, listVersions, readVersion } from '../../src/store/versions.repo.js'
import { readMarkdown } from '../../src/core/markdown-in.js'
import { readBigLetter } from '../helpers/corpus.js'
import { tempDir } from '../helpers/temp.js'
import { encodeIds, decodeIds } from '../../src/store/varint.js'

function letterBlocks(): string[] {
  const read = readMarkdown(readBigLetter())
  if (!read.ok) throw new Error(read.error)
  const blocks: string[] = []
  read.doc.forEach((b) => blocks.push(JSON.stringify(b.toJSON())))
  return blocks
}

function newVersion(documentId: number, blockJsons: string[], extra: Partial<Parameters<typeof insertVersion>[1]> = {}) {
  return { documentId, kind: 'auto' as const, label: null, author: 'test', title: 'Brief', metaJson: '{"onderwerp":"Brief"}', blockJsons, createdAt: new Date().toISOString(), ...extra }
}

describe('the database file', () => {
  it('is migrated to the current schema with WAL, foreign keys and STRICT tables', () => {
    const db = openDatabase(join(tempDir(), 'p.sqlite'))
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    const sql = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name IN ('documents','blocks','versions','settings')").pluck().all() as string[]
    expect(sql).toHaveLength(4)
    for (const s of sql) expect(s).toMatch(/STRICT$/)
    db.close()
  })

  it('refuses a database from a newer Paraaf with a clear message and leaves it untouched', () => {
    const path = join(tempDir(), 'p.sqlite')
    openDatabase(path).close()
    const raw = new Database(path)
    raw.pragma('user_version = 99')
    raw.close()
    const before = statSync(path).mtimeMs
    expect(() => openDatabase(path)).toThrow(StoreOpenError)
    expect(() => openDatabase(path)).toThrow(/nieuwere versie van Paraaf/)
    const check = new Database(path)
    expect(check.pragma('user_version', { simple: true })).toBe(99)
    check.close()
    expect(statSync(path).mtimeMs).toBe(before)
  })

  it('says so in Dutch when the file is not a database', async () => {
    const path = join(tempDir(), 'p.sqlite')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(path, 'dit is geen database '.repeat(100))
    expect(() => openDatabase(path)).toThrow(/beschadigd of geen Paraaf-database/)
  })

  it('does not switch a database from a newer Paraaf to WAL while saying it left it unchanged', () => {
    const path = join(tempDir(), 'p.sqlite')
    const raw = new Database(path)
    raw.exec('CREATE TABLE later (x TEXT) STRICT')
    raw.pragma('user_version = 99')
    raw.close()
    expect(() => openDatabase(path)).toThrow(/niet gewijzigd/)
    const check = new Database(path, { readonly: true })
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete')
    check.close()
  })

  it('refuses a database file of 0 bytes instead of silently starting an empty one', async () => {
    const path = join(tempDir(), 'p.sqlite')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(path, '')
    expect(() => openDatabase(path)).toThrow(/leeg \(0 bytes\)/)
    expect(statSync(path).size).toBe(0)
  })

  it('calls a data folder it may not write to by that name, not "beschadigd"', async () => {
    if (process.getuid?.() === 0) {
      // root may write anywhere; a file standing where the folder should be fails the same check.
      const { writeFileSync } = await import('node:fs')
      const file = join(tempDir(), 'geen-map')
      writeFileSync(file, 'x')
      expect(() => openDatabase(join(file, 'p.sqlite'))).toThrow(/niet beschrijfbaar/)
      return
    }
    const { chmodSync } = await import('node:fs')
    const dir = tempDir()
    chmodSync(dir, 0o500)
    try {
      expect(() => openDatabase(join(dir, 'p.sqlite'))).toThrow(/niet beschrijfbaar/)
    } finally {
      chmodSync(dir, 0o700)
    }
  })
})

describe('versions', () => {
  it('stores a one-paragraph edit of the 60 KB letter as one new block and a short id list', () => {
    const db = openDatabase(join(tempDir(), 'p.sqlite'))
    const id = insertDocument(db, { type: 'kamerbrief', title: 'Brief', createdAt: new Date().toISOString() })
    const blocks = letterBlocks()
    const first = insertVersion(db, newVersion(id, blocks))
    if (!first.ok) throw new Error('stale')
    expect(first.bytesAdded).toBeGreaterThan(20_000)
    const edited = [...blocks]
    edited[10] = edited[10].replace('"text":"', '"text":"Aangepast: ')
    const blocksBefore = db.prepare('SELECT count(*) FROM blocks').pluck().get() as number
    const second = insertVersion(db, newVersion(id, edited))
    if (!second.ok) throw new Error('stale')
    expect(second.number).toBe(2)
    expect(db.prepare('SELECT count(*) FROM blocks').pluck().get()).toBe(blocksBefore + 1)
    expect(second.bytesAdded).toBeLessThan(4096)
    expect(readVersion(db, id, 2)!.blocks).toEqual(edited.map((j) => JSON.parse(j)))
    expect(readVersion(db, id, 1)!.blocks).toEqual(blocks.map((j) => JSON.parse(j)))
    db.close()
  })

  it('stores a one-word edit against the paragraph it replaces, a few dozen bytes, and reads every version back exactly from a fresh connection', () => {
    const path = join(tempDir(), 'p.sqlite')
    const db = openDatabase(path)
    const id = insertDocument(db, { type: 'kamerbrief', title: 'Brief', createdAt: new Date().toISOString() })
    let blocks = letterBlocks()
    const versions = [blocks]
    insertVersion(db, newVersion(id, blocks))
    // 40 one-word edits of the same paragraph: a chain of dictionaries longer than a read may follow.
    for (let i = 0; i < 40; i++) {
      blocks = [...blocks]
      blocks[10] = blocks[10].replace(/"text":"(\S+)/, `"text":"Woord${i}`)
      versions.push(blocks)
      const saved = insertVersion(db, newVersion(id, blocks))
      if (!saved.ok) throw new Error('stale')
      expect(saved.bytesAdded - (db.prepare('SELECT length(block_ids) FROM versions WHERE document_id = ? AND number = ?').pluck().get(id, saved.number) as number)).toBeLessThan(200)
    }
    expect(db.prepare('SELECT max(depth) FROM blocks').pluck().get()).toBeLessThan(16)
    db.close()
    const fresh = openDatabase(path)
    versions.forEach((v, k) => expect(readVersion(fresh, id, k + 1)!.blocks).toEqual(v.map((j) => JSON.parse(j))))
    fresh.close()
  })

  it('never reads back a block written by a transaction that was rolled back, when another process gives its id to other text', () => {
    const path = join(tempDir(), 'p.sqlite')
    const app = openDatabase(path)
    const cli = openDatabase(path)
    const id = insertDocument(app, { type: 'nota', title: 'N', createdAt: new Date().toISOString() })
    const para = (t: string) => JSON.stringify({ type: 'paragraph', content: [{ type: 'text', text: t }] })
    insertVersion(app, newVersion(id, [para('Eerste tekst van de nota.')]))
    // The app saves on a stale base: its block is written, then rolled back.
    expect(insertVersion(app, newVersion(id, [para('Verworpen tekst.')], { base: 0 }))).toEqual({ ok: false, stale: true, latest: 1 })
    // The command line, in another process, saves other text; the freed block id is given to it.
    const saved = insertVersion(cli, newVersion(id, [para('Wat wel bewaard is.')], { base: 1 }))
    if (!saved.ok) throw new Error('stale')
    expect(readVersion(app, id, 2)!.blocks).toEqual([JSON.parse(para('Wat wel bewaard is.'))])
    app.close()
    cli.close()
  })

  it('skips an autosave that changes nothing, but keeps a named version of the same text', () => {
    const db = openDatabase(join(tempDir(), 'p.sqlite'))
    const id = insertDocument(db, { type: 'nota', title: 'N', createdAt: new Date().toISOString() })
    const blocks = ['{"type":"paragraph","content":[{"type":"text","text":"Een"}]}']
    insertVersion(db, newVersion(id, blocks))
    const again = insertVersion(db, newVersion(id, blocks, { skipIfUnchanged: true }))
    expect(again).toEqual({ ok: true, number: 1, bytesAdded: 0, unchanged: true })
    const named = insertVersion(db, newVersion(id, blocks, { kind: 'named', label: 'Concept 0.3 naar DGPenV', skipIfUnchanged: false }))
    if (!named.ok) throw new Error('stale')
    expect(named.number).toBe(2)
    expect(listVersions(db, id).map((v) => v.label)).toEqual([null, 'Concept 0.3 naar DGPenV'])
    db.close()
  })

  it('can never be updated or deleted', () => {
    const db = openDatabase(join(tempDir(), 'p.sqlite'))
    const id = insertDocument(db, { type: 'nota', title: 'N', createdAt: new Date().toISOString() })
    insertVersion(db, newVersion(id, ['{"type":"paragraph"}']))
    expect(() => db.prepare("UPDATE versions SET label = 'x'").run()).toThrow(/immutable/)
    expect(() => db.prepare('DELETE FROM versions').run()).toThrow(/never deleted/)
    expect(listVersions(db, id)).toHaveLength(1)
    db.close()
  })
})

describe('block id lists', () => {
  it.each([[[]], [[0, 1, 127, 128, 300, 16_383, 16_384, 2 ** 31, Number.MAX_SAFE_INTEGER]]])('encode and decode %j unchanged', (ids) => {
    expect(decodeIds(encodeIds(ids))).toEqual(ids)
  })

  it('refuses a cut-off list', () => {
    expect(() => decodeIds(Uint8Array.from([0x80]))).toThrow(RangeError)
  })
})

describe('upgrading an existing database', () => {
  it('adds search to a database written before search existed, indexing what it holds', async () => {
    const path = join(tempDir(), 'p.sqlite')
    const raw = new Database(path)
    const { migrations } = await import('../../src/store/migrations/index.js')
    raw.transaction(() => {
      migrations[0](raw)
      migrations[1](raw)
      raw.pragma('user_version = 2')
    })()
    raw.close()
    // Write data the way version 2 of the schema did: blocks and a version, no search rows.
    const v2 = new Database(path)
    v2.prepare("INSERT INTO documents (id, type, title, created_at, updated_at, version_count) VALUES (1, 'nota', 'N', 'x', 'x', 1)").run()
    const { deflateRawSync } = await import('node:zlib')
    const block = '{"type":"paragraph","content":[{"type":"text","text":"Ondermijning aanpakken"}]}'
    v2.prepare('INSERT INTO blocks (id, hash, size, body) VALUES (1, ?, ?, ?)').run(Buffer.alloc(32, 1), block.length, deflateRawSync(block))
    v2.prepare('INSERT INTO blocks (id, hash, size, body) VALUES (2, ?, 2, ?)').run(Buffer.alloc(32, 2), deflateRawSync('{}'))
    v2.prepare("INSERT INTO versions (document_id, number, created_at, kind, label, author, meta_block, block_ids, bytes_added) VALUES (1, 1, 'x', 'named', 'Concept', 'a', 2, ?, 1)").run(encodeIds([1]))
    v2.close()
    const db = openDatabase(path)
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
    const { search } = await import('../../src/store/search.repo.js')
    expect(search(db, 'ondermijning')).toEqual([{ documentId: 1, where: 'tekst', snippet: '[Ondermijning] aanpakken', ref: null }])
    expect(search(db, 'concept')).toEqual([{ documentId: 1, where: 'versie', snippet: '[Concept]', ref: '1' }])
    db.close()
  })

  it('reads the deadline of a round written before deadlines were dates, from the day that round started', async () => {
    const path = join(tempDir(), 'p.sqlite')
    const raw = new Database(path)
    const { migrations } = await import('../../src/store/migrations/index.js')
    raw.transaction(() => {
      for (const up of migrations.slice(0, 5)) up(raw)
      raw.pragma('user_version = 5')
    })()
    raw.prepare("INSERT INTO documents (id, type, title, created_at, updated_at, version_count) VALUES (1, 'brief', 'B', 'x', 'x', 1)").run()
    raw.prepare("INSERT INTO blocks (id, hash, size, body) VALUES (1, ?, 2, ?)").run(Buffer.alloc(32, 1), (await import('node:zlib')).deflateRawSync('{}'))
    raw.prepare("INSERT INTO versions (document_id, number, created_at, kind, label, author, meta_block, block_ids, bytes_added) VALUES (1, 1, 'x', 'named', null, 'a', 1, ?, 1)").run(encodeIds([]))
    const round = raw.prepare("INSERT INTO rounds (document_id, version, deadline, note, created_at) VALUES (1, 1, ?, '', ?)")
    round.run('vrijdag 12.00 uur', new Date(2026, 5, 8, 9).toISOString())
    round.run('zo snel mogelijk', new Date(2026, 5, 8, 9).toISOString())
    raw.close()
    const db = openDatabase(path)
    expect(db.prepare('SELECT deadline, deadline_at FROM rounds ORDER BY id').all()).toEqual([
      { deadline: 'vrijdag 12.00 uur', deadline_at: '2026-06-12T12:00' },
      { deadline: 'zo snel mogelijk', deadline_at: null },
    ])
    // Still immutable after the one-time fill.
    expect(() => db.prepare("UPDATE rounds SET note = 'x'").run()).toThrow(/rounds are immutable/)
    db.close()
  })
})
