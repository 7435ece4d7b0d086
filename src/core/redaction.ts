// Redaction marks (Woo) in a document: setting them on a quote, listing
// them, and the publication copy in which every marked passage is gone.
//
// A redaction is a `redaction` mark with its ground (schema.ts), so it
// travels with every version, restore, comparison and Word round trip of the
// draft. Only `publicationDoc` removes text: each marked passage becomes one
// text node holding nothing but its ground, which the exports draw as a box
// of one width whatever the passage's length. Markers a document already
// carries from an earlier release ("[5.1.2e]", "5.1.2e") are recognised as
// redactions and become boxes too; their text was never there.
import type { Node as PMNode } from 'prosemirror-model'
import { Transform } from 'prosemirror-transform'
import type { DocumentMeta, NodeJSON } from './document.js'
import { schema } from './schema.js'
import { normalizeGround } from './woo.js'

/** One redacted passage: its text (as drafted) and its ground. */
export interface RedactionPassage { quote: string; ground: string }

/** The redactions of a document, one row per distinct quote and ground, in document order. */
export interface RedactionSummary { quote: string; ground: string; count: number }

/** Passages one `redact` call marks at most (a one-letter quote with --all in a long document). */
export const MAX_REDACT_PASSAGES = 10_000

/** A line of inline text: a textblock's or a footnote's, with the document position and ground of each character. */
interface TextLine { text: string; pos: number[]; ground: (string | null)[] }

/** Placeholder for an inline node that is not text (a footnote reference): no quote spans one. */
const OBJECT = '\uFFFC'

function groundOf(node: PMNode): string | null {
  const mark = node.marks.find((m) => m.type === schema.marks.redaction)
  return mark ? (mark.attrs.ground as string) : null
}

/** Every line of inline text, body and footnotes, in document order (a footnote after the line it stands in). */
function textLines(doc: PMNode): TextLine[] {
  const lines: TextLine[] = []
  const read = (node: PMNode, start: number) => {
    const line: TextLine = { text: '', pos: [], ground: [] }
    node.forEach((child, offset) => {
      const g = groundOf(child)
      const chars = child.isText ? child.text! : child.type === schema.nodes.hard_break ? '\n' : OBJECT
      line.text += chars
      for (let i = 0; i < chars.length; i++) {
        line.pos.push(start + offset + (child.isText ? i : 0))
        line.ground.push(g)
      }
    })
    lines.push(line)
  }
  doc.descendants((node, pos) => {
    if (node.isTextblock) { read(node, pos + 1); return true }
    if (node.type === schema.nodes.footnote) { read(node, pos + 1); return false }
    return true
  })
  return lines
}

const WORD = /[\p{L}\p{N}]/u

/**
 * Marks `quote` for redaction on `ground`: its first occurrence that is not
 * yet redacted on that ground, or with `all` every occurrence (body and
 * footnotes), whole words only ("Jan" is not redacted inside "Jansen").
 * Returns the new document and the number of passages marked.
 */
export function redact(doc: PMNode, quote: string, ground: string, all = false): { doc: PMNode; count: number } {
  const ranges = redactionRanges(doc, quote, ground, all)
  const mark = schema.marks.redaction.create({ ground })
  const tr = new Transform(doc)
  for (const { from, to } of ranges) tr.addMark(from, to, mark)
  return { doc: tr.doc, count: ranges.length }
}

/** Where `redact` would set its marks (the editor sets them in its own transaction, one undo step). */
export function redactionRanges(doc: PMNode, quote: string, ground: string, all = false): { from: number; to: number }[] {
  if (!quote || quote.includes(OBJECT)) return []
  const out: { from: number; to: number }[] = []
  for (const line of textLines(doc)) {
    let at = line.text.indexOf(quote)
    while (at >= 0 && out.length < MAX_REDACT_PASSAGES) {
      const end = at + quote.length
      const wholeWord = !(WORD.test(quote[0]) && at > 0 && WORD.test(line.text[at - 1])) && !(WORD.test(quote[quote.length - 1]) && end < line.text.length && WORD.test(line.text[end]))
      const done = line.ground.slice(at, end).every((g) => g === ground)
      if (wholeWord && !done) {
        out.push({ from: line.pos[at], to: line.pos[end - 1] + 1 })
        if (!all) return out
      }
      at = line.text.indexOf(quote, wholeWord ? end : at + 1)
    }
    if (out.length >= MAX_REDACT_PASSAGES) break
  }
  return out
}

/** Takes the redaction off every passage that reads exactly `quote` (any ground). Returns the document and how many passages. */
export function unredact(doc: PMNode, quote: string): { doc: PMNode; count: number } {
  const tr = new Transform(doc)
  const ranges = passageRanges(doc, quote)
  for (const p of ranges) tr.removeMark(p.from, p.to, schema.marks.redaction)
  return { doc: tr.doc, count: ranges.length }
}


/**
 * Every redacted passage with its place, in document order: a walk over the
 * inline nodes (no per-character work, so the editor can list a 600 kB
 * draft's redactions after each pause in typing).
 */
function passagesWithPlace(doc: PMNode): (RedactionPassage & { from: number; to: number })[] {
  const out: (RedactionPassage & { from: number; to: number })[] = []
  const read = (node: PMNode, start: number) => {
    let open: (RedactionPassage & { from: number; to: number }) | null = null
    node.forEach((child, offset) => {
      const g = groundOf(child)
      const from = start + offset
      if (g && open && open.ground === g && open.to === from) {
        open.quote += child.isText ? child.text! : child.type === schema.nodes.hard_break ? '\n' : ''
        open.to = from + child.nodeSize
        return
      }
      if (open) out.push(open)
      open = g ? { ground: g, quote: child.isText ? child.text! : child.type === schema.nodes.hard_break ? '\n' : '', from, to: from + child.nodeSize } : null
    })
    if (open) out.push(open)
  }
  doc.descendants((node, pos) => {
    if (node.isTextblock) { read(node, pos + 1); return true }
    if (node.type === schema.nodes.footnote) { read(node, pos + 1); return false }
    return true
  })
  // A footnote's passages are found after its paragraph's: order them by place.
  return out.sort((a, b) => a.from - b.from)
}

/** Where the passages reading exactly `quote` are (the editor takes their marks off in one step). */
export function passageRanges(doc: PMNode, quote: string): { from: number; to: number; ground: string }[] {
  return passagesWithPlace(doc).filter((p) => p.quote === quote).map(({ from, to, ground }) => ({ from, to, ground }))
}

/** Every redacted passage, in document order. */
function redactedPassages(doc: PMNode): RedactionPassage[] {
  return passagesWithPlace(doc).map(({ quote, ground }) => ({ quote, ground }))
}

/** The redactions grouped by quote and ground, with how often each occurs. */
export function listRedactions(doc: PMNode): RedactionSummary[] {
  const rows = new Map<string, RedactionSummary>()
  for (const { quote, ground } of redactedPassages(doc)) {
    const key = `${ground}\u0000${quote}`
    const row = rows.get(key)
    if (row) row.count++
    else rows.set(key, { quote, ground, count: 1 })
  }
  return [...rows.values()]
}

/** A marker of an earlier release in the text: "[5.1.2e]", "5.1.2e", "5.1.2.e". */
const MARKER = /\[?(?<![\p{L}\p{N}.])5\.[12]\.\d\.?[a-i]?(?![\p{L}\p{N}])\]?/gu

/**
 * The ground of a marker match: bracketed ("[5.2.1]") or with its letter
 * ("5.1.2e"); a bare "5.2.1" may be a section number and is left as text.
 */
function markerGround(match: string): string | null {
  const bracketed = match.startsWith('[') && match.endsWith(']')
  if (!bracketed && !/[a-i]$/.test(match.replace(/\]$/, ''))) return null
  return normalizeGround(match.replace(/[[\]]/g, ''))
}


/** What `publicationDoc` removed and kept. */
export interface Publication {
  /** The document to publish: every passage a box, no comment anchors. */
  doc: NodeJSON
  /** The passages removed, in order (their text is in no part of `doc`). */
  removed: RedactionPassage[]
  /** Markers of an earlier release kept as boxes. */
  kept: number
}

const box = (ground: string): NodeJSON => ({ type: 'text', text: ground, marks: [{ type: 'redaction', attrs: { ground } }] })

/**
 * The document as it is published: each redacted passage replaced by one
 * node holding only its ground (whatever it held: text, line breaks,
 * footnotes, formatting), comment anchors dropped, earlier markers made boxes.
 * Bounded by the document, which the store already bounds.
 */
export function publicationDoc(doc: PMNode): Publication {
  const removed: RedactionPassage[] = []
  let kept = 0
  const inline = (content: NodeJSON[]): NodeJSON[] => {
    const out: NodeJSON[] = []
    let open: { ground: string; quote: string } | null = null
    for (const node of content) {
      const ground = node.marks?.find((m) => m.type === 'redaction')?.attrs?.ground as string | undefined
      if (ground) {
        const text = node.type === 'text' ? node.text ?? '' : node.type === 'hard_break' ? '\n' : ''
        if (open && open.ground === ground) open.quote += text
        else {
          if (open) removed.push(open)
          open = { ground, quote: text }
          out.push(box(ground))
        }
        continue
      }
      if (open) { removed.push(open); open = null }
      const marks = node.marks?.filter((m) => m.type !== 'comment')
      const clean: NodeJSON = { ...node, ...(marks?.length ? { marks } : {}) }
      if (!marks?.length) delete clean.marks
      if (node.type === 'footnote') out.push({ ...clean, ...(node.content ? { content: inline(node.content) } : {}) })
      else if (node.type === 'text') {
        // Markers of an earlier release become boxes as well.
        let last = 0
        const text = node.text ?? ''
        for (const m of text.matchAll(MARKER)) {
          const g = markerGround(m[0])
          if (!g) continue
          if (m.index! > last) out.push({ ...clean, text: text.slice(last, m.index) })
          out.push(box(g))
          kept++
          last = m.index! + m[0].length
        }
        if (last < text.length) out.push(last ? { ...clean, text: text.slice(last) } : clean)
      } else out.push(clean)
    }
    if (open) removed.push(open)
    return out
  }
  const walk = (node: NodeJSON): NodeJSON => {
    if (!node.content) return node
    const isInline = node.content.some((c) => c.type === 'text' || c.type === 'hard_break' || c.type === 'footnote')
    return { ...node, content: isInline ? inline(node.content) : node.content.map(walk) }
  }
  return { doc: walk(doc.toJSON() as NodeJSON), removed, kept }
}

/**
 * Redactions in the metadata (a name in the ondertekening, a contact person):
 * metadata carries no marks, so they are kept as a list in the field `woo`,
 * one "GROUND QUOTE" line each; publicationMeta replaces every occurrence.
 */
export const META_KEY = 'woo'

export function metaRedactions(meta: DocumentMeta): RedactionPassage[] {
  const lines = meta[META_KEY]
  return (Array.isArray(lines) ? lines : typeof lines === 'string' ? [lines] : []).flatMap((line) => {
    const at = line.indexOf(' ')
    const ground = at > 0 ? normalizeGround(line.slice(0, at)) : null
    return ground && line.slice(at + 1) ? [{ ground, quote: line.slice(at + 1) }] : []
  })
}

/** How often `quote` occurs as whole words in the metadata's values (the list of redactions itself left out). */
function metaOccurrences(meta: DocumentMeta, quote: string): number {
  const re = new RegExp(`${WORD.test(quote[0]) ? '(?<![\\p{L}\\p{N}])' : ''}${quote.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${WORD.test(quote[quote.length - 1]) ? '(?![\\p{L}\\p{N}])' : ''}`, 'gu')
  let n = 0
  for (const [key, value] of Object.entries(meta)) {
    if (key === META_KEY) continue
    for (const v of Array.isArray(value) ? value : [value]) n += [...v.matchAll(re)].length
  }
  return n
}

/** Records `quote` as redacted in the metadata when it occurs there; the count is its occurrences (1 without `all`), 0 when recorded already. */
export function redactMeta(meta: DocumentMeta, quote: string, ground: string, all = false): { meta: DocumentMeta; count: number } {
  if (!quote.trim()) return { meta, count: 0 }
  const occurrences = metaOccurrences(meta, quote)
  if (!occurrences || metaRedactions(meta).some((r) => r.quote === quote && r.ground === ground)) return { meta, count: 0 }
  const lines = metaRedactions(meta).filter((r) => r.quote !== quote).map((r) => `${r.ground} ${r.quote}`)
  return { meta: { ...meta, [META_KEY]: [...lines, `${ground} ${quote}`] }, count: all ? occurrences : 1 }
}

/** The metadata's redactions as rows (quote, ground, occurrences). */
export function listMetaRedactions(meta: DocumentMeta): RedactionSummary[] {
  return metaRedactions(meta).map((r) => ({ ...r, count: metaOccurrences(meta, r.quote) }))
}

/** Takes `quote` off the metadata's list of redactions. */
export function unredactMeta(meta: DocumentMeta, quote: string): { meta: DocumentMeta; count: number } {
  const all = metaRedactions(meta)
  const left = all.filter((r) => r.quote !== quote)
  if (left.length === all.length) return { meta, count: 0 }
  const out = { ...meta }
  if (left.length) out[META_KEY] = left.map((r) => `${r.ground} ${r.quote}`)
  else delete out[META_KEY]
  return { meta: out, count: all.length - left.length }
}

/**
 * Metadata as published: every removed passage's text replaced by its ground
 * wherever it occurs (a name in the sender column, a contact person), so the
 * letterhead cannot give away what the body withholds.
 */
export function publicationMeta(meta: DocumentMeta, removed: readonly RedactionPassage[]): DocumentMeta {
  // Longest first, so "J. de Vries" goes before "Vries"; a passage of one or two characters is left alone.
  const passages = [...metaRedactions(meta), ...removed.filter((p) => p.quote.trim().length > 2)]
  const quotes = [...new Map(passages.map((p) => [p.quote.trim(), p.ground])).entries()].sort((a, b) => b[0].length - a[0].length)
  const scrub = (value: string) => quotes.reduce((text, [quote, ground]) => text.split(quote).join(`[${ground}]`), value)
  const out: DocumentMeta = {}
  for (const [key, value] of Object.entries(meta)) if (key !== META_KEY) out[key] = Array.isArray(value) ? value.map(scrub) : scrub(value)
  return out
}
