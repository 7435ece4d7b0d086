// The document model of Paraaf: what a Kamerbrief, nota or memo can contain.
// Everything that enters the editor (typing, paste, Markdown, later Word) is
// forced through this schema, so it is also the first line of defence against
// hostile input: what the schema does not allow, does not exist.
import { Schema, type NodeSpec, type MarkSpec, type DOMOutputSpec } from 'prosemirror-model'
import { tableNodes } from 'prosemirror-tables'
import { WOO_GROUNDS } from './woo.js'

const tables = tableNodes({
  tableGroup: 'block',
  cellContent: 'paragraph+',
  cellAttributes: {
    align: {
      default: null,
      // Stored documents come from outside too: only these three values may become CSS.
      validate: (value: unknown) => {
        if (value !== null && value !== 'left' && value !== 'center' && value !== 'right') throw new RangeError(`Ongeldige uitlijning van een tabelcel: ${String(value).slice(0, 40)}`)
      },
      getFromDOM: (dom) => {
        const value = (dom as HTMLElement).style?.textAlign
        return value === 'left' || value === 'center' || value === 'right' ? value : null
      },
      setDOMAttr: (value, attrs) => {
        if (value === 'left' || value === 'center' || value === 'right') attrs.style = `text-align: ${value}`
      },
    },
  },
})

const nodes: Record<string, NodeSpec> = {
  // A page break (Ctrl+Enter) stands between top-level blocks only, not in lists or tables.
  doc: { content: '(block | page_break)+' },

  paragraph: {
    group: 'block',
    content: 'inline*',
    parseDOM: [{ tag: 'p' }],
    toDOM: (): DOMOutputSpec => ['p', 0],
  },

  heading: {
    group: 'block',
    content: 'inline*',
    attrs: { level: { default: 1, validate: (v: unknown) => { if (v !== 1 && v !== 2) throw new RangeError('Een kop heeft niveau 1 of 2.') } } },
    defining: true,
    parseDOM: [
      { tag: 'h1', attrs: { level: 1 } },
      { tag: 'h2', attrs: { level: 1 } },
      { tag: 'h3', attrs: { level: 2 } },
      { tag: 'h4', attrs: { level: 2 } },
      { tag: 'h5', attrs: { level: 2 } },
      { tag: 'h6', attrs: { level: 2 } },
    ],
    // Level 1 is shown as h2 and level 2 as h3: the letter's onderwerp is the page title.
    toDOM: (node): DOMOutputSpec => [node.attrs.level === 1 ? 'h2' : 'h3', 0],
  },

  bullet_list: {
    group: 'block',
    content: 'list_item+',
    parseDOM: [{ tag: 'ul' }],
    toDOM: (): DOMOutputSpec => ['ul', 0],
  },

  // `delimiter` keeps the "1)" style of Dutch notes apart from "1.".
  ordered_list: {
    group: 'block',
    content: 'list_item+',
    attrs: {
      start: { default: 1, validate: 'number' },
      delimiter: { default: '.', validate: (v: unknown) => { if (v !== '.' && v !== ')') throw new RangeError('Een genummerde lijst gebruikt "." of ")".') } },
    },
    parseDOM: [
      {
        tag: 'ol',
        getAttrs: (dom) => {
          const el = dom as HTMLElement
          const start = Number(el.getAttribute('start') ?? 1)
          return { start: Number.isFinite(start) && start >= 0 ? Math.floor(start) : 1, delimiter: el.dataset.delimiter === ')' ? ')' : '.' }
        },
      },
    ],
    toDOM: (node): DOMOutputSpec => [
      'ol',
      { start: node.attrs.start === 1 ? null : String(node.attrs.start), 'data-delimiter': node.attrs.delimiter, class: node.attrs.delimiter === ')' ? 'paren' : null } as Record<string, string>,
      0,
    ],
  },

  list_item: {
    content: 'block+',
    defining: true,
    parseDOM: [{ tag: 'li' }],
    toDOM: (): DOMOutputSpec => ['li', 0],
  },

  ...tables,

  text: { group: 'inline' },

  // A footnote is an inline node that carries its own text, so it moves,
  // copies and versions with the sentence it belongs to. Its number is not
  // stored: it follows from its place in the document.
  footnote: {
    group: 'inline',
    content: 'text*',
    inline: true,
    atom: true,
    marks: 'strong em underline link redaction',
    parseDOM: [{ tag: 'span.footnote' }, { tag: 'sup.footnote' }],
    toDOM: (): DOMOutputSpec => ['span', { class: 'footnote' }, 0],
  },

  // A page break (Word's Ctrl+Enter): the next block starts on a new page.
  page_break: {
    atom: true,
    selectable: true,
    parseDOM: [{ tag: 'hr.page-break' }],
    toDOM: (): DOMOutputSpec => ['hr', { class: 'page-break', 'aria-label': 'Pagina-einde', title: 'Pagina-einde (Ctrl+Enter)' }],
  },

  // `soft` marks a line break that the source text had inside a paragraph
  // (e-mail text, hand-wrapped lines); it is kept so Markdown round-trips.
  hard_break: {
    group: 'inline',
    inline: true,
    selectable: false,
    attrs: { soft: { default: false, validate: 'boolean' } },
    parseDOM: [{ tag: 'br' }],
    toDOM: (): DOMOutputSpec => ['br'],
  },
}

const marks: Record<string, MarkSpec> = {
  strong: {
    parseDOM: [
      { tag: 'strong' },
      { tag: 'b', getAttrs: (dom) => ((dom as HTMLElement).style.fontWeight !== 'normal' ? null : false) },
      { style: 'font-weight', getAttrs: (value) => (/^(bold(er)?|[5-9]\d{2,})$/.test(value as string) ? null : false) },
    ],
    toDOM: (): DOMOutputSpec => ['strong', 0],
  },
  em: {
    parseDOM: [{ tag: 'i' }, { tag: 'em' }, { style: 'font-style=italic' }],
    toDOM: (): DOMOutputSpec => ['em', 0],
  },
  underline: {
    parseDOM: [{ tag: 'u' }, { style: 'text-decoration=underline' }],
    toDOM: (): DOMOutputSpec => ['u', 0],
  },
  // A hyperlink (Ctrl+K): only web and mail addresses, nothing a click could run.
  link: {
    attrs: { href: { validate: (v: unknown) => { if (!isSafeHref(v)) throw new RangeError('Een koppeling begint met https://, http:// of mailto: en is hoogstens 2000 tekens.') } } },
    inclusive: false,
    parseDOM: [{ tag: 'a[href]', getAttrs: (dom) => { const href = (dom as HTMLElement).getAttribute('href') ?? ''; return isSafeHref(href) ? { href } : false } }],
    // A new tab in browser mode (the app's page is never navigated away); the desktop window opens none.
    toDOM: (mark): DOMOutputSpec => ['a', { href: mark.attrs.href, title: mark.attrs.href, rel: 'noopener noreferrer', target: '_blank' }, 0],
  },
  // A passage to withhold when the document is published under the Woo, with
  // its ground ("5.1.2e"). Set while drafting and kept in every version; only
  // a publication removes the text (see core/redaction.ts). Two redactions do
  // not overlap (a mark excludes its own kind); typing at the edge does not extend one.
  redaction: {
    attrs: { ground: { validate: (v: unknown) => { if (typeof v !== 'string' || !Object.prototype.hasOwnProperty.call(WOO_GROUNDS, v)) throw new RangeError(`"${String(v).slice(0, 40)}" is geen weigeringsgrond van de Woo.`) } } },
    inclusive: false,
    parseDOM: [{ tag: 'span[data-woo]', getAttrs: (dom) => { const ground = (dom as HTMLElement).getAttribute('data-woo') ?? ''; return Object.prototype.hasOwnProperty.call(WOO_GROUNDS, ground) ? { ground } : false } }],
    toDOM: (mark): DOMOutputSpec => ['span', { class: 'woo', 'data-woo': mark.attrs.ground, title: `Gelakt bij publicatie: art. ${mark.attrs.ground} Woo (${WOO_GROUNDS[mark.attrs.ground as string]})` }, 0],
  },
  // The anchor of a comment thread: only its id; the thread lives in SQLite.
  // Comments may overlap (excludes nothing) and do not grow when typing at
  // their edge (inclusive false). Pasted HTML never brings one in: there is
  // no parse rule, so a comment is only made through the comments API.
  comment: {
    attrs: { id: { validate: (v: unknown) => { if (typeof v !== 'string' || !/^k[0-9a-z]{6,24}$/.test(v)) throw new RangeError('A comment id looks like k followed by letters and digits.') } } },
    inclusive: false,
    excludes: '',
    toDOM: (mark): DOMOutputSpec => ['span', { class: 'comment', 'data-comment': mark.attrs.id }, 0],
  },
}

/** A web or mail address a link may point to: http(s) or mailto, no spaces or control characters. */
export function isSafeHref(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 2000 && /^(https?:\/\/[^\s/?#]+|mailto:[^\s@]+@[^\s@]+)[^\s\u0000-\u001f\u007f]*$/i.test(value)
}

/** The one schema of every Paraaf document. */
export const schema = new Schema({ nodes, marks })
