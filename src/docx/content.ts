// Document content → docx paragraphs and tables: headings as Word heading
// styles, lists as real Word numbering, tables with a repeating header row,
// footnotes as real Word footnotes, and (for a redline) every change from a
// comparison as a Word revision: w:ins, w:del and w:rPrChange, with author
// and date, so Word's Accept/Reject works on it. Comment marks become comment
// ranges (w:commentRangeStart/End and w:commentReference).
import {
  Bookmark, BuilderElement, ExternalHyperlink, FootnoteReference, PageBreak, ShadingType,
  CommentRangeEnd, CommentRangeStart, CommentReference, DeletedTextRun, FootnoteReferenceRun, HeadingLevel, InsertedTextRun,
  CarriageReturn, LevelFormat, AlignmentType, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType, BorderStyle, type ILevelsOptions,
  type IRunOptions, type IParagraphRunOptions,
} from 'docx'
import type { Comparison, Inner, InlinePart, NodeJSON, Shell, Token } from '../core/diff/types.js'
import { detokenize, tokenKeys, tokenize } from '../core/diff/tokens.js'
import { diffSequences } from '../core/diff/char-diff.js'
import { buildInner } from '../core/diff/apply.js'
import { moveInners, visitInner, visitRow, visitRows, type RowVisitor } from '../core/diff/visit.js'

export interface Revision {
  author: string
  date: string
}

/** Shared state while building one document. */
export class BuildContext {
  footnotes: Record<string, { children: Paragraph[] }> = {}
  numbering: { reference: string; levels: ILevelsOptions[] }[] = []
  private nextFootnote = 1
  private nextRevision = 1
  private nextList = 1
  /** Word comment number for each comment id. */
  commentNumbers = new Map<string, number>()
  /** The Word numbers of each thread's replies: each reply has its own range over the thread's text (without one LibreOffice drops it). */
  private replyNumbers = new Map<string, number[]>()
  private openComments = new Set<string>()
  /** The width of the text column in twips, and one em of the table font in twips (for table columns). */
  textWidth = 9300
  emWidth = 160
  /** One line of body text (the template's leading) in twips: a white line. */
  lineTwips = 250
  /** A Woo publication: redactions are drawn as boxes (their text is already gone, see core/redaction.ts). */
  publication = false
  private nextRedaction = 1
  /** Comments whose range start is written. */
  private startedComments = new Set<string>()

  /** The change whose runs are being written (its own author and date, when known). */
  private change: string | null = null

  /**
   * `base`: the author and date of every revision (null: no redline); `byChange`: the
   * author and date of the version that brought in each change, where known.
   * `threads`: each thread's id and number of replies; threads are numbered 0…n-1,
   * their replies from n on, in order.
   */
  constructor(private readonly base: Revision | null, threads: { id: string; replies: number }[], private readonly byChange: ReadonlyMap<string, Revision> = new Map()) {
    let next = threads.length
    threads.forEach((t, i) => {
      this.commentNumbers.set(t.id, i)
      this.replyNumbers.set(t.id, Array.from({ length: t.replies }, () => next++))
    })
  }

  /**
   * A run under a redaction mark. In a publication: a black box holding the
   * ground in white, padded with figure spaces to one width for every ground,
   * so its size tells nothing of what was there. In a draft: grey shading and a
   * bookmark "Woo_5_1_2e_<n>" around the text, which Word and LibreOffice keep,
   * so the mark comes back when the file is read again.
   */
  redactionRun(options: IRunOptions, ground: string): TextRun | Bookmark {
    if (this.publication) {
      const pad = 8 - ground.length
      const text = '\u2007'.repeat(Math.floor(pad / 2)) + ground + '\u2007'.repeat(Math.ceil(pad / 2))
      return new TextRun({ text, bold: true, color: 'FFFFFF', shading: { type: ShadingType.CLEAR, fill: '000000', color: 'auto' } })
    }
    return new Bookmark({ id: `Woo_${ground.replace(/\./g, '_')}_${this.nextRedaction++}`, children: [new TextRun({ ...options, shading: { type: ShadingType.CLEAR, fill: 'D9D9D9', color: 'auto' } })] })
  }

  /** Author and date of the revision being written: its change's own, else the redline's. */
  get revision(): Revision | null {
    return this.base && ((this.change !== null && this.byChange.get(this.change)) || this.base)
  }

  /** Writes `write` as change `id` (null: outside any change). */
  inChange<T>(id: string | null | undefined, write: () => T): T {
    const outer = this.change
    this.change = id ?? outer
    try {
      return write()
    } finally {
      this.change = outer
    }
  }

  revisionId(): number {
    return this.nextRevision++
  }

  addFootnote(children: Paragraph[]): number {
    const n = this.nextFootnote++
    this.footnotes[String(n)] = { children }
    return n
  }

  /**
   * A fresh numbering definition, so every list counts from its own start.
   * The levels of the lists around it (`parents`) keep their kinds; the rest
   * are this list's kind, so a list nested in an item that holds nothing else
   * ("- 1) …") can be rebuilt from the numbering when the file comes back.
   */
  listReference(kind: 'bullet' | '.' | ')', start: number, parents: ('bullet' | '.' | ')')[] = []): string {
    const reference = `lijst-${this.nextList++}`
    const indent = (level: number) => ({ paragraph: { indent: { left: 360 * (level + 1), hanging: 360 } } })
    const kindAt = (level: number) => (level < parents.length ? parents[level] : kind)
    const levels: ILevelsOptions[] = [0, 1, 2, 3].map((level) =>
      kindAt(level) === 'bullet'
        ? { level, format: LevelFormat.BULLET, text: ['•', '–', '▪', '–'][level], alignment: AlignmentType.LEFT, style: indent(level) }
        : { level, format: LevelFormat.DECIMAL, text: `%${level + 1}${kindAt(level)}`, start: level < parents.length ? 1 : start, alignment: AlignmentType.LEFT, style: indent(level) })
    this.numbering.push({ reference, levels })
    return reference
  }

  /**
   * Comment ranges around a run: a comment starts at the first run with its
   * mark and ends before the first run without it, or at the end of the
   * paragraph. A comment whose mark goes on in a later paragraph is ended
   * again there: one start, an end after each of its paragraphs, and
   * `lastCommentEnds` keeps only the last end (and reference) of each, so one
   * range runs over all of them.
   */
  commentEdges(node: NodeJSON): { before: (CommentRangeStart | CommentRangeEnd | TextRun)[] } {
    const before: (CommentRangeStart | CommentRangeEnd | TextRun)[] = []
    // A footnote's text is in another part: a comment range of the body neither ends nor starts there.
    if (this.noteDepth) return { before }
    const ids = new Set((node.marks ?? []).filter((m) => m.type === 'comment').map((m) => String(m.attrs?.id)))
    for (const open of [...this.openComments]) if (!ids.has(open)) before.push(...this.close(open))
    for (const id of ids) {
      const n = this.commentNumbers.get(id)
      if (n === undefined || this.openComments.has(id)) continue
      this.openComments.add(id)
      if (this.startedComments.has(id)) continue
      this.startedComments.add(id)
      for (const k of [n, ...(this.replyNumbers.get(id) ?? [])]) before.push(new CommentRangeStart(k))
    }
    return { before }
  }

  private close(id: string): (CommentRangeEnd | TextRun)[] {
    this.openComments.delete(id)
    return [this.commentNumbers.get(id)!, ...(this.replyNumbers.get(id) ?? [])].flatMap((k) => [new CommentRangeEnd(k), new TextRun({ children: [new CommentReference(k)] })])
  }

  /** Ends every comment still open: called at the end of each paragraph (not of a footnote's, see `inNote`). */
  closeComments(): (CommentRangeEnd | TextRun)[] {
    if (this.noteDepth) return []
    return [...this.openComments].flatMap((id) => this.close(id))
  }

  private noteDepth = 0

  /** Writes a footnote's content: the body's comment ranges stay open around its reference. */
  inNote<T>(write: () => T): T {
    this.noteDepth++
    try {
      return write()
    } finally {
      this.noteDepth--
    }
  }
}

type Side = 'eq' | 'ins' | 'del'
type Inline = TextRun | FootnoteReferenceRun | InsertedTextRun | DeletedTextRun | CommentRangeStart | CommentRangeEnd | ExternalHyperlink | Bookmark

function runOptions(node: NodeJSON): IRunOptions {
  const names = new Set((node.marks ?? []).map((m) => m.type))
  return { text: node.text, bold: names.has('strong') || undefined, italics: names.has('em') || undefined, underline: names.has('underline') ? {} : undefined }
}

/**
 * A run of tracked text: `<w:ins>` or `<w:del>` (with w:id, w:author and
 * w:date) around one `<w:r>`; deleted text is `<w:delText>`. Also holds a
 * line break (`<w:br/>`, `<w:cr/>`) or a footnote reference, so that these are
 * tracked with the words around them.
 */
function trackedRun(ctx: BuildContext, side: 'ins' | 'del', options: IRunOptions): InsertedTextRun | DeletedTextRun {
  const attrs = { id: ctx.revisionId(), ...ctx.revision! }
  return side === 'ins' ? new InsertedTextRun({ ...options, ...attrs }) : new DeletedTextRun({ ...options, ...attrs })
}

/**
 * A footnote's reference and its note. In a redline, an inserted or deleted
 * footnote is a tracked run holding `<w:footnoteReference>`, and the note's
 * own text is tracked the same way, so "reject all" takes away a new note
 * and "accept all" a removed one, reference and text together.
 */
function footnoteRuns(ctx: BuildContext, node: NodeJSON, side: Side): Inline {
  const noteSide = side === 'eq' || !ctx.revision ? 'eq' : side
  const space = noteSide === 'eq' ? new TextRun(' ') : trackedRun(ctx, noteSide, { text: ' ' })
  const n = ctx.addFootnote([new Paragraph({ children: [space, ...ctx.inNote(() => inlineRuns(ctx, node.content, noteSide))] as TextRun[], style: 'FootnoteText', spacing: { after: 0 } })])
  if (noteSide === 'eq') return new FootnoteReferenceRun(n)
  return trackedRun(ctx, noteSide, { style: 'FootnoteReference', children: [new FootnoteReference(n)] })
}

/**
 * A footnote whose text changed: one reference, untracked, and in the note
 * the words that changed as tracked runs, so "reject all" gives the old note
 * and "accept all" the new one at the same place.
 */
function changedFootnote(ctx: BuildContext, a: NodeJSON, b: NodeJSON): Inline {
  return ctx.inNote(() => changedNote(ctx, a, b))
}

function changedNote(ctx: BuildContext, a: NodeJSON, b: NodeJSON): Inline {
  const ta = tokenize(a.content)
  const tb = tokenize(b.content)
  const runs: Inline[] = []
  let ia = 0
  let ib = 0
  for (const { op, count } of diffSequences(tokenKeys(ta), tokenKeys(tb), true)) {
    if (op === 0) runs.push(...inlineRuns(ctx, detokenize(tb.slice(ib, ib + count))))
    else if (op === -1) runs.push(...inlineRuns(ctx, detokenize(ta.slice(ia, ia + count)), 'del'))
    else runs.push(...inlineRuns(ctx, detokenize(tb.slice(ib, ib + count)), 'ins'))
    if (op !== 1) ia += count
    if (op !== -1) ib += count
  }
  const n = ctx.addFootnote([new Paragraph({ children: [new TextRun(' '), ...runs] as TextRun[], style: 'FootnoteText', spacing: { after: 0 } })])
  return new FootnoteReferenceRun(n)
}

/** Runs for inline content; `side` marks them as inserted or deleted text for a redline. */
export function inlineRuns(ctx: BuildContext, content: NodeJSON[] | undefined, side: Side = 'eq', formatFrom?: NodeJSON['marks']): Inline[] {
  const out: Inline[] = []
  const tracked = side !== 'eq' && ctx.revision ? side : null
  for (const node of content ?? []) {
    if (node.type === 'text') {
      if (side !== 'del') out.push(...ctx.commentEdges(node).before)
      const options = runOptions(node)
      if (tracked) out.push(trackedRun(ctx, tracked, options))
      else if (formatFrom && ctx.revision) {
        const old = runOptions({ type: 'text', text: '', marks: formatFrom })
        out.push(new TextRun({ ...options, revision: { id: ctx.revisionId(), ...ctx.revision, bold: old.bold ?? false, italics: old.italics ?? false, underline: old.underline } }))
      } else {
        // A link as Word writes one: the run inside w:hyperlink in the Hyperlink character style (blue,
        // underlined), so reading it back gives no underline of its own. Tracked text stays a plain run.
        const href = node.marks?.find((m) => m.type === 'link')?.attrs?.href
        const ground = node.marks?.find((m) => m.type === 'redaction')?.attrs?.ground
        if (typeof ground === 'string') out.push(ctx.redactionRun(options, ground))
        else out.push(typeof href === 'string' ? new ExternalHyperlink({ link: href, children: [new TextRun({ ...options, style: 'Hyperlink' })] }) : new TextRun(options))
      }
    } else if (node.type === 'hard_break') {
      // A line break from the source text (soft) as w:cr, one typed as such as w:br:
      // both break the line in Word, and importing tells them apart again.
      const options: IRunOptions = node.attrs?.soft ? { children: [new CarriageReturn()] } : { break: 1 }
      out.push(tracked ? trackedRun(ctx, tracked, options) : new TextRun(options))
    } else if (node.type === 'footnote') {
      out.push(footnoteRuns(ctx, node, side))
    }
  }
  return out
}

/** Inline content of tokens (paragraph starts left out), as core rebuilds it. */
function tokensToInline(tokens: Token[]): NodeJSON[] {
  return detokenize(tokens.filter((t) => !('p' in t)))
}

function partsRuns(ctx: BuildContext, parts: InlinePart[], kinds: Map<string, string>): Inline[] {
  const out: Inline[] = []
  for (const p of parts) {
    if ('eq' in p) out.push(...inlineRuns(ctx, tokensToInline(p.eq)))
    else if (kinds.get(p.id) === 'footnote' && p.del.length === 1 && p.ins.length === 1 && 'n' in p.del[0] && 'n' in p.ins[0]) {
      const [a, b] = [p.del[0].n, p.ins[0].n]
      out.push(ctx.inChange(p.id, () => changedFootnote(ctx, a, b)))
    } else if (kinds.get(p.id) === 'format') {
      // Same words, other formatting: the new formatting with the old as w:rPrChange.
      const before = p.del.find((t) => 't' in t) as { m?: NodeJSON['marks'] } | undefined
      out.push(...ctx.inChange(p.id, () => inlineRuns(ctx, tokensToInline(p.ins), 'eq', before?.m ?? [])))
    } else {
      out.push(...ctx.inChange(p.id, () => [...inlineRuns(ctx, tokensToInline(p.del), 'del'), ...inlineRuns(ctx, tokensToInline(p.ins), 'ins')]))
    }
  }
  return out
}

type ListKind = 'bullet' | '.' | ')'

interface BlockOptions {
  listReference?: string
  level?: number
  /** The kinds of the lists around this one, outermost first. */
  listKinds?: ListKind[]
  tight?: boolean
  /** The last paragraph of a list: the white line after it, as body paragraphs have. */
  endsList?: boolean
  /** Kept on one page with what follows (the last body paragraph with the signature). */
  keepNext?: boolean
  /** A white line above (a heading after a table, whose own style has none). */
  lineAbove?: boolean
  /** Inside a table cell: a tracked table is tracked by its rows, not by its cells' paragraph marks. */
  inCell?: boolean
}

/**
 * The paragraph mark of a redline: `<w:pPr><w:rPr><w:ins …/>` (or `<w:del …/>`)
 * as Word writes a paragraph typed or deleted whole. A paragraph whose mark
 * is deleted joins the next one when accepted; one whose mark is inserted
 * joins it when rejected; so no empty paragraph is left behind either way.
 */
function paragraphMark(ctx: BuildContext, mark: Side): IParagraphRunOptions | undefined {
  if (mark === 'eq' || !ctx.revision) return undefined
  const attrs = { id: ctx.revisionId(), ...ctx.revision }
  return mark === 'ins' ? { insertion: attrs } : { deletion: attrs }
}

function textblock(ctx: BuildContext, node: Shell, runs: Inline[], opts: BlockOptions, mark: Side = 'eq'): Paragraph {
  const heading = node.type === 'heading' ? (node.attrs?.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2) : undefined
  return new Paragraph({
    run: paragraphMark(ctx, opts.inCell ? 'eq' : mark),
    heading,
    children: [...runs, ...ctx.closeComments()] as TextRun[],
    numbering: opts.listReference ? { reference: opts.listReference, level: opts.level ?? 0 } : undefined,
    // List items and table cells sit close; body paragraphs, and the end of a list, keep the white line between them.
    spacing: (opts.listReference && !opts.endsList) || opts.tight ? { after: 0 } : opts.lineAbove ? { before: ctx.lineTwips } : undefined,
    keepNext: opts.keepNext || undefined,
    // Table text one point smaller than the body, as the seed letters' budget tables are set.
    style: opts.tight && !heading ? TABLE_TEXT_STYLE : undefined,
  })
}

/** A heading right after a table or a page break has no white line above it from the block before. */
function needsLineAbove(type: string | undefined, before: string | undefined): true | undefined {
  return type === 'heading' && (before === 'table' || before === 'page_break') ? true : undefined
}

/** Converts top-level blocks to docx paragraphs and tables; `keepLast` keeps the last paragraph with what follows the body. */
export function blocksToDocx(ctx: BuildContext, blocks: NodeJSON[], opts: BlockOptions = {}, side: Side = 'eq', keepLast = false): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = []
  blocks.forEach((node, i) => {
    const last = i === blocks.length - 1
    // The last paragraph of a list (at any depth) ends it only when the list itself ends there.
    const endsList = opts.listReference !== undefined && last ? opts.endsList : undefined
    // A heading right after a table or a page break has no white line above it from the block before.
    const lineAbove = needsLineAbove(node.type, blocks[i - 1]?.type)
    out.push(...blockToDocx(ctx, node, { ...opts, endsList, lineAbove, keepNext: keepLast && last ? true : opts.keepNext }, side))
  })
  return out
}

function listKind(node: NodeJSON): 'bullet' | '.' | ')' {
  return node.type === 'bullet_list' ? 'bullet' : node.attrs?.delimiter === ')' ? ')' : '.'
}

function blockToDocx(ctx: BuildContext, node: NodeJSON, opts: BlockOptions, side: Side): (Paragraph | Table)[] {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      return [textblock(ctx, node, inlineRuns(ctx, node.content, side), opts, side)]
    case 'bullet_list':
    case 'ordered_list': {
      const parents = opts.listReference !== undefined ? opts.listKinds ?? [] : []
      const reference = ctx.listReference(listKind(node), Number(node.attrs?.start ?? 1), parents)
      const level = opts.listReference !== undefined ? Math.min(3, (opts.level ?? 0) + 1) : 0
      const listKinds = [...parents, listKind(node)]
      // A top-level list ends with its last item; a nested one ends where its parent item does.
      const ends = opts.listReference === undefined ? true : opts.endsList
      const items = node.content ?? []
      return items.flatMap((item, i) => blocksToDocx(ctx, item.content ?? [], { listReference: reference, level, listKinds, endsList: ends && i === items.length - 1 }, side))
    }
    case 'list_item':
      // An item on its own (inserted into or deleted from a list that stays): its paragraphs in the list around it.
      return blocksToDocx(ctx, node.content ?? [], opts, side)
    case 'table':
      return [tableToDocx(ctx, node, (cell) => blocksToDocx(ctx, cell.content ?? [], { tight: true, inCell: true }, side) as Paragraph[], side)]
    case 'page_break':
      // As Word's Ctrl+Enter writes it: a paragraph holding the break; in a redline the break is a tracked run.
      if (side === 'eq' || !ctx.revision) return [new Paragraph({ children: [new PageBreak()], spacing: { after: 0 } })]
      return [new Paragraph({ children: [trackedRun(ctx, side, { children: [new BuilderElement({ name: 'w:br', attributes: { type: { key: 'w:type', value: 'page' } } })] })], spacing: { after: 0 }, run: paragraphMark(ctx, side) })]
    default:
      return []
  }
}

const thin = { style: BorderStyle.SINGLE, size: 4, color: '8C8C8C' }
/** The paragraph style of table cells (defined in export-docx.ts). */
export const TABLE_TEXT_STYLE = 'Tabeltekst'
/** Left and right margin of a table cell, in twips. */
const CELL_MARGIN = 85

/** The text of a cell (its paragraphs' text and footnote texts), for measuring. */
function cellText(cell: NodeJSON | undefined): string {
  const parts: string[] = []
  const walk = (n: NodeJSON) => {
    if (n.text) parts.push(n.text)
    else if (n.type === 'hard_break' || n.type === 'paragraph') parts.push(' ')
    if (n.type !== 'footnote') n.content?.forEach(walk)
  }
  if (cell) walk(cell)
  return parts.join('')
}

/** Advance widths of Verdana's characters in em (its metrics, rounded); others by class. */
const EM: Record<string, number> = {
  i: 0.274, l: 0.274, j: 0.344, f: 0.352, t: 0.394, r: 0.427, s: 0.521, c: 0.521, z: 0.525, e: 0.596, a: 0.601, o: 0.607, k: 0.592, v: 0.592, x: 0.592, y: 0.592,
  n: 0.633, u: 0.633, h: 0.633, b: 0.623, d: 0.623, p: 0.623, q: 0.623, g: 0.623, w: 0.818, m: 0.973,
  ' ': 0.352, '.': 0.364, ',': 0.364, ':': 0.454, ';': 0.454, '-': 0.431, '(': 0.454, ')': 0.454, '/': 0.454, '%': 1.076, '€': 0.636,
  I: 0.421, J: 0.455, M: 0.843, W: 0.989,
}
/** The width of a text in em of the table font (a wide font: Verdana; `narrow` scales to others). */
export function textEm(text: string): number {
  let em = 0
  for (const ch of text) em += EM[ch] ?? (/\d/.test(ch) ? 0.636 : /\p{Lu}/u.test(ch) ? 0.7 : 0.62)
  return em
}

/**
 * Column widths in twips from the cells' text: each column at least as wide
 * as its longest word (a label column never breaks inside a word, as
 * "Versterki/ng" did with even columns), then, up to one level for all, what
 * each needs to hold its longest cell on one line (so alike columns stay
 * alike), then the rest in proportion. When the longest words alone do not
 * fit, they share the width in proportion. `emWidth`: one em of the table
 * font in twips.
 */
export function columnWidths(rows: NodeJSON[], textWidth: number, emWidth: number): number[] {
  const columns = Math.max(1, ...rows.map((r) => (r.content ?? []).length))
  const padding = 2 * CELL_MARGIN + 40
  const minimum: number[] = []
  const oneLine: number[] = []
  for (let c = 0; c < columns; c++) {
    let word = 0
    let cellWidth = 0
    for (const [r, row] of rows.entries()) {
      const t = cellText(row.content?.[c]).trim()
      // A header cell is bold: a little wider.
      const factor = r === 0 && row.content?.[c]?.type === 'table_header' ? 1.1 : 1
      for (const w of t.split(/\s+/).slice(0, 200)) word = Math.max(word, textEm(w.slice(0, 60)) * factor)
      cellWidth = Math.max(cellWidth, textEm(t.slice(0, 400)) * factor)
    }
    minimum.push(Math.ceil(Math.max(1.5, word) * emWidth + padding))
    oneLine.push(Math.ceil(Math.max(1.5, cellWidth) * emWidth + padding))
  }
  const floor = minimum.reduce((a, b) => a + b, 0)
  if (floor >= textWidth) return minimum.map((m) => Math.floor((m / floor) * textWidth))
  const widths = [...minimum]
  let spare = textWidth - floor
  const need = oneLine.map((w, c) => Math.max(0, w - minimum[c]))
  // A water level: every column gets what it needs up to the same amount.
  let low = 0
  let high = Math.max(0, ...need)
  const used = (level: number) => need.reduce((a, n) => a + Math.min(n, level), 0)
  for (let i = 0; i < 40 && high - low > 1; i++) {
    const mid = (low + high) / 2
    if (used(mid) <= spare) low = mid
    else high = mid
  }
  const level = used(high) <= spare ? high : low
  need.forEach((n, c) => {
    const give = Math.floor(Math.min(n, level))
    widths[c] += give
    need[c] -= give
    spare -= give
  })
  const still = need.reduce((a, b) => a + b, 0)
  return widths.map((w, c) => Math.floor(w + (still ? (spare * need[c]) / still : spare / columns)))
}

/** A table; in a redline, a table inserted or deleted whole has each row tracked (`<w:trPr><w:ins …/>`). */
function tableToDocx(ctx: BuildContext, node: NodeJSON, cellContent: (cell: NodeJSON, r: number, c: number) => Paragraph[], side: Side = 'eq'): Table {
  const rowMark = () => (side === 'eq' || !ctx.revision ? {} : side === 'ins' ? { insertion: { id: ctx.revisionId(), ...ctx.revision } } : { deletion: { id: ctx.revisionId(), ...ctx.revision } })
  const rows = node.content ?? []
  const widths = columnWidths(rows, ctx.textWidth, ctx.emWidth)
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin },
    rows: rows.map((row, r) => new TableRow({
      ...rowMark(),
      tableHeader: r === 0 && (row.content ?? []).some((c) => c.type === 'table_header'),
      children: (row.content ?? []).map((cell, c) => {
        const children = cellContent(cell, r, c)
        return new TableCell({
          children: children.length ? children : [new Paragraph('')],
          width: { size: widths[c] ?? widths[widths.length - 1], type: WidthType.DXA },
          margins: { left: CELL_MARGIN, right: CELL_MARGIN },
          shading: cell.type === 'table_header' ? { fill: 'EEF1F5' } : undefined,
        })
      }),
    })),
  })
}

/** The redline: every row of a comparison, changes as Word revisions. */
export function comparisonToDocx(ctx: BuildContext, cmp: Comparison): (Paragraph | Table)[] {
  const kinds = new Map(cmp.changes.map((c) => [c.id, c.kind]))
  const moves = moveInners(cmp.rows)
  const rows = cmp.rows.length
  // The type of the block each row leaves in the newer version (none for a deletion or a move's old place).
  const typeOf = (i: number): string | undefined => visitRow<string | undefined>(cmp.rows[i], {
    equal: (node) => node.type, inserted: (node) => node.type, deleted: () => undefined, movedFrom: () => undefined,
    modified: (inner) => (inner.kind === 'same' ? inner.node.type : inner.kind === 'cells' ? 'table' : inner.b.type),
    movedTo: (inner) => (inner.kind === 'same' ? inner.node.type : inner.kind === 'cells' ? 'table' : inner.b.type),
    group: () => 'paragraph',
  }, moves)
  const types = cmp.rows.map((_, i) => typeOf(i))
  let before: string | undefined
  return visitRows(cmp.rows, rowWriter(ctx, kinds, moves, {}), moves).flatMap((write, i) => {
    // As in a clean export: a heading after a table gets its white line; the last row stays on one page with the signature.
    const opts: BlockOptions = { lineAbove: needsLineAbove(types[i], before), keepNext: i === rows - 1 ? true : undefined }
    if (types[i]) before = types[i]
    return write(opts)
  })
}

type Blocks = (Paragraph | Table)[]

/** Writes each kind of row; `opts` places the row (in a list, kept with what follows). */
function rowWriter(ctx: BuildContext, kinds: Map<string, string>, moves: ReadonlyMap<string, Inner>, outer: BlockOptions): RowVisitor<(opts?: BlockOptions) => Blocks> {
  return {
    equal: (node) => (opts = outer) => blockToDocx(ctx, node, opts, 'eq'),
    deleted: (node, id) => (opts = outer) => ctx.inChange(id, () => blockToDocx(ctx, node, opts, 'del')),
    inserted: (node, id) => (opts = outer) => ctx.inChange(id, () => blockToDocx(ctx, node, opts, 'ins')),
    modified: (inner) => (opts = outer) => innerToDocx(ctx, inner, kinds, moves, opts),
    // A move is written as a deletion where the text was and an insertion where it is now (each whole, as it stood).
    movedFrom: (inner, id) => (opts = outer) => ctx.inChange(id, () => blockToDocx(ctx, buildInner(inner, () => 'a', moves), opts, 'del')),
    movedTo: (inner, id) => (opts = outer) => ctx.inChange(id, () => blockToDocx(ctx, buildInner(inner, () => 'b', moves), opts, 'ins')),
    group: (parts) => (opts = outer) => groupToDocx(ctx, parts, kinds, opts),
  }
}

/**
 * Paragraphs merged or split: the text split at every paragraph end of
 * either side. An end only A had is a deleted paragraph mark (accepting joins
 * the two), one only B has an inserted mark (rejecting joins them), so both
 * sides come back with their own paragraphs.
 */
function groupToDocx(ctx: BuildContext, parts: InlinePart[], kinds: Map<string, string>, opts: BlockOptions): Paragraph[] {
  const out: Paragraph[] = []
  let shell: Shell = { type: 'paragraph' }
  let pieces: InlinePart[] = []
  const add = (piece: InlinePart) => {
    if ('eq' in piece ? piece.eq.length : piece.del.length + piece.ins.length) pieces.push(piece)
  }
  const end = (mark: Side) => {
    out.push(textblock(ctx, shell, partsRuns(ctx, pieces, kinds), opts, mark))
    pieces = []
  }
  let started = false
  const start = (next: Shell, mark: Side, id?: string) => {
    // A paragraph start with nothing written since the last one only gives the paragraph its kind (B's, where they differ).
    if (started && pieces.length) {
      ctx.inChange(id, () => end(mark))
      shell = next
    } else if (!started || mark !== 'del') shell = next
    started = true
  }
  for (const p of parts) {
    const tokens: [Side, Token[]][] = 'eq' in p ? [['eq', p.eq]] : [['del', p.del], ['ins', p.ins]]
    const runs: { eq: Token[] } | { id: string; del: Token[]; ins: Token[] } = 'eq' in p ? { eq: [] } : { id: p.id, del: [], ins: [] }
    let current = runs
    for (const [side, list] of tokens) {
      for (const t of list) {
        if ('p' in t) {
          add(current)
          start(t.p, side, 'eq' in p ? undefined : p.id)
          current = 'eq' in p ? { eq: [] } : { id: p.id, del: [], ins: [] }
          continue
        }
        if ('eq' in current) current.eq.push(t)
        else current[side as 'del' | 'ins'].push(t)
      }
    }
    add(current)
  }
  end('eq')
  return out
}

/** A changed table cell: A's paragraphs deleted and B's inserted, so that either decision gives exactly its side's paragraphs. */
function changedCell(ctx: BuildContext, a: NodeJSON, b: NodeJSON): Paragraph[] {
  const cellOpts: BlockOptions = { tight: true }
  const as = (a.content ?? []).filter((n) => n.type === 'paragraph' || n.type === 'heading')
  const bs = (b.content ?? []).filter((n) => n.type === 'paragraph' || n.type === 'heading')
  const out: Paragraph[] = []
  // A's paragraphs but the last: text and mark deleted.
  as.slice(0, -1).forEach((n) => out.push(textblock(ctx, n, inlineRuns(ctx, n.content, 'del'), cellOpts, 'del')))
  // A's last paragraph's text, then B's first: the mark is B's (inserted when more of B follows).
  const lastA = as[as.length - 1]
  const firstB = bs[0] ?? { type: 'paragraph' }
  out.push(textblock(ctx, firstB, [...inlineRuns(ctx, lastA?.content, 'del'), ...inlineRuns(ctx, firstB.content, 'ins')], cellOpts, bs.length > 1 ? 'ins' : 'eq'))
  // B's other paragraphs; the cell's last mark is never tracked.
  bs.slice(1).forEach((n, i) => out.push(textblock(ctx, n, inlineRuns(ctx, n.content, 'ins'), cellOpts, i < bs.length - 2 ? 'ins' : 'eq')))
  return out
}

function innerToDocx(ctx: BuildContext, inner: Inner, kinds: Map<string, string>, moves: ReadonlyMap<string, Inner>, opts: BlockOptions): Blocks {
  return visitInner<Blocks>(inner, {
    same: (i) => blockToDocx(ctx, i.node, opts, 'eq'),
    whole: (i) => ctx.inChange(i.id, () => [...blockToDocx(ctx, i.a, opts, 'del'), ...blockToDocx(ctx, i.b, opts, 'ins')]),
    inline: (i) => [textblock(ctx, i.b, partsRuns(ctx, i.parts, kinds), opts)],
    children: (i) => {
      if (i.b.type === 'list_item') return visitRows(i.rows, rowWriter(ctx, kinds, moves, opts), moves).flatMap((write) => write())
      const parents = opts.listReference !== undefined ? opts.listKinds ?? [] : []
      const reference = ctx.listReference(listKind(i.b as NodeJSON), Number(i.b.attrs?.start ?? 1), parents)
      const level = opts.listReference !== undefined ? Math.min(3, (opts.level ?? 0) + 1) : 0
      const inList: BlockOptions = { listReference: reference, level, listKinds: [...parents, listKind(i.b as NodeJSON)] }
      return visitRows(i.rows, rowWriter(ctx, kinds, moves, inList), moves).flatMap((write) => write())
    },
    cells: (i) => {
      const node: NodeJSON = { type: 'table', content: i.rows.map((row) => ({ type: row.shell.type, content: row.cells.map((c) => ('eq' in c ? c.eq : c.b)) })) }
      return [tableToDocx(ctx, node, (_cell, r, c) => {
        const cell = i.rows[r].cells[c]
        if ('eq' in cell) return blocksToDocx(ctx, cell.eq.content ?? [], { tight: true }) as Paragraph[]
        return ctx.inChange(cell.id, () => changedCell(ctx, cell.a, cell.b))
      })]
    },
  })
}

/**
 * Keeps the last end of each comment range (and its reference) in the body's
 * XML: a comment over several paragraphs was ended after each of them (see
 * `BuildContext.commentEdges`), so its one range now runs over all of them.
 */
export function lastCommentEnds(xml: string): string {
  const end = /<w:commentRangeEnd w:id="(\d+)"\/><w:r><w:commentReference w:id="\1"\/><\/w:r>/g
  const last = new Map<string, number>()
  for (const m of xml.matchAll(end)) last.set(m[1], m.index)
  return xml.replace(end, (whole, id: string, at: number) => (last.get(id) === at ? whole : ''))
}
