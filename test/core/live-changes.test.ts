import { describe, expect, it } from 'vitest'
import { readMarkdown } from '../../src/core/markdown-in.js'
import { attribute, liveChanges } from '../../src/core/live-changes.js'

const doc = (md: string) => {
  const r = readMarkdown(md)
  if (!r.ok) throw new Error(r.error)
  return r.doc
}

describe('Wijzigingen tonen: the draft against a base', () => {
  const base = doc('De criminaliteit draait op volle toeren. Dit toont de noodzaak.\n\nTweede alinea blijft.\n')
  const now = doc('De criminaliteit draait op topsnelheid.\n\nTweede alinea blijft, met een toevoeging.\n')

  it('finds insertions with their range and deletions where they stood, the deletion in its own paragraph', () => {
    const changes = liveChanges(base, now)
    expect(changes.map((c) => [c.kind, c.text.trim()])).toEqual([['del', 'volle toeren. Dit toont de noodzaak'], ['ins', 'topsnelheid'], ['ins', ', met een toevoeging']])
    const ins = changes[1]
    expect(now.textBetween(ins.ranges[0].from, ins.ranges[0].to)).toBe('topsnelheid')
    expect(now.resolve(changes[0].ranges[0].from).parent.textContent).toBe('De criminaliteit draait op topsnelheid.')
    // What both have is no change.
    expect(changes.some((c) => c.text.includes('Tweede alinea'))).toBe(false)
  })

  it('puts a sentence deleted at the end of a paragraph at the end of that paragraph, not at the start of the next', () => {
    const a = doc('Eerste zin. Weg ermee.\n\nVolgende alinea.\n')
    const b = doc('Eerste zin.\n\nVolgende alinea.\n')
    const [del] = liveChanges(a, b)
    expect(del.kind).toBe('del')
    expect(b.resolve(del.ranges[0].from).parent.textContent).toBe('Eerste zin.')
  })

  it('attributes each change to the first version that has it, and none to what no saved version has', () => {
    const changes = liveChanges(base, now)
    const versions = [
      { number: 2, author: 'K. Collega', createdAt: '2026-11-20T10:00:00Z', text: 'De criminaliteit draait op topsnelheid. Dit toont de noodzaak.\nTweede alinea blijft.' },
      { number: 3, author: 'T. Tester', createdAt: '2026-11-21T10:00:00Z', text: 'De criminaliteit draait op topsnelheid.\nTweede alinea blijft.' },
    ]
    // The deletion (one passage) is the first version's that took part of it away; the typed words are in no saved version.
    expect(attribute(changes, versions).map((v) => v?.number ?? null)).toEqual([2, 2, null])
  })
})

describe('Wijzigingen tonen: where a deleted sentence begins and ends', () => {
  it('takes the sentence with its own full stop, not the full stop before it', () => {
    const a = doc('Er is een vlucht. Dit toont de noodzaak.\n\nVolgende.\n')
    const b = doc('Er is een vlucht.\n\nVolgende.\n')
    expect(liveChanges(a, b).map((c) => [c.kind, c.text])).toEqual([['del', ' Dit toont de noodzaak.']])
  })
})
