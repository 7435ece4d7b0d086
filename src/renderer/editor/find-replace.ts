// Find and replace in the editor, as in Word: Ctrl+F finds, Ctrl+H replaces.
// Every occurrence is highlighted, the current one more strongly; Enter goes
// to the next, Shift+Enter to the previous, Escape closes and returns to the
// text. Case and accents do not matter ("een" finds "één"), as in search.
import { Plugin, PluginKey, TextSelection, type Transaction } from 'prosemirror-state'
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view'
import type { Node as PMNode } from 'prosemirror-model'
import { h } from '../dom.js'

export interface Match { from: number; to: number }

/** A character as find compares it: lower case, without accents; one character in, one out. */
const fold = (c: string) => c.normalize('NFD').replace(/\p{M}+/gu, '').toLocaleLowerCase('nl').slice(0, 1) || c

/**
 * Every occurrence of `needle` in the text of `doc`, block by block (a match
 * never spans two paragraphs; footnotes are searched as their own text).
 */
export function findAll(doc: PMNode, needle: string, limit = 10_000): Match[] {
  const want = [...needle].map(fold).join('')
  if (!want) return []
  const out: Match[] = []
  doc.descendants((node, pos) => {
    if (out.length >= limit) return false
    if (!node.isTextblock && node.type.name !== 'footnote') return true
    // The block's text with the document position of each character.
    let text = ''
    const at: number[] = []
    node.forEach((child, offset) => {
      if (child.isText) {
        for (let i = 0; i < child.text!.length; i++) {
          text += fold(child.text![i])
          at.push(pos + 1 + offset + i)
        }
      } else {
        text += '\u0000' // an inline node (a footnote, a break) is no text to match across
        at.push(-1)
      }
    })
    for (let i = text.indexOf(want); i >= 0 && out.length < limit; i = text.indexOf(want, i + want.length)) {
      out.push({ from: at[i], to: at[i + want.length - 1] + 1 })
    }
    return node.type.name === 'footnote' ? false : true
  })
  return out.sort((x, y) => x.from - y.from)
}

interface FindState { matches: Match[]; current: number }
export const findKey = new PluginKey<FindState>('find')

/** Highlights the matches the find bar sets (`tr.setMeta(findKey, state)`), following edits. */
export const findPlugin = new Plugin<FindState>({
  key: findKey,
  state: {
    init: () => ({ matches: [], current: -1 }),
    apply(tr, value) {
      const set = tr.getMeta(findKey) as FindState | undefined
      if (set) return set
      if (!tr.docChanged || !value.matches.length) return value
      return { ...value, matches: value.matches.map((m) => ({ from: tr.mapping.map(m.from, 1), to: tr.mapping.map(m.to, -1) })).filter((m) => m.from < m.to) }
    },
  },
  props: {
    decorations(state) {
      const { matches, current } = findKey.getState(state)!
      if (!matches.length) return null
      return DecorationSet.create(state.doc, matches.map((m, i) => Decoration.inline(m.from, m.to, { class: i === current ? 'find-hit current' : 'find-hit' })))
    },
  },
})

/** The find bar over the editor: returns its element and a function that opens it (replace: with the replace field). */
export function createFindBar(view: () => EditorView, options: { readOnly: boolean }): { element: HTMLElement; open(replace: boolean): void } {
  const input = h('input', { type: 'search', 'aria-label': 'Zoeken in de tekst', placeholder: 'Zoeken…', maxlength: 200 })
  const replacement = h('input', { type: 'text', 'aria-label': 'Vervangen door', placeholder: 'Vervangen door…', maxlength: 200 })
  const count = h('span', { className: 'find-count', role: 'status', 'data-testid': 'find-count' })
  const replaceRow = h('span', { className: 'replace-row' },
    replacement,
    h('button', { type: 'button', onClick: () => replaceCurrent() }, 'Vervangen'),
    h('button', { type: 'button', onClick: () => replaceAll() }, 'Alles vervangen'))
  const element = h('div', { className: 'find-bar', role: 'search', 'aria-label': 'Zoeken en vervangen', hidden: true },
    input,
    h('button', { type: 'button', 'aria-label': 'Vorige (Shift+Enter)', onClick: () => step(-1) }, '↑'),
    h('button', { type: 'button', 'aria-label': 'Volgende (Enter)', onClick: () => step(1) }, '↓'),
    count, replaceRow,
    h('button', { type: 'button', className: 'link', 'aria-label': 'Zoeken sluiten (Escape)', onClick: () => close() }, '✕'))

  const state = (): FindState => findKey.getState(view().state) ?? { matches: [], current: -1 }
  const show = (s: FindState, tr: Transaction = view().state.tr) => {
    const m = s.matches[s.current]
    if (m) tr.setSelection(TextSelection.create(tr.doc, m.from, m.to)).scrollIntoView()
    view().dispatch(tr.setMeta(findKey, s))
    count.textContent = !input.value ? '' : s.matches.length ? `${s.current + 1} van ${s.matches.length}` : 'Niet gevonden'
  }
  /** Matches from the selection on: the first one at or after it becomes current. */
  const search = () => {
    const matches = findAll(view().state.doc, input.value)
    const from = view().state.selection.from
    const first = matches.findIndex((m) => m.from >= from)
    show({ matches, current: matches.length ? (first < 0 ? 0 : first) : -1 })
  }
  const step = (by: number) => {
    const s = state()
    if (!s.matches.length) return search()
    show({ ...s, current: (s.current + by + s.matches.length) % s.matches.length })
  }
  const replaceCurrent = () => {
    const s = state()
    const m = s.matches[s.current]
    if (!m || options.readOnly) return
    const tr = view().state.tr.insertText(replacement.value, m.from, m.to)
    view().dispatch(tr)
    // The next occurrence after the replaced one.
    const matches = findAll(view().state.doc, input.value)
    const after = tr.mapping.map(m.to)
    const next = matches.findIndex((x) => x.from >= after)
    show({ matches, current: matches.length ? (next < 0 ? 0 : next) : -1 })
  }
  const replaceAll = () => {
    const s = state()
    if (!s.matches.length || options.readOnly) return
    const tr = view().state.tr
    // Back to front, so earlier positions stay valid; one step to undo.
    for (const m of [...s.matches].reverse()) tr.insertText(replacement.value, m.from, m.to)
    view().dispatch(tr)
    const n = s.matches.length
    show({ matches: [], current: -1 })
    count.textContent = `${n} keer vervangen`
  }
  const close = () => {
    element.hidden = true
    show({ matches: [], current: -1 })
    count.textContent = ''
    view().focus()
  }
  input.addEventListener('input', search)
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault()
      step(e.shiftKey ? -1 : 1)
    }
  })
  replacement.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault()
      replaceCurrent()
    }
  })
  element.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault()
      close()
    }
  })

  return {
    element,
    open(replace) {
      element.hidden = false
      replaceRow.hidden = !replace || options.readOnly
      // The selected words are what one looks for, as in Word.
      const { from, to, empty } = view().state.selection
      const selected = empty ? '' : view().state.doc.textBetween(from, to, ' ')
      if (selected && selected.length <= 200 && !selected.includes('\n')) input.value = selected
      ;(replace && input.value ? replacement : input).focus()
      input.select()
      if (input.value) search()
    },
  }
}

/** Whether a key event opens find (Ctrl+F) or replace (Ctrl+H). */
export function findShortcut(e: KeyboardEvent): 'find' | 'replace' | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return null
  const key = e.key.toLowerCase()
  return key === 'f' ? 'find' : key === 'h' ? 'replace' : null
}

