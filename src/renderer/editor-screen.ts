// The editing screen: toolbar, the page, the metadata form, the history of
// versions and a status bar with the word count and the save state.
import { EditorView } from 'prosemirror-view'
import { sessionRuns } from './history-sessions.js'
import { Node as PMNode } from 'prosemirror-model'
import { NodeSelection, TextSelection, type EditorState, type Command } from 'prosemirror-state'
import { undo, redo } from 'prosemirror-history'
import { addRowAfter, addColumnAfter, deleteRow, deleteColumn, deleteTable, isInTable } from 'prosemirror-tables'
import { isSafeHref, schema } from '../core/schema.js'
import { countWords, documentTitle } from '../core/document.js'
import type { DocumentSnapshot, ParaafApi, TemplateManifest, VersionInfo } from '../service/contract.js'
import { h, setText, choose, download, downloadDocx, fileToBase64, formatBytes, formatDateTime, modal } from './dom.js'
import { Autosave, SaveConflictError, type SaveState } from './autosave.js'
import { createMetaForm } from './meta-form.js'
import { createEditorState, cleanPastedHtml, searchHitKey } from './editor/setup.js'
import { createFindBar, findShortcut } from './editor/find-replace.js'
import { formatDutchDate, isIsoDate } from '../core/dates.js'
import { findSnippet } from '../core/find.js'
import { estimatePages } from '../core/page-estimate.js'
import * as cmd from './editor/commands.js'
import { FootnoteView } from './editor/footnote-view.js'
import { createCommentsPanel } from './comments-panel.js'
import { createWooPanel } from './woo-panel.js'
import { showLiveChanges } from './editor/live-changes-view.js'
import { startSpelling, type SpellOptions } from './editor/spell-view.js'
import { busy, CANCELLED } from './busy.js'

/** How long typing must pause before a version is written. */
export const AUTOSAVE_IDLE_MS = 1200

/** Meta key of a transaction that shows what the service already stored. */
const STORED = 'paraaf-stored'

export interface Screen {
  element: HTMLElement
  /**
   * Saves what is unsaved; called before navigating away or closing. Resolves
   * false when the screen must stay (a save failed and the user did not
   * choose to throw the text away).
   */
  leave(): Promise<boolean>
}

interface ToolbarButton {
  label: string
  title: string
  command: Command
  active?: (state: EditorState) => boolean
  className?: string
}

/** Opens a document (or one of its older versions, read-only) for editing. */
export async function openEditorScreen(
  api: ParaafApi, templates: TemplateManifest[], id: number, version: number | undefined, navigate: (hash: string) => void,
  at: { find?: string; comment?: string } = {},
): Promise<Screen | string> {
  const opened = await api.openDocument({ id, version })
  if (!opened.ok) return opened.error
  const snap: DocumentSnapshot = opened.value
  const template = templates.find((t) => t.type === snap.type)
  const readOnly = snap.readOnly

  const status = h('span', { className: 'save-state', 'data-testid': 'save-state', role: 'status' }, readOnly ? `Versie ${snap.version.number} (alleen lezen)` : `Opgeslagen (versie ${snap.version.number})`)
  const words = h('span', { className: 'word-count', 'data-testid': 'word-count' })
  // The estimated pages of the Word export, against the type's budget where it has one (a two-pager: 2).
  const pageBudget = h('span', { className: 'page-estimate', 'data-testid': 'page-estimate', title: 'Geschat aantal pagina\'s van het Word-bestand in de huisstijl' })
  const showState = (state: SaveState) => {
    status.classList.toggle('error', state.kind === 'error')
    if (state.kind === 'dirty') setText(status, 'Niet opgeslagen wijzigingen…')
    else if (state.kind === 'saving') status.textContent = 'Opslaan…'
    else if (state.kind === 'error') status.textContent = `Opslaan mislukt: ${state.message} Uw tekst staat nog in het venster; Paraaf probeert het over ${Math.round(state.retryInMs / 1000)} s opnieuw.`
    else if (state.kind === 'conflict') {
      status.classList.add('error')
      status.textContent = 'Niet opgeslagen: er is een nieuwere versie. Kies hierboven wat er met uw tekst gebeurt.'
      showConflict(state.latest, state.message)
    } else status.textContent = `Opgeslagen (versie ${state.version}) om ${state.at.toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit' })}`
  }

  /** A message about anything but saving (export, import, restore), in the status bar. */
  const notify = (message: string) => {
    status.classList.add('error')
    status.textContent = message
  }

  // The version the editor's text is based on: every save names it, and a
  // save on a base that is no longer the latest is refused (another window,
  // or the CLI, wrote meanwhile) instead of silently replacing that work.
  let base = snap.version.number
  let lastSaveError = ''
  const autosave = new Autosave({
    idleMs: AUTOSAVE_IDLE_MS,
    onState: (state) => {
      if (state.kind === 'error') lastSaveError = state.message
      showState(state)
    },
    save: async () => {
      const result = await api.saveVersion({ id, base, meta: form.value(), content: view.state.doc.toJSON() as never, kind: 'auto' })
      if (!result.ok) {
        if (result.conflict) throw new SaveConflictError(result.error, result.conflict.latest)
        throw new Error(result.error)
      }
      base = result.value.number
      live?.saved()
      if (!result.value.unchanged) {
        void refreshHistory()
        void comments.refresh()
        void refreshParafen()
      }
      return result.value.number
    },
  })

  // --- a conflict: another version was saved meanwhile ------------------------
  const conflictBar = h('div', { className: 'conflict-banner', role: 'alert', 'data-testid': 'conflict-banner', hidden: true })
  function showConflict(latest: number, message: string) {
    conflictBar.replaceChildren(
      h('span', {}, `${message} Wat wilt u doen?`),
      h('button', { type: 'button', className: 'primary', 'data-testid': 'keep-mine', onClick: () => void keepMine(latest) }, 'Mijn tekst als nieuwe versie bewaren en vergelijken'),
      h('button', { type: 'button', onClick: () => void discardMine(latest) }, `Mijn wijzigingen weggooien en versie ${latest} openen`))
    conflictBar.hidden = false
  }
  /** Saves the editor's text on top of the newer version (both stay in the history), then shows what differs. */
  async function keepMine(latest: number) {
    base = latest
    autosave.resolveConflict()
    if (!(await autosave.flush())) return
    conflictBar.hidden = true
    navigate(`#/doc/${id}/compare/${latest}/${base}`)
  }
  async function discardMine(latest: number) {
    const sure = await choose('Wijzigingen weggooien?', `Uw wijzigingen sinds versie ${snap.version.number} gaan verloren; versie ${latest} wordt geopend.`, [['keep', 'Niet weggooien'], ['discard', 'Weggooien']], 'keep')
    if (sure !== 'discard') return
    autosave.discard()
    conflictBar.hidden = true
    navigate(`#/doc/${id}`)
  }

  const form = createMetaForm(template, snap.meta, () => {
    autosave.changed()
    updateTitle()
    renderPrintHead()
  })
  form.setReadOnly(readOnly)

  // --- the page -------------------------------------------------------------
  const pageTitle = h('div', { className: 'page-title', 'data-testid': 'page-title' }, snap.title)
  const barTitle = h('span', { className: 'doc-title' }, snap.title)
  const updateTitle = () => {
    const title = documentTitle(form.value(), view.state.doc)
    pageTitle.textContent = title
    barTitle.textContent = title
    document.title = `${title} – Paraaf`
  }
  const editorHost = h('div', { className: 'page-body' })
  const footnoteList = h('ol', { className: 'footnote-list', 'data-testid': 'footnote-list' })
  const footnoteSection = h('section', { className: 'footnotes', 'aria-label': 'Voetnoten' }, h('h3', {}, 'Voetnoten'), footnoteList)
  // Printed (Ctrl+P, "Opslaan als PDF…"), the page carries the letterhead as
  // the Word export lays it out: address block, Datum and Onderwerp on the
  // first page, the sender column beside the text on every page (a fixed
  // element repeats on each printed page), the signature after the text.
  // Hidden on screen, where the form beside the page holds these fields.
  const printHead = h('div', { className: 'print-head', 'aria-hidden': 'true' })
  const printColumn = h('aside', { className: 'print-column', 'aria-hidden': 'true' })
  const printSignature = h('div', { className: 'print-signature', 'aria-hidden': 'true' })
  const page = h('article', { className: 'page' },
    printColumn, printHead,
    h('header', { className: 'page-head' },
      h('div', { className: 'page-type' }, template?.label ?? snap.type),
      pageTitle),
    editorHost, printSignature, footnoteSection)
  const fieldLabel = (key: string, fallback: string) => (template?.fields.find((f) => f.key === key)?.label ?? fallback).replace(/\s*\(.*\)$/, '')
  function renderPrintHead() {
    const meta = form.value()
    const text = (key: string) => {
      const v = meta[key]
      const value = v === undefined ? '' : Array.isArray(v) ? v.join('\n') : String(v)
      return key === 'datum' && isIsoDate(value) ? formatDutchDate(value) : value
    }
    const lines = (key: string) => text(key).split('\n').map((l) => l.trim()).filter(Boolean)
    const block = (key: string, className: string) => (lines(key).length ? h('div', { className }, ...lines(key).map((l) => h('div', {}, l))) : null)
    const labelled = (key: string, fallback: string) => (text(key).trim() ? h('div', { className: 'pc-block' }, h('div', { className: 'pc-label' }, fieldLabel(key, fallback)), ...lines(key).map((l) => h('div', {}, l))) : null)
    printColumn.replaceChildren(...[block('afzender', 'pc-block pc-strong'), block('adres', 'pc-block'), labelled('contactpersoon', 'Contactpersoon'), labelled('kenmerk', 'Ons kenmerk'), labelled('datum', 'Datum')].filter((x) => x !== null))
    const fields = [['aan', 'Aan'], ['cc', 'Cc'], ['datum', 'Datum'], ['onderwerp', 'Onderwerp']].filter(([key]) => text(key).trim())
    printHead.replaceChildren(...[
      text('retouradres').trim() ? h('div', { className: 'ph-return' }, text('retouradres')) : null,
      block('geadresseerde', 'ph-address'),
      fields.length ? h('table', { className: 'ph-fields' }, ...fields.map(([key, fallback]) => h('tr', {}, h('th', {}, fieldLabel(key, fallback)), h('td', {}, text(key))))) : null,
    ].filter((x) => x !== null))
    printSignature.replaceChildren(...lines('ondertekening').map((l) => h('div', {}, l)))
    page.classList.toggle('has-letterhead', fields.some(([key]) => key === 'onderwerp'))
  }

  let toolbarUpdate = () => {}
  // The toolbar asks every command "would you work here?": once per frame is enough.
  let toolbarFrame = 0
  const scheduleToolbarUpdate = () => {
    if (!toolbarFrame) toolbarFrame = requestAnimationFrame(() => {
      toolbarFrame = 0
      toolbarUpdate()
    })
  }
  let detailTimer: ReturnType<typeof setTimeout> | null = null
  /** "Wijzigingen tonen" while it is on (see below). */
  let live: ReturnType<typeof showLiveChanges> | null = null
  let spelling: ReturnType<typeof startSpelling> | null = null
  let refreshWoo = () => {}
  const updateDetails = () => {
    renderPrintHead()
    refreshWoo()
    updateTitle()
    comments.layout()
    setText(words, `${countWords(view.state.doc).toLocaleString('nl-NL')} woorden`)
    if (template) {
      const pages = estimatePages(view.state.doc, form.value(), template.layout).pages
      const shown = pages.toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
      const over = template.maxPages !== undefined && pages > template.maxPages
      setText(pageBudget, template.maxPages !== undefined ? `≈ ${shown} van ${template.maxPages} pagina's${over ? ' – te lang' : ''}` : `≈ ${shown} pagina's`)
      pageBudget.classList.toggle('over', over)
    }
    renderFootnotes(view.state.doc)
  }

  /** The spell check's connection to the dictionary (src/spell, in the service). */
  let spellWarned = false
  const spellOptions: SpellOptions = {
    check: async (words) => {
      const r = await api.checkSpelling({ words })
      // The dictionary could not be loaded: said once, and the check stays off.
      if (!r.ok && !spellWarned) {
        spellWarned = true
        notify(r.error)
      }
      return r.ok ? r.value.wrong : null
    },
    suggest: async (word) => {
      const r = await api.spellingSuggestions({ word })
      return r.ok ? r.value.suggestions : null
    },
    addWord: async (word) => {
      const r = await api.changeDictionary({ word })
      if (!r.ok) notify(r.error)
      return r.ok
    },
    onCount: () => {},
  }

  const view: EditorView = new EditorView(editorHost, {
    state: createEditorState(PMNode.fromJSON(schema, snap.content), () => void autosave.flush()),
    editable: () => !readOnly,
    nodeViews: { footnote: (node, v, getPos) => new FootnoteView(node, v, getPos, readOnly ? undefined : spellOptions) },
    transformPastedHTML: cleanPastedHtml,
    // Text typed while a footnote is selected goes into the footnote, never over it.
    handleTextInput(v, from, to, text) {
      const sel = v.state.selection
      if (!(sel instanceof NodeSelection && sel.node.type === schema.nodes.footnote && from === sel.from && to === sel.to)) return false
      const tr = v.state.tr.insertText(text, sel.from + 1 + sel.node.content.size)
      v.dispatch(tr.setSelection(NodeSelection.create(tr.doc, sel.from)))
      focusSelectedFootnote()
      return true
    },
    // Spelling is checked by Paraaf itself (spell-view), not by the browser's
    // own checker. The explicit tabindex changes nothing for the keyboard (the
    // text is in the tab order already) but tells checkers such as axe that the
    // scrolled page holds something focusable when it has no footnotes or comments.
    attributes: { 'aria-label': 'Documenttekst', spellcheck: 'false', lang: 'nl', tabindex: '0' },
    dispatchTransaction(tr) {
      view.updateState(view.state.apply(tr))
      if (tr.docChanged) for (const range of tracked) {
        const from = tr.mapping.mapResult(range.from, 1)
        const to = tr.mapping.mapResult(range.to, -1)
        range.from = from.pos
        range.to = to.pos
        if (from.deletedAcross && to.deletedAcross && range.from >= range.to) range.gone = true
      }
      scheduleToolbarUpdate()
      if (tr.selectionSet) comments.selectionChanged(view.state)
      if (tr.docChanged) live?.changed()
      spelling?.changed(tr)
      if (tr.docChanged && !readOnly) {
        if (!tr.getMeta(STORED)) autosave.changed()
        if (detailTimer) clearTimeout(detailTimer)
        detailTimer = setTimeout(updateDetails, 250)
      }
    },
  })

  function renderFootnotes(doc: PMNode) {
    const items: HTMLElement[] = []
    doc.descendants((node, pos) => {
      if (node.type !== schema.nodes.footnote) return true
      const item = h('li', { tabindex: 0, title: 'Naar deze voetnoot in de tekst' }, node.textContent || '(lege voetnoot)')
      item.addEventListener('click', () => {
        view.dispatch(view.state.tr.setSelection(NodeSelection.create(view.state.doc, pos)).scrollIntoView())
        view.focus()
        focusSelectedFootnote()
      })
      items.push(item)
      return false
    })
    footnoteList.replaceChildren(...items)
    footnoteSection.hidden = items.length === 0
  }

  // --- comments ---------------------------------------------------------------
  // A version shown read-only has nothing to focus inside: the region itself takes focus, so the keyboard can scroll it.
  const pageScroll = h('div', { className: 'page-scroll', ...(readOnly ? { tabindex: 0, role: 'region', 'aria-label': 'Documenttekst' } : {}) })
  // Ranges followed through edits (a comment's selection while its dialog and save run).
  const tracked = new Set<{ from: number; to: number; gone: boolean }>()
  const comments = createCommentsPanel({
    api, id, version: readOnly ? snap.version.number : undefined, readOnly, view: () => view, container: () => pageScroll,
    settle: async () => (readOnly ? null : (await saveBeforeAction()) ? base : null),
    applyStored: (version, change) => {
      const tr = view.state.tr
      change(tr)
      // Already stored by the service: not part of undo (Ctrl+Z cannot orphan a thread) and not saved again.
      tr.setMeta('addToHistory', false).setMeta(STORED, true)
      view.dispatch(tr)
      // Anything typed since the service wrote `version` is saved on top of it.
      base = version
      if (!autosave.hasUnsavedChanges) showState({ kind: 'saved', version, at: new Date() })
    },
    trackRange: (from, to) => {
      const range = { from, to, gone: false }
      tracked.add(range)
      return { get: () => (range.gone || range.from >= range.to ? null : { from: range.from, to: range.to }), stop: () => void tracked.delete(range) }
    },
  })
  const addComment: Command = (state, dispatch) => {
    if (readOnly || state.selection.empty) return false
    if (dispatch) void comments.addOnSelection()
    return true
  }
  editorHost.addEventListener('keydown', (e) => {
    // By the key's place, not its character: with Alt held, 'm' can arrive as 'µ' (macOS, some layouts).
    if ((e.ctrlKey || e.metaKey) && e.altKey && (e.code === 'KeyM' || e.key.toLowerCase() === 'm')) {
      e.preventDefault()
      addComment(view.state, () => {})
    }
    // Ctrl+K: a hyperlink, as in Word.
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.code === 'KeyK' || e.key.toLowerCase() === 'k')) {
      e.preventDefault()
      void editLink()
    }
  })
  window.addEventListener('resize', comments.layout)

  /** Ctrl+K: inserts, changes or removes the link at the selection. */
  async function editLink() {
    if (readOnly) return
    const state = view.state
    const at = cmd.linkAt(state)
    const from = at?.from ?? state.selection.from
    const to = at?.to ?? state.selection.to
    const address = h('input', { type: 'text', name: 'href', maxlength: 2000, placeholder: 'https://www.rijksoverheid.nl/… of naam@minjenv.nl', autocomplete: 'off' })
    address.value = at?.href ?? ''
    const text = from === to ? h('input', { type: 'text', name: 'text', maxlength: 500, placeholder: 'zoals het in de tekst komt (anders het adres)' }) : null
    const body = h('div', { className: 'link-form' },
      h('label', {}, 'Adres', address),
      text ? h('label', {}, 'Tekst', text) : h('p', { className: 'muted' }, `Bij: “${state.doc.textBetween(from, to, ' ').slice(0, 120)}”`),
      at?.href ? h('p', { className: 'muted' }, 'Maak het adres leeg om de koppeling te verwijderen.') : '')
    const chosen = await modal(at?.href ? 'Koppeling wijzigen' : 'Koppeling invoegen', body, 'OK', () => {
      if (!address.value.trim()) return { href: null as string | null, text: undefined }
      const href = cmd.normalizeHref(address.value)
      if (!isSafeHref(href)) throw new Error('Vul een webadres (https://…) of een e-mailadres in.')
      return { href, text: text ? text.value.trim() || address.value.trim() : undefined }
    })
    view.focus()
    if (!chosen) return
    if (view.state.doc !== state.doc) return notify('De tekst is intussen gewijzigd; de koppeling is niet gezet. Probeer het opnieuw.')
    if (!chosen.href && !at?.href) return
    cmd.setLink(from, to, chosen.href, chosen.text)(view.state, view.dispatch)
  }

  // --- Woo ------------------------------------------------------------------
  const woo = createWooPanel({
    api, id, view: () => view, readOnly, version: readOnly ? snap.version.number : undefined,
    saveFirst: () => (readOnly ? Promise.resolve(true) : saveBeforeAction()),
    published: async (version, source) => {
      // The publication's version holds the text the editor was based on: the draft goes on from it
      // (also with words typed meanwhile, which are saved on top of it as usual).
      if (!readOnly && source === base) base = version
      await refreshHistory()
    },
    notify: (message, isError) => {
      if (isError) notify(message)
      else {
        status.classList.remove('error')
        status.textContent = message
      }
    },
  })
  refreshWoo = woo.refresh

  // --- Wijzigingen tonen ----------------------------------------------------
  // The draft as a redline against a version the user picks (the one sent in
  // the last round, the last with a paraaf, or any), as they type.
  let liveBase: number | null = null
  const liveCount = h('span', { className: 'live-count', 'data-testid': 'live-count' })
  async function toggleLive() {
    if (live) {
      live.stop()
      live = null
      liveBase = null
      liveCount.textContent = ''
      toolbarUpdate()
      return
    }
    const [versions, rounds, parafen] = await Promise.all([api.listVersions({ id }), api.listRounds({ id }), api.getParafen({ id })])
    if (!versions.ok) return notify(versions.error)
    const current = readOnly ? snap.version.number : versions.value.at(-1)!.number
    const sent = rounds.ok ? rounds.value[0]?.version : undefined
    const initialled = parafen.ok ? Math.max(0, ...parafen.value.approvals.filter((a) => a.status !== 'ingetrokken').map((a) => a.version)) || undefined : undefined
    const select = h('select', { name: 'base' })
    const option = (n: number, text: string) => h('option', { value: n }, text)
    if (sent && sent < current) select.append(option(sent, `Verstuurd in de laatste ronde (versie ${sent})`))
    if (initialled && initialled < current) select.append(option(initialled, `Laatste versie met een paraaf (versie ${initialled})`))
    for (const v of [...versions.value].reverse()) {
      if (v.number >= current) continue
      select.append(option(v.number, `Versie ${v.number} – ${v.label ?? (v.kind === 'auto' ? 'automatisch opgeslagen' : v.kind)} – ${formatDateTime(v.createdAt)}`))
    }
    if (!select.options.length) return notify('Er is nog geen eerdere versie om de wijzigingen tegen te tonen.')
    const chosen = await modal('Wijzigingen tonen', h('div', { className: 'woo-form' },
      h('label', {}, 'Ten opzichte van', select),
      h('p', { className: 'muted' }, 'De tekst blijft bewerkbaar. Ingevoegde tekst is onderstreept, verwijderde doorgestreept; klik op een wijziging om haar te accepteren of te weigeren.')),
    'Tonen', () => Number(select.value))
    view.focus()
    if (!chosen) return
    const opened = await api.openDocument({ id, version: chosen })
    if (!opened.ok) return notify(opened.error)
    liveBase = chosen
    live = showLiveChanges(view, PMNode.fromJSON(schema, opened.value.content), {
      attribute: async (changes) => {
        const r = await api.attributeChanges({ id, base: chosen, changes: changes.map(({ kind, text, before, after }) => ({ kind, text: text.slice(0, 20_000), before: before.slice(-200), after: after.slice(0, 200) })) })
        return r.ok ? r.value : null
      },
      decide: (change, who) => choose(change.kind === 'ins' ? 'Ingevoegde tekst' : 'Verwijderde tekst',
        `“${change.text.trim().slice(0, 200)}”${who ? ` – ${who.author}, ${formatDateTime(who.createdAt)}` : ' – nog niet opgeslagen'}`,
        [['accept', change.kind === 'ins' ? 'Accepteren (laten staan)' : 'Accepteren (weg laten)'], ['reject', change.kind === 'ins' ? 'Weigeren (weghalen)' : 'Weigeren (terugzetten)'], ['cancel', 'Annuleren']], 'cancel')
        .then((c) => (c === 'cancel' ? null : c)),
      formatWhen: formatDateTime,
      onCount: (n) => setText(liveCount, live || n ? `${n} ${n === 1 ? 'wijziging' : 'wijzigingen'} t.o.v. versie ${liveBase}` : ''),
    })
    toolbarUpdate()
  }

  // --- toolbar --------------------------------------------------------------
  const inTable: Command = (state) => isInTable(state)
  const buttons: (ToolbarButton | '|')[] = [
    { label: '↶', title: 'Ongedaan maken (Ctrl+Z)', command: undo },
    { label: '↷', title: 'Opnieuw (Ctrl+Y)', command: redo },
    '|',
    { label: 'B', title: 'Vet (Ctrl+B)', command: cmd.toggleStrong, active: (s) => cmd.markActive(s, schema.marks.strong), className: 'b' },
    { label: 'I', title: 'Cursief (Ctrl+I)', command: cmd.toggleEm, active: (s) => cmd.markActive(s, schema.marks.em), className: 'i' },
    { label: 'U', title: 'Onderstrepen (Ctrl+U)', command: cmd.toggleUnderline, active: (s) => cmd.markActive(s, schema.marks.underline), className: 'u' },
    '|',
    { label: 'Alinea', title: 'Gewone tekst (Ctrl+Shift+N)', command: cmd.makeParagraph, active: (s) => cmd.currentBlock(s) === 'p' },
    { label: 'Kop 1', title: 'Kop 1 (Ctrl+Alt+1)', command: cmd.makeHeading1, active: (s) => cmd.currentBlock(s) === 'h1' },
    { label: 'Kop 2', title: 'Kop 2 (Ctrl+Alt+2)', command: cmd.makeHeading2, active: (s) => cmd.currentBlock(s) === 'h2' },
    '|',
    { label: '• Lijst', title: 'Opsomming (Ctrl+Shift+L, of typ "- ")', command: cmd.bulletList },
    { label: '1. Lijst', title: 'Nummering 1. 2. 3. (of typ "1. ")', command: cmd.numberedList },
    { label: '1) Lijst', title: 'Nummering 1) 2) 3) (of typ "1) ")', command: cmd.numberedListParen },
    '|',
    { label: 'Voetnoot', title: 'Voetnoot invoegen (Ctrl+Alt+F)', command: cmd.insertFootnote },
    { label: 'Koppeling', title: 'Koppeling invoegen of wijzigen (Ctrl+K)', command: (_s, d) => { if (readOnly) return false; if (d) queueMicrotask(() => void editLink()); return true }, active: (s) => !!cmd.linkAt(s)?.href },
    { label: 'Opmerking', title: 'Opmerking bij de selectie (Ctrl+Alt+M)', command: addComment },
    { label: 'Wijzigingen', title: 'Wijzigingen tonen ten opzichte van een eerdere versie, met wie ze maakte', command: (_s, d) => { if (d) queueMicrotask(() => void toggleLive()); return true }, active: () => live !== null },
    { label: 'Lakken', title: 'Selectie lakken voor de Woo-publicatie, met weigeringsgrond', command: (_s, d) => { if (readOnly) return false; if (d) queueMicrotask(() => void woo.redactSelection()); return true }, active: (s) => cmd.markActive(s, schema.marks.redaction) },
    { label: 'Tabel', title: 'Tabel invoegen (3 × 3 met kopregel)', command: cmd.insertTable },
    { label: '+ Rij', title: 'Rij toevoegen onder de cursor', command: (s, d) => inTable(s) && addRowAfter(s, d) },
    { label: '+ Kolom', title: 'Kolom toevoegen rechts van de cursor', command: (s, d) => inTable(s) && addColumnAfter(s, d) },
    { label: '− Rij', title: 'Rij verwijderen', command: (s, d) => inTable(s) && deleteRow(s, d) },
    { label: '− Kolom', title: 'Kolom verwijderen', command: (s, d) => inTable(s) && deleteColumn(s, d) },
    { label: '− Tabel', title: 'Tabel verwijderen', command: (s, d) => inTable(s) && deleteTable(s, d) },
  ]
  const toolbarEls: [HTMLButtonElement, ToolbarButton][] = []
  const toolbar = h('div', { className: 'toolbar', role: 'toolbar', 'aria-label': 'Opmaak' })
  for (const b of buttons) {
    if (b === '|') {
      toolbar.append(h('span', { className: 'sep' }))
      continue
    }
    const el = h('button', { type: 'button', title: b.title, 'aria-label': accessibleName(b.label, b.title), className: b.className ?? null }, b.label)
    // Mousedown keeps the text's selection (the button takes no focus from it); the
    // command runs on click, which Enter and Space on a focused button give too.
    el.addEventListener('mousedown', (e) => e.preventDefault())
    el.addEventListener('click', () => {
      b.command(view.state, view.dispatch, view)
      if (b.command === cmd.insertFootnote) focusSelectedFootnote()
      else view.focus()
    })
    toolbarEls.push([el, b])
    toolbar.append(el)
  }
  toolbarUpdate = () => {
    for (const [el, b] of toolbarEls) {
      const active = b.active?.(view.state) ?? false
      // A block style that is already on stays clickable, as in Word.
      el.disabled = readOnly || (!active && !b.command(view.state, undefined, view))
      if (b.active) {
        el.classList.toggle('active', active)
        el.setAttribute('aria-pressed', String(active))
      }
    }
  }
  /**
   * Puts the caret in the selected footnote's text at once: a frame later,
   * fast typing right after Ctrl+Alt+F replaced the new footnote.
   */
  function focusSelectedFootnote() {
    const focus = () => {
      const sel = view.state.selection
      if (!(sel instanceof NodeSelection && sel.node.type === schema.nodes.footnote)) return true
      const inner = (view.nodeDOM(sel.from) as HTMLElement | null)?.querySelector<HTMLElement>('.footnote-tooltip .ProseMirror')
      inner?.focus()
      return !!inner
    }
    if (!focus()) requestAnimationFrame(focus)
  }
  editorHost.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.altKey && e.key.toLowerCase() === 'f') focusSelectedFootnote()
  })

  // --- history --------------------------------------------------------------
  // Brought up to date after each save with only the versions that are new
  // (redrawing a history of 1,000 versions blocked the page for 200 ms), and
  // shown a page at a time, newest first.
  const historyList = h('ol', { className: 'history', 'data-testid': 'history', reversed: true })
  const HISTORY_PAGE = 100
  /** Newest first, as shown. */
  const versionsShown: { info: VersionInfo; item: HTMLElement }[] = []
  let versionsOlder: VersionInfo[] = []
  let historyLatest: number | undefined
  const moreButton = h('button', { type: 'button', className: 'link more-versions', onClick: () => showOlder() })
  const moreItem = h('li', { className: 'more' }, moreButton)
  function showOlder() {
    const page = versionsOlder.slice(0, HISTORY_PAGE)
    versionsOlder = versionsOlder.slice(HISTORY_PAGE)
    for (const info of page) {
      const item = historyItem(info, historyLatest)
      versionsShown.push({ info, item })
      historyList.insertBefore(item, moreItem)
    }
    moreButton.textContent = `Oudere versies tonen (${versionsOlder.length})`
    moreItem.hidden = !versionsOlder.length
    groupSessions()
  }

  // Autosaves of one working session fold into the newest of them (see
  // history-sessions.ts), so the named versions stand out after weeks;
  // "alleen benoemde versies" hides autosaves altogether.
  const expandedSessions = new Set<number>()
  const namedOnly = h('input', { type: 'checkbox', name: 'named-only', 'data-testid': 'named-only' })
  namedOnly.checked = localStorage.getItem('paraaf.alleenBenoemd') === '1'
  namedOnly.addEventListener('change', () => {
    localStorage.setItem('paraaf.alleenBenoemd', namedOnly.checked ? '1' : '0')
    historyList.classList.toggle('named-only', namedOnly.checked)
  })
  historyList.classList.toggle('named-only', namedOnly.checked)
  const historyFilter = h('label', { className: 'check history-filter' }, namedOnly, ' Alleen benoemde versies')
  function groupSessions() {
    const fixed = new Set([historyLatest ?? -1, readOnly ? snap.version.number : -1])
    const byNumber = new Map(versionsShown.map((e) => [e.info.number, e]))
    for (const { item } of versionsShown) {
      item.querySelector('.session-toggle')?.remove()
      item.classList.remove('grouped', 'expanded')
    }
    for (const [head, ...rest] of sessionRuns(versionsShown.map((e) => e.info), fixed)) {
      const open = expandedSessions.has(head)
      for (const n of rest) byNumber.get(n)!.item.classList.add('grouped', ...(open ? ['expanded'] : []))
      const from = formatDateTime(byNumber.get(rest[rest.length - 1])!.info.createdAt)
      const toggle = h('button', { type: 'button', className: 'session-toggle link', 'aria-expanded': String(open) },
        `${open ? '▾' : '▸'} ${rest.length} eerdere automatische ${rest.length === 1 ? 'versie' : 'versies'} in deze sessie (vanaf ${from})`)
      toggle.addEventListener('click', () => {
        if (!expandedSessions.delete(head)) expandedSessions.add(head)
        groupSessions()
      })
      byNumber.get(head)!.item.append(toggle)
    }
  }
  // One at a time: two saves close together must not add the same versions twice.
  let historyQueue: Promise<void> = Promise.resolve()
  function refreshHistory(): Promise<void> {
    historyQueue = historyQueue.then(bringHistoryUpToDate, bringHistoryUpToDate)
    return historyQueue
  }
  async function bringHistoryUpToDate() {
    const result = await api.listVersions({ id, after: historyLatest })
    if (!result.ok) {
      historyList.replaceChildren(h('li', { className: 'error' }, result.error))
      historyLatest = undefined
      versionsShown.length = 0
      return
    }
    const fresh = [...result.value].reverse()
    if (!fresh.length) return
    const previous = historyLatest
    historyLatest = fresh[0].number
    if (previous === undefined) {
      historyList.replaceChildren(moreItem)
      versionsOlder = fresh
      showOlder()
      return
    }
    // The version that was the latest now has a newer one: it gets "Vergelijk" and loses "huidige".
    const top = versionsShown[0]
    if (top) {
      const item = historyItem(top.info, historyLatest)
      top.item.replaceWith(item)
      top.item = item
    }
    const items = fresh.map((info) => ({ info, item: historyItem(info, historyLatest) }))
    historyList.prepend(...items.map((i) => i.item))
    versionsShown.unshift(...items)
    groupSessions()
  }
  function historyItem(v: VersionInfo, latest: number | undefined) {
    const shown = readOnly ? v.number === snap.version.number : v.number === latest
    const what = v.label ?? (v.kind === 'auto' ? 'Automatisch opgeslagen' : v.kind === 'create' ? 'Nieuw document' : v.kind)
    const compareWith = latest !== undefined && v.number !== latest
      ? h('button', { type: 'button', className: 'compare-link', title: `Versie ${v.number} vergelijken met de huidige versie ${latest}`, onClick: () => void compareToCurrent(v.number) }, 'Vergelijk')
      : null
    const li = h('li', { className: `version ${shown ? 'shown' : ''} ${v.label || v.kind !== 'auto' ? 'named' : ''} ${v.number === latest ? 'current' : ''}`, 'data-version': v.number },
      compareWith ?? '',
      h('button', { type: 'button', className: 'open-version', title: v.number === latest ? 'De huidige versie openen' : 'Deze versie bekijken (alleen lezen)' },
        h('span', { className: 'v-num' }, `Versie ${v.number}`),
        h('span', { className: 'v-label' }, what),
        h('span', { className: 'v-meta' }, `${formatDateTime(v.createdAt)} · ${v.author} · +${formatBytes(v.bytesAdded)}`)))
    li.querySelector('button.open-version')!.addEventListener('click', () => navigate(v.number === latest ? `#/doc/${id}` : `#/doc/${id}/v/${v.number}`))
    return li
  }

  // --- parafen ----------------------------------------------------------------
  // Who initialled which exact text: the route's state, each paraaf, and a
  // lapsed one ("vervallen") with a link to what changed since.
  const parafenSummary = h('p', { className: 'parafen-summary', 'data-testid': 'parafen-summary' })
  const parafenList = h('ul', { className: 'parafen', 'data-testid': 'parafen' })
  const STATE_LABEL = { geldig: 'geldig', vervallen: 'vervallen', ingetrokken: 'ingetrokken' } as const
  const wordCount = (n: number) => `${n} ${n === 1 ? 'woord' : 'woorden'}`
  async function refreshParafen() {
    const r = await api.getParafen({ id })
    if (!r.ok) {
      parafenSummary.textContent = r.error
      return
    }
    const s = r.value
    parafenSummary.textContent = `${s.given} van ${s.of} parafen${s.next ? ` · volgende: ${s.next.name || s.next.role}` : ''}${s.vervallen ? ` · ${s.vervallen} vervallen` : ''}`
    parafenList.replaceChildren(...s.approvals.map((a) => h('li', { className: `paraaf ${a.status}`, 'data-paraaf': a.id },
      h('span', {}, `${a.name}, ${a.role} (${a.kind}) – versie ${a.version}, ${formatDutchDate(a.date)}`),
      h('span', { className: `paraaf-state ${a.status}` }, STATE_LABEL[a.status]),
      a.remark ? h('div', { className: 'muted' }, a.remark) : null,
      a.unchangedNote ? h('div', { className: 'muted' }, `Geen inhoudelijke wijziging sindsdien: ${a.unchangedNote}`) : null,
      a.status === 'vervallen' && !readOnly ? h('button', { type: 'button', className: 'link', onClick: () => void confirmUnchanged(a.id) }, 'Geen inhoudelijke wijziging…') : null,
      a.status === 'ingetrokken' && a.withdrawReason ? h('div', { className: 'muted' }, `Ingetrokken: ${a.withdrawReason}`) : null,
      a.status !== 'ingetrokken' && !readOnly ? h('button', { type: 'button', className: 'link', 'aria-label': `Paraaf van ${a.name} intrekken`, onClick: () => void withdraw(a.id, a.name) }, 'Intrekken…') : null,
      a.status === 'vervallen' ? h('button', { type: 'button', className: 'link', onClick: () => navigate(`#/doc/${id}/compare/${a.version}/${s.latestVersion}`) },
        `Wat is er veranderd sinds deze paraaf? (${wordCount(a.changedSince?.insertedWords ?? 0)} erbij, ${wordCount(a.changedSince?.deletedWords ?? 0)} eraf)`) : null)))
  }
  async function confirmUnchanged(paraaf: number) {
    const note = h('input', { type: 'text', name: 'note', maxlength: 2000, placeholder: 'bijv. alleen een komma en een tikfout' })
    const value = await modal('Geen inhoudelijke wijziging', h('label', {}, 'Wat er veranderde (blijft bij de paraaf staan)', note), 'Vastleggen', () => {
      if (!note.value.trim()) throw new Error('Zeg kort wat er veranderde.')
      return note.value.trim()
    })
    if (!value) return
    const result = await api.confirmUnchanged({ paraaf, note: value })
    if (!result.ok) return notify(result.error)
    await refreshParafen()
  }
  /** The paraafroute as lines "Naam | Rol | lijn" (or mede), in order. */
  async function editRoute() {
    const current = await api.getParafen({ id })
    if (!current.ok) return notify(current.error)
    const lines = h('textarea', { name: 'route', rows: 6, 'aria-describedby': 'route-help' })
    lines.value = current.value.route.map((s) => `${s.name} | ${s.role} | ${s.kind}`).join('\n')
    const route = await modal('Paraafroute', h('div', { className: 'round-form' },
      h('p', { id: 'route-help' }, 'Eén stap per regel, in volgorde: naam | rol | lijn of mede. Bijvoorbeeld: J. Jansen | Directeur | lijn'),
      h('label', {}, 'Route', lines)), 'Route vastleggen', () => lines.value.split('\n').map((l) => l.trim()).filter(Boolean).map((line, i) => {
      const [name = '', role = '', kind = 'lijn'] = line.split('|').map((x) => x.trim())
      if (!role || (kind !== 'lijn' && kind !== 'mede')) throw new Error(`Regel ${i + 1} ("${line.slice(0, 40)}"): schrijf naam | rol | lijn of mede.`)
      return { name, role, kind: kind as 'lijn' | 'mede' }
    }))
    if (!route) return
    const result = await api.setRoute({ id, route })
    if (!result.ok) return notify(result.error)
    await refreshParafen()
  }
  async function withdraw(paraaf: number, name: string) {
    const reason = h('input', { type: 'text', name: 'reason', maxlength: 2000, placeholder: 'bijv. bedragen nog niet afgestemd' })
    const value = await modal(`Paraaf van ${name} intrekken`, h('div', { className: 'round-form' },
      h('p', {}, 'De paraaf blijft in het register staan, als ingetrokken.'), h('label', {}, 'Reden (optioneel)', reason)), 'Intrekken', () => ({ reason: reason.value.trim() || undefined }))
    if (!value) return
    const result = await api.withdrawParaaf({ paraaf, ...value })
    if (!result.ok) return notify(result.error)
    await refreshParafen()
  }
  async function downloadParaafblad() {
    const result = await busy('Paraafblad maken…', () => api.paraafblad({ id }), { cancellable: true })
    if (result === CANCELLED) return
    if (!result.ok) return notify(result.error)
    downloadDocx({ base64: result.value.docxBase64, fileName: result.value.docxFileName })
  }
  async function recordParaaf() {
    const name = h('input', { type: 'text', name: 'name', maxlength: 100 })
    const role = h('input', { type: 'text', name: 'role', maxlength: 100, placeholder: 'bijv. Directeur' })
    const kind = h('select', { name: 'kind' }, h('option', { value: 'lijn' }, 'Lijnparaaf'), h('option', { value: 'mede' }, 'Medeparaaf'))
    const remark = h('textarea', { name: 'remark', rows: 2, maxlength: 2000, placeholder: 'bijv. akkoord, mits bedragen afgestemd met FEZ' })
    const status = await api.getParafen({ id })
    if (status.ok && status.value.next) {
      name.value = status.value.next.name
      role.value = status.value.next.role
      kind.value = status.value.next.kind
    }
    const values = await modal('Paraaf vastleggen', h('div', { className: 'round-form' },
      h('p', {}, 'De paraaf geldt voor precies de tekst van de huidige versie; verandert de tekst daarna, dan vervalt zij.'),
      h('label', {}, 'Naam', name), h('label', {}, 'Rol', role), h('label', {}, 'Soort', kind), h('label', {}, 'Opmerking (optioneel)', remark)), 'Paraaf vastleggen', () => {
      if (!name.value.trim() || !role.value.trim()) throw new Error('Vul naam en rol in.')
      return { name: name.value.trim(), role: role.value.trim(), kind: kind.value as 'lijn' | 'mede', remark: remark.value.trim() || undefined }
    })
    if (!values) return
    // Exactly the text on screen: saved first, so the paraaf is on that version.
    if (!(await autosave.flush())) return
    const result = await api.approve({ id, ...values })
    if (!result.ok) return notify(result.error)
    await refreshParafen()
  }

  /** Saves the draft, then compares version `n` with the (new) latest version. */
  async function compareToCurrent(n?: number) {
    await autosave.flush()
    const versions = await api.listVersions({ id })
    if (!versions.ok) return notify(versions.error)
    const latest = versions.value.at(-1)!.number
    const older = n ?? [...versions.value].reverse().find((v) => v.number < latest && v.label)?.number ?? Math.max(1, latest - 1)
    navigate(`#/doc/${id}/compare/${older}/${latest}`)
  }

  async function commitNamedVersion() {
    const input = h('input', { type: 'text', name: 'label', maxlength: 200, placeholder: 'bijv. Concept 0.3 naar DGPenV' })
    const label = await modal('Versie vastleggen', h('label', {}, 'Naam van deze versie', input), 'Vastleggen', () => {
      const value = input.value.trim()
      if (!value) throw new Error('Geef de versie een naam.')
      return value
    })
    if (!label) return
    if (!(await autosave.flush())) return
    const result = await api.saveVersion({ id, base, meta: form.value(), content: view.state.doc.toJSON() as never, kind: 'named', label })
    if (!result.ok) return notify(`Versie vastleggen mislukt: ${result.error}`)
    base = result.value.number
    showState({ kind: 'saved', version: result.value.number, at: new Date() })
    await refreshHistory()
  }

  async function restoreThisVersion() {
    const result = await api.restoreVersion({ id, number: snap.version.number })
    if (!result.ok) return notify(result.error)
    navigate(`#/doc/${id}`)
  }

  /** A partner's returned .docx as new versions of this document, then straight to compare. */
  async function importResponse() {
    const input = h('input', { type: 'file', accept: '.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document', hidden: true })
    document.body.append(input)
    input.addEventListener('change', async () => {
      const file = input.files?.[0]
      input.remove()
      if (!file) return
      const labelInput = h('input', { type: 'text', name: 'label', maxlength: 200 })
      labelInput.value = `Reactie ${file.name.replace(/\.docx$/i, '')}`
      const label = await modal('Reactie importeren', h('label', {}, 'Naam van de nieuwe versie', labelInput), 'Importeren', () => labelInput.value.trim() || null)
      if (!label) return
      await autosave.flush()
      const before = (await api.listVersions({ id }))
      const previous = before.ok ? before.value.at(-1)!.number : 1
      const base64 = await fileToBase64(file)
      const result = await busy(`${file.name} inlezen…`, () => api.importDocx({ base64, fileName: file.name, into: id, label }))
      if (result === CANCELLED) return
      if (!result.ok) return notify(result.error)
      // With tracked changes: compare the partner's base with their proposal; else our last version with theirs.
      const [first, last] = [result.value.versions[0], result.value.versions.at(-1)!]
      let from = result.value.versions.length > 1 ? first : previous
      if (result.value.untracked && from !== previous) {
        // Edits made without tracking are not among the proposals: the drafter chooses to see them too.
        const answer = await choose('Reactie ingelezen', `${file.name}: ${result.value.notices.join(' ')}`, [['tracked', 'Alleen bijgehouden wijzigingen'], ['all', 'Alles t.o.v. mijn laatste versie']], 'tracked')
        if (answer === 'all') from = previous
      } else if (result.value.notices.length) await choose('Reactie ingelezen', `${file.name}: ${result.value.notices.join(' ')}`, [['ok', 'OK']], 'ok')
      navigate(`#/doc/${id}/compare/${from}/${last}`)
    })
    input.click()
  }

  async function openRounds() {
    if (!(await autosave.flush())) return
    navigate(`#/doc/${id}/ronde`)
  }

  async function exportWord() {
    // Fields the template needs for the letterhead: marked where the user can fill them in, not only named.
    if (!readOnly) {
      const missing = form.markMissing()
      if (missing.first) {
        showSide(false)
        missing.first.focus()
        notify(`Vul eerst in: ${missing.labels.join(', ')}. Het sjabloon heeft ze nodig voor het Word-bestand.`)
        return
      }
    }
    await autosave.flush()
    const versions = await api.listVersions({ id })
    const list = versions.ok ? [...versions.value].reverse() : []
    const against = h('select', { name: 'against', 'aria-label': 'Wijzigingen ten opzichte van' },
      h('option', { value: '' }, 'Geen: schone versie'),
      // Every version but the one exported: the old one shown, or the current draft (its base after saving).
      ...list.filter((v) => v.number !== (readOnly ? snap.version.number : base)).map((v) => h('option', { value: v.number }, `versie ${v.number} – ${formatDateTime(v.createdAt)}${v.label ? ` – ${v.label}` : v.kind === 'auto' ? ' – automatisch' : ''}`)))
    const withComments = h('input', { type: 'checkbox', name: 'comments' })
    const body = h('div', { className: 'export-form' },
      h('p', {}, `Versie ${readOnly ? snap.version.number : 'huidig'} in de huisstijl van ${template?.label ?? snap.type}.`),
      h('label', {}, 'Met wijzigingen ten opzichte van ', against),
      h('label', { className: 'check' }, withComments, ' Met opmerkingen'))
    const choice = await modal('Exporteren naar Word', body, 'Exporteren', () => ({ against: against.value ? Number(against.value) : undefined, comments: withComments.checked }))
    if (!choice) return
    const result = await busy(choice.against ? 'Exporteren naar Word met wijzigingen…' : 'Exporteren naar Word…', () => api.exportDocx({ id, version: readOnly ? snap.version.number : undefined, against: choice.against, comments: choice.comments }), { cancellable: true })
    if (result === CANCELLED) return
    if (!result.ok) return notify(result.error)
    downloadDocx(result.value)
  }

  async function exportMarkdown() {
    await autosave.flush()
    const result = await api.exportMarkdown({ id, version: readOnly ? snap.version.number : undefined })
    if (!result.ok) return notify(result.error)
    download(new Blob([result.value.markdown], { type: 'text/markdown;charset=utf-8' }), result.value.fileName)
  }

  // --- layout ---------------------------------------------------------------
  const banner = readOnly
    ? h('div', { className: 'readonly-banner', role: 'note', 'data-testid': 'readonly-banner' },
        h('span', {}, `U bekijkt versie ${snap.version.number} van ${formatDateTime(snap.version.createdAt)} (alleen lezen). De huidige versie is ${snap.latestVersion}.`),
        h('button', { type: 'button', className: 'primary', onClick: () => void restoreThisVersion() }, 'Deze versie terugzetten'),
        h('button', { type: 'button', onClick: () => navigate(`#/doc/${id}`) }, 'Naar de huidige versie'))
    : null

  // The side panel (Gegevens, Versies) folds away to a narrow strip, and stays so next time.
  const SIDE_KEY = 'paraaf.zijpaneel'
  const sideToggle = h('button', { type: 'button', className: 'side-toggle link' })
  const workspace = h('div', { className: 'workspace' },
    (pageScroll.append(h('div', { className: 'page-and-margin' }, page, comments.element)), pageScroll),
    h('aside', { className: 'side' },
      sideToggle,
      h('section', { 'aria-label': 'Gegevens' }, h('h2', {}, 'Gegevens'), form.element),
      h('section', { 'aria-label': 'Parafen' }, h('h2', {}, 'Parafen'), parafenSummary, parafenList,
        readOnly ? null : h('button', { type: 'button', onClick: () => void recordParaaf() }, 'Paraaf vastleggen…'),
        readOnly ? null : h('button', { type: 'button', className: 'link', onClick: () => void editRoute() }, 'Route wijzigen…'),
        h('button', { type: 'button', className: 'link', onClick: () => void downloadParaafblad() }, 'Paraafblad (Word)')),
      woo.element,
      h('section', { 'aria-label': 'Geschiedenis' }, h('h2', {}, 'Versies'), historyFilter, historyList)))
  const showSide = (collapsed: boolean) => {
    workspace.classList.toggle('side-collapsed', collapsed)
    sideToggle.textContent = collapsed ? '«' : '»'
    sideToggle.setAttribute('aria-expanded', String(!collapsed))
    sideToggle.setAttribute('aria-label', collapsed ? 'Gegevens en versies tonen' : 'Gegevens en versies inklappen')
    sideToggle.title = sideToggle.getAttribute('aria-label')!
  }
  showSide(localStorage.getItem(SIDE_KEY) === 'ingeklapt')
  sideToggle.addEventListener('click', () => {
    const collapsed = !workspace.classList.contains('side-collapsed')
    localStorage.setItem(SIDE_KEY, collapsed ? 'ingeklapt' : 'open')
    showSide(collapsed)
  })

  // Find (Ctrl+F) and replace (Ctrl+H), as in Word; not the browser's own find.
  const findBar = createFindBar(() => view, { readOnly })
  // Spell check (not in a version shown read-only): the count in the status bar goes to the next misspelling, as F7 does.
  const spellCount = h('button', { type: 'button', className: 'link spell-count', 'data-testid': 'spell-count', hidden: true, title: 'Naar de volgende mogelijke spelfout (F7)', onClick: () => void spelling?.next() })
  // The form's fields are checked once the dictionary has answered the editor's first check (not at all when it cannot be used).
  let formChecked = false
  if (!readOnly) spelling = startSpelling(view, { ...spellOptions, onCount: (n) => {
    if (!formChecked) {
      formChecked = true
      form.checkSpelling(spellOptions)
    }
    if (spellCount.hidden !== (n === 0)) spellCount.hidden = n === 0
    setText(spellCount, `${n.toLocaleString('nl-NL')} ${n === 1 ? 'mogelijke spelfout' : 'mogelijke spelfouten'}`)
  } })
  const onFindKey = (e: KeyboardEvent) => {
    if (e.key === 'F7' && !e.ctrlKey && !e.altKey && !e.metaKey && spelling && !e.defaultPrevented) {
      e.preventDefault()
      if (!spelling.next()) notify('Geen spelfouten gevonden.')
      return
    }
    const which = findShortcut(e)
    if (!which) return
    e.preventDefault()
    findBar.open(which === 'replace')
  }
  document.addEventListener('keydown', onFindKey)

  const element = h('div', { className: 'editor-screen' },
    h('header', { className: 'app-bar' },
      h('button', { type: 'button', className: 'link', onClick: () => navigate('#/') }, '← Documenten'),
      barTitle,
      h('span', { className: 'spacer' }),
      h('button', { type: 'button', onClick: () => void compareToCurrent(), title: 'De laatste vastgelegde versie vergelijken met de huidige' }, 'Vergelijken'),
      readOnly ? null : h('button', { type: 'button', onClick: () => void openRounds(), title: 'Versie naar partners sturen, hun reacties innemen en verwerken' }, 'Afstemming'),
      readOnly ? null : h('button', { type: 'button', onClick: () => void importResponse(), title: 'Een teruggestuurd Word-bestand (met wijzigingen en opmerkingen) als nieuwe versie' }, 'Reactie importeren…'),
      h('button', { type: 'button', onClick: () => void exportWord(), title: 'Word-bestand in de huisstijl, eventueel met wijzigingen en opmerkingen' }, 'Exporteren naar Word'),
      h('button', { type: 'button', onClick: () => void exportMarkdown(), title: 'Als Markdown-bestand opslaan' }, 'Exporteren (Markdown)'),
      readOnly ? null : h('button', { type: 'button', className: 'primary', onClick: () => void commitNamedVersion() }, 'Versie vastleggen')),
    readOnly ? banner : toolbar,
    findBar.element,
    conflictBar,
    workspace,
    h('footer', { className: 'status-bar' }, words, pageBudget, spellCount, liveCount, status))

  toolbarUpdate()
  updateDetails()
  void refreshHistory()
  void refreshParafen()
  const commentsLoaded = comments.refresh()
  // Opened from a search hit: show the words, or the thread, once the screen is on the page.
  requestAnimationFrame(() => {
    if (at.find) {
      const range = findSnippet(view.state.doc, at.find)
      if (!range) notify('De gezochte tekst staat niet meer in deze versie.')
      else view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, range.from, range.to)).setMeta(searchHitKey, range).scrollIntoView())
    }
    if (at.comment) void commentsLoaded.then(() => comments.focusThread(at.comment!))
  })

  const beforeUnload = (event: BeforeUnloadEvent) => {
    if (!autosave.hasUnsavedChanges) return
    void autosave.flush()
    event.preventDefault()
  }
  window.addEventListener('beforeunload', beforeUnload)
  window.paraafHost?.onBeforeClose(() => saveBeforeLeaving())

  /** Saves before an action that writes a version of its own (a comment); false when the text could not be saved. */
  async function saveBeforeAction(): Promise<boolean> {
    // Typing during a save makes the draft dirty again: save until it is clean.
    for (let i = 0; i < 5; i++) {
      if (!(await autosave.flush())) return false
      if (!autosave.hasUnsavedChanges) return true
    }
    return false
  }

  /**
   * Resolves true once the text is on disk, or the user explicitly chose to
   * throw it away; false when the user stays (the screen keeps the text).
   */
  async function saveBeforeLeaving(): Promise<boolean> {
    for (;;) {
      if (await autosave.flush()) return true
      const conflict = autosave.pendingConflict
      const reason = conflict ? conflict.message : `Opslaan mislukt: ${lastSaveError}`
      const buttons: ['retry' | 'stay' | 'discard', string][] = conflict
        ? [['stay', 'Blijven en kiezen'], ['discard', 'Wijzigingen weggooien']]
        : [['retry', 'Opnieuw proberen'], ['stay', 'Blijven'], ['discard', 'Wijzigingen weggooien']]
      const choice = await choose('Uw tekst is niet opgeslagen', `${reason} Als u nu weggaat, gaan uw laatste wijzigingen verloren.`, buttons, 'stay')
      if (choice === 'stay') return false
      if (choice === 'discard') {
        autosave.discard()
        return true
      }
    }
  }
  if (!readOnly) requestAnimationFrame(() => view.focus())

  return {
    element,
    async leave() {
      if (!readOnly && !(await saveBeforeLeaving())) return false
      autosave.dispose()
      window.removeEventListener('beforeunload', beforeUnload)
      window.removeEventListener('resize', comments.layout)
      document.removeEventListener('keydown', onFindKey)
      live?.stop()
      spelling?.stop()
      view.destroy()
      return true
    },
  }
}

/**
 * A toolbar button's accessible name: its tooltip, which holds the shortcut,
 * beginning with the visible word when the tooltip does not say it (so voice
 * control hears "Alinea" as a user sees it).
 */
function accessibleName(label: string, title: string): string {
  const letters = (t: string) => t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
  const visible = letters(label)
  return visible.length <= 1 || letters(title).includes(visible) ? title : `${label.replace(/^[^\p{L}\p{N}]+/u, '')}: ${title}`
}
