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
})
