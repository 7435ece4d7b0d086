// Reading a group (paragraphs merged or split, see align.ts) back as
// paragraphs for one view. The group's tokens carry paragraph starts (¶);
// which of them start a paragraph depends on the view: the A side draws A's
// paragraphs, the B side B's, and the combined redline only the unchanged
// ones, showing a changed paragraph start as a ¶ in the text.
import type { InlinePart, Shell, Token } from './types.js'

export interface GroupRun {
  kind: 'eq' | 'ins' | 'del'
  tokens: Token[]
  /** The change this run belongs to (not for 'eq'). */
  id?: string
  /** A changed paragraph start, drawn as ¶ (tokens is then empty). */
  pilcrow?: boolean
}

export interface GroupBlock {
  shell: Shell
  runs: GroupRun[]
}

/**
 * Splits a group into paragraphs. `show` picks the sides that appear (A:
 * equal and deleted; B: equal and inserted; both); `structure` says whose
 * paragraph starts start a paragraph besides the unchanged ones.
 */
export function groupBlocks(parts: InlinePart[], show: 'a' | 'b' | 'both', structure: 'a' | 'b' | 'eq'): GroupBlock[] {
  const blocks: GroupBlock[] = []
  let current: GroupBlock | null = null
  const ensure = (): GroupBlock => {
    if (!current) blocks.push((current = { shell: { type: 'paragraph' }, runs: [] }))
    return current
  }
  for (const p of parts) {
    const pieces: [GroupRun['kind'], Token[], string | undefined][] = 'eq' in p
      ? [['eq', p.eq, undefined]]
      : [...(show !== 'b' ? [['del', p.del, p.id] as const] : []), ...(show !== 'a' ? [['ins', p.ins, p.id] as const] : [])].map(([k, t, id]) => [k, t, id])
    for (const [kind, tokens, id] of pieces) {
      for (const t of tokens) {
        if ('p' in t) {
          const starts = kind === 'eq' || (structure === 'a' && kind === 'del') || (structure === 'b' && kind === 'ins')
          if (starts) blocks.push((current = { shell: t.p, runs: [] }))
          else ensure().runs.push({ kind, tokens: [], id, pilcrow: true })
          continue
        }
        const runs = ensure().runs
        const last = runs[runs.length - 1]
        if (last && !last.pilcrow && last.kind === kind && last.id === id) last.tokens.push(t)
        else runs.push({ kind, tokens: [t], id })
      }
    }
  }
  return blocks
}
