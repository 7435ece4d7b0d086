import { describe, expect, it } from 'vitest'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { Node as PMNode } from 'prosemirror-model'
import { schema } from '../../src/core/schema.js'
import { readMarkdown } from '../../src/core/markdown-in.js'
import type { NodeJSON } from '../../src/core/document.js'
import { applyProposals, consolidate, type ReturnText } from '../../src/core/merge/consolidate.js'
import { chainsDir, corpusDocuments, readBigLetter } from '../helpers/corpus.js'
import { randomEdit, rng } from '../helpers/random-edits.js'

const blocksOf = (text: string): NodeJSON[] => {
  const r = readMarkdown(text)
  if (!r.ok) throw new Error(r.error)
  return (r.doc.toJSON() as { content: NodeJSON[] }).content
}
/** The same content as ProseMirror stores it (adjacent text with equal marks joined). */
const normal = (blocks: NodeJSON[]) => PMNode.fromJSON(schema, { type: 'doc', content: blocks.length ? blocks : [{ type: 'paragraph' }] }).toJSON().content
const edit = (blocks: NodeJSON[], seed: number, count: number) => randomEdit({ meta: {}, content: { type: 'doc', content: blocks } }, rng(seed), count).content.content
const paragraphsOf = (blocks: NodeJSON[]) => blocks.flatMap((b, i) => (b.type === 'paragraph' && b.content?.some((n) => n.type === 'text' && (n.text ?? '').split(' ').length > 6) ? [i] : []))

/** Replaces the word at `n` in the first long text node of a paragraph: an edit in place. */
function replaceWord(block: NodeJSON, n: number, word: string): NodeJSON {
  const copy = structuredClone(block)
  const text = copy.content!.find((c) => c.type === 'text' && (c.text ?? '').split(' ').length > 6)!
  const words = text.text!.split(' ')
  words[n % words.length] = word
  text.text = words.join(' ')
  return copy
}

describe('consolidating returns onto the current draft (property tests)', () => {
  const sources: [string, NodeJSON[]][] = [
    ...corpusDocuments().map(([name, text]): [string, NodeJSON[]] => [name, blocksOf(text)]),
    ...readdirSync(chainsDir).sort().map((chain): [string, NodeJSON[]] => [`${chain}/v1.md`, blocksOf(readFileSync(join(chainsDir, chain, 'v1.md'), 'utf8'))]),
  ]

  it.each(sources)('%s: an untouched return proposes nothing, and declining everything gives the draft back exactly', (_name, sent) => {
    const current = edit(sent, 11, 6)
    expect(consolidate(sent, current, [{ id: 'r1', org: 'OM', blocks: structuredClone(sent) }])).toEqual([])
    const r = edit(sent, 12, 8)
    const proposals = consolidate(sent, current, [{ id: 'r1', org: 'OM', blocks: r }])
    expect(applyProposals(sent, current, proposals, new Set())).toEqual(current)
  })

  it.each(sources)('%s: with no draft edits, accepting every proposal of one return gives that return', (_name, sent) => {
    for (const seed of [1, 2, 3]) {
      const r = edit(sent, 100 + seed, 10)
      const proposals = consolidate(sent, sent, [{ id: 'r', org: 'FIOD', blocks: r }])
      expect(proposals.every((p) => p.status === 'clean')).toBe(true)
      expect(normal(applyProposals(sent, sent, proposals, new Set(proposals.map((p) => p.id))))).toEqual(normal(r))
    }
  })

  it.each(sources)('%s: the drafter and a partner editing different paragraphs merge exactly, all proposals clean', (_name, sent) => {
    const paras = paragraphsOf(sent)
    if (paras.length < 4) return
    const random = rng(paras.length)
    const current = structuredClone(sent)
    const partner = structuredClone(sent)
    const expected = structuredClone(sent)
    paras.forEach((k, i) => {
      if (i % 3 === 0) expected[k] = current[k] = replaceWord(sent[k], Math.floor(random() * 20), 'drafter')
      else if (i % 3 === 1) expected[k] = partner[k] = replaceWord(sent[k], Math.floor(random() * 20), 'partner')
    })
    const proposals = consolidate(sent, current, [{ id: 'r', org: 'Politie', blocks: partner }])
    expect(proposals.length).toBeGreaterThan(0)
    expect(proposals.every((p) => p.status === 'clean')).toBe(true)
    const clean = new Set(proposals.filter((p) => p.status === 'clean').map((p) => p.id))
    expect(normal(applyProposals(sent, current, proposals, clean))).toEqual(normal(expected))
  })

  it.each(sources)('%s: the result never depends on the order the returns came in', (_name, sent) => {
    const current = edit(sent, 21, 5)
    const returns: ReturnText[] = [
      { id: 'a', org: 'Politie', blocks: edit(sent, 31, 6) },
      { id: 'b', org: 'OM', blocks: edit(sent, 32, 6) },
      { id: 'c', org: 'FIOD', blocks: edit(sent, 33, 6) },
    ]
    const one = consolidate(sent, current, returns)
    const other = consolidate(sent, current, [returns[2], returns[0], returns[1]])
    expect(other).toEqual(one)
    const random = rng(7)
    const accepted = new Set(one.filter(() => random() < 0.5).map((p) => p.id))
    expect(applyProposals(sent, current, other, accepted)).toEqual(applyProposals(sent, current, one, accepted))
    // Any mix of decisions is a valid document.
    expect(() => PMNode.fromJSON(schema, { type: 'doc', content: applyProposals(sent, current, one, accepted) }).check()).not.toThrow()
  })
})

describe('four partners on the 18 June letter while the drafter keeps writing', () => {
  const sent = blocksOf(readBigLetter())
  const replaceIn = (blocks: NodeJSON[], from: string, to: string) => {
    const out = structuredClone(blocks)
    const i = out.findIndex((b) => JSON.stringify(b).includes(from))
    if (i < 0) throw new Error(`not in the letter: ${from}`)
    out[i] = JSON.parse(JSON.stringify(out[i]).replace(from, to))
    return out
  }
  // The drafter, since sending: three paragraphs edited.
  let current = replaceIn(sent, 'De georganiseerde criminaliteit draait op volle toeren.', 'De georganiseerde criminaliteit draait nog altijd op volle toeren.')
  current = replaceIn(current, '88 miljoen euro in 2020', '88 miljoen euro in 2020 (voorlopig)')
  current = replaceIn(current, 'Middels deze brief informeer ik u over de uitwerking.', 'Met deze brief informeer ik u over de uitwerking.')

  const politie = replaceIn(replaceIn(sent, '141 miljoen euro in 2021', '145 miljoen euro in 2021'), 'lijkt de grootschalige drugshandel', 'lijkt de georganiseerde drugshandel')
  const om = replaceIn(replaceIn(sent, '141 miljoen euro in 2021', '150 miljoen euro in 2021'), 'lijkt de grootschalige drugshandel', 'lijkt de georganiseerde drugshandel')
  const fiod = replaceIn(sent, 'Middels deze brief informeer ik u over de uitwerking.', 'Hierbij informeer ik u over de uitwerking.')
  // DFEZ tracked one change and made another without tracking it.
  const dfezBase = replaceIn(sent, 'Afschuwelijke gebeurtenissen', 'Ernstige gebeurtenissen')
  const dfez = replaceIn(dfezBase, '150 miljoen euro per jaar vanaf 2022', '150 miljoen euro structureel vanaf 2022')
  const returns: ReturnText[] = [
    { id: 'r-politie', org: 'Politie', blocks: politie },
    { id: 'r-om', org: 'OM', blocks: om },
    { id: 'r-fiod', org: 'FIOD', blocks: fiod },
    { id: 'r-dfez', org: 'DFEZ', blocks: dfez, base: dfezBase },
  ]
  const proposals = consolidate(sent, current, returns)
  const find = (inserted: string) => proposals.filter((p) => p.inserted === inserted)

  it('lists every proposal once, in reading order', () => {
    expect(proposals.map((p) => [p.deleted, p.inserted, p.orgs.join('+'), p.status])).toEqual([
      ['grootschalige', 'georganiseerde', 'OM+Politie', 'clean'],
      ['Middels deze brief', 'Hierbij', 'FIOD', 'conflict-draft'],
      ['141', '150', 'OM', 'conflict-partners'],
      ['141', '145', 'Politie', 'conflict-partners'],
      ['per jaar', 'structureel', 'DFEZ', 'clean'],
      ['Afschuwelijke', 'Ernstige', 'DFEZ', 'clean'],
    ])
  })

  it('shows two partners changing the same amount differently as a conflict between them', () => {
    const [p145] = find('145')
    const [p150] = find('150')
    expect(p145).toMatchObject({ status: 'conflict-partners', orgs: ['Politie'], deleted: '141', conflictsWith: [p150.id] })
    expect(p150).toMatchObject({ status: 'conflict-partners', orgs: ['OM'], deleted: '141', conflictsWith: [p145.id] })
  })

  it('credits one proposal to every partner that made it', () => {
    const shared = find('georganiseerde')
    expect(shared).toHaveLength(1)
    expect(shared[0]).toMatchObject({ orgs: ['OM', 'Politie'], status: 'clean', deleted: 'grootschalige', inserted: 'georganiseerde' })
  })

  it('shows a sentence the drafter also changed as a conflict with the draft, with what the draft says now', () => {
    expect(find('Hierbij')).toEqual([expect.objectContaining({ status: 'conflict-draft', orgs: ['FIOD'], deleted: 'Middels deze brief', current: 'Met deze brief' })])
    expect(find('georganiseerde')[0].current).toBe('grootschalige')
  })

  it('marks an edit made without track changes as such', () => {
    expect(find('Ernstige')).toEqual([expect.objectContaining({ untracked: true, status: 'clean', orgs: ['DFEZ'] })])
    expect(find('structureel')).toEqual([expect.objectContaining({ untracked: false, deleted: 'per jaar' })])
  })

  it('keeps the drafter\'s edits when every clean proposal is taken over', () => {
    const clean = new Set(proposals.filter((p) => p.status === 'clean').map((p) => p.id))
    const text = JSON.stringify(applyProposals(sent, current, proposals, clean))
    for (const mine of ['draait nog altijd op volle toeren', '88 miljoen euro in 2020 (voorlopig)', 'Met deze brief informeer ik u']) expect(text).toContain(mine)
    for (const theirs of ['lijkt de georganiseerde drugshandel', 'Ernstige gebeurtenissen', '150 miljoen euro structureel vanaf 2022']) expect(text).toContain(theirs)
    expect(text).toContain('141 miljoen euro in 2021') // the conflict waits for a choice
  })

  it('shows nothing again that is already in the draft after processing, and keeps the rest open', () => {
    const clean = new Set(proposals.filter((p) => p.status === 'clean').map((p) => p.id))
    const processed = applyProposals(sent, current, proposals, clean)
    const again = consolidate(sent, processed, returns)
    expect(again.map((p) => [p.deleted, p.inserted, p.status])).toEqual([
      ['Middels deze brief', 'Hierbij', 'conflict-draft'],
      ['141', '150', 'conflict-partners'],
      ['141', '145', 'conflict-partners'],
    ])
    expect(again.map((p) => p.id)).toEqual(proposals.filter((p) => !clean.has(p.id)).map((p) => p.id))
  })

  it('takes the partner\'s version of the sentence when a conflict with the draft is decided for the partner', () => {
    const [fiodProposal] = find('Hierbij')
    const text = JSON.stringify(applyProposals(sent, current, proposals, new Set([fiodProposal.id])))
    expect(text).toContain('Hierbij informeer ik u over de uitwerking.')
    expect(text).not.toContain('Met deze brief informeer')
  })
})

describe('a partner who moves a paragraph', () => {
  const sources = corpusDocuments().map(([name, text]): [string, NodeJSON[]] => [name, blocksOf(text)])

  it.each(sources)('%s: the move is one decision, its removal and insertion naming each other; taking it gives the moved text, declining it the draft', (_name, sent) => {
    const paras = paragraphsOf(sent)
    if (paras.length < 4) return
    // The second long paragraph goes to after the last one; the drafter meanwhile edits the first.
    const moved = paras[1]
    const target = paras[paras.length - 1]
    const partner = structuredClone(sent)
    const [block] = partner.splice(moved, 1)
    partner.splice(target, 0, block)
    const current = structuredClone(sent)
    current[paras[0]] = replaceWord(sent[paras[0]], 3, 'drafter')
    const proposals = consolidate(sent, current, [{ id: 'r', org: 'DFEZ', blocks: partner }])
    const out = proposals.find((p) => p.place.kind === 'blocks' && p.place.to > p.place.from && !p.blocks!.length)!
    const into = proposals.find((p) => p.id === out.movedWith)!
    expect(into.movedWith).toBe(out.id)
    expect(into.inserted).toBe(out.deleted)
    expect(proposals.filter((p) => p.movedWith)).toHaveLength(2)
    const expected = structuredClone(partner)
    expected[paras[0]] = current[paras[0]]
    expect(normal(applyProposals(sent, current, proposals, new Set([out.id, into.id])))).toEqual(normal(expected))
    expect(applyProposals(sent, current, proposals, new Set())).toEqual(current)
  })

  it('is no move when the paragraph is deleted in one place and a different one added elsewhere', () => {
    const sent = blocksOf(readBigLetter())
    const paras = paragraphsOf(sent)
    const partner = structuredClone(sent)
    partner.splice(paras[1], 1)
    partner.splice(paras[5], 0, replaceWord(sent[paras[1]], 2, 'anders'))
    expect(consolidate(sent, sent, [{ id: 'r', org: 'OM', blocks: partner }]).filter((p) => p.movedWith)).toEqual([])
  })
})
