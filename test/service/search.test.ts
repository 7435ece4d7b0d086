import { describe, expect, it } from 'vitest'
import { openTestApp, must, latestVersion } from '../helpers/app.js'
import { corpusDocuments } from '../helpers/corpus.js'

describe('search', () => {
  it('finds words in the current text, version labels and comments, and not in text that was removed', async () => {
    const { api } = openTestApp()
    const ids: Record<string, number> = {}
    for (const [name, text] of corpusDocuments()) ids[name] = must(await api.importMarkdown({ text, fileName: name })).id
    const letter = ids['kamerbrief-2020-06-18-uitwerking-breed-offensief.md']
    must(await api.commentOnQuote({ id: letter, quote: 'crystal meth-labs', org: 'Politie', text: 'Graag het aantal drugslabs noemen.' }))

    const labs = must(await api.search({ query: 'drugslabs' }))
    expect(labs).toEqual(expect.arrayContaining([expect.objectContaining({ documentId: letter, where: 'opmerking', snippet: expect.stringContaining('[drugslabs]') })]))
    // Prefix search, diacritics ignored: "kroongetuig" finds "kroongetuigen" in the letter.
    expect(must(await api.search({ query: 'kroongetuig' })).some((h) => h.documentId === letter && h.where === 'tekst')).toBe(true)
    expect(must(await api.search({ query: 'geimporteerd najaarsnota' })).some((h) => h.where === 'versie')).toBe(true)

    // Text removed from the current version is no longer found there.
    const snap = must(await api.openDocument({ id: letter }))
    const content = structuredClone(snap.content) as { type: 'doc'; content: { type: string }[] }
    content.content = content.content.filter((b) => !JSON.stringify(b).includes('kroongetuig'))
    must(await api.saveVersion({ id: letter, base: await latestVersion(api, letter), meta: snap.meta, content, kind: 'auto' }))
    expect(must(await api.search({ query: 'kroongetuig' })).some((h) => h.documentId === letter && h.where === 'tekst')).toBe(false)

    // Whatever the user types is safe: FTS5 operators are just text.
    const odd = ['"', 'NEAR(', 'a OR', '*', '-', '']
    for (const q of odd) expect((await api.search({ query: q })).ok).toBe(true)
  })

  it('finds a paragraph two documents share in the other after one of them changed it, and shows the hit amid its words', async () => {
    const { api } = openTestApp()
    const text = 'Het kabinet investeert in de aanpak van ondermijning: 88 miljoen euro in 2020, daarna structureel 150 miljoen euro per jaar voor politie, OM en de Bijzondere opsporingsdiensten, zoals de FIOD.'
    const content = { type: 'doc' as const, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }
    const a = must(await api.createDocument({ type: 'nota', meta: { onderwerp: 'Eerste nota' }, content }))
    const b = must(await api.createDocument({ type: 'nota', meta: { onderwerp: 'Tweede nota' }, content }))
    const changed = { type: 'doc' as const, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Geheel andere tekst.' }] }] }
    must(await api.saveVersion({ id: a.id, base: a.version, meta: { onderwerp: 'Eerste nota' }, content: changed, kind: 'auto' }))
    const hits = must(await api.search({ query: 'bijzondere opsporing' })).filter((h) => h.where === 'tekst')
    expect(hits).toEqual([expect.objectContaining({ documentId: b.id, where: 'tekst', snippet: '…per jaar voor politie, OM en de [Bijzondere] [opsporingsdiensten], zoals de FIOD.', ref: null })])
    // Diacritics and case do not matter, in the query or in the text.
    expect(must(await api.search({ query: 'BIJZONDÈRE' })).some((h) => h.documentId === b.id)).toBe(true)
    expect(must(await api.search({ query: 'eerste' })).map((h) => [h.documentId, h.snippet])).toEqual([[a.id, '[Eerste] nota']])
  })
})
