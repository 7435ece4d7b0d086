// A Paraaf document: its type, its metadata (typed by the template manifest)
// and its content (a ProseMirror document as JSON).
import type { Node as PMNode } from 'prosemirror-model'

/** One metadata value: a line of text, or several lines (an address). */
export type MetaValue = string | string[]

/** Document metadata in the order the user or the source gave it. */
export type DocumentMeta = Record<string, MetaValue>

/** ProseMirror JSON of one node: the one type for stored, compared and exported content. */
export interface NodeJSON {
  type: string
  attrs?: Record<string, unknown>
  content?: NodeJSON[]
  marks?: { type: string; attrs?: Record<string, unknown> }[]
  text?: string
}

/**
 * The key of a node's content: its JSON without comment marks. Comment
 * anchors are not content, so two nodes with equal keys are equal for
 * compare, anchoring and the service alike (a comment over a line break or
 * a footnote reference is no change to the text).
 */
export function contentKey(node: NodeJSON): string {
  return JSON.stringify(node, (key, value: unknown) => {
    if (key !== 'marks' || !Array.isArray(value)) return value
    const kept = (value as { type: string }[]).filter((m) => m.type !== 'comment')
    return kept.length ? kept : undefined
  })
}

/** ProseMirror JSON of a document (`doc` node). Its content is checked against the schema before it is stored. */
export interface DocJSON {
  type: 'doc'
  content: unknown[]
}

/** The title a document is listed under: its onderwerp, else its first line. */
export function documentTitle(meta: DocumentMeta, doc: PMNode): string {
  const onderwerp = meta.onderwerp
  const fromMeta = Array.isArray(onderwerp) ? onderwerp.join(' ') : onderwerp
  if (fromMeta && fromMeta.trim()) return fromMeta.trim()
  let first = ''
  doc.descendants((node) => {
    if (first) return false
    if (node.isTextblock && node.textContent.trim()) {
      first = node.textContent.trim()
      return false
    }
    return true
  })
  if (!first) return 'Naamloos document'
  return first.length > 80 ? first.slice(0, 79) + '…' : first
}

/** Counts words the way a reader would: runs of letters or digits, footnotes included. */
export function countWords(doc: PMNode): number {
  let count = 0
  doc.descendants((node) => {
    if (node.isText) count += (node.text!.match(/[\p{L}\p{N}]+(?:['’\-.,][\p{L}\p{N}]+)*/gu) ?? []).length
    return true
  })
  return count
}


/** How a template lays out its Word file (the `layout` of a template manifest). */
export interface TemplateLayout {
  /** Which letterhead: the Rijksbrief, a nota/memo, an annotatie, or none (two-pager, bijlage). */
  letterhead: 'rijksbrief' | 'nota' | 'annotatie' | 'none'
  /** The word shown large at the top of a nota ("nota", "memo"). */
  label?: string
  font?: string
  /** Body size and leading in points. */
  size?: number
  leading?: number
  /** A logo image in the template folder (13 × 37.125 mm, centred at the top edge); without it the slot stays empty. */
  logo?: string
  /** Size in points of the document type's label on a nota or memo ("Nota"). */
  labelSize?: number
  /**
   * The sheet of a letter or nota, in cm: top and bottom margin of the body
   * (every page), right margin (the sender column's side), where page 1's
   * letterhead starts, and the sender column's left edge and width.
   */
  sheet?: { top?: number; bottom?: number; right?: number; firstTop?: number; columnLeft?: number; columnWidth?: number }
}

/** A paraaf is a lijnparaaf (up the line) or a medeparaaf (a co-signing directorate). */
/** The sheet of a letter or nota, in cm, as the template's manifest sets it or the Rijkshuisstijl has it. */
export interface Sheet { top: number; bottom: number; right: number; firstTop: number; columnLeft: number; columnWidth: number }

/** The sheet measures of a layout: the manifest's, the Rijkshuisstijl's where it sets none. */
export function sheetOf(layout: TemplateLayout): Sheet {
  return { top: 4.0, bottom: 1.5, right: 7.1, firstTop: 4.6, columnLeft: 15.4, columnWidth: 4.6, ...layout.sheet }
}

export type ParaafKind = 'lijn' | 'mede'
/** One step of a paraafroute: who (may still be open), in which role, which kind. */
export interface RouteStep { name: string; role: string; kind: ParaafKind }

/** A comment thread as it travels into files (Markdown, Word). */
export interface CommentThreadData {
  id: string
  author: string
  org: string
  createdAt: string
  text: string
  resolved: boolean
  replies: { author: string; org: string; createdAt: string; text: string }[]
}
