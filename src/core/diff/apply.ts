// Building a document from a comparison and a decision per change: the A
// side (rejected) or the B side (accepted). Every change is independent, so
// any mix is a valid document; all B gives B and all A gives A, exactly.
import type { DocumentMeta } from '../document.js'
import { detokenize, splitParagraphs } from './tokens.js'
import type { Comparison, Inner, NodeJSON, Row, Shell } from './types.js'
import { moveInners, visitInner, visitRows } from './visit.js'

export type Side = 'a' | 'b'

/** Builds metadata and content with each change taken from the side `decide` picks. */
export function applyDecisions(cmp: Comparison, decide: (changeId: string) => Side): { meta: DocumentMeta; content: { type: 'doc'; content: NodeJSON[] } } {
  const meta: DocumentMeta = {}
  for (const m of cmp.meta) {
    const value = m.id && decide(m.id) === 'a' ? m.a : m.b
    if (value !== undefined) meta[m.key] = value
  }
  return { meta, content: { type: 'doc', content: buildRows(cmp.rows, decide, moveInners(cmp.rows)) } }
}

const CONTAINERS = new Set(['bullet_list', 'ordered_list', 'list_item'])

function buildRows(rows: Row[], decide: (id: string) => Side, moves: ReadonlyMap<string, Inner>): NodeJSON[] {
  const build = (inner: Inner) => buildInner(inner, decide, moves)
  const blocks = visitRows<NodeJSON[]>(rows, {
    equal: (node) => [node],
    deleted: (node, id) => (decide(id) === 'a' ? [node] : []),
    inserted: (node, id) => (decide(id) === 'b' ? [node] : []),
    modified: (inner) => [build(inner)],
    movedFrom: (inner, id) => (decide(id) === 'a' ? [build(inner)] : []),
    movedTo: (inner, id) => (decide(id) === 'b' ? [build(inner)] : []),
    group: (parts) => splitParagraphs(parts.flatMap((p) => ('eq' in p ? p.eq : decide(p.id) === 'a' ? p.del : p.ins))),
  }, moves)
  // A list whose every item was declined is no list at all: leave it out.
  return blocks.flat().filter((node) => !(CONTAINERS.has(node.type) && !node.content?.length))
}

function withShell(shell: Shell, content: NodeJSON[] | undefined): NodeJSON {
  const node: NodeJSON = { type: shell.type }
  if (shell.attrs) node.attrs = shell.attrs
  if (content && content.length) node.content = content
  return node
}

/** Builds one block from how it changed. */
export function buildInner(inner: Inner, decide: (id: string) => Side, moves: ReadonlyMap<string, Inner> = new Map()): NodeJSON {
  const shellOf = (i: { shellChange?: string; a: Shell; b: Shell }) => (i.shellChange && decide(i.shellChange) === 'a' ? i.a : i.b)
  return visitInner<NodeJSON>(inner, {
    same: (i) => i.node,
    inline: (i) => withShell(shellOf(i), detokenize(i.parts.flatMap((p) => ('eq' in p ? p.eq : decide(p.id) === 'a' ? p.del : p.ins)))),
    children: (i) => withShell(shellOf(i), buildRows(i.rows, decide, moves)),
    cells: (i) => withShell(i.shell, i.rows.map((row) => withShell(row.shell, row.cells.map((c) => ('eq' in c ? c.eq : decide(c.id) === 'a' ? c.a : c.b))))),
    whole: (i) => (decide(i.id) === 'a' ? i.a : i.b),
  })
}
