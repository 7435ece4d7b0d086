// Paraaf document → Markdown with YAML front matter (the corpus format).
//
// The writer aims at one property: reading its output back gives the same
// document. So it escapes every character that Markdown would read as syntax,
// keeps leading and trailing spaces as character references, numbers
// footnotes in document order and writes their text as definitions at the end.
import type { Mark, Node as PMNode } from 'prosemirror-model'
import type { CommentThreadData, DocumentMeta } from './document.js'

interface WriteState {
  footnotes: string[]
}

/** A comment thread as written into Markdown (and read back by readMarkdown). */
export interface MarkdownThread extends CommentThreadData {
  quote: string
}

/** The marker of the comment block at the end of a Markdown file. */
export const COMMENTS_MARKER = 'paraaf-opmerkingen'

/**
 * Writes a document as Markdown, with a front matter when it has a type or
 * metadata, and its comment threads (if any) as a JSON block in an HTML
 * comment at the end: invisible when the Markdown is shown, read back on import.
 */
export function writeMarkdown(doc: PMNode, meta: DocumentMeta = {}, type: string | null = null, threads: MarkdownThread[] = []): string {
  const state: WriteState = { footnotes: [] }
  const blocks: string[] = []
  let previous: PMNode | null = null
  doc.forEach((block) => {
    const lines = writeBlock(block, state)
    if (!lines.length) return
    // Two lists of the same kind in a row would merge when read back.
    if (previous && sameListKind(previous, block)) blocks.push('<!-- -->')
    blocks.push(lines.join('\n'))
    previous = block
  })
  let out = blocks.join('\n\n') + '\n'
  if (state.footnotes.length) {
    out += '\n' + state.footnotes.map((text, i) => `[^${i + 1}]: ${text}`).join('\n\n') + '\n'
  }
  if (threads.length) {
    // "--" only occurs inside JSON strings, where \u002d means the same.
    const json = JSON.stringify(threads, null, 1).replace(/--/g, '-\\u002d')
    out += `\n<!-- ${COMMENTS_MARKER}\n${json}\n-->\n`
  }
  const front = writeFrontMatter(meta, type)
  return front + out
}

function sameListKind(a: PMNode, b: PMNode): boolean {
  if (a.type !== b.type) return false
  if (a.type.name === 'bullet_list') return true
  return a.type.name === 'ordered_list' && a.attrs.delimiter === b.attrs.delimiter
}

/** YAML front matter in the corpus style: double-quoted strings, lists as "- ". */
export function writeFrontMatter(meta: DocumentMeta, type: string | null): string {
  const keys = Object.keys(meta)
  if (!type && !keys.length) return ''
  const lines = ['---']
  // A JSON string literal is also a valid YAML double-quoted scalar.
  if (type) lines.push(`type: ${JSON.stringify(type)}`)
  for (const key of keys) {
    const value = meta[key]
    if (Array.isArray(value)) {
      if (!value.length) lines.push(`${key}: []`)
      else {
        lines.push(`${key}:`)
        for (const item of value) lines.push(`  - ${JSON.stringify(item)}`)
      }
    } else lines.push(`${key}: ${JSON.stringify(value)}`)
  }
  lines.push('---')
  return lines.join('\n') + '\n'
}

function writeBlock(node: PMNode, state: WriteState): string[] {
  switch (node.type.name) {
    case 'paragraph': {
      if (!node.content.size) return []
      return escapeLineStarts(writeInline(node, state, 'block').split('\n'))
    }
    case 'heading': {
      const text = writeInline(node, state, 'heading')
      if (!text.trim()) return []
      return [`${node.attrs.level === 1 ? '##' : '###'} ${text}`]
    }
    case 'bullet_list':
    case 'ordered_list':
      return writeList(node, state)
    case 'table':
      return writeTable(node, state)
    case 'page_break':
      return ['\\newpage']
    default:
      throw new RangeError(`Cannot write a ${node.type.name} node as Markdown.`)
  }
}

function writeList(list: PMNode, state: WriteState): string[] {
  const lines: string[] = []
  const ordered = list.type.name === 'ordered_list'
  list.forEach((item, _offset, index) => {
    const marker = ordered ? `${list.attrs.start + index}${list.attrs.delimiter} ` : '- '
    const pad = ' '.repeat(marker.length)
    const body: string[] = []
    let prev: PMNode | null = null
    item.forEach((child) => {
      const childLines = writeBlock(child, state)
      if (!childLines.length) return
      // A paragraph directly followed by a paragraph, table or a list that
      // cannot interrupt it needs a blank line to stay a separate block.
      if (prev && needsBlankLine(prev, child)) body.push('')
      body.push(...childLines)
      prev = child
    })
    if (!body.length) body.push('')
    lines.push(marker + body[0])
    for (const line of body.slice(1)) lines.push(line ? pad + line : '')
  })
  return lines
}

function needsBlankLine(prev: PMNode, next: PMNode): boolean {
  if (next.type.name === 'bullet_list') return prev.type.name !== 'paragraph' ? true : false
  if (next.type.name === 'ordered_list') return !(prev.type.name === 'paragraph' && next.attrs.start === 1)
  return true
}

function writeTable(table: PMNode, state: WriteState): string[] {
  const rows: string[][] = []
  const aligns: (string | null)[] = []
  table.forEach((row, _o, rowIndex) => {
    const cells: string[] = []
    row.forEach((cell, _o2, cellIndex) => {
      const parts: string[] = []
      cell.forEach((para) => parts.push(writeInline(para, state, 'cell')))
      cells.push(parts.join('<br>'))
      if (rowIndex === 0) aligns[cellIndex] = cell.attrs.align
    })
    rows.push(cells)
  })
  const width = Math.max(...rows.map((r) => r.length))
  const line = (cells: string[]) => '| ' + Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ') + ' |'
  const sep = '|' + Array.from({ length: width }, (_, i) => {
    const a = aligns[i]
    return a === 'center' ? ':---:' : a === 'right' ? '---:' : a === 'left' ? ':---' : '---'
  }).join('|') + '|'
  return [line(rows[0] ?? []), sep, ...rows.slice(1).map(line)].map((l) => l.replace(/ {2}\|/g, '  |'))
}

type InlineContext = 'block' | 'heading' | 'cell' | 'footnote'

const MARK_DELIMS: Record<string, (mark: Mark) => [string, string]> = {
  strong: () => ['**', '**'],
  em: () => ['*', '*'],
  underline: () => ['<u>', '</u>'],
  // Spaces, brackets and angle brackets percent-encoded: the address stays one destination.
  link: (mark) => ['[', `](${(mark.attrs.href as string).replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)})`],
  // A passage marked for redaction under the Woo, with its ground (checked by the schema).
  redaction: (mark) => [`<span data-woo="${mark.attrs.ground}">`, '</span>'],
  // A comment anchor as a span the reader reads back (the id is checked by the schema).
  comment: (mark) => [`<span data-comment="${mark.attrs.id}">`, '</span>'],
}

/** Writes the inline content of a textblock or footnote, marks as delimiters. */
function writeInline(parent: PMNode, state: WriteState, context: InlineContext): string {
  let out = ''
  const open: Mark[] = []
  const closeTo = (keep: readonly Mark[]) => {
    // Close from the innermost open mark until all that remain are wanted.
    while (open.length && open.some((m) => !m.isInSet(keep))) { const m = open.pop()!; out += MARK_DELIMS[m.type.name](m)[1] }
  }
  const openMarks = (marks: readonly Mark[]) => {
    for (const mark of marks) {
      if (mark.isInSet(open)) continue
      out += MARK_DELIMS[mark.type.name](mark)[0]
      open.push(mark)
    }
  }
  parent.forEach((child) => {
    if (child.isText) {
      // Spaces at the edge of a marked run would stop `*` from counting as emphasis.
      const text = child.text!
      const lead = /^\s*/.exec(text)![0]
      const trail = text.length > lead.length ? /\s*$/.exec(text)![0] : ''
      const core = text.slice(lead.length, text.length - trail.length)
      if (lead) { closeTo([]); out += escapeText(lead, context) }
      if (core) {
        closeTo(child.marks)
        openMarks(child.marks)
        out += escapeText(core, context)
      }
      if (trail) { closeTo([]); out += escapeText(trail, context) }
    } else if (child.type.name === 'hard_break') {
      closeTo([])
      if (context === 'cell') out += '<br>'
      else if (context === 'heading' || context === 'footnote') out += ' '
      else out += child.attrs.soft ? '\n' : '\\\n'
    } else if (child.type.name === 'footnote') {
      closeTo([])
      state.footnotes.push('')
      const number = state.footnotes.length
      state.footnotes[number - 1] = writeInline(child, state, 'footnote')
      out += `[^${number}]`
    }
  })
  closeTo([])
  return keepEdgeSpaces(out)
}

/** Spaces at the start or end of a line would vanish on reading; write them as references. */
function keepEdgeSpaces(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/^[ \t]+/, (s) => s.replace(/ /g, '&#32;').replace(/\t/g, '&#9;')).replace(/(?<!\\)[ \t]+$/, (s) => s.replace(/ /g, '&#32;').replace(/\t/g, '&#9;')))
    .join('\n')
}

function escapeText(text: string, context: InlineContext): string {
  // `|` too: a line starting with one could be read as a table row.
  let out = text.replace(/[\\`*_[\]<>~|]/g, '\\$&').replace(/&(?=#?[a-z0-9]+;)/gi, '\\&')
  if (context === 'heading' || context === 'footnote' || context === 'cell') out = out.replace(/\n/g, ' ')
  return out
}

/** Escapes what would start a block (heading, list, quote, rule) at the start of a line. */
function escapeLineStarts(lines: string[]): string[] {
  return lines.map((line) =>
    line
      .replace(/^((?:&#32;|&#9;)*)([#>+\-=])/, '$1\\$2')
      .replace(/^((?:&#32;|&#9;)*)(\d{1,9})([.)])(?=\s|$)/, '$1$2\\$3'),
  )
}
