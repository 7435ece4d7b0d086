// A footnote shows as its number (a CSS counter, so renumbering is free);
// selecting it opens a small editor for its text under the number. Edits in
// that inner editor become steps on the outer document, so undo, autosave
// and versions see them like any other edit.
import { EditorState, type Transaction } from 'prosemirror-state'
import { EditorView, type NodeView } from 'prosemirror-view'
import { StepMap } from 'prosemirror-transform'
import { keymap } from 'prosemirror-keymap'
import { undo, redo } from 'prosemirror-history'
import { toggleMark } from 'prosemirror-commands'
import type { Node as PMNode } from 'prosemirror-model'
import { schema } from '../../core/schema.js'
import { spellPlugin, startSpelling, type SpellOptions } from './spell-view.js'

export class FootnoteView implements NodeView {
  dom: HTMLElement
  private inner: EditorView | null = null
  private spelling: ReturnType<typeof startSpelling> | null = null

  /** `spell`: the spell check of the text being edited (the footnote's text is checked while its editor is open). */
  constructor(private node: PMNode, private outer: EditorView, private getPos: () => number | undefined, private spell?: SpellOptions) {
    this.dom = document.createElement('span')
    this.dom.className = 'footnote'
    this.dom.title = node.textContent || 'Lege voetnoot'
    // A click on the number selects the footnote (ProseMirror does that);
    // then the caret goes into its text, ready to edit. Arrow keys that
    // pass over a footnote select it without taking the caret inside.
    this.dom.addEventListener('click', (event) => {
      if (this.inner?.dom.contains(event.target as Node)) return
      requestAnimationFrame(() => this.inner?.focus())
    })
  }

  selectNode() {
    this.dom.classList.add('ProseMirror-selectednode')
    if (!this.inner) this.open()
  }

  deselectNode() {
    this.dom.classList.remove('ProseMirror-selectednode')
    if (this.inner) this.close()
  }

  private open() {
    const tooltip = this.dom.appendChild(document.createElement('div'))
    tooltip.className = 'footnote-tooltip'
    tooltip.setAttribute('aria-label', 'Tekst van de voetnoot')
    const outerCommand = (command: typeof undo) => () => command(this.outer.state, this.outer.dispatch)
    this.inner = new EditorView(tooltip, {
      state: EditorState.create({
        doc: this.node,
        plugins: [
          keymap({
            'Mod-z': outerCommand(undo),
            'Mod-y': outerCommand(redo),
            'Mod-Shift-z': outerCommand(redo),
            'Mod-b': toggleMark(schema.marks.strong),
            'Mod-i': toggleMark(schema.marks.em),
            'Mod-u': toggleMark(schema.marks.underline),
            Escape: () => {
              this.outer.focus()
              return true
            },
            F7: () => this.spelling?.next() ?? false,
          }),
          spellPlugin,
        ],
      }),
      editable: () => this.outer.editable,
      dispatchTransaction: (tr) => this.dispatchInner(tr),
      handleDOMEvents: {
        mousedown: () => {
          // Keep the outer editor from taking the click back.
          if (this.outer.hasFocus()) this.inner?.focus()
          return false
        },
      },
    })
    if (this.spell && this.outer.editable) this.spelling = startSpelling(this.inner, { ...this.spell, onCount: () => {} })
  }

  focusInner() {
    this.inner?.focus()
  }

  private close() {
    this.spelling?.stop()
    this.spelling = null
    this.inner?.destroy()
    this.inner = null
    this.dom.textContent = ''
  }

  private dispatchInner(tr: Transaction) {
    if (!this.inner) return
    const { state, transactions } = this.inner.state.applyTransaction(tr)
    this.inner.updateState(state)
    this.spelling?.changed(tr)
    if (tr.getMeta('fromOutside')) return
    const pos = this.getPos()
    if (pos === undefined) return
    const outerTr = this.outer.state.tr
    const offset = StepMap.offset(pos + 1)
    for (const t of transactions) for (const step of t.steps) outerTr.step(step.map(offset)!)
    if (outerTr.docChanged) this.outer.dispatch(outerTr)
  }

  update(node: PMNode) {
    if (!node.sameMarkup(this.node)) return false
    this.node = node
    this.dom.title = node.textContent || 'Lege voetnoot'
    if (this.inner) {
      const state = this.inner.state
      const start = node.content.findDiffStart(state.doc.content)
      if (start != null) {
        let { a: endA, b: endB } = node.content.findDiffEnd(state.doc.content)!
        const overlap = start - Math.min(endA, endB)
        if (overlap > 0) {
          endA += overlap
          endB += overlap
        }
        this.inner.dispatch(state.tr.replace(start, endB, node.slice(start, endA)).setMeta('fromOutside', true))
      }
    }
    return true
  }

  destroy() {
    if (this.inner) this.close()
  }

  stopEvent(event: Event) {
    return !!this.inner && this.inner.dom.contains(event.target as Node)
  }

  ignoreMutation() {
    return true
  }
}
