// Drawing a comparison as DOM: the inline redline (one column, deletions
// struck through, insertions underlined) and the side-by-side view (A left,
// B right, one grid row per aligned block so matching paragraphs stand level
// and both sides scroll together). Every changed element carries
// data-change, so the change list can find, highlight and scroll to it.
import { DOMSerializer, Fragment, Node as PMNode } from 'prosemirror-model'
import { schema } from '../core/schema.js'
import type { Change, Comparison, Inner, InlinePart, Row, Token } from '../service/contract.js'
import type { NodeJSON } from '../core/document.js'
import { h } from './dom.js'
import { groupBlocks } from '../core/diff/group.js'
import { detokenize } from '../core/diff/tokens.js'
import { moveLabels, movesUp } from '../core/diff/redline.js'
import { moveInners, visitInner, visitRow } from '../core/diff/visit.js'

const serializer = DOMSerializer.fromSchema(schema)
type Side = 'a' | 'b'

function nodeDom(json: NodeJSON): HTMLElement {
  return serializer.serializeNode(PMNode.fromJSON(schema, json)) as HTMLElement
}

/** An empty element of a block type (paragraph, heading, list, …) to fill. */
function shellDom(shell: { type: string; attrs?: Record<string, unknown> }): HTMLElement {
  const type = schema.nodes[shell.type]
  const node = type.isTextblock ? type.create(shell.attrs ?? null) : type.createAndFill(shell.attrs ?? null)!
  const spec = type.spec.toDOM!(node)
  const { dom } = DOMSerializer.renderSpec(document, spec)
  ;(dom as HTMLElement).replaceChildren()
  return dom as HTMLElement
}

function tokensDom(tokens: Token[]): DocumentFragment {
  const inline = detokenize(tokens.filter((t) => !('p' in t)))
  return serializer.serializeFragment(Fragment.fromJSON(schema, inline)) as DocumentFragment
}

function mark(kind: 'ins' | 'del', id: string, content: Node, changes: Map<string, Change>): HTMLElement {
  const change = changes.get(id)
  const el = h(kind, { 'data-change': id, className: change?.kind === 'format' ? 'fmt' : null, title: change?.detail ?? null })
  el.append(content)
  return el
}

export interface RedlineContext {
  changes: Map<string, Change>
  moveInner: ReadonlyMap<string, Inner>
  /** Moves whose paragraph went up. */
  movesUp: Set<string>
}

export function redlineContext(cmp: Comparison): RedlineContext {
  return { changes: new Map(cmp.changes.map((c) => [c.id, c])), moveInner: moveInners(cmp.rows), movesUp: movesUp(cmp) }
}

/** Inline parts on one side ('a', 'b') or both ('both': del then ins). */
function partsDom(parts: InlinePart[], side: Side | 'both', ctx: RedlineContext, into: HTMLElement) {
  for (const p of parts) {
    if ('eq' in p) {
      into.append(tokensDom(p.eq))
      continue
    }
    const change = ctx.changes.get(p.id)
    // A format change shows the new formatting once, marked; not struck and re-typed.
    if (change?.kind === 'format' && side === 'both') {
      into.append(mark('ins', p.id, tokensDom(p.ins), ctx.changes))
      continue
    }
    if ((side === 'a' || side === 'both') && p.del.length) into.append(mark('del', p.id, tokensDom(p.del), ctx.changes))
    if ((side === 'b' || side === 'both') && p.ins.length) into.append(mark('ins', p.id, tokensDom(p.ins), ctx.changes))
  }
}

/** Draws how a paired block changed, on one side or both. */
function innerDom(inner: Inner, side: Side | 'both', ctx: RedlineContext): HTMLElement[] {
  return visitInner<HTMLElement[]>(inner, {
    same: (i) => [nodeDom(i.node)],
    inline: (i) => {
      const el = shellDom(side === 'a' ? i.a : i.b)
      if (i.shellChange) {
        el.dataset.change = i.shellChange
        el.classList.add('fmt-block')
        el.title = ctx.changes.get(i.shellChange)?.detail ?? ''
      }
      partsDom(i.parts, side, ctx, el)
      return [el]
    },
    children: (i) => {
      const el = shellDom(side === 'a' ? i.a : i.b)
      if (i.shellChange) {
        el.dataset.change = i.shellChange
        el.classList.add('fmt-block')
      }
      for (const r of i.rows) el.append(...rowDom(r, side, ctx))
      return [el]
    },
    cells: (i) => {
      const table = h('table')
      const body = h('tbody')
      table.append(body)
      for (const row of i.rows) {
        const tr = h('tr')
        for (const c of row.cells) {
          if ('eq' in c) tr.append(nodeDom(c.eq))
          else {
            const cell = nodeDom(side === 'a' ? c.a : c.b)
            if (side === 'both') {
              const old = nodeDom(c.a)
              cell.replaceChildren(mark('del', c.id, fragmentOf(old), ctx.changes), mark('ins', c.id, fragmentOf(nodeDom(c.b)), ctx.changes))
            } else cell.replaceChildren(mark(side === 'a' ? 'del' : 'ins', c.id, fragmentOf(cell), ctx.changes))
            tr.append(cell)
          }
        }
        body.append(tr)
      }
      return [table]
    },
    whole: (i) => {
      const out: HTMLElement[] = []
      if (side !== 'b') out.push(wrapBlock(nodeDom(i.a), 'del', i.id))
      if (side !== 'a') out.push(wrapBlock(nodeDom(i.b), 'ins', i.id))
      return out
    },
  })
}

function fragmentOf(el: HTMLElement): DocumentFragment {
  const f = document.createDocumentFragment()
  f.append(...Array.from(el.childNodes))
  return f
}

function wrapBlock(el: HTMLElement, kind: 'ins' | 'del', id: string): HTMLElement {
  el.classList.add(kind === 'ins' ? 'block-ins' : 'block-del')
  el.dataset.change = id
  return el
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

function moveLabel(text: string, id: string): HTMLElement {
  return h('div', { className: 'move-label', 'data-change': id }, text)
}

/** The DOM of one row on a side; 'both' is the inline redline. */
export function rowDom(r: Row, side: Side | 'both', ctx: RedlineContext): HTMLElement[] {
  return visitRow<HTMLElement[]>(r, {
    equal: (node) => [nodeDom(node)],
    deleted: (node, id) => (side === 'b' ? [] : [wrapBlock(nodeDom(node), 'del', id)]),
    inserted: (node, id) => (side === 'a' ? [] : [wrapBlock(nodeDom(node), 'ins', id)]),
    modified: (inner) => innerDom(inner, side, ctx),
    movedFrom: (inner, id) => {
      if (side === 'b') return []
      const blocks = innerDom(inner, 'a', ctx)
      blocks.forEach((b) => { b.classList.add('moved-from'); b.dataset.change = id })
      const up = ctx.movesUp.has(id)
      return [moveLabel(`${capital(moveLabels(up).from)} ${up ? '↑' : '↓'}`, id), ...blocks]
    },
    movedTo: (inner, id) => {
      if (side === 'a') return []
      const blocks = innerDom(inner, side === 'b' ? 'b' : 'both', ctx)
      blocks.forEach((b) => { b.classList.add('moved-to'); if (!b.dataset.change) b.dataset.change = id })
      const up = ctx.movesUp.has(id)
      return [moveLabel(`${capital(moveLabels(up).to)} ${up ? '↓' : '↑'}`, id), ...blocks]
    },
    group: (parts) => groupDom(parts, side, ctx),
  }, ctx.moveInner)
}

/** Merged or split paragraphs: paragraph starts that changed show as ¶. */
function groupDom(parts: InlinePart[], side: Side | 'both', ctx: RedlineContext): HTMLElement[] {
  return groupBlocks(parts, side, side === 'both' ? 'eq' : side).map((block) => {
    const el = shellDom(block.shell)
    for (const run of block.runs) {
      // As in a single paragraph: a format change shows the new formatting once.
      if (side === 'both' && run.kind === 'del' && ctx.changes.get(run.id!)?.kind === 'format') continue
      const content = run.pilcrow ? document.createTextNode(' ¶ ') : tokensDom(run.tokens)
      el.append(run.kind === 'eq' ? content : mark(run.kind, run.id!, content, ctx.changes))
    }
    return el
  })
}

/**
 * The redline of a comparison, drawn a range of rows at a time: inline (both
 * sides merged in one column) or side by side (one grid row per aligned row,
 * A left and B right). The compare screen draws the first screen at once and
 * the rest in slices, so a 600 KB letter shows its first changes without
 * waiting for tens of thousands of elements.
 */
export function redlineView(cmp: Comparison, ctx: RedlineContext, view: 'inline' | 'side'): { root: HTMLElement; readonly rows: number; render(from: number, to: number): void; extend(whole: Comparison, wholeCtx: RedlineContext): void } {
  const root = view === 'side'
    ? h('div', { className: 'redline side-by-side', 'data-testid': 'side-by-side' })
    : h('div', { className: 'redline inline ProseMirror', 'data-testid': 'redline' })
  const render = (from: number, to: number) => {
    const out = document.createDocumentFragment()
    for (const r of cmp.rows.slice(from, to)) {
      if (view === 'inline') {
        out.append(...rowDom(r, 'both', ctx))
        continue
      }
      const left = h('div', { className: 'cell a ProseMirror' }, ...rowDom(r, 'a', ctx))
      const right = h('div', { className: 'cell b ProseMirror' }, ...rowDom(r, 'b', ctx))
      if (r.op !== 'equal') {
        left.classList.add('changed')
        right.classList.add('changed')
      }
      out.append(left, right)
    }
    root.append(out)
  }
  return {
    root,
    get rows() { return cmp.rows.length },
    render,
    /** The whole comparison after its first part: the rows drawn so far are the same, the rest follows. */
    extend(whole, wholeCtx) {
      cmp = whole
      ctx = wholeCtx
    },
  }
}
