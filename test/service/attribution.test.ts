import { describe, expect, it } from 'vitest'
import JSZip from 'jszip'
import { must, openTestApp } from '../helpers/app.js'
import { readBigLetter } from '../helpers/corpus.js'
import { changeDocx } from '../helpers/word-edits.js'

/** The compare screen's "wie, wanneer": each change of a comparison with the version that brought it in. */
describe('attributing the changes of a comparison', () => {
  it('names the colleague and the version for each change across a chain of versions, and leaves moves unattributed', async () => {
    let clock = Date.parse('2026-11-02T09:00:00Z')
    const { api, close } = openTestApp(undefined, { now: () => new Date((clock += 60_000)) })
    try {
      const { id } = must(await api.importMarkdown({ text: readBigLetter(), fileName: 'brief.md' }))
      const save = async (author: string, edit: (md: string) => string, label: string) => {
        must(await api.setSettings({ author, org: 'DGRR' }))
        const md = must(await api.exportMarkdown({ id })).markdown
        const next = edit(md)
        expect(next).not.toBe(md)
        return must(await api.saveMarkdownVersion({ id, text: next, label })).number
      }
      const v2 = await save('K. Collega', (md) => md.replace('draait op volle toeren', 'draait op topsnelheid'), 'Reactie DGRR')
      const v3 = await save('T. Tester', (md) => md.replace(' Dit toont eens te meer de noodzaak van het brede offensief tegen georganiseerde ondermijnende criminaliteit.', '').replace('over de uitwerking.', 'over de uitwerking. Zie ook de bijlage bij deze brief.'), 'Eigen bewerking')
      const v4 = await save('A. Derde', (md) => md.replace(/^onderwerp: .*$/m, 'onderwerp: Uitwerking van het brede offensief'), 'Onderwerp')
      // A paragraph moved further down, unchanged.
      let moved = ''
      const v5 = await save('A. Derde', (md) => {
        const parts = md.split('\n\n')
        const at = parts.findIndex((p, i) => i > 20 && /^[A-Z]/.test(p) && !p.includes('[^') && p.length > 300)
        moved = parts[at]
        parts.splice(at, 1)
        parts.splice(at + 6, 0, moved)
        return parts.join('\n\n')
      }, 'Verplaatst')

      const cmp = must(await api.compareVersions({ id, a: 1, b: v5 })).comparison
      const who = must(await api.attributeComparison({ id, a: 1, b: v5 }))
      const byText = (pred: (c: (typeof cmp.changes)[number]) => boolean) => {
        const c = cmp.changes.find(pred)
        expect(c).toBeDefined()
        return who[c!.id]
      }
      expect(byText((c) => c.inserted.includes('topsnelheid'))).toMatchObject({ version: v2, author: 'K. Collega' })
      expect(byText((c) => c.deleted.includes('Dit toont eens te meer'))).toMatchObject({ version: v3, author: 'T. Tester' })
      expect(byText((c) => c.inserted.includes('Zie ook de bijlage'))).toMatchObject({ version: v3, author: 'T. Tester' })
      expect(byText((c) => c.kind === 'metadata' && c.key === 'onderwerp')).toMatchObject({ version: v4, author: 'A. Derde' })
      expect(byText((c) => c.kind === 'move')).toBeNull()
      // Every change has an answer (a version, or null), and the time is the version's own.
      expect(Object.keys(who).sort()).toEqual(cmp.changes.map((c) => c.id).sort())
      const versions = must(await api.listVersions({ id }))
      expect(byText((c) => c.inserted.includes('topsnelheid'))!.createdAt).toBe(versions.find((v) => v.number === v2)!.createdAt)

      // The Word redline carries the same: each revision under the author and date of the version that made it.
      const file = must(await api.exportDocx({ id, version: v5, against: 1 }))
      const xml = await (await JSZip.loadAsync(Buffer.from(file.base64, 'base64'))).file('word/document.xml')!.async('string')
      const revisionHolding = (tag: 'ins' | 'del', text: string) => {
        const found = [...xml.matchAll(new RegExp(`<w:${tag} [^>]*w:author="([^"]*)"[^>]*w:date="([^"]*)"[^>]*>(.*?)</w:${tag}>`, 'gs'))].find((m) => m[3].includes(text))
        expect(found, text).toBeDefined()
        return { author: found![1], date: found![2] }
      }
      expect(revisionHolding('ins', 'topsnelheid').author).toBe('K. Collega')
      expect(revisionHolding('del', 'Dit toont eens te meer')).toEqual({ author: 'T. Tester', date: versions.find((v) => v.number === v3)!.createdAt })
      expect(revisionHolding('ins', 'Zie ook de bijlage').author).toBe('T. Tester')

      // Compared the other way round (newer with older): nothing to attribute.
      const back = must(await api.attributeComparison({ id, a: v4, b: 1 }))
      expect(Object.values(back).every((v) => v === null)).toBe(true)
    } finally {
      close()
    }
  })

  it('names the Word reviewer and the moment Word recorded for a change that came in with an imported file, not the user who imported it', async () => {
    const { api, close } = openTestApp()
    try {
      must(await api.setSettings({ author: 'D. Drafter', org: 'JenV' }))
      const { id } = must(await api.importMarkdown({ text: readBigLetter(), fileName: 'brief.md' }))
      const sent = must(await api.exportDocx({ id })).base64
      // A partner's return with one tracked change by K. Kas and one edit made without tracking.
      const back = await changeDocx(sent, [
        { from: 'draait op volle toeren', to: 'draait op topsnelheid', tracked: 'K. Kas (OM)' },
        { from: 'Tevens presenteer ik', to: 'Ook presenteer ik', tracked: null },
      ])
      must(await api.importDocx({ base64: back, fileName: 'reactie-om.docx', into: id }))
      const cmp = must(await api.compareVersions({ id, a: 1 })).comparison
      const who = must(await api.attributeComparison({ id, a: 1 }))
      const tracked = cmp.changes.find((c) => c.inserted.includes('topsnelheid'))!
      expect(who[tracked.id]).toMatchObject({ author: 'K. Kas (OM)', createdAt: '2020-06-12T11:00:00.000Z' })
      const untracked = cmp.changes.find((c) => c.inserted === 'Ook')!
      expect(who[untracked.id]?.author).toBe('D. Drafter')
      // Wijzigingen tonen asks the same of the editor's changes.
      const live = must(await api.attributeChanges({ id, base: 1, changes: [{ kind: 'ins', text: 'topsnelheid', before: 'draait op ', after: '.' }] }))
      expect(live[0]).toMatchObject({ author: 'K. Kas (OM)' })
    } finally {
      close()
    }
  })

  it('answers other requests while it works through a long letter, instead of keeping the next screen waiting', async () => {
    const { api, close } = openTestApp()
    try {
      // The 60 kB letter ten times over, and three colleagues' versions each changing a word in twenty.
      const { id: once } = must(await api.importMarkdown({ text: readBigLetter(), fileName: 'brief.md' }))
      const opened = must(await api.openDocument({ id: once }))
      const content = { type: 'doc' as const, content: Array.from({ length: 10 }, () => structuredClone(opened.content.content ?? [])).flat() }
      const { id } = must(await api.createDocument({ type: 'kamerbrief', meta: opened.meta, content }))
      for (let v = 1; v <= 3; v++) {
        let n = 0
        const edit = (node: { text?: string; content?: unknown[] }): unknown => ({
          ...node,
          ...(node.text === undefined ? {} : { text: node.text.replace(/\p{L}{4,}/gu, (w) => (++n % 20 === v ? `${w}${v}x` : w)) }),
          ...(node.content ? { content: node.content.map((child) => edit(child as typeof node)) } : {}),
        })
        const edited = edit(content) as typeof content
        must(await api.saveVersion({ id, base: v, meta: opened.meta, content: edited, kind: 'named', label: `ronde ${v}` }))
      }
      const cmp = must(await api.compareVersions({ id, a: 1, b: 4 })).comparison
      expect(cmp.changes.length).toBeGreaterThan(1000)

      const order: string[] = []
      const attributing = api.attributeComparison({ id, a: 1, b: 4 }).then((r) => (order.push('wie'), r))
      await api.listDocuments({}).then(() => order.push('lijst'))
      const who = must(await attributing)
      expect(order).toEqual(['lijst', 'wie'])
      // And it finished its work all the same: the third round's words are the third round's.
      const third = cmp.changes.filter((c) => /\p{L}3x/u.test(c.inserted))
      expect(third.length).toBeGreaterThan(100)
      expect(third.every((c) => who[c.id]?.version === 4)).toBe(true)
    } finally {
      close()
    }
  })
})
