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

describe('the sheet of a letter comes from its template', () => {
  it('places the later pages\' sender column and the margins where the manifest says', async () => {
    const { exportDocx } = await import('../../src/docx/export-docx.js')
    const { docxParts } = await import('../helpers/docx.js')
    const file = await exportDocx({
      type: 'kamerbrief', meta: { onderwerp: 'Proef', afzender: ['DGRR'], kenmerk: '1' }, templateDir: '/nonexistent',
      layout: { letterhead: 'rijksbrief', sheet: { top: 3.8, bottom: 2, columnLeft: 14.9, columnWidth: 5 } },
      content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Tekst.' }] }] },
    })
    const parts = await docxParts(file)
    const headers = Object.entries(parts).filter(([n]) => /word\/header\d*\.xml/.test(n)).map(([, x]) => x).join('')
    expect(headers).toContain(`<wp:positionH relativeFrom="page"><wp:posOffset>${14.9 * 360000}</wp:posOffset>`)
    expect(headers).toContain(`<wp:positionV relativeFrom="page"><wp:posOffset>${3.8 * 360000}</wp:posOffset>`)
    expect(headers).toContain(`<wp:extent cx="${5 * 360000}"`)
    const cm = (v: number) => Math.round((v / 2.54) * 1440)
    expect(parts['word/document.xml']).toMatch(new RegExp(`<w:pgMar w:top="${cm(3.8)}" w:right="${cm(7.1)}" w:bottom="${cm(2)}"`))
  })
})
