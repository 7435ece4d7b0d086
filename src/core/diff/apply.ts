// Building a document from a comparison and a decision per change: the A
// side (rejected) or the B side (accepted). Every change is independent, so
// any mix is a valid document; all B gives B and all A gives A, exactly.
import type { DocumentMeta } from '../document.js'
import { detokenize, splitParagraphs } from './tokens.js'
import type { Comparison, Inner, NodeJSON, Row, Shell } from './types.js'

export type Side = 'a' | 'b'

/** Builds metadata and content with each change taken from the side `decide` picks. */
export function applyDecisions(cmp: Comparison, decide: (changeId: string) => Side): { meta: DocumentMeta; content: { type: 'doc'; content: NodeJSON[] } } {
  const moveInner = new Map<string, Inner>()
  const collect = (rows: Row[]) => {
    for (const r of rows) if (r.op === 'moveTo') moveInner.set(r.id, r.inner)
  }
  collect(cmp.rows)
  const meta: DocumentMeta = {}
  for (const m of cmp.meta) {
    const value = m.id && decide(m.id) === 'a' ? m.a : m.b
    if (value !== undefined) meta[m.key] = value
  }
  return { meta, content: { type: 'doc', content: buildRows(cmp.rows, decide, moveInner) } }
}

const CONTAINERS = new Set(['bullet_list', 'ordered_list', 'list_item'])

function buildRows(rows: Row[], decide: (id: string) => Side, moveInner: Map<string, Inner>): NodeJSON[] {
  const out: NodeJSON[] = []
  // A list whose every item was declined is no list at all: leave it out.
  const push = (node: NodeJSON) => {
    if (!(CONTAINERS.has(node.type) && !node.content?.length)) out.push(node)
  }
  for (const r of rows) {
    switch (r.op) {
      case 'equal':
        out.push(r.node)
        break
      case 'delete':
        if (decide(r.id) === 'a') out.push(r.node)
        break
      case 'insert':
        if (decide(r.id) === 'b') out.push(r.node)
        break
      case 'modify':
        push(buildInner(r.inner, decide, moveInner))
        break
      case 'moveFrom':
        if (decide(r.id) === 'a') push(buildInner(moveInner.get(r.id)!, decide, moveInner))
        break
      case 'moveTo':
        if (decide(r.id) === 'b') push(buildInner(r.inner, decide, moveInner))
        break
      case 'group':
        out.push(...splitParagraphs(r.parts.flatMap((p) => ('eq' in p ? p.eq : decide(p.id) === 'a' ? p.del : p.ins))))
        break
    }
  }
  return out
}

function withShell(shell: Shell, content: NodeJSON[] | undefined): NodeJSON {
  const node: NodeJSON = { type: shell.type }
  if (shell.attrs) node.attrs = shell.attrs
  if (content && content.length) node.content = content
  return node
}

/** Builds one block from how it changed. */
export function buildInner(inner: Inner, decide: (id: string) => Side, moveInner: Map<string, Inner> = new Map()): NodeJSON {
  switch (inner.kind) {
    case 'same':
      return inner.node
    case 'inline': {
      const shell = inner.shellChange && decide(inner.shellChange) === 'a' ? inner.a : inner.b
      const tokens = inner.parts.flatMap((p) => ('eq' in p ? p.eq : decide(p.id) === 'a' ? p.del : p.ins))
      return withShell(shell, detokenize(tokens))
    }
    case 'children': {
      const shell = inner.shellChange && decide(inner.shellChange) === 'a' ? inner.a : inner.b
      return withShell(shell, buildRows(inner.rows, decide, moveInner))
    }
    case 'cells':
      return withShell(inner.shell, inner.rows.map((row) => withShell(row.shell, row.cells.map((c) => ('eq' in c ? c.eq : decide(c.id) === 'a' ? c.a : c.b)))))
    case 'whole':
      return decide(inner.id) === 'a' ? inner.a : inner.b
  }
}
