// diff-match-patch over sequences of anything: each distinct item is mapped
// to one character, so the library's Myers diff and its cleanups work on
// whole items (blocks, words) instead of letters.
import DiffMatchPatch from 'diff-match-patch'

export type SeqOp = { op: -1 | 0 | 1; count: number }

const dmp = new DiffMatchPatch()
dmp.Diff_Timeout = 0

/** Diffs two sequences of keys; `semantic` runs diff-match-patch's semantic cleanup. */
export function diffSequences(a: readonly string[], b: readonly string[], semantic: boolean): SeqOp[] {
  const codes = new Map<string, string>()
  let next = 0x100
  const encode = (keys: readonly string[]) => {
    let out = ''
    for (const key of keys) {
      let ch = codes.get(key)
      if (ch === undefined) {
        if (next === 0xd800) next = 0xe000 // skip surrogates: one item must stay one UTF-16 unit
        if (next > 0xffff) throw new RangeError('Too many distinct items to compare in one sequence (more than 63,000).')
        ch = String.fromCharCode(next++)
        codes.set(key, ch)
      }
      out += ch
    }
    return out
  }
  const sa = encode(a)
  const sb = encode(b)
  const diffs = dmp.diff_main(sa, sb, false)
  if (semantic) dmp.diff_cleanupSemantic(diffs)
  return diffs.map(([op, text]) => ({ op: op as -1 | 0 | 1, count: text.length }))
}
