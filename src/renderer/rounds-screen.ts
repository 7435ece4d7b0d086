// Afstemming: send a version to partners, take in their returns, and decide
// every proposal of every partner on the current draft in one list, in
// reading order and in each organisation's colour. "Verwerken" writes one new
// version; decisions are kept in the round until then.
import type { ParaafApi, RoundProposal, RoundSummary } from '../service/contract.js'
import { takeOpenedReturn } from './opened-files.js'
import { h, choose, downloadDocx, fileToBase64, formatDateTime, modal } from './dom.js'
import { busy, CANCELLED } from './busy.js'
import type { Screen } from './editor-screen.js'
import { formatDeadline, parseDeadline } from '../core/deadline.js'
import { dutchList } from '../core/dutch.js'

const STATUS_LABEL: Record<RoundProposal['status'], string> = {
  clean: 'Past op de huidige tekst',
  'conflict-draft': 'Conflict: u wijzigde dit zelf ook',
  'conflict-partners': 'Conflict tussen partners',
}
const PARTNER_STATE = { asked: 'gevraagd', returned: 'reactie ontvangen', processed: 'verwerkt' } as const

// Word's reviewer colours: one per partner, in the order the round asked them.
const COLOURS = ['#b5082e', '#1f5fbf', '#2b7a0b', '#8a4ec0', '#c05a00', '#00787a', '#9c6b00', '#c2185b']
let partnerOrder: string[] = []
/** A message that outlives the rebuild of the screen that follows an action. */
let flash: { text: string; error: boolean } | null = null
function colourOf(org: string): string {
  const i = partnerOrder.indexOf(org)
  return COLOURS[(i < 0 ? partnerOrder.length : i) % COLOURS.length]
}

/** The rounds of document `id`; round `roundId` (default the newest) opened. */
export async function openRoundsScreen(api: ParaafApi, id: number, roundId: number | undefined, navigate: (hash: string) => void): Promise<Screen | string> {
  const [opened, listed] = await Promise.all([api.openDocument({ id }), api.listRounds({ id })])
  if (!opened.ok) return opened.error
  if (!listed.ok) return listed.error
  const title = opened.value.title
  const rounds = listed.value
  const round = rounds.find((r) => r.id === roundId) ?? rounds[0]
  const message = h('p', { className: 'round-message', role: 'status', 'data-testid': 'round-message' })
  const say = (text: string, error = false, beforeRebuild = false) => {
    message.textContent = text
    message.classList.toggle('error', error)
    // Said just before the screen is built again: the message stays for that one rebuild.
    if (beforeRebuild) flash = { text, error }
  }
  if (flash) {
    const shown = flash
    flash = null
    message.textContent = shown.text
    message.classList.toggle('error', shown.error)
  }
  const reload = (r?: number) => navigate(`#/doc/${id}/ronde${r ? `/${r}` : ''}?t=${Date.now()}`)

  async function startRound() {
    const partners = h('textarea', { name: 'partners', rows: 4, placeholder: 'Eén organisatie per regel, bijv.\nPolitie\nOM\nFIOD' })
    const deadline = h('input', { type: 'text', name: 'deadline', maxlength: 100, placeholder: 'bijv. vr 12 juni 12.00 uur', 'aria-describedby': 'deadline-read' })
    // What Paraaf reads in the deadline, as it is typed: "vrijdag 12.00" becomes a date the start screen can sort by.
    const readAs = h('span', { className: 'field-hint', id: 'deadline-read', 'data-testid': 'deadline-read' })
    const readDeadline = () => {
      const text = deadline.value.trim()
      const parsed = text ? parseDeadline(text, new Date()) : null
      readAs.textContent = !parsed ? '' : parsed.ok ? `= ${formatDeadline(parsed.value, new Date(), true)}` : parsed.error
      readAs.classList.toggle('error', Boolean(parsed && !parsed.ok))
      return parsed
    }
    deadline.addEventListener('input', readDeadline)
    const note = h('textarea', { name: 'note', rows: 2, maxlength: 2000, placeholder: 'graag input in track changes' })
    const values = await modal('Afstemmingsronde starten', h('div', { className: 'round-form' },
      h('p', {}, `De huidige versie van “${title}” gaat naar elke partner als Word-bestand, met de open opmerkingen.`),
      h('label', {}, 'Partners', partners), h('label', {}, 'Deadline', deadline, readAs), h('label', {}, 'Toelichting', note)), 'Starten en bestanden maken', () => {
      const list = partners.value.split(/[\n,;]/).map((p) => p.trim()).filter(Boolean)
      if (!list.length) throw new Error('Noem minstens één partner.')
      const read = readDeadline()
      if (read && !read.ok) throw new Error(read.error)
      return { partners: list.map((org) => ({ org })), deadline: deadline.value.trim() || undefined, note: note.value.trim() || undefined }
    })
    if (!values) return
    const result = await busy('Ronde starten: een Word-bestand per partner maken…', () => api.startRound({ id, ...values }))
    if (result === CANCELLED) return
    if (!result.ok) return say(result.error, true)
    for (const file of result.value.files) downloadDocx(file)
    reload(result.value.round)
  }

  if (!round) {
    const element = h('div', { className: 'rounds-screen' },
      header(),
      h('main', { className: 'rounds-main' },
        h('h1', {}, 'Afstemming'),
        h('p', {}, 'Nog geen afstemmingsronde voor dit document. Stuur de huidige versie naar partners (politie, OM, FIOD, DFEZ …) en neem hun reacties straks in één overzicht door.'),
        h('button', { type: 'button', className: 'primary', onClick: () => void startRound() }, 'Afstemmingsronde starten…'),
        message))
    return { element, leave: async () => true }
  }

  partnerOrder = round.partners.map((p) => p.org)
  const proposalsResult = await api.roundProposals({ round: round.id })
  if (!proposalsResult.ok) return proposalsResult.error
  const proposals = proposalsResult.value
  const byId = new Map(proposals.map((p) => [p.id, p]))

  async function importReturn(org?: string, picked?: File) {
    const file = picked ?? (await pickFile())
    if (!file) return
    const base64 = await fileToBase64(file)
    const result = await busy(`${file.name} inlezen…`, () => api.importReturn({ round: round!.id, base64, fileName: file.name, org }))
    if (result === CANCELLED) return
    if (!result.ok) {
      // A file without the round's stamp (pasted into a new document): ask whose it is.
      if (!org && /Van welke partner/.test(result.error)) {
        // The service's message says how much the text is like what this round sent.
        const why = result.error.replace(/^Van welke partner is dit bestand\? /, '').replace(/ Kies uit: .*$/, '')
        const choice = await choose('Van welke partner is dit bestand?', `${file.name}: ${why}`, [...round!.partners.map((p) => [p.org, p.org] as [string, string]), ['', 'Annuleren']], '')
        if (choice) return importReturn(choice, file)
        return
      }
      return say(result.error, true)
    }
    const r = result.value
    say(`Reactie van ${r.org}: ${r.proposals} voorstel(len)${r.untracked ? `, waarvan ${r.untracked} niet bijgehouden` : ''}; ${r.comments} opmerking(en).${r.notices.length ? ` Let op: ${r.notices.join(' ')}` : ''}`, false, true)
    reload(round!.id)
  }

  async function decide(ids: string[], decision: 'accept' | 'reject' | 'undecide') {
    if (decision === 'undecide') {
      const result = await api.decideProposals({ round: round!.id, undecide: ids })
      if (!result.ok) return say(result.error, true)
      return reload(round!.id)
    }
    let reason: string | undefined
    if (decision === 'reject') {
      const input = h('input', { type: 'text', name: 'reason', maxlength: 2000, placeholder: 'bijv. past niet bij het kabinetsstandpunt' })
      const value = await modal('Niet overnemen', h('label', {}, 'Reden (optioneel, komt in het verwerkingsoverzicht)', input), 'Niet overnemen', () => ({ reason: input.value.trim() }))
      if (!value) return
      reason = value.reason || undefined
    }
    const accept = decision === 'accept' ? ids : []
    // Taking one partner's version of disputed words declines the others.
    const reject = decision === 'reject' ? ids : ids.flatMap((pid) => byId.get(pid)?.conflictsWith.filter((o) => byId.get(o)?.status === 'conflict-partners') ?? [])
    const result = await api.decideProposals({ round: round!.id, accept, reject: reject.filter((r) => !accept.includes(r)), reason })
    if (!result.ok) return say(result.error, true)
    reload(round!.id)
  }

  async function process() {
    const result = await busy('Reacties verwerken tot een nieuwe versie…', () => api.applyRound({ round: round!.id }))
    if (result === CANCELLED) return
    if (!result.ok) return say(result.error, true)
    say(`${result.value.label} (versie ${result.value.number}).`)
    navigate(`#/doc/${id}/compare/${result.value.number - 1}/${result.value.number}`)
  }

  const openCount = proposals.filter((p) => !p.decision).length
  const orgs = [...new Set(proposals.flatMap((p) => p.orgs))].sort((x, y) => x.localeCompare(y, 'nl'))
  // Clean: a move only when both its halves are.
  const cleanOpen = proposals.filter((p) => p.status === 'clean' && !p.decision && (!p.movedWith || byId.get(p.movedWith)?.status === 'clean')).map((p) => p.id)

  const element = h('div', { className: 'rounds-screen' },
    header(),
    h('main', { className: 'rounds-main' },
      h('div', { className: 'round-head' },
        h('h1', {}, `Afstemmingsronde ${round.id}`),
        h('span', { className: 'muted' }, `versie ${round.version} verstuurd op ${formatDateTime(round.createdAt)}${round.deadline ? ` · reactie vóór ${round.deadline}` : ''}`),
        round.deadlinePassed && round.partners.some((p) => p.status === 'asked') ? h('span', { className: 'deadline-passed' }, `deadline verstreken, ${round.partners.filter((p) => p.status === 'asked').length} reactie(s) ontbreken`) : null,
        rounds.length > 1 ? h('select', { 'aria-label': 'Andere ronde', onChange: (e: Event) => reload(Number((e.target as HTMLSelectElement).value)) },
          ...rounds.map((r) => h('option', { value: r.id, selected: r.id === round.id }, `Ronde ${r.id} (versie ${r.version})`))) : null),
      partnersTable(round),
      h('div', { className: 'round-actions' },
        h('button', { type: 'button', onClick: () => void importReturn() }, 'Reactie inlezen…'),
        h('button', { type: 'button', disabled: !cleanOpen.length, onClick: () => void decide(cleanOpen, 'accept') }, `Alle schone overnemen (${cleanOpen.length})`),
        ...orgs.map((org) => h('button', { type: 'button', className: 'org-action', style: `--org:${colourOf(org)}`, onClick: () => void decide(proposals.filter((p) => p.orgs.includes(org) && !p.decision).map((p) => p.id), 'accept') }, `Alles van ${org}`)),
        h('span', { className: 'spacer' }),
        h('button', { type: 'button', className: 'primary', disabled: proposals.every((p) => !p.decision), onClick: () => void process() }, 'Verwerken als nieuwe versie'),
        h('button', { type: 'button', onClick: () => void startRound() }, 'Nieuwe ronde…')),
      message,
      h('h2', {}, `Voorstellen (${proposals.length}, ${openCount} open)`),
      proposals.length
        ? h('ol', { className: 'proposal-list', 'data-testid': 'proposals' }, ...listItems())
        : h('p', { className: 'muted' }, round.partners.some((p) => p.status !== 'asked') ? 'Geen open voorstellen.' : 'Nog geen reacties ontvangen.')))

  /** The list: conflicting proposals as one item, a move as one item where the paragraph was taken out. */
  function listItems(): HTMLElement[] {
    const shownMoves = new Set<string>()
    const items: HTMLElement[] = []
    for (const group of conflictGroups(proposals)) {
      if (group.length > 1) {
        items.push(conflictItem(group))
        continue
      }
      const p = group[0]
      const other = p.movedWith ? byId.get(p.movedWith) : undefined
      if (other && shownMoves.has(other.id)) continue
      if (other) shownMoves.add(p.id)
      items.push(proposalItem(p, other))
    }
    return items
  }

  /** Where the proposal is in the current text, as a search snippet the editor opens at. */
  function showInText(p: RoundProposal): HTMLElement {
    const words = p.before.trimEnd().split(' ')
    const snippet = p.current.trim() ? `${p.before}[${p.current}]${p.after}` : `${words.slice(0, -1).join(' ')} [${words[words.length - 1] ?? ''}]${p.after}`
    return h('a', { className: 'link show-in-text', href: `#/doc/${id}?zoek=${encodeURIComponent(snippet)}`, title: 'Open de tekst op deze plek' }, 'Toon in tekst')
  }

  /**
   * Two or more partners who changed the same words: one item, the current
   * text above and each partner's version beside the others, to take one or none.
   */
  function conflictItem(inReadingOrder: RoundProposal[]): HTMLElement {
    // Side by side in the order the round asked the partners, as their colours are.
    const rank = (p: RoundProposal) => Math.min(...p.orgs.map((o) => (partnerOrder.includes(o) ? partnerOrder.indexOf(o) : partnerOrder.length)))
    const group = [...inReadingOrder].sort((a, b) => rank(a) - rank(b))
    const current = group[0].current
    const noneLabel = group.every((p) => p.decision === 'reject') ? 'Geen van deze voorstellen wordt overgenomen' : ''
    return h('li', { className: 'proposal conflict-group', 'data-testid': 'conflict-group', 'data-proposal': group.map((p) => p.id).join(' ') },
      h('div', { className: 'proposal-meta' },
        h('span', { className: 'status conflict-partners' }, `Conflict tussen ${dutchList(group.flatMap((p) => p.orgs))}`),
        group.some((p) => p.status === 'conflict-draft') ? h('span', { className: 'status conflict-draft' }, 'u wijzigde dit zelf ook') : null,
        showInText(group[0])),
      h('p', { className: 'current-text' }, 'Nu in uw tekst: ', h('span', { className: 'context' }, group[0].before ? `…${group[0].before}` : ''), h('strong', {}, current || '(niets)'), h('span', { className: 'context' }, group[0].after ? `${group[0].after}…` : '')),
      h('div', { className: 'conflict-columns', style: `--columns:${Math.min(group.length, 3)}` }, ...group.map((p) => h('div', { className: `conflict-column${p.decision ? ` decided ${p.decision}` : ''}`, 'data-proposal': p.id },
        h('div', { className: 'proposal-meta' },
          ...p.orgs.map((org) => h('span', { className: 'org', style: `--org:${colourOf(org)}` }, org)),
          p.author ? h('span', { className: 'muted' }, `${p.author}${p.date ? `, ${formatDateTime(p.date)}` : ''}`) : null,
          p.untracked ? h('span', { className: 'untracked', title: 'Deze wijziging stond niet in track changes' }, 'niet bijgehouden') : null),
        h('p', { className: 'proposal-text' },
          p.deleted ? h('del', { style: `--org:${colourOf(p.orgs[0])}` }, p.deleted) : null,
          p.inserted ? h('ins', { style: `--org:${colourOf(p.orgs[0])}` }, p.inserted) : h('em', {}, ' (geschrapt)')),
        p.decision === 'accept' ? h('span', { className: 'decided-label' }, 'Wordt overgenomen') : null,
        h('button', { type: 'button', 'aria-label': `Van ${p.orgs.join(' en ')} overnemen: ${p.inserted || 'schrappen'}`, onClick: () => void decide([p.id], 'accept') }, `✓ Van ${p.orgs.join(' en ')} overnemen`)))),
      h('div', { className: 'proposal-buttons' },
        noneLabel ? h('span', { className: 'decided-label' }, noneLabel) : null,
        h('button', { type: 'button', onClick: () => void decide(group.map((p) => p.id), 'reject') }, group.length === 2 ? '✗ Geen van beide overnemen' : '✗ Geen ervan overnemen'),
        group.some((p) => p.decision) ? undoButton(group) : null))
  }

  function proposalItem(p: RoundProposal, movedTo?: RoundProposal): HTMLElement {
    // A move, shown where the paragraph was taken out: the removal and the insertion elsewhere are one decision.
    const move = movedTo ? (p.deleted ? { text: p.deleted, where: movedTo } : { text: p.inserted, where: p }) : null
    const decided = p.decision === 'accept' ? 'Wordt overgenomen' : p.decision === 'reject' ? `Wordt niet overgenomen${p.reason ? `: ${p.reason}` : ''}` : ''
    return h('li', { className: `proposal ${p.status}${p.decision ? ` decided ${p.decision}` : ''}`, 'data-proposal': p.id },
      h('div', { className: 'proposal-meta' },
        ...p.orgs.map((org) => h('span', { className: 'org', style: `--org:${colourOf(org)}` }, org)),
        p.author ? h('span', { className: 'muted' }, `${p.author}${p.date ? `, ${formatDateTime(p.date)}` : ''}`) : null,
        h('span', { className: `status ${p.status}` }, STATUS_LABEL[p.status]),
        p.untracked ? h('span', { className: 'untracked', title: 'Deze wijziging stond niet in track changes' }, 'niet bijgehouden') : null,
        showInText(p)),
      move
        ? h('p', { className: 'proposal-text moved' },
          h('span', { className: 'moved-label' }, 'Verplaatst: '), h('span', { className: 'moved-text', style: `--org:${colourOf(p.orgs[0])}` }, clipped(move.text)),
          h('span', { className: 'context' }, move.where.before ? ` naar na “…${move.where.before}”` : move.where.after ? ` naar vóór “${move.where.after}…”` : ' naar elders'))
        : h('p', { className: 'proposal-text' },
          p.before ? h('span', { className: 'context' }, `…${p.before}${p.wholeBlocks ? ' ¶ ' : ''}`) : null,
          p.deleted ? h('del', { style: `--org:${colourOf(p.orgs[0])}` }, p.deleted) : null,
          p.inserted ? h('ins', { style: `--org:${colourOf(p.orgs[0])}` }, p.inserted) : null,
          p.after ? h('span', { className: 'context' }, `${p.wholeBlocks ? ' ¶ ' : ''}${p.after}…`) : null),
      // A conflict is decided against what the draft says now: show it beside the proposal.
      p.status !== 'clean' ? h('p', { className: 'current-text' }, 'Nu in uw tekst: ', h('strong', {}, p.current || '(verwijderd)')) : null,
      h('div', { className: 'proposal-buttons' },
        decided ? h('span', { className: 'decided-label' }, decided) : null,
        h('button', { type: 'button', 'aria-label': `Overnemen: ${move ? `verplaatsing van ${clipped(move.text, 6)}` : p.inserted || 'verwijderen'} (${p.orgs.join(', ')})`, onClick: () => void decide([p.id], 'accept') }, '✓ Overnemen'),
        h('button', { type: 'button', 'aria-label': `Niet overnemen: ${move ? `verplaatsing van ${clipped(move.text, 6)}` : p.inserted || p.deleted} (${p.orgs.join(', ')})`, onClick: () => void decide([p.id], 'reject') }, '✗ Niet overnemen'),
        p.decision ? undoButton([p]) : null))
  }

  /** Takes a decision back: the proposal is open again. */
  function undoButton(group: RoundProposal[]): HTMLElement {
    return h('button', { type: 'button', className: 'link', title: 'Het besluit intrekken; het voorstel staat weer open', onClick: () => void decide(group.filter((p) => p.decision).map((p) => p.id), 'undecide') }, 'Besluit intrekken')
  }

  function partnersTable(r: RoundSummary): HTMLElement {
    return h('table', { className: 'partners', 'data-testid': 'round-partners' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Partner'), h('th', {}, 'Stand'), h('th', {}, 'Bestand'), h('th', {}, h('span', { className: 'visually-hidden' }, 'Verwerkingsoverzicht')))),
      h('tbody', {}, ...r.partners.map((p) => h('tr', {},
        h('td', {}, h('span', { className: 'org', style: `--org:${colourOf(p.org)}` }, p.org), p.contact ? ` ${p.contact}` : ''),
        h('td', {}, `${p.status === 'asked' && r.deadlinePassed ? 'geen reactie (deadline verstreken)' : PARTNER_STATE[p.status]}${p.returnedAt ? ` (${formatDateTime(p.returnedAt)})` : ''}${p.accepted + p.rejected ? ` · ${p.accepted} overgenomen, ${p.rejected} niet` : ''}`),
        h('td', {}, h('span', { className: 'muted' }, p.fileName)),
        h('td', {}, p.status === 'asked' ? null : h('button', { type: 'button', className: 'link', title: `Wat er met de reactie van ${p.org} is gedaan, om terug te mailen`, onClick: () => void report(p.org) }, 'Verwerkingsoverzicht'))))))
  }

  async function report(org: string) {
    const result = await busy(`Verwerkingsoverzicht voor ${org} maken…`, () => api.roundReport({ round: round!.id, org }), { cancellable: true })
    if (result === CANCELLED) return
    if (!result.ok) return say(result.error, true)
    // A Word file: what staff mail back to the partner.
    downloadDocx({ base64: result.value.docxBase64, fileName: result.value.docxFileName })
  }

  function header(): HTMLElement {
    return h('header', { className: 'app-bar' },
      h('button', { type: 'button', className: 'link', onClick: () => navigate(`#/doc/${id}`) }, '← Terug naar de tekst'),
      h('span', { className: 'doc-title' }, title))
  }

  document.title = `Afstemming: ${title} – Paraaf`
  // A Word file opened with Paraaf and named as a return of this round.
  const openedFile = takeOpenedReturn(round.id)
  if (openedFile) queueMicrotask(() => void importReturn(undefined, openedFile))
  return { element, leave: async () => true }
}

/**
 * The proposals in reading order, those that change the same words as one
 * another gathered into one group (at the place of the first), the rest alone.
 */
export function conflictGroups(proposals: RoundProposal[]): RoundProposal[][] {
  const byId = new Map(proposals.map((p) => [p.id, p]))
  const placed = new Set<string>()
  const groups: RoundProposal[][] = []
  for (const p of proposals) {
    if (placed.has(p.id)) continue
    const group: RoundProposal[] = []
    const queue = [p]
    placed.add(p.id)
    while (queue.length) {
      const q = queue.shift()!
      group.push(q)
      for (const other of q.conflictsWith) {
        const o = byId.get(other)
        if (o && !placed.has(o.id)) {
          placed.add(o.id)
          queue.push(o)
        }
      }
    }
    groups.push(group.sort((a, b) => proposals.indexOf(a) - proposals.indexOf(b)))
  }
  return groups
}

/** A long passage cut to its first words, for a one-line summary. */
function clipped(text: string, words = 40): string {
  const all = text.split(/\s+/)
  return all.length > words ? `${all.slice(0, words).join(' ')} …` : text
}

function pickFile(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = h('input', { type: 'file', accept: '.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document', hidden: true, 'data-testid': 'return-file' })
    document.body.append(input)
    input.addEventListener('change', () => {
      input.remove()
      resolve(input.files?.[0] ?? null)
    })
    input.addEventListener('cancel', () => {
      input.remove()
      resolve(null)
    })
    input.click()
  })
}
