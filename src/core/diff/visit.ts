// One walk over a comparison's rows for every reader of them: applying
// decisions (apply.ts), the CLI's redline (redline.ts), the compare screen
// (renderer/redline-dom.ts) and the Word redline (docx/content.ts). Each
// gives a visitor with one method per kind of row and of inner change; the
// type makes a reader that forgets one fail to build, and where a move's
// inner diff is found (at its destination, or at its source in the first part
// of a staged comparison, at any depth of a list) is decided here once.
import type { InlinePart, Inner, NodeJSON, Row } from './types.js'

export interface RowVisitor<T> {
  equal(node: NodeJSON): T
  deleted(node: NodeJSON, id: string): T
  inserted(node: NodeJSON, id: string): T
  modified(inner: Inner): T
  /** The old place of a moved block: `inner` is how it changed on the way (its A side is what stood here). */
  movedFrom(inner: Inner, id: string): T
  /** The new place of a moved block. */
  movedTo(inner: Inner, id: string): T
  /** Paragraphs merged or split: one word diff over all of them, paragraph starts included. */
  group(parts: InlinePart[]): T
}

export interface InnerVisitor<T> {
  same(inner: Extract<Inner, { kind: 'same' }>): T
  inline(inner: Extract<Inner, { kind: 'inline' }>): T
  children(inner: Extract<Inner, { kind: 'children' }>): T
  cells(inner: Extract<Inner, { kind: 'cells' }>): T
  whole(inner: Extract<Inner, { kind: 'whole' }>): T
}

/** Where each move's inner diff is: every move in `rows`, lists and list items opened up. */
export function moveInners(rows: Row[], into = new Map<string, Inner>()): Map<string, Inner> {
  for (const r of rows) {
    if (r.op === 'moveTo') into.set(r.id, r.inner)
    // The first part of a staged comparison carries the inner diff at the source while the destination is not in it.
    else if (r.op === 'moveFrom' && r.inner && !into.has(r.id)) into.set(r.id, r.inner)
    const inner = r.op === 'modify' || r.op === 'moveTo' ? r.inner : undefined
    if (inner?.kind === 'children') moveInners(inner.rows, into)
  }
  return into
}

function moveOf(r: Extract<Row, { op: 'moveFrom' }>, moves: ReadonlyMap<string, Inner>): Inner {
  const inner = moves.get(r.id) ?? r.inner
  if (!inner) throw new RangeError(`Verplaatsing ${r.id} zonder bestemming in de vergelijking.`)
  return inner
}

export function visitRow<T>(r: Row, v: RowVisitor<T>, moves: ReadonlyMap<string, Inner>): T {
  switch (r.op) {
    case 'equal': return v.equal(r.node)
    case 'delete': return v.deleted(r.node, r.id)
    case 'insert': return v.inserted(r.node, r.id)
    case 'modify': return v.modified(r.inner)
    case 'moveFrom': return v.movedFrom(moveOf(r, moves), r.id)
    case 'moveTo': return v.movedTo(r.inner, r.id)
    case 'group': return v.group(r.parts)
  }
}

export function visitRows<T>(rows: Row[], v: RowVisitor<T>, moves: ReadonlyMap<string, Inner> = moveInners(rows)): T[] {
  return rows.map((r) => visitRow(r, v, moves))
}

export function visitInner<T>(inner: Inner, v: InnerVisitor<T>): T {
  switch (inner.kind) {
    case 'same': return v.same(inner)
    case 'inline': return v.inline(inner)
    case 'children': return v.children(inner)
    case 'cells': return v.cells(inner)
    case 'whole': return v.whole(inner)
  }
}
