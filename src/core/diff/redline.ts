// A comparison as reading matter: a list of blocks, each a run of segments
// that are equal, inserted or deleted (or the two ends of a move). The CLI's
// text and HTML output (src/cli/redline-writers.ts) are drawn from it.
import { nodeText, tokensText } from './tokens.js'
import { groupBlocks } from './group.js'
import type { Comparison, Inner, Token } from './types.js'
import { moveInners, visitInner, visitRows, type RowVisitor } from './visit.js'

export type SegmentKind = 'eq' | 'ins' | 'del'
export interface Segment { kind: SegmentKind; text: string; change?: string }
export interface RedlineBlock {
  /** 'moved-from' and 'moved-to' mark the two ends of a move. */
  role: 'normal' | 'moved-from' | 'moved-to'
  segments: Segment[]
  change?: string
}

/** Turns a comparison into redline blocks, in reading order. */
export function redlineBlocks(cmp: Comparison): RedlineBlock[] {
  const out: RedlineBlock[] = []
  const meta = cmp.meta.filter((m) => m.id)
  for (const m of meta) {
    const text = (v: typeof m.a) => (v === undefined ? '' : Array.isArray(v) ? v.join(' / ') : v)
    out.push({ role: 'normal', change: m.id, segments: [{ kind: 'eq', text: `${m.key}: ` }, ...(m.a !== undefined ? [{ kind: 'del' as const, text: text(m.a), change: m.id }] : []), ...(m.b !== undefined ? [{ kind: 'ins' as const, text: text(m.b), change: m.id }] : [])] })
  }
  const moves = moveInners(cmp.rows)
  out.push(...visitRows(cmp.rows, rowBlocks(moves), moves).flat())
  return out
}

const tok = (kind: SegmentKind, tokens: Token[], change?: string): Segment => ({ kind, text: tokensText(tokens), change })

function innerSegments(inner: Inner, moves: ReadonlyMap<string, Inner>): Segment[] {
  return visitInner<Segment[]>(inner, {
    same: (i) => [{ kind: 'eq', text: nodeText(i.node) }],
    inline: (i) => i.parts.flatMap((p) => ('eq' in p ? [tok('eq', p.eq)] : [tok('del', p.del, p.id), tok('ins', p.ins, p.id)])).filter((s) => s.text),
    children: (i) => visitRows(i.rows, rowBlocks(moves), moves).flatMap((blocks, n) => [...(n ? [{ kind: 'eq' as const, text: '\n' }] : []), ...blocks.flatMap((b) => b.segments)]),
    cells: (i) => i.rows.flatMap((row, n) => [
      ...(n ? [{ kind: 'eq' as const, text: '\n' }] : []),
      ...row.cells.flatMap((c, j) => [
        { kind: 'eq' as const, text: j ? ' | ' : '| ' },
        ...('eq' in c ? [{ kind: 'eq' as const, text: nodeText(c.eq) }] : [{ kind: 'del' as const, text: nodeText(c.a), change: c.id }, { kind: 'ins' as const, text: nodeText(c.b), change: c.id }]),
      ]),
      { kind: 'eq' as const, text: ' |' },
    ]),
    whole: (i) => [{ kind: 'del', text: nodeText(i.a), change: i.id }, { kind: 'ins', text: nodeText(i.b), change: i.id }],
  })
}

/** The moves whose paragraph went up (its new place is before its old one), by change id. */
export function movesUp(cmp: Pick<Comparison, 'changes'>): Set<string> {
  return new Set(cmp.changes.flatMap((c) => (c.kind === 'move' && c.up ? [c.id] : [])))
}

/** How a move is labelled at each of its two ends. */
export function moveLabels(up: boolean): { from: string; to: string } {
  return up ? { from: 'verplaatst naar hierboven', to: 'verplaatst van verderop' } : { from: 'verplaatst naar verderop', to: 'verplaatst van hierboven' }
}

function rowBlocks(moves: ReadonlyMap<string, Inner>): RowVisitor<RedlineBlock[]> {
  return {
    equal: (node) => [{ role: 'normal', segments: [{ kind: 'eq', text: nodeText(node) }] }],
    deleted: (node, id) => [{ role: 'normal', change: id, segments: [{ kind: 'del', text: nodeText(node), change: id }] }],
    inserted: (node, id) => [{ role: 'normal', change: id, segments: [{ kind: 'ins', text: nodeText(node), change: id }] }],
    modified: (inner) => [{ role: 'normal', segments: innerSegments(inner, moves) }],
    // Where the text was: what stood there (the A side of how it changed on the way).
    movedFrom: (inner, id) => [{ role: 'moved-from', change: id, segments: [{ kind: 'del', text: innerSegments(inner, moves).filter((s) => s.kind !== 'ins').map((s) => s.text).join(''), change: id }] }],
    movedTo: (inner, id) => [{ role: 'moved-to', change: id, segments: innerSegments(inner, moves) }],
    group: (parts) => groupBlocks(parts, 'both', 'eq').map((b) => ({
      role: 'normal' as const,
      segments: b.runs.map((run) => ({ kind: run.kind, text: run.pilcrow ? ' ¶ ' : tokensText(run.tokens), change: run.id })),
    })),
  }
}
