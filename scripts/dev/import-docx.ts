// Dev aid: print what importDocx reads from a .docx.
import { readFileSync } from 'node:fs'
import { importDocx } from '../../src/docx/import-docx.js'
let n = 0
const r = await importDocx(readFileSync(process.argv[2]), { newId: () => `kimport${String(++n).padStart(4, '0')}` })
console.log('type', r.type, 'meta', JSON.stringify(r.meta).slice(0, 200))
console.log('revisions', r.revisions, r.revisionAuthors, 'threads', JSON.stringify(r.threads).slice(0, 300))
console.log('blocks', r.proposal.content.length, JSON.stringify(r.proposal.content.slice(0, 3)).slice(0, 600))
