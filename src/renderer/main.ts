// The renderer's entry: connect to the API and route between screens.
// Routes live in the address hash, so a reload returns to the same place:
//   #/                 the list of documents
//   #/doc/ID           the current version of a document
//   #/doc/ID?zoek=S    …opened at a search hit (S: the snippet), or ?opmerking=CID at a thread
//   #/doc/ID/v/N       version N, read-only
//   #/doc/ID/compare/A/B[/side]   versions A and B compared, inline or side by side
//   #/doc/ID/ronde[/R]             review rounds: partners, returns, every proposal
import './styles.css'
import 'prosemirror-view/style/prosemirror.css'
import 'prosemirror-tables/style/tables.css'
import { connectApi } from './api-client.js'
import { h, toast } from './dom.js'
import { openStartScreen } from './start-screen.js'
import { openEditorScreen, type Screen } from './editor-screen.js'
import { openCompareScreen } from './compare-screen.js'
import { openRoundsScreen } from './rounds-screen.js'
import { receiveOpenedFiles } from './opened-files.js'
import type { TemplateManifest } from '../service/contract.js'

const api = connectApi()
const root = document.getElementById('app')!
let current: Screen | null = null
let templates: TemplateManifest[] = []
let routing = Promise.resolve()
// The address of the screen on show, to go back to when it refuses to be left.
let shownHash = ''

function navigate(hash: string) {
  if (location.hash === hash) void route()
  else location.hash = hash
}

async function route() {
  const match = /^#\/doc\/(\d+)(?:\/v\/(\d+))?(?:\?(.*))?$/.exec(location.hash)
  const compare = /^#\/doc\/(\d+)\/compare\/(\d+)\/(\d+)(\/side)?$/.exec(location.hash)
  const rounds = /^#\/doc\/(\d+)\/ronde(?:\/(\d+))?(?:\?.*)?$/.exec(location.hash)
  if (current && !(await current.leave())) {
    // The screen still holds unsaved text the user chose to keep: stay on it.
    if (location.hash !== shownHash) history.replaceState(null, '', shownHash || '#/')
    return
  }
  current = null
  shownHash = location.hash
  let next: Screen | string
  if (rounds) next = await openRoundsScreen(api, Number(rounds[1]), rounds[2] ? Number(rounds[2]) : undefined, navigate)
  else if (compare) next = await openCompareScreen(api, Number(compare[1]), Number(compare[2]), Number(compare[3]), compare[4] ? 'side' : 'inline', navigate)
  else if (match) {
    const params = new URLSearchParams(match[3] ?? '')
    const at = { find: params.get('zoek') ?? undefined, comment: params.get('opmerking') ?? undefined }
    next = await openEditorScreen(api, templates, Number(match[1]), match[2] ? Number(match[2]) : undefined, navigate, at)
  }
  else next = openStartScreen(api, templates, navigate)
  if (typeof next === 'string') {
    root.replaceChildren(h('div', { className: 'fatal' }, h('p', {}, next), h('button', { type: 'button', onClick: () => navigate('#/') }, 'Naar de documenten')))
    return
  }
  current = next
  root.replaceChildren(next.element)
}

async function boot() {
  const result = await api.listTemplates()
  if (!result.ok) {
    root.replaceChildren(h('div', { className: 'fatal' }, h('p', {}, result.error)))
    return
  }
  templates = result.value
  window.addEventListener('hashchange', () => { routing = routing.then(route) })
  routing = routing.then(route)
  receiveOpenedFiles(api, navigate)
  // Ctrl+P prints what is on screen as a page (the bars and panels are left out, see @media print),
  // also in the desktop app, whose window has no print shortcut of its own.
  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'p') {
      event.preventDefault()
      window.print()
    }
  })
}

void boot()

// The desktop app says where a saved file went.
window.paraafHost?.onNotice?.((message) => { if (typeof message === 'string') toast(message.slice(0, 500)) })
