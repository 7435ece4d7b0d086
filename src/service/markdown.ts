// Markdown in and out: import as a new document, save over a document (with
// anchors carried over), export with threads, compare two texts.
import { Node as PMNode } from 'prosemirror-model'
import { schema } from '../core/schema.js'
import { readMarkdown } from '../core/markdown-in.js'
import { writeMarkdown, type MarkdownThread } from '../core/markdown-out.js'
import { compareDocuments } from '../core/diff/compare.js'
import { commentAnchors, transferAnchors } from '../core/comments.js'
import type { Comparison } from '../core/diff/types.js'
import { getDocument } from '../store/documents.repo.js'
import { readVersion } from '../store/versions.repo.js'
import { getComment, insertComment, listComments } from '../store/comments.repo.js'
import {
  LIMITS, type CompareMarkdownInput, type ExportMarkdownInput, type ImportMarkdownInput, type Result, type SaveMarkdownVersionInput, type VersionRef,
} from './contract.js'
import { clip, docOf, fail, fileNameFor, missing, noVersion, normalizeMeta, ok, templateOf, toDoc, unknownType, withReanchored, writeVersion, inTransaction, type ServiceContext } from './context.js'
import { createWithFirstVersion } from './documents.js'
import { newCommentId } from './comments.js'

/** Imports Markdown with a YAML front matter as a new document, with the threads it carries. */
export function importMarkdown(ctx: ServiceContext, { text, type, fileName }: ImportMarkdownInput): Result<{ id: number; version: number }> {
  const read = readChecked(text)
  if (!read.ok) return read
  const chosen = type ?? read.value.type ?? 'nota'
  if (!templateOf(ctx, chosen)) return unknownType(ctx, chosen)
  const normalized = normalizeMeta(ctx, chosen, read.value.meta)
  if (!normalized.ok) return normalized
  const label = fileName ? clip(`Geïmporteerd uit ${fileName.split(/[\\/]/).pop()}`, LIMITS.labelChars) : 'Geïmporteerd uit Markdown'
  // Threads in the file get ids of their own here; the marks in the text follow.
  return ok(createWithFirstVersion(ctx, {
    type: chosen, meta: normalized.value, doc: read.value.doc, kind: 'import', label,
    prepare: (id) => importThreads(ctx, id, read.value.doc, read.value.threads, false),
  }))
}

/** Stores Markdown (front matter optional) as a new version of an existing document. */
export function saveMarkdownVersion(ctx: ServiceContext, { id, text, label, base }: SaveMarkdownVersionInput): Result<VersionRef> {
  const document = getDocument(ctx.db, id)
  if (!document) return missing(id)
  const read = readChecked(text)
  if (!read.ok) return read
  return inTransaction(ctx, () => {
    const latest = readVersion(ctx.db, id)!
    if (base !== undefined && base !== latest.number) {
      return { ok: false, error: `Versie ${base} is niet meer de nieuwste versie van document ${id} (dat is ${latest.number}); er is niets opgeslagen.`, conflict: { latest: latest.number } }
    }
    // A file without front matter keeps the metadata the document already has.
    const normalized = normalizeMeta(ctx, document.type, Object.keys(read.value.meta).length ? read.value.meta : latest.meta)
    if (!normalized.ok) return normalized
    // A file without our anchors (written elsewhere) gets them carried over from the latest version.
    const doc = transferAnchors(docOf(latest), importThreads(ctx, id, read.value.doc, read.value.threads, true))
    return writeVersion(ctx, { id, meta: normalized.value, doc: withReanchored(ctx, id, doc), kind: label ? 'named' : 'auto', label: label ?? null })
  })
}

/** Writes a version as Markdown with front matter and its threads. */
export function exportMarkdown(ctx: ServiceContext, { id, version }: ExportMarkdownInput): Result<{ fileName: string; markdown: string }> {
  const document = getDocument(ctx.db, id)
  if (!document) return missing(id)
  const stored = readVersion(ctx.db, id, version)
  if (!stored) return noVersion(id, version)
  const doc = docOf(stored)
  const markdown = writeMarkdown(doc, stored.meta, document.type, threadsForFiles(ctx, id, doc))
  return ok({ fileName: `${fileNameFor(document.title)}-v${stored.number}.md`, markdown })
}

/** Compares two Markdown texts (front matter as metadata). */
export function compareMarkdown(_ctx: ServiceContext, { a, b, granularity }: CompareMarkdownInput): Result<Comparison> {
  const sides = []
  for (const text of [a, b]) {
    const read = readChecked(text)
    if (!read.ok) return read
    sides.push({ meta: read.value.meta, content: read.value.doc.toJSON() })
  }
  return ok(compareDocuments(sides[0], sides[1], { granularity }))
}

/** Reads Markdown after checking the text, and refuses a document over the storage limit (counted after expansion). */
function readChecked(text: string) {
  const problem = checkMarkdownText(text)
  if (problem) return fail<never>(problem)
  const read = readMarkdown(text)
  if (!read.ok) return read
  const checked = toDoc(read.doc.toJSON() as never)
  if (!checked.ok) return checked
  return ok(read)
}

/** The document's threads as written into files, quotes taken from `doc`. */
export function threadsForFiles(ctx: ServiceContext, id: number, doc: PMNode): MarkdownThread[] {
  const all = listComments(ctx.db, id)
  if (!all.length) return []
  const anchors = commentAnchors(doc)
  const replies = new Map<string, typeof all>()
  for (const c of all) if (c.parentId) replies.set(c.parentId, [...(replies.get(c.parentId) ?? []), c])
  return all.filter((c) => c.parentId === null).map((c) => ({
    id: c.id, author: c.author, org: c.org, createdAt: c.createdAt, text: c.body, resolved: c.resolved, quote: anchors.get(c.id)?.quote ?? c.quote,
    replies: (replies.get(c.id) ?? []).map((r) => ({ author: r.author, org: r.org, createdAt: r.createdAt, text: r.body })),
  }))
}

/**
 * Stores threads read from Markdown. Threads this document already has are
 * left as they are; others get fresh ids (an id may exist in another
 * document), and the marks in `doc` are renamed to match. Call inside the
 * write transaction.
 */
function importThreads(ctx: ServiceContext, id: number, doc: PMNode, threads: MarkdownThread[], keepKnown: boolean): PMNode {
  if (!threads.length) return doc
  const rename = new Map<string, string>()
  for (const t of threads) {
    const existing = getComment(ctx.db, t.id)
    if (keepKnown && existing && existing.documentId === id) continue
    const fresh = newCommentId()
    rename.set(t.id, fresh)
    const at = t.createdAt || ctx.now()
    insertComment(ctx.db, { id: fresh, documentId: id, parentId: null, author: t.author || 'Onbekend', org: t.org, body: t.text || '(leeg)', createdAt: at, quote: t.quote, prefix: '', suffix: '', resolved: t.resolved })
    // A reply without a time takes its thread's, so every stored time is a real one.
    for (const r of t.replies) insertComment(ctx.db, { id: newCommentId(), documentId: id, parentId: fresh, author: r.author || 'Onbekend', org: r.org, body: r.text || '(leeg)', createdAt: r.createdAt || at, quote: '', prefix: '', suffix: '' })
  }
  if (!rename.size) return doc
  const json = JSON.stringify(doc.toJSON(), (key, value) => (key === 'id' && typeof value === 'string' && rename.has(value) ? rename.get(value) : value))
  return PMNode.fromJSON(schema, JSON.parse(json))
}

/** Says why a text cannot be Markdown (too large, binary, control characters), or null when it can. */
export function checkMarkdownText(text: string): string | null {
  const bytes = Buffer.byteLength(text)
  if (bytes > LIMITS.markdownBytes) {
    return `Het bestand is te groot (${(bytes / 1024 / 1024).toFixed(1)} MB); Paraaf leest Markdown tot ${LIMITS.markdownBytes / 1024 / 1024} MB.`
  }
  const replacement = (text.match(/\uFFFD/g) ?? []).length
  // The whole text is checked: a control character after the first 64 KB would
  // otherwise reach a terminal through `paraaf show`.
  // eslint-disable-next-line no-control-regex
  if (/\u0000/.test(text) || replacement > 8 || /[\u0001-\u0008\u000B\u000E-\u001F\u007F\u0080-\u009F]/.test(text)) {
    return 'Dit bestand is geen tekstbestand (het bevat stuurtekens); kies een Markdown-bestand (.md).'
  }
  if (!text.trim()) return 'Het bestand is leeg.'
  return null
}
