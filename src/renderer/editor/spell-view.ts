// Spell check in the editor, offline and in Dutch: misspelled words get a
// red wavy underline (as in Word), a right-click or F7 on one offers the
// dictionary's suggestions, "Alles negeren" and "Toevoegen aan woordenlijst".
// The dictionary lives in the service (src/spell); the page only asks about
// words it has not asked about before, a moment after the user stops typing,
// so a keystroke never waits for it. The underlines are decorations: they
// move with the text between checks and are never part of the document.
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from 'prosemirror-state'
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view'
import type { Node as PMNode } from 'prosemirror-model'
import { runOf, wordsToCheck } from '../../core/spelling.js'

interface Range { from: number; to: number }
interface SpellState {
  set: DecorationSet
  /** Where the text changed since the last check ('all': check everything). */
  dirty: Range[] | 'all'
  /** The word being typed: left alone until the caret leaves it. */
  waiting: Range | null
}
interface SpellMeta {
  set?: DecorationSet
  /** What is left to check (replaces the list). */
  dirty?: Range[]
  /** More to check. */
  addDirty?: Range[] | 'all'
  waiting?: Range | null
}

export const spellKey = new PluginKey<SpellState>('spelling')

const mapRange = (tr: Transaction, r: Range): Range => ({ from: tr.mapping.map(r.from, -1), to: tr.mapping.map(r.to, 1) })

/** Holds the underlines and what still has to be checked. */
export const spellPlugin = new Plugin<SpellState>({
  key: spellKey,
  state: {
    init: () => ({ set: DecorationSet.empty, dirty: [], waiting: null }),
    apply(tr, prev): SpellState {
      let { set, dirty, waiting } = prev
      if (tr.docChanged) {
        set = set.map(tr.mapping, tr.doc)
        waiting = waiting && mapRange(tr, waiting)
        if (dirty !== 'all') {
          const changed = dirty.map((r) => mapRange(tr, r))
          tr.mapping.maps.forEach((map, i) => {
            const after = tr.mapping.slice(i + 1)
            map.forEach((_oldFrom, _oldTo, from, to) => changed.push({ from: after.map(from, -1), to: after.map(to, 1) }))
          })
          // Long typing without a pause: one range over all, so each keystroke stays cheap.
          dirty = changed.length > 32 ? [{ from: Math.min(...changed.map((r) => r.from)), to: Math.max(...changed.map((r) => r.to)) }] : changed
        }
      }
      const meta = tr.getMeta(spellKey) as SpellMeta | undefined
      if (meta) {
        if (meta.set) set = meta.set
        if (meta.dirty) dirty = meta.dirty
        if (meta.addDirty) dirty = meta.addDirty === 'all' || dirty === 'all' ? 'all' : [...dirty, ...meta.addDirty]
        if (meta.waiting !== undefined) waiting = meta.waiting
      }
      return { set, dirty, waiting }
    },
  },
  props: { decorations: (state: EditorState) => spellKey.getState(state)?.set },
})

export interface SpellOptions {
  /** The keys the dictionary does not accept, of those given (null: the check is not available). */
  check: (keys: string[]) => Promise<string[] | null>
  suggest: (word: string) => Promise<string[] | null>
  /** Adds a word to the user's list; resolves false when that failed. */
  addWord: (word: string) => Promise<boolean>
  onCount: (count: number) => void
}

/** One textblock to check: its run of text and where it stands. */
interface Block { from: number; to: number; node: PMNode }

/** The textblocks that overlap `ranges` (every one for 'all'), in order. */
function blocksIn(doc: PMNode, ranges: Range[] | 'all'): Block[] {
  // A footnote's own small editor: its document is the footnote, one run of text.
  if (doc.inlineContent) return [{ from: -1, to: doc.content.size + 1, node: doc }]
  const blocks: Block[] = []
  const add = (from: number, to: number) => doc.nodesBetween(Math.max(0, from), Math.min(doc.content.size, to), (node, pos) => {
    if (!node.isTextblock) return true
    if (!blocks.length || blocks[blocks.length - 1].from < pos) blocks.push({ from: pos, to: pos + node.nodeSize, node })
    return false
  })
  if (ranges === 'all') add(0, doc.content.size)
  else for (const r of [...ranges].sort((a, b) => a.from - b.from)) add(r.from, Math.max(r.to, r.from + 1))
  return blocks.sort((a, b) => a.from - b.from).filter((b, i, all) => i === 0 || all[i - 1].from !== b.from)
}

const BATCH = 2_000

/** Starts checking `view`; the returned handle stops it and answers F7. */
export function startSpelling(view: EditorView, o: SpellOptions) {
  /** What the dictionary said about each key asked so far (true: right). */
  const verdict = new Map<string, boolean>()
  let timer: ReturnType<typeof setTimeout> | null = null
  let running = false
  let again = false
  let stopped = false
  let available = true
  let menu: HTMLElement | null = null

  const state = () => spellKey.getState(view.state)!

  function schedule(delay = 400) {
    if (stopped || !available) return
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => void run(), delay)
  }

  /** Checks what changed: asks the service about new words, then underlines from the answers. */
  async function run() {
    timer = null
    if (running) { again = true; return }
    running = true
    try {
      // Ask until every word of the changed blocks has an answer (text typed meanwhile included).
      for (let round = 0; round < 5 && !stopped; round++) {
        const s = state()
        const unknown = new Set<string>()
        for (const block of blocksIn(view.state.doc, s.dirty)) for (const w of wordsToCheck(runOf(block.node, block.from + 1).text)) if (!verdict.has(w.key)) unknown.add(w.key)
        if (!unknown.size) break
        const keys = [...unknown]
        for (let i = 0; i < keys.length && !stopped; i += BATCH) {
          const batch = keys.slice(i, i + BATCH)
          const wrong = await o.check(batch)
          if (!wrong) { available = false; return }
          const bad = new Set(wrong)
          for (const k of batch) verdict.set(k, !bad.has(k))
        }
      }
      if (!stopped) underline()
    } catch {
      // The service did not answer (a hiccup of the connection): try again in a while, nothing lost.
      again = false
      running = false
      schedule(5_000)
      return
    } finally {
      running = false
      if (again && !stopped) { again = false; schedule(50) }
    }
  }

  /** Redraws the underlines of the changed blocks from the answers known (synchronous: on the current text). */
  function underline() {
    const s = state()
    const doc = view.state.doc
    const head = view.hasFocus() ? view.state.selection.head : -1
    let set = s.set
    let waiting: Range | null = null
    const blocks = blocksIn(doc, s.dirty)
    const added: Decoration[] = []
    const stillDirty: Range[] = []
    for (const block of blocks) {
      set = set.remove(set.find(block.from, block.to))
      const run = runOf(block.node, block.from + 1)
      for (const w of wordsToCheck(run.text)) {
        const right = verdict.get(w.key)
        if (right === undefined) { stillDirty.push({ from: block.from, to: block.to }); continue }
        if (right) continue
        const from = run.at(w.from)
        const to = run.at(w.to - 1) + 1
        // The word being typed is judged when the caret leaves it, as in Word.
        if (s.dirty !== 'all' && head >= from && head <= to) { waiting = { from, to }; continue }
        added.push(Decoration.inline(from, to, { class: 'spell-error' }, { word: w.word, key: w.key }))
      }
    }
    set = set.add(doc, added)
    view.dispatch(view.state.tr.setMeta(spellKey, { set, dirty: stillDirty, waiting } satisfies SpellMeta).setMeta('addToHistory', false))
    o.onCount(set.find().length)
    if (stillDirty.length) schedule(50)
  }

  /** Called by the editor after each transaction. */
  function changed(tr: Transaction) {
    if (stopped) return
    if (tr.getMeta(spellKey)) return
    if (tr.docChanged) { schedule(); return }
    const w = state().waiting
    if (w && tr.selectionSet) {
      const head = view.state.selection.head
      if (head < w.from || head > w.to) {
        view.dispatch(view.state.tr.setMeta(spellKey, { addDirty: [w], waiting: null } satisfies SpellMeta).setMeta('addToHistory', false))
        schedule(0)
      }
    }
  }

  /** The underline at `pos`, if any. */
  function errorAt(pos: number): { from: number; to: number; word: string; key: string } | null {
    const found = state().set.find(pos, pos, (spec: { word?: string }) => typeof spec.word === 'string')
    const d = found.find((x) => x.from <= pos && pos <= x.to)
    return d ? { from: d.from, to: d.to, word: (d.spec as { word: string }).word, key: (d.spec as { key: string }).key } : null
  }

  function closeMenu(refocus: boolean) {
    if (!menu) return
    menu.remove()
    menu = null
    document.removeEventListener('mousedown', outside, true)
    if (refocus) view.focus()
  }
  const outside = (event: MouseEvent) => { if (menu && !menu.contains(event.target as Node)) closeMenu(false) }

  /** Checks (and underlines) the whole text again, from the answers known and new ones. */
  function recheckAll() {
    view.dispatch(view.state.tr.setMeta(spellKey, { addDirty: 'all', waiting: null } satisfies SpellMeta).setMeta('addToHistory', false))
    schedule(0)
  }

  /** The menu of suggestions for the misspelling at `error`, at screen point (x, y). */
  function openMenu(error: { from: number; to: number; word: string; key: string }, x: number, y: number) {
    closeMenu(false)
    const items: HTMLButtonElement[] = []
    const item = (label: string, act: () => void | Promise<void>, className = '') => {
      const b = document.createElement('button')
      b.type = 'button'
      b.setAttribute('role', 'menuitem')
      b.tabIndex = -1
      b.textContent = label
      if (className) b.className = className
      b.addEventListener('click', () => { closeMenu(true); void act() })
      items.push(b)
      return b
    }
    const el = document.createElement('div')
    el.className = 'spell-menu'
    el.setAttribute('role', 'menu')
    el.setAttribute('aria-label', `Spelling: ${error.word}`)
    el.dataset.testid = 'spell-menu'
    const pending = document.createElement('div')
    pending.className = 'muted'
    pending.setAttribute('role', 'none')
    pending.textContent = 'Suggesties zoeken…'
    const suggestions = document.createElement('div')
    suggestions.setAttribute('role', 'group')
    suggestions.setAttribute('aria-label', 'Suggesties')
    suggestions.append(pending)
    const replace = (s: string) => {
      // The text may have moved meanwhile: find the underline again.
      const now = errorAt(error.from) ?? errorAt(error.to)
      if (!now || now.word !== error.word) return
      view.dispatch(view.state.tr.insertText(s, now.from, now.to).scrollIntoView())
    }
    const ignore = item('Alles negeren', () => {
      verdict.set(error.key, true)
      recheckAll()
    })
    const add = item('Toevoegen aan woordenlijst', async () => {
      if (!(await o.addWord(error.word))) return
      for (const key of [...verdict.keys()]) if (key === error.word || key === error.word + '.' || key.split('-').includes(error.word)) verdict.delete(key)
      recheckAll()
    })
    const separator = document.createElement('hr')
    separator.setAttribute('role', 'separator')
    el.append(suggestions, separator, ignore, add)
    el.addEventListener('keydown', (event) => {
      const at = items.indexOf(document.activeElement as HTMLButtonElement)
      if (event.key === 'Escape') { event.preventDefault(); closeMenu(true) }
      else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault()
        const next = (at + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length
        items[next]?.focus()
      } else if (event.key === 'Tab') { event.preventDefault(); closeMenu(true) }
    })
    document.body.append(el)
    const box = el.getBoundingClientRect()
    el.style.left = `${Math.max(4, Math.min(x, window.innerWidth - box.width - 4))}px`
    el.style.top = `${Math.max(4, Math.min(y, window.innerHeight - box.height - 4))}px`
    menu = el
    document.addEventListener('mousedown', outside, true)
    ignore.focus()
    void o.suggest(error.word).then((found) => {
      if (menu !== el) return
      const buttons = (found ?? []).map((s) => item(s, () => replace(s), 'suggestion'))
      // Suggestions come first in the keyboard order, as in the menu.
      items.splice(0, items.length, ...buttons, ignore, add)
      if (buttons.length) suggestions.replaceChildren(...buttons)
      else pending.textContent = found ? 'Geen suggesties' : 'Suggesties niet beschikbaar'
      const box2 = el.getBoundingClientRect()
      el.style.top = `${Math.max(4, Math.min(y, window.innerHeight - box2.height - 4))}px`
      if (buttons.length && document.activeElement === ignore) buttons[0].focus()
    })
  }

  const onContextMenu = (event: MouseEvent) => {
    const at = view.posAtCoords({ left: event.clientX, top: event.clientY })
    const error = at && errorAt(at.pos)
    if (!error) return
    event.preventDefault()
    openMenu(error, event.clientX, event.clientY)
  }
  view.dom.addEventListener('contextmenu', onContextMenu)

  /** F7: the next misspelling after the caret (from the start after the last), selected, with its menu. */
  function next(): boolean {
    const all = state().set.find().sort((a, b) => a.from - b.from)
    if (!all.length) return false
    const head = view.state.selection.to
    const d = all.find((x) => x.from >= head) ?? all[0]
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, d.from, d.to)).scrollIntoView())
    view.focus()
    const coords = view.coordsAtPos(d.from)
    const spec = d.spec as { word: string; key: string }
    openMenu({ from: d.from, to: d.to, word: spec.word, key: spec.key }, coords.left, coords.bottom + 2)
    return true
  }

  // The first check waits until the page has settled: opening a document is not slowed by the dictionary loading.
  view.dispatch(view.state.tr.setMeta(spellKey, { addDirty: 'all' } satisfies SpellMeta).setMeta('addToHistory', false))
  schedule(300)
  return {
    changed,
    next,
    stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      closeMenu(false)
      view.dom.removeEventListener('contextmenu', onContextMenu)
    },
  }
}
