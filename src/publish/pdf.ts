// The publication copy of a document as PDF (Woo): drawn from the document
// itself with pdfkit, not printed and blacked out. A redacted passage is not
// in the input at all (core/redaction.ts publicationDoc): it arrives as a
// node holding only its ground and is drawn as a black box of one width,
// whatever the passage's length, with the ground in white. The font (Noto
// Sans, assets/fonts) is embedded, so the text is searchable and the PDF
// looks the same everywhere. The PDF carries no author and no metadata but
// its title.
//
// The layout is simple and our own: words set on lines, lists indented,
// tables as a grid, footnotes numbered and printed at the end under
// "Noten", "Pagina X van Y" at the foot of each page.
import PDFDocument from 'pdfkit'
import { existsSync, readFileSync } from 'node:fs'
import { inflateSync } from 'node:zlib'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { NodeJSON } from '../core/document.js'
import { WOO_GROUNDS } from '../core/woo.js'

export interface PdfInput {
  /** Shown above the title ("Kamerbrief"). */
  typeLabel: string
  title: string
  /** Label and value lines under the title (Datum, Ons kenmerk …), already scrubbed. */
  lines: [string, string][]
  /** The publication document (redactions as ground-only nodes). */
  doc: NodeJSON
  /** The signature lines, already scrubbed. */
  closing: string[]
}

type Face = 'regular' | 'bold' | 'italic' | 'boldItalic'
const FONT_FILES: Record<Face, string> = {
  regular: 'noto-sans-latin-400-normal.woff',
  bold: 'noto-sans-latin-700-normal.woff',
  italic: 'noto-sans-latin-400-italic.woff',
  boldItalic: 'noto-sans-latin-700-italic.woff',
}

let fontsDir: string | null = null
/** assets/fonts of the project or the installed app: found from this file upwards (source, bundle and asar alike). */
function fonts(): string {
  if (fontsDir) return fontsDir
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'assets', 'fonts')
    if (existsSync(join(candidate, FONT_FILES.regular))) return (fontsDir = candidate)
    dir = dirname(dir)
  }
  throw new Error('De lettertypen voor de PDF (assets/fonts) ontbreken in deze installatie.')
}

/**
 * A WOFF font as the TrueType font it wraps (tables inflated with Node's
 * zlib). fontkit reads WOFF itself, but inflates tables in JavaScript on
 * every read: 1.5 s for one letter. Done once per face and process.
 */
function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('Geen WOFF-lettertype.')
  const count = woff.readUInt16BE(12)
  const tables: { tag: number; checksum: number; data: Buffer }[] = []
  for (let i = 0; i < count; i++) {
    const at = 44 + i * 20
    const offset = woff.readUInt32BE(at + 4)
    const compLength = woff.readUInt32BE(at + 8)
    const origLength = woff.readUInt32BE(at + 12)
    const raw = woff.subarray(offset, offset + compLength)
    tables.push({ tag: woff.readUInt32BE(at), checksum: woff.readUInt32BE(at + 16), data: compLength < origLength ? inflateSync(raw) : Buffer.from(raw) })
  }
  let power = 1
  let log = 0
  while (power * 2 <= count) { power *= 2; log++ }
  const header = Buffer.alloc(12 + 16 * count)
  header.writeUInt32BE(woff.readUInt32BE(4), 0)
  header.writeUInt16BE(count, 4)
  header.writeUInt16BE(power * 16, 6)
  header.writeUInt16BE(log, 8)
  header.writeUInt16BE(count * 16 - power * 16, 10)
  const parts: Buffer[] = [header]
  let offset = header.length
  tables.forEach((t, i) => {
    header.writeUInt32BE(t.tag, 12 + i * 16)
    header.writeUInt32BE(t.checksum, 16 + i * 16)
    header.writeUInt32BE(offset, 20 + i * 16)
    header.writeUInt32BE(t.data.length, 24 + i * 16)
    const padded = Buffer.alloc((t.data.length + 3) & ~3)
    t.data.copy(padded)
    parts.push(padded)
    offset += padded.length
  })
  return Buffer.concat(parts)
}

const fontCache = new Map<Face, Buffer>()
function fontData(face: Face): Buffer {
  let data = fontCache.get(face)
  if (!data) fontCache.set(face, (data = woffToSfnt(readFileSync(join(fonts(), FONT_FILES[face])))))
  return data
}

/** Advances of characters at size 1 per face, kept across documents. */
const widthCache = new Map<string, number>()

const CM = 72 / 2.54
const PAGE = { width: 21 * CM, height: 29.7 * CM, left: 2.3 * CM, right: 2.3 * CM, top: 2.2 * CM, bottom: 2.4 * CM }
const SIZE = 10
const NOTE_SIZE = 8

interface Run { text: string; face: Face; underline: boolean; size: number; rise: number }
interface BoxItem { box: string; size: number }
type Item = Run | BoxItem | { newline: true }

/** Inline content as runs and boxes; footnotes become a raised number and are collected. */
function inlineItems(content: NodeJSON[] | undefined, size: number, notes: NodeJSON[][] | null, base: Face = 'regular'): Item[] {
  const out: Item[] = []
  for (const node of content ?? []) {
    const names = new Set((node.marks ?? []).map((m) => m.type))
    const ground = node.marks?.find((m) => m.type === 'redaction')?.attrs?.ground
    if (typeof ground === 'string') { out.push({ box: ground, size }); continue }
    if (node.type === 'text') {
      const bold = names.has('strong') || base === 'bold' || base === 'boldItalic'
      const italic = names.has('em') || base === 'italic' || base === 'boldItalic'
      out.push({ text: node.text ?? '', face: bold && italic ? 'boldItalic' : bold ? 'bold' : italic ? 'italic' : 'regular', underline: names.has('underline') || names.has('link'), size, rise: 0 })
    } else if (node.type === 'hard_break') out.push({ newline: true })
    else if (node.type === 'footnote' && notes) {
      notes.push(node.content ?? [])
      out.push({ text: String(notes.length), face: 'regular', underline: false, size: size * 0.65, rise: size * 0.35 })
    }
  }
  return out
}

class Writer {
  readonly pdf: PDFKit.PDFDocument
  y = PAGE.top
  readonly notes: NodeJSON[][] = []
  private readonly boxWidth = new Map<number, number>()

  constructor(title: string) {
    this.pdf = new PDFDocument({
      size: [PAGE.width, PAGE.height], margin: 0, bufferPages: true, autoFirstPage: true,
      font: fontData('regular') as unknown as string,
      info: { Title: title, Author: '', Creator: 'Paraaf', Producer: 'Paraaf', Subject: '', Keywords: '' },
      lang: 'nl-NL', displayTitle: true,
    })
    for (const face of Object.keys(FONT_FILES) as Face[]) this.pdf.registerFont(face, fontData(face) as unknown as string)
  }

  private lineHeight(size: number) { return size * 1.45 }

  /**
   * The width of `text` in `face` at `size`: the sum of its characters'
   * advances (cached per character and face), without kerning, which only
   * ever narrows a word a little. Measuring each word with fontkit's shaping
   * cost more than drawing the whole letter.
   */
  width(text: string, face: Face, size: number): number {
    let w = 0
    for (const ch of text) {
      const key = `${face}\u0000${ch}`
      let c = widthCache.get(key)
      if (c === undefined) {
        c = this.pdf.font(face).fontSize(1).widthOfString(ch)
        if (widthCache.size < 20_000) widthCache.set(key, c)
      }
      w += c
    }
    return w * size
  }

  /** One width for every box at a size: the widest ground, plus room. */
  private boxWidthAt(size: number): number {
    let w = this.boxWidth.get(size)
    if (w === undefined) {
      w = Math.max(...Object.keys(WOO_GROUNDS).map((g) => this.width(g, 'bold', size * 0.9))) + size
      this.boxWidth.set(size, w)
    }
    return w
  }

  ensure(height: number) {
    if (this.y + height > PAGE.height - PAGE.bottom) this.newPage()
  }

  newPage() {
    this.pdf.addPage({ size: [PAGE.width, PAGE.height], margin: 0 })
    this.y = PAGE.top
  }

  /** Sets items on lines between x and x + width, from this.y; returns nothing, moves this.y. */
  flow(items: Item[], x: number, width: number, size = SIZE, draw = true): number {
    const lh = this.lineHeight(size)
    type Piece = { run?: Run; box?: BoxItem; text: string; width: number; space: boolean }
    const lines: Piece[][] = [[]]
    let used = 0
    const pushPiece = (p: Piece) => {
      const line = lines[lines.length - 1]
      if (p.space && !line.length) return
      if (!p.space && used + p.width > width && line.length) {
        while (line.length && line[line.length - 1].space) used -= line.pop()!.width
        lines.push([])
        used = 0
      }
      if (p.space && !lines[lines.length - 1].length) return
      lines[lines.length - 1].push(p)
      used += p.width
    }
    for (const item of items) {
      if ('newline' in item) { lines.push([]); used = 0; continue }
      if ('box' in item) { pushPiece({ box: item, text: item.box, width: this.boxWidthAt(item.size), space: false }); continue }
      const measure = (t: string) => this.width(t, item.face, item.size)
      for (const part of item.text.split(/(\s+)/)) {
        if (!part) continue
        const space = /^\s+$/.test(part)
        const text = space ? ' ' : part
        const w = measure(text)
        if (space || w <= width) {
          pushPiece({ run: item, text, width: w, space })
          continue
        }
        // A word wider than the line is cut where it must, in one pass over its characters.
        let piece = ''
        let pw = 0
        for (const ch of text) {
          const cw = measure(ch)
          if (piece && pw + cw > width) {
            pushPiece({ run: item, text: piece, width: pw, space: false })
            piece = ''
            pw = 0
          }
          piece += ch
          pw += cw
        }
        if (piece) pushPiece({ run: item, text: piece, width: pw, space: false })
      }
    }
    if (!draw) return lines.length * lh
    for (const line of lines) {
      this.ensure(lh)
      let cx = x
      let i = 0
      while (i < line.length) {
        const p = line[i]
        if (p.box) {
          const bs = p.box.size
          this.pdf.save().rect(cx, this.y + bs * 0.12, p.width, bs * 1.25).fill('#000000').restore()
          this.pdf.font('bold').fontSize(bs * 0.9).fillColor('#ffffff')
            .text(p.text, cx, this.y + bs * 0.22, { width: p.width, align: 'center', lineBreak: false })
          this.pdf.fillColor('#000000')
          cx += p.width
          i++
          continue
        }
        // Pieces of one run in a row are drawn as one string: fewer objects, the words' spaces kept.
        const run = p.run!
        let text = ''
        let w = 0
        while (i < line.length && line[i].run === run) { text += line[i].text; w += line[i].width; i++ }
        this.pdf.font(run.face).fontSize(run.size).fillColor('#000000')
          .text(text, cx, this.y - run.rise + (size - run.size) * 0.2, { lineBreak: false, underline: run.underline })
        cx += w
      }
      this.y += lh
    }
    return lines.length * lh
  }

  block(node: NodeJSON, x: number, width: number, listDepth = 0) {
    switch (node.type) {
      case 'paragraph':
        this.flow(inlineItems(node.content, SIZE, this.notes), x, width)
        this.y += SIZE * 0.5
        break
      case 'heading':
        this.ensure(this.lineHeight(SIZE) * 3)
        this.y += SIZE * 0.5
        this.flow(inlineItems(node.content, SIZE, this.notes, node.attrs?.level === 2 ? 'italic' : 'bold'), x, width)
        break
      case 'bullet_list':
      case 'ordered_list': {
        let n = Number(node.attrs?.start ?? 1)
        for (const item of node.content ?? []) {
          const marker = node.type === 'bullet_list' ? (listDepth % 2 ? '–' : '•') : `${n++}${node.attrs?.delimiter === ')' ? ')' : '.'}`
          this.ensure(this.lineHeight(SIZE))
          this.pdf.font('regular').fontSize(SIZE).fillColor('#000000').text(marker, x, this.y, { lineBreak: false })
          // Deeper than the page allows, a list stops indenting.
          const indent = width > 160 ? 16 : 0
          ;(item.content ?? []).forEach((child, k) => {
            this.block(child, x + indent, width - indent, listDepth + 1)
            if (child.type === 'paragraph' && k === (item.content ?? []).length - 1) this.y -= SIZE * 0.3
          })
        }
        this.y += SIZE * 0.3
        break
      }
      case 'table':
        this.table(node, x, width)
        break
      case 'page_break':
        this.newPage()
        break
      default:
        if (node.content) for (const child of node.content) this.block(child, x, width, listDepth)
    }
  }

  private table(node: NodeJSON, x: number, width: number) {
    const rows = node.content ?? []
    const columns = Math.max(1, ...rows.map((r) => (r.content ?? []).length))
    // Each column is at least as wide as its longest word (a label is never cut inside a word);
    // what is left is shared by the length of the columns' text.
    const pad = 3
    const cellText = (r: NodeJSON, c: number) => JSON.stringify(r.content?.[c] ?? '').replace(/"[a-z_]+":|[{}[\],"]/g, ' ')
    const minimum = Array.from({ length: columns }, (_, c) => 2 * pad + 1 + Math.max(8, ...rows.flatMap((r) => cellText(r, c).split(/\s+/).filter(Boolean).slice(0, 200).map((w) => this.width(w, 'bold', SIZE - 1)))))
    const longest = Array.from({ length: columns }, (_, c) => Math.max(4, ...rows.map((r) => cellText(r, c).trim().length)))
    const floor = minimum.reduce((a, b) => a + b, 0)
    const total = longest.reduce((a, b) => a + b, 0)
    const cols = floor >= width ? minimum.map((m) => (m / floor) * width) : minimum.map((m, c) => m + ((width - floor) * longest[c]) / total)
    for (const row of rows) {
      const cells = row.content ?? []
      const cellItems = cells.map((cell) => (cell.content ?? []).flatMap((p, i) => [...(i ? [{ newline: true } as Item] : []), ...inlineItems(p.content, SIZE - 1, this.notes, row.type === 'table_row' && cell.type === 'table_header' ? 'bold' : 'regular')]))
      const height = Math.max(...cellItems.map((items, c) => this.flow(items, 0, cols[c] - 2 * pad, SIZE - 1, false))) + 2 * pad
      this.ensure(Math.min(height, PAGE.height - PAGE.top - PAGE.bottom))
      const top = this.y
      let cx = x
      cellItems.forEach((items, c) => {
        this.y = top + pad
        this.flow(items, cx + pad, cols[c] - 2 * pad, SIZE - 1)
        this.pdf.save().lineWidth(0.5).strokeColor('#808080').rect(cx, top, cols[c], height).stroke().restore()
        cx += cols[c]
      })
      this.y = top + height
    }
    this.y += SIZE * 0.6
  }

  finish(): Promise<Buffer> {
    const range = this.pdf.bufferedPageRange()
    for (let i = 0; i < range.count; i++) {
      this.pdf.switchToPage(range.start + i)
      this.pdf.font('regular').fontSize(7).fillColor('#000000')
        .text(`Pagina ${i + 1} van ${range.count}`, PAGE.left, PAGE.height - PAGE.bottom + 14, { width: PAGE.width - PAGE.left - PAGE.right, align: 'right', lineBreak: false })
    }
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = []
      this.pdf.on('data', (c: Buffer) => chunks.push(c))
      this.pdf.on('end', () => resolve(Buffer.concat(chunks)))
      this.pdf.on('error', reject)
      this.pdf.end()
    })
  }
}

/** Writes the publication as a PDF. */
export async function publicationPdf(input: PdfInput): Promise<Buffer> {
  const w = new Writer(input.title)
  const x = PAGE.left
  const width = PAGE.width - PAGE.left - PAGE.right
  w.flow([{ text: input.typeLabel, face: 'regular', underline: false, size: 9, rise: 0 }], x, width, 9)
  w.y += 4
  w.flow([{ text: input.title, face: 'bold', underline: false, size: 14, rise: 0 }], x, width, 14)
  w.y += 6
  for (const [label, value] of input.lines) {
    w.flow([{ text: `${label}: `, face: 'bold', underline: false, size: 9, rise: 0 }, { text: value, face: 'regular', underline: false, size: 9, rise: 0 }], x, width, 9)
  }
  w.y += 14
  for (const block of input.doc.content ?? []) w.block(block, x, width)
  if (input.closing.length) {
    w.y += SIZE
    for (const line of input.closing) w.flow([{ text: line, face: 'regular', underline: false, size: SIZE, rise: 0 }], x, width)
  }
  if (w.notes.length) {
    w.y += SIZE
    w.ensure(SIZE * 4)
    w.flow([{ text: 'Noten', face: 'bold', underline: false, size: NOTE_SIZE + 1, rise: 0 }], x, width, NOTE_SIZE + 1)
    // Numbers of notes inside notes are not made: a note's own content has none.
    w.notes.forEach((content, i) => {
      w.flow([{ text: `${i + 1} `, face: 'regular', underline: false, size: NOTE_SIZE, rise: 0 }, ...inlineItems(content, NOTE_SIZE, null)], x, width, NOTE_SIZE)
    })
  }
  return w.finish()
}
