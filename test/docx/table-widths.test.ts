import { describe, expect, it } from 'vitest'
import { columnWidths, textEm } from '../../src/docx/content.js'
import type { NodeJSON } from '../../src/core/document.js'
import { must, openTestApp } from '../helpers/app.js'
import { convert, pdfText, runLibreOffice } from '../helpers/docx.js'

const cell = (text: string, header = false): NodeJSON => ({ type: header ? 'table_header' : 'table_cell', content: [{ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] }] })
const row = (...cells: NodeJSON[]): NodeJSON => ({ type: 'table_row', content: cells })

// A budget table as the letters have them: a label column of long words beside five amounts.
// (The words that broke with even columns: "Versterki/ng", "Rechtspraa/k".)
const labels = ['Versterking', 'Rechtspraak', 'Getuigenbescherming', 'Intensivering']
const budget: NodeJSON = { type: 'table', content: [
  row(cell('Onderdeel', true), ...['2020', '2021', '2022', '2023', '2024 e.v.'].map((y) => cell(y, true))),
  ...labels.map((l, i) => row(cell(`${l} regionaal`), ...[1, 2, 3, 4, 5].map((k) => cell(`${(i + 1) * k},${k} mln`)))),
] }

describe('table columns in the Word export', () => {
  it('are each at least as wide as their longest word, and hold the amounts on one line, within the text width', () => {
    const widths = columnWidths(budget.content!, 6577, 160)
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(6577)
    expect(widths[0]).toBeGreaterThanOrEqual(textEm('Getuigenbescherming') * 160)
    // The amounts fit on one line when the label column wraps between its words.
    for (let c = 1; c < 6; c++) {
      const longest = Math.max(...budget.content!.slice(1).map((r) => textEm(r.content![c].content![0].content![0].text!)))
      expect(widths[c]).toBeGreaterThanOrEqual(longest * 160)
    }
  })

  it.runIf(runLibreOffice)('never break a label inside a word when LibreOffice sets the letter', async () => {
    const app = openTestApp()
    const { id } = must(await app.api.createDocument({ type: 'kamerbrief', meta: { onderwerp: 'Begroting', datum: '2020-06-18', kenmerk: '1', afzender: ['DGRR'], geadresseerde: ['De Voorzitter'], ondertekening: ['De Minister,', 'X'] }, content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'De bedragen:' }] }, budget] } }))
    const file = must(await app.api.exportDocx({ id }))
    app.close()
    const text = pdfText(convert(Buffer.from(file.base64, 'base64'), 'pdf', 'tabel'))
    for (const label of labels) expect(text).toMatch(new RegExp(`\\b${label}\\b`))
  }, 120_000)
})
