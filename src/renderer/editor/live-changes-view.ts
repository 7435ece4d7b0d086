// "Wijzigingen tonen" in the editor: the draft as a redline against a base
// version the user picks, updated as they type (a moment after each pause),
// each change attributed to the version (author, time) that brought it in,
// and accepted or rejected right there with a click. The redline is only
// decorations: the text itself is the draft, and rejecting a change is an
// ordinary edit (undoable, saved like any other).
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state'
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view'
import type { Node as PMNode } from 'prosemirror-model'
import { liveChanges, type LiveChange } from '../../core/live-changes.js'

export const liveKey = new PluginKey<DecorationSet>('liveChanges')

/** Holds the redline's decorations; they move with the text between recomputations. */
export const livePlugin = new Plugin<DecorationSet>({
  key: liveKey,
  state: {
    init: () => DecorationSet.empty,
    apply(tr, set) {
      const next = tr.getMeta(liveKey) as DecorationSet | undefined
      return next ?? set.map(tr.mapping, tr.doc)
    },
  },
  props: { decorations: (state: EditorState) => liveKey.getState(state) },
})

export interface Attribution { version: number; author: string; createdAt: string }

export interface LiveOptions {
  /** Finds who brought each change in (the service); resolves null for each one not saved yet. */
  attribute: (changes: LiveChange[]) => Promise<(Attribution | null)[] | null>
  /** Asks the user what to do with a change. */
  decide: (change: LiveChange, who: Attribution | null) => Promise<'accept' | 'reject' | null>
  formatWhen: (iso: string) => string
  onCount: (count: number) => void
}

const keyOf = (c: LiveChange) => `${c.kind}\u0000${c.before}\u0000${c.text}\u0000${c.after}`

/** The redline against `base` over `view`, until `stop()`. */
export function showLiveChanges(view: EditorView, base: PMNode, o: LiveOptions) {
  let changes: LiveChange[] = []
  const who = new Map<string, Attribution | null>()
  const accepted = new Set<string>()
  let timer: ReturnType<typeof setTimeout> | null = null
  let attributeTimer: ReturnType<typeof setTimeout> | null = null
  let stopped = false

  const title = (c: LiveChange) => {
    const a = who.get(keyOf(c))
    const what = c.kind === 'ins' ? 'Ingevoegd' : 'Verwijderd'
    const by = a ? ` door ${a.author}, ${o.formatWhen(a.createdAt)} (versie ${a.version})` : who.has(keyOf(c)) ? ' (nog niet opgeslagen)' : ''
    return `${what}${by}. Klik om te accepteren of te weigeren.`
  }

  function draw() {
    if (stopped) return
    const decorations: Decoration[] = []
    changes.forEach((c, i) => {
      const a = who.get(keyOf(c))
      const attrs = { class: c.kind === 'ins' ? 'live-ins' : 'live-del', 'data-live': String(i), title: title(c), ...(a ? { 'data-author': a.author } : {}) }
      if (c.kind === 'ins') for (const r of c.ranges) decorations.push(Decoration.inline(r.from, r.to, attrs))
      else {
        const at = Math.min(c.ranges[0].from, view.state.doc.content.size)
        decorations.push(Decoration.widget(at, () => {
          const span = document.createElement('span')
          for (const [k, v] of Object.entries(attrs)) span.setAttribute(k, v)
          span.textContent = c.text
          return span
        }, { side: -1, key: `del-${i}-${c.text.length}-${a?.version ?? 0}`, ignoreSelection: true }))
      }
    })
    view.dispatch(view.state.tr.setMeta(liveKey, DecorationSet.create(view.state.doc, decorations)).setMeta('addToHistory', false))
    o.onCount(changes.length)
  }

  function recompute() {
    timer = null
    if (stopped) return
    changes = liveChanges(base, view.state.doc).filter((c) => !accepted.has(keyOf(c)))
    draw()
    if (attributeTimer) clearTimeout(attributeTimer)
    attributeTimer = setTimeout(() => void attributeNow(), 800)
  }

  async function attributeNow() {
    attributeTimer = null
    const open = changes.filter((c) => !who.has(keyOf(c)) || who.get(keyOf(c)) === null)
    if (!open.length || stopped) return
    const found = await o.attribute(open.slice(0, 500))
    if (!found || stopped) return
    open.slice(0, 500).forEach((c, i) => who.set(keyOf(c), found[i]))
    draw()
  }

  async function onClick(event: MouseEvent) {
    const target = (event.target as HTMLElement | null)?.closest<HTMLElement>('[data-live]')
    if (!target || stopped) return
    const change = changes[Number(target.dataset.live)]
    if (!change) return
    event.preventDefault()
    const choice = await o.decide(change, who.get(keyOf(change)) ?? null)
    if (!choice || stopped) return
    if (choice === 'accept') {
      accepted.add(keyOf(change))
      recompute()
      return
    }
    // Rejecting: an insertion goes, a deletion comes back where it was.
    const tr = view.state.tr
    if (change.kind === 'ins') for (const r of [...change.ranges].reverse()) tr.delete(r.from, r.to)
    else tr.insertText(change.text, change.ranges[0].from)
    view.dispatch(tr)
    view.focus()
  }
  view.dom.addEventListener('click', onClick)

  recompute()
  return {
    /** The text changed: the redline follows a moment later. */
    changed() {
      if (timer) clearTimeout(timer)
      timer = setTimeout(recompute, 300)
    },
    /** A version was saved: what was "not saved yet" may now have its author. */
    saved() {
      for (const [k, v] of who) if (v === null) who.delete(k)
      if (!attributeTimer) attributeTimer = setTimeout(() => void attributeNow(), 300)
    },
    stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      if (attributeTimer) clearTimeout(attributeTimer)
      view.dom.removeEventListener('click', onClick)
      view.dispatch(view.state.tr.setMeta(liveKey, DecorationSet.empty).setMeta('addToHistory', false))
      o.onCount(0)
    },
  }
}
