// Woo in the editor: marking a passage for redaction with its ground (the
// toolbar's "Lakken"), the redactions of the draft with "Opheffen", the
// suggestions Paraaf finds (accepted or declined one by one: nothing is
// redacted without the user), and "Publicatieversie maken" as PDF or Word.
// Marks are set in the editor's own transaction (one undo step) and saved
// with the draft like any edit.
import type { EditorView } from 'prosemirror-view'
import { listRedactions, passageRanges, redactionRanges } from '../core/redaction.js'
import { schema } from '../core/schema.js'
import { WOO_GROUNDS } from '../core/woo.js'
import type { ParaafApi } from '../service/contract.js'
import { choose, downloadFile, h, modal } from './dom.js'
import { busy, CANCELLED } from './busy.js'

export interface WooPanelOptions {
  api: ParaafApi
  id: number
  view: () => EditorView
  readOnly: boolean
  /** The version shown when it is not the latest (publishing that one). */
  version?: number
  /** Saves the draft first; false when it could not be saved. */
  saveFirst: () => Promise<boolean>
  /** A publication wrote `version` from `source`: the editor's base moves to it when it was the base. */
  published: (version: number, source: number) => Promise<void>
  notify: (message: string, isError?: boolean) => void
}

const LAST_GROUND = 'paraaf.wooGrond'
const declinedKey = (id: number) => `paraaf.woo.afgewezen.${id}`

/** A list of the Woo grounds, with their descriptions, `selected` chosen. */
export function groundSelect(selected: string): HTMLSelectElement {
  const select = h('select', { name: 'ground' })
  for (const [ground, description] of Object.entries(WOO_GROUNDS)) {
    const option = h('option', { value: ground }, `${ground} – ${description}`)
    option.selected = ground === selected
    select.append(option)
  }
  return select
}

/** The redaction at the selection, if the whole selection lies in one. */
export function redactionAt(view: EditorView): string | null {
  const { from, to, empty } = view.state.selection
  if (empty) return view.state.selection.$from.marks().find((m) => m.type === schema.marks.redaction)?.attrs.ground ?? null
  let ground: string | null | undefined
  view.state.doc.nodesBetween(from, to, (node) => {
    if (!node.isText) return true
    const g = node.marks.find((m) => m.type === schema.marks.redaction)?.attrs.ground ?? null
    ground = ground === undefined || ground === g ? g : null
    return false
  })
  return ground ?? null
}

export function createWooPanel(o: WooPanelOptions) {
  const list = h('ul', { className: 'woo-list', 'data-testid': 'woo-redactions' })
  const summary = h('p', { className: 'woo-summary muted' })
  const suggestions = h('ul', { className: 'woo-suggestions', 'data-testid': 'woo-suggestions' })

  /** Sets the marks over `ranges` in one step. */
  function mark(ranges: { from: number; to: number }[], ground: string) {
    const view = o.view()
    const tr = view.state.tr
    const m = schema.marks.redaction.create({ ground })
    for (const r of ranges) tr.addMark(r.from, r.to, m)
    view.dispatch(tr.scrollIntoView())
    refresh()
  }

  function unmark(quote: string) {
    const view = o.view()
    const tr = view.state.tr
    for (const r of passageRanges(view.state.doc, quote)) tr.removeMark(r.from, r.to, schema.marks.redaction)
    view.dispatch(tr)
    refresh()
  }

  /** "Lakken": the selection (and with "Alle voorkomens" every occurrence of its text) on a ground the user picks. */
  async function redactSelection() {
    if (o.readOnly) return
    const view = o.view()
    const { from, to, empty } = view.state.selection
    const current = redactionAt(view)
    if (current) {
      const what = await choose('Gelakte passage', `Deze passage wordt bij publicatie gelakt op grond van ${current} (${WOO_GROUNDS[current]}).`, [['remove', 'Lakking opheffen'], ['keep', 'Laten staan']], 'keep')
      if (what === 'remove') {
        const tr = view.state.tr
        if (empty) {
          const $pos = view.state.selection.$from
          const parentStart = $pos.start()
          // The whole passage the caret is in.
          let start = $pos.pos
          let end = $pos.pos
          $pos.parent.forEach((child, offset) => {
            const a = parentStart + offset
            const b = a + child.nodeSize
            if (a <= $pos.pos && b >= $pos.pos && child.marks.some((m) => m.type === schema.marks.redaction)) { start = Math.min(start, a); end = Math.max(end, b) }
          })
          tr.removeMark(start, end, schema.marks.redaction)
        } else tr.removeMark(from, to, schema.marks.redaction)
        view.dispatch(tr)
        refresh()
      }
      view.focus()
      return
    }
    if (empty) {
      o.notify('Selecteer eerst de tekst die bij publicatie gelakt moet worden.', true)
      return
    }
    const quote = view.state.doc.textBetween(from, to, '\n')
    const select = groundSelect(localStorage.getItem(LAST_GROUND) ?? '5.1.2e')
    const all = h('input', { type: 'checkbox', name: 'all' })
    const everywhere = h('input', { type: 'checkbox', name: 'everywhere' })
    const body = h('div', { className: 'woo-form' },
      h('p', { className: 'muted' }, `“${quote.length > 120 ? quote.slice(0, 117) + '…' : quote}”`),
      h('label', {}, 'Weigeringsgrond (Woo)', select),
      h('label', { className: 'check' }, all, ' Alle voorkomens in dit document'),
      h('label', { className: 'check' }, everywhere, ' Ook in alle andere documenten (elk voorkomen)'),
      h('p', { className: 'muted' }, 'De tekst blijft in het concept staan; alleen de publicatieversie laat hem weg.'))
    const chosen = await modal('Lakken voor publicatie', body, 'Lakken', () => ({ ground: select.value, all: all.checked, everywhere: everywhere.checked }))
    view.focus()
    if (!chosen) return
    localStorage.setItem(LAST_GROUND, chosen.ground)
    const ranges = [{ from, to }, ...(chosen.all ? redactionRanges(view.state.doc, quote, chosen.ground, true).filter((r) => r.from !== from) : [])]
    mark(ranges, chosen.ground)
    let elsewhere = ''
    if (chosen.everywhere) {
      // The other documents are changed in the store (a version each); this one is changed here and saved as usual.
      const docs = await o.api.listDocuments({})
      const ids = docs.ok ? docs.value.map((d) => d.id).filter((d) => d !== o.id) : []
      if (!docs.ok) return o.notify(docs.error, true)
      if (ids.length) {
        const done = await o.api.redactAcross({ ids, quote, ground: chosen.ground })
        if (!done.ok) return o.notify(done.error, true)
        const touched = done.value.filter((d) => d.count)
        elsewhere = ` In andere documenten: ${touched.reduce((a, d) => a + d.count, 0)} passages in ${touched.length} ${touched.length === 1 ? 'document' : 'documenten'}.`
      }
    }
    o.notify(`${ranges.length === 1 ? 'Gelakt' : `${ranges.length} passages gelakt`} op grond van ${chosen.ground}.${elsewhere}`)
  }

  /** The redactions of the draft as it is in the editor. */
  function refresh() {
    const rows = listRedactions(o.view().state.doc)
    summary.textContent = rows.length ? `${rows.reduce((a, r) => a + r.count, 0)} gelakte passages` : 'Nog niets gelakt. Selecteer tekst en kies Lakken, of zoek voorstellen.'
    list.replaceChildren(...rows.map((r) => h('li', { 'data-quote': r.quote },
      h('span', { className: 'woo-ground' }, r.ground),
      h('span', { className: 'woo-quote', title: r.quote }, r.quote),
      r.count > 1 ? h('span', { className: 'muted' }, ` ${r.count}×`) : null,
      o.readOnly ? null : h('button', { type: 'button', className: 'link', 'aria-label': `Lakking van “${r.quote}” opheffen`, onClick: () => unmark(r.quote) }, 'Opheffen'))))
  }

  async function findSuggestions() {
    if (!(await o.saveFirst())) return
    const result = await o.api.suggestRedactions({ id: o.id })
    if (!result.ok) return o.notify(result.error, true)
    const declined = new Set<string>(JSON.parse(localStorage.getItem(declinedKey(o.id)) ?? '[]') as string[])
    const open = result.value.filter((s) => !declined.has(s.quote))
    if (!open.length) {
      suggestions.replaceChildren(h('li', { className: 'muted' }, 'Geen (nieuwe) voorstellen.'))
      return
    }
    suggestions.replaceChildren(...open.map((s) => {
      const item = h('li', { 'data-quote': s.quote },
        h('span', { className: 'woo-ground' }, s.ground),
        h('span', { className: 'woo-quote', title: s.quote }, s.quote),
        h('span', { className: 'muted' }, ` ${s.reason}${s.count > 1 ? `, ${s.count}×` : ''}`),
        h('button', { type: 'button', className: 'link', 'aria-label': `“${s.quote}” lakken (${s.ground})`, onClick: () => {
          const ranges = redactionRanges(o.view().state.doc, s.quote, s.ground, true)
          if (ranges.length) mark(ranges, s.ground)
          item.remove()
        } }, 'Lakken'),
        h('button', { type: 'button', className: 'link', 'aria-label': `Voorstel “${s.quote}” afwijzen`, onClick: () => {
          declined.add(s.quote)
          localStorage.setItem(declinedKey(o.id), JSON.stringify([...declined].slice(-500)))
          item.remove()
        } }, 'Afwijzen'))
      return item
    }))
  }

  /** The names suggested wherever they occur; at first the authors Paraaf has seen. */
  async function editNames() {
    const current = await o.api.getWooNames()
    if (!current.ok) return o.notify(current.error, true)
    const lines = h('textarea', { name: 'names', rows: 8, 'aria-describedby': 'woo-names-help' })
    lines.value = current.value.names.join('\n')
    const names = await modal('Namenlijst voor lakvoorstellen', h('div', { className: 'woo-form' },
      h('p', { id: 'woo-names-help', className: 'muted' }, current.value.kept
        ? 'Eén naam per regel. Paraaf stelt voor deze namen te lakken, in elk document waarin ze voorkomen.'
        : 'Eén naam per regel. Voorlopig ingevuld met de auteurs van opmerkingen en versies die Paraaf kent; pas de lijst aan en bewaar hem.'),
      lines), 'Bewaren', () => lines.value.split('\n').map((l) => l.trim()).filter(Boolean))
    if (!names) return
    const saved = await o.api.setWooNames({ names: names.slice(0, 500) })
    if (!saved.ok) return o.notify(saved.error, true)
    o.notify(`Namenlijst bewaard (${saved.value.names.length} ${saved.value.names.length === 1 ? 'naam' : 'namen'}).`)
  }

  async function publish(format: 'pdf' | 'docx') {
    if (!(await o.saveFirst())) return
    o.notify('Publicatieversie maken…')
    const result = await busy(format === 'pdf' ? 'Publicatieversie (PDF) maken…' : 'Publicatieversie (Word) maken…', () => o.api.publish({ id: o.id, version: o.version, format }))
    if (result === CANCELLED) return
    if (!result.ok) return o.notify(result.error, true)
    downloadFile(result.value)
    await o.published(result.value.version, result.value.sourceVersion)
    o.notify(`Publicatieversie ${result.value.version} gemaakt (van versie ${result.value.sourceVersion}): ${result.value.passages} ${result.value.passages === 1 ? 'passage' : 'passages'} weggelaten.`)
  }

  const element = h('section', { 'aria-label': 'Woo-publicatie', className: 'woo-panel' },
    h('h2', {}, 'Woo-publicatie'),
    summary,
    list,
    o.readOnly ? null : h('div', { className: 'woo-actions' },
      h('button', { type: 'button', className: 'link', onClick: () => void findSuggestions() }, 'Voorstellen zoeken'),
      h('button', { type: 'button', className: 'link', onClick: () => void editNames() }, 'Namenlijst…')),
    suggestions,
    h('div', { className: 'woo-publish' },
      h('button', { type: 'button', onClick: () => void publish('pdf'), title: 'Een PDF zonder de gelakte tekst, met de weigeringsgrond in een vak' }, 'Publicatieversie (PDF)'),
      h('button', { type: 'button', onClick: () => void publish('docx'), title: 'Een Word-bestand zonder de gelakte tekst, opmerkingen, wijzigingen of auteurs' }, 'Publicatieversie (Word)')))

  return { element, refresh, redactSelection }
}
