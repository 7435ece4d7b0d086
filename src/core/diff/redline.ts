// A comparison as reading matter: a list of blocks, each a run of segments
// that are equal, inserted or deleted (or the two ends of a move). The CLI's
// text and HTML output are drawn from it.
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
export function movesUp(cmp: Comparison): Set<string> {
  const from = new Map<string, number>()
  const up = new Set<string>()
  cmp.rows.forEach((r, i) => { if (r.op === 'moveFrom') from.set(r.id, i) })
  cmp.rows.forEach((r, i) => { if (r.op === 'moveTo' && i < (from.get(r.id) ?? -1)) up.add(r.id) })
  return up
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

/** The redline for a terminal: [-deleted-]{+inserted+}, in colour when asked. */
export function redlineText(cmp: Comparison, color: boolean, clean: (text: string) => string = (t) => t): string {
  // `clean` takes control characters out of the document's text before our own colour codes go in.
  const paint = (s: Segment) => {
    const text = clean(s.text)
    if (s.kind === 'eq') return text
    if (color) return s.kind === 'del' ? `\x1b[31;9m${text}\x1b[0m` : `\x1b[32;4m${text}\x1b[0m`
    return s.kind === 'del' ? `[-${text}-]` : `{+${text}+}`
  }
  const up = movesUp(cmp)
  const lines = redlineBlocks(cmp).map((b) => {
    const label = moveLabels(up.has(b.change ?? ''))
    const prefix = b.role === 'moved-from' ? `(${label.from}) ` : b.role === 'moved-to' ? `(${label.to}) ` : ''
    return prefix + b.segments.map(paint).join('')
  })
  const s = cmp.stats
  return `${lines.join('\n\n')}\n\n— ${cmp.changes.length} wijzigingen: ${s.insertedWords} woorden ingevoegd, ${s.deletedWords} verwijderd, ${s.movedBlocks} alinea's verplaatst, ${s.changedBlocks} blokken gewijzigd.\n`
}

const escapeHtml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** A standalone HTML page with the redline (no scripts, no external resources). */
export function redlineHtml(cmp: Comparison, title: string): string {
  const up = movesUp(cmp)
  const body = redlineBlocks(cmp).map((b) => {
    const cls = b.role === 'normal' ? '' : ` class="${b.role}" data-label="${moveLabels(up.has(b.change ?? ''))[b.role === 'moved-from' ? 'from' : 'to']}"`
    const inner = b.segments.map((s) => (s.kind === 'eq' ? escapeHtml(s.text) : `<${s.kind} data-change="${s.change ?? ''}">${escapeHtml(s.text)}</${s.kind}>`)).join('')
    return `<p${cls}>${inner.replace(/\n/g, '<br>')}</p>`
  }).join('\n')
  const s = cmp.stats
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>body{font:10pt/1.6 Verdana,sans-serif;max-width:48em;margin:2em auto;color:#111}ins{color:#1a5fb4;text-decoration:underline}del{color:#c01c28;text-decoration:line-through}.moved-from,.moved-to{border-left:3px solid #26a269;padding-left:.6em}.moved-from::before,.moved-to::before{content:attr(data-label) ": ";color:#26a269}.summary{color:#555;border-top:1px solid #ccc;padding-top:.5em}</style>
</head><body><h1>${escapeHtml(title)}</h1>
${body}
<p class="summary">${cmp.changes.length} wijzigingen: ${s.insertedWords} woorden ingevoegd, ${s.deletedWords} verwijderd, ${s.movedBlocks} alinea's verplaatst, ${s.changedBlocks} blokken gewijzigd.</p>
</body></html>
`
}
