// Dev aid: print the changes between two Markdown files.
import { readFileSync } from 'node:fs'
import { readMarkdown } from '../../src/core/markdown-in.js'
import { compareDocuments } from '../../src/core/diff/compare.js'
const load = (p: string) => { const r = readMarkdown(readFileSync(p, 'utf8')); if (!r.ok) throw new Error(r.error); return { meta: r.meta, content: r.doc.toJSON() } }
const cmp = compareDocuments(load(process.argv[2]), load(process.argv[3]))
for (const c of cmp.changes) console.log(c.id, c.kind, c.block, c.detail ?? '', JSON.stringify(c.deleted.slice(0, 80)), '→', JSON.stringify(c.inserted.slice(0, 80)))
console.log(cmp.stats)
