// The comment margin: one card per thread, level with the text it is about
// (as in Word), detached threads ("losgeraakt") at the bottom with the text
// they were about. Cards and text select each other; filters by
// organisation, open/resolved and "only in this version".
import { TextSelection, type EditorState, type Transaction } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import { commentAnchors, contextOf, removeCommentMarkIn, type CommentAnchor } from '../core/comments.js'
import { schema } from '../core/schema.js'
import type { CommentThread, ParaafApi } from '../service/contract.js'
import { h, formatDateTime, modal } from './dom.js'

export interface CommentsPanel {
  element: HTMLElement
  /** Reloads the threads (after a save) and redraws. */
  refresh(): Promise<void>
  /** Re-aligns the cards with their text (after edits, scrolling or resizing). */
  layout(): void
  /** Opens the dialog for a new comment on the selection. */
  addOnSelection(): Promise<void>
  /** Highlights the thread(s) under the cursor. */
  selectionChanged(state: EditorState): void
  /** Shows a thread: its card highlighted and in view, its text selected. */
  focusThread(id: string): void
}

interface Options {
  api: ParaafApi
  id: number
  version?: number
  readOnly: boolean
  view: () => EditorView
  /** The element both the page and the margin scroll in, to measure positions against. */
  container: () => HTMLElement
  /** Saves the draft; resolves to the version the editor is now based on, or null when saving failed. */
  settle: () => Promise<number | null>
  /** Applies a change the service already stored as `version`: not undoable, not saved again. */
  applyStored: (version: number, change: (tr: Transaction) => void) => void
  /** Follows a range through every edit from now on (typing while a request runs moves it). */
  trackRange: (from: number, to: number) => { get(): { from: number; to: number } | null; stop(): void }
}

/** Strips the "Toelichting:" a partner puts above a remark in an e-mail. */
export function cleanPastedRemark(text: string): string {
  return text.replace(/^\s*toelichting\s*:?\s*/i, '').trim()
}

export function createCommentsPanel(o: Options): CommentsPanel {
  let threads: CommentThread[] = []
  let organisations: string[] = []
  let active: string | null = null
  const cards = new Map<string, HTMLElement>()

  const orgFilter = h('select', { 'aria-label': 'Filter op organisatie' }, h('option', { value: '' }, 'Alle organisaties'))
  const statusFilter = h('select', { 'aria-label': 'Filter op status' }, h('option', { value: '' }, 'Open en afgehandeld'), h('option', { value: 'open' }, 'Alleen open'), h('option', { value: 'resolved' }, 'Alleen afgehandeld'))
  const thisVersion = h('input', { type: 'checkbox', 'aria-label': 'Alleen opmerkingen in deze versie' })
  const count = h('span', { className: 'muted', 'data-testid': 'comment-count' })
  const lane = h('div', { className: 'comment-lane', 'data-testid': 'comment-lane' })
  const detached = h('div', { className: 'comment-detached', 'data-testid': 'comment-detached' })
  for (const f of [orgFilter, statusFilter, thisVersion]) f.addEventListener('change', render)
  const element = h('aside', { className: 'comment-margin', 'aria-label': 'Opmerkingen' },
    h('div', { className: 'comment-filters' },
      h('strong', {}, 'Opmerkingen '), count, orgFilter, statusFilter,
      h('label', { className: 'check' }, thisVersion, ' alleen in deze versie')),
    lane, detached)

  const visible = (t: CommentThread) =>
    (!orgFilter.value || t.org === orgFilter.value) &&
    (!statusFilter.value || (statusFilter.value === 'open' ? !t.resolved : t.resolved)) &&
    (!thisVersion.checked || t.anchored)

  async function refresh() {
    const r = await o.api.listComments({ id: o.id, version: o.version })
    if (!r.ok) {
      lane.replaceChildren(h('p', { className: 'error' }, r.error))
      return
    }
    threads = r.value.threads
    organisations = r.value.organisations
    const chosen = orgFilter.value
    orgFilter.replaceChildren(h('option', { value: '' }, 'Alle organisaties'), ...[...new Set(threads.map((t) => t.org).filter(Boolean))].sort().map((org) => h('option', { value: org }, org)))
    orgFilter.value = chosen
    render()
  }

  function anchors(): Map<string, CommentAnchor> {
    return commentAnchors(o.view().state.doc)
  }

  function render() {
    cards.clear()
    const shown = threads.filter(visible)
    const here = anchors()
    const inText = shown.filter((t) => here.has(t.id))
    const lost = shown.filter((t) => !here.has(t.id))
    lane.replaceChildren(...inText.map((t) => card(t, false)))
    detached.replaceChildren(...(lost.length ? [h('h3', {}, `Losgeraakt (${lost.length})`), ...lost.map((t) => card(t, true))] : []))
    count.textContent = `(${shown.length} van ${threads.length})`
    // Without comments the margin takes no room: the page gets the width.
    element.closest('.page-and-margin')?.classList.toggle('no-comments', threads.length === 0)
    layout()
  }

  function card(t: CommentThread, isDetached: boolean): HTMLElement {
    const mine = t.mine
    const replyBox = h('textarea', { rows: 1, placeholder: 'Antwoorden…', 'aria-label': 'Antwoord' })
    const el = h('article', { className: `comment-card${t.resolved ? ' resolved' : ''}${isDetached ? ' detached' : ''}`, 'data-comment': t.id, tabindex: 0 },
      h('header', {}, h('span', { className: 'org' }, t.org || '—'), ' ', h('span', { className: 'author' }, t.author), h('time', { datetime: t.createdAt }, formatDateTime(t.createdAt))),
      isDetached ? h('blockquote', { title: 'De tekst waar deze opmerking over ging' }, `“${t.quote}”`) : '',
      h('p', { className: 'body' }, t.text),
      ...t.replies.map((r) => h('div', { className: 'reply', 'data-comment': r.id },
        h('header', {}, h('span', { className: 'org' }, r.org || '—'), ' ', h('span', { className: 'author' }, r.author), h('time', {}, formatDateTime(r.createdAt))),
        h('p', { className: 'body' }, r.text),
        r.mine ? h('div', { className: 'actions' }, button('Bewerken', () => void edit(r.id, r.text)), button('Verwijderen', () => void remove(r.id, false))) : '')),
      h('div', { className: 'actions' },
        button(t.resolved ? 'Heropenen' : 'Afhandelen', () => void resolve(t)),
        mine ? button('Bewerken', () => void edit(t.id, t.text)) : '',
        mine ? button('Verwijderen', () => void remove(t.id, true)) : '',
        isDetached && !o.readOnly ? button('Koppelen aan selectie', () => void reattach(t.id)) : ''),
      replyBox)
    replyBox.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault()
        void reply(t.id, replyBox.value)
      }
    })
    el.addEventListener('click', (e) => {
      if ((e.target as HTMLElement).closest('button, textarea')) return
      selectText(t.id)
    })
    cards.set(t.id, el)
    if (t.id === active) el.classList.add('active')
    return el
  }

  function button(label: string, run: () => void) {
    return h('button', { type: 'button', onClick: (e: Event) => { e.stopPropagation(); run() } }, label)
  }

  /** Puts each card level with its text, pushing cards down so none overlap. */
  function layout() {
    const view = o.view()
    // Measured against the lane itself: its top moves with the page when scrolling.
    const laneTop = lane.getBoundingClientRect().top
    const here = anchors()
    let bottom = 0
    const placed = [...cards.entries()].filter(([id]) => here.has(id)).map(([id, el]) => {
      let top = 0
      try {
        top = view.coordsAtPos(here.get(id)!.from).top - laneTop
      } catch {
        top = 0
      }
      return { el, top }
    }).sort((a, b) => a.top - b.top)
    for (const { el, top } of placed) {
      const y = Math.max(top, bottom)
      el.style.top = `${y}px`
      bottom = y + el.offsetHeight + 8
    }
    lane.style.height = `${bottom}px`
  }

  function highlight(id: string | null) {
    active = id
    for (const [cid, el] of cards) el.classList.toggle('active', cid === id)
    o.view().dom.querySelectorAll('.comment.active').forEach((n) => n.classList.remove('active'))
    if (id) o.view().dom.querySelectorAll(`.comment[data-comment="${id}"]`).forEach((n) => n.classList.add('active'))
  }

  function selectText(id: string) {
    const a = anchors().get(id)
    highlight(id)
    if (!a) return
    const view = o.view()
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, a.from, a.to)).scrollIntoView())
    view.focus()
  }

  async function addOnSelection() {
    const view = o.view()
    const { from, to, empty } = view.state.selection
    if (empty || o.readOnly) return
    const anchor = contextOf(view.state.doc, from, to)
    if (!anchor.quote.trim()) return
    const settings = await o.api.getSettings()
    const orgInput = h('input', { type: 'text', name: 'org', list: 'paraaf-orgs', maxlength: 100, placeholder: 'bijv. FIOD, Politie, OM' })
    orgInput.value = settings.ok ? (settings.value.org ?? '') : ''
    const body = h('textarea', { name: 'text', rows: 6, placeholder: 'Opmerking (een geplakte "Toelichting:" wordt als opmerking overgenomen)' })
    body.addEventListener('paste', (e) => {
      const text = e.clipboardData?.getData('text/plain')
      if (!text || body.value.trim()) return
      e.preventDefault()
      body.value = cleanPastedRemark(text)
    })
    const form = h('div', { className: 'comment-form' },
      h('p', { className: 'quote' }, `Bij: “${anchor.quote.length > 160 ? anchor.quote.slice(0, 157) + '…' : anchor.quote}”`),
      h('label', {}, 'Organisatie', orgInput, h('datalist', { id: 'paraaf-orgs' }, ...organisations.map((org) => h('option', { value: org })))),
      h('label', {}, 'Opmerking', body),
      h('p', { className: 'muted' }, `Als ${settings.ok ? settings.value.author : ''}`))
    // The selection is followed through whatever happens while the dialog and the save run.
    const range = o.trackRange(from, to)
    try {
      const values = await modal('Opmerking toevoegen', form, 'Toevoegen', () => {
        const text = cleanPastedRemark(body.value)
        if (!text) throw new Error('Schrijf een opmerking.')
        return { text, org: orgInput.value.trim() }
      })
      if (!values) return
      const base = await o.settle()
      if (base === null) return void alertInPanel('De opmerking is niet toegevoegd: de tekst kon niet worden opgeslagen.')
      const at = range.get()
      if (!at) return void alertInPanel('De geselecteerde tekst is intussen verwijderd; de opmerking is niet toegevoegd.')
      const result = await o.api.addComment({ id: o.id, base, from: at.from, to: at.to, text: values.text, org: values.org })
      if (!result.ok) return void alertInPanel(result.error)
      // The service stored the mark; the editor shows it where the range is now.
      const now = range.get()
      const mark = schema.marks.comment.create({ id: result.value.commentId })
      o.applyStored(result.value.version, (tr) => { if (now) tr.addMark(now.from, now.to, mark) })
      active = result.value.commentId
      await refresh()
    } finally {
      range.stop()
    }
  }

  async function reply(id: string, text: string) {
    if (!text.trim()) return
    const r = await o.api.replyComment({ commentId: id, text: text.trim() })
    if (!r.ok) return alertInPanel(r.error)
    await refresh()
  }

  async function resolve(t: CommentThread) {
    const r = await o.api.setCommentResolved({ commentId: t.id, resolved: !t.resolved })
    if (!r.ok) return alertInPanel(r.error)
    await refresh()
  }

  async function edit(id: string, text: string) {
    const box = h('textarea', { rows: 6, name: 'text' })
    box.value = text
    const value = await modal('Opmerking bewerken', h('label', {}, 'Opmerking', box), 'Opslaan', () => {
      if (!box.value.trim()) throw new Error('Een opmerking kan niet leeg zijn; verwijder haar anders.')
      return box.value.trim()
    })
    if (!value) return
    const r = await o.api.editComment({ commentId: id, text: value })
    if (!r.ok) return alertInPanel(r.error)
    await refresh()
  }

  async function remove(id: string, isThread: boolean) {
    const sure = await modal('Opmerking verwijderen', h('p', {}, isThread ? 'De opmerking en alle antwoorden worden verwijderd. Eerdere versies houden haar plaats in de tekst.' : 'Dit antwoord wordt verwijderd.'), 'Verwijderen', () => true)
    if (!sure) return
    const base = isThread && !o.readOnly ? await o.settle() : undefined
    if (base === null) return alertInPanel('De opmerking is niet verwijderd: de tekst kon niet worden opgeslagen.')
    const r = await o.api.deleteComment({ commentId: id, base })
    if (!r.ok) return alertInPanel(r.error)
    // The service removed the mark in a new version; the editor follows.
    if (r.value.version !== null && !o.readOnly) {
      o.applyStored(r.value.version, (tr) => void removeCommentMarkIn(tr, id))
    }
    await refresh()
  }

  async function reattach(id: string) {
    const view = o.view()
    const { from, to, empty } = view.state.selection
    if (empty) return alertInPanel('Selecteer eerst de tekst waar deze opmerking bij hoort.')
    view.dispatch(view.state.tr.addMark(from, to, schema.marks.comment.create({ id })))
    active = id
    render()
  }

  function alertInPanel(message: string) {
    const note = h('p', { className: 'error', role: 'alert' }, message)
    element.prepend(note)
    setTimeout(() => note.remove(), 6000)
  }

  function selectionChanged(state: EditorState) {
    const { $from } = state.selection
    const marks = state.selection.empty ? $from.marks() : (state.doc.nodeAt(state.selection.from)?.marks ?? [])
    const mark = marks.find((m) => m.type === schema.marks.comment)
    if (mark && mark.attrs.id !== active) highlight(mark.attrs.id)
  }

  function focusThread(id: string) {
    selectText(id)
    cards.get(id)?.scrollIntoView({ block: 'center' })
  }

  return { element, refresh, layout, addOnSelection, selectionChanged, focusThread }
}
