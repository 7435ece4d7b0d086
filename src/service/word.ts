// Word in and out: export in the template's house style (clean, redline,
// comments) and import of a partner's .docx as a new document or as versions
// of an existing one.
import { resolve } from 'node:path'
import { compareDocuments } from '../core/diff/compare.js'
import { applyProposals, consolidate } from '../core/merge/consolidate.js'
import { transferAnchors } from '../core/comments.js'
import { exportDocx as buildDocx } from '../docx/export-docx.js'
import { DocxRejected, importDocx as readDocx, type ImportedDocx } from '../docx/import-docx.js'
import { getDocument } from '../store/documents.repo.js'
import { readVersion, saveVersionRevisions, type StoredVersion } from '../store/versions.repo.js'
import type { StoredDocument } from '../store/documents.repo.js'
import { insertComment } from '../store/comments.repo.js'
import type { DocumentMeta, NodeJSON } from '../core/document.js'
import type { Node as PMNode } from 'prosemirror-model'
import { listParafen, versionFingerprint } from '../store/parafen.repo.js'
import { formatDutchDate } from '../core/dates.js'
import { LIMITS, type TemplateManifest, type ExportDocxInput, type ExportDocxResult, type ImportDocxInput, type ImportDocxResult, type Result } from './contract.js'
import {
  clip, comparable, docOf, fail, fileNameFor, missing, noVersion, normalizeMeta, ok, templateOf, toDoc, unknownType, writeVersion, inTransaction, type ServiceContext,
} from './context.js'
import { createWithFirstVersion } from './documents.js'
import { attributeChangesOf } from './review.js'
import { threadsForFiles } from './markdown.js'
import { newCommentId } from './comments.js'

/** The labels of the template's required fields that are still empty. */
function missingFields(template: TemplateManifest, meta: DocumentMeta): string[] {
  return template.fields.filter((f) => f.required && !(Array.isArray(meta[f.key]) ? (meta[f.key] as string[]).some((l) => l.trim()) : String(meta[f.key] ?? '').trim())).map((f) => f.label)
}

/** A version of a document that can go out as Word: the document, its template and the version, or why not. */
export function versionForWord(ctx: ServiceContext, id: number, version: number | undefined, options: { requireFields?: boolean } = {}): Result<{ document: StoredDocument; template: TemplateManifest; stored: StoredVersion }> {
  const document = getDocument(ctx.db, id)
  if (!document) return missing(id)
  const template = templateOf(ctx, document.type)
  if (!template) return fail(`Geen sjabloon voor documenttype "${document.type}".`)
  const stored = readVersion(ctx.db, id, version)
  if (!stored) return noVersion(id, version)
  // A Woo publication of an old text goes out as it was: its fields are not asked for again.
  const empty = options.requireFields === false ? [] : missingFields(template, stored.meta)
  if (empty.length) return fail(`Vul eerst in: ${empty.join(', ')}. Het sjabloon ${template.label} heeft ze nodig voor het Word-bestand.`)
  return ok({ document, template, stored })
}

/**
 * A Word file in the house style of the document's template: the version
 * asked for (default the latest), with every change against `against` as a
 * Word revision, and with the comments when asked.
 */
export async function exportDocx(ctx: ServiceContext, { id, version, against, comments }: ExportDocxInput): Promise<Result<ExportDocxResult>> {
  const ready = versionForWord(ctx, id, version)
  if (!ready.ok) return ready
  const { document, template, stored } = ready.value
  const meta = stored.meta
  const content = { type: 'doc' as const, content: stored.blocks }
  let redline
  if (against !== undefined) {
    const base = readVersion(ctx.db, id, against)
    if (!base) return noVersion(id, against)
    const comparison = compareDocuments(comparable(base), comparable(stored))
    // Each revision carries the author and date of the version that brought it in, as on the compare screen.
    const byChange = new Map<string, { author: string; date: string }>()
    for (const [change, who] of Object.entries(attributeChangesOf(ctx, id, against, stored.number, comparison.changes))) if (who) byChange.set(change, { author: who.author, date: who.createdAt })
    redline = { comparison, revision: { author: stored.author, date: stored.createdAt }, byChange }
  }
  const threads = comments ? threadsForFiles(ctx, id, docOf(stored)) : []
  // The file says which version it is (paraaf verify checks it), and a nota's boxes show the parafen on record.
  const fingerprint = versionFingerprint(ctx.db, id, stored.number)!
  const boxes = { lijn: [] as string[], mede: [] as string[] }
  for (const p of listParafen(ctx.db, id)) {
    if (p.withdrawnAt || p.version > stored.number) continue
    const line = `${p.name}, ${p.role}, ${formatDutchDate(p.date)}${p.fingerprint === fingerprint ? '' : ' (vervallen)'}`
    boxes[p.kind].push(line)
  }
  const buffer = await buildDocx({
    type: document.type, meta, layout: template.layout, templateDir: resolve(ctx.templatesDir, document.type), content, redline, threads,
    version: { document: id, version: stored.number, fingerprint }, parafen: boxes,
  })
  const suffix = against !== undefined ? `-wijzigingen-t.o.v.-v${against}` : ''
  return ok({ fileName: `${fileNameFor(document.title)}-v${stored.number}${suffix}.docx`, base64: buffer.toString('base64') })
}

/** Reads an untrusted .docx; a file Paraaf will not read is one Dutch line. */
export async function readWordFile(base64: string): Promise<Result<ImportedDocx>> {
  try {
    return ok(await readDocx(Buffer.from(base64, 'base64'), { newId: newCommentId }))
  } catch (err) {
    if (err instanceof DocxRejected) return fail(err.message)
    throw err
  }
}

/**
 * Reads a .docx (untrusted): as a new document, or as new versions of
 * document `into`. Tracked changes become a base and a proposal version to
 * compare; comments become threads on the proposal's text.
 */
export async function importDocx(ctx: ServiceContext, { base64, fileName, type, into, label }: ImportDocxInput): Promise<Result<ImportDocxResult>> {
  const read = await readWordFile(base64)
  if (!read.ok) return read
  const imported = read.value
  const base = toDoc(imported.base)
  const proposal = toDoc(imported.proposal)
  if (!base.ok) return base
  if (!proposal.ok) return proposal
  const name = clip(fileName?.split(/[\\/]/).pop() ?? 'Word-bestand', 80)
  const authors = imported.revisionAuthors.length ? ` (${imported.revisionAuthors.slice(0, 3).map((a) => clip(a, 40)).join(', ')})` : ''
  const changes = imported.revisions ? compareDocuments({ meta: {}, content: imported.base }, { meta: {}, content: imported.proposal }).changes.length : 0
  const fitLabel = (text: string) => clip(text, LIMITS.labelChars)
  // Threads from a file meet the same limits as threads typed in Paraaf.
  const storeThreads = (id: number) => {
    for (const t of imported.threads) {
      insertComment(ctx.db, { id: t.id, documentId: id, parentId: null, author: clip(t.author, 100), org: clip(t.org, 100), body: clip(t.text, 20_000), createdAt: t.createdAt, quote: '', prefix: '', suffix: '', resolved: t.resolved })
      for (const r of t.replies) insertComment(ctx.db, { id: newCommentId(), documentId: id, parentId: t.id, author: clip(r.author, 100), org: clip(r.org, 100), body: clip(r.text, 20_000), createdAt: r.createdAt, quote: '', prefix: '', suffix: '' })
    }
  }
  if (into === undefined) {
    const chosen = type ?? imported.type ?? (imported.meta.kenmerk && imported.meta.datum ? 'kamerbrief' : 'nota')
    if (!templateOf(ctx, chosen)) return unknownType(ctx, chosen)
    const normalized = normalizeMeta(ctx, chosen, imported.meta)
    if (!normalized.ok) return normalized
    return inTransaction(ctx, () => {
      const versions: number[] = []
      const first = createWithFirstVersion(ctx, {
        type: chosen, meta: normalized.value, doc: imported.revisions ? base.value : proposal.value, kind: 'import',
        label: fitLabel(imported.revisions ? `Geïmporteerd uit ${name}: zonder de wijzigingen` : `Geïmporteerd uit ${name}`),
        prepare: (id) => {
          storeThreads(id)
          return imported.revisions ? base.value : proposal.value
        },
      })
      versions.push(first.version)
      if (imported.revisions) {
        const second = writeVersion(ctx, { id: first.id, meta: normalized.value, doc: proposal.value, kind: 'import', label: fitLabel(label ?? `Voorstellen uit ${name}${authors}`), base: first.version })
        if (!second.ok) return second
        versions.push(second.value.number)
        // Who made each tracked change, and when: the compare screen names them, not the importer.
        saveVersionRevisions(ctx.db, first.id, second.value.number, imported.revisionList)
      }
      return ok({ id: first.id, versions, comments: imported.threads.length, changes, untracked: 0, notices: imported.notices })
    })
  }
  const document = getDocument(ctx.db, into)
  if (!document) return missing(into)
  return inTransaction(ctx, () => {
    const latest = readVersion(ctx.db, into)!
    // The version the file was made from, when it is this document's own export (stamp and fingerprint agree).
    const stamp = imported.version
    const sent = stamp && stamp.document === into && versionFingerprint(ctx.db, into, stamp.version) === stamp.fingerprint ? readVersion(ctx.db, into, stamp.version) : null
    // The fields: Paraaf's own export carries them as sent, so when its version is known, only a field
    // that differs from the sent one (edited in the file's properties) replaces the drafter's later value.
    const sameField = (x: unknown, y: unknown) => JSON.stringify(x ?? null) === JSON.stringify(y ?? null)
    const fromFile = sent ? Object.fromEntries(Object.entries(imported.meta).filter(([k, v]) => !sameField(v, sent.meta[k]))) : imported.meta
    const merged = normalizeMeta(ctx, document.type, { ...latest.meta, ...fromFile })
    if (!merged.ok) return merged
    storeThreads(into)
    const differs = (a: StoredVersion, b: { meta: DocumentMeta; doc: PMNode }) => compareDocuments({ meta: a.meta, content: docOf(a).toJSON() }, { meta: b.meta, content: b.doc.toJSON() }).changes.length
    // Written on after the file went out: those words are not in the file.
    const since = sent && sent.number !== latest.number ? differs(sent, { meta: latest.meta, doc: docOf(latest) }) : 0
    // The drafter's comments follow their text into the partner's versions.
    let baseDoc = transferAnchors(docOf(latest), base.value)
    let proposalDoc = transferAnchors(baseDoc, proposal.value)
    // The file's texts as stored (through the schema), so only real edits count.
    const rebased = sent && since ? rebaseReply(sent.blocks, latest.blocks, base.value.toJSON().content as NodeJSON[], proposal.value.toJSON().content as NodeJSON[]) : null
    // Edits made without tracking: between the version the file was made from (else our last) and its text without its tracked changes.
    const untracked = rebased ? rebased.untracked : differs(sent ?? latest, { meta: sent ? { ...sent.meta, ...imported.meta } : merged.value, doc: baseDoc })
    const notices = [...imported.notices]
    if (rebased) {
      // The reply laid onto what the drafter wrote since: their later words stay, the partner's edits come on top.
      const b = toDoc({ type: 'doc', content: rebased.base })
      const p = toDoc({ type: 'doc', content: rebased.proposal })
      if (!b.ok) return b
      if (!p.ok) return p
      baseDoc = transferAnchors(docOf(latest), b.value)
      proposalDoc = transferAnchors(proposal.value, transferAnchors(baseDoc, p.value))
      notices.push(`Dit bestand is gemaakt van versie ${sent!.number}; wat u daarna schreef (${since === 1 ? '1 wijziging' : `${since} wijzigingen`} tot versie ${latest.number}) is behouden: de reactie is erop gelegd.`)
      if (rebased.conflicts) notices.push(`${rebased.conflicts === 1 ? 'Op 1 plaats wijzigt' : `Op ${rebased.conflicts} plaatsen wijzigt`} de reactie tekst die u na het versturen ook hebt gewijzigd: daar staat in het voorstel de tekst van de partner. Weiger die wijziging bij Vergelijken om uw eigen tekst te houden.`)
    }
    if (untracked) notices.push(untracked === 1 ? '1 wijziging is niet bijgehouden (gemaakt zonder Wijzigingen bijhouden); die staat niet tussen de voorstellen.' : `${untracked} wijzigingen zijn niet bijgehouden (gemaakt zonder Wijzigingen bijhouden); die staan niet tussen de voorstellen.`)
    const versions: number[] = []
    let on = latest.number
    if (imported.revisions) {
      const written = writeVersion(ctx, { id: into, meta: merged.value, doc: baseDoc, kind: 'import', label: fitLabel(`${label ?? `Reactie uit ${name}`}: zonder de wijzigingen`), base: on })
      if (!written.ok) return written
      versions.push((on = written.value.number))
    }
    const written = writeVersion(ctx, { id: into, meta: merged.value, doc: proposalDoc, kind: 'import', label: fitLabel(label ?? `Reactie uit ${name}${authors}`), base: on })
    if (!written.ok) return written
    versions.push(written.value.number)
    if (imported.revisions) saveVersionRevisions(ctx.db, into, written.value.number, imported.revisionList)
    return ok({ id: into, versions, comments: imported.threads.length, changes, untracked, notices })
  })
}

/**
 * A reply to version S laid onto the current draft C (a three-way merge, as
 * review rounds do): the base is C with the partner's untracked edits that
 * meet nothing the drafter changed since S, the proposal C with all of the
 * partner's edits. Where an edit meets words the drafter changed since S,
 * the proposal takes the partner's version of that place and the base keeps
 * the drafter's, so the compare screen shows it as a change to accept or
 * reject (and nothing else the drafter wrote since is touched). One
 * return's own edits never conflict with each other (core/merge/consolidate).
 */
function rebaseReply(sent: NodeJSON[], current: NodeJSON[], theirBase: NodeJSON[], theirProposal: NodeJSON[]): { base: NodeJSON[]; proposal: NodeJSON[]; untracked: number; conflicts: number } {
  const proposals = consolidate(sent, current, [{ id: 'reactie', org: 'reactie', blocks: theirProposal, base: theirBase }])
  const quiet = proposals.filter((p) => p.untracked && p.status === 'clean')
  return {
    base: applyProposals(sent, current, proposals, new Set(quiet.map((p) => p.id))),
    proposal: applyProposals(sent, current, proposals, new Set(proposals.map((p) => p.id))),
    untracked: quiet.length,
    conflicts: proposals.filter((p) => p.status === 'conflict-draft').length,
  }
}
