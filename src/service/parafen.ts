// Parafen bound to the exact text: the paraafroute, parafen on a version with
// its fingerprint, their state against the current text (geldig, vervallen,
// ingetrokken), and checking that a Word file is exactly a version.
import { compareDocuments } from '../core/diff/compare.js'
import { formatDutchDate } from '../core/dates.js'
import { DocxRejected, importDocx as readDocx } from '../docx/import-docx.js'
import { getDocument } from '../store/documents.repo.js'
import { getParaaf, getRoute, insertParaaf, listParafen, setRoute as storeRoute, versionFingerprint, withdrawParaaf as storeWithdraw, type RouteStep, type StoredParaaf } from '../store/parafen.repo.js'
import { readVersion } from '../store/versions.repo.js'
import { writeTransaction } from '../store/transaction.js'
import type { ApproveInput, ParaafInfo, ParaafStatus, Result, VerifyResult } from './contract.js'
import { clip, comparable, fail, missing, noVersion, ok, templateOf, type ServiceContext } from './context.js'
import { newCommentId } from './comments.js'

const today = (ctx: ServiceContext) => ctx.now().slice(0, 10)

/** The route set for the document, else the one its template proposes. */
function routeOf(ctx: ServiceContext, id: number, type: string): RouteStep[] {
  const set = getRoute(ctx.db, id)
  if (set.length) return set
  return (templateOf(ctx, type)?.route ?? []).map((s) => ({ name: '', role: s.role, kind: s.kind }))
}

/** Each paraaf with its state against the latest version; what changed since, for one that lapsed. */
function describe(ctx: ServiceContext, id: number, parafen: StoredParaaf[]): ParaafInfo[] {
  const latest = getDocument(ctx.db, id)!.versionCount
  const current = versionFingerprint(ctx.db, id, latest)
  const latestVersion = readVersion(ctx.db, id, latest)!
  const changes = new Map<number, { insertedWords: number; deletedWords: number }>()
  return parafen.map((p) => {
    const status = p.withdrawnAt ? 'ingetrokken' : p.fingerprint === current ? 'geldig' : 'vervallen'
    let changedSince: ParaafInfo['changedSince'] = null
    if (status === 'vervallen') {
      if (!changes.has(p.version)) {
        const stats = compareDocuments(comparable(readVersion(ctx.db, id, p.version)!), comparable(latestVersion)).stats
        changes.set(p.version, { insertedWords: stats.insertedWords, deletedWords: stats.deletedWords })
      }
      changedSince = changes.get(p.version)!
    }
    return { id: p.id, name: p.name, role: p.role, kind: p.kind, version: p.version, date: p.date, remark: p.remark, fingerprint: p.fingerprint, status, changedSince, withdrawReason: p.withdrawReason }
  })
}

/** The route, every paraaf, and where the document stands: "2 van 3 parafen", who is next. */
export function getParafen(ctx: ServiceContext, { id }: { id: number }): Result<ParaafStatus> {
  const document = getDocument(ctx.db, id)
  if (!document) return missing(id)
  const route = routeOf(ctx, id, document.type)
  const approvals = describe(ctx, id, listParafen(ctx.db, id))
  const valid = approvals.filter((a) => a.status === 'geldig')
  const same = (a: string, b: string) => a.trim().toLocaleLowerCase('nl') === b.trim().toLocaleLowerCase('nl')
  // A step is done by a valid paraaf of its kind from the person named, or (without a name) from its role.
  const done = route.map((s) => valid.some((a) => a.kind === s.kind && (s.name ? same(a.name, s.name) : same(a.role, s.role))))
  const nextIndex = done.indexOf(false)
  return ok({
    route, approvals, given: done.filter(Boolean).length, of: route.length, next: nextIndex >= 0 ? route[nextIndex] : null,
    vervallen: approvals.filter((a) => a.status === 'vervallen').length, latestVersion: document.versionCount,
    fingerprint: versionFingerprint(ctx.db, id, document.versionCount)!,
  })
}

/** Sets the document's paraafroute (in order). */
export function setRoute(ctx: ServiceContext, { id, route }: { id: number; route: RouteStep[] }): Result<{ steps: number }> {
  if (!getDocument(ctx.db, id)) return missing(id)
  writeTransaction(ctx.db, () => storeRoute(ctx.db, id, route.map((s) => ({ name: clip(s.name.trim(), 100), role: clip(s.role.trim(), 100), kind: s.kind }))))
  return ok({ steps: route.length })
}

/** Records a paraaf on a version (default the latest), with that version's fingerprint. */
export function approve(ctx: ServiceContext, input: ApproveInput): Result<{ paraaf: number; version: number; fingerprint: string }> {
  const document = getDocument(ctx.db, input.id)
  if (!document) return missing(input.id)
  const version = input.version ?? document.versionCount
  return writeTransaction(ctx.db, () => {
    const fingerprint = versionFingerprint(ctx.db, input.id, version)
    if (!fingerprint) return noVersion(input.id, version)
    const paraaf = insertParaaf(ctx.db, {
      documentId: input.id, version, name: clip(input.name.trim(), 100), role: clip(input.role.trim(), 100), kind: input.kind ?? 'lijn',
      date: input.date ?? today(ctx), remark: clip(input.remark?.trim() ?? '', 2000), fingerprint, recordedAt: ctx.now(),
    })
    return ok({ paraaf, version, fingerprint })
  })
}

/** Withdraws a paraaf: recorded, never deleted. */
export function withdrawParaaf(ctx: ServiceContext, { paraaf, reason }: { paraaf: number; reason?: string }): Result<{ paraaf: number }> {
  const found = getParaaf(ctx.db, paraaf)
  if (!found) return fail(`Paraaf ${paraaf} bestaat niet.`)
  if (found.withdrawnAt) return fail(`Paraaf ${paraaf} is al ingetrokken (${formatDutchDate(found.withdrawnAt.slice(0, 10))}).`)
  writeTransaction(ctx.db, () => storeWithdraw(ctx.db, paraaf, clip(reason?.trim() ?? '', 2000), ctx.now()))
  return ok({ paraaf })
}

/**
 * Whether a Word file's text is exactly a version of a document (its stamp,
 * its fingerprint and its text read back all agree), and which parafen
 * that text carries.
 */
export async function verifyDocx(ctx: ServiceContext, { base64 }: { base64: string }): Promise<Result<VerifyResult>> {
  let imported
  try {
    imported = await readDocx(Buffer.from(base64, 'base64'), { newId: newCommentId })
  } catch (err) {
    if (err instanceof DocxRejected) return fail(err.message)
    throw err
  }
  const stamp = imported.version
  const none: VerifyResult = { document: null, version: null, matches: false, approvals: [], reason: 'Dit bestand draagt geen kenmerk van een versie in Paraaf.' }
  if (!stamp) return ok(none)
  const stored = getDocument(ctx.db, stamp.document) ? readVersion(ctx.db, stamp.document, stamp.version) : null
  if (!stored) return ok({ ...none, document: stamp.document, version: stamp.version, reason: `Document ${stamp.document} heeft hier geen versie ${stamp.version}.` })
  const fingerprint = versionFingerprint(ctx.db, stamp.document, stamp.version)!
  const changes = compareDocuments(comparable(stored), { meta: imported.meta, content: imported.proposal }).changes.length
  const matches = fingerprint === stamp.fingerprint && changes === 0 && imported.revisions === 0
  // Valid for this file's text (whatever the document's current text is): given on exactly it, and not withdrawn.
  const approvals = describe(ctx, stamp.document, listParafen(ctx.db, stamp.document).filter((p) => p.fingerprint === fingerprint && !p.withdrawnAt))
    .map((a) => ({ ...a, status: 'geldig' as const, changedSince: null }))
  return ok({
    document: stamp.document, version: stamp.version, matches, approvals: matches ? approvals : [],
    reason: matches ? '' : changes || imported.revisions ? `De tekst van dit bestand wijkt af van versie ${stamp.version} (${changes + imported.revisions} wijziging(en)).` : `De vingerafdruk van versie ${stamp.version} klopt niet met dit bestand.`,
  })
}
