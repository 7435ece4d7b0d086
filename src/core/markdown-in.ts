// Markdown with YAML front matter → Paraaf document.
//
// The corpus format: a front matter of metadata, then CommonMark with pipe
// tables and `[^n]` footnotes. markdown-it tokenizes; this file walks the
// tokens and builds nodes of our schema, so anything the schema cannot hold
// (images, raw HTML, code, links other than web and mail) ends up as plain
// text and nothing else.
// Footnote definitions live at the end of a Markdown file; we fold each one
// into the footnote node at the place it is referenced.
import MarkdownIt from 'markdown-it'
import footnotePlugin from 'markdown-it-footnote'
import { parse as parseYaml } from 'yaml'
import { Fragment, Mark, type Node as PMNode } from 'prosemirror-model'
import { isSafeHref, schema } from './schema.js'
import { WOO_GROUNDS } from './woo.js'
import type { DocumentMeta, MetaValue } from './document.js'
import { isIsoDate } from './dates.js'
import { COMMENTS_MARKER, type MarkdownThread } from './markdown-out.js'

type Token = ReturnType<MarkdownIt['parse']>[number]

/** The result of reading a Markdown file: a document, or a Dutch message why not. */
export type MarkdownReadResult =
  | { ok: true; type: string | null; meta: DocumentMeta; doc: PMNode; threads: MarkdownThread[] }
  | { ok: false; error: string }

// Strikethrough is off: the schema has no such mark, so `~~` stays text.
const md = new MarkdownIt({ html: true, linkify: false, typographer: false }).use(footnotePlugin).disable('strikethrough')

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/

/** Reads Markdown with an optional YAML front matter into a document. */
export function readMarkdown(text: string): MarkdownReadResult {
  let body = text.replace(/^\uFEFF/, '')
  let meta: DocumentMeta = {}
  let type: string | null = null
  const fm = FRONT_MATTER.exec(body)
  if (fm) {
    const parsed = readFrontMatter(fm[1])
    if (!parsed.ok) return parsed
    meta = parsed.meta
    type = parsed.type
    body = body.slice(fm[0].length)
  }
  // markdown-it-footnote takes quadratic time in the number of definitions
  // (20,000 took 22 s); a real letter has a few hundred at most.
  const definitions = body.match(/^ {0,3}\[\^[^\]\n]+\]:/gm)?.length ?? 0
  if (definitions > MAX_FOOTNOTES) return { ok: false, error: `Dit bestand heeft te veel voetnoten (${definitions.toLocaleString('nl-NL')}; Paraaf leest er tot ${MAX_FOOTNOTES.toLocaleString('nl-NL')}).` }
  const tokens = md.parse(body, {})
  const footnotes = collectFootnotes(tokens)
  const threads: MarkdownThread[] = []
  const blocks = buildBlocks(tokens, 0, tokens.length, footnotes, threads).nodes
  // A note is stored once per reference: what the references expand to is what a version would hold.
  if (footnotes.expanded > MAX_EXPANDED_CHARS) return { ok: false, error: `Het document is te groot: de voetnoten worden samen ${(footnotes.expanded / 1024 / 1024).toFixed(0)} MB tekst (een voetnoot staat bij elke verwijzing). Paraaf bewaart documenten tot ${MAX_EXPANDED_CHARS / 1024 / 1024} MB.` }
  const doc = schema.node('doc', null, blocks.length ? blocks : [schema.node('paragraph')])
  doc.check()
  return { ok: true, type, meta, doc, threads }
}

function readFrontMatter(source: string): { ok: true; meta: DocumentMeta; type: string | null } | { ok: false; error: string } {
  let data: unknown
  try {
    data = parseYaml(source, { maxAliasCount: 10, prettyErrors: false })
  } catch (err) {
    return { ok: false, error: `De front matter (het blok tussen de regels ---) is geen geldige YAML: ${(err as Error).message.split('\n')[0]}` }
  }
  if (data == null) return { ok: true, meta: {}, type: null }
  if (typeof data !== 'object' || Array.isArray(data)) return { ok: false, error: 'De front matter moet bestaan uit regels "veld: waarde".' }
  const meta: DocumentMeta = {}
  let type: string | null = null
  for (const [key, raw] of Object.entries(data as Record<string, unknown>)) {
    if (!/^[\p{L}_][\p{L}\p{N}_-]{0,63}$/u.test(key)) return { ok: false, error: `Het veld "${key.slice(0, 40)}" in de front matter heeft geen geldige naam.` }
    // Assigned to a plain object this name would vanish silently (it sets the prototype): refuse it.
    if (key === '__proto__') return { ok: false, error: 'Het veld "__proto__" in de front matter is niet toegestaan; geef het een andere naam.' }
    const value = toMetaValue(raw)
    if (value === undefined) return { ok: false, error: `Het veld "${key}" in de front matter moet tekst of een lijst met tekstregels zijn.` }
    if (key === 'type') {
      if (typeof value !== 'string') return { ok: false, error: 'Het veld "type" moet één woord zijn, bijvoorbeeld kamerbrief.' }
      type = value
      continue
    }
    if (key === 'datum' && typeof value === 'string' && value !== '' && !isIsoDate(value)) {
      return { ok: false, error: `De datum "${value}" in de front matter is geen geldige datum; schrijf hem als JJJJ-MM-DD, bijvoorbeeld 2020-06-18.` }
    }
    meta[key] = value
  }
  return { ok: true, meta, type }
}

function toMetaValue(raw: unknown): MetaValue | undefined {
  if (raw == null) return ''
  if (typeof raw === 'string') return raw
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw)
  // YAML turns an unquoted 2020-06-18 into a Date; keep it as the ISO text it was.
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? undefined : raw.toISOString().slice(0, 10)
  if (Array.isArray(raw) && raw.every((item) => item == null || ['string', 'number', 'boolean'].includes(typeof item))) {
    return raw.map((item) => (item == null ? '' : String(item)))
  }
  return undefined
}

const MAX_FOOTNOTES = 2_000
const MAX_EXPANDED_CHARS = 8 * 1024 * 1024

/** Footnote id → the inline nodes of its definition, and what the references have expanded to so far. */
interface FootnoteTable {
  notes: Map<number, PMNode[]>
  /** Characters of footnote text placed at references so far. */
  expanded: number
}

function collectFootnotes(tokens: Token[]): FootnoteTable {
  const table: FootnoteTable = { notes: new Map(), expanded: 0 }
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== 'footnote_open') continue
    const id = tokens[i].meta.id as number
    const parts: PMNode[] = []
    for (i++; i < tokens.length && tokens[i].type !== 'footnote_close'; i++) {
      const tok = tokens[i]
      if (tok.type === 'inline') {
        if (parts.length) parts.push(schema.text(' '))
        parts.push(...buildInline(tok.children ?? [], { notes: new Map(), expanded: 0 }, true))
      }
    }
    table.notes.set(id, parts)
  }
  return table
}

/** Finds the index of the token that closes the one at `start`. */
function closingIndex(tokens: Token[], start: number): number {
  let depth = 0
  for (let i = start; i < tokens.length; i++) {
    depth += tokens[i].nesting
    if (depth === 0) return i
  }
  throw new RangeError(`Markdown token ${tokens[start].type} is never closed.`)
}

function buildBlocks(tokens: Token[], from: number, to: number, footnotes: FootnoteTable, threads: MarkdownThread[] = []): { nodes: PMNode[] } {
  const nodes: PMNode[] = []
  for (let i = from; i < to; i++) {
    const tok = tokens[i]
    switch (tok.type) {
      case 'paragraph_open': {
        const inline = tokens[i + 1]
        // `\newpage` on a line of its own, outside lists, is a page break (as pandoc writes it); `\\newpage` is the text.
        if (inline.content.trim() === '\\newpage' && tok.level === 0) nodes.push(schema.node('page_break'))
        else nodes.push(schema.node('paragraph', null, buildInline(inline.children ?? [], footnotes, false)))
        i = closingIndex(tokens, i)
        break
      }
      case 'heading_open': {
        const level = Number(tok.tag.slice(1)) <= 2 ? 1 : 2
        nodes.push(schema.node('heading', { level }, buildInline(tokens[i + 1].children ?? [], footnotes, false)))
        i = closingIndex(tokens, i)
        break
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const end = closingIndex(tokens, i)
        const items: PMNode[] = []
        for (let j = i + 1; j < end; j++) {
          if (tokens[j].type !== 'list_item_open') continue
          const itemEnd = closingIndex(tokens, j)
          const content = buildBlocks(tokens, j + 1, itemEnd, footnotes).nodes
          items.push(schema.node('list_item', null, content.length ? content : [schema.node('paragraph')]))
          j = itemEnd
        }
        if (tok.type === 'bullet_list_open') nodes.push(schema.node('bullet_list', null, items))
        else {
          const start = Number(tok.attrGet('start') ?? 1)
          nodes.push(schema.node('ordered_list', { start: Number.isFinite(start) ? start : 1, delimiter: tok.markup === ')' ? ')' : '.' }, items))
        }
        i = end
        break
      }
      case 'table_open': {
        const end = closingIndex(tokens, i)
        nodes.push(buildTable(tokens, i, end, footnotes))
        i = end
        break
      }
      case 'blockquote_open':
        // No quote block in the schema: its paragraphs are kept as paragraphs.
        break
      case 'code_block':
      case 'fence':
      case 'html_block': {
        const text = tok.content.replace(/\n+$/, '')
        if (tok.type === 'html_block' && /^<!--\s*-->$/.test(text.trim())) break // list separator we write ourselves
        if (tok.type === 'html_block' && text.startsWith(`<!-- ${COMMENTS_MARKER}`)) {
          threads.push(...readThreads(text))
          break
        }
        if (text.trim()) nodes.push(schema.node('paragraph', null, textWithBreaks(text)))
        break
      }
      case 'footnote_block_open':
        i = closingIndex(tokens, i)
        break
      default:
        break
    }
  }
  return { nodes }
}

function textWithBreaks(text: string): PMNode[] {
  const out: PMNode[] = []
  text.split('\n').forEach((line, index) => {
    if (index > 0) out.push(schema.node('hard_break', { soft: true }))
    if (line) out.push(schema.text(line))
  })
  return out
}

function buildTable(tokens: Token[], from: number, to: number, footnotes: FootnoteTable): PMNode {
  const rows: PMNode[] = []
  let cells: PMNode[] = []
  for (let i = from + 1; i < to; i++) {
    const tok = tokens[i]
    if (tok.type === 'tr_open') cells = []
    else if (tok.type === 'tr_close') rows.push(schema.node('table_row', null, cells))
    else if (tok.type === 'th_open' || tok.type === 'td_open') {
      const style = tok.attrGet('style') ?? ''
      const align = /text-align:\s*(left|center|right)/.exec(style)?.[1] ?? null
      const inline = tokens[i + 1]
      const content = inline.type === 'inline' ? buildInline(inline.children ?? [], footnotes, false) : []
      cells.push(schema.node(tok.type === 'th_open' ? 'table_header' : 'table_cell', { align }, [schema.node('paragraph', null, content)]))
      i = closingIndex(tokens, i)
    }
  }
  return schema.node('table', null, rows)
}

/** Reads the comment threads block; anything malformed in it is left out, never trusted. */
function readThreads(block: string): MarkdownThread[] {
  const json = block.replace(new RegExp(`^<!-- ${COMMENTS_MARKER}`), '').replace(/-->\s*$/, '')
  let data: unknown
  try {
    data = JSON.parse(json)
  } catch {
    return []
  }
  if (!Array.isArray(data)) return []
  const str = (v: unknown, max = 20_000) => (typeof v === 'string' ? v.slice(0, max) : '')
  // A time is kept only when it is a real ISO-8601 time; otherwise it is empty and the importer dates it.
  const time = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,3})?)?(Z|[+-]\d\d:\d\d)$/.test(v) && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : '')
  return data.slice(0, 10_000).flatMap((t): MarkdownThread[] => {
    if (!t || typeof t !== 'object' || typeof t.id !== 'string' || !/^k[0-9a-z]{6,24}$/.test(t.id)) return []
    const replies = Array.isArray(t.replies) ? t.replies.slice(0, 1000).filter((r: unknown) => r && typeof r === 'object') : []
    return [{
      id: t.id, author: str(t.author, 200), org: str(t.org, 200), createdAt: time(t.createdAt), text: str(t.text), resolved: t.resolved === true, quote: str(t.quote),
      replies: replies.map((r: Record<string, unknown>) => ({ author: str(r.author, 200), org: str(r.org, 200), createdAt: time(r.createdAt), text: str(r.text) })),
    }]
  })
}

/** Builds inline nodes; inside a footnote only marked text is allowed. */
function buildInline(children: Token[], footnotes: FootnoteTable, insideFootnote: boolean): PMNode[] {
  const out: PMNode[] = []
  let marks: readonly Mark[] = Mark.none
  const spans: (Mark | null)[] = []
  const addText = (text: string) => {
    if (text) out.push(schema.text(text, marks))
  }
  for (const tok of children) {
    switch (tok.type) {
      case 'text':
      case 'code_inline':
        addText(tok.content)
        break
      case 'softbreak':
      case 'hardbreak':
        if (insideFootnote) addText(' ')
        else out.push(schema.node('hard_break', { soft: tok.type === 'softbreak' }))
        break
      case 'strong_open':
        marks = schema.marks.strong.create().addToSet(marks)
        break
      case 'strong_close':
        marks = schema.marks.strong.removeFromSet(marks)
        break
      case 'em_open':
        marks = schema.marks.em.create().addToSet(marks)
        break
      case 'em_close':
        marks = schema.marks.em.removeFromSet(marks)
        break
      case 'html_inline': {
        const tag = tok.content.toLowerCase().replace(/\s+/g, '')
        if (tag === '<u>') marks = schema.marks.underline.create().addToSet(marks)
        else if (tag === '</u>') marks = schema.marks.underline.removeFromSet(marks)
        else if (!insideFootnote && /^<spandata-comment="k[0-9a-z]{6,24}">$/.test(tag)) {
          const mark = schema.marks.comment.create({ id: /"(k[0-9a-z]+)"/.exec(tag)![1] })
          spans.push(mark)
          marks = mark.addToSet(marks)
        } else if (/^<spandata-woo="[0-9.a-i]{3,8}">$/.test(tag) && Object.prototype.hasOwnProperty.call(WOO_GROUNDS, /"([^"]+)"/.exec(tag)![1])) {
          // A passage marked for redaction, with its Woo ground (core/redaction.ts).
          const mark = schema.marks.redaction.create({ ground: /"([^"]+)"/.exec(tag)![1] })
          spans.push(mark)
          marks = mark.addToSet(marks)
        } else if (tag.startsWith('<span')) {
          spans.push(null)
          addText(tok.content)
        } else if (tag === '</span>' && spans.length) {
          const mark = spans.pop()
          if (mark) marks = mark.removeFromSet(marks)
          else addText(tok.content)
        } else if (/^<br\/?>$/.test(tag)) {
          if (insideFootnote) addText(' ')
          else out.push(schema.node('hard_break'))
        } else addText(tok.content)
        break
      }
      case 'image':
        addText(tok.content)
        break
      case 'footnote_ref': {
        if (insideFootnote) break
        const content = footnotes.notes.get(tok.meta.id as number) ?? []
        for (const n of content) footnotes.expanded += n.text?.length ?? 0
        if (footnotes.expanded > MAX_EXPANDED_CHARS) break
        out.push(schema.node('footnote', null, Fragment.fromArray(content.filter((n) => n.isText))))
        break
      }
      case 'link_open': {
        // Web and mail links are kept; any other target (javascript:, a file) leaves plain text.
        const href = tok.attrGet('href')
        if (isSafeHref(href)) marks = schema.marks.link.create({ href }).addToSet(marks)
        break
      }
      case 'link_close':
        marks = schema.marks.link.removeFromSet(marks)
        break
      default:
        // Anything else carries no text of its own.
        break
    }
  }
  return out
}
