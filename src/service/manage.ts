// Managing documents as a drafter does: a new title, another type, a copy as
// the start of a new document ("Nieuwe annotatie op basis van…"), and the
// Prullenbak, which keeps every version until the document is put back or
// the Prullenbak is emptied.
import { withoutCommentMarks } from '../core/comments.js'
import { getDocument, listDocuments, setDocumentDeleted, setDocumentType } from '../store/documents.repo.js'
import { hasRecords, purgeDocuments } from '../store/purge.js'
import { dutchList } from '../core/dutch.js'
import { readVersion } from '../store/versions.repo.js'
import { writeTransaction } from '../store/transaction.js'
import type { Result, VersionRef } from './contract.js'
import { docOf, fail, inTransaction, missing, normalizeMeta, ok, templateOf, unknownType, writeVersion, type ServiceContext } from './context.js'
import { createWithFirstVersion } from './documents.js'

const clipTitle = (title: string) => title.replace(/\s+/g, ' ').trim()

/** A new title (the onderwerp), recorded as a named version. */
export function renameDocument(ctx: ServiceContext, { id, title }: { id: number; title: string }): Result<VersionRef> {
  const wanted = clipTitle(title)
  if (!wanted) return fail('Vul een titel in.')
  return inTransaction(ctx, () => {
    const document = getDocument(ctx.db, id)
    if (!document) return missing(id)
    const latest = readVersion(ctx.db, id, document.versionCount)!
    if (latest.meta.onderwerp === wanted) return fail(`De titel is al “${wanted}”.`)
    const doc = docOf(latest)
    const meta = normalizeMeta(ctx, document.type, { ...latest.meta, onderwerp: wanted })
    if (!meta.ok) return meta
    return writeVersion(ctx, { id, meta: meta.value, doc, kind: 'named', label: `Titel gewijzigd in “${wanted.slice(0, 120)}”`, base: latest.number })
  })
}

/** Another document type: its fields (and template) from now on, the values of shared fields kept; recorded as a version. */
export function changeDocumentType(ctx: ServiceContext, { id, type }: { id: number; type: string }): Result<VersionRef> {
  const template = templateOf(ctx, type)
  if (!template) return unknownType(ctx, type)
  return inTransaction(ctx, () => {
    const document = getDocument(ctx.db, id)
    if (!document) return missing(id)
    if (document.type === type) return fail(`Dit document is al een ${template.label.toLowerCase()}.`)
    const latest = readVersion(ctx.db, id, document.versionCount)!
    const doc = docOf(latest)
    const meta = normalizeMeta(ctx, type, latest.meta)
    if (!meta.ok) return meta
    const from = templateOf(ctx, document.type)?.label ?? document.type
    setDocumentType(ctx.db, id, type)
    return writeVersion(ctx, { id, meta: meta.value, doc, kind: 'named', label: `Soort gewijzigd: ${from} → ${template.label}`, base: latest.number })
  })
}

/** A new document from the latest text of another (optionally of another type); the comments stay with the original. */
export function copyDocument(ctx: ServiceContext, { id, type }: { id: number; type?: string }): Result<{ id: number; version: number }> {
  const document = getDocument(ctx.db, id)
  if (!document) return missing(id)
  const target = type ?? document.type
  if (!templateOf(ctx, target)) return unknownType(ctx, target)
  const latest = readVersion(ctx.db, id, document.versionCount)!
  const doc = docOf(latest)
  const meta = normalizeMeta(ctx, target, latest.meta)
  if (!meta.ok) return meta
  return ok(createWithFirstVersion(ctx, { type: target, meta: meta.value, doc: withoutCommentMarks(doc), kind: 'create', label: `Op basis van “${document.title.slice(0, 120)}” (document ${id}, versie ${latest.number})` }))
}

/** To the Prullenbak: out of the list and the search, everything kept. */
export function deleteDocument(ctx: ServiceContext, { id }: { id: number }): Result<{ id: number; deletedAt: string }> {
  const document = getDocument(ctx.db, id)
  if (!document) return missing(id)
  if (document.deletedAt) return fail(`“${document.title}” staat al in de prullenbak.`)
  const at = ctx.now()
  writeTransaction(ctx.db, () => setDocumentDeleted(ctx.db, id, at))
  return ok({ id, deletedAt: at })
}

/** Back from the Prullenbak, as it was. */
export function undeleteDocument(ctx: ServiceContext, { id }: { id: number }): Result<{ id: number }> {
  const document = getDocument(ctx.db, id)
  if (!document) return missing(id)
  if (!document.deletedAt) return fail(`“${document.title}” staat niet in de prullenbak.`)
  writeTransaction(ctx.db, () => setDocumentDeleted(ctx.db, id, null))
  return ok({ id })
}

export interface EmptyTrashResult {
  /** How many documents were removed for good. */
  removed: number
  /** Documents left in the Prullenbak because they hold records that are never deleted. */
  kept: { id: number; title: string; why: string }[]
}

/**
 * "Prullenbak leegmaken": every document in the Prullenbak removed for good,
 * with all its versions and comments, in one transaction. A document with a
 * paraaf, an afstemmingsronde or a Woo publication stays: those are records
 * Paraaf never deletes (they say who approved, sent or published what).
 */
export function emptyTrash(ctx: ServiceContext): Result<EmptyTrashResult> {
  return inTransaction(ctx, () => {
    const kept: EmptyTrashResult['kept'] = []
    const remove: number[] = []
    for (const d of listDocuments(ctx.db, { deleted: true })) {
      const records = hasRecords(ctx.db, d.id)
      const why = [records.parafen ? 'parafen' : '', records.rounds ? 'afstemmingsrondes' : '', records.publications ? 'Woo-publicaties' : ''].filter(Boolean)
      if (why.length) kept.push({ id: d.id, title: d.title, why: `er staan ${dutchList(why)} op, die Paraaf nooit wist` })
      else remove.push(d.id)
    }
    purgeDocuments(ctx.db, remove)
    return ok({ removed: remove.length, kept })
  })
}
