// The start screen: the documents, a filter on title, New and Import.
import type { DocumentSummary, ManagedSettings, ParaafApi, Result, TemplateManifest } from '../service/contract.js'
import { h, choose, downloadFile, fileToBase64, formatDateTime, modal } from './dom.js'
import { busy, CANCELLED } from './busy.js'
import type { Screen } from './editor-screen.js'

/** The snippet with the found words (between [ and ]) in <mark>, as text nodes only. */
function highlight(snippet: string): Node[] {
  return snippet.split(/(\[[^\]]*\])/).map((part) => (part.startsWith('[') && part.endsWith(']') ? h('mark', {}, part.slice(1, -1)) : document.createTextNode(part)))
}

/** Builds the start screen and loads the list of documents. */
export function openStartScreen(api: ParaafApi, templates: TemplateManifest[], navigate: (hash: string) => void): Screen {
  const labelOf = (type: string) => templates.find((t) => t.type === type)?.label ?? type
  const message = h('p', { className: 'message', role: 'status' })
  const tbody = h('tbody')
  const filter = h('input', { type: 'search', placeholder: 'Zoek op titel…', 'aria-label': 'Zoek op titel' })
  let all: DocumentSummary[] = []

  // The rows are built once per load; typing in the filter only hides and shows them
  // (rebuilding 1,000 rows took about 110 ms a keystroke).
  let rows: { row: HTMLElement; title: string }[] = []
  // Only the rows shown are in the table: rows that are merely hidden still cost the
  // browser a style pass over all 1,000 on every keystroke.
  let shown: HTMLElement[] | null = null
  const render = () => {
    rows = all.map((d) => {
      const row = h('tr', { tabindex: 0, 'data-id': d.id },
        h('td', { className: 'title' }, d.title, d.round ? h('div', { className: `round-state${d.round.unprocessed ? ' waiting' : ''}${d.round.deadlinePassed && (d.round.unprocessed || d.round.returned < d.round.asked) ? ' late' : ''}`, 'data-testid': 'round-state' },
          `Afstemming: ${d.round.returned} van ${d.round.asked} reacties${d.round.deadline ? `, deadline ${d.round.deadline}${d.round.deadlinePassed ? ' (verstreken)' : ''}` : ''}${d.round.unprocessed ? ` · ${d.round.unprocessed} te verwerken` : ''}`) : null,
          d.parafen ? h('div', { className: `round-state${d.parafen.vervallen ? ' waiting' : ''}`, 'data-testid': 'paraaf-state' },
            `Parafen: ${d.parafen.given} van ${d.parafen.of}${d.parafen.vervallen ? ` · ${d.parafen.vervallen} vervallen` : ''}`) : null),
        h('td', {}, labelOf(d.type)),
        h('td', {}, formatDateTime(d.updatedAt)),
        h('td', { className: 'num' }, String(d.versions)),
        h('td', { className: 'actions' }, trash
          ? h('button', { type: 'button', className: 'link', 'aria-label': `${d.title} terugzetten`, onClick: (e: Event) => { e.stopPropagation(); void undelete(d) } }, 'Terugzetten')
          : h('button', { type: 'button', className: 'row-menu', title: 'Naam wijzigen, kopie maken, soort wijzigen, naar de prullenbak', 'aria-label': `Acties voor ${d.title}`, 'aria-haspopup': 'dialog', onClick: (e: Event) => { e.stopPropagation(); void rowActions(d) } }, '⋯')))
      row.addEventListener('click', () => navigate(`#/doc/${d.id}`))
      row.addEventListener('keydown', (e) => { if (e.key === 'Enter') navigate(`#/doc/${d.id}`) })
      return { row, title: d.title.toLocaleLowerCase('nl') }
    })
    shown = null // new rows: the table is filled again whatever matches
    applyFilter()
  }
  // At most this many rows at a time, unless the user asks for all: laying out
  // a table of 1,000 rows on every keystroke is what made the filter slow, and
  // 50 rows still cost a frame now and then (p95 14–16 ms against 10 ms for
  // 30); a 1920 × 1080 screen shows about 22.
  const ROWS_SHOWN = 30
  let showAll = false
  const moreButton = h('button', { type: 'button', className: 'link', onClick: () => { showAll = true; applyFilter() } })
  const moreRow = h('tr', { className: 'more-documents' }, h('td', { colSpan: 5 }, moreButton))
  const applyFilter = () => {
    const needle = filter.value.trim().toLocaleLowerCase('nl')
    let matches = 0
    const next: HTMLElement[] = []
    for (const r of rows) {
      if (needle && !r.title.includes(needle)) continue
      matches++
      if (showAll || matches <= ROWS_SHOWN) next.push(r.row)
    }
    const rest = showAll ? 0 : Math.max(0, matches - ROWS_SHOWN)
    moreButton.textContent = `Nog ${rest} documenten tonen`
    moreRow.hidden = rest === 0
    if (!shown || next.length !== shown.length || next.some((row, i) => row !== shown![i])) {
      shown = next
      tbody.replaceChildren(...next, moreRow)
    }
    message.textContent = all.length === 0 ? (trash ? 'De prullenbak is leeg.' : 'Nog geen documenten. Maak een nieuw document of importeer een Word- of Markdown-bestand.') : matches === 0 ? 'Geen document met deze titel.' : ''
  }
  filter.addEventListener('input', applyFilter)

  // Full-text search: the current text of every document, version names and comments.
  const searchBox = h('input', { type: 'search', placeholder: 'Zoeken in tekst, versies en opmerkingen…', 'aria-label': 'Zoeken in tekst, versies en opmerkingen' })
  const results = h('ol', { className: 'search-results', 'data-testid': 'search-results' })
  const whereLabel = { tekst: 'in de tekst', versie: 'in een versienaam', opmerking: 'in een opmerking' } as const
  const runSearch = async () => {
    const query = searchBox.value.trim()
    if (!query) return results.replaceChildren()
    const r = await api.search({ query })
    if (!r.ok) return results.replaceChildren(h('li', { className: 'error' }, r.error))
    if (!r.value.length) return results.replaceChildren(h('li', { className: 'muted' }, `Niets gevonden voor “${query}”.`))
    results.replaceChildren(...r.value.map((hit) => {
      const li = h('li', { tabindex: 0 }, h('strong', {}, hit.title), h('span', { className: 'muted' }, ` — ${whereLabel[hit.where]}`), h('div', { className: 'snippet' }, ...highlight(hit.snippet)))
      // Open at the hit: the words in the text, or the comment's thread.
      const open = () => navigate(
        hit.where === 'versie' && hit.ref ? `#/doc/${hit.documentId}/v/${hit.ref}`
          : hit.where === 'opmerking' && hit.ref ? `#/doc/${hit.documentId}?opmerking=${encodeURIComponent(hit.ref)}`
            : `#/doc/${hit.documentId}?zoek=${encodeURIComponent(hit.snippet)}`)
      li.addEventListener('click', open)
      li.addEventListener('keydown', (e) => { if (e.key === 'Enter') open() })
      return li
    }))
  }
  searchBox.addEventListener('keydown', (e) => { if (e.key === 'Enter') void runSearch() })
  searchBox.addEventListener('search', () => void runSearch())

  // The Prullenbak: deleted documents, every version kept, to put back.
  let trash = false
  const trashButton = h('button', { type: 'button', className: 'link trash-toggle', 'aria-pressed': 'false' }, 'Prullenbak')
  const heading = h('h1', {}, 'Documenten')
  // "Prullenbak leegmaken…", shown in the Prullenbak when something is in it.
  const emptyButton = h('button', { type: 'button', className: 'danger', hidden: true, onClick: () => void emptyTrash() }, 'Prullenbak leegmaken…')
  trashButton.addEventListener('click', () => {
    trash = !trash
    trashButton.setAttribute('aria-pressed', String(trash))
    trashButton.textContent = trash ? '← Documenten' : 'Prullenbak'
    heading.textContent = trash ? 'Prullenbak' : 'Documenten'
    void load()
  })
  async function emptyTrash() {
    const n = all.length
    const sure = await choose('Prullenbak leegmaken',
      `${n} ${n === 1 ? 'document wordt' : 'documenten worden'} definitief verwijderd, met alle versies en opmerkingen. Dit kan niet ongedaan worden gemaakt; een eerder gemaakte reservekopie kan ze nog bevatten. Documenten met parafen, afstemmingsrondes of Woo-publicaties blijven staan.`,
      [['empty', 'Definitief verwijderen'], ['', 'Annuleren']], '')
    if (sure !== 'empty') return
    const result = await api.emptyTrash()
    if (!result.ok) return fail(result.error)
    await load()
    const { removed, kept } = result.value
    message.textContent = `${removed} ${removed === 1 ? 'document' : 'documenten'} definitief verwijderd.${kept.length ? ` ${kept.length === 1 ? 'Blijft staan' : 'Blijven staan'}: ${kept.map((k) => `“${k.title}” (${k.why})`).join('; ')}.` : ''}`
  }

  async function load() {
    const result = await api.listDocuments(trash ? { trash: true } : {})
    if (!result.ok) {
      message.textContent = result.error
      return
    }
    all = result.value
    emptyButton.hidden = !trash || all.length === 0
    render()
  }

  /** What can be done with a document from the list, as Word's file menu does. */
  async function rowActions(d: DocumentSummary) {
    const action = await choose(d.title, `${labelOf(d.type)}, ${d.versions} ${d.versions === 1 ? 'versie' : 'versies'}.`,
      [['rename', 'Naam wijzigen…'], ['copy', 'Kopie maken…'], ['type', 'Soort wijzigen…'], ['delete', 'Naar de prullenbak'], ['', 'Annuleren']], '')
    if (action === 'rename') {
      const input = h('input', { type: 'text', name: 'title', maxlength: 500 })
      input.value = d.title
      const title = await modal('Naam wijzigen', h('label', {}, 'Titel (onderwerp)', input), 'Wijzigen', () => {
        if (!input.value.trim()) throw new Error('Vul een titel in.')
        return input.value.trim()
      })
      if (title) await report(api.renameDocument({ id: d.id, title }), `Titel gewijzigd in “${title}”.`)
    } else if (action === 'copy' || action === 'type') {
      const select = h('select', { name: 'type', 'aria-label': 'Documentsoort' }, ...templates.map((t) => h('option', { value: t.type, selected: t.type === d.type }, t.label)))
      const type = await modal(action === 'copy' ? 'Kopie maken' : 'Soort wijzigen',
        h('div', {}, h('label', {}, action === 'copy' ? 'Nieuw document van de soort' : 'Nieuwe soort', select),
          h('p', { className: 'muted' }, action === 'copy' ? 'De kopie begint met de huidige tekst en gegevens; de opmerkingen blijven bij het origineel.' : 'De velden van de nieuwe soort komen erbij; wat beide soorten hebben, blijft. De wijziging komt als versie in de geschiedenis.')),
        action === 'copy' ? 'Kopie maken' : 'Wijzigen', () => select.value)
      if (!type) return
      if (action === 'copy') {
        const made = await api.copyDocument({ id: d.id, type })
        if (!made.ok) message.textContent = made.error
        else navigate(`#/doc/${made.value.id}`)
      } else await report(api.changeDocumentType({ id: d.id, type }), `“${d.title}” is nu een ${labelOf(type).toLowerCase()}.`)
    } else if (action === 'delete') {
      await report(api.deleteDocument({ id: d.id }), `“${d.title}” staat in de prullenbak; alle versies blijven bewaard tot de prullenbak wordt leeggemaakt, en u kunt het daar terugzetten.`)
    }
  }
  async function undelete(d: DocumentSummary) {
    await report(api.undeleteDocument({ id: d.id }), `“${d.title}” is teruggezet.`)
  }
  /** Reloads the list after an action and says what happened (or what went wrong). */
  async function report(pending: Promise<Result<unknown>>, done: string) {
    const result = await pending
    await load()
    message.textContent = result.ok ? done : result.error
    message.classList.toggle('error', !result.ok)
  }

  async function newDocument() {
    const select = h('select', { name: 'type', 'aria-label': 'Documenttype' }, ...templates.map((t) => h('option', { value: t.type }, t.label)))
    const description = h('p', { className: 'muted' }, templates[0]?.description ?? '')
    select.addEventListener('change', () => { description.textContent = templates.find((t) => t.type === select.value)?.description ?? '' })
    const type = await modal('Nieuw document', h('div', {}, h('label', {}, 'Soort document', select), description), 'Aanmaken', () => select.value)
    if (!type) return
    const result = await api.createDocument({ type })
    if (!result.ok) message.textContent = result.error
    else navigate(`#/doc/${result.value.id}`)
  }

  // Versions carry the author's name; the OS user name until it is set here.
  const authorButton = h('button', { type: 'button', className: 'link', title: 'Naam bij nieuwe versies wijzigen' }, 'Auteur: …')
  const showAuthor = async () => {
    const r = await api.getSettings()
    if (!r.ok) return
    authorButton.textContent = `Auteur: ${r.value.author}`
    // A policy file IT placed but Paraaf could not use is said once, on the start screen.
    if (r.value.managed?.problem && !message.textContent) message.textContent = r.value.managed.problem
  }
  authorButton.addEventListener('click', async () => {
    const input = h('input', { type: 'text', name: 'author', maxlength: 100 })
    const current = await api.getSettings()
    if (current.ok) input.value = current.value.author
    const name = await modal('Uw naam', h('div', {}, h('label', {}, 'Naam bij nieuwe versies', input), current.ok ? managedDom(current.value.managed) : ''), 'Opslaan', () => {
      if (!input.value.trim()) throw new Error('Vul een naam in.')
      return input.value.trim()
    })
    if (!name) return
    const r = await api.setSettings({ author: name })
    if (!r.ok) message.textContent = r.error
    await showAuthor()
  })
  void showAuthor().then(() => void firstStart())

  /**
   * The first start: who is writing. Name, organisation or directie and
   * initials go with every version and comment; asked once (Escape asks again
   * next time), changed later under "Auteur".
   */
  async function firstStart() {
    const current = await api.getSettings()
    if (!current.ok || current.value.identified) return
    const name = h('input', { type: 'text', name: 'author', maxlength: 100, autocomplete: 'name' })
    name.value = current.value.author
    const org = h('input', { type: 'text', name: 'org', maxlength: 100, placeholder: 'bijv. DGRR/PAO', disabled: !!current.value.managed?.organisation })
    org.value = current.value.org ?? ''
    const initials = h('input', { type: 'text', name: 'initials', maxlength: 8, placeholder: 'bijv. JdV' })
    const guess = (n: string) => n.split(/[\s.]+/).filter(Boolean).map((p) => (/^(van|de|der|den|het|ten|ter|te)$/.test(p) ? p[0] : p[0].toUpperCase())).join('').slice(0, 4)
    initials.value = guess(name.value)
    name.addEventListener('input', () => { initials.value = guess(name.value) })
    const chosen = await modal('Welkom bij Paraaf', h('div', { className: 'first-start' },
      h('p', {}, 'Bij elke versie en opmerking zet Paraaf wie die schreef. Vul in hoe u in uw stukken wilt staan.'),
      h('label', {}, 'Naam', name),
      h('label', {}, 'Organisatie of directie', org),
      h('label', {}, 'Initialen', initials)), 'Opslaan', () => {
      if (!name.value.trim()) throw new Error('Vul uw naam in.')
      return { author: name.value.trim(), org: org.value.trim(), initials: initials.value.trim() }
    })
    if (!chosen) return
    const r = await api.setSettings({ author: chosen.author, ...(org.disabled ? {} : { org: chosen.org }), initials: chosen.initials })
    if (!r.ok) message.textContent = r.error
    await showAuthor()
  }

  // "Controleren": whether a Word file is exactly a version, and which parafen its text carries.
  const checkInput = h('input', { type: 'file', accept: '.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document', hidden: true, 'data-testid': 'check-file' })
  checkInput.addEventListener('change', async () => {
    const file = checkInput.files?.[0]
    checkInput.value = ''
    if (!file) return
    const result = await api.verifyDocx({ base64: await fileToBase64(file) })
    if (!result.ok) {
      message.textContent = `${file.name}: ${result.error}`
      return
    }
    const r = result.value
    const parafen = r.approvals.map((a) => `${a.name} (${a.role}, ${a.kind}paraaf, ${a.date})`)
    const text = r.matches
      ? `${file.name} is precies versie ${r.version} van document ${r.document}. ${parafen.length ? `Parafen op deze tekst: ${parafen.join('; ')}.` : 'Op deze tekst staan geen parafen.'}`
      : `${file.name}: ${r.reason}`
    await choose(r.matches ? 'Bestand klopt' : 'Bestand klopt niet', text, [['ok', 'OK']], 'ok')
  })
  const fileInput = h('input', { type: 'file', accept: '.md,.markdown,.txt,.docx,text/markdown,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document', hidden: true })
  const fail = (text: string) => {
    message.textContent = text
    message.classList.add('error')
  }
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0]
    fileInput.value = ''
    if (!file) return
    message.classList.remove('error')
    if (!/\.(docx|md|markdown|txt)$/i.test(file.name)) return fail(`${file.name} kan Paraaf niet lezen: kies een Word-bestand (.docx) of een Markdown- of tekstbestand (.md, .txt).`)
    if (/\.docx$/i.test(file.name)) {
      message.textContent = `${file.name} wordt gelezen…`
      const base64 = await fileToBase64(file)
      const result = await busy(`${file.name} inlezen…`, () => api.importDocx({ base64, fileName: file.name }))
      if (result === CANCELLED) return
      if (!result.ok) fail(`${file.name}: ${result.error}`)
      else {
        // What could not be kept as it was (an endnote, a text box) is said before the document opens.
        if (result.value.notices.length) await choose('Word-bestand ingelezen', `${file.name}: ${result.value.notices.join(' ')}`, [['ok', 'OK']], 'ok')
        navigate(`#/doc/${result.value.id}`)
      }
      return
    }
    if (file.size > 2 * 1024 * 1024) return fail(`${file.name} is te groot; Paraaf leest Markdown tot 2 MB.`)
    const text = await file.text()
    // Without a type in its front matter, the file says nothing of what it is: ask, never guess a nota.
    let type: string | undefined
    if (!/^---\r?\n(?:[^\n]*\n)*?type:\s*\S/.test(text)) {
      const lower = file.name.toLowerCase()
      const guess = templates.find((t) => lower.includes(t.type) || lower.includes(t.label.toLowerCase()))?.type
      const select = h('select', { name: 'type', 'aria-label': 'Documentsoort' }, ...templates.map((t) => h('option', { value: t.type, selected: t.type === guess }, t.label)))
      const chosen = await modal('Welke soort document?', h('div', {}, h('p', {}, `${file.name} zegt niet wat voor document het is.`), h('label', {}, 'Soort', select)), 'Importeren', () => select.value)
      if (!chosen) return
      type = chosen
    }
    const result = await api.importMarkdown({ text, fileName: file.name, ...(type ? { type } : {}) })
    if (!result.ok) fail(`${file.name}: ${result.error}`)
    else navigate(`#/doc/${result.value.id}`)
  })

  // The inventory list of a Woo decision, for the documents the user ticks.
  async function wooInventory() {
    if (!all.length) return fail('Er zijn nog geen documenten.')
    const boxes = all.map((d) => h('input', { type: 'checkbox', name: 'doc', value: d.id }))
    const format = h('select', { name: 'format' }, h('option', { value: 'xlsx' }, 'Excel (.xlsx)'), h('option', { value: 'csv' }, 'CSV (.csv)'))
    const body = h('div', { className: 'inventory-form' },
      h('p', { className: 'muted' }, 'Per document: nummer, datum, titel, soort, beoordeling (openbaar, deels openbaar, niet openbaar) en de weigeringsgronden.'),
      h('fieldset', { className: 'inventory-docs' }, h('legend', {}, 'Documenten'),
        ...all.map((d, i) => h('label', { className: 'check' }, boxes[i], ` ${d.title}`))),
      h('label', {}, 'Bestand ', format))
    const ids = await modal('Woo-inventaris', body, 'Maken', () => {
      const chosen = boxes.filter((b) => b.checked).map((b) => Number(b.value))
      if (!chosen.length) throw new Error('Kies ten minste één document.')
      return chosen
    })
    if (!ids) return
    const result = await busy('Inventarislijst maken…', () => api.wooInventory({ ids, format: format.value === 'csv' ? 'csv' : 'xlsx' }), { cancellable: true })
    if (result === CANCELLED) return
    if (!result.ok) return fail(result.error)
    downloadFile(result.value)
    message.textContent = `Inventaris van ${result.value.rows} ${result.value.rows === 1 ? 'document' : 'documenten'} opgeslagen als ${result.value.fileName}.`
  }
  const inventoryButton = h('button', { type: 'button', className: 'link', onClick: () => void wooInventory(), title: 'Inventarislijst voor een Woo-besluit' }, 'Woo-inventaris…')

  const element = h('div', { className: 'start-screen' },
    h('header', { className: 'app-bar' },
      h('span', { className: 'brand' }, 'Paraaf'),
      h('span', { className: 'spacer' }),
      authorButton,
      h('button', { type: 'button', onClick: () => fileInput.click(), title: 'Een Word-document (.docx) of Markdown-bestand openen als nieuw document' }, 'Importeren…'),
      h('button', { type: 'button', onClick: () => checkInput.click(), title: 'Is dit Word-bestand precies een versie in Paraaf, en met welke parafen?' }, 'Controleren…'),
      h('button', { type: 'button', className: 'primary', onClick: () => void newDocument() }, 'Nieuw document')),
    h('main', { className: 'doc-list' },
      h('div', { className: 'list-head' }, heading, filter, searchBox, inventoryButton, emptyButton, trashButton),
      results,
      message,
      // Fixed column widths: hiding and showing rows never has to measure every title again.
      h('table', {},
        h('colgroup', {}, h('col', { className: 'title' }), h('col', { className: 'type' }), h('col', { className: 'changed' }), h('col', { className: 'count' }), h('col', { className: 'actions' })),
        h('thead', {}, h('tr', {}, h('th', {}, 'Titel'), h('th', {}, 'Soort'), h('th', {}, 'Laatst gewijzigd'), h('th', { className: 'num' }, 'Versies'), h('th', {}, h('span', { className: 'visually-hidden' }, 'Acties')))),
        tbody),
      fileInput, checkInput))
  void load()
  return { element, leave: async () => true }
}

/** The settings IT presets (paraaf-beleid.json), shown read-only where the user sets theirs. */
function managedDom(managed: ManagedSettings | undefined): HTMLElement | string {
  if (!managed?.file) return ''
  const rows: [string, string | undefined][] = [['Organisatie', managed.organisation], ['Opslagmap', managed.dataDir], ['Reservekopieën', managed.backupDir], ['Sjablonen', managed.templatesDir]]
  const set = rows.filter(([, v]) => v)
  return h('div', { className: 'managed-settings', 'data-testid': 'managed-settings' },
    h('h3', {}, 'Ingesteld door uw organisatie'),
    managed.problem ? h('p', { className: 'error' }, managed.problem) : '',
    set.length ? h('dl', {}, ...set.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v!)])) : '',
    h('p', { className: 'muted' }, `Uit ${managed.file}; deze instellingen kunt u hier niet wijzigen.`))
}
