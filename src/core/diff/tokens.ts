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

/** Splits a textblock's inline content (JSON) into tokens. */
export function tokenize(content: NodeJSON[] | undefined, granularity: 'word' | 'char' = 'word'): Token[] {
  const out: Token[] = []
  for (const child of content ?? []) {
    if (child.type === 'text') {
      const pieces = child.text!.match(granularity === 'word' ? WORD : CHAR) ?? []
      for (const t of pieces) out.push(child.marks?.length ? { t, m: child.marks } : { t })
    } else {
      out.push({ n: child })
    }
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
      const last = out[out.length - 1]
      if (last && last.type === 'text' && JSON.stringify(last.marks ?? null) === JSON.stringify(token.m ?? null)) last.text += token.t
      else out.push(token.m ? { type: 'text', text: token.t, marks: token.m } : { type: 'text', text: token.t })
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
