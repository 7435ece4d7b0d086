// Woo publication from the draft itself: suggestions (personal data, and
// the names Paraaf has seen as authors), redaction marks set on a quote
// (one or every occurrence, in one document or several), the publication
// copy as .docx or PDF with nothing left under the boxes, and the inventory
// list of a Woo decision. Nothing is withheld without a user's decision.
//
// A publication is recorded as a version of kind 'woo': the text it was made
// from, redaction marks included, so the published file can be made again
// from it at any time. Publishing an older version leaves the draft as it
// was: the latest text is written again after the publication's version.
import { resolve } from 'node:path'
import { documentTitle, countWords, type NodeJSON } from '../core/document.js'
import { formatDutchDate, isIsoDate } from '../core/dates.js'
import { listMetaRedactions, listRedactions, metaRedactions, publicationDoc, publicationMeta, redact, redactMeta, unredact, unredactMeta, type RedactionSummary } from '../core/redaction.js'
import { schema } from '../core/schema.js'
import { normalizeGround, notAGround, suggestRedactions as suggest, type RedactionSuggestion } from '../core/woo.js'
import { getDocument } from '../store/documents.repo.js'
import { knownAuthors, listComments } from '../store/comments.repo.js'
import { getSetting, setSetting } from '../store/settings.repo.js'
import { writeTransaction } from '../store/transaction.js'
import { insertPublication, listPublications } from '../store/publications.repo.js'
import { listVersions, readVersion } from '../store/versions.repo.js'
import type { InventoryInput, PublishInput, PublishResult, RedactInput, Result } from './contract.js'
import { docOf, fail, fileNameFor, inTransaction, missing, noVersion, ok, templateOf, writeVersion, type ServiceContext } from './context.js'
import { versionForWord } from './word.js'

/** Suggestions for the latest version's text (body, tables and footnotes). */
export function suggestRedactions(ctx: ServiceContext, { id }: { id: number }): Result<RedactionSuggestion[]> {
  const document = getDocument(ctx.db, id)
  if (!document) return missing(id)
  const latest = readVersion(ctx.db, id, document.versionCount)!
  const doc = docOf(latest)
  const text = doc.textBetween(0, doc.content.size, '\n', '\n')
  const names = new Map<string, { reason: string; listed?: boolean }>()
  for (const name of wooNames(ctx)) names.set(name, { reason: 'naam (uit uw namenlijst)', listed: true })
  for (const c of listComments(ctx.db, id)) if (c.author && !names.has(c.author)) names.set(c.author, { reason: 'naam (auteur van een opmerking)' })
  for (const v of listVersions(ctx.db, id)) if (v.author && !names.has(v.author)) names.set(v.author, { reason: 'naam (auteur van een versie)' })
  // Passages already redacted are not proposed again.
  const done = new Set(listRedactions(doc).map((r) => r.quote))
  return ok(suggest(text, [...names].map(([name, n]) => ({ name, ...n }))).filter((s) => !done.has(s.quote)))
}

/** The names the user keeps for suggestions (one list for every document). */
function wooNames(ctx: ServiceContext): string[] {
  try {
    const list = JSON.parse(getSetting(ctx.db, 'woo-names') ?? '[]') as unknown
    return Array.isArray(list) ? list.filter((n): n is string => typeof n === 'string').slice(0, 500) : []
  } catch {
    return []
  }
}

/**
 * The names list: what the user keeps, or, before they kept one, the authors
 * of comments and versions Paraaf has seen in every document.
 */
export function getWooNames(ctx: ServiceContext): Result<{ names: string[]; kept: boolean }> {
  if (getSetting(ctx.db, 'woo-names') !== null) return ok({ names: wooNames(ctx), kept: true })
  const seen = new Set<string>()
  for (const row of knownAuthors(ctx.db)) if (row && row.trim()) seen.add(row.trim())
  return ok({ names: [...seen].sort((a, b) => a.localeCompare(b, 'nl')), kept: false })
}

export function setWooNames(ctx: ServiceContext, { names }: { names: string[] }): Result<{ names: string[]; kept: boolean }> {
  const clean = [...new Set(names.map((n) => n.trim()).filter(Boolean))].slice(0, 500)
  writeTransaction(ctx.db, () => setSetting(ctx.db, 'woo-names', JSON.stringify(clean)))
  return ok({ names: clean, kept: true })
}

const short = (quote: string) => (quote.length > 60 ? quote.slice(0, 57) + '…' : quote)


/**
 * Marks `quote` for redaction on `ground` (one occurrence, or with `all`
 * every one) and writes a version when anything was marked. `count` is the
 * number of passages marked now (0 when each was redacted already).
 */
export function redactQuote(ctx: ServiceContext, { id, quote, ground, all, base }: RedactInput): Result<{ count: number; version: number | null; ground: string }> {
  const g = normalizeGround(ground)
  if (!g) return fail(notAGround(ground))
  if (!getDocument(ctx.db, id)) return missing(id)
  return inTransaction(ctx, () => {
    const stored = readVersion(ctx.db, id)!
    const doc = docOf(stored)
    const body = redact(doc, quote, g, all === true)
    // The metadata too (a name in the ondertekening): with --all always, otherwise when the body had no occurrence left.
    const head = all === true || !body.count ? redactMeta(stored.meta, quote, g, all === true) : { meta: stored.meta, count: 0 }
    const count = body.count + head.count
    if (!count) {
      const already = [...listRedactions(doc), ...metaRedactions(stored.meta)].some((r) => r.quote === quote && r.ground === g)
      return already ? ok({ count: 0, version: null, ground: g }) : fail(`De tekst "${short(quote)}" staat niet in de huidige versie van document ${id}.`)
    }
    const ref = writeVersion(ctx, { id, meta: head.meta, doc: body.doc, kind: 'named', label: `Gelakt (${g}): ${count === 1 ? '1 passage' : `${count} passages`}`, base: base ?? stored.number })
    if (!ref.ok) return ref
    return ok({ count, version: ref.value.number, ground: g })
  })
}

/** "Alle voorkomens" over a set of documents: every occurrence in each, one version per document that changed. */
export function redactAcross(ctx: ServiceContext, { ids, quote, ground }: { ids: number[]; quote: string; ground: string }): Result<{ id: number; count: number }[]> {
  const g = normalizeGround(ground)
  if (!g) return fail(notAGround(ground))
  const absent = ids.find((id) => !getDocument(ctx.db, id))
  if (absent !== undefined) return missing(absent)
  return inTransaction(ctx, () => {
    const out: { id: number; count: number }[] = []
    for (const id of ids) {
      const stored = readVersion(ctx.db, id)!
      const { doc, count: inBody } = redact(docOf(stored), quote, g, true)
      const head = redactMeta(stored.meta, quote, g, true)
      const count = inBody + head.count
      if (count) {
        const ref = writeVersion(ctx, { id, meta: head.meta, doc, kind: 'named', label: `Gelakt (${g}): ${count === 1 ? '1 passage' : `${count} passages`}` })
        if (!ref.ok) return ref
      }
      out.push({ id, count })
    }
    return ok(out)
  })
}

/** Takes the redaction off every passage reading `quote`, as a new version. */
export function removeRedaction(ctx: ServiceContext, { id, quote }: { id: number; quote: string }): Result<{ count: number; version: number | null }> {
  if (!getDocument(ctx.db, id)) return missing(id)
  return inTransaction(ctx, () => {
    const stored = readVersion(ctx.db, id)!
    const { doc, count: inBody } = unredact(docOf(stored), quote)
    const head = unredactMeta(stored.meta, quote)
    const count = inBody + head.count
    if (!count) return fail(`"${short(quote)}" is in document ${id} niet gelakt.`)
    const ref = writeVersion(ctx, { id, meta: head.meta, doc, kind: 'named', label: `Lakking opgeheven: ${short(quote)}`, base: stored.number })
    if (!ref.ok) return ref
    return ok({ count, version: ref.value.number })
  })
}

/** The redactions of a version (default the latest), one row per quote and ground. */
export function redactionsOf(ctx: ServiceContext, { id, version }: { id: number; version?: number }): Result<RedactionSummary[]> {
  if (!getDocument(ctx.db, id)) return missing(id)
  const stored = readVersion(ctx.db, id, version)
  if (!stored) return noVersion(id, version)
  // Body and metadata together: one row per quote and ground.
  const rows = listRedactions(docOf(stored))
  for (const m of listMetaRedactions(stored.meta)) {
    const same = rows.find((r) => r.quote === m.quote && r.ground === m.ground)
    if (same) same.count += m.count
    else rows.push(m)
  }
  return ok(rows)
}


/** The grounds of the boxes in a publication document, with their counts. */
function boxGrounds(doc: NodeJSON): Record<string, number> {
  const grounds: Record<string, number> = {}
  const walk = (n: NodeJSON) => {
    const g = n.marks?.find((m) => m.type === 'redaction')?.attrs?.ground
    if (typeof g === 'string') grounds[g] = (grounds[g] ?? 0) + 1
    n.content?.forEach(walk)
  }
  walk(doc)
  return grounds
}

/**
 * "Publicatieversie maken": records the publication (a version of kind
 * 'woo', written once per source version) and returns the file: every
 * redacted passage removed and drawn as a box with its ground, comments,
 * revisions, authors and Paraaf's own properties left out.
 */
export async function publish(ctx: ServiceContext, { id, version, format }: PublishInput): Promise<Result<PublishResult>> {
  const ready = versionForWord(ctx, id, version, { requireFields: false })
  if (!ready.ok) return ready
  const { document, template, stored: source } = ready.value
  // A publication of this text exists already (the PDF after the .docx): it is used again. Its
  // version holds the same text as its source, so the file is made from the source either way.
  const before = listPublications(ctx.db, id).find((p) => p.version === source.number || p.sourceVersion === source.number)
  const pub = publicationDoc(docOf(source))
  let wooVersion = before?.version
  if (wooVersion === undefined) {
    const written = inTransaction(ctx, () => {
      const latest = getDocument(ctx.db, id)!.versionCount
      const ref = writeVersion(ctx, { id, meta: source.meta, doc: docOf(source), kind: 'woo', label: `Publicatieversie (Woo) van versie ${source.number}` })
      if (!ref.ok) return ref
      insertPublication(ctx.db, { documentId: id, version: ref.value.number, sourceVersion: source.number, createdAt: ctx.now(), author: ctx.author(), passages: pub.removed.length, grounds: boxGrounds(pub.doc) })
      // An older version was published: the draft goes on from the latest text, not from the publication.
      if (source.number !== latest) {
        const draft = readVersion(ctx.db, id, latest)!
        const back = writeVersion(ctx, { id, meta: draft.meta, doc: docOf(draft), kind: 'restore', label: `Concept van versie ${latest} na de publicatie`, restoredFrom: latest })
        if (!back.ok) return back
      }
      return ok(ref.value.number)
    })
    if (!written.ok) return written
    wooVersion = written.value
  }
  const meta = publicationMeta(source.meta, pub.removed)
  const title = documentTitle(meta, schema.nodeFromJSON(pub.doc))
  const name = `${fileNameFor(title)}-woo-${ctx.now().slice(0, 10)}`
  let buffer: Buffer
  if (format === 'docx') {
    const { exportDocx } = await import('../docx/export-docx.js')
    buffer = await exportDocx({
      type: document.type, meta, layout: template.layout, templateDir: resolve(ctx.templatesDir, document.type),
      content: pub.doc as { type: 'doc'; content: NodeJSON[] }, publication: true,
    })
  } else {
    const { publicationPdf } = await import('../publish/pdf.js')
    const lines: [string, string][] = []
    if (typeof meta.datum === 'string' && meta.datum) lines.push(['Datum', isIsoDate(meta.datum) ? formatDutchDate(meta.datum) : meta.datum])
    if (typeof meta.kenmerk === 'string' && meta.kenmerk) lines.push(['Ons kenmerk', meta.kenmerk])
    const closing = Array.isArray(meta.ondertekening) ? meta.ondertekening : typeof meta.ondertekening === 'string' && meta.ondertekening ? [meta.ondertekening] : []
    buffer = await publicationPdf({ typeLabel: template.label, title, lines, doc: pub.doc, closing })
  }
  return ok({ fileName: `${name}.${format}`, base64: buffer.toString('base64'), version: wooVersion, sourceVersion: before?.sourceVersion ?? source.number, passages: pub.removed.length, grounds: boxGrounds(pub.doc) })
}


/**
 * The inventory list of a Woo decision for a selection of documents, in the
 * order given, each as its latest version holds it (its redactions, and the
 * markers of an earlier release).
 */
export async function wooInventory(ctx: ServiceContext, { ids, format }: InventoryInput): Promise<Result<{ fileName: string; base64: string; rows: number }>> {
  const { inventoryCsv, inventoryXlsx } = await import('../publish/inventory.js')
  const rows = []
  for (const [i, id] of ids.entries()) {
    const document = getDocument(ctx.db, id)
    if (!document) return missing(id)
    const stored = readVersion(ctx.db, id)!
    const doc = docOf(stored)
    const pub = publicationDoc(doc)
    const grounds = boxGrounds(pub.doc)
    const published = schema.nodeFromJSON(pub.doc)
    // What is left to read: the words outside the boxes.
    const left = countWords(published) - Object.values(grounds).reduce((a, b) => a + b, 0)
    const used = Object.keys(grounds).sort()
    const datum = typeof stored.meta.datum === 'string' && isIsoDate(stored.meta.datum) ? stored.meta.datum : document.createdAt.slice(0, 10)
    rows.push({
      number: i + 1, date: datum.split('-').reverse().join('-'), title: documentTitle(publicationMeta(stored.meta, pub.removed), published),
      type: templateOf(ctx, document.type)?.label ?? document.type,
      verdict: !used.length ? 'openbaar' as const : left > 0 ? 'deels openbaar' as const : 'niet openbaar' as const,
      grounds: used, document: id, version: stored.number,
    })
  }
  const buffer = format === 'xlsx' ? await inventoryXlsx(rows) : inventoryCsv(rows)
  return ok({ fileName: `woo-inventaris-${ctx.now().slice(0, 10)}.${format}`, base64: buffer.toString('base64'), rows: rows.length })
}
