// Comparing two versions of a document: blocks first (see align.ts), then
// words inside each changed pair, then the metadata. The result lists every
// change with a stable id and keeps enough of both documents (rows) to build
// any mix of accepted and rejected changes exactly (see apply.ts).
import type { DocumentMeta, MetaValue } from '../document.js'
import { alignNodes } from './align.js'
import { diffSequences } from './char-diff.js'
import { nodeText, tokenKeys, tokenize, tokenizeBlocks, tokensText, wordCount } from './tokens.js'
import type { Change, Comparison, CompareOptions, Inner, InlinePart, MetaRow, NodeJSON, Row, Shell, Token } from './types.js'

/** The two sides of a comparison: metadata and the top-level blocks. */
export interface ComparableDocument {
  meta: DocumentMeta
  content: { content?: NodeJSON[] } | { content?: unknown[] }
}

interface Context {
  topAi: number
  topBi: number
  moveId?: string
}

const TEXTBLOCKS = new Set(['paragraph', 'heading'])
const LISTS = new Set(['bullet_list', 'ordered_list'])
const MARK_NAMES: Record<string, string> = { strong: 'vet', em: 'cursief', underline: 'onderstreept', link: 'koppeling', redaction: 'lakking (Woo)' }

class Builder {
  private count = 0
  readonly changes = new Map<string, Change>()
  constructor(readonly granularity: 'word' | 'char') {}

  add(change: Omit<Change, 'id'>): string {
    const id = `t${++this.count}`
    this.changes.set(id, { id, ...change })
    return id
  }
}

/** Compares A with B and returns the changes that turn A into B. */
export function compareDocuments(a: ComparableDocument, b: ComparableDocument, options: CompareOptions = {}): Comparison {
  return new StagedComparison(a, b, options).full()
}

/**
 * A comparison computed as far as it is read. The blocks are aligned at
 * once (which also finds the moves); the word diffs inside changed blocks are
 * made row by row, in reading order, so the first screen of a 600 KB letter
 * needs only the first rows' diffs. Changes are numbered c1, c2, … as the rows
 * are reached: a prefix's numbers are final, and `full()` gives exactly what
 * comparing everything at once gives.
 */
export class StagedComparison {
  private readonly builder: Builder
  private readonly meta: MetaRow[]
  private readonly plan: (Row | (() => Row))[]
  private readonly numbering: Numbering
  /** Each move's inner diff, by the id its rows had when built, and by its source row. */
  private readonly moveInner = new Map<string, Inner>()
  private readonly sourceInner = new Map<Row, Inner>()
  private done = 0
  /** How many changes are numbered once rows [0, i] are. */
  private readonly numberedAfter: number[] = []
  private whole: Comparison | null = null

  constructor(a: ComparableDocument, b: ComparableDocument, options: CompareOptions = {}) {
    this.builder = new Builder(options.granularity ?? 'word')
    this.meta = compareMeta(this.builder, a.meta, b.meta)
    this.plan = planRows(this.builder, (a.content.content ?? []) as NodeJSON[], (b.content.content ?? []) as NodeJSON[], null)
    // Which way each move went is known from the order of the rows.
    const from = new Map<string, number>()
    this.plan.forEach((r, i) => { if (typeof r !== 'function' && r.op === 'moveFrom') from.set(r.id, i) })
    this.plan.forEach((r, i) => {
      if (typeof r === 'function' || r.op !== 'moveTo') return
      this.moveInner.set(r.id, r.inner)
      const source = this.plan[from.get(r.id)!] as Row
      this.sourceInner.set(source, r.inner)
      if (i < from.get(r.id)!) this.builder.changes.get(r.id)!.up = true
    })
    this.numbering = new Numbering(this.builder)
    for (const m of this.meta) this.numbering.visit(m.id)
    for (const m of this.meta) if (m.id) m.id = this.numbering.re(m.id)
  }

  /** The number of top-level rows. */
  get rowCount(): number {
    return this.plan.length
  }

  /**
   * The first `count` rows with the changes in them (and the metadata's). A
   * moved block whose destination lies beyond the first rows carries its
   * inner diff on its source row, so the first rows can be drawn alone.
   */
  prefix(count: number): Comparison & { complete: boolean } {
    const rows = this.rows(Math.min(count, this.plan.length))
    const seen = new Set(rows.flatMap((r) => (r.op === 'moveTo' ? [r.id] : [])))
    const drawn = rows.map((r): Row => (r.op === 'moveFrom' && !seen.has(r.id) ? { ...r, inner: this.sourceInner.get(r)! } : r))
    const changes = this.numbering.changes(rows.length ? this.numberedAfter[rows.length - 1] : this.meta.filter((m) => m.id).length)
    return { changes, rows: drawn, meta: this.meta, stats: statsOf(changes), complete: rows.length === this.plan.length }
  }

  /** Every row and change. */
  full(): Comparison {
    if (!this.whole) {
      const rows = this.rows(this.plan.length)
      const changes = this.numbering.changes()
      this.whole = { changes, rows, meta: this.meta, stats: statsOf(changes) }
    }
    return this.whole
  }

  private rows(count: number): Row[] {
    for (; this.done < count; this.done++) {
      const step = this.plan[this.done]
      const row = typeof step === 'function' ? step() : step
      this.plan[this.done] = row
      this.numbering.row(row, (id) => this.moveInner.get(id)!)
      this.numberedAfter.push(this.numbering.count)
    }
    return this.plan.slice(0, count) as Row[]
  }
}

function compareMeta(builder: Builder, a: DocumentMeta, b: DocumentMeta): MetaRow[] {
  const keys = [...Object.keys(b), ...Object.keys(a).filter((k) => !(k in b))]
  return keys.map((key) => {
    const row: MetaRow = { key, a: a[key], b: b[key] }
    if (JSON.stringify(a[key] ?? null) !== JSON.stringify(b[key] ?? null)) {
      row.id = builder.add({ kind: 'metadata', key, deleted: metaText(a[key]), inserted: metaText(b[key]), block: -1, blockA: null, blockB: null })
    }
    return row
  })
}

const metaText = (v: MetaValue | undefined) => (v === undefined ? '' : Array.isArray(v) ? v.join(' / ') : v)

/** Aligns two lists of nodes into rows; top-level lists (context null) also find moves. */
function buildRows(builder: Builder, as: NodeJSON[], bs: NodeJSON[], ctx: Context | null): Row[] {
  return planRows(builder, as, bs, ctx).map((r) => (typeof r === 'function' ? r() : r))
}

/** The rows in order; a paired block's inner diff is made when its row is asked for. */
function planRows(builder: Builder, as: NodeJSON[], bs: NodeJSON[], ctx: Context | null): (Row | (() => Row))[] {
  const al = alignNodes(as, bs, { moves: ctx === null })
  const at = (ai: number, bi: number): Context => ctx ?? { topAi: ai, topBi: bi }
  const aOnly: { ai: number; row: Row }[] = []
  const bOnly: { bi: number; row: Row }[] = []
  // A page break added or taken away is layout, not words: a format change, named.
  const pageBreak = (n: NodeJSON, what: string) => (n.type === 'page_break' ? { kind: 'format' as const, deleted: '', inserted: '', detail: `pagina-einde ${what}` } : null)
  for (const ai of al.deleted) {
    const c = at(ai, -1)
    const id = builder.add({ kind: 'delete', deleted: nodeText(as[ai]), inserted: '', ...pageBreak(as[ai], 'verwijderd'), block: c.topAi, blockA: c.topAi, blockB: null, moveId: c.moveId })
    aOnly.push({ ai, row: { op: 'delete', id, node: as[ai], ai } })
  }
  for (const bi of al.inserted) {
    const c = at(-1, bi)
    const id = builder.add({ kind: 'insert', deleted: '', inserted: nodeText(bs[bi]), ...pageBreak(bs[bi], 'ingevoegd'), block: c.topBi, blockA: null, blockB: c.topBi, moveId: c.moveId })
    bOnly.push({ bi, row: { op: 'insert', id, node: bs[bi], bi } })
  }
  for (const m of al.moves) {
    const id = builder.add({ kind: 'move', deleted: nodeText(as[m.ai]), inserted: nodeText(bs[m.bi]), block: m.bi, blockA: m.ai, blockB: m.bi })
    const inner = innerDiff(builder, as[m.ai], bs[m.bi], { topAi: m.ai, topBi: m.bi, moveId: id })
    aOnly.push({ ai: m.ai, row: { op: 'moveFrom', id, ai: m.ai, bi: m.bi } })
    bOnly.push({ bi: m.bi, row: { op: 'moveTo', id, ai: m.ai, bi: m.bi, inner } })
  }
  aOnly.sort((x, y) => x.ai - y.ai)
  bOnly.sort((x, y) => x.bi - y.bi)

  // Pairs and groups in order; both keep the order of A and of B.
  type Anchor = { ai: number; bi: number; row: () => Row }
  const anchors: Anchor[] = [
    ...al.pairs.map((p) => ({
      ai: p.ai, bi: p.bi,
      row: (): Row => (p.equal ? { op: 'equal', node: bs[p.bi], ai: p.ai, bi: p.bi } : { op: 'modify', ai: p.ai, bi: p.bi, inner: innerDiff(builder, as[p.ai], bs[p.bi], at(p.ai, p.bi)) }),
    })),
    ...al.groups.map((g) => ({
      ai: g.as[0], bi: g.bs[0],
      row: (): Row => ({ op: 'group', ais: g.as, bis: g.bs, parts: groupParts(builder, g.as.map((i) => as[i]), g.bs.map((j) => bs[j]), g, ctx) }),
    })),
  ].sort((x, y) => x.bi - y.bi)

  // Merge so that the A-side rows keep A's order and the B-side rows B's.
  const rows: (Row | (() => Row))[] = []
  let ka = 0
  let kb = 0
  for (const p of anchors) {
    while (ka < aOnly.length && aOnly[ka].ai < p.ai) rows.push(aOnly[ka++].row)
    while (kb < bOnly.length && bOnly[kb].bi < p.bi) rows.push(bOnly[kb++].row)
    rows.push(p.row)
  }
  while (ka < aOnly.length) rows.push(aOnly[ka++].row)
  while (kb < bOnly.length) rows.push(bOnly[kb++].row)
  return rows
}

const shellOf = (n: NodeJSON): Shell => (n.attrs ? { type: n.type, attrs: n.attrs } : { type: n.type })
const sameShell = (x: NodeJSON, y: NodeJSON) => x.type === y.type && JSON.stringify(x.attrs ?? null) === JSON.stringify(y.attrs ?? null)

function shellLabel(n: Shell): string {
  if (n.type === 'heading') return `Kop ${n.attrs?.level ?? 1}`
  if (n.type === 'paragraph') return 'Alinea'
  if (n.type === 'bullet_list') return 'Opsomming'
  if (n.type === 'ordered_list') return `Nummering ${n.attrs?.start ?? 1}${n.attrs?.delimiter ?? '.'}`
  return n.type
}

/** How block x of A became block y of B. */
function innerDiff(builder: Builder, x: NodeJSON, y: NodeJSON, ctx: Context): Inner {
  if (JSON.stringify(x) === JSON.stringify(y)) return { kind: 'same', node: y }
  const where = { block: ctx.topBi, blockA: ctx.topAi, blockB: ctx.topBi, moveId: ctx.moveId }
  const shellChange = () =>
    sameShell(x, y) ? undefined : builder.add({ kind: 'format', deleted: '', inserted: '', detail: `${shellLabel(x)} → ${shellLabel(y)}`, ...where })

  if (TEXTBLOCKS.has(x.type) && TEXTBLOCKS.has(y.type)) {
    const change = shellChange()
    return { kind: 'inline', shellChange: change, a: shellOf(x), b: shellOf(y), parts: inlineParts(builder, x.content, y.content, where) }
  }
  if ((LISTS.has(x.type) && LISTS.has(y.type)) || (x.type === 'list_item' && y.type === 'list_item')) {
    const change = shellChange()
    return { kind: 'children', shellChange: change, a: shellOf(x), b: shellOf(y), rows: buildRows(builder, x.content ?? [], y.content ?? [], ctx) }
  }
  if (x.type === 'table' && y.type === 'table' && sameTableShape(x, y)) {
    return {
      kind: 'cells',
      shell: shellOf(y),
      rows: (y.content ?? []).map((rowB, r) => ({
        shell: shellOf(rowB),
        cells: (rowB.content ?? []).map((cellB, c) => {
          const cellA = x.content![r].content![c]
          if (JSON.stringify(cellA) === JSON.stringify(cellB)) return { eq: cellB }
          const id = builder.add({ kind: 'table', deleted: nodeText(cellA), inserted: nodeText(cellB), detail: `rij ${r + 1}, kolom ${c + 1}`, ...where })
          return { id, a: cellA, b: cellB }
        }),
      })),
    }
  }
  const kind = x.type === 'table' || y.type === 'table' ? 'table' : 'replace'
  const id = builder.add({ kind, deleted: nodeText(x), inserted: nodeText(y), ...where })
  return { kind: 'whole', id, a: x, b: y }
}

function sameTableShape(x: NodeJSON, y: NodeJSON): boolean {
  const rx = x.content ?? []
  const ry = y.content ?? []
  return rx.length === ry.length && rx.every((row, i) => (row.content?.length ?? 0) === (ry[i].content?.length ?? 0) && JSON.stringify(row.attrs ?? null) === JSON.stringify(ry[i].attrs ?? null))
}

/** A word diff over merged or split paragraphs; each change is placed in the B (or A) block it falls in. */
function groupParts(builder: Builder, as: NodeJSON[], bs: NodeJSON[], g: { as: number[]; bs: number[] }, ctx: Context | null): InlinePart[] {
  const ta = tokenizeBlocks(as, builder.granularity)
  const tb = tokenizeBlocks(bs, builder.granularity)
  return diffTokens(builder, ta, tb, (posA, posB) => {
    const paraB = countParagraphs(tb, posB)
    const paraA = countParagraphs(ta, posA)
    const bi = g.bs[Math.max(0, paraB - 1)]
    const ai = g.as[Math.max(0, paraA - 1)]
    return ctx ? { block: ctx.topBi, blockA: ctx.topAi, blockB: ctx.topBi, moveId: ctx.moveId } : { block: bi, blockA: ai, blockB: bi }
  })
}

const countParagraphs = (tokens: Token[], end: number) => {
  let n = 0
  for (let i = 0; i <= Math.min(end, tokens.length - 1); i++) if ('p' in tokens[i]) n++
  return n
}

/** Word (or character) diff of inline content, grouped into changes. */
function inlineParts(builder: Builder, ca: NodeJSON[] | undefined, cb: NodeJSON[] | undefined, where: Omit<Change, 'id' | 'kind' | 'deleted' | 'inserted'>): InlinePart[] {
  return diffTokens(builder, tokenize(ca, builder.granularity), tokenize(cb, builder.granularity), () => where)
}

type Where = Omit<Change, 'id' | 'kind' | 'deleted' | 'inserted'>

function diffTokens(builder: Builder, ta: Token[], tb: Token[], whereAt: (posA: number, posB: number) => Where): InlinePart[] {
  const parts: InlinePart[] = []
  let ia = 0
  let ib = 0
  let del: Token[] = []
  let ins: Token[] = []
  const flush = () => {
    if (!del.length && !ins.length) return
    parts.push({ id: builder.add({ ...classify(del, ins), ...whereAt(ia - del.length, ib - ins.length) }), del, ins })
    del = []
    ins = []
  }
  for (const { op, count } of diffSequences(tokenKeys(ta), tokenKeys(tb), true)) {
    if (op === 0) {
      flush()
      // B's tokens: equal text may differ in comment anchors, and the result keeps B's.
      parts.push({ eq: tb.slice(ib, ib + count) })
      ia += count
      ib += count
    } else if (op === -1) {
      del = del.concat(ta.slice(ia, ia + count))
      ia += count
    } else {
      ins = ins.concat(tb.slice(ib, ib + count))
      ib += count
    }
  }
  flush()
  return parts
}

function classify(del: Token[], ins: Token[]): Pick<Change, 'kind' | 'deleted' | 'inserted' | 'detail'> {
  const deleted = tokensText(del)
  const inserted = tokensText(ins)
  const isBreak = (t: Token) => 'p' in t
  if (del.length && ins.length && del.every(isBreak) && ins.every(isBreak)) {
    return { kind: 'format', deleted: '', inserted: '', detail: `${shellLabel((del[0] as { p: Shell }).p)} → ${shellLabel((ins[0] as { p: Shell }).p)}` }
  }
  if (!del.length) return { kind: 'insert', deleted, inserted, ...(ins.every(isBreak) ? { detail: 'alinea gesplitst' } : {}) }
  if (!ins.length) return { kind: 'delete', deleted, inserted, ...(del.every(isBreak) ? { detail: 'alinea\'s samengevoegd' } : {}) }
  const isFootnote = (t: Token) => 'n' in t && t.n.type === 'footnote'
  if (del.every(isFootnote) && ins.every(isFootnote)) {
    return { kind: 'footnote', deleted: del.map((t) => nodeText((t as { n: NodeJSON }).n)).join(' '), inserted: ins.map((t) => nodeText((t as { n: NodeJSON }).n)).join(' ') }
  }
  if (deleted === inserted && del.every((t) => 't' in t) && ins.every((t) => 't' in t)) {
    return { kind: 'format', deleted, inserted, detail: describeMarks(del, ins) }
  }
  return { kind: 'replace', deleted, inserted }
}

function describeMarks(del: Token[], ins: Token[]): string {
  const names = (tokens: Token[]) => new Set(tokens.flatMap((t) => ('m' in t && t.m ? t.m.map((m) => m.type).filter((m) => m !== 'comment') : [])))
  const before = names(del)
  const after = names(ins)
  const hrefs = (tokens: Token[]) => new Set(tokens.flatMap((t) => ('m' in t && t.m ? t.m.filter((m) => m.type === 'link').map((m) => String(m.attrs?.href)) : [])))
  if (before.has('link') && after.has('link') && [...hrefs(ins)].some((h) => !hrefs(del).has(h))) return `koppeling gewijzigd naar ${[...hrefs(ins)].join(', ')}`
  // A redaction names its ground: "gelakt (5.1.2e)", or the ground it changed to.
  const grounds = (tokens: Token[]) => [...new Set(tokens.flatMap((t) => ('m' in t && t.m ? t.m.filter((m) => m.type === 'redaction').map((m) => String(m.attrs?.ground)) : [])))]
  if (after.has('redaction') && !before.has('redaction') && before.size + 1 === after.size) return `gelakt (${grounds(ins).join(', ')})`
  if (before.has('redaction') && after.has('redaction') && grounds(ins).join() !== grounds(del).join()) return `lakgrond gewijzigd naar ${grounds(ins).join(', ')}`
  const added = [...after].filter((m) => !before.has(m)).map((m) => MARK_NAMES[m] ?? m)
  const removed = [...before].filter((m) => !after.has(m)).map((m) => MARK_NAMES[m] ?? m)
  return [added.length ? `${added.join(', ')} toegevoegd` : '', removed.length ? `${removed.join(', ')} verwijderd` : ''].filter(Boolean).join('; ') || 'opmaak gewijzigd'
}

/**
 * Numbers changes c1, c2, … in the order a reader meets them, a row at a
 * time, renaming the builder's ids in the rows in place. A move is numbered
 * where it is first met, its inner changes right after it: at its source the
 * reader already sees the words that changed in it.
 */
class Numbering {
  private readonly order: string[] = []
  private readonly renamed = new Map<string, string>()
  private readonly innersDone = new WeakSet<Inner>()
  constructor(private readonly builder: Builder) {}

  visit(id: string | undefined) {
    if (id && !this.renamed.has(id)) {
      this.order.push(id)
      this.renamed.set(id, `c${this.order.length}`)
    }
  }

  re(id: string): string {
    return this.renamed.get(id)!
  }

  /** Numbers the changes of a top-level row and renames them in it. */
  row(r: Row, moveInner: (id: string) => Inner) {
    if (r.op === 'moveFrom' || r.op === 'moveTo') {
      const first = !this.renamed.has(r.id)
      this.visit(r.id)
      if (first) this.inner(moveInner(r.id))
      r.id = this.re(r.id)
      return
    }
    this.rows([r])
  }

  private rows(rs: Row[]) {
    for (const r of rs) {
      if (r.op === 'group') for (const p of r.parts) if ('id' in p) p.id = this.take(p.id)
      if (r.op === 'delete' || r.op === 'insert') r.id = this.take(r.id)
      else if (r.op === 'modify') this.inner(r.inner)
    }
  }

  private take(id: string): string {
    this.visit(id)
    return this.re(id)
  }

  private inner(inner: Inner) {
    if (this.innersDone.has(inner)) return
    this.innersDone.add(inner)
    if (inner.kind === 'inline') {
      if (inner.shellChange) inner.shellChange = this.take(inner.shellChange)
      for (const p of inner.parts) if ('id' in p) p.id = this.take(p.id)
    } else if (inner.kind === 'children') {
      if (inner.shellChange) inner.shellChange = this.take(inner.shellChange)
      this.rows(inner.rows)
    } else if (inner.kind === 'cells') {
      for (const r of inner.rows) for (const c of r.cells) if ('id' in c) c.id = this.take(c.id)
    } else if (inner.kind === 'whole') inner.id = this.take(inner.id)
  }

  get count(): number {
    return this.order.length
  }

  /** The first `count` changes numbered (all so far by default), in order. */
  changes(count = this.order.length): Change[] {
    return this.order.slice(0, count).map((old) => {
      const c = this.builder.changes.get(old)!
      return { ...c, id: this.re(old), ...(c.moveId ? { moveId: this.re(c.moveId) } : {}) }
    })
  }
}

function statsOf(changes: Change[]): Comparison['stats'] {
  const counted = changes.filter((c) => c.kind !== 'move' && c.kind !== 'format' && c.kind !== 'metadata')
  return {
    insertedWords: counted.reduce((n, c) => n + wordCount(c.inserted), 0),
    deletedWords: counted.reduce((n, c) => n + wordCount(c.deleted), 0),
    movedBlocks: changes.filter((c) => c.kind === 'move').length,
    changedBlocks: new Set(changes.filter((c) => c.kind !== 'metadata').map((c) => c.blockB ?? `a${c.blockA}`)).size,
  }
}
