import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Node as PMNode } from 'prosemirror-model'
import { Transform } from 'prosemirror-transform'
import { schema } from '../../src/core/schema.js'
import { commentAnchors, findQuote } from '../../src/core/comments.js'
import { openTestApp, must, tableCounts, latestVersion } from '../helpers/app.js'
import { chainsDir, readBigLetter } from '../helpers/corpus.js'
import { rng } from '../helpers/random-edits.js'

const fiod = (v: number) => readFileSync(join(chainsDir, 'fiod-tekstvoorstellen', `v${v}.md`), 'utf8')
const fiodExpected = JSON.parse(readFileSync(join(chainsDir, 'fiod-tekstvoorstellen', 'chain.json'), 'utf8')).expected.comments as { section: number; author: string; text: string }[]

describe('comment marks are written by the service, with their thread', () => {
  it('adds a thread on a range of the latest version as one new version holding its mark', async () => {
    const app = openTestApp()
    const { api } = app
    const { id } = must(await api.importMarkdown({ text: readBigLetter() }))
    const from = 1
    const to = 1 + 'De georganiseerde criminaliteit'.length
    const added = must(await api.addComment({ id, base: 1, from, to, text: 'Welke cijfers?', org: 'OM', author: 'O. Vaart' }))
    expect(added.version).toBe(2)
    const view = must(await api.listComments({ id }))
    expect(view.threads).toEqual([expect.objectContaining({ id: added.commentId, quote: 'De georganiseerde criminaliteit', anchored: true })])
    // On a stale base nothing is written: no thread without its mark.
    const before = tableCounts(app)
    expect(await api.addComment({ id, base: 1, from, to, text: 'Nog een', org: 'OM' })).toMatchObject({ ok: false, conflict: { latest: 2 } })
    expect(tableCounts(app)).toEqual(before)
  })

  it('deletes a thread together with its mark in the latest version, keeping the mark in older versions', async () => {
    const { api } = openTestApp()
    must(await api.setSettings({ author: 'P. de Boer' }))
    const { id } = must(await api.importMarkdown({ text: readBigLetter() }))
    const { commentId, version } = must(await api.addComment({ id, base: 1, from: 1, to: 12, text: 'Weg ermee', org: 'JenV' }))
    const deleted = must(await api.deleteComment({ commentId, base: version }))
    expect(deleted.version).toBe(version + 1)
    expect(JSON.stringify(must(await api.openDocument({ id })).content)).not.toContain(commentId)
    expect(JSON.stringify(must(await api.openDocument({ id, version })).content)).toContain(commentId)
    expect(must(await api.listComments({ id })).threads).toEqual([])
  })
})

describe('comment threads through the service', () => {
  it('adds a comment on a quote, replies, resolves, reopens, edits and deletes', async () => {
    const app = openTestApp()
    const { api } = app
    must(await api.setSettings({ author: 'P. de Boer' }))
    const { id } = must(await api.importMarkdown({ text: readBigLetter() }))
    const { commentId, version } = must(await api.commentOnQuote({ id, quote: 'lijkt de grootschalige drugshandel op veel fronten onverstoord door te gaan', org: 'Politie', author: 'A. Agent', text: 'Klopt dit met de cijfers van de Nationale Politie?' }))
    expect(version).toBe(2)
    const reply = must(await api.replyComment({ commentId, text: 'Ja, zie het jaarverslag.', org: 'JenV' }))
    must(await api.setCommentResolved({ commentId, resolved: true }))
    let view = must(await api.listComments({ id }))
    expect(view.threads).toEqual([expect.objectContaining({
      id: commentId, author: 'A. Agent', org: 'Politie', resolved: true, anchored: true, block: 0,
      quote: 'lijkt de grootschalige drugshandel op veel fronten onverstoord door te gaan',
      replies: [expect.objectContaining({ id: reply.commentId, author: 'P. de Boer', org: 'JenV', text: 'Ja, zie het jaarverslag.' })],
    })])
    expect(view.organisations).toEqual(['JenV', 'Politie'])
    must(await api.setCommentResolved({ commentId, resolved: false }))
    // One's own comment may be edited; someone else's may not.
    expect(await api.editComment({ commentId, text: 'x' })).toEqual({ ok: false, error: 'Alleen A. Agent kan deze opmerking wijzigen of verwijderen.' })
    must(await api.editComment({ commentId: reply.commentId, text: 'Ja, zie het jaarverslag 2019.' }))
    view = must(await api.listComments({ id }))
    expect(view.threads[0]).toMatchObject({ resolved: false, replies: [{ text: 'Ja, zie het jaarverslag 2019.' }] })
    must(await api.deleteComment({ commentId: reply.commentId }))
    expect(must(await api.listComments({ id })).threads[0].replies).toEqual([])
    // A quote that is not in the text is refused and nothing is written.
    const before = tableCounts(app)
    expect(await api.commentOnQuote({ id, quote: 'deze zin staat er niet', org: 'OM', text: 'x' })).toMatchObject({ ok: false, error: expect.stringMatching(/staat niet in de huidige versie/) })
    expect(tableCounts(app)).toEqual(before)
  })

  it('keeps a comment whose text was deleted, marked detached with its quote, and anchors it again on restore', async () => {
    const { api } = openTestApp()
    const { id } = must(await api.importMarkdown({ text: readBigLetter() }))
    const quote = 'Dit toont eens te meer de noodzaak van het brede offensief'
    const { commentId, version } = must(await api.commentOnQuote({ id, quote, org: 'OM', text: 'Sterk geformuleerd.' }))
    const snap = must(await api.openDocument({ id }))
    const doc = PMNode.fromJSON(schema, snap.content)
    const range = findQuote(doc, { quote, prefix: '', suffix: '' })!
    const edited = new Transform(doc).delete(range.from - 1, range.to + 1).doc
    must(await api.saveVersion({ id, base: await latestVersion(api, id), meta: snap.meta, content: edited.toJSON(), kind: 'auto' }))
    let thread = must(await api.listComments({ id })).threads[0]
    expect(thread).toMatchObject({ id: commentId, anchored: false, block: null, quote })
    must(await api.restoreVersion({ id, number: version }))
    thread = must(await api.listComments({ id })).threads[0]
    expect(thread).toMatchObject({ id: commentId, anchored: true, quote })
  })

  it('never loses a comment over 20 versions of random edits around the commented passages', async () => {
    const { api } = openTestApp()
    const { id } = must(await api.importMarkdown({ text: readBigLetter() }))
    const quotes = [
      'De georganiseerde criminaliteit draait op volle toeren.', 'informeerde ik uw Kamer over dit brede offensief',
      'Bewaken en Beveiligen-zaken', 'Daarom investeer ik circa 30 FTE', 'Multidisciplinair Interventieteam (MIT)',
      'de preventieve en regionale aanpak', 'oprollen, afpakken en voorkomen', 'Deze ondermijning van onze democratische rechtsstaat is absoluut onacceptabel.',
    ]
    const ids = new Map<string, string>()
    for (const quote of quotes) ids.set(must(await api.commentOnQuote({ id, quote, org: 'FIOD', text: `Over: ${quote}` })).commentId, quote)
    const random = rng(77)
    let detachedSeen = 0
    for (let round = 0; round < 20; round++) {
      const snap = must(await api.openDocument({ id }))
      let doc = PMNode.fromJSON(schema, snap.content)
      const anchors = [...commentAnchors(doc).values()]
      const tr = new Transform(doc)
      // As typing does: new text takes the marks at the cursor (inside a comment: the comment).
      const insertText = (text: string, pos: number) => tr.insert(pos, schema.text(text, tr.doc.resolve(pos).marks()))
      const a = anchors[Math.floor(random() * anchors.length)]
      const r = random()
      const spaces = a ? [...doc.textBetween(a.from, a.to).matchAll(/ /g)].map((m) => a.from + m.index!) : []
      if (a && r < 0.35 && spaces.length) insertText(' extra', spaces[Math.floor(random() * spaces.length)])
      else if (a && r < 0.55) insertText('Vooraf: ', a.from)
      else if (a && r < 0.7) insertText(' (achteraf)', a.to)
      else if (a && r < 0.85) tr.delete(a.from, a.to)
      else insertText('Een nieuwe zin. ', 1)
      doc = tr.doc
      must(await api.saveVersion({ id, base: await latestVersion(api, id), meta: snap.meta, content: doc.toJSON(), kind: 'auto' }))
      const threads = must(await api.listComments({ id })).threads
      expect(threads.map((t) => t.id).sort()).toEqual([...ids.keys()].sort())
      for (const t of threads) {
        const words = ids.get(t.id)!.match(/[\p{L}\p{N}]+/gu)!
        // Anchored: on text that still has the words; detached: with the last text it had.
        for (const w of words) expect(t.quote).toContain(w)
        if (!t.anchored) expect(t.block).toBeNull()
        if (!t.anchored) detachedSeen++
      }
    }
    expect(detachedSeen).toBeGreaterThan(0)
  })

  it('fiod chain: five Toelichtingen as FIOD comments on v1 are all anchored after v2 is saved over it', async () => {
    const { api } = openTestApp()
    const { id } = must(await api.importMarkdown({ text: fiod(1), type: 'nota' }))
    // Where each proposal (section) of the FIOD reaction is about, in v1.
    const sections: Record<number, string> = {
      1: 'Het OM gaat uit van vier teams – centraal onder de landelijke recherche – die gedeconcentreerd werken.',
      2: 'Er moet snel gestuurd kunnen worden op inzet en middelen',
      3: 'Er moet voldoende ondersteuning zijn vanuit specialismen als FO, digitale opsporing en OSINTexpertise.',
      4: 'Het vereist ook investering in capaciteit voor de International Rechtshulp Centra',
      5: 'Het is voor het OM van groot belang dat de wetgevingsagenda van de minister snel wordt uitgevoerd.',
    }
    for (const c of fiodExpected) must(await api.commentOnQuote({ id, quote: sections[c.section], org: c.author, author: 'FIOD', text: c.text }))
    must(await api.saveMarkdownVersion({ id, text: fiod(2), label: 'Reactie FIOD' }))
    const threads = must(await api.listComments({ id })).threads
    expect(threads).toHaveLength(5)
    for (const t of threads) expect(t, t.text.slice(0, 40)).toMatchObject({ anchored: true, org: 'FIOD' })
    expect(threads.find((t) => t.text.startsWith('WOD trajecten'))!.quote).toMatch(/^Er moet voldoende ondersteuning zijn vanuit specialismen als WOD/)
  })

  it('exports comments into Markdown and imports them back with their threads', async () => {
    const { api } = openTestApp()
    const { id } = must(await api.importMarkdown({ text: readBigLetter() }))
    const { commentId } = must(await api.commentOnQuote({ id, quote: '88 miljoen euro in 2020', org: 'DFEZ', author: 'K. Kas', text: 'Bedragen afgestemd met DFEZ.' }))
    must(await api.replyComment({ commentId, text: 'Akkoord.', org: 'JenV', author: 'P. de Boer' }))
    const md = must(await api.exportMarkdown({ id })).markdown
    const again = must(await api.importMarkdown({ text: md }))
    const threads = must(await api.listComments({ id: again.id })).threads
    expect(threads).toEqual([expect.objectContaining({ author: 'K. Kas', org: 'DFEZ', text: 'Bedragen afgestemd met DFEZ.', quote: '88 miljoen euro in 2020', anchored: true, replies: [expect.objectContaining({ author: 'P. de Boer', text: 'Akkoord.' })] })])
    expect(threads[0].id).not.toBe(commentId)
  })
})
