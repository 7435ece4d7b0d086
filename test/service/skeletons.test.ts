import { describe, expect, it } from 'vitest'
import { cpSync, writeFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { must, openTestApp } from '../helpers/app.js'
import { repoRoot } from '../helpers/corpus.js'
import { tempDir } from '../helpers/temp.js'
import { checkSkeletons, loadTemplates, TemplateError } from '../../src/service/templates.js'

const outline = (content: { type: string; attrs?: { level?: number }; content?: { text?: string }[] }[]) =>
  content.filter((b) => b.type === 'heading' || b.type === 'table').map((b) => (b.type === 'table' ? 'tabel' : `${b.attrs?.level}:${(b.content ?? []).map((c) => c.text).join('')}`))

describe('a new document starts from its template', () => {
  it('a nota with its sections and Afstemming table, an annotatie with agendapunten, a two-pager with a page budget of 2', async () => {
    const app = openTestApp()
    const nota = must(await app.api.createDocument({ type: 'nota', meta: { onderwerp: 'Nieuwe nota' } }))
    const notaDoc = must(await app.api.openDocument({ id: nota.id })).content.content as never
    expect(outline(notaDoc)).toEqual(['1:Aanleiding', '1:Advies', '1:Kern', '1:Toelichting', '1:Afstemming', 'tabel'])
    const annotatie = must(await app.api.createDocument({ type: 'annotatie', meta: { onderwerp: 'JBZ-Raad' } }))
    expect(outline(must(await app.api.openDocument({ id: annotatie.id })).content.content as never)).toEqual([
      '1:Agendapunt 1: [onderwerp]', '2:Spreekpunten', '2:Achtergrond', '1:Agendapunt 2: [onderwerp]', '2:Spreekpunten', '2:Achtergrond',
    ])
    // Content given (an import, a copy) is taken as it is.
    const given = must(await app.api.createDocument({ type: 'nota', meta: { onderwerp: 'Eigen tekst' }, content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Alleen dit.' }] }] } }))
    expect(must(await app.api.openDocument({ id: given.id })).content.content).toHaveLength(1)
    const templates = must(await app.api.listTemplates())
    expect(templates.find((t) => t.type === 'two-pager')?.maxPages).toBe(2)
    app.close()
  })

  it('refuses a template whose skeleton is not usable, naming the file: when the app starts, and when a document is made from it', async () => {
    const dir = tempDir()
    cpSync(join(repoRoot, 'templates'), dir, { recursive: true })
    const file = join(dir, 'memo', 'manifest.json')
    const manifest = JSON.parse(readFileSync(file, 'utf8'))
    writeFileSync(file, JSON.stringify({ ...manifest, skeleton: `---\ntype: [\n---\nTekst` }))
    const problem = /memo\/manifest\.json: het beginstuk \(skeleton\) is geen bruikbare Markdown/
    await expect(checkSkeletons(dir, loadTemplates(dir))).rejects.toThrow(TemplateError)
    const app = openTestApp(tempDir(), { templatesDir: dir })
    try {
      // The app's start (browser mode, the desktop's service) checks them all.
      await expect(app.checkTemplates()).rejects.toThrow(problem)
      // A one-shot command does not read the skeletons; making a memo says what is wrong, other types still work.
      const memo = await app.api.createDocument({ type: 'memo' })
      expect(memo.ok).toBe(false)
      expect(!memo.ok && memo.error).toMatch(problem)
      expect(must(await app.api.listDocuments({}))).toHaveLength(0)
      must(await app.api.createDocument({ type: 'nota' }))
    } finally {
      app.close()
    }
  })
})
