// Editing commands behind the toolbar and the shortcuts, all of the shape
// (state, dispatch?) => boolean, so a missing dispatch asks "would it work?".
import { NodeSelection, type Command, type EditorState } from 'prosemirror-state'
import { setBlockType, toggleMark } from 'prosemirror-commands'
import { liftListItem, wrapInList } from 'prosemirror-schema-list'
import type { MarkType, NodeType } from 'prosemirror-model'
import { schema } from '../../core/schema.js'

export const toggleStrong = toggleMark(schema.marks.strong)
export const toggleEm = toggleMark(schema.marks.em)
export const toggleUnderline = toggleMark(schema.marks.underline)
export const makeHeading1 = setBlockType(schema.nodes.heading, { level: 1 })
export const makeHeading2 = setBlockType(schema.nodes.heading, { level: 2 })
export const makeParagraph = setBlockType(schema.nodes.paragraph)
export const bulletList = toggleList(schema.nodes.bullet_list)
export const numberedList = toggleList(schema.nodes.ordered_list, { delimiter: '.' })
export const numberedListParen = toggleList(schema.nodes.ordered_list, { delimiter: ')' })

/** Wraps the selection in a list, or lifts it out when it already is one of this kind. */
function toggleList(type: NodeType, attrs: Record<string, unknown> = {}): Command {
  return (state, dispatch) => {
    const { $from } = state.selection
    for (let d = $from.depth; d > 0; d--) {
      const node = $from.node(d)
      if (node.type === type && Object.entries(attrs).every(([k, v]) => node.attrs[k] === v)) return liftListItem(schema.nodes.list_item)(state, dispatch)
      if (node.type === schema.nodes.bullet_list || node.type === schema.nodes.ordered_list) {
        // Another kind of list: change the kind in place.
        if (dispatch) dispatch(state.tr.setNodeMarkup($from.before(d), type, { ...node.attrs, ...attrs }))
        return true
      }
    }
    return wrapInList(type, attrs)(state, dispatch)
  }
}

/** Inserts an empty footnote at the cursor and selects it, which opens its editor. */
export const insertFootnote: Command = (state, dispatch) => {
  const { $from } = state.selection
  if (!$from.parent.inlineContent || $from.parent.type.spec.code) return false
  if (!$from.parent.canReplaceWith($from.index(), $from.index(), schema.nodes.footnote)) return false
  if (dispatch) {
    const tr = state.tr.deleteSelection()
    const pos = tr.selection.from
    tr.insert(pos, schema.nodes.footnote.create())
    dispatch(tr.setSelection(NodeSelection.create(tr.doc, pos)).scrollIntoView())
  }
  return true
}

/** Inserts a three-by-three table with a header row after the current block. */
export const insertTable: Command = (state, dispatch) => {
  const { $from } = state.selection
  if ($from.depth < 1) return false
  const cell = (type: NodeType) => type.create(null, schema.nodes.paragraph.create())
  const row = (type: NodeType) => schema.nodes.table_row.create(null, [cell(type), cell(type), cell(type)])
  const table = schema.nodes.table.create(null, [row(schema.nodes.table_header), row(schema.nodes.table_cell), row(schema.nodes.table_cell)])
  if (dispatch) {
    const tr = state.tr.replaceSelectionWith(table)
    dispatch(tr.scrollIntoView())
  }
  return true
}

/** Tells whether a mark is on at the cursor or over the whole selection. */
export function markActive(state: EditorState, type: MarkType): boolean {
  const { from, $from, to, empty } = state.selection
  if (empty) return !!type.isInSet(state.storedMarks || $from.marks())
  return state.doc.rangeHasMark(from, to, type)
}

/** The block type at the cursor, as the toolbar names it. */
export function currentBlock(state: EditorState): 'h1' | 'h2' | 'p' | 'other' {
  const parent = state.selection.$from.parent
  if (parent.type === schema.nodes.heading) return parent.attrs.level === 1 ? 'h1' : 'h2'
  if (parent.type === schema.nodes.paragraph) return 'p'
  return 'other'
}

/**
 * The link at the selection: the whole marked range when the cursor stands
 * in a link, else the selected text (null when nothing is selected and there
 * is no link).
 */
export function linkAt(state: EditorState): { from: number; to: number; href: string | null } | null {
  const { from, to, empty, $from } = state.selection
  const type = schema.marks.link
  const mark = type.isInSet(empty ? $from.marks() : state.doc.resolve(from + 1 <= to ? from + 1 : from).marks()) ?? type.isInSet($from.marks())
  if (!empty) return { from, to, href: (mark?.attrs.href as string | undefined) ?? null }
  if (!mark) return null
  // Walk the text of the parent either way for as long as the same link goes on.
  const parent = $from.parent
  const start = $from.start()
  let linkFrom = from
  let linkTo = from
  parent.forEach((child, offset) => {
    const a = start + offset
    const b = a + child.nodeSize
    if (mark.isInSet(child.marks) && a <= linkTo && b >= linkFrom) {
      linkFrom = Math.min(linkFrom, a)
      linkTo = Math.max(linkTo, b)
    }
  })
  return { from: linkFrom, to: linkTo, href: mark.attrs.href as string }
}

/** What a user typed as an address, as a link target: www… gets https://, an e-mail address mailto:. */
export function normalizeHref(text: string): string {
  const t = text.trim()
  if (/^(https?:\/\/|mailto:)/i.test(t)) return t
  if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(t)) return `mailto:${t}`
  if (/^[\w-]+(\.[\w-]+)+(\/\S*)?$/.test(t)) return `https://${t}`
  return t
}

/** Sets (or with null removes) the link over from–to; with text, inserts that text linked at an empty selection. */
export function setLink(from: number, to: number, href: string | null, text?: string): Command {
  return (state, dispatch) => {
    if (!dispatch) return true
    const tr = state.tr
    let end = to
    if (text && from === to) {
      tr.insertText(text, from)
      end = from + text.length
    }
    tr.removeMark(from, end, schema.marks.link)
    if (href) tr.addMark(from, end, schema.marks.link.create({ href }))
    dispatch(tr.scrollIntoView())
    return true
  }
}

/**
 * Ctrl+Enter: a page break at the cursor, as in Word. The paragraph is split
 * there; only between top-level blocks (not in a list, table or footnote).
 */
export const insertPageBreak: Command = (state, dispatch) => {
  const { $from, $to } = state.selection
  if ($from.depth !== 1 || $to.depth !== 1 || !$from.parent.isTextblock) return false
  if (dispatch) dispatch(state.tr.replaceSelectionWith(schema.nodes.page_break.create()).scrollIntoView())
  return true
}
