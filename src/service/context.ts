// What every feature of the service works with: the database, the clock, the
// current user and the templates, plus the few steps they all share (checking
// a document, normalising metadata, writing a version). Each feature is a
// file of free functions taking this context first.
import { userInfo } from 'node:os'
import { randomUUID } from 'node:crypto'
import { Node as PMNode } from 'prosemirror-model'
import { schema } from '../core/schema.js'
import { documentTitle, type DocJSON, type DocumentMeta } from '../core/document.js'
import { isIsoDate } from '../core/dates.js'
import { commentAnchors, reanchor } from '../core/comments.js'
import type { Db } from '../store/database.js'
import { getSetting, setSetting } from '../store/settings.repo.js'
import { listComments, updateQuotes } from '../store/comments.repo.js'
import { insertVersion, type StoredVersion, type VersionKind } from '../store/versions.repo.js'
import { writeTransaction } from '../store/transaction.js'
import { LIMITS, type Result, type TemplateManifest, type VersionRef } from './contract.js'
import type { Policy } from './policy.js'
import type { Steps } from '../core/steps.js'

export interface ServiceContext {
  db: Db
  templates: TemplateManifest[]
  /** The templates folder, for assets such as a logo. */
  templatesDir: string
  /** The current time as ISO-8601 text. */
  now(): string
  /** Who writes versions and comments: the name set in Paraaf, else the OS user. */
  author(): string
  /** The user's stable id (made once, kept in the settings): what "one's own comment" is judged by. */
  userId(): string
  /** What IT preset (paraaf-beleid.json). */
  policy: Policy
}

export interface ContextOptions {
  db: Db
  templates: TemplateManifest[]
  templatesDir: string
  defaultAuthor?: string
  now?: () => Date
  policy?: Policy
}

/** Builds the context from the options a transport opens the service with. */
export function createContext(options: ContextOptions): ServiceContext {
  const { db } = options
  return {
    db,
    templates: options.templates,
    templatesDir: options.templatesDir,
    now: () => (options.now ? options.now() : new Date()).toISOString(),
    author: () => getSetting(db, 'author') ?? options.defaultAuthor ?? safeUserName(),
    userId: () => {
      let id = getSetting(db, 'user-id')
      if (!id) {
        const made = `u-${randomUUID()}`
        writeTransaction(db, () => { if (!getSetting(db, 'user-id')) setSetting(db, 'user-id', made) })
        id = getSetting(db, 'user-id')!
      }
      return id
    },
    policy: options.policy ?? { values: {}, file: null },
  }
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = <T>(error: string): Result<T> => ({ ok: false, error })
export const missing = (id: number) => fail<never>(`Document ${id} bestaat niet.`)
export const noVersion = (id: number, version: number | undefined) => fail<never>(`Document ${id} heeft geen versie ${version}.`)

/** The template of a document type, or undefined. */
export function templateOf(ctx: ServiceContext, type: string): TemplateManifest | undefined {
  return ctx.templates.find((t) => t.type === type)
}

export function unknownType<T>(ctx: ServiceContext, type: string): Result<T> {
  return fail(`Onbekend documenttype "${type.slice(0, 40)}". Kies uit: ${ctx.templates.map((t) => t.type).join(', ')}.`)
}

/** Checks content against the schema and the size limit; returns the document node or a message. */
export function toDoc(content: DocJSON): Result<PMNode> {
  if (Buffer.byteLength(JSON.stringify(content)) > LIMITS.contentJsonBytes) {
    return fail(`Het document is te groot om op te slaan (meer dan ${LIMITS.contentJsonBytes / 1024 / 1024} MB). Splits het in kleinere documenten.`)
  }
  try {
    const doc = PMNode.fromJSON(schema, content)
    doc.check()
    return ok(doc)
  } catch (err) {
    return fail(`Het document bevat onderdelen die Paraaf niet kent: ${(err as Error).message}`)
  }
}

/** The document node of a stored version. */
export function docOf(stored: StoredVersion): PMNode {
  return PMNode.fromJSON(schema, { type: 'doc', content: stored.blocks })
}

/** A stored version in the shape the compare engine takes. */
export function comparable(stored: StoredVersion) {
  return { meta: stored.meta, content: { content: stored.blocks } }
}

const META_KEY = /^[\p{L}_][\p{L}\p{N}_-]{0,63}$/u

/**
 * Puts metadata in template order (so an unchanged draft hashes the same),
 * checks dates, and applies the limits every way in must meet (the same as
 * the boundary's for saveVersion): at most 100 fields, valid names, values
 * of at most 10,000 characters and 100 lines.
 */
export function normalizeMeta(ctx: ServiceContext, type: string, meta: DocumentMeta): Result<DocumentMeta> {
  const template = templateOf(ctx, type)
  const entries = Object.entries(meta)
  if (entries.length > 100) return fail('Het document heeft te veel gegevensvelden (meer dan 100).')
  for (const [key, value] of entries) {
    if (!META_KEY.test(key) || key === '__proto__') return fail(`Ongeldige naam voor een gegevensveld: "${key.slice(0, 40)}".`)
    const lines = Array.isArray(value) ? value : [value]
    if (typeof value !== 'string' && !Array.isArray(value)) return fail(`Gegevensveld ${key} heeft geen tekst als waarde.`)
    if (lines.length > 100 || lines.some((l) => typeof l !== 'string' || l.length > 10_000)) return fail(`Gegevensveld ${key} is te lang (ten hoogste 100 regels van 10.000 tekens).`)
  }
  // A null-prototype object: a field named "constructor" or "__proto__" is a field like any other.
  const out: DocumentMeta = Object.create(null) as DocumentMeta
  const has = (key: string) => Object.prototype.hasOwnProperty.call(out, key)
  for (const field of template?.fields ?? []) {
    if (Object.prototype.hasOwnProperty.call(meta, field.key)) out[field.key] = meta[field.key]
  }
  for (const [key, value] of entries) if (!has(key)) out[key] = value
  for (const field of template?.fields ?? []) {
    const value = out[field.key]
    if (field.kind === 'date' && typeof value === 'string' && value !== '' && !isIsoDate(value)) {
      return fail(`${field.label}: "${value.slice(0, 40)}" is geen geldige datum.`)
    }
  }
  return ok({ ...out })
}

export interface WriteInput {
  id: number
  meta: DocumentMeta
  doc: PMNode
  kind: VersionKind
  label: string | null
  restoredFrom?: number
  /** The version the text was based on; a newer latest version refuses the write. */
  base?: number
}

/**
 * Writes a version in one immediate transaction, with the quotes of its
 * comment anchors (what each comment is about now, to show it and to find it
 * again if its text goes). A stale base is a failure naming the latest version.
 */
export function writeVersion(ctx: ServiceContext, input: WriteInput): Result<VersionRef> {
  const { db } = ctx
  const blockJsons: string[] = []
  input.doc.forEach((block) => blockJsons.push(JSON.stringify(block.toJSON())))
  const label = input.label === null ? null : clip(input.label, LIMITS.labelChars)
  const result = insertVersion(db, {
    documentId: input.id, kind: input.kind, label, author: clip(ctx.author(), 100), title: clip(documentTitle(input.meta, input.doc), 500),
    metaJson: JSON.stringify(input.meta), blockJsons, createdAt: ctx.now(), restoredFrom: input.restoredFrom,
    skipIfUnchanged: input.kind === 'auto', base: input.base,
    afterWrite: () => {
      if (blockJsons.some((j) => j.includes('"type":"comment"'))) updateQuotes(db, input.id, [...commentAnchors(input.doc).values()])
    },
  })
  if (!result.ok) {
    return { ok: false, error: `Er is intussen een nieuwere versie (${result.latest}) van dit document opgeslagen, in een ander venster of met de opdrachtregel. Uw tekst is niet opgeslagen en niet weggegooid.`, conflict: { latest: result.latest } }
  }
  return ok({ number: result.number, bytesAdded: result.bytesAdded, unchanged: result.unchanged })
}

/** Puts back the anchors of this document's detached threads whose text is found in `doc`. */
export function withReanchored(ctx: ServiceContext, id: number, doc: PMNode): PMNode {
  const lost = listComments(ctx.db, id).filter((c) => c.parentId === null && c.quote)
  if (!lost.length) return doc
  return reanchor(doc, lost).doc
}

/** Text cut to `max` characters, with an ellipsis when it was longer. */
export function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text
}

function safeUserName(): string {
  try {
    return userInfo().username || 'Onbekend'
  } catch {
    return 'Onbekend'
  }
}

/** A file name from a title: letters, digits and dashes only. */
export function fileNameFor(title: string): string {
  const base = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
  return base.slice(0, 60) || 'document'
}

/** Carries a failure out of a transaction so that everything written before it is rolled back. */
class RolledBack extends Error {
  constructor(readonly result: { ok: false; error: string }) {
    super(result.error)
  }
}

/**
 * Runs `work` in one immediate transaction. A failure it returns rolls back
 * whatever it wrote before failing (a thread row, a first version), so a
 * refused command never leaves half of itself behind.
 */
export function inTransaction<T>(ctx: ServiceContext, work: () => Result<T>): Result<T> {
  try {
    return writeTransaction(ctx.db, () => {
      const result = work()
      if (!result.ok) throw new RolledBack(result)
      return result
    })
  } catch (err) {
    if (err instanceof RolledBack) return err.result as Result<T>
    throw err
  }
}

/** How long a slice of work in steps runs before letting other requests in. */
const SLICE_MS = 8

/**
 * The result of `steps` (core/steps.ts), run a slice of about
 * 8 ms at a time with the event loop let through between slices: requests
 * that came in meanwhile (the next screen's comparison) are answered
 * between two slices, not after the whole. For read-only work only: a write
 * in between must not change what the steps read.
 */
export async function inSlices<T>(steps: Steps<T>): Promise<T> {
  let start = performance.now()
  for (;;) {
    const next = steps.next()
    if (next.done) return next.value
    if (performance.now() - start >= SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve))
      start = performance.now()
    }
  }
}
