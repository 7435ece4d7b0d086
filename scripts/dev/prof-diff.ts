// Dev aid: profile compareDocuments on the letter with 5% of words edited.
import { readMarkdown } from '../../src/core/markdown-in.js'
import { compareDocuments } from '../../src/core/diff/compare.js'
import { readBigLetter } from '../../test/helpers/corpus.js'
import { rng } from '../../test/helpers/random-edits.js'
const r: any = readMarkdown(readBigLetter())
const a = r.doc.toJSON()
const random = rng(43)
const b = structuredClone(a)
const visit = (n: any) => { if (n.type === 'text') n.text = n.text.replace(/[\p{L}\p{N}]+/gu, (w: string) => (random() < 0.05 ? 'gewijzigd' : w)); n.content?.forEach(visit) }
b.content.forEach(visit)
const times = Number(process.argv[2] ?? 1)
const A = { meta: r.meta, content: { type: 'doc', content: Array.from({ length: times }, () => a.content).flat() } }
const B = { meta: r.meta, content: { type: 'doc', content: Array.from({ length: times }, () => b.content).flat() } }
for (let i = 0; i < 5; i++) compareDocuments(A, B)
const t = performance.now()
for (let i = 0; i < 20; i++) compareDocuments(A, B)
console.log('ms per compare', (performance.now() - t) / 20)
