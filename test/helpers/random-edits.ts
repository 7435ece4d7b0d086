// Random, realistic edits of a document for property tests: words typed and
// deleted, blocks inserted, deleted and moved, marks changed, table cells and
// footnotes rewritten, headings turned into paragraphs.
import type { NodeJSON } from '../../src/core/diff/types.js'
import type { ComparableDocument } from '../../src/core/diff/compare.js'

/** A small seeded generator (mulberry32), so failures can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WORDS = ['ondermijning', 'offensief', 'politie', 'het', 'de', 'FIOD', 'miljoen', 'euro', 'structureel', 'aanpak', '2021', 'Kamer', 'wetgeving']

type Doc = ComparableDocument & { content: { type: 'doc'; content: NodeJSON[] } }

/** A copy of `doc` with `count` random edits. */
export function randomEdit(doc: Doc, random: () => number, count: number): Doc {
  const out = structuredClone(doc)
  const blocks = out.content.content
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]
  const word = () => pick(WORDS)
  const textNodes = (node: NodeJSON, acc: NodeJSON[] = []): NodeJSON[] => {
    if (node.type === 'text') acc.push(node)
    node.content?.forEach((c) => textNodes(c, acc))
    return acc
  }
  for (let k = 0; k < count; k++) {
    const r = random()
    const i = Math.floor(random() * blocks.length)
    if (r < 0.3) {
      const texts = textNodes(blocks[i])
      if (!texts.length) continue
      const t = pick(texts)
      const words = t.text!.split(' ')
      const at = Math.floor(random() * words.length)
      if (random() < 0.5) words.splice(at, 0, word())
      else if (words.length > 1) words.splice(at, 1)
      t.text = words.join(' ') || word()
    } else if (r < 0.4) {
      blocks.splice(i, 0, { type: 'paragraph', content: [{ type: 'text', text: `${word()} ${word()} ${word()}.` }] })
    } else if (r < 0.5) {
      if (blocks.length > 1) blocks.splice(i, 1)
    } else if (r < 0.6) {
      const [moved] = blocks.splice(i, 1)
      blocks.splice(Math.floor(random() * (blocks.length + 1)), 0, moved)
    } else if (r < 0.7) {
      const texts = textNodes(blocks[i])
      if (!texts.length) continue
      const t = pick(texts)
      t.marks = t.marks?.length ? undefined : [{ type: pick(['strong', 'em', 'underline']) }]
      if (!t.marks) delete t.marks
    } else if (r < 0.8) {
      const tables = blocks.filter((b) => b.type === 'table')
      if (!tables.length) continue
      const cell = pick(pick(pick(tables).content!).content!)
      cell.content = [{ type: 'paragraph', content: [{ type: 'text', text: `${Math.floor(random() * 100)},${Math.floor(random() * 10)} mln` }] }]
    } else if (r < 0.9) {
      const notes: NodeJSON[] = []
      const find = (n: NodeJSON) => (n.type === 'footnote' ? notes.push(n) : n.content?.forEach(find))
      blocks.forEach(find)
      if (!notes.length) continue
      pick(notes).content = [{ type: 'text', text: `Kamerstukken II 2019/20, ${Math.floor(random() * 40000)}, nr. ${Math.floor(random() * 300)}.` }]
    } else {
      const b = blocks[i]
      if (b.type === 'heading') blocks[i] = { type: 'paragraph', ...(b.content ? { content: b.content } : {}) }
      else if (b.type === 'paragraph') blocks[i] = { type: 'heading', attrs: { level: 1 + Math.floor(random() * 2) }, ...(b.content ? { content: b.content } : {}) }
    }
  }
  if (random() < 0.3) out.meta = { ...out.meta, onderwerp: `${out.meta.onderwerp ?? ''} (${word()})` }
  return out
}
