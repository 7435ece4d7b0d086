// A .docx back into a Paraaf document: text with its structure (Word heading
// styles, numbering, tables, footnotes, bold/italic/underline, line breaks),
// a partner's tracked changes, and the comments with their replies.
//
// Tracked changes give two documents: the partner's base (every change
// rejected) and the partner's proposal (every change accepted). Written as
// two versions, compare's accept/reject then lets the drafter take over the
// proposals one by one. Comments anchor on the proposal's text.
import { SaxesParser } from 'saxes'
import type { CommentThreadData, DocJSON, DocumentMeta } from '../core/document.js'
import { parseDutchDate } from '../core/dates.js'
import { isSafeHref } from '../core/schema.js'
import { WOO_GROUNDS } from '../core/woo.js'
import type { NodeJSON } from '../core/diff/types.js'
import { DocxRejected, openDocx } from './safe-zip.js'
import { LETTERHEAD_SMALL_STYLE, LETTERHEAD_STYLE, META_PROPERTY, ROUND_PROPERTY, TYPE_PROPERTY, VERSION_PROPERTY, type RoundStamp, type VersionStamp } from './export-docx.js'

/** Letterhead paragraphs of a Paraaf export: not part of the body. */
const isLetterhead = (style: string) => style === LETTERHEAD_STYLE || style === LETTERHEAD_SMALL_STYLE

export { DocxRejected } from './safe-zip.js'

export interface ImportedDocx {
  type: string | null
  meta: DocumentMeta
  /** Every tracked change rejected: the text as it was before the partner's changes. */
  base: DocJSON
  /** Every tracked change accepted: the partner's proposal. */
  proposal: DocJSON
  threads: CommentThreadData[]
  /** Who made the tracked changes, for the version label. */
  revisionAuthors: string[]
  /** How many tracked changes (insertions, deletions, moves, format changes) the file has. */
  revisions: number
  /** The round stamp of a file Paraaf sent out in a review round, when it is intact. */
  round: RoundStamp | null
  /** The version stamp of a file Paraaf exported, when it is intact. */
  version: VersionStamp | null
  /** Each tracked insertion or deletion with its author and date (at most 20,000). */
  revisionList: Revision[]
  /** What was read differently from how the file holds it, in Dutch ("1 eindnoot als voetnoot overgenomen."). */
  notices: string[]
}

/** One tracked change as Word recorded it. */
export interface Revision { kind: 'ins' | 'del'; author: string; date: string; text: string }

type X = Record<string, unknown>

const tagOf = (n: X) => Object.keys(n).find((k) => k !== ':@') ?? ''
const kids = (n: X): X[] => (n[tagOf(n)] as X[]) ?? []
const attr = (n: X, name: string): string | undefined => (n[':@'] as Record<string, string> | undefined)?.[name]
const find = (list: X[], tag: string): X | undefined => list.find((n) => tagOf(n) === tag)
const findAll = (list: X[], tag: string): X[] => list.filter((n) => tagOf(n) === tag)
const textOf = (n: X): string => {
  const t = tagOf(n)
  if (t === '#text') return String(n['#text'] ?? '')
  return kids(n).map(textOf).join('')
}

/**
 * One part as a tree: each element `{ [name]: children, ':@': attributes }`,
 * text as `{ '#text': text }`, in document order. saxes (a strict SAX
 * parser) checks well-formedness while it reads, in one pass and without
 * recursion, so nesting depth costs no stack; what the walkers follow is
 * bounded by them. Names keep their prefixes (see canonicalizePrefixes).
 */
/**
 * Formatting Paraaf never reads, each an element that holds no text: left out
 * while parsing (a large file has hundreds of thousands: fonts and sizes on
 * every run, borders and widths on every cell). Only for a part whose
 * prefixes are the usual ones, so a name means what Paraaf thinks it means.
 */
const UNREAD = new Set([
  'w:rFonts', 'w:sz', 'w:szCs', 'w:lang', 'w:color', 'w:shd', 'w:highlight', 'w:kern', 'w:spacing', 'w:ind', 'w:jc', 'w:bCs', 'w:iCs', 'w:noProof',
  'w:tcW', 'w:tcBorders', 'w:tblBorders', 'w:tblW', 'w:tblInd', 'w:tblLook', 'w:tblLayout', 'w:tblCellMar', 'w:tblStyle', 'w:tcMar', 'w:vAlign', 'w:trHeight',
  'w:adjustRightInd', 'w:autoSpaceDE', 'w:autoSpaceDN', 'w:widowControl', 'w:snapToGrid', 'w:textAlignment', 'w:proofErr', 'w:lastRenderedPageBreak',
])

function parseTree(xml: string, skip?: ReadonlySet<string>): X[] {
  const root: X[] = []
  const stack: X[][] = [root]
  const parser = new SaxesParser({ xmlns: false, position: false })
  // Depth inside an element left out (0: not in one).
  let skipping = 0
  const text = (value: string) => {
    if (stack.length > 1 && value && !skipping) stack[stack.length - 1].push({ '#text': value })
  }
  parser.on('opentag', (tag) => {
    if (skipping || skip?.has(tag.name)) {
      skipping++
      return
    }
    const node: X = { [tag.name]: [] }
    const attributes = tag.attributes as Record<string, string>
    for (const _ in attributes) {
      node[':@'] = { ...attributes }
      break
    }
    stack[stack.length - 1].push(node)
    stack.push(node[tag.name] as X[])
  })
  parser.on('closetag', () => {
    if (skipping) skipping--
    else stack.pop()
  })
  parser.on('text', text)
  parser.on('cdata', text)
  parser.on('error', (err) => {
    throw err
  })
  parser.write(xml).close()
  return root
}

/** Parses one part of the package; a part that is not well-formed XML refuses the file, naming the part. */
function parse(xml: string, part: string): X[] {
  const problem = (): never => {
    throw new DocxRejected(`Het onderdeel ${part} van dit Word-bestand is geen geldige XML; het bestand is beschadigd. Vraag de afzender het opnieuw op te slaan.`)
  }
  let nodes: X[]
  const canonical = usesCanonicalPrefixes(xml)
  try {
    nodes = parseTree(xml, canonical ? UNREAD : undefined)
  } catch (err) {
    if (err instanceof DocxRejected) throw err
    return problem() // not well-formed: saxes checks as it reads
  }
  if (!canonical) canonicalizePrefixes(nodes)
  return nodes
}

// Elements are read by name, so the namespaces Paraaf reads get the prefixes
// Word uses. Any prefix is valid XML (Python's ElementTree writes ns0:, and a
// default namespace needs none); read by prefix alone, such a file imported
// as an empty document.
const CANONICAL_PREFIX: Record<string, string> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.microsoft.com/office/word/2010/wordml': 'w14',
  'http://schemas.microsoft.com/office/word/2012/wordml': 'w15',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://purl.oclc.org/ooxml/officeDocument/relationships': 'r',
}

/** Whether every namespace Paraaf reads is bound to its usual prefix, and no usual prefix to another namespace. */
function usesCanonicalPrefixes(xml: string): boolean {
  for (const m of xml.matchAll(/xmlns(?::([\w.-]+))?\s*=\s*["']([^"']*)["']/g)) {
    const [, prefix, uri] = m
    const wanted = CANONICAL_PREFIX[uri]
    if (wanted !== undefined ? prefix !== wanted : prefix !== undefined && Object.values(CANONICAL_PREFIX).includes(prefix)) return false
  }
  return true
}

/** Renames elements and attributes of the namespaces Paraaf reads to their usual prefixes, following each xmlns in scope. */
function canonicalizePrefixes(nodes: X[]): void {
  const work: { list: X[]; scope: Map<string, string> }[] = [{ list: nodes, scope: new Map() }]
  const rename = (name: string, scope: Map<string, string>, isAttribute: boolean): string => {
    const colon = name.indexOf(':')
    const prefix = colon < 0 ? '' : name.slice(0, colon)
    // An attribute without a prefix belongs to no namespace.
    if (isAttribute && !prefix) return name
    const wanted = CANONICAL_PREFIX[scope.get(prefix) ?? '']
    return wanted === undefined ? name : `${wanted}:${name.slice(colon + 1)}`
  }
  while (work.length) {
    const { list, scope } = work.pop()!
    for (const n of list) {
      const tag = tagOf(n)
      if (!tag || tag === '#text') continue
      const attrs = n[':@'] as Record<string, string> | undefined
      let inner = scope
      if (attrs) {
        for (const [key, value] of Object.entries(attrs)) {
          if (key === 'xmlns' || key.startsWith('xmlns:')) {
            if (inner === scope) inner = new Map(scope)
            inner.set(key === 'xmlns' ? '' : key.slice(6), value)
          }
        }
        const renamed: Record<string, string> = {}
        for (const [key, value] of Object.entries(attrs)) renamed[key.startsWith('xmlns') ? key : rename(key, inner, true)] = value
        n[':@'] = renamed
      }
      const name = rename(tag, inner, false)
      const children = n[tag] as X[]
      if (name !== tag) {
        delete n[tag]
        n[name] = children
      }
      if (Array.isArray(children) && children.length) work.push({ list: children, scope: inner })
    }
  }
}

// What one file may expand to. A footnote is copied at every reference and a
// comment mark onto every run it covers, so a small file can ask for
// gigabytes: the work is counted while the document is built, not only the
// bytes of the parts. The text limit is the one every saved version meets.
const MAX_CHARS = 8 * 1024 * 1024
const MAX_NODES = 1_000_000
const MAX_COMMENTS = 5_000
const MAX_REVISIONS_LISTED = 20_000
/** Word has nine list levels (0–8). */
const MAX_LIST_LEVEL = 8
/** Nested inline wrappers (hyperlinks, fields, content controls, revisions) followed this deep. */
const MAX_INLINE_DEPTH = 40

/** Counts work done for the file; past the limits the file is refused. */
function spend(ctx: Ctx, chars: number, nodes: number) {
  ctx.chars += chars
  ctx.nodes += nodes
  if (ctx.chars > MAX_CHARS || ctx.nodes > MAX_NODES) {
    throw new DocxRejected(`Dit Word-bestand is na uitpakken te groot (meer dan ${MAX_CHARS / 1024 / 1024} MB tekst of ${MAX_NODES.toLocaleString('nl-NL')} onderdelen). Splits het in kleinere documenten.`)
  }
}

type Side = 'both' | 'base' | 'proposal'
type Mark = { type: string; attrs?: Record<string, unknown> }

interface Numbering {
  /** numId → level → kind and start. */
  levels(numId: string, ilvl: number): { kind: 'bullet' | '.' | ')'; start: number }
  /**
   * Whether a paragraph numbered `next` continues the list of one numbered
   * `current`: the same num, or another num of the same abstract numbering
   * that does not restart the level (LibreOffice splits one list that way).
   */
  continues(current: string, next: string, ilvl: number): boolean
}

function readNumbering(xml: string | null): Numbering {
  const abstract = new Map<string, X[]>()
  const nums = new Map<string, string>()
  /** numId → levels it restarts (w:lvlOverride with w:startOverride). */
  const restarts = new Map<string, Set<number>>()
  if (xml) {
    const root = kids(find(parse(xml, 'word/numbering.xml'), 'w:numbering') ?? {})
    for (const a of findAll(root, 'w:abstractNum')) abstract.set(attr(a, 'w:abstractNumId') ?? '', findAll(kids(a), 'w:lvl'))
    for (const n of findAll(root, 'w:num')) {
      const numId = attr(n, 'w:numId') ?? ''
      nums.set(numId, attr(find(kids(n), 'w:abstractNumId') ?? {}, 'w:val') ?? '')
      const levels = findAll(kids(n), 'w:lvlOverride').filter((o) => find(kids(o), 'w:startOverride')).map((o) => Number(attr(o, 'w:ilvl') ?? 0))
      if (levels.length) restarts.set(numId, new Set(levels))
    }
  }
  return {
    continues(current, next, ilvl) {
      if (current === next) return true
      const a = nums.get(current)
      return a !== undefined && a === nums.get(next) && !restarts.get(next)?.has(ilvl)
    },
    levels(numId, ilvl) {
      const lvl = (abstract.get(nums.get(numId) ?? '') ?? []).find((l) => Number(attr(l, 'w:ilvl')) === ilvl)
      const fmt = attr(find(lvl ? kids(lvl) : [], 'w:numFmt') ?? {}, 'w:val') ?? 'bullet'
      const text = attr(find(lvl ? kids(lvl) : [], 'w:lvlText') ?? {}, 'w:val') ?? ''
      const start = Number(attr(find(lvl ? kids(lvl) : [], 'w:start') ?? {}, 'w:val') ?? 1)
      if (fmt === 'bullet' || fmt === 'none') return { kind: 'bullet', start: 1 }
      return { kind: text.trim().endsWith(')') ? ')' : '.', start: Number.isFinite(start) ? start : 1 }
    },
  }
}

interface Ctx {
  numbering: Numbering
  /** Each note on both sides, with what one copy of it costs. */
  footnotes: Map<string, { base: NodeJSON[]; proposal: NodeJSON[]; size: { chars: number; nodes: number } }>
  /** Word comment id → Paraaf comment id, for thread roots only. */
  commentIds: Map<string, string>
  active: Set<string>
  revisions: number
  authors: Set<string>
  /** The tracked changes one by one: who, when, what (text clipped). */
  revisionList: Revision[]
  /** Work done so far: characters and nodes produced (see spend). */
  chars: number
  nodes: number
  /** Endnotes (read as footnotes), and how many were referenced. */
  endnotes: Map<string, { base: NodeJSON[]; proposal: NodeJSON[]; size: { chars: number; nodes: number } }>
  endnotesUsed: number
  /** Text boxes met in the paragraph being read: their paragraphs follow it. */
  boxes: X[]
  boxesRead: number
  nestedTables: number
  /** The part's external relationships (r:id → address), for hyperlinks; and the link being read. */
  links: Map<string, string>
  href: string | null
  /** Open bookmarks that mark a Woo redaction ("Woo_5_1_2e_3"): bookmark id → ground. */
  woo: Map<string, string>
}

/** The ground a bookmark name carries ("Woo_5_1_2e_3" → "5.1.2e"), or null. */
function wooGround(name: string | undefined): string | null {
  const m = /^_?Woo_5_([12])_(\d)([a-i]?)_\d{1,9}$/.exec(name ?? '')
  if (!m) return null
  const ground = `5.${m[1]}.${m[2]}${m[3]}`
  return Object.prototype.hasOwnProperty.call(WOO_GROUNDS, ground) ? ground : null
}

interface Para {
  kind: 'p'
  style: string
  numId: string | null
  ilvl: number
  base: NodeJSON[]
  proposal: NodeJSON[]
  /** The paragraph mark itself was inserted or deleted. */
  markIns: boolean
  markDel: boolean
  /** The paragraph starts a new page (w:pageBreakBefore). */
  breakBefore?: boolean
}

interface Tbl {
  kind: 'table'
  /** `only`: a tracked row insertion (proposal only) or deletion (base only). */
  rows: { header: boolean; cells: { base: NodeJSON[][]; proposal: NodeJSON[][] }[]; only: 'base' | 'proposal' | null }[]
  letterhead: boolean
}

function runMarks(rPr: X | undefined): Mark[] {
  const props = rPr ? kids(rPr) : []
  const on = (tag: string) => {
    const el = find(props, tag)
    if (!el) return false
    const v = attr(el, 'w:val')
    return v === undefined || !['0', 'false', 'off', 'none'].includes(v)
  }
  const marks: Mark[] = []
  if (on('w:b')) marks.push({ type: 'strong' })
  if (on('w:i')) marks.push({ type: 'em' })
  if (on('w:u')) marks.push({ type: 'underline' })
  return marks
}

function pushText(out: NodeJSON[], text: string, marks: Mark[]) {
  if (!text) return
  const last = out[out.length - 1]
  if (last && last.type === 'text' && JSON.stringify(last.marks ?? []) === JSON.stringify(marks)) last.text += text
  else out.push(marks.length ? { type: 'text', text, marks } : { type: 'text', text })
}

/** Walks inline content, sending each piece to the base, the proposal or both. */
function walkInline(ctx: Ctx, nodes: X[], side: Side, into: { base: NodeJSON[]; proposal: NodeJSON[] }, depth = 0) {
  if (depth > MAX_INLINE_DEPTH) return
  const add = (fn: (list: NodeJSON[], which: 'base' | 'proposal') => void) => {
    if (side !== 'proposal') fn(into.base, 'base')
    if (side !== 'base') fn(into.proposal, 'proposal')
  }
  for (const n of nodes) {
    const tag = tagOf(n)
    switch (tag) {
      case 'w:r': {
        const rPr = find(kids(n), 'w:rPr')
        const change = rPr ? find(kids(rPr), 'w:rPrChange') : undefined
        if (change) {
          ctx.revisions++
          const who = attr(change, 'w:author')
          if (who) ctx.authors.add(who)
        }
        const link: Mark[] = ctx.href ? [{ type: 'link', attrs: { href: ctx.href } }] : []
        const woo = [...ctx.woo.values()]
        const redaction: Mark[] = woo.length ? [{ type: 'redaction', attrs: { ground: woo[woo.length - 1] } }] : []
        const newMarks = [...runMarks(rPr), ...link, ...redaction]
        const oldMarks = change ? [...runMarks(find(kids(change), 'w:rPr')), ...link, ...redaction] : newMarks
        spend(ctx, 0, ctx.active.size)
        const comments: Mark[] = [...ctx.active].map((id) => ({ type: 'comment', attrs: { id } }))
        for (const c of kids(n)) {
          const t = tagOf(c)
          if (t === 'w:t' || t === 'w:delText') {
            const text = textOf(c)
            add((list, which) => {
              spend(ctx, text.length, 1 + comments.length)
              pushText(list, text, [...(which === 'base' ? oldMarks : newMarks), ...comments])
            })
          }
          else if (t === 'w:tab') add((list, which) => pushText(list, '\t', [...(which === 'base' ? oldMarks : newMarks), ...comments]))
          else if (t === 'w:cr') add((list) => list.push({ type: 'hard_break', attrs: { soft: true } }))
          else if (t === 'w:br') {
            // A page break (Ctrl+Enter) is marked here; buildSide makes it a block between paragraphs.
            if (attr(c, 'w:type') === 'page') add((list) => { spend(ctx, 0, 1); list.push({ type: 'page_break' }) })
            else if (attr(c, 'w:type') !== 'column') add((list) => list.push({ type: 'hard_break' }))
          } else if (t === 'w:footnoteReference') {
            const note = ctx.footnotes.get(attr(c, 'w:id') ?? '')
            if (note) add((list, which) => {
              // Counted before it is copied: one note referenced thousands of times is refused, not built.
              spend(ctx, note.size.chars, note.size.nodes)
              list.push({ type: 'footnote', ...(note[which].length ? { content: structuredClone(note[which]) } : {}) })
            })
          } else if (t === 'w:endnoteReference') {
            // The schema has one kind of note: an endnote becomes a footnote where it is referenced.
            const note = ctx.endnotes.get(attr(c, 'w:id') ?? '')
            if (note) {
              ctx.endnotesUsed++
              add((list, which) => {
                spend(ctx, note.size.chars, note.size.nodes)
                list.push({ type: 'footnote', ...(note[which].length ? { content: structuredClone(note[which]) } : {}) })
              })
            }
          } else if (t === 'w:noBreakHyphen') add((list, which) => pushText(list, '\u2011', which === 'base' ? oldMarks : newMarks))
          else if (t === 'w:drawing' || t === 'w:pict' || t === 'mc:AlternateContent') collectTextBoxes(ctx, c)
        }
        break
      }
      case 'mc:AlternateContent':
        collectTextBoxes(ctx, n)
        break
      case 'w:ins':
      case 'w:moveTo':
      case 'w:del':
      case 'w:moveFrom': {
        ctx.revisions++
        const who = attr(n, 'w:author')
        if (who) ctx.authors.add(who)
        const inserted = tag === 'w:ins' || tag === 'w:moveTo'
        // Who made which change, to credit each proposal (bounded: a hostile file may hold millions).
        if (ctx.revisionList.length < MAX_REVISIONS_LISTED) {
          const text = findAll(kids(n), 'w:r').flatMap((r) => kids(r).filter((c) => tagOf(c) === 'w:t' || tagOf(c) === 'w:delText').map(textOf)).join('')
          ctx.revisionList.push({ kind: inserted ? 'ins' : 'del', author: (who ?? '').slice(0, 100), date: validDateOrEmpty(attr(n, 'w:date')), text: text.slice(0, 500) })
        }
        // An insertion a second reviewer deleted again (w:ins around w:del) is in neither text.
        if ((side === 'proposal' && !inserted) || (side === 'base' && inserted)) break
        walkInline(ctx, kids(n), side === 'both' ? (inserted ? 'proposal' : 'base') : side, into, depth + 1)
        break
      }
      case 'w:commentRangeStart': {
        const id = ctx.commentIds.get(attr(n, 'w:id') ?? '')
        if (id) ctx.active.add(id)
        break
      }
      case 'w:commentRangeEnd': {
        const id = ctx.commentIds.get(attr(n, 'w:id') ?? '')
        if (id) ctx.active.delete(id)
        break
      }
      case 'w:bookmarkStart': {
        const ground = wooGround(attr(n, 'w:name'))
        if (ground && ctx.woo.size < 1000) ctx.woo.set(attr(n, 'w:id') ?? '', ground)
        break
      }
      case 'w:bookmarkEnd':
        ctx.woo.delete(attr(n, 'w:id') ?? '')
        break
      case 'w:hyperlink': {
        // A web or mail address (its relationship) becomes a link; an anchor inside the document stays text.
        const target = ctx.links.get(attr(n, 'r:id') ?? '')
        const outer = ctx.href
        if (!outer && isSafeHref(target)) ctx.href = target
        walkInline(ctx, kids(n), side, into, depth + 1)
        ctx.href = outer
        break
      }
      case 'w:smartTag':
      case 'w:fldSimple':
      case 'w:sdt':
      case 'w:sdtContent':
      case 'w:customXml':
        walkInline(ctx, tag === 'w:sdt' ? kids(find(kids(n), 'w:sdtContent') ?? {}) : kids(n), side, into, depth + 1)
        break
      default:
        break
    }
  }
}

function readParagraph(ctx: Ctx, p: X): Para {
  const pPr = find(kids(p), 'w:pPr')
  const props = pPr ? kids(pPr) : []
  const style = attr(find(props, 'w:pStyle') ?? {}, 'w:val') ?? ''
  const numPr = find(props, 'w:numPr')
  const numId = numPr ? attr(find(kids(numPr), 'w:numId') ?? {}, 'w:val') ?? null : null
  // A level outside Word's 0–8 (a hostile 2,000,000,000 once built a sparse array for minutes) is clamped.
  const rawLevel = numPr ? Number(attr(find(kids(numPr), 'w:ilvl') ?? {}, 'w:val') ?? 0) : 0
  const ilvl = Number.isInteger(rawLevel) ? Math.min(MAX_LIST_LEVEL, Math.max(0, rawLevel)) : 0
  const markProps = kids(find(props, 'w:rPr') ?? {})
  const into = { base: [] as NodeJSON[], proposal: [] as NodeJSON[] }
  walkInline(ctx, kids(p), 'both', into)
  const trim = (list: NodeJSON[]) => {
    while (list.length && list[list.length - 1].type === 'hard_break') list.pop()
    return list
  }
  const breakBefore = find(props, 'w:pageBreakBefore')
  return {
    kind: 'p', style, numId: numId === '0' ? null : numId, ilvl, base: trim(into.base), proposal: trim(into.proposal),
    markIns: !!find(markProps, 'w:ins'), markDel: !!find(markProps, 'w:del'),
    breakBefore: !!breakBefore && !['0', 'false', 'off'].includes(attr(breakBefore, 'w:val') ?? ''),
  }
}

/** Children of an element, looking through content controls and custom XML (a cell, row or paragraph may be wrapped in either). */
function unwrapped(list: X[], depth = 0): X[] {
  if (depth > MAX_INLINE_DEPTH) return []
  return list.flatMap((n) => {
    const tag = tagOf(n)
    if (tag === 'w:sdt') return unwrapped(kids(find(kids(n), 'w:sdtContent') ?? {}), depth + 1)
    if (tag === 'w:customXml') return unwrapped(kids(n), depth + 1)
    return [n]
  })
}

function readTable(ctx: Ctx, tbl: X, depth = 0): Tbl {
  let letterhead = true
  const rows = unwrapped(kids(tbl)).filter((n) => tagOf(n) === 'w:tr').map((tr) => {
    const trPr = kids(find(kids(tr), 'w:trPr') ?? {})
    // An OOXML on/off property: present means on unless w:val says "off", "false" or "0".
    const tblHeader = find(trPr, 'w:tblHeader')
    const header = !!tblHeader && !['0', 'false', 'off'].includes(attr(tblHeader, 'w:val') ?? 'on')
    // A row the partner inserted is not in the base; one they deleted not in the proposal.
    const only = find(trPr, 'w:ins') ? 'proposal' as const : find(trPr, 'w:del') ? 'base' as const : null
    if (only) ctx.revisions++
    const cells = unwrapped(kids(tr)).filter((n) => tagOf(n) === 'w:tc').map((tc) => {
      const cell = { base: [] as NodeJSON[][], proposal: [] as NodeJSON[][] }
      for (const item of readBlocks(ctx, kids(tc), depth)) {
        if (item.kind === 'p') {
          if (!isLetterhead(item.style)) letterhead = false
          cell.base.push(item.base)
          cell.proposal.push(item.proposal)
          continue
        }
        // A cell holds paragraphs only: a table nested in it becomes one paragraph per row, its cells joined by " | ".
        letterhead = false
        ctx.nestedTables++
        for (const row of item.rows) {
          for (const which of ['base', 'proposal'] as const) {
            const line: NodeJSON[] = []
            row.cells.forEach((c, k) => {
              if (k > 0) pushText(line, ' | ', [])
              c[which].forEach((para, j) => {
                if (j > 0) pushText(line, ' ', [])
                line.push(...para)
              })
            })
            cell[which].push(line)
          }
        }
      }
      return cell
    })
    return { header, cells, only }
  })
  return { kind: 'table', rows, letterhead }
}

/**
 * Paragraphs and tables in order, as a body or a cell holds them: content
 * controls looked through, and the paragraphs of text boxes met in a
 * paragraph placed after it (as text where the box stands).
 */
function readBlocks(ctx: Ctx, nodes: X[], depth = 0): (Para | Tbl)[] {
  const out: (Para | Tbl)[] = []
  if (depth > MAX_INLINE_DEPTH) return out
  for (const n of unwrapped(nodes)) {
    const tag = tagOf(n)
    if (tag === 'w:p') {
      out.push(readParagraph(ctx, n))
      const boxes = ctx.boxes.splice(0)
      for (const box of boxes) out.push(...readBlocks(ctx, kids(box), depth + 1))
    } else if (tag === 'w:tbl') out.push(readTable(ctx, n, depth + 1))
  }
  return out
}

/** The text boxes inside a drawing (one choice of an mc:AlternateContent: its fallback is the same box again). */
function collectTextBoxes(ctx: Ctx, node: X): void {
  const work: { n: X; depth: number }[] = [{ n: node, depth: 0 }]
  while (work.length) {
    const { n, depth } = work.pop()!
    const tag = tagOf(n)
    if (tag === '#text' || tag === 'mc:Fallback' || depth > 64) continue
    if (tag === 'w:txbxContent') {
      ctx.boxes.push(n)
      ctx.boxesRead++
      continue
    }
    if (tag === 'mc:AlternateContent') {
      const choice = find(kids(n), 'mc:Choice') ?? find(kids(n), 'mc:Fallback')
      if (choice) for (const c of kids(choice)) work.push({ n: c, depth: depth + 1 })
      continue
    }
    for (const c of kids(n)) work.push({ n: c, depth: depth + 1 })
  }
}

const headingLevel = (style: string): 1 | 2 | null => {
  const m = /^(?:heading|kop)\s*(\d)$/i.exec(style.replace(/\s+/g, ' ').trim())
  if (!m) return /^(title|titel)$/i.test(style) ? 1 : null
  return Number(m[1]) <= 1 ? 1 : 2
}

/** Builds the blocks of one side from paragraphs and tables in order. */
function buildSide(ctx: Ctx, items: (Para | Tbl)[], which: 'base' | 'proposal'): NodeJSON[] {
  const out: NodeJSON[] = []
  // Open lists, one per level: [list node, numId].
  let stack: { list: NodeJSON; numId: string; holder?: boolean }[] = []
  for (const item of items) {
    if (item.kind === 'table') {
      stack = []
      const rows = item.rows.filter((row) => !row.only || row.only === which)
      // A table inserted or deleted whole (every row tracked) is not there at all on the other side.
      if (!rows.some((row) => row.cells.length)) continue
      out.push({
        type: 'table',
        content: rows.map((row) => ({
          type: 'table_row',
          content: row.cells.map((cell) => ({
            type: row.header ? 'table_header' : 'table_cell',
            attrs: { colspan: 1, rowspan: 1, colwidth: null, align: null },
            content: (cell[which].length ? cell[which] : [[]]).map(withoutPageBreaks).map((inline) => (inline.length ? { type: 'paragraph', content: inline } : { type: 'paragraph' })),
          })),
        })).filter((r) => r.content.length),
      })
      continue
    }
    // A paragraph the partner inserted is not in the base; one they deleted is not in the proposal.
    if (which === 'base' && item.markIns && !item.base.length) continue
    if (which === 'proposal' && item.markDel && !item.proposal.length) continue
    const level = headingLevel(item.style)
    if (!item.numId && (item.breakBefore || item[which].some((n) => n.type === 'page_break'))) {
      // Page breaks between top-level paragraphs: the text around each break stays, as paragraphs of its own.
      stack = []
      if (item.breakBefore && out.length && out[out.length - 1].type !== 'page_break') out.push({ type: 'page_break' })
      const pieces: NodeJSON[][] = [[]]
      for (const n of item[which]) {
        if (n.type === 'page_break') pieces.push([])
        else pieces[pieces.length - 1].push(n)
      }
      pieces.forEach((piece, k) => {
        if (k > 0 && out.length && out[out.length - 1].type !== 'page_break') out.push({ type: 'page_break' })
        const content = trimBreaks(piece)
        if (content.length) out.push(level ? { type: 'heading', attrs: { level }, content } : { type: 'paragraph', content })
      })
      continue
    }
    const inline = withoutPageBreaks(item[which])
    const paragraph: NodeJSON = inline.length ? { type: 'paragraph', content: inline } : { type: 'paragraph' }
    if (item.numId) {
      const { kind, start } = ctx.numbering.levels(item.numId, item.ilvl)
      stack = stack.slice(0, item.ilvl + 1)
      const top = stack[item.ilvl]
      const fresh = (): NodeJSON => (kind === 'bullet' ? { type: 'bullet_list', content: [] } : { type: 'ordered_list', attrs: { start, delimiter: kind }, content: [] })
      let list: NodeJSON
      if (top && ctx.numbering.continues(top.numId, item.numId, item.ilvl)) list = top.list
      else {
        list = fresh()
        // A nested list whose parent item holds nothing but it ("- 1) …"): the
        // parents have no paragraph of their own, so rebuild them from the
        // kinds the numbering gives its shallower levels.
        for (let level = 0; level < item.ilvl; level++) {
          const parent = stack[level]
          if (parent && !(parent.holder && level === item.ilvl - 1)) continue
          const made = parent?.list ?? listOfKind(ctx.numbering.levels(item.numId, level))
          made.content!.push({ type: 'list_item', content: [] })
          if (!parent) {
            if (level === 0) out.push(made)
            else stack[level - 1].list.content!.at(-1)!.content!.push(made)
            stack[level] = { list: made, numId: item.numId, holder: true }
          }
        }
        if (item.ilvl === 0) out.push(list)
        else stack[item.ilvl - 1].list.content!.at(-1)!.content!.push(list)
        stack[item.ilvl] = { list, numId: item.numId }
        stack = stack.slice(0, item.ilvl + 1)
      }
      list.content!.push({ type: 'list_item', content: [paragraph] })
      continue
    }
    stack = []
    out.push(level ? { type: 'heading', attrs: { level }, ...(inline.length ? { content: inline } : {}) } : paragraph)
  }
  // A document never starts with a page break (nothing to break from) nor ends with one.
  while (out[0]?.type === 'page_break') out.shift()
  while (out.at(-1)?.type === 'page_break') out.pop()
  return out.length ? out : [{ type: 'paragraph' }]
}

/** Inline content with page-break markers left out (in lists, tables and notes a break cannot stand). */
const withoutPageBreaks = (inline: NodeJSON[]) => (inline.some((n) => n.type === 'page_break') ? inline.filter((n) => n.type !== 'page_break') : inline)

/** Line breaks at the edges of a piece cut at a page break go. */
function trimBreaks(inline: NodeJSON[]): NodeJSON[] {
  let from = 0
  let to = inline.length
  while (from < to && inline[from].type === 'hard_break') from++
  while (to > from && inline[to - 1].type === 'hard_break') to--
  return inline.slice(from, to)
}

function listOfKind({ kind, start }: { kind: 'bullet' | '.' | ')'; start: number }): NodeJSON {
  return kind === 'bullet' ? { type: 'bullet_list', content: [] } : { type: 'ordered_list', attrs: { start, delimiter: kind }, content: [] }
}

/** External relationships of a part (hyperlink targets), at most 10,000. */
function readExternalLinks(xml: string | null): Map<string, string> {
  const links = new Map<string, string>()
  if (!xml) return links
  for (const rel of findAll(kids(find(parse(xml, 'relationships'), 'Relationships') ?? {}), 'Relationship').slice(0, 10_000)) {
    const id = attr(rel, 'Id')
    const target = attr(rel, 'Target')
    if (id && target && attr(rel, 'TargetMode') === 'External' && /\/hyperlink$/.test(attr(rel, 'Type') ?? '')) links.set(id, target)
  }
  return links
}

function readFootnotes(ctx: Ctx, xml: string | null, kind: 'footnote' | 'endnote' = 'footnote') {
  if (!xml) return
  const notes = kind === 'footnote' ? ctx.footnotes : ctx.endnotes
  for (const note of findAll(kids(find(parse(xml, `word/${kind}s.xml`), `w:${kind}s`) ?? {}), `w:${kind}`)) {
    const type = attr(note, 'w:type')
    if (type === 'separator' || type === 'continuationSeparator') continue
    const into = { base: [] as NodeJSON[], proposal: [] as NodeJSON[] }
    findAll(kids(note), 'w:p').forEach((p, i) => {
      if (i > 0) {
        pushText(into.base, ' ', [])
        pushText(into.proposal, ' ', [])
      }
      walkInline(ctx, kids(p), 'both', into)
    })
    // Footnotes hold only marked text: no breaks, no notes in notes, no comments.
    const clean = (list: NodeJSON[]) => {
      const out: NodeJSON[] = []
      for (const n of list) if (n.type === 'text') pushText(out, n.text!, (n.marks ?? []).filter((m) => m.type !== 'comment'))
      if (out.length) {
        out[0].text = out[0].text!.replace(/^\s+/, '')
        if (!out[0].text) out.shift()
      }
      return out
    }
    const base = clean(into.base)
    const proposal = clean(into.proposal)
    const size = { chars: 0, nodes: 1 }
    for (const n of [...base, ...proposal]) {
      size.chars += n.text?.length ?? 0
      size.nodes += 1 + (n.marks?.length ?? 0)
    }
    notes.set(attr(note, 'w:id') ?? '', { base, proposal, size })
  }
}

interface WordComment { id: string; author: string; date: string; text: string; paraId: string | null }

function readComments(commentsXml: string | null, extendedXml: string | null): { list: WordComment[]; parentOf: Map<string, string>; done: Set<string> } {
  const list: WordComment[] = []
  if (commentsXml) {
    const all = findAll(kids(find(parse(commentsXml, 'word/comments.xml'), 'w:comments') ?? {}), 'w:comment')
    if (all.length > MAX_COMMENTS) throw new DocxRejected(`Dit Word-bestand heeft te veel opmerkingen (${all.length.toLocaleString('nl-NL')}; Paraaf leest er tot ${MAX_COMMENTS.toLocaleString('nl-NL')}).`)
    for (const c of all) {
      const paras = findAll(kids(c), 'w:p')
      const last = paras[paras.length - 1]
      list.push({
        id: attr(c, 'w:id') ?? '', author: attr(c, 'w:author') ?? 'Onbekend', date: attr(c, 'w:date') ?? '',
        text: paras.map((p) => runText(p).trim()).filter(Boolean).join('\n'), paraId: last ? attr(last, 'w14:paraId') ?? null : null,
      })
    }
  }
  const parentOf = new Map<string, string>()
  const done = new Set<string>()
  if (extendedXml) {
    for (const e of findAll(kids(find(parse(extendedXml, 'word/commentsExtended.xml'), 'w15:commentsEx') ?? {}), 'w15:commentEx')) {
      const paraId = attr(e, 'w15:paraId') ?? ''
      const parent = attr(e, 'w15:paraIdParent')
      if (parent) parentOf.set(paraId, parent)
      if (attr(e, 'w15:done') === '1') done.add(paraId)
    }
  }
  return { list, parentOf, done }
}

/**
 * Each reply's thread (Word comment id → the id of the thread's first
 * comment). Word says so in commentsExtended.xml; a file without it (as
 * LibreOffice writes one) anchors a reply on exactly the range of the comment
 * it answers, so comments with the same range form one thread, the first
 * in the file leading.
 */
function commentParents(comments: { list: WordComment[]; parentOf: Map<string, string> }, body: X[]): Map<string, string> {
  const out = new Map<string, string>()
  if (comments.parentOf.size) {
    const byPara = new Map(comments.list.flatMap((c) => (c.paraId ? [[c.paraId, c.id] as const] : [])))
    for (const c of comments.list) {
      // Follow a reply to a reply back to its thread (bounded: a hostile file may loop).
      let para = c.paraId
      let root: string | undefined
      for (let hops = 0; para && comments.parentOf.has(para) && hops < 100; hops++) {
        para = comments.parentOf.get(para)!
        root = byPara.get(para)
      }
      if (root !== undefined && root !== c.id) out.set(c.id, root)
    }
    return out
  }
  if (comments.list.length < 2) return out
  // Where each range starts and ends, counted in text elements.
  const start = new Map<string, number>()
  const end = new Map<string, number>()
  let at = 0
  const work: X[] = [...body].reverse()
  while (work.length) {
    const n = work.pop()!
    const tag = tagOf(n)
    if (tag === 'w:t' || tag === 'w:delText') at++
    else if (tag === 'w:commentRangeStart') start.set(attr(n, 'w:id') ?? '', at)
    else if (tag === 'w:commentRangeEnd') end.set(attr(n, 'w:id') ?? '', at)
    else if (tag !== '#text') for (let k = kids(n).length - 1; k >= 0; k--) work.push(kids(n)[k])
  }
  const first = new Map<string, string>()
  for (const c of comments.list) {
    if (!start.has(c.id) || !end.has(c.id)) continue
    const range = `${start.get(c.id)}:${end.get(c.id)}`
    const leader = first.get(range)
    if (leader === undefined) first.set(range, c.id)
    else out.set(c.id, leader)
  }
  return out
}

/** "K. Kas (DFEZ)" → author and organisation, as Paraaf writes them. */
function splitAuthor(name: string): { author: string; org: string } {
  const m = /^(.*?)\s*\(([^()]{1,100})\)\s*$/.exec(name)
  return m ? { author: m[1] || name, org: m[2] } : { author: name, org: '' }
}

function readCustomProperties(xml: string | null): Map<string, string> {
  const out = new Map<string, string>()
  if (!xml) return out
  for (const p of findAll(kids(find(parse(xml, 'docProps/custom.xml'), 'Properties') ?? {}), 'property')) out.set(attr(p, 'name') ?? '', textOf(p))
  return out
}

/** Letterhead fields a Word file carries in its header or first lines: Ons kenmerk, Datum, Onderwerp/Betreft. */
function guessMeta(lines: string[]): { meta: DocumentMeta; used: Set<number> } {
  const meta: DocumentMeta = {}
  const used = new Set<number>()
  const grab = (key: string, labels: RegExp, parseValue: (v: string) => string | null = (v) => v) => {
    for (let i = 0; i < lines.length; i++) {
      const m = labels.exec(lines[i])
      if (!m) continue
      const inline = lines[i].slice(m[0].length).trim()
      const value = inline || (lines[i + 1] ?? '').trim()
      const parsed = value ? parseValue(value) : null
      if (parsed) {
        meta[key] = parsed
        used.add(i)
        if (!inline) used.add(i + 1)
        return
      }
    }
  }
  grab('kenmerk', /^(?:ons\s+)?kenmerk\b:?/i)
  grab('datum', /^datum\b:?/i, (v) => parseDutchDate(v))
  grab('onderwerp', /^(?:onderwerp|betreft)\b:?/i)
  return { meta, used }
}

/** Reads a .docx; throws DocxRejected (with a Dutch message) for files it will not read. */
export async function importDocx(bytes: Uint8Array, options: { newId: () => string }): Promise<ImportedDocx> {
  const pkg = await openDocx(bytes)
  const documentXml = (await pkg.part('word/document.xml'))!
  const [numberingXml, footnotesXml, endnotesXml, commentsXml, extendedXml, customXml] = await Promise.all([
    pkg.part('word/numbering.xml'), pkg.part('word/footnotes.xml'), pkg.part('word/endnotes.xml'), pkg.part('word/comments.xml'), pkg.part('word/commentsExtended.xml'), pkg.part('docProps/custom.xml'),
  ])
  const comments = readComments(commentsXml, extendedXml)
  const body = kids(find(kids(find(parse(documentXml, 'word/document.xml'), 'w:document') ?? {}), 'w:body') ?? {})
  const parentOf = commentParents(comments, body)
  const rootIds = new Map<string, string>()
  for (const c of comments.list) if (!parentOf.has(c.id)) rootIds.set(c.id, options.newId())
  const ctx: Ctx = {
    numbering: readNumbering(numberingXml), footnotes: new Map(), commentIds: rootIds, active: new Set(), revisions: 0, authors: new Set(), revisionList: [], chars: 0, nodes: 0,
    endnotes: new Map(), endnotesUsed: 0, boxes: [], boxesRead: 0, nestedTables: 0, links: new Map(), href: null, woo: new Map(),
  }
  // Each part has its own relationships: the notes' links are read with theirs.
  ctx.links = readExternalLinks(await pkg.part('word/_rels/footnotes.xml.rels'))
  readFootnotes(ctx, footnotesXml)
  ctx.links = readExternalLinks(await pkg.part('word/_rels/endnotes.xml.rels'))
  readFootnotes(ctx, endnotesXml, 'endnote')
  ctx.links = readExternalLinks(await pkg.part('word/_rels/document.xml.rels'))

  const items = readBlocks(ctx, body)

  // Metadata: exactly, from a Paraaf export; else guessed from headers and the first lines.
  const custom = readCustomProperties(customXml)
  const round = readRoundStamp(custom.get(ROUND_PROPERTY))
  const version = readVersionStamp(custom.get(VERSION_PROPERTY))
  let meta: DocumentMeta = {}
  let type: string | null = custom.get(TYPE_PROPERTY) ?? null
  const stored = custom.get(META_PROPERTY)
  if (stored) {
    try {
      const parsed = JSON.parse(stored) as unknown
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
        for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
          if (typeof v === 'string') meta[k] = v
          else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) meta[k] = v as string[]
        }
      }
    } catch {
      meta = {}
    }
  }
  let bodyItems = items.filter((i) => (i.kind === 'table' ? !i.letterhead : !isLetterhead(i.style)))
  if (!stored) {
    const headerNames = pkg.names.filter((n) => /^word\/header\d*\.xml$/.test(n))
    const headerLines: string[] = []
    for (const name of headerNames) {
      const xml = await pkg.part(name)
      if (xml) for (const p of findAll(collectParagraphs(parse(xml, name)), 'w:p')) headerLines.push(runText(p).trim())
    }
    // In the body, letterhead fields only stand above the salutation ("Geachte …"):
    // a paragraph further on that starts with "Datum" is text, and stays.
    const firstLines = bodyItems.slice(0, 20).map((i) => (i.kind === 'p' ? i.proposal.map((n) => n.text ?? '').join('').replace(/\t/g, ' ').trim() : ''))
    const salutation = firstLines.findIndex((line) => /^(?:zeer\s+|hoog)?geachte\b|^beste\b/i.test(line))
    const fromHeader = guessMeta(headerLines.filter(Boolean))
    const fromBody = guessMeta(salutation > 0 ? firstLines.slice(0, salutation) : [])
    meta = { ...fromHeader.meta, ...fromBody.meta }
    // Lines above the salutation that were letterhead fields leave the body.
    bodyItems = bodyItems.filter((_, i) => !fromBody.used.has(i))
  }

  const threads: CommentThreadData[] = []
  // Replies grouped by their thread once: a lookup per thread over all comments was quadratic.
  const repliesOf = new Map<string, WordComment[]>()
  for (const r of comments.list) {
    const parent = parentOf.get(r.id)
    if (parent) repliesOf.set(parent, [...(repliesOf.get(parent) ?? []), r])
  }
  for (const c of comments.list) {
    const id = rootIds.get(c.id)
    if (!id) continue
    const who = splitAuthor(c.author)
    threads.push({
      id, author: who.author, org: who.org, createdAt: validDate(c.date), text: c.text || '(leeg)', resolved: !!c.paraId && comments.done.has(c.paraId),
      // In the order they were written (a re-saved file may list them otherwise).
      replies: [...(repliesOf.get(c.id) ?? [])].sort((x, y) => validDate(x.date).localeCompare(validDate(y.date))).map((r) => {
        const rw = splitAuthor(r.author)
        return { author: rw.author, org: rw.org, createdAt: validDate(r.date), text: r.text || '(leeg)' }
      }),
    })
  }

  const notices: string[] = []
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`
  if (ctx.endnotesUsed) notices.push(`${count(ctx.endnotesUsed, 'eindnoot', 'eindnoten')} als ${ctx.endnotesUsed === 1 ? 'voetnoot' : 'voetnoten'} overgenomen.`)
  if (ctx.nestedTables) notices.push(`${count(ctx.nestedTables, 'geneste tabel', 'geneste tabellen')} als tekst overgenomen.`)
  if (ctx.boxesRead) notices.push(`${count(ctx.boxesRead, 'tekstvak', 'tekstvakken')} als gewone tekst overgenomen.`)
  return {
    type, meta, notices,
    base: { type: 'doc', content: buildSide(ctx, bodyItems, 'base') },
    proposal: { type: 'doc', content: buildSide(ctx, bodyItems, 'proposal') },
    threads, revisionAuthors: [...ctx.authors], revisions: ctx.revisions, revisionList: ctx.revisionList, round, version,
  }
}

/** A version stamp read back, trusted only when every field has the right shape. */
function readVersionStamp(text: string | undefined): VersionStamp | null {
  if (!text) return null
  try {
    const v = JSON.parse(text) as Record<string, unknown>
    const id = (x: unknown) => typeof x === 'number' && Number.isSafeInteger(x) && x > 0
    if (!v || !id(v.document) || !id(v.version) || typeof v.fingerprint !== 'string' || !/^[0-9a-f]{64}$/.test(v.fingerprint)) return null
    return { document: v.document as number, version: v.version as number, fingerprint: v.fingerprint }
  } catch {
    return null
  }
}

/** A round stamp read back, trusted only when every field has the right shape. */
function readRoundStamp(text: string | undefined): RoundStamp | null {
  if (!text) return null
  try {
    const v = JSON.parse(text) as Record<string, unknown>
    const id = (x: unknown) => typeof x === 'number' && Number.isSafeInteger(x) && x > 0
    if (!v || !id(v.document) || !id(v.version) || !id(v.round) || typeof v.org !== 'string' || v.org.length > 100) return null
    return { document: v.document as number, version: v.version as number, round: v.round as number, org: v.org }
  } catch {
    return null
  }
}

/** The text a paragraph shows: its runs' text, tabs and breaks, not the whitespace between the elements of pretty-printed XML. */
function runText(p: X): string {
  let out = ''
  const work: X[] = [p]
  while (work.length) {
    const n = work.pop()!
    const tag = tagOf(n)
    if (tag === 'w:t' || tag === 'w:delText') out += textOf(n)
    else if (tag === 'w:tab') out += '\t'
    else if (tag === 'w:br' || tag === 'w:cr') out += '\n'
    else if (tag !== '#text') for (const c of [...kids(n)].reverse()) work.push(c)
  }
  return out
}

function collectParagraphs(nodes: X[]): X[] {
  const out: X[] = []
  const walk = (list: X[]) => {
    for (const n of list) {
      if (tagOf(n) === 'w:p') out.push(n)
      else if (tagOf(n) !== '#text') walk(kids(n))
    }
  }
  walk(nodes)
  return out
}

function validDateOrEmpty(value: string | undefined): string {
  if (!value) return ''
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? '' : d.toISOString()
}

function validDate(value: string): string {
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? new Date().toISOString() : d.toISOString()
}
