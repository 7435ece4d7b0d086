// The one implementation of the App API, over the store and the core.
import { userInfo } from 'node:os'
import { Node as PMNode } from 'prosemirror-model'
import { schema } from '../core/schema.js'
import { documentTitle, type DocJSON, type DocumentMeta } from '../core/document.js'
import { isIsoDate } from '../core/dates.js'
import { readMarkdown } from '../core/markdown-in.js'
import { writeMarkdown } from '../core/markdown-out.js'
import { compareDocuments } from '../core/diff/compare.js'
import { applyDecisions } from '../core/diff/apply.js'
import { commentAnchors, reanchor, transferAnchors } from '../core/comments.js'
import type { MarkdownThread } from '../core/markdown-out.js'
import { getComment, insertComment, listComments, updateQuotes } from '../store/comments.repo.js'
import { commentMethods, newCommentId } from './comments.js'
import { exportDocx } from '../docx/export-docx.js'
import { DocxRejected, importDocx } from '../docx/import-docx.js'
import { resolve } from 'node:path'
import type { Db } from '../store/database.js'
import { checkIntegrity } from '../store/database.js'
import { getDocument, insertDocument, listDocuments } from '../store/documents.repo.js'
import { insertVersion, listVersions, readVersion, type StoredVersion, type StoredVersionInfo } from '../store/versions.repo.js'
import { getSetting, setSetting } from '../store/settings.repo.js'
import { search } from '../store/search.repo.js'
import {
  LIMITS, type DocumentSnapshot, type ParaafApi, type Result, type TemplateManifest, type VersionInfo, type VersionRef,
} from './contract.js'

export interface ServiceOptions {
  db: Db
  templates: TemplateManifest[]
  /** The templates folder, for assets such as a logo. */
  templatesDir: string
  /** Who writes versions when no author is set yet; defaults to the OS user. */
  defaultAuthor?: string
  now?: () => Date
}

const ok = <T>(value: T): Result<T> => ({ ok: true, value })
const fail = <T>(error: string): Result<T> => ({ ok: false, error })

/** Builds the service; every method returns a Result and throws only on bugs. */
export function createService(options: ServiceOptions): ParaafApi {
  const { db, templates, templatesDir } = options
  const now = () => (options.now ? options.now() : new Date()).toISOString()
  const templateOf = (type: string) => templates.find((t) => t.type === type)
  const author = () => getSetting(db, 'author') ?? options.defaultAuthor ?? safeUserName()

  /** Checks content against the schema; returns the document node or a message. */
  function toDoc(content: DocJSON): Result<PMNode> {
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

  /** Puts metadata in template order (so an unchanged draft hashes the same) and checks dates. */
  function normalizeMeta(type: string, meta: DocumentMeta): Result<DocumentMeta> {
    const template = templateOf(type)
    const out: DocumentMeta = {}
    for (const field of template?.fields ?? []) {
      if (field.key in meta) out[field.key] = meta[field.key]
    }
    for (const [key, value] of Object.entries(meta)) if (!(key in out)) out[key] = value
    for (const field of template?.fields ?? []) {
      const value = out[field.key]
      if (field.kind === 'date' && typeof value === 'string' && value !== '' && !isIsoDate(value)) {
        return fail(`${field.label}: "${value}" is geen geldige datum.`)
      }
    }
    return ok(out)
  }

  function write(id: number, type: string, meta: DocumentMeta, doc: PMNode, kind: StoredVersionInfo['kind'], label: string | null, restoredFrom?: number): VersionRef {
    const blockJsons: string[] = []
    doc.forEach((block) => blockJsons.push(JSON.stringify(block.toJSON())))
    return db.transaction(() => {
      const result = insertVersion(db, {
        documentId: id, kind, label, author: author(), title: documentTitle(meta, doc), metaJson: JSON.stringify(meta),
        blockJsons, createdAt: now(), restoredFrom, skipIfUnchanged: kind === 'auto',
      })
      // Remember what each comment is about now, to show it and find it again if its text goes.
      if (!result.unchanged && blockJsons.some((j) => j.includes('"type":"comment"'))) updateQuotes(db, id, [...commentAnchors(doc).values()])
      return { number: result.number, bytesAdded: result.bytesAdded, unchanged: result.unchanged }
    })()
  }

  /** Puts back the anchors of this document's detached threads whose text is found in `doc`. */
  function withReanchored(id: number, doc: PMNode): PMNode {
    const lost = listComments(db, id).filter((c) => c.parentId === null && c.quote)
    if (!lost.length) return doc
    return reanchor(doc, lost).doc
  }

  /** Creates the document row and its first version; `prepare` may change the content once the id is known. */
  function create(type: string, meta: DocumentMeta, doc: PMNode, kind: 'create' | 'import', label: string | null, prepare?: (id: number) => PMNode): { id: number; version: number } {
    return db.transaction(() => {
      const id = insertDocument(db, { type, title: documentTitle(meta, doc), createdAt: now() })
      const ref = write(id, type, meta, prepare ? prepare(id) : doc, kind, label)
      return { id, version: ref.number }
    })()
  }

  function snapshot(id: number, stored: StoredVersion, latest: number): DocumentSnapshot {
    const document = getDocument(db, id)!
    const content: DocJSON = { type: 'doc', content: stored.blockJsons.map((json) => JSON.parse(json)) }
    return {
      id, type: document.type, title: document.title, meta: JSON.parse(stored.metaJson), content,
      version: toVersionInfo(stored), latestVersion: latest, readOnly: stored.number !== latest,
    }
  }

  const missing = (id: number) => fail<never>(`Document ${id} bestaat niet.`)

  /** The document's threads as written into Markdown, quotes taken from `doc`. */
  function threadsForMarkdown(id: number, doc: PMNode): MarkdownThread[] {
    const all = listComments(db, id)
    if (!all.length) return []
    const anchors = commentAnchors(doc)
    return all.filter((c) => c.parentId === null).map((c) => ({
      id: c.id, author: c.author, org: c.org, createdAt: c.createdAt, text: c.body, resolved: c.resolved, quote: anchors.get(c.id)?.quote ?? c.quote,
      replies: all.filter((r) => r.parentId === c.id).map((r) => ({ author: r.author, org: r.org, createdAt: r.createdAt, text: r.body })),
    }))
  }

  /**
   * Stores threads read from Markdown. Threads this document already has are
   * left as they are; others get fresh ids (an id may exist in another
   * document), and the marks in `doc` are renamed to match.
   */
  function importThreads(id: number, doc: PMNode, threads: MarkdownThread[], keepKnown: boolean): PMNode {
    if (!threads.length) return doc
    const rename = new Map<string, string>()
    for (const t of threads) {
      const existing = getComment(db, t.id)
      if (keepKnown && existing && existing.documentId === id) continue
      const fresh = newCommentId()
      rename.set(t.id, fresh)
      const at = t.createdAt || now()
      insertComment(db, { id: fresh, documentId: id, parentId: null, author: t.author || 'Onbekend', org: t.org, body: t.text || '(leeg)', createdAt: at, quote: t.quote, prefix: '', suffix: '', resolved: t.resolved })
      t.replies.forEach((r, i) => insertComment(db, { id: newCommentId(), documentId: id, parentId: fresh, author: r.author || 'Onbekend', org: r.org, body: r.text || '(leeg)', createdAt: r.createdAt || `${at}~${i}`, quote: '', prefix: '', suffix: '' }))
    }
    if (!rename.size) return doc
    const json = JSON.stringify(doc.toJSON(), (key, value) => (key === 'id' && typeof value === 'string' && rename.has(value) ? rename.get(value) : value))
    return PMNode.fromJSON(schema, JSON.parse(json))
  }

  return {
    async listTemplates() {
      return ok(templates)
    },

    async listDocuments({ filter }) {
      const needle = filter?.trim().toLocaleLowerCase('nl')
      const docs = listDocuments(db).filter((d) => !needle || d.title.toLocaleLowerCase('nl').includes(needle))
      return ok(docs.map((d) => ({ id: d.id, title: d.title, type: d.type, updatedAt: d.updatedAt, versions: d.versionCount })))
    },

    async createDocument({ type, meta = {}, content }) {
      if (!templateOf(type)) return fail(`Onbekend documenttype "${type}". Kies uit: ${templates.map((t) => t.type).join(', ')}.`)
      const doc = toDoc(content ?? { type: 'doc', content: [{ type: 'paragraph' }] })
      if (!doc.ok) return doc
      const normalized = normalizeMeta(type, meta)
      if (!normalized.ok) return normalized
      return ok(create(type, normalized.value, doc.value, 'create', null))
    },

    async openDocument({ id, version }) {
      const document = getDocument(db, id)
      if (!document) return missing(id)
      const stored = readVersion(db, id, version)
      if (!stored) return fail(`Document ${id} heeft geen versie ${version}.`)
      return ok(snapshot(id, stored, document.versionCount))
    },

    async saveVersion({ id, meta, content, label, kind }) {
      const document = getDocument(db, id)
      if (!document) return missing(id)
      const doc = toDoc(content)
      if (!doc.ok) return doc
      const normalized = normalizeMeta(document.type, meta)
      if (!normalized.ok) return normalized
      return ok(write(id, document.type, normalized.value, doc.value, kind, kind === 'named' ? (label ?? null) : null))
    },

    async listVersions({ id }) {
      if (!getDocument(db, id)) return missing(id)
      return ok(listVersions(db, id).map(toVersionInfo))
    },

    async restoreVersion({ id, number }) {
      const document = getDocument(db, id)
      if (!document) return missing(id)
      const stored = readVersion(db, id, number)
      if (!stored) return fail(`Document ${id} heeft geen versie ${number}.`)
      const doc = withReanchored(id, PMNode.fromJSON(schema, { type: 'doc', content: stored.blockJsons.map((j) => JSON.parse(j)) }))
      return ok(write(id, document.type, JSON.parse(stored.metaJson), doc, 'restore', `Versie ${number} teruggezet`, number))
    },

    async importMarkdown({ text, type, fileName }) {
      const textProblem = checkMarkdownText(text)
      if (textProblem) return fail(textProblem)
      const read = readMarkdown(text)
      if (!read.ok) return read
      const chosen = type ?? read.type ?? 'nota'
      if (!templateOf(chosen)) return fail(`Onbekend documenttype "${chosen}". Kies uit: ${templates.map((t) => t.type).join(', ')}.`)
      const normalized = normalizeMeta(chosen, read.meta)
      if (!normalized.ok) return normalized
      const label = fileName ? `Geïmporteerd uit ${fileName.split(/[\\/]/).pop()}` : 'Geïmporteerd uit Markdown'
      // Threads in the file get ids of their own here; the marks in the text follow.
      return ok(create(chosen, normalized.value, read.doc, 'import', label, (id) => importThreads(id, read.doc, read.threads, false)))
    },

    async saveMarkdownVersion({ id, text, label }) {
      const document = getDocument(db, id)
      if (!document) return missing(id)
      const textProblem = checkMarkdownText(text)
      if (textProblem) return fail(textProblem)
      const read = readMarkdown(text)
      if (!read.ok) return read
      // A file without front matter keeps the metadata the document already has.
      const meta = Object.keys(read.meta).length ? read.meta : JSON.parse(readVersion(db, id)!.metaJson)
      const normalized = normalizeMeta(document.type, meta)
      if (!normalized.ok) return normalized
      // A file without our anchors (written elsewhere) gets them carried over from the latest version.
      const latest = readVersion(db, id)!
      const previous = PMNode.fromJSON(schema, { type: 'doc', content: latest.blockJsons.map((j) => JSON.parse(j)) })
      const doc = transferAnchors(previous, importThreads(id, read.doc, read.threads, true))
      return ok(write(id, document.type, normalized.value, withReanchored(id, doc), label ? 'named' : 'auto', label ?? null))
    },

    async exportMarkdown({ id, version }) {
      const document = getDocument(db, id)
      if (!document) return missing(id)
      const stored = readVersion(db, id, version)
      if (!stored) return fail(`Document ${id} heeft geen versie ${version}.`)
      const doc = PMNode.fromJSON(schema, { type: 'doc', content: stored.blockJsons.map((j) => JSON.parse(j)) })
      const markdown = writeMarkdown(doc, JSON.parse(stored.metaJson), document.type, threadsForMarkdown(id, doc))
      return ok({ fileName: `${fileNameFor(document.title)}-v${stored.number}.md`, markdown })
    },

    async compareVersions({ id, a, b, granularity }) {
      const document = getDocument(db, id)
      if (!document) return missing(id)
      const va = readVersion(db, id, a)
      const vb = readVersion(db, id, b)
      if (!va) return fail(`Document ${id} heeft geen versie ${a}.`)
      if (!vb) return fail(`Document ${id} heeft geen versie ${b}.`)
      const comparison = compareDocuments(asComparable(va), asComparable(vb), { granularity })
      return ok({ id, type: document.type, a: toVersionInfo(va), b: toVersionInfo(vb), latestVersion: document.versionCount, comparison })
    },

    async compareMarkdown({ a, b, granularity }) {
      const sides = []
      for (const text of [a, b]) {
        const problem = checkMarkdownText(text)
        if (problem) return fail(problem)
        const read = readMarkdown(text)
        if (!read.ok) return read
        sides.push({ meta: read.meta, content: read.doc.toJSON() })
      }
      return ok(compareDocuments(sides[0], sides[1], { granularity }))
    },

    async reviewChanges({ id, a, b, accept, reject }) {
      const document = getDocument(db, id)
      if (!document) return missing(id)
      if (b !== document.versionCount) {
        return fail(`Overnemen en weigeren kan alleen tegen de huidige versie (${document.versionCount}); vergelijk opnieuw met de huidige versie.`)
      }
      const va = readVersion(db, id, a)
      const vb = readVersion(db, id, b)
      if (!va || !vb) return fail(`Document ${id} heeft geen versie ${va ? b : a}.`)
      const comparison = compareDocuments(asComparable(va), asComparable(vb))
      const known = new Set(comparison.changes.map((c) => c.id))
      const unknown = [...accept, ...reject].find((c) => !known.has(c))
      if (unknown) return fail(`Wijziging ${unknown} bestaat niet (meer) in deze vergelijking; vergelijk opnieuw.`)
      const rejected = new Set(reject)
      if (accept.some((c) => rejected.has(c))) return fail('Een wijziging kan niet tegelijk overgenomen en geweigerd worden.')
      const built = applyDecisions(comparison, (c) => (rejected.has(c) ? 'a' : 'b'))
      const content = built.content.content.length ? built.content : { type: 'doc' as const, content: [{ type: 'paragraph' }] }
      const doc = toDoc(content as DocJSON)
      if (!doc.ok) return doc
      const normalized = normalizeMeta(document.type, built.meta)
      if (!normalized.ok) return normalized
      const n = (k: number) => `${k} ${k === 1 ? 'wijziging' : 'wijzigingen'}`
      const label = `${n(accept.length)} van versie ${b} overgenomen, ${reject.length} geweigerd (t.o.v. versie ${a})`
      const ref = write(id, document.type, normalized.value, withReanchored(id, doc.value), 'named', label)
      return ok({ ...ref, accepted: accept.length, rejected: reject.length, label })
    },

    ...commentMethods({ db, now, author, write, missing, toDocFromStored: (stored) => PMNode.fromJSON(schema, { type: 'doc', content: stored.blockJsons.map((j) => JSON.parse(j)) }) }),

    async exportDocx({ id, version, against, comments }) {
      const document = getDocument(db, id)
      if (!document) return missing(id)
      const template = templateOf(document.type)
      if (!template) return fail(`Geen sjabloon voor documenttype "${document.type}".`)
      const stored = readVersion(db, id, version)
      if (!stored) return fail(`Document ${id} heeft geen versie ${version}.`)
      const meta = JSON.parse(stored.metaJson) as DocumentMeta
      const empty = template.fields.filter((f) => f.required && !(Array.isArray(meta[f.key]) ? (meta[f.key] as string[]).some((l) => l.trim()) : String(meta[f.key] ?? '').trim()))
      if (empty.length) return fail(`Vul eerst in: ${empty.map((f) => f.label).join(', ')}. Het sjabloon ${template.label} heeft ze nodig.`)
      const content = { type: 'doc' as const, content: stored.blockJsons.map((j) => JSON.parse(j)) }
      let redline
      if (against !== undefined) {
        const base = readVersion(db, id, against)
        if (!base) return fail(`Document ${id} heeft geen versie ${against}.`)
        redline = { comparison: compareDocuments(asComparable(base), asComparable(stored)), revision: { author: stored.author, date: stored.createdAt } }
      }
      const threads = comments ? threadsForMarkdown(id, PMNode.fromJSON(schema, content)) : []
      const buffer = await exportDocx({ type: document.type, meta, layout: template.layout, templateDir: resolve(templatesDir, document.type), content, redline, threads })
      const suffix = against !== undefined ? `-wijzigingen-t.o.v.-v${against}` : ''
      return ok({ fileName: `${fileNameFor(document.title)}-v${stored.number}${suffix}.docx`, base64: buffer.toString('base64') })
    },

    async importDocx({ base64, fileName, type, into, label }) {
      const bytes = Buffer.from(base64, 'base64')
      let imported
      try {
        imported = await importDocx(bytes, { newId: newCommentId })
      } catch (err) {
        if (err instanceof DocxRejected) return fail(err.message)
        throw err
      }
      const base = toDoc(imported.base)
      const proposal = toDoc(imported.proposal)
      if (!base.ok) return base
      if (!proposal.ok) return proposal
      const name = fileName?.split(/[\\/]/).pop() ?? 'Word-bestand'
      const authors = imported.revisionAuthors.length ? ` (${imported.revisionAuthors.slice(0, 3).join(', ')})` : ''
      const changes = imported.revisions ? compareDocuments({ meta: {}, content: imported.base }, { meta: {}, content: imported.proposal }).changes.length : 0
      const storeThreads = (id: number) => {
        for (const t of imported.threads) {
          insertComment(db, { id: t.id, documentId: id, parentId: null, author: t.author, org: t.org, body: t.text, createdAt: t.createdAt, quote: '', prefix: '', suffix: '', resolved: t.resolved })
          t.replies.forEach((r) => insertComment(db, { id: newCommentId(), documentId: id, parentId: t.id, author: r.author, org: r.org, body: r.text, createdAt: r.createdAt, quote: '', prefix: '', suffix: '' }))
        }
      }
      if (into === undefined) {
        const chosen = type ?? imported.type ?? (imported.meta.kenmerk && imported.meta.datum ? 'kamerbrief' : 'nota')
        if (!templateOf(chosen)) return fail(`Onbekend documenttype "${chosen}". Kies uit: ${templates.map((t) => t.type).join(', ')}.`)
        const normalized = normalizeMeta(chosen, imported.meta)
        if (!normalized.ok) return normalized
        return db.transaction(() => {
          const versions: number[] = []
          const first = create(chosen, normalized.value, imported.revisions ? base.value : proposal.value, 'import', imported.revisions ? `Geïmporteerd uit ${name}: zonder de wijzigingen` : `Geïmporteerd uit ${name}`, (id) => {
            storeThreads(id)
            return imported.revisions ? base.value : proposal.value
          })
          versions.push(first.version)
          if (imported.revisions) versions.push(write(first.id, chosen, normalized.value, proposal.value, 'import', label ?? `Voorstellen uit ${name}${authors}`).number)
          return ok({ id: first.id, versions, comments: imported.threads.length, changes })
        })()
      }
      const document = getDocument(db, into)
      if (!document) return missing(into)
      const latest = readVersion(db, into)!
      const current = PMNode.fromJSON(schema, { type: 'doc', content: latest.blockJsons.map((j) => JSON.parse(j)) })
      const merged = normalizeMeta(document.type, { ...(JSON.parse(latest.metaJson) as DocumentMeta), ...imported.meta })
      if (!merged.ok) return merged
      return db.transaction(() => {
        storeThreads(into)
        // The drafter's comments follow their text into the partner's versions.
        const baseDoc = transferAnchors(current, base.value)
        const versions: number[] = []
        if (imported.revisions) versions.push(write(into, document.type, merged.value, baseDoc, 'import', `${label ?? `Reactie uit ${name}`}: zonder de wijzigingen`).number)
        const proposalDoc = transferAnchors(baseDoc, proposal.value)
        versions.push(write(into, document.type, merged.value, proposalDoc, 'import', label ?? `Reactie uit ${name}${authors}`).number)
        return ok({ id: into, versions, comments: imported.threads.length, changes })
      })()
    },

    async search({ query }) {
      const titles = new Map(listDocuments(db).map((d) => [d.id, d]))
      return ok(search(db, query).flatMap((hit) => {
        const d = titles.get(hit.documentId)
        return d ? [{ ...hit, title: d.title, type: d.type }] : []
      }))
    },

    async getSettings() {
      return ok({ author: author(), org: getSetting(db, 'org') ?? '' })
    },

    async setSettings({ author: name, org }) {
      setSetting(db, 'author', name)
      if (org !== undefined) setSetting(db, 'org', org)
      return ok({ author: name, org: org ?? getSetting(db, 'org') ?? '' })
    },

    async checkDatabase() {
      const messages = checkIntegrity(db)
      return ok({ ok: messages.length === 1 && messages[0] === 'ok', messages })
    },
  }
}

function asComparable(v: StoredVersion) {
  return { meta: JSON.parse(v.metaJson) as DocumentMeta, content: { content: v.blockJsons.map((j) => JSON.parse(j)) } }
}

function toVersionInfo(v: StoredVersionInfo): VersionInfo {
  return { number: v.number, createdAt: v.createdAt, kind: v.kind, label: v.label, author: v.author, bytesAdded: v.bytesAdded, restoredFrom: v.restoredFrom }
}

function safeUserName(): string {
  try {
    return userInfo().username || 'Onbekend'
  } catch {
    return 'Onbekend'
  }
}

/** A file name from a title: letters, digits and dashes only. */
function fileNameFor(title: string): string {
  const base = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')
  return base.slice(0, 60) || 'document'
}

/** Says why a text cannot be Markdown (too large, binary), or null when it can. */
export function checkMarkdownText(text: string): string | null {
  const bytes = Buffer.byteLength(text)
  if (bytes > LIMITS.markdownBytes) {
    return `Het bestand is te groot (${(bytes / 1024 / 1024).toFixed(1)} MB); Paraaf leest Markdown tot ${LIMITS.markdownBytes / 1024 / 1024} MB.`
  }
  const sample = text.slice(0, 65_536)
  const replacement = (sample.match(/\uFFFD/g) ?? []).length
  // eslint-disable-next-line no-control-regex
  if (/\u0000/.test(sample) || replacement > 8 || /[\u0001-\u0008\u000E-\u001F]/.test(sample)) {
    return 'Dit bestand is geen tekstbestand; kies een Markdown-bestand (.md).'
  }
  if (!text.trim()) return 'Het bestand is leeg.'
  return null
}
