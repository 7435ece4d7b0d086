// The editor's plugins: Word-like shortcuts, history, list input rules,
// tables and the footnote view.
import { livePlugin } from './live-changes-view.js'
import { spellPlugin } from './spell-view.js'
import { EditorState, Plugin, PluginKey, Selection } from 'prosemirror-state'
import { isWordHtml, wordHtmlToSchemaHtml } from './paste-word.js'
import { Decoration, DecorationSet } from 'prosemirror-view'
import { keymap } from 'prosemirror-keymap'
import { history, undo, redo } from 'prosemirror-history'
import { baseKeymap, chainCommands, exitCode } from 'prosemirror-commands'
import { inputRules, wrappingInputRule, undoInputRule } from 'prosemirror-inputrules'
import { splitListItem, liftListItem, sinkListItem } from 'prosemirror-schema-list'
import { tableEditing, goToNextCell, addRowAfter, isInTable } from 'prosemirror-tables'
import type { Command } from 'prosemirror-state'
import { dropCursor } from 'prosemirror-dropcursor'
import { gapCursor } from 'prosemirror-gapcursor'
import type { Node as PMNode } from 'prosemirror-model'
import { schema } from '../../core/schema.js'
import * as cmd from './commands.js'
import { findPlugin } from './find-replace.js'

const listRules = inputRules({
  rules: [
    wrappingInputRule(/^\s*([-*•])\s$/, schema.nodes.bullet_list),
    wrappingInputRule(/^(\d+)([.)])\s$/, schema.nodes.ordered_list, (match) => ({ start: Number(match[1]), delimiter: match[2] }),
      (match, node) => node.childCount + node.attrs.start === Number(match[1]) && node.attrs.delimiter === match[2]),
  ],
})

/**
 * Tab in a table goes to the next cell; in the last cell it adds a row, as
 * Word does, instead of letting the browser move the focus out of the
 * document (where typing then overwrote the metadata form).
 */
const nextCellOrNewRow: Command = (state, dispatch, view) => {
  if (goToNextCell(1)(state, dispatch)) return true
  if (!isInTable(state)) return false
  if (!dispatch || !view) return true
  addRowAfter(state, dispatch)
  goToNextCell(1)(view.state, view.dispatch)
  return true
}

/** Shift+Tab in the first cell stays in the table. */
const previousCellOrStay: Command = (state, dispatch) => goToNextCell(-1)(state, dispatch) || isInTable(state)

const hardBreak = chainCommands(exitCode, (state, dispatch) => {
  dispatch?.(state.tr.replaceSelectionWith(schema.nodes.hard_break.create()).scrollIntoView())
  return true
})

/** Shows a search hit the editor was opened at (`tr.setMeta(searchHitKey, { from, to })`) until the text changes. */
export const searchHitKey = new PluginKey<DecorationSet>('searchHit')
const searchHit = new Plugin<DecorationSet>({
  key: searchHitKey,
  state: {
    init: () => DecorationSet.empty,
    apply(tr, set) {
      const hit = tr.getMeta(searchHitKey) as { from: number; to: number } | undefined
      if (hit) return DecorationSet.create(tr.doc, [Decoration.inline(hit.from, hit.to, { class: 'search-hit' })])
      return tr.docChanged ? DecorationSet.empty : set
    },
  },
  props: { decorations: (state) => searchHitKey.getState(state) },
})

/**
 * Cutting whole paragraphs (from the start of one to the end of another, as a
 * triple click selects) takes the paragraphs away, as in Word: ProseMirror's
 * cut deletes their text and would leave an empty paragraph behind.
 */
const cutWholeParagraphs = new Plugin({
  appendTransaction(trs, oldState, newState) {
    if (!trs.some((tr) => tr.getMeta('uiEvent') === 'cut')) return null
    const { $from, $to, empty } = oldState.selection
    const whole = !empty && $from.parent.isTextblock && $to.parent.isTextblock && $from.parentOffset === 0 && $to.parentOffset === $to.parent.content.size
    const $pos = newState.selection.$from
    if (!whole || $pos.parent.type !== schema.nodes.paragraph || $pos.parent.content.size > 0 || newState.doc.childCount < 2 || $pos.depth !== 1) return null
    const tr = newState.tr.delete($pos.before(), $pos.after())
    const at = Math.min($pos.before(), tr.doc.content.size)
    return tr.setSelection(Selection.near(tr.doc.resolve(at)))
  },
})

/** The plugins of the main editor. `onSave` runs on Ctrl+S. */
export function editorPlugins(options: { onSave: () => void }): Plugin[] {
  return [
    listRules,
    keymap({
      'Mod-z': undo,
      'Mod-y': redo,
      'Mod-Shift-z': redo,
      Backspace: undoInputRule,
      'Mod-b': cmd.toggleStrong,
      'Mod-i': cmd.toggleEm,
      'Mod-u': cmd.toggleUnderline,
      'Mod-Alt-1': cmd.makeHeading1,
      'Mod-Alt-2': cmd.makeHeading2,
      'Mod-Shift-n': cmd.makeParagraph,
      'Mod-Alt-0': cmd.makeParagraph,
      'Mod-Shift-l': cmd.bulletList,
      'Mod-Alt-f': cmd.insertFootnote,
      'Mod-Enter': cmd.insertPageBreak,
      'Mod-s': () => {
        options.onSave()
        return true
      },
      'Shift-Enter': hardBreak,
      Enter: splitListItem(schema.nodes.list_item),
      Tab: chainCommands(nextCellOrNewRow, sinkListItem(schema.nodes.list_item)),
      'Shift-Tab': chainCommands(previousCellOrStay, liftListItem(schema.nodes.list_item)),
    }),
    keymap(baseKeymap),
    history(),
    dropCursor(),
    gapCursor(),
    tableEditing(),
    searchHit,
    findPlugin,
    livePlugin,
    spellPlugin,
    cutWholeParagraphs,
  ]
}

/** A fresh editor state for a document. */
export function createEditorState(doc: PMNode, onSave: () => void): EditorState {
  return EditorState.create({ doc, plugins: editorPlugins({ onSave }) })
}

/** Cleans Word's clipboard HTML before the schema reads it (conditional comments, o:p). */
export function cleanPastedHtml(html: string): string {
  const cleaned = html
    .replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, '')
    .replace(/<\/?o:p[^>]*>/gi, '')
    .replace(/<(script|style|iframe|object|embed)[\s\S]*?<\/\1\s*>/gi, '')
  // From Word: its lists as lists and its footnotes as footnotes (see paste-word.ts).
  return isWordHtml(cleaned) ? wordHtmlToSchemaHtml(cleaned) : cleaned
}
