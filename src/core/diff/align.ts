// Aligning two lists of blocks.
//
// 1. Blocks that are identical (same canonical JSON) are anchored with a
//    longest-common-subsequence diff over the whole list; most of a letter
//    between two drafts is anchored here, at the cost of one diff over block
//    keys.
// 2. Between two anchors lies a gap: blocks only in A and blocks only in B.
//    Within a gap, blocks are paired in order when they are alike (edited in
//    place): first from both ends with a strict threshold, then the middle by
//    dynamic programming (small gaps) or a forward window (large gaps).
// 3. What is still unpaired may have moved: an A block and a B block in
//    different places that are identical, or alike and long enough, are a
//    move, not a deletion and an insertion.
// Between 2 and 3: a gap of paragraphs whose leftover blocks are contained in
// the other side (a paragraph split in two, or two merged into one) becomes a
// group, diffed word by word with the paragraph starts as tokens.
import type { NodeJSON } from './types.js'
import { diffSequences } from './char-diff.js'
import { containment, profile, similarity, trimWordIds, type Profile } from './similarity.js'

export interface Alignment {
  /** Monotone pairs [ai, bi]; `equal` when the blocks are identical. */
  pairs: { ai: number; bi: number; equal: boolean }[]
  /** Runs of paragraphs merged or split between A and B, in order with the pairs. */
  groups: { as: number[]; bs: number[] }[]
  moves: { ai: number; bi: number }[]
  deleted: number[]
  inserted: number[]
}

const PAIR_EDGE = 0.5
const PAIR_MIDDLE = 0.3
const MOVE_MIN = 0.35
const MOVE_MIN_WORDS = 8
const DP_LIMIT = 10_000
const MOVE_LIMIT = 40_000
const GROUP_MAX = 8
const GROUP_CONTAINED = 0.6
const TEXTBLOCKS = new Set(['paragraph', 'heading'])

/** Aligns blocks of A with blocks of B; see the essay above. */
export function alignNodes(a: readonly NodeJSON[], b: readonly NodeJSON[], options: { moves: boolean }): Alignment {
  if (options.moves) trimWordIds()
  const ka = a.map((n) => JSON.stringify(n))
  const kb = b.map((n) => JSON.stringify(n))
  const pa: (Profile | undefined)[] = []
  const pb: (Profile | undefined)[] = []
  const profA = (i: number) => (pa[i] ??= profile(a[i]))
  const profB = (j: number) => (pb[j] ??= profile(b[j]))
  const sim = (i: number, j: number) => similarity(profA(i), profB(j))

  const pairs: Alignment['pairs'] = []
  const gapPairs: Alignment['pairs'] = []
  const groups: Alignment['groups'] = []
  let ia = 0
  let ib = 0
  let gapA: number[] = []
  let gapB: number[] = []
  const closeGap = () => {
    if (gapA.length && gapB.length) {
      const found = pairGap(gapA, gapB, sim, (i, j) => profA(i).family === profB(j).family).map((p) => (ka[p.ai] === kb[p.bi] ? { ...p, equal: true } : p))
      const merged = attachMergedParagraphs(gapA, gapB, found)
      gapPairs.push(...merged.pairs)
      groups.push(...merged.groups)
    }
    gapA = []
    gapB = []
  }

  /**
   * A leftover paragraph right next to a paired one, whose words the other
   * side of that pair contains, was merged into it (or split from it): the
   * pair becomes a group with it. Runs of such paragraphs chain.
   */
  const attachMergedParagraphs = (as: number[], bs: number[], found: Alignment['pairs']) => {
    type Group = { as: number[]; bs: number[]; pairs: number }
    const isText = (n: NodeJSON) => TEXTBLOCKS.has(n.type)
    const groupOfA = new Map<number, Group>()
    const groupOfB = new Map<number, Group>()
    for (const p of found) {
      if (!isText(a[p.ai]) || !isText(b[p.bi])) continue
      const g: Group = { as: [p.ai], bs: [p.bi], pairs: 1 }
      groupOfA.set(p.ai, g)
      groupOfB.set(p.bi, g)
    }
    const leftA = as.filter((i) => !found.some((p) => p.ai === i) && isText(a[i]))
    const leftB = bs.filter((j) => !found.some((p) => p.bi === j) && isText(b[j]))
    const contained = (part: Profile, others: number[], prof: (k: number) => Profile) => containment(part, others.map(prof)) >= GROUP_CONTAINED
    const attach = (left: number[], groupOf: Map<number, Group>, side: 'as' | 'bs', other: 'as' | 'bs', profSelf: (k: number) => Profile, profOther: (k: number) => Profile) => {
      const tryAttach = (k: number, neighbour: number) => {
        const g = groupOf.get(neighbour)
        if (!g || g[side].length + g[other].length >= GROUP_MAX || !contained(profSelf(k), g[other], profOther)) return false
        g[side].push(k)
        groupOf.set(k, g)
        return true
      }
      const rest = left.filter((k) => !tryAttach(k, k - 1))
      for (const k of [...rest].reverse()) tryAttach(k, k + 1)
    }
    // Ascending, so a run after a pair chains; then descending for runs before one.
    attach(leftA, groupOfA, 'as', 'bs', profA, profB)
    attach(leftB, groupOfB, 'bs', 'as', profB, profA)
    const groups = new Set([...groupOfA.values()].filter((g) => g.as.length + g.bs.length > 2))
    const inGroup = (p: { ai: number }) => [...groups].some((g) => g.as.includes(p.ai))
    return {
      pairs: found.filter((p) => !inGroup(p)),
      groups: [...groups].map((g) => ({ as: [...g.as].sort((x, y) => x - y), bs: [...g.bs].sort((x, y) => x - y) })),
    }
  }
  for (const [ai, bi] of equalAnchors(ka, kb, 0, ka.length, 0, kb.length)) {
    while (ia < ai) gapA.push(ia++)
    while (ib < bi) gapB.push(ib++)
    closeGap()
    pairs.push({ ai: ia++, bi: ib++, equal: true })
  }
  while (ia < a.length) gapA.push(ia++)
  while (ib < b.length) gapB.push(ib++)
  closeGap()
  pairs.push(...gapPairs)
  pairs.sort((x, y) => x.bi - y.bi)

  const pairedA = new Set([...pairs.map((p) => p.ai), ...groups.flatMap((g) => g.as)])
  const pairedB = new Set([...pairs.map((p) => p.bi), ...groups.flatMap((g) => g.bs)])
  let deleted = a.map((_, i) => i).filter((i) => !pairedA.has(i))
  let inserted = b.map((_, j) => j).filter((j) => !pairedB.has(j))
  const moves: Alignment['moves'] = []

  if (options.moves && deleted.length && inserted.length) {
    // Identical blocks first: a paragraph moved as it was.
    const byKey = new Map<string, number[]>()
    for (const j of inserted) byKey.set(kb[j], [...(byKey.get(kb[j]) ?? []), j])
    for (const i of deleted) {
      const js = byKey.get(ka[i])
      if (js?.length) moves.push({ ai: i, bi: js.shift()! })
    }
    // Then blocks alike enough, best pairs first.
    const movedA = new Set(moves.map((m) => m.ai))
    const movedB = new Set(moves.map((m) => m.bi))
    const restA = deleted.filter((i) => !movedA.has(i) && profA(i).words >= MOVE_MIN_WORDS)
    const restB = inserted.filter((j) => !movedB.has(j) && profB(j).words >= MOVE_MIN_WORDS)
    if (restA.length * restB.length <= MOVE_LIMIT) {
      const candidates: { ai: number; bi: number; s: number }[] = []
      for (const i of restA) for (const j of restB) {
        const s = sim(i, j)
        if (s >= MOVE_MIN) candidates.push({ ai: i, bi: j, s })
      }
      candidates.sort((x, y) => y.s - x.s)
      for (const c of candidates) {
        if (movedA.has(c.ai) || movedB.has(c.bi)) continue
        movedA.add(c.ai)
        movedB.add(c.bi)
        moves.push({ ai: c.ai, bi: c.bi })
      }
    }
    const mA = new Set(moves.map((m) => m.ai))
    const mB = new Set(moves.map((m) => m.bi))
    deleted = deleted.filter((i) => !mA.has(i))
    inserted = inserted.filter((j) => !mB.has(j))
  }
  return { pairs, groups, moves, deleted, inserted }
}

const MYERS_LIMIT = 250_000
/** Key comparisons the histogram anchoring may spend on one alignment; past it, the rest is left unanchored. */
const HISTOGRAM_BUDGET = 50_000_000

/**
 * Identical blocks to anchor on, in order. A Myers diff (diff-match-patch)
 * finds the longest common subsequence, but costs the product of the sizes
 * when nearly every block changed; above a size the region is split first
 * by a histogram diff (git's model): anchor on a run of identical blocks
 * built from the least frequent blocks, the longest such run, and recurse
 * on each side of it, down to regions small enough for Myers. Unlike
 * anchoring on blocks that occur once (patience diff), this holds when
 * every block occurs several times: a Q&A with the same boilerplate, a
 * letter pasted in twice.
 */
function equalAnchors(ka: string[], kb: string[], a0: number, a1: number, b0: number, b1: number): [number, number][] {
  const out: [number, number][] = []
  if ((a1 - a0) * (b1 - b0) <= MYERS_LIMIT) {
    myersInto(out, ka, kb, a0, a1, b0, b1)
    return out
  }
  // Blocks as small integers: equal blocks, equal numbers.
  const ids = new Map<string, number>()
  const idOf = (k: string) => {
    let id = ids.get(k)
    if (id === undefined) ids.set(k, (id = ids.size))
    return id
  }
  const A = Int32Array.from(ka, idOf)
  const B = Int32Array.from(kb, idOf)
  let budget = HISTOGRAM_BUDGET
  const stack: [number, number, number, number][] = [[a0, a1, b0, b1]]
  while (stack.length) {
    let [s0, s1, t0, t1] = stack.pop()!
    // Equal ends are anchors as they are.
    while (s0 < s1 && t0 < t1 && A[s0] === B[t0]) out.push([s0++, t0++])
    while (s1 > s0 && t1 > t0 && A[s1 - 1] === B[t1 - 1]) out.push([--s1, --t1])
    if (s0 === s1 || t0 === t1) continue
    if ((s1 - s0) * (t1 - t0) <= MYERS_LIMIT) {
      myersInto(out, ka, kb, s0, s1, t0, t1)
      continue
    }
    const best = longestRareRun(A, B, s0, s1, t0, t1, budget)
    budget = best.budget
    if (!best.run) continue // nothing in common (or out of budget): all of it changed
    const { a, b, length } = best.run
    for (let k = 0; k < length; k++) out.push([a + k, b + k])
    stack.push([s0, a, t0, b], [a + length, s1, b + length, t1])
  }
  return out.sort((x, y) => x[0] - y[0])
}

function myersInto(out: [number, number][], ka: string[], kb: string[], a0: number, a1: number, b0: number, b1: number): void {
  let ia = a0
  let ib = b0
  for (const { op, count } of diffSequences(ka.slice(a0, a1), kb.slice(b0, b1), false)) {
    if (op === 0) for (let k = 0; k < count; k++) out.push([ia++, ib++])
    else if (op === -1) ia += count
    else ib += count
  }
}

/**
 * The run of identical blocks to split a region at: among the runs that
 * start at a block of B and an occurrence of it in A, the one whose rarest
 * block is rarest in A, then the longest, then the nearest the diagonal. Blocks that occur more often than
 * the rarest common block by far are not tried as starts (git's chain
 * limit, here relative), and B skips ahead over each run it found.
 */
function longestRareRun(A: Int32Array, B: Int32Array, a0: number, a1: number, b0: number, b1: number, budget: number): { run: { a: number; b: number; length: number } | null; budget: number } {
  const where = new Map<number, number[]>()
  for (let i = a0; i < a1; i++) {
    const list = where.get(A[i])
    if (list) list.push(i)
    else where.set(A[i], [i])
  }
  let rarest = Infinity
  for (let j = b0; j < b1; j++) {
    const n = where.get(B[j])?.length
    if (n !== undefined && n < rarest) rarest = n
  }
  if (rarest === Infinity) return { run: null, budget }
  const chainLimit = Math.max(64, rarest)
  let best: { a: number; b: number; length: number; count: number; skew: number } | null = null
  for (let j = b0; j < b1;) {
    let next = j + 1
    const list = where.get(B[j])
    if (list && list.length <= chainLimit && (!best || list.length <= best.count)) {
      for (const i of list) {
        let s = i
        let t = j
        let count = list.length
        while (s > a0 && t > b0 && A[s - 1] === B[t - 1]) {
          s--
          t--
          count = Math.min(count, where.get(A[s])!.length)
        }
        let e = i + 1
        let f = j + 1
        while (e < a1 && f < b1 && A[e] === B[f]) {
          count = Math.min(count, where.get(A[e])!.length)
          e++
          f++
        }
        budget -= e - s + 1
        if (f > next) next = f
        // Of equal runs (a text repeated), the one nearest the diagonal: the n-th copy in B goes with the n-th in A.
        const skew = Math.abs((s - a0) / (a1 - a0) - (t - b0) / (b1 - b0))
        if (!best || count < best.count || (count === best.count && (e - s > best.length || (e - s === best.length && skew < best.skew)))) best = { a: s, b: t, length: e - s, count, skew }
        if (budget <= 0) return { run: best, budget }
      }
    }
    j = next
  }
  return { run: best, budget }
}

/** Pairs alike blocks inside one gap, keeping their order. */
function pairGap(as: number[], bs: number[], sim: (i: number, j: number) => number, sameFamily: (i: number, j: number) => boolean): Alignment['pairs'] {
  // Edited in place: as many blocks on both sides, nearly all alike one to
  // one. Then every same-kind pair is an edit, even a heading reworded past
  // recognition; this is also what keeps a heavily edited long letter linear.
  if (as.length === bs.length && as.length >= 3) {
    let alike = 0
    for (let k = 0; k < as.length; k++) if (sim(as[k], bs[k]) >= PAIR_MIDDLE) alike++
    if (alike >= 0.8 * as.length) {
      return as.flatMap((i, k) => (sameFamily(i, bs[k]) ? [{ ai: i, bi: bs[k], equal: false }] : []))
    }
  }
  const out: Alignment['pairs'] = []
  let lo = 0
  let hiA = as.length
  let hiB = bs.length
  while (lo < hiA && lo < hiB && sim(as[lo], bs[lo]) >= PAIR_EDGE) {
    out.push({ ai: as[lo], bi: bs[lo], equal: false })
    lo++
  }
  const tail: Alignment['pairs'] = []
  while (hiA > lo && hiB > lo && sim(as[hiA - 1], bs[hiB - 1]) >= PAIR_EDGE) {
    tail.push({ ai: as[hiA - 1], bi: bs[hiB - 1], equal: false })
    hiA--
    hiB--
  }
  const midA = as.slice(lo, hiA)
  const midB = bs.slice(lo, hiB)
  if (midA.length && midB.length) {
    if (midA.length * midB.length <= DP_LIMIT) out.push(...pairByDp(midA, midB, sim))
    else out.push(...pairByWindow(midA, midB, sim))
  }
  return [...out, ...tail.reverse()]
}

/** Best order-keeping pairing: maximal total similarity over pairs above the threshold. */
function pairByDp(as: number[], bs: number[], sim: (i: number, j: number) => number): Alignment['pairs'] {
  const n = as.length
  const m = bs.length
  const score = new Float64Array((n + 1) * (m + 1))
  const at = (i: number, j: number) => i * (m + 1) + j
  const s = (i: number, j: number) => {
    const v = sim(as[i], bs[j])
    return v >= PAIR_MIDDLE ? v : -1
  }
  const sims = new Float64Array(n * m)
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) sims[i * m + j] = s(i, j)
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const v = sims[i * m + j]
      score[at(i, j)] = Math.max(score[at(i + 1, j)], score[at(i, j + 1)], v > 0 ? v + score[at(i + 1, j + 1)] : -Infinity)
    }
  }
  const out: Alignment['pairs'] = []
  let i = 0
  let j = 0
  while (i < n && j < m) {
    const v = sims[i * m + j]
    if (v > 0 && score[at(i, j)] === v + score[at(i + 1, j + 1)]) {
      out.push({ ai: as[i], bi: bs[j], equal: false })
      i++
      j++
    } else if (score[at(i, j)] === score[at(i + 1, j)]) i++
    else j++
  }
  return out
}

/** For large gaps: each A block pairs with the best alike B block in a window ahead. */
function pairByWindow(as: number[], bs: number[], sim: (i: number, j: number) => number): Alignment['pairs'] {
  const out: Alignment['pairs'] = []
  let from = 0
  for (const i of as) {
    let best = -1
    let bestSim = PAIR_MIDDLE
    for (let k = from; k < Math.min(bs.length, from + 40); k++) {
      const v = sim(i, bs[k])
      if (v > bestSim) {
        bestSim = v
        best = k
      }
    }
    if (best >= 0) {
      out.push({ ai: i, bi: bs[best], equal: false })
      from = best + 1
    }
  }
  return out
}
