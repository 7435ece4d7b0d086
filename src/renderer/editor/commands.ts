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
