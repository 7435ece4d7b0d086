// The compare screen: two versions of a document, inline or side by side,
// with the list of changes in the margin, next/previous (F7 / Shift+F7,
// Alt+↓ / Alt+↑), and taking over or declining changes into a new version.
import type { Change, ChangeKind, CommentThread, ParaafApi, VersionComparison, VersionInfo } from '../service/contract.js'
import { h, downloadDocx, formatDateTime } from './dom.js'
import { redlineContext, redlineView } from './redline-dom.js'
import type { Screen } from './editor-screen.js'
import { busy, CANCELLED } from './busy.js'

const KIND_LABELS: Record<ChangeKind, string> = {
  insert: 'Ingevoegd', delete: 'Verwijderd', replace: 'Vervangen', move: 'Verplaatst', format: 'Opmaak',
  table: 'Tabel', footnote: 'Voetnoot', metadata: 'Gegevens',
}

type Decision = 'accept' | 'reject'

/** The rows drawn at once: more than a screen, also on a large monitor. */
const FIRST_ROWS = 40

// Decisions survive switching between inline and side by side (same pair of versions).
const pendingDecisions = new Map<string, Map<string, Decision>>()

/** Opens the comparison of versions `a` and `b` of document `id`. */
export async function openCompareScreen(api: ParaafApi, id: number, a: number, b: number, view: 'inline' | 'side', navigate: (hash: string) => void): Promise<Screen | string> {
  // The first screen's rows come first (a 600 KB letter's word diffs take a
  // while); the rest of the comparison and the comments follow once it is
  // on screen: the service answers one call at a time.
  const [compared, versionsResult] = await Promise.all([api.compareVersions({ id, a, b, first: FIRST_ROWS }), api.listVersions({ id })])
  if (!compared.ok) return compared.error
  if (!versionsResult.ok) return versionsResult.error
  let cmp: VersionComparison = compared.value
  const versions = versionsResult.value
  let changes = cmp.comparison.changes
  const pairKey = `${id}/${a}/${b}/${compared.value.latestVersion}`
  const decisions = pendingDecisions.get(pairKey) ?? new Map<string, Decision>()
  pendingDecisions.clear()
  pendingDecisions.set(pairKey, decisions)
  const canReview = cmp.b.number === cmp.latestVersion
  // Comments of both versions beside the changes they touch (same block), once they are read.
  let threadsA: CommentThread[] = []
  let threadsB: CommentThread[] = []
  const commentsFor = (c: Change) => {
    const seen = new Set<string>()
    return [...threadsB.filter((t) => c.blockB !== null && t.block === c.blockB), ...threadsA.filter((t) => c.blockA !== null && t.block === c.blockA)]
      .filter((t) => !seen.has(t.id) && seen.add(t.id))
  }

  let current = -1

  // --- header: which versions, which view --------------------------------------
  const versionSelect = (selected: number, name: string) => {
    const select = h('select', { name, 'aria-label': name === 'a' ? 'Oude versie' : 'Nieuwe versie' },
      ...[...versions].reverse().map((v) => {
        const o = h('option', { value: v.number }, versionLabel(v, cmp.latestVersion))
        if (v.number === selected) o.selected = true
        return o
      }))
    select.addEventListener('change', () => navigate(`#/doc/${id}/compare/${selA.value}/${selB.value}${view === 'side' ? '/side' : ''}`))
    return select
  }
  const selA = versionSelect(a, 'a')
  const selB = versionSelect(b, 'b')
  const viewButton = (label: string, which: 'inline' | 'side') =>
    h('button', { type: 'button', className: view === which ? 'active' : null, 'aria-pressed': String(view === which), onClick: () => navigate(`#/doc/${id}/compare/${a}/${b}${which === 'side' ? '/side' : ''}`) }, label)

  const summary = h('div', { className: 'compare-summary', 'data-testid': 'compare-summary', 'aria-live': 'polite' })
  const countLine = h('p', { className: 'kind-counts' })
  const position = h('span', { className: 'position', 'data-testid': 'change-position' })
  /** The counts, once the whole comparison is there. */
  function renderCounts() {
    if (!cmp.complete) {
      summary.textContent = 'Wijzigingen worden geteld…'
      countLine.textContent = ''
      position.textContent = ''
      return
    }
    const s = cmp.comparison.stats
    const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`
    summary.textContent = `${n(changes.length, 'wijziging', 'wijzigingen')} · ${n(s.insertedWords, 'woord', 'woorden')} ingevoegd · ${s.deletedWords} verwijderd · ${s.movedBlocks} verplaatst · ${n(s.changedBlocks, 'blok', 'blokken')} gewijzigd`
    const counts = new Map<ChangeKind, number>()
    for (const c of changes) counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1)
    countLine.textContent = [...counts].map(([k, n]) => `${KIND_LABELS[k]}: ${n}`).join(' · ') || 'Geen verschillen.'
    position.textContent = changes.length ? `${current >= 0 ? current + 1 : '–'} / ${changes.length}` : ''
  }

  // --- the redline ---------------------------------------------------------------
  const metaTable = metadataDom(cmp)
  // The first screen is drawn at once, the rest in slices of about 12 ms (see drawRest).
  const drawing = redlineView(cmp.comparison, redlineContext(cmp.comparison), view)
  const redline = drawing.root
  const columns = view === 'side'
    ? h('div', { className: 'side-head' }, h('div', {}, `Versie ${a}`), h('div', {}, `Versie ${b}`))
    : null
  const paper = h('article', { className: `page compare-page ${view}` }, metaTable ?? '', columns ?? '', redline)
  // Focusable, so the keyboard can scroll the redline (it holds nothing else to focus).
  const scroller = h('div', { className: 'page-scroll', 'data-testid': 'compare-scroll', tabindex: 0, role: 'region', 'aria-label': `Versie ${a} en ${b} vergeleken` }, paper)
  redline.addEventListener('click', (event) => {
    const el = (event.target as HTMLElement).closest<HTMLElement>('[data-change]')
    if (el) select(changes.findIndex((c) => c.id === el.dataset.change))
  })

  // --- the change list -------------------------------------------------------------
  const items: HTMLElement[] = []
  const list = h('ol', { className: 'change-list', 'data-testid': 'change-list' })
  const decisionCount = h('span', { className: 'muted' })

  function changeItem(c: Change, i: number) {
    const check = h('input', { type: 'checkbox', 'aria-label': `Wijziging ${i + 1} selecteren` })
    const text = c.kind === 'format' || c.kind === 'move' ? (c.detail ?? snippet(c.inserted || c.deleted)) : null
    const li = h('li', { 'data-change': c.id, className: `kind-${c.kind}` },
      check,
      h('button', { type: 'button', className: 'change-body', onClick: () => select(i) },
        h('span', { className: 'kind' }, `${KIND_LABELS[c.kind]}${c.key ? `: ${c.key}` : ''}`),
        text ? h('span', { className: 'detail' }, text) : '',
        !text && c.deleted ? h('del', {}, snippet(c.deleted)) : '',
        !text && c.inserted ? h('ins', {}, snippet(c.inserted)) : ''),
      h('span', { className: 'decision', 'data-testid': 'decision' }),
      h('div', { className: 'who muted', 'data-testid': 'who' }, whoText(c)),
      ...commentLines(c))
    return li
  }
  // Who brought each change in, and when (the versions between A and B); asked for once the comparison is complete.
  let who: Record<string, { version: number; author: string; createdAt: string } | null> = {}
  const whoText = (c: Change) => {
    const w = who[c.id]
    return w ? `${w.author} · ${formatDateTime(w.createdAt)} · versie ${w.version}` : ''
  }
  function showWho() {
    items.forEach((li, i) => {
      const line = li.querySelector<HTMLElement>('[data-testid="who"]')
      if (line) line.textContent = whoText(changes[i])
    })
    for (const c of changes) {
      const text = whoText(c)
      if (text) for (const el of elementsOf(c.id)) el.title = `${KIND_LABELS[c.kind]} door ${text}`
    }
  }
  async function attributeAll() {
    if (left || a >= b || !changes.length) return
    const found = await api.attributeComparison({ id, a, b })
    if (left || !found.ok) return
    who = found.value
    if (allDrawn) showWho()
  }
  const commentLines = (c: Change) => commentsFor(c).map((t) => h('div', { className: 'compare-comments', 'data-comment': t.id }, `Opmerking ${t.org || t.author}: ${snippet(t.text)}`))
  /** The rest of the comparison, after the first screen: the numbers of the changes drawn so far stay. */
  async function completeComparison() {
    if (cmp.complete) return
    const whole = await api.compareVersions({ id, a, b })
    if (left) return
    if (!whole.ok) {
      message.textContent = whole.error
      return
    }
    cmp = whole.value
    changes = cmp.comparison.changes
    drawing.extend(cmp.comparison, redlineContext(cmp.comparison))
    byChange = null
    renderCounts()
    for (const button of wholeOnly) button.disabled = !canReview
    drawRest()
  }
  const comments = () => Promise.all([api.listComments({ id, version: a }), api.listComments({ id, version: b })]).then(([commentsA, commentsB]) => {
    if (left) return
    threadsA = commentsA.ok ? commentsA.value.threads.filter((t) => t.anchored) : []
    threadsB = commentsB.ok ? commentsB.value.threads.filter((t) => t.anchored) : []
    // Items drawn so far get theirs now; the ones drawn later get them as they are made.
    items.forEach((li, i) => li.append(...commentLines(changes[i])))
  })

  // The elements of each change, found once: "Alles overnemen" on hundreds of
  // changes would otherwise search the whole page once per change.
  let byChange: Map<string, HTMLElement[]> | null = null
  const elementsOf = (changeId: string): HTMLElement[] => {
    if (!byChange) {
      byChange = new Map()
      for (const el of paper.querySelectorAll<HTMLElement>('[data-change]')) {
        const list = byChange.get(el.dataset.change!) ?? []
        list.push(el)
        byChange.set(el.dataset.change!, list)
      }
    }
    return byChange.get(changeId) ?? []
  }

  // --- drawing: the first screen now, the rest a slice at a time ------------------
  const FIRST_ITEMS = 60
  let rowsDrawn = 0
  let left = false
  let allDrawn = false
  function drawRows(to: number) {
    to = Math.min(to, drawing.rows)
    if (to <= rowsDrawn) return
    drawing.render(rowsDrawn, to)
    rowsDrawn = to
    byChange = null
  }
  function drawItems(to: number) {
    to = Math.min(to, changes.length)
    if (to <= items.length) return
    const fresh = changes.slice(items.length, to).map((c, k) => changeItem(c, items.length + k))
    items.push(...fresh)
    list.append(...fresh)
  }
  const unfinished = () => rowsDrawn < drawing.rows || items.length < changes.length
  /** Everything drawn now: before anything that needs all changes on the page. */
  function drawAll() {
    drawRows(drawing.rows)
    drawItems(changes.length)
    if (!allDrawn && cmp.complete) {
      allDrawn = true
      renderDecisions()
      showWho()
    }
  }
  function drawRest() {
    if (left || allDrawn) return
    const start = performance.now()
    while (unfinished() && performance.now() - start < 12) {
      drawRows(rowsDrawn + 20)
      drawItems(items.length + 40)
    }
    if (unfinished()) setTimeout(drawRest, 0)
    else drawAll()
  }
  drawRows(FIRST_ROWS)
  drawItems(FIRST_ITEMS)
  // The rest only once the first screen is painted.
  requestAnimationFrame(() => setTimeout(() => void completeComparison().then(comments).then(attributeAll), 0))

  function select(index: number) {
    if (index < 0 || index >= changes.length) return
    drawAll()
    current = index
    const id = changes[index].id
    paper.querySelectorAll('.current').forEach((el) => el.classList.remove('current'))
    const targets = elementsOf(id)
    targets.forEach((el) => el.classList.add('current'))
    targets[0]?.scrollIntoView({ block: 'center' })
    items.forEach((li, i) => li.classList.toggle('current', i === index))
    items[index].scrollIntoView({ block: 'nearest' })
    position.textContent = `${index + 1} / ${cmp.complete ? changes.length : '…'}`
  }

  function decide(ids: string[], decision: Decision) {
    for (const id of ids) decisions.set(id, decision)
    renderDecisions()
  }

  function renderDecisions() {
    changes.forEach((c, i) => {
      if (!items[i]) return // not drawn yet: done once everything is
      const d = decisions.get(c.id)
      items[i].classList.toggle('accepted', d === 'accept')
      items[i].classList.toggle('rejected', d === 'reject')
      items[i].querySelector('.decision')!.textContent = d === 'accept' ? 'overgenomen' : d === 'reject' ? 'geweigerd' : ''
      elementsOf(c.id).forEach((el) => {
        el.classList.toggle('accepted', d === 'accept')
        el.classList.toggle('rejected', d === 'reject')
      })
    })
    const acc = [...decisions.values()].filter((d) => d === 'accept').length
    decisionCount.textContent = decisions.size ? `${acc} overgenomen, ${decisions.size - acc} geweigerd` : ''
    apply.disabled = !canReview || decisions.size === 0
  }

  /**
   * Decides the checked changes, or else the current one and then goes on to
   * the next, as Word's "Accept and move to next" does.
   */
  function decideAndGoOn(decision: Decision) {
    const ids = chosen()
    if (!ids.length) return
    const single = ids.length === 1 && current >= 0 && changes[current].id === ids[0]
    decide(ids, decision)
    if (single && current + 1 < changes.length) select(current + 1)
  }

  /** The checked changes, or else the current one. */
  const chosen = () => {
    const checked = changes.filter((_, i) => items[i]?.querySelector<HTMLInputElement>('input')!.checked).map((c) => c.id)
    return checked.length ? checked : current >= 0 ? [changes[current].id] : []
  }

  // Everything can be decided once every change is known.
  const wholeOnly = [
    h('button', { type: 'button', disabled: !canReview || !cmp.complete, onClick: () => decide(changes.map((c) => c.id), 'accept') }, 'Alles overnemen'),
    h('button', { type: 'button', disabled: !canReview || !cmp.complete, onClick: () => decide(changes.map((c) => c.id), 'reject') }, 'Alles weigeren'),
  ]
  const apply = h('button', { type: 'button', className: 'primary', disabled: true, title: canReview ? 'Schrijft een nieuwe versie: geweigerde wijzigingen teruggedraaid, de rest behouden' : 'Kan alleen tegen de huidige versie' }, 'Verwerken als nieuwe versie')
  apply.addEventListener('click', async () => {
    const accept = [...decisions].filter(([, d]) => d === 'accept').map(([id]) => id)
    const reject = [...decisions].filter(([, d]) => d === 'reject').map(([id]) => id)
    const result = await api.reviewChanges({ id, a, b, accept, reject })
    if (!result.ok) {
      message.textContent = result.error
      return
    }
    pendingDecisions.clear()
    navigate(`#/doc/${id}`)
  })
  const message = h('p', { className: 'message', role: 'alert' }, canReview ? '' : `Versie ${b} is niet de huidige versie (${cmp.latestVersion}); overnemen en weigeren kan alleen tegen de huidige versie.`)

  const side = h('aside', { className: 'side compare-side' },
    h('h2', {}, 'Wijzigingen'),
    countLine,
    h('div', { className: 'nav-buttons' },
      h('button', { type: 'button', title: 'Vorige wijziging (Shift+F7 of Alt+↑)', onClick: () => select(current <= 0 ? 0 : current - 1) }, '↑ Vorige'),
      h('button', { type: 'button', title: 'Volgende wijziging (F7 of Alt+↓)', onClick: () => select(current + 1) }, '↓ Volgende'),
      position),
    h('div', { className: 'decide-buttons' },
      h('button', { type: 'button', disabled: !canReview, onClick: () => decideAndGoOn('accept'), title: 'De gekozen wijziging(en) overnemen, dan naar de volgende (O)', 'aria-keyshortcuts': 'O' }, '✓ Overnemen'),
      h('button', { type: 'button', disabled: !canReview, onClick: () => decideAndGoOn('reject'), title: 'De gekozen wijziging(en) weigeren, dan naar de volgende (W)', 'aria-keyshortcuts': 'W' }, '✗ Weigeren'),
      ...wholeOnly),
    list,
    h('div', { className: 'apply-bar' }, decisionCount, apply),
    message)

  const element = h('div', { className: 'compare-screen' },
    h('header', { className: 'app-bar' },
      h('button', { type: 'button', className: 'link', onClick: () => navigate(`#/doc/${id}`) }, '← Terug naar het document'),
      h('span', { className: 'doc-title' }, 'Vergelijken'),
      h('label', { className: 'version-pick' }, 'Versie ', selA), h('span', {}, 'met'), h('label', { className: 'version-pick' }, 'versie ', selB),
      h('span', { className: 'spacer' }),
      h('button', { type: 'button', title: `Versie ${b} als Word-bestand, met de wijzigingen ten opzichte van versie ${a} als bijgehouden wijzigingen en met de opmerkingen`, onClick: () => void exportRedline() }, 'Naar Word met wijzigingen'),
      h('span', { className: 'view-toggle', role: 'group', 'aria-label': 'Weergave' }, viewButton('Inline', 'inline'), viewButton('Naast elkaar', 'side'))),
    summary,
    h('div', { className: 'workspace' }, scroller, side))

  async function exportRedline() {
    const result = await busy('Exporteren naar Word met wijzigingen…', () => api.exportDocx({ id, version: b, against: a, comments: true }), { cancellable: true })
    if (result === CANCELLED) return
    if (!result.ok) {
      message.textContent = result.error
      return
    }
    downloadDocx(result.value)
  }

  const onKey = (event: KeyboardEvent) => {
    const next = event.key === 'F7' && !event.shiftKey || (event.altKey && event.key === 'ArrowDown')
    const prev = event.key === 'F7' && event.shiftKey || (event.altKey && event.key === 'ArrowUp')
    // O and W take over or decline the current change and go on to the next (not while typing in a field).
    const inField = (event.target as HTMLElement | null)?.closest?.('input, select, textarea, [contenteditable="true"]')
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey && !inField
    if (plain && canReview && (event.key === 'o' || event.key === 'w')) {
      event.preventDefault()
      decideAndGoOn(event.key === 'o' ? 'accept' : 'reject')
      return
    }
    if (!next && !prev) return
    event.preventDefault()
    select(next ? current + 1 : Math.max(0, current - 1))
  }
  document.addEventListener('keydown', onKey)
  renderCounts()
  renderDecisions()
  document.title = `Vergelijken: versie ${a} en ${b} – Paraaf`

  return {
    element,
    async leave() {
      left = true
      document.removeEventListener('keydown', onKey)
      return true
    },
  }
}

function versionLabel(v: VersionInfo, latest: number): string {
  const what = v.label ?? (v.kind === 'auto' ? 'automatisch' : v.kind === 'create' ? 'nieuw' : v.kind)
  return `${v.number}${v.number === latest ? ' (huidig)' : ''} – ${formatDateTime(v.createdAt)} – ${what}`
}

function snippet(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim()
  return t.length > 90 ? t.slice(0, 88) + '…' : t
}

function metadataDom(cmp: VersionComparison): HTMLElement | null {
  const changed = cmp.comparison.meta.filter((m) => m.id)
  if (!changed.length) return null
  const text = (v: string | string[] | undefined) => (v === undefined ? '' : Array.isArray(v) ? v.join(' / ') : v)
  return h('table', { className: 'meta-changes' },
    h('caption', {}, 'Gewijzigde gegevens'),
    ...changed.map((m) => h('tr', { 'data-change': m.id! },
      h('th', {}, m.key),
      h('td', {}, m.a !== undefined ? h('del', { 'data-change': m.id! }, text(m.a)) : '', ' ', m.b !== undefined ? h('ins', { 'data-change': m.id! }, text(m.b)) : ''))))
}
