// The CLI's redlines: text for a terminal ([-deleted-]{+inserted+}, in
// colour when asked) and a standalone HTML page, drawn from the redline
// blocks in core. Output formats of one transport live with it, not in core.
import { moveLabels, movesUp, redlineBlocks, type Segment } from '../core/diff/redline.js'
import type { Comparison } from '../core/diff/types.js'

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
