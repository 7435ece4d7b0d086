// A comparison as reading matter: a list of blocks, each a run of segments
// that are equal, inserted or deleted (or the two ends of a move). The CLI's
// text and HTML output (src/cli/redline-writers.ts) are drawn from it.
import { nodeText, tokensText } from './tokens.js'
import { groupBlocks } from './group.js'
import type { Comparison, Inner, Row, Token } from './types.js'

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
  const moveInner = new Map<string, Inner>()
  for (const r of cmp.rows) if (r.op === 'moveTo') moveInner.set(r.id, r.inner)
  for (const r of cmp.rows) out.push(...rowBlocks(r, moveInner))
  return out
}

const tok = (kind: SegmentKind, tokens: Token[], change?: string): Segment => ({ kind, text: tokensText(tokens), change })

function innerSegments(inner: Inner): Segment[] {
  switch (inner.kind) {
    case 'same':
      return [{ kind: 'eq', text: nodeText(inner.node) }]
    case 'inline':
      return inner.parts.flatMap((p) => ('eq' in p ? [tok('eq', p.eq)] : [tok('del', p.del, p.id), tok('ins', p.ins, p.id)])).filter((s) => s.text)
    case 'children':
      return inner.rows.flatMap((r, i) => [...(i ? [{ kind: 'eq' as const, text: '\n' }] : []), ...rowBlocks(r, new Map()).flatMap((b) => b.segments)])
    case 'cells':
      return inner.rows.flatMap((row, i) => [
        ...(i ? [{ kind: 'eq' as const, text: '\n' }] : []),
        ...row.cells.flatMap((c, j) => [
          { kind: 'eq' as const, text: j ? ' | ' : '| ' },
          ...('eq' in c ? [{ kind: 'eq' as const, text: nodeText(c.eq) }] : [{ kind: 'del' as const, text: nodeText(c.a), change: c.id }, { kind: 'ins' as const, text: nodeText(c.b), change: c.id }]),
        ]),
        { kind: 'eq' as const, text: ' |' },
      ])
    case 'whole':
      return [{ kind: 'del', text: nodeText(inner.a), change: inner.id }, { kind: 'ins', text: nodeText(inner.b), change: inner.id }]
  }
}

/** The moves whose paragraph went up (its new place is before its old one), by change id. */
export function movesUp(cmp: Pick<Comparison, 'changes'>): Set<string> {
  return new Set(cmp.changes.flatMap((c) => (c.kind === 'move' && c.up ? [c.id] : [])))
}

/** How a move is labelled at each of its two ends. */
export function moveLabels(up: boolean): { from: string; to: string } {
  return up ? { from: 'verplaatst naar hierboven', to: 'verplaatst van verderop' } : { from: 'verplaatst naar verderop', to: 'verplaatst van hierboven' }
}

function rowBlocks(r: Row, moveInner: Map<string, Inner>): RedlineBlock[] {
  switch (r.op) {
    case 'equal':
      return [{ role: 'normal', segments: [{ kind: 'eq', text: nodeText(r.node) }] }]
    case 'delete':
      return [{ role: 'normal', change: r.id, segments: [{ kind: 'del', text: nodeText(r.node), change: r.id }] }]
    case 'insert':
      return [{ role: 'normal', change: r.id, segments: [{ kind: 'ins', text: nodeText(r.node), change: r.id }] }]
    case 'modify':
      return [{ role: 'normal', segments: innerSegments(r.inner) }]
    case 'moveFrom': {
      const inner = moveInner.get(r.id)
      const text = inner ? innerSegments(inner).filter((s) => s.kind !== 'ins').map((s) => s.text).join('') : ''
      return [{ role: 'moved-from', change: r.id, segments: [{ kind: 'del', text, change: r.id }] }]
    }
    case 'moveTo':
      return [{ role: 'moved-to', change: r.id, segments: innerSegments(r.inner) }]
    case 'group':
      return groupBlocks(r.parts, 'both', 'eq').map((b) => ({
        role: 'normal' as const,
        segments: b.runs.map((run) => ({ kind: run.kind, text: run.pilcrow ? ' ¶ ' : tokensText(run.tokens), change: run.id })),
      }))
  }
}
