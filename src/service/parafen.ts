// Parafen bound to the exact text: the paraafroute, parafen on a version with
// its fingerprint, their state against the current text (geldig, vervallen,
// ingetrokken), and checking that a Word file is exactly a version.
import { compareDocuments } from '../core/diff/compare.js'
import { formatDutchDate } from '../core/dates.js'
import { getDocument } from '../store/documents.repo.js'
import { getParaaf, insertConfirmation, insertParaaf, listParafen, setRoute as storeRoute, versionFingerprint, withdrawParaaf as storeWithdraw, type RouteStep, type StoredParaaf } from '../store/parafen.repo.js'
import { paraafState, type ParaafState } from './paraaf-state.js'
import { paraafbladDocx } from '../docx/report-docx.js'
import { readVersion, type StoredVersion } from '../store/versions.repo.js'
import { writeTransaction } from '../store/transaction.js'
import type { ApproveInput, ParaafInfo, ParaafStatus, Result, VerifyResult } from './contract.js'
import { clip, comparable, fail, fileNameFor, missing, noVersion, ok, type ServiceContext } from './context.js'
import { readWordFile } from './word.js'

const today = (ctx: ServiceContext) => ctx.now().slice(0, 10)

const toInfo = (p: StoredParaaf, status: ParaafInfo['status'], changedSince: ParaafInfo['changedSince'], unchangedNote: string | null): ParaafInfo => ({
  id: p.id, name: p.name, role: p.role, kind: p.kind, version: p.version, date: p.date, remark: p.remark, fingerprint: p.fingerprint,
  status, changedSince, withdrawReason: p.withdrawReason, unchangedNote,
})

/** Each paraaf with its state against the latest version; what changed since (one comparison per version), for one that lapsed. */
function describe(ctx: ServiceContext, id: number, state: ParaafState): ParaafInfo[] {
  let latest: StoredVersion | undefined
  const changes = new Map<number, { insertedWords: number; deletedWords: number }>()
  const changedSince = (version: number) => {
    if (!changes.has(version)) {
      latest ??= readVersion(ctx.db, id)!
      const stats = compareDocuments(comparable(readVersion(ctx.db, id, version)!), comparable(latest)).stats
      changes.set(version, { insertedWords: stats.insertedWords, deletedWords: stats.deletedWords })
    }
    return changes.get(version)!
  }
  return state.parafen.map(({ paraaf: p, status, unchangedNote }) => toInfo(p, status, status === 'vervallen' ? changedSince(p.version) : null, unchangedNote))
}

/** The route, every paraaf, and where the document stands: "2 van 3 parafen", who is next. */
export function getParafen(ctx: ServiceContext, { id }: { id: number }): Result<ParaafStatus> {
  const document = getDocument(ctx.db, id)
  if (!document) return missing(id)
  const state = paraafState(ctx, id)
  return ok({
    route: state.route, approvals: describe(ctx, id, state), given: state.given, of: state.of, next: state.next,
    vervallen: state.vervallen, latestVersion: document.versionCount, fingerprint: state.current,
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

/**
 * "Geen inhoudelijke wijziging": the drafter says the current text changes
 * nothing of substance since a paraaf (punctuation, a typo), with a note; the
 * paraaf stays valid for this text, visibly marked. Only for a lapsed paraaf.
 */
export function confirmUnchanged(ctx: ServiceContext, { paraaf, note }: { paraaf: number; note: string }): Result<{ paraaf: number; version: number }> {
  const found = getParaaf(ctx.db, paraaf)
  if (!found) return fail(`Paraaf ${paraaf} bestaat niet.`)
  if (found.withdrawnAt) return fail(`Paraaf ${paraaf} is ingetrokken.`)
  const latest = getDocument(ctx.db, found.documentId)!.versionCount
  const fingerprint = versionFingerprint(ctx.db, found.documentId, latest)!
  if (fingerprint === found.fingerprint) return fail(`Paraaf ${paraaf} geldt al voor de huidige tekst.`)
  writeTransaction(ctx.db, () => insertConfirmation(ctx.db, { paraafId: paraaf, fingerprint, version: latest, note: clip(note.trim(), 2000), author: clip(ctx.author(), 100), confirmedAt: ctx.now() }))
  return ok({ paraaf, version: latest })
}

/** The paraafblad for the dossier: the route and each paraaf with version, date, fingerprint and remark, as Markdown and Word. */
export async function paraafblad(ctx: ServiceContext, { id }: { id: number }): Promise<Result<{ fileName: string; markdown: string; docxFileName: string; docxBase64: string }>> {
  const status = getParafen(ctx, { id })
  if (!status.ok) return status
  const document = getDocument(ctx.db, id)!
  const s = status.value
  const state = (a: ParaafInfo) => a.status === 'geldig' ? (a.unchangedNote ? `geldig (geen inhoudelijke wijziging: ${a.unchangedNote})` : 'geldig') : a.status === 'ingetrokken' ? `ingetrokken${a.withdrawReason ? `: ${a.withdrawReason}` : ''}` : 'vervallen'
  const title = `Paraafblad: ${document.title}`
  const intro = `Stand bij versie ${s.latestVersion}: ${s.given} van ${s.of} parafen. Vingerafdruk van versie ${s.latestVersion}: ${s.fingerprint}.`
  const routeLines = s.route.map((r, i) => `${i + 1}. ${r.name || '(nog geen naam)'}, ${r.role} (${r.kind}paraaf)`)
  const items = s.approvals.map((a) => ({
    line: `${a.name}, ${a.role} (${a.kind}paraaf), versie ${a.version}, ${formatDutchDate(a.date)}: ${state(a)}`,
    detail: [`vingerafdruk ${a.fingerprint}`, ...(a.remark ? [`opmerking: ${a.remark}`] : [])].join('; '),
  }))
  const markdown = [`# ${title}`, '', intro, '', '## Paraafroute', '', ...(routeLines.length ? routeLines : ['(geen route)']), '', '## Parafen', '',
    ...(items.length ? items.flatMap((i) => [`- ${i.line}`, `  ${i.detail}`]) : ['Nog geen parafen.']), ''].join('\n')
  const docx = await paraafbladDocx({ title, intro, route: routeLines, items })
  const base = `paraafblad-${fileNameFor(document.title)}-v${s.latestVersion}`
  return ok({ fileName: `${base}.md`, markdown, docxFileName: `${base}.docx`, docxBase64: docx.toString('base64') })
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
  const read = await readWordFile(base64)
  if (!read.ok) return read
  const imported = read.value
  const stamp = imported.version
  const none: VerifyResult = { document: null, version: null, matches: false, approvals: [], reason: 'Dit bestand draagt geen kenmerk van een versie in Paraaf.' }
  if (!stamp) return ok(none)
  const stored = getDocument(ctx.db, stamp.document) ? readVersion(ctx.db, stamp.document, stamp.version) : null
  if (!stored) return ok({ ...none, document: stamp.document, version: stamp.version, reason: `Document ${stamp.document} heeft hier geen versie ${stamp.version}.` })
  const fingerprint = versionFingerprint(ctx.db, stamp.document, stamp.version)!
  const changes = compareDocuments(comparable(stored), { meta: imported.meta, content: imported.proposal }).changes.length
  const matches = fingerprint === stamp.fingerprint && changes === 0 && imported.revisions === 0
  // Valid for this file's text (whatever the document's current text is): given on exactly it, and not withdrawn.
  const approvals = listParafen(ctx.db, stamp.document).filter((p) => p.fingerprint === fingerprint && !p.withdrawnAt).map((p) => toInfo(p, 'geldig', null, null))
  return ok({
    document: stamp.document, version: stamp.version, matches, approvals: matches ? approvals : [],
    reason: matches ? '' : changes || imported.revisions ? `De tekst van dit bestand wijkt af van versie ${stamp.version} (${changes + imported.revisions} wijziging(en)).` : `De vingerafdruk van versie ${stamp.version} klopt niet met dit bestand.`,
  })
}
