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
  AlignmentType, BorderStyle, Document, Footer, Header, HorizontalPositionAlign, HorizontalPositionRelativeFrom, ImageRun, Packer, PageNumber, Paragraph, SimpleField, Table, VerticalPositionRelativeFrom,
  TableCell, TableRow, TabStopType, TextRun, WidthType, type ISectionOptions, type ICommentOptions, type IParagraphOptions,
} from 'docx'
import JSZip from 'jszip'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sheetOf, type CommentThreadData, type DocumentMeta, type TemplateLayout } from '../core/document.js'
import type { Comparison, NodeJSON } from '../core/diff/types.js'
import { formatDutchDate } from '../core/dates.js'
import { BuildContext, TABLE_TEXT_STYLE, blocksToDocx, comparisonToDocx, lastCommentEnds, type Revision } from './content.js'

export type DocxLayout = TemplateLayout
export type ExportThread = CommentThreadData

export interface ExportInput {
  type: string
  meta: DocumentMeta
  layout: DocxLayout
  templateDir: string
  /** The content to export (clean), or a comparison to export as a redline. */
  content: { type: 'doc'; content: NodeJSON[] }
  /** `byChange`: the author and date of the version that brought in each change, where known (else `revision`'s). */
  redline?: { comparison: Comparison; revision: Revision; byChange?: ReadonlyMap<string, Revision> }
  threads?: ExportThread[]
  /** Written into the custom properties of a file sent out in a review round. */
  round?: RoundStamp
  /** Which version this is and its fingerprint (custom property), so `paraaf verify` can tell the file's text is exactly that version. */
  version?: VersionStamp
  /** The parafen shown in a nota's or memo's Lijnparaaf and Medeparaaf boxes, one line each ("J. Jansen, directeur, 3 maart 2026" or "… – vervallen"). */
  parafen?: { lijn: string[]; mede: string[] }
  /**
   * A Woo publication (`content` from core/redaction.ts publicationDoc, `meta`
   * scrubbed): redactions drawn as boxes, and nothing in the file but the
   * letter: no author, no comments, no revisions, no Paraaf properties.
   */
  publication?: boolean
}

/** A file's version: document, version number, and the SHA-256 fingerprint of its content and metadata. */
export interface VersionStamp { document: number; version: number; fingerprint: string }

/**
 * A paragraph of the letterhead (address, sender column, Datum, Onderwerp,
 * ondertekening): style "Briefhoofd", so that importing the file again
 * separates it from the body.
 */
const hp = (options: string | IParagraphOptions, style = LETTERHEAD_STYLE) => new Paragraph(typeof options === 'string' ? { text: options, style } : { ...options, style })
export const LETTERHEAD_STYLE = 'Briefhoofd'
/** The small type of the sender column and the Datum/Onderwerp lines; a date field takes its size from it. */
export const LETTERHEAD_SMALL_STYLE = 'BriefhoofdKlein'
/** Custom properties that let an import restore type and metadata exactly. */
export const META_PROPERTY = 'paraaf-meta'
export const TYPE_PROPERTY = 'paraaf-type'
/** Which document, version, round and partner a file sent out in a review round belongs to (JSON). */
export const ROUND_PROPERTY = 'paraaf-ronde'
/** The version a file holds (JSON VersionStamp). */
export const VERSION_PROPERTY = 'paraaf-versie'

/** What a file sent in a round carries, so that its return is recognised by itself. */
export interface RoundStamp { document: number; version: number; round: number; org: string }

const cm = (value: number) => Math.round((value / 2.54) * 1440)
const line = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : v ? [v] : [])
const initials = (name: string) => name.split(/[\s.]+/).filter(Boolean).map((p) => p[0]!.toUpperCase()).join('').slice(0, 4)

/** Builds the .docx file. */
export async function exportDocx(input: ExportInput): Promise<Buffer> {
  const layout = input.layout
  const size = layout.size ?? 9
  const font = layout.font ?? 'Verdana'
  const threads = input.threads ?? []
  const ctx = new BuildContext(input.redline?.revision ?? null, threads.map((t) => ({ id: t.id, replies: t.replies.length })), input.redline?.byChange)
  ctx.publication = input.publication === true
  // Table columns are measured against the text column: A4 less the margins (set below per letterhead).
  const bodyRight = layout.letterhead === 'rijksbrief' || layout.letterhead === 'nota' ? sheetOf(layout).right : 2.3
  ctx.textWidth = cm(21 - 2.3 - bodyRight)
  // One em of the table font (a point under the body's) in twips; the widths are Verdana's, a narrower font gets 90 %.
  ctx.emWidth = Math.round((size - 1) * 20 * (/verdana/i.test(font) ? 1 : 0.9))
  ctx.lineTwips = Math.round((layout.leading ?? 12.5) * 20)

  const body = input.redline ? comparisonToDocx(ctx, input.redline.comparison) : blocksToDocx(ctx, input.content.content, {}, 'eq', true)
  const meta = input.meta
  const datum = typeof meta.datum === 'string' && meta.datum ? formatDutchDate(meta.datum) : ''

  const small = (text: string, opts: { bold?: boolean; italics?: boolean } = {}) => new TextRun({ text, size: 13, ...opts })
  const dateField = () => new SimpleField('DOCPROPERTY Datum', datum)

  // The sender column. Page 1: the right cell of a borderless table beside
  // the address block, reaching into the right margin. Later pages: the short
  // column in the header, indented to the same place. (Floating frames and
  // tables in headers are placed differently by Word and LibreOffice; this
  // layout is the same in both.)
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }
  const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none }
  const columnParagraphs = (children: (TextRun | SimpleField)[][], indent = 0) =>
    children.map((runs) => hp({ children: runs as TextRun[], indent: indent ? { left: indent, right: -cm(7.1 - 1.2) } : undefined, spacing: { line: 200, lineRule: 'atLeast', after: 0 } }, LETTERHEAD_SMALL_STYLE))
  const beside = (left: Paragraph[], right: Paragraph[]) => new Table({
    width: { size: cm(17.5), type: WidthType.DXA },
    columnWidths: [cm(13.1), cm(4.4)],
    borders: noBorders,
    rows: [new TableRow({ children: [
      new TableCell({ width: { size: cm(13.1), type: WidthType.DXA }, margins: { left: 0, right: cm(0.4) }, children: left }),
      new TableCell({ width: { size: cm(4.4), type: WidthType.DXA }, margins: { left: 0, right: 0 }, children: right }),
    ] })],
  })

  const afzender = line(meta.afzender)
  // "Pagina X van Y" at the foot of the sender column, on every page (the Rijkshuisstijl's reference column).
  const pageRun = () => new TextRun({ children: ['Pagina ', PageNumber.CURRENT, ' van ', PageNumber.TOTAL_PAGES], size: 13 })
  const firstColumn: (TextRun | SimpleField)[][] = [
    ...afzender.map((text, i) => [small(text, { bold: i === 0 })]),
    [],
    ...line(meta.adres).map((text) => [small(text)]),
    [],
    ...(meta.kenmerk !== undefined ? [[small('Ons kenmerk', { bold: true })], [small(String(meta.kenmerk))], []] : []),
    [small('Bij beantwoording de datum en ons kenmerk vermelden. Wilt u slechts één zaak in uw brief behandelen.', { italics: true })],
    [],
    [pageRun()],
  ]
  const laterColumn: (TextRun | SimpleField)[][] = [
    ...afzender.map((text, i) => [small(text, { bold: i === 0 })]),
    [],
    [small('Datum', { bold: true })],
    [dateField()],
    [],
    ...(meta.kenmerk !== undefined ? [[small('Ons kenmerk', { bold: true })], [small(String(meta.kenmerk))]] : []),
  ]
  const notaColumn: (TextRun | SimpleField)[][] = [
    ...afzender.map((text, i) => [small(text, { bold: i === 0 })]),
    ...(['aan', 'cc', 'contactpersoon', 'kenmerk', 'projectnaam'] as const).flatMap((key) => {
      const values = line(meta[key])
      if (!values.length) return []
      const labels: Record<string, string> = { aan: 'Aan', cc: 'Cc', contactpersoon: 'Contactpersoon', kenmerk: 'Kenmerk', projectnaam: 'Projectnaam' }
      return [[], [small(labels[key], { bold: true })], ...values.map((v) => [small(v)])]
    }),
    [], [small('Datum', { bold: true })], [dateField()],
    [], [pageRun()],
  ]


  // The logo slot: centred on the sheet at its top edge, 13 × 37.125 mm, as the
  // Rijkshuisstijl prescribes; empty without the ministry's logo.png (no placeholder text is printed).
  const mmToPx = (mm: number) => Math.round((mm / 25.4) * 96)
  const logo = (): Paragraph => {
    const file = layout.logo ? join(input.templateDir, layout.logo) : null
    if (!file || !existsSync(file)) return hp({ spacing: { after: 0 } })
    return hp({ spacing: { after: 0 }, children: [new ImageRun({
      type: 'png', data: readFileSync(file), transformation: { width: mmToPx(13), height: mmToPx(37.125) },
      floating: { horizontalPosition: { relative: HorizontalPositionRelativeFrom.PAGE, align: HorizontalPositionAlign.CENTER }, verticalPosition: { relative: VerticalPositionRelativeFrom.PAGE, offset: 0 }, allowOverlap: true, behindDocument: true },
    })] })
  }

  const labelled = (label: string, value: (TextRun | SimpleField)[]) => hp({
    tabStops: [{ type: TabStopType.LEFT, position: cm(2.4) }],
    spacing: { after: 0 },
    children: [new TextRun({ text: `${label}\t`, size: 13 }), ...value],
  }, LETTERHEAD_SMALL_STYLE)
  // The letter's Datum and Onderwerp (Rijkshuisstijl): label and value 9 pt on 12 pt, a wrapped
  // onderwerp continuing under its value (a hanging indent at the value's tab), not under the label.
  const letterLine = (label: string, value: (TextRun | SimpleField)[]) => hp({
    tabStops: [{ type: TabStopType.LEFT, position: cm(2.4) }],
    indent: { left: cm(2.4), hanging: cm(2.4) },
    spacing: { after: 0, line: 240, lineRule: 'exact' },
    children: [new TextRun({ text: `${label}\t`, size: 18 }), ...value],
  })

  /**
   * The sender column of later pages, beside the body as on page 1: its
   * paragraphs go between two markers here, and `columnBeside` moves them into
   * a DrawingML text box anchored to the page, which takes no room from the
   * body (a header's paragraphs push the body down; a frame or VML box is
   * placed in the text by LibreOffice).
   */
  const besideBody = (paragraphs: Paragraph[]) => [hp(COLUMN_START), ...paragraphs, hp(COLUMN_END)]

  const opening: (Paragraph | Table)[] = []
  const closing: Paragraph[] = []
  let headers: ISectionOptions['headers'] = {}
  let footers: ISectionOptions['footers'] = {}
  let titlePage = false
  const margins = { top: cm(2.5), bottom: cm(2.5), left: cm(2.3), right: cm(2.3) }

  // The sheet of a letter or nota (the template's manifest may set other measures, in cm): the
  // body starts under the logo area on every page; page 1's letterhead starts lower.
  const sheet = sheetOf(layout)
  /** Page 1: the space between the top margin and the letterhead, as an empty paragraph of that height. */
  const firstPageDrop = () => (sheet.firstTop > sheet.top ? [hp({ spacing: { after: 0, line: Math.max(20, cm(sheet.firstTop - sheet.top)), lineRule: 'exact' } })] : [])
  if (layout.letterhead === 'rijksbrief') {
    titlePage = true
    margins.right = cm(sheet.right)
    margins.top = cm(sheet.top)
    margins.bottom = cm(sheet.bottom)
    headers = { first: new Header({ children: [logo()] }), default: new Header({ children: [logo(), ...besideBody(columnParagraphs([...laterColumn, [], [pageRun()]]))] }) }
    opening.push(...firstPageDrop())
    const left: Paragraph[] = []
    // Retouradres 6.5 pt on 9 pt, as the Rijkshuisstijl sets it.
    if (meta.retouradres) left.push(hp({ spacing: { after: 120, line: 180, lineRule: 'exact' }, children: [new TextRun({ text: `Retouradres ${meta.retouradres}`, size: 13 })] }))
    for (const text of line(meta.geadresseerde)) left.push(hp({ spacing: { after: 0 }, children: [new TextRun({ text })] }))
    left.push(hp({ spacing: { after: cm(1.2) } }))
    left.push(letterLine('Datum', [dateField()]))
    left.push(letterLine('Onderwerp', [new TextRun({ text: String(meta.onderwerp ?? ''), size: 18 })]))
    opening.push(beside(left, columnParagraphs(firstColumn)))
    // Three white lines between Onderwerp and the first line of the body.
    const leading = Math.round((layout.leading ?? 12.5) * 20)
    for (let i = 0; i < 3; i++) opening.push(hp({ spacing: { after: 0, line: leading, lineRule: 'exact' } }))
  } else if (layout.letterhead === 'nota') {
    titlePage = true
    margins.right = cm(sheet.right)
    margins.top = cm(sheet.top)
    margins.bottom = cm(sheet.bottom)
    headers = { first: new Header({ children: [logo()] }), default: new Header({ children: [logo(), ...besideBody(columnParagraphs([...laterColumn.slice(-6), [], [pageRun()]]))] }) }
    opening.push(...firstPageDrop())
    const left = [
      hp({ children: [new TextRun({ text: layout.label ?? input.type, size: Math.round((layout.labelSize ?? 18) * 2), bold: true })] }),
      hp(''),
      labelled('Onderwerp', [new TextRun({ text: String(meta.onderwerp ?? ''), size: 13, bold: true })]),
    ]
    opening.push(beside(left, columnParagraphs(notaColumn)))
    opening.push(hp({ spacing: { after: cm(0.6) } }))
  } else if (layout.letterhead === 'annotatie') {
    margins.top = cm(1.8)
    footers = { default: new Footer({ children: [hp({ alignment: AlignmentType.RIGHT, children: [new TextRun({ children: ['Pagina ', PageNumber.CURRENT, ' van ', PageNumber.TOTAL_PAGES], size: 13 })] })] }) }
    opening.push(hp({ children: [new TextRun({ text: String(meta.onderwerp ?? ''), bold: true, size: 24 })] }))
    for (const [key, label] of [['overleg', 'Overleg'], ['datum', 'Datum'], ['agendapunt', 'Agendapunt']] as const) {
      if (key === 'datum' && datum) opening.push(labelled(label, [dateField()]))
      else if (key !== 'datum' && meta[key]) opening.push(labelled(label, [new TextRun({ text: line(meta[key]).join(', '), size: 13 })]))
    }
    opening.push(hp(''))
  } else {
    margins.top = cm(2)
    footers = { default: new Footer({ children: [hp({ alignment: AlignmentType.RIGHT, children: [new TextRun({ children: ['Pagina ', PageNumber.CURRENT, ' van ', PageNumber.TOTAL_PAGES], size: 13 })] })] }) }
    if (meta.onderwerp) opening.push(hp({ children: [new TextRun({ text: String(meta.onderwerp), bold: true, size: 28 })] }))
    if (datum) opening.push(hp({ children: [new TextRun({ children: [dateField()], size: 16, color: '555555' })] }))
    opening.push(hp(''))
  }

  if (layout.letterhead === 'rijksbrief' && line(meta.ondertekening).length) {
    // The signature block is one piece, kept with the last body paragraph: role and name never part.
    const [role, ...names] = line(meta.ondertekening)
    const kept = (children: TextRun[] = []) => hp({ keepNext: true, children })
    closing.push(kept(), kept([new TextRun(role)]), kept(), kept())
    names.forEach((n, i) => closing.push(i < names.length - 1 ? kept([new TextRun(n)]) : hp({ children: [new TextRun(n)] })))
  }
  if (layout.letterhead === 'nota') {
    closing.push(hp(''))
    closing.push(hp({ children: [new TextRun({ text: 'Afstemming:', bold: true })] }))
    closing.push(hp(''))
    closing.push(hp({ tabStops: [{ type: TabStopType.LEFT, position: cm(6) }], children: [new TextRun({ text: 'Lijnparaaf\tMedeparaaf', bold: true })] }))
    // The parafen recorded in Paraaf, from the record; dotted lines where none is given yet.
    const lijn = input.parafen?.lijn ?? []
    const mede = input.parafen?.mede ?? []
    const dots = '\u2026\u2026\u2026\u2026\u2026\u2026'
    for (let i = 0; i < Math.max(1, lijn.length, mede.length); i++) {
      closing.push(hp({ tabStops: [{ type: TabStopType.LEFT, position: cm(6) }], children: [new TextRun({ text: `${lijn[i] ?? (i === 0 ? dots : '')}\t${mede[i] ?? (i === 0 ? dots : '')}`, size: 16 })] }))
    }
  }

  const comments: ICommentOptions[] = []
  let commentNumber = threads.length
  threads.forEach((t, n) => {
    const para = (text: string) => hp({ children: [new TextRun(text)] })
    comments.push({ id: n, author: t.org ? `${t.author} (${t.org})` : t.author, initials: initials(t.author), date: new Date(t.createdAt), resolved: t.resolved, children: [para(t.text)] })
    for (const r of t.replies) {
      comments.push({ id: commentNumber++, parentId: n, author: r.org ? `${r.author} (${r.org})` : r.author, initials: initials(r.author), date: new Date(r.createdAt), resolved: t.resolved, children: [para(r.text)] })
    }
  })

  const doc = new Document({
    creator: input.publication ? '' : 'Paraaf',
    lastModifiedBy: input.publication ? '' : undefined,
    title: String(meta.onderwerp ?? ''),
    customProperties: input.publication ? [{ name: 'Datum', value: datum }, ...(meta.kenmerk ? [{ name: 'Kenmerk', value: String(meta.kenmerk) }] : [])] : [
      { name: 'Datum', value: datum },
      ...(meta.kenmerk ? [{ name: 'Kenmerk', value: String(meta.kenmerk) }] : []),
      { name: TYPE_PROPERTY, value: input.type },
      { name: META_PROPERTY, value: JSON.stringify(meta) },
      ...(input.round ? [{ name: ROUND_PROPERTY, value: JSON.stringify(input.round) }] : []),
      ...(input.version ? [{ name: VERSION_PROPERTY, value: JSON.stringify(input.version) }] : []),
    ],
    features: input.redline ? { trackRevisions: true } : undefined,
    comments: comments.length ? { children: comments } : undefined,
    footnotes: ctx.footnotes,
    numbering: { config: ctx.numbering },
    styles: {
      default: {
        document: { run: { font, size: size * 2 }, paragraph: { spacing: { line: Math.round((layout.leading ?? 12.5) * 20), lineRule: 'atLeast', after: Math.round((layout.leading ?? 12.5) * 20) } } },
        // No space of their own above: the white line after the paragraph before is the one white line
        // above a heading, as in the letters as sent (a heading after a table gets it in content.ts).
        heading1: { run: { font, size: size * 2, bold: true, color: '000000' }, paragraph: { spacing: { before: 0, after: 0 }, keepNext: true } },
        heading2: { run: { font, size: size * 2, italics: true, bold: false, color: '000000' }, paragraph: { spacing: { before: 0, after: 0 }, keepNext: true } },
      },
      paragraphStyles: [
        { id: LETTERHEAD_STYLE, name: LETTERHEAD_STYLE, basedOn: 'Normal', paragraph: { spacing: { after: 0 } } },
        { id: LETTERHEAD_SMALL_STYLE, name: LETTERHEAD_SMALL_STYLE, basedOn: LETTERHEAD_STYLE, run: { size: 13 } },
        { id: TABLE_TEXT_STYLE, name: TABLE_TEXT_STYLE, basedOn: 'Normal', run: { size: (size - 1) * 2 }, paragraph: { spacing: { after: 0, line: Math.round(((layout.leading ?? 12.5) - 1.5) * 20), lineRule: 'atLeast' } } },
        { id: 'FootnoteText', name: 'footnote text', basedOn: 'Normal', run: { size: 14 }, paragraph: { spacing: { line: 180, lineRule: 'atLeast' } } },
      ],
    },
    sections: [{
      properties: { titlePage, page: { size: { width: cm(21), height: cm(29.7) }, margin: margins } },
      headers,
      footers,
      children: [...opening, ...body, ...closing],
    }],
  })
  const buffer = await Packer.toBuffer(doc)
  const column = layout.letterhead === 'rijksbrief' || layout.letterhead === 'nota'
  if (!column && !threads.length) return buffer
  const zip = await JSZip.loadAsync(buffer)
  if (threads.length) {
    const body = await zip.file('word/document.xml')!.async('string')
    zip.file('word/document.xml', lastCommentEnds(body))
  }
  if (column) await columnBeside(zip, { left: sheet.columnLeft, top: sheet.top, width: sheet.columnWidth, height: 29.7 - sheet.top - 3 })
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}

const COLUMN_START = '\u2063paraaf-kolom-begin\u2063'
const COLUMN_END = '\u2063paraaf-kolom-eind\u2063'
const EMU_PER_CM = 360_000

/**
 * Moves the paragraphs between the column markers of each header into a text
 * box anchored to the page at `box` (cm). Written as Word writes it, in
 * mc:AlternateContent with an empty fallback: a reader that knows no
 * DrawingML shapes leaves the column out rather than put it in the text.
 */
async function columnBeside(zip: JSZip, box: { left: number; top: number; width: number; height: number }): Promise<void> {
  const emu = (value: number) => Math.round(value * EMU_PER_CM)
  let shapeId = 9000
  for (const name of Object.keys(zip.files).filter((n) => /^word\/header\d*\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async('string')
    const start = xml.indexOf(COLUMN_START)
    const end = xml.indexOf(COLUMN_END)
    if (start < 0 || end < start) continue
    const from = xml.lastIndexOf('<w:p>', start)
    const inner = xml.indexOf('</w:p>', start) + '</w:p>'.length
    const to = xml.indexOf('</w:p>', end) + '</w:p>'.length
    const endFrom = xml.lastIndexOf('<w:p>', end)
    const paragraphs = xml.slice(inner, endFrom)
    const [x, y, cx, cy] = [emu(box.left), emu(box.top), emu(box.width), emu(box.height)]
    const shape = `<w:p><w:pPr><w:pStyle w:val="${LETTERHEAD_STYLE}"/><w:spacing w:after="0" w:line="20" w:lineRule="exact"/></w:pPr><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>`
      + `<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="3" behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1">`
      + `<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="page"><wp:posOffset>${x}</wp:posOffset></wp:positionH><wp:positionV relativeFrom="page"><wp:posOffset>${y}</wp:posOffset></wp:positionV>`
      + `<wp:extent cx="${cx}" cy="${cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/><wp:docPr id="${shapeId++}" name="Afzendergegevens"/><wp:cNvGraphicFramePr/>`
      + `<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/>`
      + `<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>`
      + `<wps:txbx><w:txbxContent>${paragraphs || '<w:p/>'}</w:txbxContent></wps:txbx>`
      + `<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor>`
      + `</w:drawing></mc:Choice><mc:Fallback/></mc:AlternateContent></w:r></w:p>`
    zip.file(name, xml.slice(0, from) + shape + xml.slice(to))
  }
}
