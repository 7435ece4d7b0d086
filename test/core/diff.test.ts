import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Node as PMNode } from 'prosemirror-model'
import { readMarkdown } from '../../src/core/markdown-in.js'
import { schema } from '../../src/core/schema.js'
import { compareDocuments, StagedComparison, type ComparableDocument } from '../../src/core/diff/compare.js'
import { applyDecisions } from '../../src/core/diff/apply.js'
import type { Comparison, Inner, NodeJSON, Row } from '../../src/core/diff/types.js'
import { nodeText, tokensText, wordCount } from '../../src/core/diff/tokens.js'
import { chainsDir, corpusDocuments } from '../helpers/corpus.js'
import { randomEdit, rng } from '../helpers/random-edits.js'

function load(text: string): ComparableDocument & { content: { type: 'doc'; content: NodeJSON[] } } {
  const r = readMarkdown(text)
  if (!r.ok) throw new Error(r.error)
  return { meta: r.meta, content: r.doc.toJSON() }
}
const chainFile = (chain: string, v: number) => load(readFileSync(join(chainsDir, chain, `v${v}.md`), 'utf8'))

const chainPairs: [string, number][] = [
  ['contouren-bijlage-draft-final', 1], ['fiod-tekstvoorstellen', 1], ['persbericht-110-miljoen', 1], ['persbericht-110-miljoen', 2],
  ['persbericht-110-miljoen', 3], ['sbo-annotatie-rode-tekst', 1], ['two-pager-deltaplan', 1],
]

/** Checks the two properties every comparison must have. */
function expectExact(a: ReturnType<typeof load>, b: ReturnType<typeof load>, cmp: Comparison) {
  expect(applyDecisions(cmp, () => 'b')).toEqual({ meta: b.meta, content: normalize(b.content) })
  expect(applyDecisions(cmp, () => 'a')).toEqual({ meta: a.meta, content: normalize(a.content) })
}
/** ProseMirror's own normal form of a document (joined text nodes). */
const normalize = (doc: unknown) => PMNode.fromJSON(schema, doc).toJSON()

/** Every inline change part with the text just before and after it, on both sides. */
function changeEdges(cmp: Comparison): { before: string; first: string; last: string; after: string }[] {
  const edges: { before: string; first: string; last: string; after: string }[] = []
  const visitInner = (inner: Inner) => {
    if (inner.kind === 'inline') {
      inner.parts.forEach((p, i) => {
        if (!('id' in p)) return
        const prev = inner.parts[i - 1]
        const next = inner.parts[i + 1]
        const before = prev && 'eq' in prev ? tokensText(prev.eq) : ''
        const after = next && 'eq' in next ? tokensText(next.eq) : ''
        for (const side of [p.del, p.ins]) {
          const text = tokensText(side)
          if (text) edges.push({ before: before.slice(-1), first: text[0], last: text.slice(-1), after: after[0] ?? '' })
        }
      })
    } else if (inner.kind === 'children') visitRows(inner.rows)
  }
  const visitRows = (rows: Row[]) => rows.forEach((r) => (r.op === 'modify' || r.op === 'moveTo' ? visitInner(r.inner) : r.op === 'group' ? visitInner({ kind: 'inline', a: { type: 'paragraph' }, b: { type: 'paragraph' }, parts: r.parts }) : undefined))
  visitRows(cmp.rows)
  return edges
}
const isWordChar = (c: string) => /[\p{L}\p{N}]/u.test(c)

describe('comparing consecutive versions of every corpus chain', () => {
  it.each(chainPairs)('%s v%i→next: accepting all gives B, rejecting all gives A, exactly', (chain, v) => {
    const a = chainFile(chain, v)
    const b = chainFile(chain, v + 1)
    expectExact(a, b, compareDocuments(a, b))
    expectExact(a, b, compareDocuments(a, b, { granularity: 'char' }))
  })

  it.each(chainPairs)('%s v%i→next: no change starts or ends inside a word', (chain, v) => {
    const cmp = compareDocuments(chainFile(chain, v), chainFile(chain, v + 1))
    for (const e of changeEdges(cmp)) {
      expect(isWordChar(e.before) && isWordChar(e.first), `change starts inside a word: …${e.before}|${e.first}…`).toBe(false)
      expect(isWordChar(e.last) && isWordChar(e.after), `change ends inside a word: …${e.last}|${e.after}…`).toBe(false)
    }
  })
})

describe('what a reviewer is shown', () => {
  it('sbo-annotatie v1→v2: exactly the two red insertions, nothing else', () => {
    const cmp = compareDocuments(chainFile('sbo-annotatie-rode-tekst', 1), chainFile('sbo-annotatie-rode-tekst', 2))
    expect(cmp.changes.map((c) => [c.kind, c.deleted, c.inserted.trim()])).toEqual([
      ['insert', '', 'en in het Landelijk Overleg Veiligheid en Politie (LOVP)'],
      ['insert', '', 'de concrete invulling van'],
    ])
    expect(cmp.stats).toMatchObject({ insertedWords: 13, deletedWords: 0, movedBlocks: 0 })
  })

  it('persbericht v2→v3: the paragraph that went to the end is one move, not a deletion plus an insertion', () => {
    const a = chainFile('persbericht-110-miljoen', 2)
    const b = chainFile('persbericht-110-miljoen', 3)
    const cmp = compareDocuments(a, b)
    const moves = cmp.changes.filter((c) => c.kind === 'move')
    expect(moves).toHaveLength(1)
    expect(moves[0].deleted).toMatch(/^Het kabinet heeft bij zijn aantreden meteen eerste belangrijke stappen gezet/)
    expect(moves[0].blockB).toBe(b.content.content.length - 2)
    expect(cmp.changes.some((c) => c.kind === 'delete' && c.deleted.startsWith('Het kabinet heeft bij zijn aantreden'))).toBe(false)
    expect(cmp.changes.some((c) => c.kind === 'delete' && c.deleted.trim() === 'Een stevige aanpak van nietsontziende criminelen roept weerstand op.')).toBe(true)
    // Rejecting only the move keeps the paragraph where it was in A (with its edits accepted).
    const onlyMoveRejected = applyDecisions(cmp, (id) => (id === moves[0].id ? 'a' : 'b'))
    expect(PMNode.fromJSON(schema, onlyMoveRejected.content).child(moves[0].blockA!).textContent).toMatch(/^De extra investering komt bovenop/)
  })

  it('contouren draft→final: identical paragraphs show no change, the real differences do', () => {
    const a = chainFile('contouren-bijlage-draft-final', 1)
    const b = chainFile('contouren-bijlage-draft-final', 2)
    const cmp = compareDocuments(a, b)
    const inA = new Set(a.content.content.map((n) => JSON.stringify(n)))
    const untouched = b.content.content.map((n, i) => (inA.has(JSON.stringify(n)) ? i : -1)).filter((i) => i >= 0)
    expect(untouched.length).toBeGreaterThanOrEqual(5)
    for (const c of cmp.changes) expect(untouched).not.toContain(c.blockB)
    const pairs = cmp.changes.map((c) => `${c.deleted.trim()}→${c.inserted.trim()}`)
    expect(pairs).toContain('ICOV→iCOV')
    expect(pairs).toContain('5.1.5→de heer Wiersum,')
    expect(pairs).toContain(', douane→')
    expect(cmp.changes.filter((c) => c.kind === 'format').every((c) => c.detail === 'cursief verwijderd')).toBe(true)
    // Only words that differ are counted: a tiny fraction of the ~4,000 words.
    expect(cmp.stats.insertedWords + cmp.stats.deletedWords).toBeLessThan(300)
  })

  it('reports a heading that became a paragraph and bold added as format changes', () => {
    const p = (text: string, bold = false): NodeJSON => ({ type: 'paragraph', content: [{ type: 'text', text, ...(bold ? { marks: [{ type: 'strong' }] } : {}) }] })
    const a = { meta: { onderwerp: 'Oud' }, content: { type: 'doc' as const, content: [{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Aanleiding' }] }, p('Vet')] } }
    const b = { meta: { onderwerp: 'Nieuw' }, content: { type: 'doc' as const, content: [p('Aanleiding'), p('Vet', true)] } }
    const cmp = compareDocuments(a, b)
    expect(cmp.changes.map((c) => [c.kind, c.detail ?? c.key])).toEqual([['metadata', 'onderwerp'], ['format', 'Kop 1 → Alinea'], ['format', 'vet toegevoegd']])
    expectExact(a, b, cmp)
  })

  it('reports a changed table cell and a changed footnote as their own kinds', () => {
    const a = load(corpusDocuments().find(([n]) => n.startsWith('kamerbrief-2020'))![1])
    const b = structuredClone(a)
    const table = b.content.content.find((n) => n.type === 'table')!
    table.content![1].content![1].content![0].content![0].text = '4,1 mln'
    const withNote = b.content.content.findIndex((n) => JSON.stringify(n).includes('"footnote"'))
    const note = JSON.stringify(b.content.content[withNote]).replace('nr. 254.', 'nr. 255.')
    b.content.content[withNote] = JSON.parse(note)
    const cmp = compareDocuments(a, b)
    expect(cmp.changes.map((c) => [c.kind, c.deleted, c.inserted])).toEqual([
      ['footnote', 'Kamerstukken II 2019/20, 29911, nr. 254.', 'Kamerstukken II 2019/20, 29911, nr. 255.'],
      ['table', '3,9 mln', '4,1 mln'],
    ])
    expectExact(a, b, cmp)
  })
})

describe('random edits of corpus documents (property test)', () => {
  const docs = corpusDocuments().map(([name, text]) => [name, load(text)] as const)
  it.each(docs.map(([name], i) => [name, i]))('%s: 25 random edit rounds round-trip exactly, and any mix of decisions is a valid document', (_name, index) => {
    const [, base] = docs[index as number]
    const random = rng(1000 + (index as number))
    for (let round = 0; round < 25; round++) {
      const b = randomEdit(base, random, 1 + Math.floor(random() * 6))
      const cmp = compareDocuments(base, b)
      expectExact(base, b, cmp)
      const mixed = applyDecisions(cmp, () => (random() < 0.5 ? 'a' : 'b'))
      expect(() => PMNode.fromJSON(schema, mixed.content.content.length ? mixed.content : { type: 'doc', content: [{ type: 'paragraph' }] }).check()).not.toThrow()
    }
  })
})

describe('comments and comparing', () => {
  it('does not count a comment added to the text as a change, and keeps the comments of B', () => {
    const a = load(readFileSync(join(chainsDir, 'sbo-annotatie-rode-tekst', 'v1.md'), 'utf8'))
    const b = structuredClone(a)
    const first = b.content.content[0].content![0]
    const words = first.text!
    // A comment over whole words, as selecting with a double click gives.
    const [from, to] = [words.indexOf('aangeven'), words.indexOf(' wat u betreft')]
    b.content.content[0].content = [
      { type: 'text', text: words.slice(0, from) },
      { type: 'text', text: words.slice(from, to), marks: [{ type: 'comment', attrs: { id: 'kabcdef12' } }] },
      { type: 'text', text: words.slice(to) },
    ]
    const cmp = compareDocuments(a, b)
    expect(cmp.changes).toEqual([])
    expect(cmp.stats.changedBlocks).toBe(0)
    expect(applyDecisions(cmp, () => 'b').content).toEqual(normalize(b.content))
  })
})

describe('merged and split paragraphs, read back for each view', () => {
  it('gives the A paragraphs, the B paragraphs, or both with changed paragraph starts as ¶', async () => {
    const { groupBlocks } = await import('../../src/core/diff/group.js')
    const a = chainFile('contouren-bijlage-draft-final', 1)
    const b = chainFile('contouren-bijlage-draft-final', 2)
    const cmp = compareDocuments(a, b)
    const groups = cmp.rows.filter((r): r is Extract<Row, { op: 'group' }> => r.op === 'group')
    expect(groups.length).toBeGreaterThan(0)
    const text = (blocks: ReturnType<typeof groupBlocks>) => blocks.map((bl) => bl.runs.map((r) => (r.pilcrow ? '¶' : tokensText(r.tokens))).join(''))
    const plain = (node: NodeJSON) => PMNode.fromJSON(schema, node).textBetween(0, PMNode.fromJSON(schema, node).content.size, '\n', '\n')
    for (const g of groups) {
      expect(text(groupBlocks(g.parts, 'a', 'a'))).toEqual(g.ais.map((i) => plain(a.content.content[i])))
      expect(text(groupBlocks(g.parts, 'b', 'b'))).toEqual(g.bis.map((j) => plain(b.content.content[j])))
      const both = groupBlocks(g.parts, 'both', 'eq')
      if (g.ais.length !== g.bis.length) expect(both.some((bl) => bl.runs.some((r) => r.pilcrow))).toBe(true)
    }
  })
})

describe('comment anchors are not content', () => {
  const comment = { type: 'comment', attrs: { id: 'k0000000001' } }

  it('reports no change when a comment covers a soft line break or a footnote reference', () => {
    const a = { meta: {}, content: { type: 'doc' as const, content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'Eerste regel' }, { type: 'hard_break', attrs: { soft: true } }, { type: 'text', text: 'tweede regel' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Zie de brief' }, { type: 'footnote', content: [{ type: 'text', text: 'Kamerstukken II 2019/20, 29911, nr. 254.' }] }, { type: 'text', text: ' van oktober.' }] },
    ] } }
    const b = structuredClone(a)
    for (const block of b.content.content) for (const node of block.content as { marks?: unknown[] }[]) node.marks = [comment]
    const cmp = compareDocuments(a, b)
    expect(cmp.changes).toEqual([])
  })
})

describe('a comment that starts or ends inside a word', () => {
  it('is no change to the text, and the comment keeps its exact place when changes are applied', () => {
    const a = { meta: {}, content: { type: 'doc' as const, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'De georganiseerde criminaliteit draait door.' }] }] } }
    const comment = [{ type: 'comment', attrs: { id: 'k0000000001' } }]
    const b = { meta: {}, content: { type: 'doc' as const, content: [{ type: 'paragraph', content: [
      { type: 'text', text: 'De georganis', marks: comment }, { type: 'text', text: 'eerde criminaliteit draait nog door.' },
    ] }] } }
    const cmp = compareDocuments(a, b)
    expect(cmp.changes.map((c) => [c.kind, c.deleted, c.inserted])).toEqual([['insert', '', 'nog ']])
    expect(applyDecisions(cmp, () => 'b').content).toEqual(b.content)
    // Rejecting the insertion gives A's words, and the comment stays exactly where it was put.
    expect(applyDecisions(cmp, () => 'a').content.content[0]).toEqual({ type: 'paragraph', content: [
      { type: 'text', text: 'De georganis', marks: comment }, { type: 'text', text: 'eerde criminaliteit draait door.' },
    ] })
  })
})

describe('repeated content (the same letter several times over): paragraphs deleted, inserted and moved', () => {
  const letter = load(readFileSync(join(chainsDir, '..', 'documents', 'kamerbrief-2020-06-18-uitwerking-breed-offensief.md'), 'utf8')).content.content
  const words = (n: NodeJSON) => wordCount(nodeText(n))
  const cases = [5, 10, 50].flatMap((times) => [1, 2].map((seed) => [times, seed] as [number, number]))

  it.each(cases)('%i× (seed %i): the changed words reported are within a tenth of the true edit, moves are moves, and accepting or rejecting all is exact', (times, seed) => {
    const a = Array.from({ length: times }, () => structuredClone(letter)).flat()
    const random = rng(times * 100 + seed)
    const b = structuredClone(a)
    let truth = 0
    const at = () => Math.floor(random() * b.length)
    for (let k = 0; k < 2 + times / 5; k++) {
      const [gone] = b.splice(at(), 1)
      truth += words(gone)
    }
    for (let k = 0; k < 2 + times / 10; k++) {
      const added = { type: 'paragraph', content: [{ type: 'text', text: `Nieuwe alinea ${seed}-${k}: de regio's ${k} en ${k + 1} krijgen samen ${k * 3 + 2} miljoen euro extra voor de aanpak.` }] }
      truth += words(added)
      b.splice(at(), 0, added)
    }
    const moved = 2
    for (let k = 0; k < moved; k++) {
      const [m] = b.splice(at(), 1)
      b.splice(at(), 0, m)
    }
    // And 2 % of the words replaced in place, all through the text (the moved paragraphs left as they are).
    let n = 0
    for (const block of b) {
      if (block.type !== 'paragraph') continue
      for (const node of block.content ?? []) {
        if (node.type !== 'text' || node.marks?.length) continue
        node.text = node.text!.split(' ').map((w) => {
          if (!/^[\p{L}]{3,}$/u.test(w) || random() >= 0.02) return w
          truth += 2
          return `woord${seed}x${n++}`
        }).join(' ')
      }
    }
    const A = { meta: {}, content: { type: 'doc' as const, content: a } }
    const B = { meta: {}, content: { type: 'doc' as const, content: b } }
    const cmp = compareDocuments(A, B)
    const reported = cmp.stats.insertedWords + cmp.stats.deletedWords
    expect(Math.abs(reported - truth)).toBeLessThanOrEqual(0.1 * truth)
    expect(cmp.stats.movedBlocks).toBeLessThanOrEqual(moved)
    expectExact(A, B, cmp)
  })
})

describe('the first screen of a comparison, before the rest is compared', () => {
  const letter = load(readFileSync(join(chainsDir, '..', 'documents', 'kamerbrief-2020-06-18-uitwerking-breed-offensief.md'), 'utf8')).content.content
  // Three times the letter; paragraph 3 moved to the very end and changed words here and there.
  const a = Array.from({ length: 3 }, () => structuredClone(letter)).flat()
  const b = structuredClone(a)
  const [moved] = b.splice(3, 1)
  b.push(moved)
  b.splice(20, 1)
  for (const i of [1, 8, 30, b.length - 1]) {
    const text = b[i].content?.find((n) => n.type === 'text')
    if (text) text.text = `Gewijzigd ${i}: ${text.text}`
  }
  const A = { meta: { onderwerp: 'Oud' }, content: { type: 'doc' as const, content: a } }
  const B = { meta: { onderwerp: 'Nieuw' }, content: { type: 'doc' as const, content: b } }
  const idsIn = (value: unknown): string[] => JSON.stringify(value).match(/"(?:id|shellChange)":"c\d+"/g)?.map((m) => m.split('"')[3]) ?? []

  it.each([1, 4, 12, 40, 1000])('the first %i rows are those of the whole comparison, with the same change numbers, and can be drawn alone', (count) => {
    const whole = compareDocuments(A, B)
    const staged = new StagedComparison(A, B)
    const first = staged.prefix(count)
    const n = Math.min(count, whole.rows.length)
    expect(first.complete).toBe(count >= whole.rows.length)
    // The moved paragraph's source carries its inner diff while its destination is not yet included.
    const carried = first.rows.map((r) => {
      if (r.op !== 'moveFrom') return r
      const { inner: _carried, ...rest } = r
      return rest
    })
    expect(carried).toEqual(whole.rows.slice(0, n))
    expect(first.changes).toEqual(whole.changes.slice(0, first.changes.length))
    const known = new Set(first.changes.map((c) => c.id))
    expect(idsIn(first.rows).filter((id) => !known.has(id))).toEqual([])
    if (count > 3 && count < whole.rows.length) expect(first.rows.find((r) => r.op === 'moveFrom')).toHaveProperty('inner.kind', 'inline')
    // Asking for the rest afterwards gives the whole comparison exactly.
    expect(staged.full()).toEqual(whole)
  })
})

describe('hostile repetition', () => {
  it('aligns thousands of paragraphs of two alternating texts against the same shifted by one, exactly', () => {
    const para = (t: string): NodeJSON => ({ type: 'paragraph', content: [{ type: 'text', text: t }] })
    const a = Array.from({ length: 6000 }, (_, i) => para(i % 2 ? 'Ja.' : 'Nee.'))
    const b = [para('Misschien.'), ...a.slice(0, -1)]
    const A = { meta: {}, content: { type: 'doc' as const, content: a } }
    const B = { meta: {}, content: { type: 'doc' as const, content: b } }
    const cmp = compareDocuments(A, B)
    expect(cmp.stats.insertedWords + cmp.stats.deletedWords).toBe(2)
    expectExact(A, B, cmp)
  })
})
