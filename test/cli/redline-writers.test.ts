import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readMarkdown } from '../../src/core/markdown-in.js'
import { compareDocuments } from '../../src/core/diff/compare.js'
import type { NodeJSON } from '../../src/core/diff/types.js'
import { redlineText } from '../../src/cli/redline-writers.js'
import { chainsDir } from '../helpers/corpus.js'

function chainFile(chain: string, v: number) {
  const r = readMarkdown(readFileSync(join(chainsDir, chain, `v${v}.md`), 'utf8'))
  if (!r.ok) throw new Error(r.error)
  return { meta: r.meta, content: r.doc.toJSON() as { type: 'doc'; content: NodeJSON[] } }
}

describe('the text redline of paraaf diff', () => {
  it('labels a paragraph moved up as moved up, at both of its ends', () => {
    // persbericht v3 ends with the paragraph that v2 had near the top; put it back up.
    const a = chainFile('persbericht-110-miljoen', 3)
    const blocks = [...a.content.content]
    const last = blocks.map((n) => n.type).lastIndexOf('paragraph')
    const [moved] = blocks.splice(last, 1)
    blocks.splice(1, 0, moved)
    const b = { ...a, content: { ...a.content, content: blocks } }
    const up = redlineText(compareDocuments(a, b), false)
    expect(up).toContain('(verplaatst naar hierboven)')
    expect(up).toContain('(verplaatst van verderop)')
    const down = redlineText(compareDocuments(b, a), false)
    expect(down).toContain('(verplaatst naar verderop)')
    expect(down).toContain('(verplaatst van hierboven)')
  })

})
