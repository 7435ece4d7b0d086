import { describe, expect, it } from 'vitest'
import { openTestApp, must, tableCounts, latestVersion } from '../helpers/app.js'
import { corpusDocuments, readBigLetter } from '../helpers/corpus.js'
import { dispatch } from '../../src/service/dispatch.js'

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] })
const doc = (...texts: string[]) => ({ type: 'doc' as const, content: texts.map(paragraph) })

describe('documents and versions through the service', () => {
  it('creates a Kamerbrief, saves drafts, and lists them newest first with a title from the onderwerp', async () => {
    const { api } = openTestApp()
    const { id } = must(await api.createDocument({ type: 'kamerbrief', meta: { onderwerp: 'Voortgang offensief', datum: '2020-06-18' } }))
    must(await api.saveVersion({ id, base: await latestVersion(api, id), meta: { onderwerp: 'Voortgang offensief', datum: '2020-06-18' }, content: doc('Eerste alinea.'), kind: 'auto' }))
    const list = must(await api.listDocuments({}))
    expect(list).toEqual([expect.objectContaining({ id, title: 'Voortgang offensief', type: 'kamerbrief', versions: 2 })])
    expect(must(await api.listDocuments({ filter: 'OFFENSIEF' }))).toHaveLength(1)
    expect(must(await api.listDocuments({ filter: 'najaarsnota' }))).toHaveLength(0)
  })

  it('restores an old version as a new version and keeps every version', async () => {
    const { api } = openTestApp()
    const { id } = must(await api.createDocument({ type: 'nota', content: doc('Versie een.') }))
    must(await api.saveVersion({ id, base: await latestVersion(api, id), meta: {}, content: doc('Versie twee.'), kind: 'auto' }))
    must(await api.saveVersion({ id, base: await latestVersion(api, id), meta: {}, content: doc('Versie drie.'), kind: 'named', label: 'Concept 0.3 naar DGPenV' }))
    const restored = must(await api.restoreVersion({ id, number: 1 }))
    expect(restored.number).toBe(4)
    const current = must(await api.openDocument({ id }))
    expect(current.content).toEqual(doc('Versie een.'))
    expect(current.readOnly).toBe(false)
    const versions = must(await api.listVersions({ id }))
    expect(versions.map((v) => [v.number, v.kind, v.label])).toEqual([
      [1, 'create', null], [2, 'auto', null], [3, 'named', 'Concept 0.3 naar DGPenV'], [4, 'restore', 'Versie 1 teruggezet'],
    ])
    const old = must(await api.openDocument({ id, version: 2 }))
    expect(old.readOnly).toBe(true)
    expect(old.content).toEqual(doc('Versie twee.'))
  })

  it('gives back the 18 June letter as the very same Markdown it was imported from', async () => {
    const { api } = openTestApp()
    const text = readBigLetter()
    const { id } = must(await api.importMarkdown({ text, fileName: 'brief.md' }))
    expect(must(await api.exportMarkdown({ id })).markdown).toBe(text)
  })

  it('imports every corpus document with its type and title', async () => {
    const { api } = openTestApp()
    for (const [name, text] of corpusDocuments()) {
      const { id } = must(await api.importMarkdown({ text, fileName: name }))
      const snap = must(await api.openDocument({ id }))
      expect(snap.type).toBe(/^---\ntype: "(\w+)"/.exec(text)![1])
      expect(snap.title).toBe(/onderwerp: "([^"]+)"/.exec(text)![1])
    }
  })

  it('refuses content outside the schema and an invalid date, writing nothing', async () => {
    const app = openTestApp()
    const { id } = must(await app.api.createDocument({ type: 'kamerbrief' }))
    const before = tableCounts(app)
    const bad = await app.api.saveVersion({ id, base: await latestVersion(app.api, id), meta: {}, content: { type: 'doc', content: [{ type: 'script', text: 'x' }] }, kind: 'auto' })
    expect(bad).toEqual({ ok: false, error: expect.stringMatching(/onderdelen die Paraaf niet kent/) })
    const badDate = await app.api.saveVersion({ id, base: await latestVersion(app.api, id), meta: { datum: '2020-02-31' }, content: doc('x'), kind: 'auto' })
    expect(badDate).toEqual({ ok: false, error: 'Datum: "2020-02-31" is geen geldige datum.' })
    expect(tableCounts(app)).toEqual(before)
  })

  it('validates untrusted input at the boundary with a Dutch message', async () => {
    const { api } = openTestApp()
    expect(await dispatch(api, 'openDocument', { id: 'DROP TABLE' })).toEqual({ ok: false, error: expect.stringMatching(/^Ongeldige invoer voor openDocument \(veld id\)/) })
    expect(await dispatch(api, 'saveVersion', { id: 1, meta: {}, content: { type: 'doc', content: [] }, kind: 'auto', extra: 1 })).toMatchObject({ ok: false })
    expect(await dispatch(api, 'constructor', {})).toEqual({ ok: false, error: 'Onbekende opdracht: constructor.' })
    expect(await dispatch(api, 'openDocument', { id: 999 })).toEqual({ ok: false, error: 'Document 999 bestaat niet.' })
  })
})
