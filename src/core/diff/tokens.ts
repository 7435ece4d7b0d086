// Inline content as tokens: words, runs of spaces, single punctuation marks
// and inline nodes (footnotes, line breaks). A change made of whole tokens
// can never start or end inside a word.
import type { NodeJSON, Token } from './types.js'
import { contentKey } from '../document.js'

const WORD = /[\p{L}\p{N}]+|\s+|[^\p{L}\p{N}\s]/gu
const CHAR = /[\s\S]/gu

/**
 * The comparison key of each token: equal keys mean equal tokens. Computed
 * once per text node's marks rather than by serialising every token.
 */
export function tokenKeys(tokens: Token[]): string[] {
  const markKeys = new Map<unknown, string>()
  return tokens.map((t) => {
    if ('t' in t) {
      if (!t.m) return 't' + t.t
      let mk = markKeys.get(t.m)
      // Comment anchors are not content: a comment added or removed is no change to the text.
      if (mk === undefined) markKeys.set(t.m, (mk = JSON.stringify(t.m.filter((m) => m.type !== 'comment'))))
      return mk === '[]' ? 't' + t.t : 'm' + mk + '\u0000' + t.t
    }
    return 'p' in t ? 'p' + JSON.stringify(t.p) : 'n' + contentKey(t.n)
  })
}

type TextNode = NodeJSON & { text: string }
const withoutComments = (marks: NodeJSON['marks']) => JSON.stringify((marks ?? []).filter((m) => m.type !== 'comment'))

/**
 * Splits a textblock's inline content (JSON) into tokens. Adjacent text
 * whose marks differ only in comments is split into words as one text, so a
 * comment that starts or ends inside a word does not cut that word in two
 * (which compare would show as a change to the text).
 */
export function tokenize(content: NodeJSON[] | undefined, granularity: 'word' | 'char' = 'word'): Token[] {
  const out: Token[] = []
  let run: TextNode[] = []
  const flush = () => {
    if (run.length) out.push(...splitRun(run, granularity === 'word' ? WORD : CHAR))
    run = []
  }
  for (const child of content ?? []) {
    if (child.type === 'text') {
      if (run.length && withoutComments(run[run.length - 1].marks) !== withoutComments(child.marks)) flush()
      run.push(child as TextNode)
    } else {
      flush()
      out.push({ n: child })
    }
  }
  flush()
  return out
}

/** Words of a run of text nodes; a word over more than one node keeps its pieces. */
function splitRun(run: TextNode[], pattern: RegExp): Token[] {
  const marksOf = (node: TextNode) => (node.marks?.length ? node.marks : undefined)
  if (run.length === 1) {
    const m = marksOf(run[0])
    return (run[0].text.match(pattern) ?? []).map((t) => (m ? { t, m } : { t }))
  }
  const text = run.map((n) => n.text).join('')
  // Where each node starts in the joined text.
  const starts: number[] = []
  let at = 0
  for (const n of run) {
    starts.push(at)
    at += n.text.length
  }
  const out: Token[] = []
  let offset = 0
  let node = 0
  for (const t of text.match(pattern) ?? []) {
    const end = offset + t.length
    while (node + 1 < run.length && starts[node + 1] <= offset) node++
    const parts: { t: string; m?: NodeJSON['marks'] }[] = []
    for (let k = node; k < run.length && starts[k] < end; k++) {
      const piece = text.slice(Math.max(offset, starts[k]), Math.min(end, starts[k] + run[k].text.length))
      if (piece) parts.push(marksOf(run[k]) ? { t: piece, m: marksOf(run[k]) } : { t: piece })
    }
    out.push(parts.length === 1 ? parts[0] : { ...parts[0], t, parts })
    offset = end
  }
  return out
}

/** Turns tokens back into inline JSON; ProseMirror joins adjacent text with equal marks. */
export function detokenize(tokens: Token[]): NodeJSON[] {
  const out: NodeJSON[] = []
  for (const token of tokens) {
    if ('p' in token) throw new RangeError('A paragraph start cannot be part of inline content; use splitParagraphs.')
    if ('n' in token) out.push(token.n)
    else {
      for (const piece of token.parts ?? [token]) {
        const last = out[out.length - 1]
        if (last && last.type === 'text' && JSON.stringify(last.marks ?? null) === JSON.stringify(piece.m ?? null)) last.text += piece.t
        else out.push(piece.m ? { type: 'text', text: piece.t, marks: piece.m } : { type: 'text', text: piece.t })
      }
    }
  }
  return out
}

/** The text of tokens as a reader sees it; a footnote shows as its text in brackets, a paragraph start as ¶. */
export function tokensText(tokens: Token[]): string {
  return tokens.map((t) => ('p' in t ? '¶' : 'n' in t ? inlineNodeText(t.n) : t.t)).join('')
}

/** Tokens of several textblocks in a row, each led by a paragraph-start token. */
export function tokenizeBlocks(blocks: NodeJSON[], granularity: 'word' | 'char'): Token[] {
  return blocks.flatMap((b) => [{ p: b.attrs ? { type: b.type, attrs: b.attrs } : { type: b.type } } as Token, ...tokenize(b.content, granularity)])
}

/** Splits tokens at paragraph starts back into textblocks. */
export function splitParagraphs(tokens: Token[]): NodeJSON[] {
  const blocks: { shell: { type: string; attrs?: Record<string, unknown> }; tokens: Token[] }[] = []
  for (const t of tokens) {
    if ('p' in t) blocks.push({ shell: t.p, tokens: [] })
    else {
      // Text before any paragraph start (its start was declined) joins a plain paragraph.
      if (!blocks.length) blocks.push({ shell: { type: 'paragraph' }, tokens: [] })
      blocks[blocks.length - 1].tokens.push(t)
    }
  }
  return blocks.map(({ shell, tokens: ts }) => {
    const content = detokenize(ts)
    return { ...shell, ...(content.length ? { content } : {}) }
  })
}

function inlineNodeText(node: NodeJSON): string {
  if (node.type === 'hard_break') return node.attrs?.soft ? '\n' : '\n'
  if (node.type === 'footnote') return `[voetnoot: ${nodeText(node)}]`
  return nodeText(node)
}

/** The plain text of any node JSON, blocks separated by a newline. */
export function nodeText(node: NodeJSON): string {
  if (node.type === 'text') return node.text ?? ''
  if (node.type === 'hard_break') return '\n'
  // A page break has no text; the change list still names it.
  if (node.type === 'page_break') return '[pagina-einde]'
  if (!node.content) return ''
  const inline = node.content.every((c) => c.type === 'text' || c.type === 'hard_break' || c.type === 'footnote')
  if (inline) return node.content.map((c) => (c.type === 'footnote' ? `[voetnoot: ${nodeText(c)}]` : nodeText(c))).join('')
  const sep = node.type === 'table_row' ? ' | ' : '\n'
  return node.content.map(nodeText).join(sep)
}

/** Counts words in a text. */
export function wordCount(text: string): number {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).length
}
