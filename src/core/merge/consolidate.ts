// Consolidating partners' returns onto the current draft: a three-way merge.
//
// S is the version that was sent, C the drafter's current version, and each
// return R a partner's text of S (tracked changes accepted). A proposal is
// one change from S to a return:
//
// - within a paragraph or heading that S and R both have, a run of words
//   (the compare engine's tokens: words, spaces, punctuation, footnotes)
//   replaced by other words: `text`, located by S's block and token range;
// - otherwise a run of S's blocks replaced by other blocks (a paragraph
//   inserted, deleted, a table or list changed): `blocks`, located by S's
//   block range (empty for a pure insertion between two blocks).
//
// Blocks are aligned with the compare engine without moves; a moved
// paragraph is a deletion and an insertion, which can only make a conflict
// more likely, never hide one. The two name each other (movedWith), so they
// are decided together. Comment anchors are not content.
//
// Each proposal is then rebased onto C through the changes S → C:
//
// - clean: the drafter left that range of S alone since sending;
// - conflict-draft: the drafter changed the same words (or the block);
// - conflict-partners: another partner changed the same words differently.
//
// The same change from several partners is one proposal, credited to all.
// Applying works on C only: declining everything gives C back exactly, and
// nothing depends on the order in which the returns came in (proposals are
// sorted by place, then id; credits by organisation).
import { contentKey, type NodeJSON } from '../document.js'
import { alignNodes } from '../diff/align.js'
import { diffSequences } from '../diff/char-diff.js'
import { detokenize, tokenKeys, tokenize, tokensText, nodeText } from '../diff/tokens.js'
import type { Token } from '../diff/types.js'

/** One return: its text with tracked changes accepted, and (when known) rejected. */
export interface ReturnText {
  id: string
  org: string
  /** Top-level blocks with the partner's tracked changes accepted. */
  blocks: NodeJSON[]
  /** The same with tracked changes rejected: where it differs from S, the partner edited without tracking. */
  base?: NodeJSON[]
}

export type ProposalStatus = 'clean' | 'conflict-draft' | 'conflict-partners'

/** Where in S a proposal applies. */
export type ProposalPlace =
  | { kind: 'text'; block: number; from: number; to: number }
  | { kind: 'blocks'; from: number; to: number }

export interface Proposal {
  /** Stable over reloads and new returns: derived from the place and the new content. */
  id: string
  place: ProposalPlace
  /** What replaces the place: tokens for text, blocks for blocks. */
  tokens?: Token[]
  blocks?: NodeJSON[]
  /** The returns (and their organisations, sorted) that made this very change. */
  returns: string[]
  orgs: string[]
  deleted: string
  inserted: string
  /** A few words of the sent text before and after the place, to read the proposal in. */
  before: string
  after: string
  /** What the current draft says at the place (for a clean proposal, what was sent). */
  current: string
  /** Made without track changes (found by comparing the return's base with S). */
  untracked: boolean
  status: ProposalStatus
  /** Proposals of other partners that change the same words differently. */
  conflictsWith: string[]
  /** The drafter changed this place since S was sent. */
  draftChanged: boolean
  /**
   * A paragraph the partner moved is two proposals, its deletion here and its
   * insertion there, each naming the other: they are taken over or declined
   * together, so a move never doubles or loses the paragraph.
   */
  movedWith: string | null
}

interface Hunk { from: number; to: number; tokens: Token[] }

const TEXTBLOCKS = new Set(['paragraph', 'heading'])
/** Tokens of context on each side (words and the spaces between them: about six words). */
const CONTEXT_TOKENS = 12
const sameShell = (x: NodeJSON, y: NodeJSON) => x.type === y.type && JSON.stringify(x.attrs ?? null) === JSON.stringify(y.attrs ?? null)
const isTextblock = (n: NodeJSON) => TEXTBLOCKS.has(n.type)
const isEmptyParagraph = (n: NodeJSON) => n.type === 'paragraph' && !(n.content ?? []).some((c) => c.type !== 'text' || (c.text ?? '').trim())

/** The word-token changes between two inline contents, as ranges of A replaced by tokens of B. */
function tokenHunks(a: Token[], b: Token[]): Hunk[] {
  const out: Hunk[] = []
  let ia = 0
  let ib = 0
  let start = -1
  let ins: Token[] = []
  const flush = () => {
    if (start >= 0) out.push({ from: start, to: ia, tokens: ins })
    start = -1
    ins = []
  }
  for (const { op, count } of diffSequences(tokenKeys(a), tokenKeys(b), true)) {
    if (op === 0) {
      flush()
      ia += count
      ib += count
    } else {
      if (start < 0) start = ia
      if (op === -1) ia += count
      else {
        ins = ins.concat(b.slice(ib, ib + count))
        ib += count
      }
    }
  }
  flush()
  return out
}

/** Two ranges touch: they overlap, or one is an insertion inside or at the edge of the other. */
function touches(a0: number, a1: number, b0: number, b1: number): boolean {
  if (a0 < b1 && b0 < a1) return true
  if (a0 === a1) return b0 <= a0 && a0 <= b1
  if (b0 === b1) return a0 <= b0 && b0 <= a1
  return false
}

/** The changes from S to another text, as places in S. */
interface Edits {
  texts: { block: number; hunk: Hunk }[]
  blocks: { from: number; to: number; blocks: NodeJSON[] }[]
}

function editsBetween(sent: NodeJSON[], returned: NodeJSON[]): Edits {
  // Empty paragraphs a word processor added (LibreOffice starts the body with
  // one) are nothing to decide, and left in they pull the aligner off the
  // paragraph next to them as soon as that one differs.
  const other = returned.filter((n) => !isEmptyParagraph(n))
  const alignment = alignNodes(sent, other, { moves: false })
  const pairs = [...alignment.pairs].sort((x, y) => x.ai - y.ai)
  const edits: Edits = { texts: [], blocks: [] }
  let pa = -1
  let pb = -1
  const gap = (ai: number, bi: number) => {
    if (ai > pa + 1 || bi > pb + 1) edits.blocks.push({ from: pa + 1, to: ai, blocks: other.slice(pb + 1, bi) })
  }
  for (const { ai, bi } of pairs) {
    gap(ai, bi)
    const s = sent[ai]
    const o = other[bi]
    if (contentKey(s) !== contentKey(o)) {
      if (isTextblock(s) && sameShell(s, o)) {
        for (const hunk of tokenHunks(tokenize(s.content), tokenize(o.content))) edits.texts.push({ block: ai, hunk })
      } else {
        edits.blocks.push({ from: ai, to: ai + 1, blocks: [o] })
      }
    }
    pa = ai
    pb = bi
  }
  gap(sent.length, other.length)
  return edits
}

/** What the drafter did to each block of S since sending. */
interface DraftView {
  /** S block → C block index, or -1 when the drafter deleted or replaced it. */
  cIndexOf: number[]
  /** C block → S block it continues, or -1 for a block the drafter added. */
  origin: number[]
  /** S block → the drafter's word changes in it (absent when unchanged). */
  hunks: Map<number, Hunk[]>
  /** Gaps of S (0 = before the first block) where the drafter added blocks, with those blocks. */
  insertedAt: Map<number, NodeJSON[]>
  /** C block → the gap of S it stands in, for blocks the drafter added (-1 for the others). */
  gapOf: number[]
}

function draftView(sent: NodeJSON[], current: NodeJSON[]): DraftView {
  const alignment = alignNodes(sent, current, { moves: false })
  const view: DraftView = { cIndexOf: sent.map(() => -1), origin: current.map(() => -1), hunks: new Map(), insertedAt: new Map(), gapOf: current.map(() => -1) }
  for (const { ai, bi } of alignment.pairs) {
    const s = sent[ai]
    const c = current[bi]
    if (contentKey(s) === contentKey(c)) {
      view.cIndexOf[ai] = bi
      view.origin[bi] = ai
    } else if (isTextblock(s) && sameShell(s, c)) {
      view.cIndexOf[ai] = bi
      view.origin[bi] = ai
      view.hunks.set(ai, tokenHunks(tokenize(s.content), tokenize(c.content)))
    }
  }
  // The gap of S each added block of C stands in.
  let lastOrigin = -1
  for (let bi = 0; bi < current.length; bi++) {
    if (view.origin[bi] >= 0) lastOrigin = view.origin[bi]
    else {
      view.gapOf[bi] = lastOrigin + 1
      view.insertedAt.set(lastOrigin + 1, [...(view.insertedAt.get(lastOrigin + 1) ?? []), current[bi]])
    }
  }
  return view
}

/** 53-bit FNV-1a, base 36: a short stable id without Node's crypto (core runs anywhere). */
function hashId(text: string): string {
  let h1 = 0x811c9dc5
  let h2 = 0x01000193
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0
  }
  return ((h2 & 0x1fffff) * 0x100000000 + h1).toString(36)
}

const blocksText = (blocks: NodeJSON[]) => blocks.map(nodeText).join('\n')
/** A few words at the end (or start) of a block, to say where a block proposal is. */
const lastWords = (block: NodeJSON | undefined) => (block ? nodeText(block).split(' ').slice(-6).join(' ') : '')
const firstWords = (block: NodeJSON | undefined) => (block ? nodeText(block).split(' ').slice(0, 6).join(' ') : '')

/** Every proposal of every return, rebased onto the current draft, in reading order. */
export function consolidate(sent: NodeJSON[], current: NodeJSON[], returns: ReturnText[]): Proposal[] {
  const draft = draftView(sent, current)
  const byId = new Map<string, Proposal>()
  // Returns in a fixed order, so credits and ties never depend on arrival.
  const ordered = [...returns].sort((x, y) => x.org.localeCompare(y.org, 'nl') || x.id.localeCompare(y.id))
  for (const r of ordered) {
    const edits = editsBetween(sent, r.blocks)
    const untracked = r.base ? editsBetween(sent, r.base) : null
    const add = (place: ProposalPlace, content: { tokens?: Token[]; blocks?: NodeJSON[] }, deleted: string, inserted: string, context: { before: string; after: string } = { before: '', after: '' }): string | null => {
      const key = JSON.stringify(place) + '|' + (content.tokens ? tokenKeys(content.tokens).join('\u0001') : content.blocks!.map(contentKey).join('\u0001'))
      const id = 'p' + hashId(key)
      const existing = byId.get(id)
      // Already in the draft (taken over earlier, or made by the drafter too): nothing to decide.
      if (alreadyInDraft(place, content, draft)) return null
      const isUntracked = !!untracked && placeTouchedBy(place, untracked)
      if (existing) {
        if (!existing.returns.includes(r.id)) existing.returns.push(r.id)
        if (!existing.orgs.includes(r.org)) existing.orgs.push(r.org)
        existing.untracked ||= isUntracked
        return id
      }
      byId.set(id, { id, place, ...content, returns: [r.id], orgs: [r.org], deleted, inserted, ...context, current: deleted, untracked: isUntracked, status: 'clean', conflictsWith: [], draftChanged: false, movedWith: null })
      return id
    }
    for (const { block, hunk } of edits.texts) {
      const sTokens = tokenize(sent[block].content)
      add({ kind: 'text', block, from: hunk.from, to: hunk.to }, { tokens: hunk.tokens }, tokensText(sTokens.slice(hunk.from, hunk.to)), tokensText(hunk.tokens), {
        before: tokensText(sTokens.slice(Math.max(0, hunk.from - CONTEXT_TOKENS), hunk.from)),
        after: tokensText(sTokens.slice(hunk.to, hunk.to + CONTEXT_TOKENS)),
      })
    }
    const removals: { id: string; key: string }[] = []
    const insertions: { id: string; key: string }[] = []
    for (const e of edits.blocks) {
      // Word processors add and drop empty paragraphs (after a table, at the end): nothing to decide.
      if ([...sent.slice(e.from, e.to), ...e.blocks].every(isEmptyParagraph)) continue
      const id = add({ kind: 'blocks', from: e.from, to: e.to }, { blocks: e.blocks }, blocksText(sent.slice(e.from, e.to)), blocksText(e.blocks), {
        before: lastWords(sent[e.from - 1]), after: firstWords(sent[e.to]),
      })
      if (!id) continue
      const key = (blocks: NodeJSON[]) => blocks.filter((b) => !isEmptyParagraph(b)).map(contentKey).join('\u0001')
      if (!e.blocks.length) removals.push({ id, key: key(sent.slice(e.from, e.to)) })
      else if (e.from === e.to) insertions.push({ id, key: key(e.blocks) })
    }
    // The same blocks taken out in one place and put in at another: a move.
    for (const out of removals) {
      const into = insertions.find((i) => i.key === out.key && !byId.get(i.id)!.movedWith)
      if (!into || byId.get(out.id)!.movedWith) continue
      byId.get(out.id)!.movedWith = into.id
      byId.get(into.id)!.movedWith = out.id
    }
  }
  const proposals = [...byId.values()].sort(byPlace)
  for (const p of proposals) {
    p.orgs.sort((x, y) => x.localeCompare(y, 'nl'))
    p.returns.sort()
    p.draftChanged = draftTouches(p.place, draft)
    if (p.draftChanged) p.current = currentText(p.place, current, draft)
  }
  // Partners against each other: different changes to the same words.
  for (let i = 0; i < proposals.length; i++) {
    for (let j = i + 1; j < proposals.length; j++) {
      const p = proposals[i]
      const q = proposals[j]
      if (!placesTouch(p.place, q.place)) {
        if (startOf(q.place) > endOf(p.place)) break // sorted by place: nothing later can touch p
        continue
      }
      if (p.returns.some((r) => q.returns.includes(r))) continue // one return's own changes never overlap
      p.conflictsWith.push(q.id)
      q.conflictsWith.push(p.id)
    }
  }
  for (const p of proposals) p.status = p.draftChanged ? 'conflict-draft' : p.conflictsWith.length ? 'conflict-partners' : 'clean'
  return proposals
}

/** A position on one line through S, to sort and to stop the pairwise scan early. */
const startOf = (place: ProposalPlace) => (place.kind === 'text' ? place.block : place.from)
const endOf = (place: ProposalPlace) => (place.kind === 'text' ? place.block : Math.max(place.from, place.to - 1))

function byPlace(x: Proposal, y: Proposal): number {
  const a = x.place
  const b = y.place
  return startOf(a) - startOf(b) ||
    (a.kind === b.kind ? 0 : a.kind === 'blocks' ? -1 : 1) ||
    (a.kind === 'text' && b.kind === 'text' ? a.from - b.from || a.to - b.to : a.to - b.to) ||
    x.id.localeCompare(y.id)
}

function placesTouch(a: ProposalPlace, b: ProposalPlace): boolean {
  if (a.kind === 'text' && b.kind === 'text') return a.block === b.block && touches(a.from, a.to, b.from, b.to)
  if (a.kind === 'blocks' && b.kind === 'blocks') return touches(a.from, a.to, b.from, b.to)
  const t = (a.kind === 'text' ? a : b) as Extract<ProposalPlace, { kind: 'text' }>
  const r = (a.kind === 'blocks' ? a : b) as Extract<ProposalPlace, { kind: 'blocks' }>
  return r.from <= t.block && t.block < r.to
}

function placeTouchedBy(place: ProposalPlace, edits: Edits): boolean {
  return edits.texts.some((e) => placesTouch(place, { kind: 'text', block: e.block, from: e.hunk.from, to: e.hunk.to })) ||
    edits.blocks.some((e) => placesTouch(place, { kind: 'blocks', from: e.from, to: e.to }))
}

/** The draft's words at a place of S: the region both changed, as it reads in C now. */
function currentText(place: ProposalPlace, current: NodeJSON[], draft: DraftView): string {
  if (place.kind === 'blocks') {
    const kept = current.filter((_b, i) => draft.origin[i] >= place.from && draft.origin[i] < place.to)
    return blocksText(kept)
  }
  const ci = draft.cIndexOf[place.block]
  if (ci < 0) return ''
  const hunks = draft.hunks.get(place.block) ?? []
  let from = place.from
  let to = place.to
  for (const h of hunks) if (touches(place.from, place.to, h.from, h.to)) { from = Math.min(from, h.from); to = Math.max(to, h.to) }
  return tokensText(tokenize(current[ci].content).slice(mapThrough(hunks, from, 'start'), mapThrough(hunks, to, 'end')))
}

/** Whether the draft already holds exactly this change. */
function alreadyInDraft(place: ProposalPlace, content: { tokens?: Token[]; blocks?: NodeJSON[] }, draft: DraftView): boolean {
  if (place.kind === 'text') {
    const want = tokenKeys(content.tokens!).join('\u0001')
    return (draft.hunks.get(place.block) ?? []).some((h) => h.from === place.from && h.to === place.to && tokenKeys(h.tokens).join('\u0001') === want)
  }
  for (let k = place.from; k < place.to; k++) if (draft.cIndexOf[k] >= 0) return false
  const added = (draft.insertedAt.get(place.from) ?? []).map(contentKey).join('\u0001')
  const want = content.blocks!.map(contentKey).join('\u0001')
  return want.length > 0 ? added.includes(want) : place.to > place.from
}

/** Whether the drafter changed the place since S was sent. */
function draftTouches(place: ProposalPlace, draft: DraftView): boolean {
  if (place.kind === 'text') {
    if (draft.cIndexOf[place.block] < 0) return true
    return (draft.hunks.get(place.block) ?? []).some((h) => touches(place.from, place.to, h.from, h.to))
  }
  for (let k = place.from; k < place.to; k++) if (draft.cIndexOf[k] < 0 || draft.hunks.has(k)) return true
  for (let g = place.from + 1; g < place.to; g++) if (draft.insertedAt.has(g)) return true
  return false
}

/**
 * The current draft with the accepted proposals applied. A clean proposal
 * is placed where its words are in C; an accepted conflict with the draft
 * takes the partner's version of the whole place the two changed. Of
 * proposals that overlap, the first in reading order (then by id) wins.
 */
export function applyProposals(sent: NodeJSON[], current: NodeJSON[], proposals: Proposal[], accepted: ReadonlySet<string>): NodeJSON[] {
  const draft = draftView(sent, current)
  const chosen = proposals.filter((p) => accepted.has(p.id)).sort(byPlace)
  const blocks: (NodeJSON | null)[] = current.map((b) => b)
  /** Blocks to insert before C index i (current.length: at the end), in order. */
  const before = new Map<number, NodeJSON[]>()
  const insertBefore = (i: number, nodes: NodeJSON[]) => before.set(i, [...(before.get(i) ?? []), ...nodes])
  /** Where a block placed at gap g of S goes: before the first C block that continues S[g] or later. */
  const cIndexForGap = (g: number) => {
    for (let i = 0; i < current.length; i++) if (draft.origin[i] >= g) return i
    return current.length
  }

  // Text proposals, per block of S.
  const byBlock = new Map<number, Proposal[]>()
  for (const p of chosen) if (p.place.kind === 'text') byBlock.set(p.place.block, [...(byBlock.get(p.place.block) ?? []), p])
  const removedByBlocks = new Set<number>() // S blocks replaced by an accepted block proposal
  for (const p of chosen) if (p.place.kind === 'blocks') for (let k = p.place.from; k < p.place.to; k++) removedByBlocks.add(k)
  for (const [k, list] of byBlock) {
    if (removedByBlocks.has(k)) continue // the block proposal that covers it wins
    const sTokens = tokenize(sent[k].content)
    const ci = draft.cIndexOf[k]
    if (ci < 0) {
      // The drafter deleted or replaced the block; taking the partner's words brings S's block back with them.
      const edited = applyHunks(sTokens, list.map((p) => ({ from: (p.place as { from: number }).from, to: (p.place as { to: number }).to, tokens: p.tokens! })))
      insertBefore(cIndexForGap(k + 1), [withContent(sent[k], detokenize(edited))])
      continue
    }
    const cHunks = draft.hunks.get(k) ?? []
    const cTokens = tokenize(current[ci].content)
    const edits: Hunk[] = []
    for (const p of list) {
      const place = p.place as Extract<ProposalPlace, { kind: 'text' }>
      let from = place.from
      let to = place.to
      let tokens = p.tokens!
      if (p.draftChanged) {
        // Take the partner's version of the region both changed: S around their change, theirs within.
        for (const h of cHunks) {
          if (!touches(place.from, place.to, h.from, h.to)) continue
          if (h.from < from) { tokens = [...sTokens.slice(h.from, from), ...tokens]; from = h.from }
          if (h.to > to) { tokens = [...tokens, ...sTokens.slice(to, h.to)]; to = h.to }
        }
      }
      edits.push({ from: mapThrough(cHunks, from, 'start'), to: mapThrough(cHunks, to, 'end'), tokens })
    }
    blocks[ci] = withContent(current[ci], detokenize(applyHunks(cTokens, edits)))
  }

  // Block proposals.
  for (const p of chosen) {
    if (p.place.kind !== 'blocks') continue
    const { from, to } = p.place
    for (let k = from; k < to; k++) if (draft.cIndexOf[k] >= 0) blocks[draft.cIndexOf[k]] = null
    if (p.draftChanged) {
      // The partner's version of the whole range: the drafter's additions inside it go too.
      for (let i = 0; i < current.length; i++) if (draft.gapOf[i] > from && draft.gapOf[i] < to) blocks[i] = null
    }
    insertBefore(cIndexForGap(to), p.blocks!)
  }

  const out: NodeJSON[] = []
  for (let i = 0; i <= current.length; i++) {
    out.push(...(before.get(i) ?? []))
    if (i < current.length && blocks[i]) out.push(blocks[i]!)
  }
  return out
}

/**
 * Maps a token position of S into C through the drafter's hunks. A clean
 * proposal touches none of them; a taken-over conflict was widened to cover
 * the ones it touches, so no position falls inside a hunk.
 */
function mapThrough(hunks: Hunk[], pos: number, side: 'start' | 'end'): number {
  let shift = 0
  for (const h of hunks) {
    const delta = h.tokens.length - (h.to - h.from)
    if (h.to < pos || (h.to === pos && (h.from < h.to || side === 'end'))) shift += delta
  }
  return pos + shift
}

/** Tokens with non-overlapping hunks applied; of overlapping ones the first wins. */
function applyHunks(tokens: Token[], hunks: Hunk[]): Token[] {
  const kept: Hunk[] = []
  for (const h of hunks) if (!kept.some((k) => touches(k.from, k.to, h.from, h.to))) kept.push(h)
  kept.sort((x, y) => y.from - x.from || y.to - x.to)
  const out = [...tokens]
  for (const h of kept) out.splice(h.from, h.to - h.from, ...h.tokens)
  return out
}

function withContent(shell: NodeJSON, content: NodeJSON[]): NodeJSON {
  const node: NodeJSON = { type: shell.type }
  if (shell.attrs) node.attrs = shell.attrs
  if (content.length) node.content = content
  return node
}
