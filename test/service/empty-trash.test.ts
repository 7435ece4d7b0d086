import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { must, openTestApp } from '../helpers/app.js'
import { readBigLetter, repoRoot } from '../helpers/corpus.js'
import { tempDir } from '../helpers/temp.js'
import { changeDocx } from '../helpers/word-edits.js'
import { getBlocks } from '../../src/store/blocks.repo.js'

const paraaf = (data: string, ...args: string[]) => spawnSync(process.execPath, [join(repoRoot, 'bin/paraaf.js'), ...args, '--data', data], { encoding: 'utf8' })

describe('emptying the Prullenbak', () => {
  it('removes the documents in it for good, keeps every version of every other document readable, and keeps documents with records', async () => {
    const data = tempDir()
    const app = openTestApp(data)
    const { api } = app
    try {
      // A letter that stays, with a history of its own.
      const { id: live } = must(await api.importMarkdown({ text: readBigLetter(), fileName: 'brief.md' }))
      let md = must(await api.exportMarkdown({ id: live })).markdown
      for (const [from, to] of [['draait op volle toeren', 'draait op topsnelheid'], ['coronacrisis', 'COVID-crisis'], ['wissel trekt', 'wissel trok']]) {
        md = md.replace(from, to)
        must(await api.saveMarkdownVersion({ id: live, text: md }))
      }
      must(await api.commentOnQuote({ id: live, quote: 'topsnelheid', org: 'OM', text: 'Bron?' }))
      // Its copy shares most blocks with it; the copy is edited with a secret passage, commented, and thrown away.
      const copy = must(await api.copyDocument({ id: live })).id
      const copied = must(await api.exportMarkdown({ id: copy })).markdown
      must(await api.saveMarkdownVersion({ id: copy, text: copied.replace('draait op topsnelheid.', 'draait op topsnelheid. Geheimzinnigwoord staat alleen in de kopie.') }))
      must(await api.commentOnQuote({ id: copy, quote: 'Geheimzinnigwoord', org: 'FIOD', text: 'Weg ermee' }))
      // A partner's Word return with a tracked change read into the copy: its reviewer is kept with the version, and goes with it.
      const back = await changeDocx(must(await api.exportDocx({ id: copy })).base64, [{ from: 'wissel trok', to: 'wissel trekt', tracked: 'K. Kas (OM)' }])
      must(await api.importDocx({ base64: back, fileName: 'reactie.docx', into: copy }))
      must(await api.deleteDocument({ id: copy }))
      // A nota with a paraaf, also thrown away: a record, so it stays.
      const { id: nota } = must(await api.createDocument({ type: 'nota', meta: { onderwerp: 'Nota met paraaf' } }))
      must(await api.approve({ id: nota, name: 'A. Hoofd', role: 'Afdelingshoofd', date: '2026-11-20' }))
      must(await api.deleteDocument({ id: nota }))

      const before = await Promise.all(must(await api.listVersions({ id: live })).map(async (v) => must(await api.openDocument({ id: live, version: v.number }))))
      const result = must(await api.emptyTrash())
      expect(result).toEqual({ removed: 1, kept: [{ id: nota, title: 'Nota met paraaf', why: 'er staan parafen op, die Paraaf nooit wist' }] })

      // Gone: not in the Prullenbak, not to be put back, not found.
      expect(must(await api.listDocuments({ trash: true })).map((d) => d.id)).not.toContain(copy)
      expect((await api.undeleteDocument({ id: copy })).ok).toBe(false)
      expect(must(await api.search({ query: 'Geheimzinnigwoord' }))).toEqual([])
      expect(must(await api.search({ query: 'Weg ermee' }))).toEqual([])
      // Every version of the letter that stays reads exactly as before, comments included.
      for (const v of before) expect(must(await api.openDocument({ id: live, version: v.version.number }))).toEqual(v)
      expect(must(await api.listComments({ id: live })).threads.map((t) => t.text)).toEqual(['Bron?'])
      expect(must(await api.search({ query: 'topsnelheid' })).map((h) => h.documentId)).toContain(live)
      // A new document after the emptying does not take the place of anything the letter reads.
      const { id: fresh } = must(await api.importMarkdown({ text: md.replace('topsnelheid', 'kruissnelheid'), fileName: 'nieuw.md' }))
      for (const v of before) expect(must(await api.openDocument({ id: live, version: v.version.number }))).toEqual(v)
      expect(must(await api.openDocument({ id: fresh })).content).toBeDefined()
    } finally {
      app.close()
    }
    // The database is whole, and the copy's text is not in it.
    const db = new Database(join(data, 'paraaf.sqlite'), { readonly: true })
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(db.pragma('foreign_key_check')).toEqual([])
      // No stored block, comment or label holds the copy's text any more; its own blocks were emptied.
      const ids = db.prepare('SELECT id FROM blocks WHERE size > 0').pluck().all() as number[]
      expect(getBlocks(db as never, ids).filter((json) => json.includes('Geheimzinnigwoord'))).toEqual([])
      expect(db.prepare("SELECT count(*) FROM comments WHERE body LIKE '%Weg ermee%'").pluck().get()).toBe(0)
      expect(db.prepare('SELECT count(*) FROM blocks WHERE size = 0').pluck().get()).toBeGreaterThan(0)
    } finally {
      db.close()
    }
  })

  it('asks for --yes on the command line and says what it did', () => {
    const data = tempDir()
    const made = paraaf(data, 'import', join(repoRoot, 'test/fixtures/corpus/documents/memo-2019-10-10-rvi.md'), '--json')
    const id = String(JSON.parse(made.stdout).id)
    expect(paraaf(data, 'delete', id).status).toBe(0)
    const refused = paraaf(data, 'empty-trash')
    expect(refused.status).not.toBe(0)
    expect(refused.stderr).toMatch(/bevestig met --yes/)
    expect(paraaf(data, 'list', '--trash').stdout).toContain('Memo RVI')
    const done = paraaf(data, 'empty-trash', '--yes')
    expect(done.status, done.stderr).toBe(0)
    expect(done.stdout).toBe('1 document definitief verwijderd.\n')
    expect(paraaf(data, 'list', '--trash').stdout).not.toContain('Memo RVI')
  })
})
