// A .docx back into a Paraaf document: text with its structure (Word heading
// styles, numbering, tables, footnotes, bold/italic/underline, line breaks),
// a partner's tracked changes, and the comments with their replies.
//
// Tracked changes give two documents: the partner's base (every change
// rejected) and the partner's proposal (every change accepted). Written as
// two versions, compare's accept/reject then lets the drafter take over the
// proposals one by one. Comments anchor on the proposal's text.
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import type { CommentThreadData, DocJSON, DocumentMeta } from '../core/document.js'
import { parseDutchDate } from '../core/dates.js'
import type { NodeJSON } from '../core/diff/types.js'
import { DocxRejected, openDocx } from './safe-zip.js'
import { LETTERHEAD_SMALL_STYLE, LETTERHEAD_STYLE, META_PROPERTY, ROUND_PROPERTY, TYPE_PROPERTY, type RoundStamp } from './export-docx.js'

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
  /** Each tracked insertion or deletion with its author and date (at most 20,000). */
  revisionList: Revision[]
}

/** One tracked change as Word recorded it. */
export interface Revision { kind: 'ins' | 'del'; author: string; date: string; text: string }

type X = Record<string, unknown>
const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, trimValues: false, processEntities: true, htmlEntities: false })

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

/** Parses one part of the package; a part that is not well-formed XML refuses the file, naming the part. */
function parse(xml: string, part: string): X[] {
  const problem = (): never => {
    throw new DocxRejected(`Het onderdeel ${part} van dit Word-bestand is geen geldige XML; het bestand is beschadigd. Vraag de afzender het opnieuw op te slaan.`)
  }
  try {
    if (XMLValidator.validate(xml) !== true) problem()
    return parser.parse(xml) as X[]
  } catch (err) {
    if (err instanceof DocxRejected) throw err
    return problem() // the parser's own failure, e.g. nesting too deep for the stack
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
}

interface Tbl {
  kind: 'table'
  rows: { header: boolean; cells: { base: NodeJSON[][]; proposal: NodeJSON[][] }[] }[]
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
        const newMarks = runMarks(rPr)
        const oldMarks = change ? runMarks(find(kids(change), 'w:rPr')) : newMarks
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
            if (attr(c, 'w:type') !== 'page') add((list) => list.push({ type: 'hard_break' }))
          } else if (t === 'w:footnoteReference') {
            const note = ctx.footnotes.get(attr(c, 'w:id') ?? '')
            if (note) add((list, which) => {
              // Counted before it is copied: one note referenced thousands of times is refused, not built.
              spend(ctx, note.size.chars, note.size.nodes)
              list.push({ type: 'footnote', ...(note[which].length ? { content: structuredClone(note[which]) } : {}) })
            })
          } else if (t === 'w:noBreakHyphen') add((list, which) => pushText(list, '\u2011', which === 'base' ? oldMarks : newMarks))
        }
        break
      }
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
        // Nested changes (an insertion deleted again) count for the outer one.
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
      case 'w:hyperlink':
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
  return {
    kind: 'p', style, numId: numId === '0' ? null : numId, ilvl, base: trim(into.base), proposal: trim(into.proposal),
    markIns: !!find(markProps, 'w:ins'), markDel: !!find(markProps, 'w:del'),
  }
}

function readTable(ctx: Ctx, tbl: X): Tbl {
  let letterhead = true
  const rows = findAll(kids(tbl), 'w:tr').map((tr) => {
    // An OOXML on/off property: present means on unless w:val says "off", "false" or "0".
    const tblHeader = find(kids(find(kids(tr), 'w:trPr') ?? {}), 'w:tblHeader')
    const header = !!tblHeader && !['0', 'false', 'off'].includes(attr(tblHeader, 'w:val') ?? 'on')
    const cells = findAll(kids(tr), 'w:tc').map((tc) => {
      const paras = findAll(kids(tc), 'w:p').map((p) => readParagraph(ctx, p))
      if (paras.some((p) => !isLetterhead(p.style))) letterhead = false
      return { base: paras.map((p) => p.base), proposal: paras.map((p) => p.proposal) }
    })
    return { header, cells }
  })
  return { kind: 'table', rows, letterhead }
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
      out.push({
        type: 'table',
        content: item.rows.map((row) => ({
          type: 'table_row',
          content: row.cells.map((cell) => ({
            type: row.header ? 'table_header' : 'table_cell',
            attrs: { colspan: 1, rowspan: 1, colwidth: null, align: null },
            content: (cell[which].length ? cell[which] : [[]]).map((inline) => (inline.length ? { type: 'paragraph', content: inline } : { type: 'paragraph' })),
          })),
        })).filter((r) => r.content.length),
      })
      continue
    }
    const inline = item[which]
    // A paragraph the partner inserted is not in the base; one they deleted is not in the proposal.
    if (which === 'base' && item.markIns && !item.base.length) continue
    if (which === 'proposal' && item.markDel && !item.proposal.length) continue
    const paragraph: NodeJSON = inline.length ? { type: 'paragraph', content: inline } : { type: 'paragraph' }
    const level = headingLevel(item.style)
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
  return out.length ? out : [{ type: 'paragraph' }]
}

function listOfKind({ kind, start }: { kind: 'bullet' | '.' | ')'; start: number }): NodeJSON {
  return kind === 'bullet' ? { type: 'bullet_list', content: [] } : { type: 'ordered_list', attrs: { start, delimiter: kind }, content: [] }
}

function readFootnotes(ctx: Ctx, xml: string | null) {
  if (!xml) return
  for (const note of findAll(kids(find(parse(xml, 'word/footnotes.xml'), 'w:footnotes') ?? {}), 'w:footnote')) {
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
    ctx.footnotes.set(attr(note, 'w:id') ?? '', { base, proposal, size })
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
        text: paras.map((p) => textOf(p).trim()).filter(Boolean).join('\n'), paraId: last ? attr(last, 'w14:paraId') ?? null : null,
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
  const [numberingXml, footnotesXml, commentsXml, extendedXml, customXml] = await Promise.all([
    pkg.part('word/numbering.xml'), pkg.part('word/footnotes.xml'), pkg.part('word/comments.xml'), pkg.part('word/commentsExtended.xml'), pkg.part('docProps/custom.xml'),
  ])
  const comments = readComments(commentsXml, extendedXml)
  const rootIds = new Map<string, string>()
  for (const c of comments.list) if (!c.paraId || !comments.parentOf.has(c.paraId)) rootIds.set(c.id, options.newId())
  const ctx: Ctx = { numbering: readNumbering(numberingXml), footnotes: new Map(), commentIds: rootIds, active: new Set(), revisions: 0, authors: new Set(), revisionList: [], chars: 0, nodes: 0 }
  readFootnotes(ctx, footnotesXml)

  const body = kids(find(kids(find(parse(documentXml, 'word/document.xml'), 'w:document') ?? {}), 'w:body') ?? {})
  const items: (Para | Tbl)[] = []
  const walkBody = (nodes: X[]) => {
    for (const n of nodes) {
      const tag = tagOf(n)
      if (tag === 'w:p') items.push(readParagraph(ctx, n))
      else if (tag === 'w:tbl') items.push(readTable(ctx, n))
      else if (tag === 'w:sdt') walkBody(kids(find(kids(n), 'w:sdtContent') ?? {}))
    }
  }
  walkBody(body)

  // Metadata: exactly, from a Paraaf export; else guessed from headers and the first lines.
  const custom = readCustomProperties(customXml)
  const round = readRoundStamp(custom.get(ROUND_PROPERTY))
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
      if (xml) for (const p of findAll(collectParagraphs(parse(xml, name)), 'w:p')) headerLines.push(textOf(p).trim())
    }
    const firstLines = bodyItems.slice(0, 20).map((i) => (i.kind === 'p' ? i.proposal.map((n) => n.text ?? '').join('').replace(/\t/g, ' ') : ''))
    const fromHeader = guessMeta(headerLines.filter(Boolean))
    const fromBody = guessMeta(firstLines)
    meta = { ...fromHeader.meta, ...fromBody.meta }
    // Lines that were letterhead fields leave the body.
    bodyItems = bodyItems.filter((_, i) => !fromBody.used.has(i))
  }

  const threads: CommentThreadData[] = []
  // Replies grouped by their thread once: a lookup per thread over all comments was quadratic.
  const repliesOf = new Map<string, WordComment[]>()
  for (const r of comments.list) {
    const parent = r.paraId ? comments.parentOf.get(r.paraId) : undefined
    if (parent) repliesOf.set(parent, [...(repliesOf.get(parent) ?? []), r])
  }
  for (const c of comments.list) {
    const id = rootIds.get(c.id)
    if (!id) continue
    const who = splitAuthor(c.author)
    threads.push({
      id, author: who.author, org: who.org, createdAt: validDate(c.date), text: c.text || '(leeg)', resolved: !!c.paraId && comments.done.has(c.paraId),
      replies: (c.paraId ? repliesOf.get(c.paraId) ?? [] : []).map((r) => {
        const rw = splitAuthor(r.author)
        return { author: rw.author, org: rw.org, createdAt: validDate(r.date), text: r.text || '(leeg)' }
      }),
    })
  }

  return {
    type, meta,
    base: { type: 'doc', content: buildSide(ctx, bodyItems, 'base') },
    proposal: { type: 'doc', content: buildSide(ctx, bodyItems, 'proposal') },
    threads, revisionAuthors: [...ctx.authors], revisions: ctx.revisions, revisionList: ctx.revisionList, round,
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
