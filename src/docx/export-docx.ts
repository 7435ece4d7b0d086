// A Paraaf document as a Word file in the house style of its template.
//
// Kamerbrief (after the Rijkshuisstijl letter): A4, a logo slot centred at
// the top, the sender column in a frame on the right of every page (full on
// page 1: afzender, adres, Ons kenmerk, the note on replying; short from page
// 2: afzender, Datum, Ons kenmerk), "Pagina X van Y" under it, the address
// block with the return address in small type, Datum and Onderwerp lines,
// the body in Verdana 9 pt, real footnotes, the ondertekening. The date is a
// custom document property shown through DOCPROPERTY fields, so every page
// shows the same date: a stale date on page 2 cannot happen.
import {
  AlignmentType, Document, Footer, Header, ImageRun, Packer, PageNumber, Paragraph, SimpleField, TabStopType, TextRun,
  type ISectionOptions, type IParagraphOptions, type ICommentOptions,
} from 'docx'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { DocumentMeta } from '../core/document.js'
import type { Comparison, NodeJSON } from '../core/diff/types.js'
import { formatDutchDate } from '../core/dates.js'
import { BuildContext, blocksToDocx, comparisonToDocx, type Revision } from './content.js'

export interface DocxLayout {
  /** Which letterhead: the Rijksbrief, a nota/memo, an annotatie, or none (two-pager, bijlage). */
  letterhead: 'rijksbrief' | 'nota' | 'annotatie' | 'none'
  /** The word shown large at the top of a nota ("nota", "memo"). */
  label?: string
  font?: string
  /** Body size and leading in points. */
  size?: number
  leading?: number
  /** A logo image in the template folder; without it a neutral placeholder is shown. */
  logo?: string
}

export interface ExportThread {
  id: string
  author: string
  org: string
  createdAt: string
  text: string
  resolved: boolean
  replies: { author: string; org: string; createdAt: string; text: string }[]
}

export interface ExportInput {
  type: string
  meta: DocumentMeta
  layout: DocxLayout
  templateDir: string
  /** The content to export (clean), or a comparison to export as a redline. */
  content: { type: 'doc'; content: NodeJSON[] }
  redline?: { comparison: Comparison; revision: Revision }
  threads?: ExportThread[]
}

const cm = (value: number) => Math.round((value / 2.54) * 1440)
const line = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : v ? [v] : [])
const initials = (name: string) => name.split(/[\s.]+/).filter(Boolean).map((p) => p[0]!.toUpperCase()).join('').slice(0, 4)

/** Builds the .docx file. */
export async function exportDocx(input: ExportInput): Promise<Buffer> {
  const layout = input.layout
  const size = layout.size ?? 9
  const font = layout.font ?? 'Verdana'
  const threads = input.threads ?? []
  const ctx = new BuildContext({ size, footnoteSize: 7 }, input.redline?.revision ?? null, threads.map((t) => t.id))

  const body = input.redline ? comparisonToDocx(ctx, input.redline.comparison) : blocksToDocx(ctx, input.content.content)
  const meta = input.meta
  const datum = typeof meta.datum === 'string' && meta.datum ? formatDutchDate(meta.datum) : ''

  const small = (text: string, opts: { bold?: boolean; italics?: boolean } = {}) => new TextRun({ text, size: 13, ...opts })
  const dateField = () => new SimpleField('DOCPROPERTY Datum', datum)

  // The sender column: framed paragraphs at the right of the page (w:framePr).
  const column = (children: TextRun[][], top: number): Paragraph[] =>
    children.map((runs) => new Paragraph({
      children: runs,
      spacing: { line: 200, lineRule: 'atLeast', after: 0 },
      frame: { type: 'absolute', position: { x: cm(15.4), y: cm(top) }, width: cm(4.6), height: 0, anchor: { horizontal: 'page', vertical: 'page' }, wrap: 'around' },
    } as IParagraphOptions))

  const afzender = line(meta.afzender)
  const firstColumn: TextRun[][] = [
    ...afzender.map((text, i) => [small(text, { bold: i === 0 })]),
    [],
    ...line(meta.adres).map((text) => [small(text)]),
    [],
    ...(meta.kenmerk !== undefined ? [[small('Ons kenmerk', { bold: true })], [small(String(meta.kenmerk))], []] : []),
    [small('Bij beantwoording de datum en ons kenmerk vermelden. Wilt u slechts één zaak in uw brief behandelen.', { italics: true })],
  ]
  const laterColumn: TextRun[][] = [
    ...afzender.map((text, i) => [small(text, { bold: i === 0 })]),
    [],
    [small('Datum', { bold: true })],
    [new TextRun({ children: [dateField()], size: 13 })],
    ...(meta.kenmerk !== undefined ? [[small('Ons kenmerk', { bold: true })], [small(String(meta.kenmerk))]] : []),
  ]
  const notaColumn: TextRun[][] = [
    ...afzender.map((text, i) => [small(text, { bold: i === 0 })]),
    ...(['aan', 'cc', 'contactpersoon', 'kenmerk', 'projectnaam'] as const).flatMap((key) => {
      const values = line(meta[key])
      if (!values.length) return []
      const labels: Record<string, string> = { aan: 'Aan', cc: 'Cc', contactpersoon: 'Contactpersoon', kenmerk: 'Kenmerk', projectnaam: 'Projectnaam' }
      return [[], [small(labels[key], { bold: true })], ...values.map((v) => [small(v)])]
    }),
    [], [small('Datum', { bold: true })], [new TextRun({ children: [dateField()], size: 13 })],
  ]

  const pageNumber = () => new Paragraph({
    children: [new TextRun({ children: ['Pagina ', PageNumber.CURRENT, ' van ', PageNumber.TOTAL_PAGES], size: 13 })],
    frame: { type: 'absolute', position: { x: cm(15.4), y: cm(27.6) }, width: cm(4.6), height: 0, anchor: { horizontal: 'page', vertical: 'page' }, wrap: 'around' },
  } as IParagraphOptions)

  const logo = (): Paragraph => {
    const file = layout.logo ? join(input.templateDir, layout.logo) : null
    if (file && existsSync(file)) {
      return new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data: readFileSync(file), transformation: { width: 120, height: 80 } })] })
    }
    return new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '[ logo ministerie ]', size: 14, color: '9A9A9A' })] })
  }

  const labelled = (label: string, value: (TextRun | SimpleField)[]) => new Paragraph({
    tabStops: [{ type: TabStopType.LEFT, position: cm(2.4) }],
    spacing: { after: 0 },
    children: [new TextRun({ text: `${label}\t`, size: 13 }), ...value],
  })

  const opening: Paragraph[] = []
  const closing: Paragraph[] = []
  let headers: ISectionOptions['headers'] = {}
  let footers: ISectionOptions['footers'] = {}
  let titlePage = false
  const margins = { top: cm(2.5), bottom: cm(2.5), left: cm(2.3), right: cm(2.3) }

  if (layout.letterhead === 'rijksbrief') {
    titlePage = true
    margins.right = cm(7.1)
    margins.top = cm(5)
    headers = { first: new Header({ children: [logo(), ...column(firstColumn, 5)] }), default: new Header({ children: [logo(), ...column(laterColumn, 5)] }) }
    footers = { first: new Footer({ children: [pageNumber()] }), default: new Footer({ children: [pageNumber()] }) }
    if (meta.retouradres) opening.push(new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: `Retouradres ${meta.retouradres}`, size: 12 })] }))
    for (const text of line(meta.geadresseerde)) opening.push(new Paragraph({ spacing: { after: 0 }, children: [new TextRun({ text })] }))
    opening.push(new Paragraph({ spacing: { after: cm(1.2) } }))
    opening.push(labelled('Datum', [dateField()]))
    opening.push(labelled('Onderwerp', [new TextRun({ text: String(meta.onderwerp ?? ''), size: 13 })]))
    opening.push(new Paragraph({ spacing: { after: cm(0.8) } }))
  } else if (layout.letterhead === 'nota') {
    titlePage = true
    margins.right = cm(7.1)
    headers = { first: new Header({ children: [logo(), ...column(notaColumn, 5)] }), default: new Header({ children: [...column(laterColumn.slice(-5), 5)] }) }
    footers = { first: new Footer({ children: [pageNumber()] }), default: new Footer({ children: [pageNumber()] }) }
    margins.top = cm(5)
    opening.push(new Paragraph({ children: [new TextRun({ text: layout.label ?? input.type, size: 36, bold: true })] }))
    opening.push(labelled('Onderwerp', [new TextRun({ text: String(meta.onderwerp ?? ''), size: 13, bold: true })]))
    opening.push(new Paragraph(''))
  } else if (layout.letterhead === 'annotatie') {
    margins.top = cm(1.8)
    footers = { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ children: ['Pagina ', PageNumber.CURRENT, ' van ', PageNumber.TOTAL_PAGES], size: 13 })] })] }) }
    opening.push(new Paragraph({ heading: 'Title', children: [new TextRun({ text: String(meta.onderwerp ?? ''), bold: true, size: 24 })] }))
    for (const [key, label] of [['overleg', 'Overleg'], ['datum', 'Datum'], ['agendapunt', 'Agendapunt']] as const) {
      if (key === 'datum' && datum) opening.push(labelled(label, [dateField()]))
      else if (key !== 'datum' && meta[key]) opening.push(labelled(label, [new TextRun({ text: line(meta[key]).join(', '), size: 13 })]))
    }
    opening.push(new Paragraph(''))
  } else {
    margins.top = cm(2)
    footers = { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ children: ['Pagina ', PageNumber.CURRENT, ' van ', PageNumber.TOTAL_PAGES], size: 13 })] })] }) }
    if (meta.onderwerp) opening.push(new Paragraph({ children: [new TextRun({ text: String(meta.onderwerp), bold: true, size: 28 })] }))
    if (datum) opening.push(new Paragraph({ children: [new TextRun({ children: [dateField()], size: 16, color: '555555' })] }))
    opening.push(new Paragraph(''))
  }

  if (layout.letterhead === 'rijksbrief' && line(meta.ondertekening).length) {
    closing.push(new Paragraph(''))
    const [role, ...names] = line(meta.ondertekening)
    closing.push(new Paragraph({ keepNext: true, children: [new TextRun(role)] }))
    closing.push(new Paragraph(''), new Paragraph(''))
    for (const n of names) closing.push(new Paragraph({ children: [new TextRun(n)] }))
  }
  if (layout.letterhead === 'nota') {
    closing.push(new Paragraph(''))
    closing.push(new Paragraph({ children: [new TextRun({ text: 'Afstemming:', bold: true })] }))
    closing.push(new Paragraph(''))
    closing.push(new Paragraph({ tabStops: [{ type: TabStopType.LEFT, position: cm(6) }], children: [new TextRun({ text: 'Lijnparaaf\tMedeparaaf', bold: true })] }))
    closing.push(new Paragraph({ tabStops: [{ type: TabStopType.LEFT, position: cm(6) }], children: [new TextRun('\u2026\u2026\u2026\u2026\u2026\u2026\t\u2026\u2026\u2026\u2026\u2026\u2026')] }))
  }

  const comments: ICommentOptions[] = []
  let commentNumber = threads.length
  threads.forEach((t, n) => {
    const para = (text: string) => new Paragraph({ children: [new TextRun(text)] })
    comments.push({ id: n, author: t.org ? `${t.author} (${t.org})` : t.author, initials: initials(t.author), date: new Date(t.createdAt), resolved: t.resolved, children: [para(t.text)] })
    for (const r of t.replies) {
      comments.push({ id: commentNumber++, parentId: n, author: r.org ? `${r.author} (${r.org})` : r.author, initials: initials(r.author), date: new Date(r.createdAt), resolved: t.resolved, children: [para(r.text)] })
    }
  })

  const doc = new Document({
    creator: 'Paraaf',
    title: String(meta.onderwerp ?? ''),
    customProperties: [{ name: 'Datum', value: datum }, ...(meta.kenmerk ? [{ name: 'Kenmerk', value: String(meta.kenmerk) }] : [])],
    features: input.redline ? { trackRevisions: true } : undefined,
    comments: comments.length ? { children: comments } : undefined,
    footnotes: ctx.footnotes,
    numbering: { config: ctx.numbering },
    styles: {
      default: {
        document: { run: { font, size: size * 2 }, paragraph: { spacing: { line: Math.round((layout.leading ?? 12.5) * 20), lineRule: 'atLeast', after: Math.round((layout.leading ?? 12.5) * 20) } } },
        heading1: { run: { font, size: size * 2, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 0 }, keepNext: true } },
        heading2: { run: { font, size: size * 2, italics: true, bold: false, color: '000000' }, paragraph: { spacing: { before: 200, after: 0 }, keepNext: true } },
      },
      paragraphStyles: [{ id: 'FootnoteText', name: 'footnote text', basedOn: 'Normal', run: { size: 14 }, paragraph: { spacing: { line: 180, lineRule: 'atLeast' } } }],
    },
    sections: [{
      properties: { titlePage, page: { size: { width: cm(21), height: cm(29.7) }, margin: margins } },
      headers,
      footers,
      children: [...opening, ...body, ...closing],
    }],
  })
  return Packer.toBuffer(doc)
}
