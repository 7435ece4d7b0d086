// How many pages the Word export of a document will take, estimated while
// the writer types (a two-pager's budget: "1,8 van 2 pagina's"). It uses the
// layout measures the export uses (template manifest: font size, leading,
// the sheet's margins) and counts lines: characters per line from an average
// character width, a white line after each paragraph, headings, list
// indents, table rows, footnotes at the foot of the page, page breaks. It is
// an estimate, checked against LibreOffice's rendering of the export in the
// tests (within 10 %).
import type { Node as PMNode } from 'prosemirror-model'
import { sheetOf, type DocumentMeta, type TemplateLayout } from './document.js'

const PT_PER_CM = 72 / 2.54
/** Average advance of a character of running Dutch text, in em (Verdana and its usual substitutes). */
const AVERAGE_EM = 0.55

export interface PageEstimate {
  /** Pages as a fraction ("1.8"): whole pages plus the part of the last one used. */
  pages: number
}

/** The body's text area in points, per letterhead, as the export sets it. */
function sheet(layout: TemplateLayout): { width: number; height: number; firstPageUsed: number } {
  if (layout.letterhead === 'rijksbrief' || layout.letterhead === 'nota') {
    const { top, bottom, right, firstTop } = sheetOf(layout)
    // Page 1 holds the letterhead (address block or nota head, Datum, Onderwerp) above the body.
    return { width: (21 - 2.3 - right) * PT_PER_CM, height: (29.7 - top - bottom) * PT_PER_CM, firstPageUsed: (firstTop - top + (layout.letterhead === 'rijksbrief' ? 7.9 : 4.5)) * PT_PER_CM }
  }
  if (layout.letterhead === 'annotatie') return { width: (21 - 4.6) * PT_PER_CM, height: (29.7 - 1.8 - 2.5) * PT_PER_CM, firstPageUsed: 3 * 14 }
  // No letterhead: title, date and a white line above the body; a footer with the page number.
  return { width: (21 - 4.6) * PT_PER_CM, height: (29.7 - 2 - 2.5) * PT_PER_CM, firstPageUsed: 17 + 12 + 12 + 12 }
}

/** Estimates the pages of the Word export of `doc` with `layout`. */
export function estimatePages(doc: PMNode, _meta: DocumentMeta, layout: TemplateLayout): PageEstimate {
  const size = layout.size ?? 9
  const leading = layout.leading ?? 12.5
  const area = sheet(layout)
  const perLine = (width: number, fontSize: number) => Math.max(1, Math.floor(width / (fontSize * AVERAGE_EM)))
  const linesFor = (chars: number, width: number, fontSize = size) => Math.max(1, Math.ceil(chars / perLine(width, fontSize)))
  let used = area.firstPageUsed
  let pages = 0
  let notes = 0
  const add = (height: number) => {
    used += height
    while (used > area.height) {
      used -= area.height
      pages++
    }
  }
  const inlineLength = (node: PMNode) => {
    let n = 0
    node.forEach((child) => {
      if (child.isText) n += child.text!.length
      else if (child.type.name === 'footnote') {
        n += 1
        // A footnote: 7 pt on 9 pt at the foot of the page, plus the separator once per page.
        notes += linesFor(child.textContent.length + 3, area.width, 7) * 9
      } else if (child.type.name === 'hard_break') n += perLine(area.width, size) / 2
    })
    return n
  }
  const block = (node: PMNode, indent: number, last: boolean) => {
    const width = area.width - indent
    switch (node.type.name) {
      case 'paragraph':
        // A white line after each paragraph; list items sit close, except the last of a list.
        add(linesFor(inlineLength(node), width) * leading + (indent === 0 || last ? leading : 0))
        break
      case 'heading':
        // No space above of its own: the white line after the paragraph before is the one above it.
        add(linesFor(inlineLength(node), width) * leading)
        break
      case 'bullet_list':
      case 'ordered_list':
        node.forEach((item, _o, i) => item.forEach((child, _p, j) => block(child, indent + 18, last || (i === node.childCount - 1 && j === item.childCount - 1 && indent === 0))))
        break
      case 'table': {
        const columns = Math.max(1, ...Array.from({ length: node.childCount }, (_, r) => node.child(r).childCount))
        node.forEach((row) => {
          let lines = 1
          row.forEach((cell) => { lines = Math.max(lines, linesFor(cell.textContent.length, width / columns - 10, size - 1)) })
          add(lines * (leading - 1.5) + 2)
        })
        add(leading)
        break
      }
      case 'page_break':
        pages++
        used = 0
        break
      default:
        node.forEach((child, _o, i) => block(child, indent, i === node.childCount - 1))
    }
  }
  doc.forEach((node, _o, i) => block(node, 0, i === doc.childCount - 1))
  // The footnotes take room at the foot of the pages they are on; spread over the document.
  add(notes + (notes ? 12 : 0))
  return { pages: pages + used / area.height }
}
