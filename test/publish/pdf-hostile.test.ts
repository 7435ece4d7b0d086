import { describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { NodeJSON } from '../../src/core/document.js'
import { publicationPdf } from '../../src/publish/pdf.js'
import { tempDir } from '../helpers/temp.js'

const para = (text: string): NodeJSON => ({ type: 'paragraph', content: [{ type: 'text', text }] })

describe('the publication PDF on hostile input', () => {
  it('sets a 200,000-character word, a list nested 200 deep and a table of 60 columns, and every character is in the text', async () => {
    const word = 'x'.repeat(200_000)
    let list: NodeJSON = { type: 'bullet_list', content: [{ type: 'list_item', content: [para('diep')] }] }
    for (let i = 0; i < 200; i++) list = { type: 'bullet_list', content: [{ type: 'list_item', content: [para(`niveau ${i}`), list] }] }
    const table: NodeJSON = { type: 'table', content: [0, 1].map((r) => ({ type: 'table_row', content: Array.from({ length: 60 }, (_, c) => ({ type: r ? 'table_cell' : 'table_header', content: [para(`k${r}-${c}`)] })) })) }
    const pdf = await publicationPdf({ typeLabel: 'Memo', title: 'Vijandig', lines: [], doc: { type: 'doc', content: [para(word), list, table] }, closing: [] })
    const file = join(tempDir(), 'vijandig.pdf')
    writeFileSync(file, pdf)
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    expect(text.replace(/[^x]/g, '').length).toBeGreaterThanOrEqual(200_000)
    expect(text).toContain('niveau 199')
    expect(text).toContain('diep')
    // 60 columns do not fit their words: the cells' characters are all there, cut where they must be.
    expect(text.replace(/[^k]/g, '').length).toBeGreaterThanOrEqual(120)
  })
})
