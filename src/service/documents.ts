// Documents and their versions: create, open, save (on a base version),
// list, restore; settings and the database check.
import type { Node as PMNode } from 'prosemirror-model'
import { documentTitle } from '../core/document.js'
import { checkIntegrity } from '../store/database.js'
import { getDocument, insertDocument, listDocuments as listDocumentRows } from '../store/documents.repo.js'
import { listVersions as listVersionRows, readVersion, type StoredVersion, type StoredVersionInfo } from '../store/versions.repo.js'
import { getSetting, setSetting } from '../store/settings.repo.js'
import { newestRoundStates } from '../store/rounds.repo.js'
import { deadlineView } from './deadline-view.js'
import { documentsWithParafen } from '../store/parafen.repo.js'
import { paraafState } from './paraaf-state.js'
import { skeletonProblem } from './templates.js'
import { writeTransaction } from '../store/transaction.js'
import type { DocumentMeta } from '../core/document.js'
import type {
  CreateDocumentInput, DocumentSnapshot, DocumentSummary, OpenDocumentInput, Result, RestoreVersionInput, SaveVersionInput, Settings, VersionInfo, VersionRef,
} from './contract.js'
import {
  clip, docOf, fail, missing, noVersion, normalizeMeta, ok, templateOf, toDoc, unknownType, withReanchored, writeVersion, inTransaction, type ServiceContext,
} from './context.js'

/** Documents, most recently changed first, optionally filtered by title. */
export function listDocuments(ctx: ServiceContext, { filter, trash }: { filter?: string; trash?: boolean }): Result<DocumentSummary[]> {
  const needle = filter?.trim().toLocaleLowerCase('nl')
  const docs = listDocumentRows(ctx.db, { deleted: trash }).filter((d) => !needle || d.title.toLocaleLowerCase('nl').includes(needle))
  const rounds = newestRoundStates(ctx.db)
  const withParafen = documentsWithParafen(ctx.db)
  const summaries = docs.map((d): DocumentSummary => {
    const r = rounds.get(d.id)
    const round = r ? { id: r.round, ...deadlineView(ctx, r.deadline, r.deadlineAt), asked: r.asked, returned: r.returned, unprocessed: r.unprocessed } : null
    // Only documents with parafen pay for a state (a fingerprint of their current text).
    const parafen = withParafen.has(d.id) ? paraafState(ctx, d.id) : null
    return {
      id: d.id, title: d.title, type: d.type, updatedAt: d.updatedAt, versions: d.versionCount,
      round: round && { id: round.id, deadline: round.deadline, deadlinePassed: round.deadlinePassed, asked: round.asked, returned: round.returned, unprocessed: round.unprocessed },
      parafen: parafen && { given: parafen.given, of: parafen.of, vervallen: parafen.vervallen },
      ...(d.deletedAt ? { deletedAt: d.deletedAt } : {}),
    }
  })
  // Where the drafter has work comes first: returns to process whose deadline
  // has passed, then other returns to process; the rest as they were changed.
  const urgency = (s: DocumentSummary) => (!s.round?.unprocessed ? 2 : s.round.deadlinePassed ? 0 : 1)
  summaries.sort((a, b) => urgency(a) - urgency(b))
  return ok(summaries)
}

/**
 * Creates the document row and its first version in one transaction;
 * `prepare` may change the content once the id is known (threads stored with it).
 */
export function createWithFirstVersion(
  ctx: ServiceContext, input: { type: string; meta: DocumentMeta; doc: PMNode; kind: 'create' | 'import'; label: string | null; prepare?: (id: number) => PMNode },
): { id: number; version: number } {
  return writeTransaction(ctx.db, () => {
    const id = insertDocument(ctx.db, { type: input.type, title: clip(documentTitle(input.meta, input.doc), 500), createdAt: ctx.now() })
    const written = writeVersion(ctx, { id, meta: input.meta, doc: input.prepare ? input.prepare(id) : input.doc, kind: input.kind, label: input.label })
    if (!written.ok) throw new Error(`a new document cannot have a newer version: ${written.error}`)
    return { id, version: written.value.number }
  })
}

/** Creates a document and its first version. */
export async function createDocument(ctx: ServiceContext, { type, meta = {}, content }: CreateDocumentInput): Promise<Result<{ id: number; version: number }>> {
  const template = templateOf(ctx, type)
  if (!template) return unknownType(ctx, type)
  // Without content, a document starts from its template's skeleton (the nota's sections, the annotatie's agendapunten).
  // The Markdown reader is loaded only then (see templates.ts checkSkeletons).
  const skeleton = !content && template.skeleton ? (await import('../core/markdown-in.js')).readMarkdown(template.skeleton) : null
  if (skeleton && !skeleton.ok) return fail(skeletonProblem(ctx.templatesDir, type, skeleton.error))
  const doc = skeleton?.ok ? ok(skeleton.doc) : toDoc(content ?? { type: 'doc', content: [{ type: 'paragraph' }] })
  if (!doc.ok) return doc
  const normalized = normalizeMeta(ctx, type, meta)
  if (!normalized.ok) return normalized
  return ok(createWithFirstVersion(ctx, { type, meta: normalized.value, doc: doc.value, kind: 'create', label: null }))
}

/** Opens the latest version, or an older one read-only. */
export function openDocument(ctx: ServiceContext, { id, version }: OpenDocumentInput): Result<DocumentSnapshot> {
  const document = getDocument(ctx.db, id)
  if (!document) return missing(id)
  const stored = readVersion(ctx.db, id, version)
  if (!stored) return noVersion(id, version)
  return ok(snapshot(ctx, id, stored, document.versionCount))
}

function snapshot(ctx: ServiceContext, id: number, stored: StoredVersion, latest: number): DocumentSnapshot {
  const document = getDocument(ctx.db, id)!
  return {
    id, type: document.type, title: document.title, meta: stored.meta, content: { type: 'doc', content: stored.blocks },
    version: toVersionInfo(stored), latestVersion: latest, readOnly: stored.number !== latest,
  }
}

/** Stores the editor's text as a new version, refused when `base` is no longer the latest. */
export function saveVersion(ctx: ServiceContext, { id, base, meta, content, label, kind }: SaveVersionInput): Result<VersionRef> {
  const document = getDocument(ctx.db, id)
  if (!document) return missing(id)
  const doc = toDoc(content)
  if (!doc.ok) return doc
  const normalized = normalizeMeta(ctx, document.type, meta)
  if (!normalized.ok) return normalized
  return writeVersion(ctx, { id, meta: normalized.value, doc: doc.value, kind, label: kind === 'named' ? (label ?? null) : null, base })
}

/** Every version of a document, oldest first. */
export function listVersions(ctx: ServiceContext, { id, after }: { id: number; after?: number }): Result<VersionInfo[]> {
  if (!getDocument(ctx.db, id)) return missing(id)
  return ok(listVersionRows(ctx.db, id, after).map(toVersionInfo))
}

/** Writes a new version with the content of an older one; detached comments whose text is back are anchored again. */
export function restoreVersion(ctx: ServiceContext, { id, number }: RestoreVersionInput): Result<VersionRef> {
  if (!getDocument(ctx.db, id)) return missing(id)
  return inTransaction(ctx, () => {
    const stored = readVersion(ctx.db, id, number)
    if (!stored) return noVersion(id, number)
    const doc = withReanchored(ctx, id, docOf(stored))
    return writeVersion(ctx, { id, meta: stored.meta, doc, kind: 'restore', label: `Versie ${number} teruggezet`, restoredFrom: number })
  })
}

export function toVersionInfo(v: StoredVersionInfo): VersionInfo {
  return { number: v.number, createdAt: v.createdAt, kind: v.kind, label: v.label, author: v.author, bytesAdded: v.bytesAdded, restoredFrom: v.restoredFrom }
}

export function getSettings(ctx: ServiceContext): Result<Settings> {
  const { values, file, problem } = ctx.policy
  const org = values.organisation ?? getSetting(ctx.db, 'org') ?? ''
  const initials = getSetting(ctx.db, 'initials') ?? undefined
  return ok({ author: ctx.author(), org, ...(initials ? { initials } : {}), identified: getSetting(ctx.db, 'identified') === '1', ...(file ? { managed: { file, ...values, ...(problem ? { problem } : {}) } } : {}) })
}

export function setSettings(ctx: ServiceContext, { author, org, initials }: Settings): Result<Settings> {
  writeTransaction(ctx.db, () => {
    setSetting(ctx.db, 'author', author)
    if (org !== undefined) setSetting(ctx.db, 'org', org)
    if (initials !== undefined) setSetting(ctx.db, 'initials', initials)
    setSetting(ctx.db, 'identified', '1')
  })
  return getSettings(ctx)
}

/** SQLite's integrity check of the database file. */
export function checkDatabase(ctx: ServiceContext): Result<{ ok: boolean; messages: string[] }> {
  const messages = checkIntegrity(ctx.db)
  return ok({ ok: messages.length === 1 && messages[0] === 'ok', messages })
}

