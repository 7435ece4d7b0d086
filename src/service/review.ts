// Comparing two versions, and accepting or rejecting the changes of a
// comparison into a new version.
import { compareDocuments, StagedComparison } from '../core/diff/compare.js'
import { applyDecisions } from '../core/diff/apply.js'
import type { DocJSON, DocumentMeta } from '../core/document.js'
import type { Change } from '../core/diff/types.js'
import { getDocument } from '../store/documents.repo.js'
import { listVersions, readVersion, versionIds, versionRevisions } from '../store/versions.repo.js'
import { flattenText } from '../core/comments.js'
import { attribute } from '../core/live-changes.js'
import { blockJsonText, findingNeedles, placingChanges, revisionFor, type WordRevision } from '../core/attribution.js'
import { finish, type Steps } from '../core/steps.js'
import { getBlocks } from '../store/blocks.repo.js'
import type { CompareVersionsInput, Result, ReviewChangesInput, ReviewResult, VersionComparison, VersionInfo } from './contract.js'
import { comparable, docOf, fail, inSlices, missing, noVersion, normalizeMeta, ok, toDoc, withReanchored, writeVersion, inTransaction, type ServiceContext } from './context.js'
import { toVersionInfo } from './documents.js'

/** Compares two versions (B defaults to the latest): every change, with what is needed to draw it. */
export function compareVersions(ctx: ServiceContext, { id, a, b, granularity, first }: CompareVersionsInput): Result<VersionComparison> {
  const document = getDocument(ctx.db, id)
  if (!document) return missing(id)
  b ??= document.versionCount // "the latest" is a number now, so a kept comparison stays the one asked for
  const key = `${id}:${a}:${b}:${granularity ?? 'word'}`
  const recent = recentComparisons(ctx)
  let found = recent.get(key)
  if (!found) {
    const va = readVersion(ctx.db, id, a)
    const vb = readVersion(ctx.db, id, b)
    if (!va) return noVersion(id, a)
    if (!vb) return noVersion(id, b)
    found = { a: toVersionInfo(va), b: toVersionInfo(vb), comparison: new StagedComparison(comparable(va), comparable(vb), { granularity }) }
    if (recent.size >= RECENT_COMPARISONS) recent.delete(recent.keys().next().value!)
  } else recent.delete(key)
  recent.set(key, found)
  const staged = found.comparison
  const part = first === undefined ? { ...staged.full(), complete: true } : staged.prefix(first)
  const { complete, ...comparison } = part
  return ok({ id, type: document.type, a: found.a, b: found.b, latestVersion: document.versionCount, comparison, complete, rowCount: staged.rowCount })
}

// The last few comparisons, kept: versions never change, so a comparison of
// two of them never goes stale, and switching between inline and side by side
// (or going back to the list of changes) need not compare 600 KB again. A
// comparison asked for its first screen is finished when the rest is asked for.
const RECENT_COMPARISONS = 4
const recents = new WeakMap<ServiceContext['db'], Map<string, { a: VersionInfo; b: VersionInfo; comparison: StagedComparison }>>()
function recentComparisons(ctx: ServiceContext) {
  let map = recents.get(ctx.db)
  if (!map) recents.set(ctx.db, (map = new Map()))
  return map
}

/**
 * Writes a new version from a comparison against the latest version:
 * rejected changes take A's side, everything else stays as in B. Read and
 * write happen in one immediate transaction, so no version written meanwhile
 * by another window or process can be dropped.
 */
export function reviewChanges(ctx: ServiceContext, { id, a, b, accept, reject }: ReviewChangesInput): Result<ReviewResult> {
  const document = getDocument(ctx.db, id)
  if (!document) return missing(id)
  const rejected = new Set(reject)
  if (accept.some((c) => rejected.has(c))) return fail('Een wijziging kan niet tegelijk overgenomen en geweigerd worden.')
  return inTransaction(ctx, () => {
    const latest = getDocument(ctx.db, id)!.versionCount
    if (b !== latest) {
      return { ok: false, error: `Overnemen en weigeren kan alleen tegen de huidige versie (${latest}); vergelijk opnieuw met de huidige versie.`, conflict: { latest } }
    }
    const va = readVersion(ctx.db, id, a)
    const vb = readVersion(ctx.db, id, b)
    if (!va || !vb) return noVersion(id, va ? b : a)
    const comparison = compareDocuments(comparable(va), comparable(vb))
    const known = new Set(comparison.changes.map((c) => c.id))
    const unknown = [...accept, ...reject].find((c) => !known.has(c))
    if (unknown) return fail(`Wijziging ${unknown} bestaat niet (meer) in deze vergelijking; vergelijk opnieuw.`)
    const built = applyDecisions(comparison, (c) => (rejected.has(c) ? 'a' : 'b'))
    const content = built.content.content.length ? built.content : { type: 'doc' as const, content: [{ type: 'paragraph' }] }
    const doc = toDoc(content as DocJSON)
    if (!doc.ok) return doc
    const normalized = normalizeMeta(ctx, document.type, built.meta)
    if (!normalized.ok) return normalized
    const n = (k: number) => `${k} ${k === 1 ? 'wijziging' : 'wijzigingen'}`
    const label = `${n(accept.length)} van versie ${b} overgenomen, ${reject.length} geweigerd (t.o.v. versie ${a})`
    const ref = writeVersion(ctx, { id, meta: normalized.value, doc: withReanchored(ctx, id, doc.value), kind: 'named', label, base: b })
    if (!ref.ok) return ref
    return ok({ ...ref.value, accepted: accept.length, rejected: reject.length, label })
  })
}

export interface AttributeChangesInput { id: number; base: number; changes: { kind: 'ins' | 'del'; text: string; before: string; after: string }[] }

/**
 * "Wijzigingen tonen": who brought each change in, and when: the first
 * version after `base` whose text has it (core/live-changes.ts attribute).
 * At most 500 changes and the 1,000 versions after the base.
 */
export function attributeChanges(ctx: ServiceContext, { id, base, changes }: AttributeChangesInput): Result<({ version: number; author: string; createdAt: string } | null)[]> {
  const document = getDocument(ctx.db, id)
  if (!document) return missing(id)
  if (!readVersion(ctx.db, id, base)) return noVersion(id, base)
  const versions = listVersions(ctx.db, id, base).slice(0, 1000).map((v) => {
    const stored = readVersion(ctx.db, id, v.number)!
    return { number: v.number, author: v.author, createdAt: v.createdAt, text: flattenText(docOf(stored), false).text }
  })
  const listed = changes.slice(0, 500)
  const found = attribute(listed.map((c) => ({ ...c, ranges: [] })), versions)
  const revisions = versionRevisions(ctx.db, id)
  return ok(found.map((v, i) => (v ? byRevision({ version: v.number, author: v.author, createdAt: v.createdAt }, listed[i].kind === 'ins' ? { inserted: listed[i].text, deleted: '' } : { inserted: '', deleted: listed[i].text }, revisions) : null)))
}

export interface Attribution { version: number; author: string; createdAt: string }

/**
 * The compare screen's "wie, wanneer": for each change of the comparison of
 * A with B (A older), the version between them that brought it in
 * (core/attribution.ts). Versions are read oldest first and only until every
 * change is placed; at most the 1,000 after A. It runs in slices of a few
 * milliseconds, so the requests of a screen opened meanwhile are answered
 * between them rather than after it (see `inSlices`).
 */
export async function attributeComparison(ctx: ServiceContext, { id, a, b }: { id: number; a: number; b?: number }): Promise<Result<Record<string, Attribution | null>>> {
  const compared = compareVersions(ctx, { id, a, b })
  if (!compared.ok) return compared
  const { changes } = compared.value.comparison
  return ok(await inSlices(attributing(ctx, id, a, compared.value.b.number, changes)))
}

/**
 * Who brought in each of `changes` (of the comparison of version `a` with
 * `last`), by change id. Versions are read as their block ids; each distinct
 * block's text is made once (1,000 autosaves of a 60 kB letter: well under a
 * second, where reading every version whole took 6 s).
 */
export function attributeChangesOf(ctx: ServiceContext, id: number, a: number, last: number, changes: readonly Change[]): Record<string, Attribution | null> {
  return finish(attributing(ctx, id, a, last, changes))
}

/**
 * attributeChangesOf as steps. Between steps other requests may run, but none
 * changes what is read here: versions are never changed once written, and a
 * block is only removed with its document (emptying the bin), after which its
 * text reads as empty and its changes stay unknown.
 */
function* attributing(ctx: ServiceContext, id: number, a: number, last: number, changes: readonly Change[]): Steps<Record<string, Attribution | null>> {
  const out: Record<string, Attribution | null> = {}
  for (const c of changes) out[c.id] = null
  if (a >= last) return out
  const infos = listVersions(ctx.db, id, a).filter((v) => v.number <= last).slice(0, 1000)
  const revisions = versionRevisions(ctx.db, id)
  if (infos.length === 1) {
    // One version after A: it brought in every change there is to attribute, and nothing needs finding
    // (in a 600 kB letter, looking for 4,000 changes' words took most of a second, blocking the service).
    const only = infos[0]
    for (const c of changes) if (c.kind !== 'move' && c.kind !== 'format') out[c.id] = byRevision({ version: only.number, author: only.author, createdAt: only.createdAt }, c, revisions)
    return out
  }
  const va = readVersion(ctx.db, id, a)
  if (!va) return out
  const docA = docOf(va)
  yield
  const vb = readVersion(ctx.db, id, last)
  if (!vb) return out
  const docB = docOf(vb)
  yield
  const needles = yield* findingNeedles(changes, { doc: docA, meta: va.meta }, { doc: docB, meta: vb.meta })
  if (!needles.some(Boolean)) return out
  const versions = infos.map((v) => ({ number: v.number, ...versionIds(ctx.db, id, v.number)! }))
  const texts = new Map<number, string>()
  const blockText = (block: number) => {
    let text = texts.get(block)
    if (text === undefined) {
      try {
        text = blockJsonText(JSON.parse(getBlocks(ctx.db, [block])[0]))
      } catch {
        text = ''
      }
      texts.set(block, text)
    }
    return text
  }
  const metaOf = (block: number) => {
    try {
      return JSON.parse(getBlocks(ctx.db, [block])[0]) as DocumentMeta
    } catch {
      return {}
    }
  }
  const placed = yield* placingChanges(needles, versions, blockText, metaOf)
  const byNumber = new Map(infos.map((v) => [v.number, v]))
  changes.forEach((c, i) => {
    const v = placed[i] === null ? undefined : byNumber.get(placed[i]!)
    if (v) out[c.id] = byRevision({ version: v.number, author: v.author, createdAt: v.createdAt }, c, revisions)
  })
  return out
}

/**
 * A change that came in with an imported Word file is the reviewer's who
 * made it in Word, at the time Word recorded (w:author, w:date), not the
 * user's who imported the file.
 */
function byRevision(found: Attribution, change: { inserted: string; deleted: string }, revisions: ReadonlyMap<number, WordRevision[]>): Attribution {
  const list = revisions.get(found.version)
  const revision = list && revisionFor(change, list)
  if (!revision || !revision.author) return found
  return { version: found.version, author: revision.author, createdAt: revision.date || found.createdAt }
}
