// Word files opened with Paraaf (the desktop app's "Openen met", or a second
// launch with a file): the page asks whether each is a new document or a
// partner's return for a review round, and takes it from there.
import type { ParaafApi } from '../service/contract.js'
import { choose, h, modal } from './dom.js'
import { busy, CANCELLED } from './busy.js'

/** What the desktop shell hands over: the file's bytes, or why it could not be read. */
export type OpenedFile = { name: string; base64: string } | { name: string; error: string }

// A return waiting for the rounds screen of its round to open.
let waitingReturn: { round: number; file: File } | null = null

/** The file handed to the rounds screen of `round`, once. */
export function takeOpenedReturn(round: number): File | null {
  if (waitingReturn?.round !== round) return null
  const { file } = waitingReturn
  waitingReturn = null
  return file
}

const isOpenedFile = (value: unknown): value is OpenedFile => {
  const v = value as Record<string, unknown> | null
  return !!v && typeof v.name === 'string' && v.name.length <= 255 && (typeof v.base64 === 'string' || typeof v.error === 'string')
}

/** Listens for files from the desktop shell; they are dealt with one at a time. */
export function receiveOpenedFiles(api: ParaafApi, navigate: (hash: string) => void) {
  let queue = Promise.resolve()
  window.paraafHost?.onOpenFile?.((file: unknown) => {
    if (!isOpenedFile(file)) return
    queue = queue.then(() => openFile(api, navigate, file)).catch(() => {})
  })
}

/** Asks what an opened Word file is, and imports it as that. */
export async function openFile(api: ParaafApi, navigate: (hash: string) => void, file: OpenedFile): Promise<void> {
  if ('error' in file) {
    await choose('Bestand openen', file.error, [['ok', 'Sluiten']], 'ok')
    return
  }
  const what = await choose(`${file.name} openen`, 'Is dit een nieuw document, of de reactie van een partner op een afstemmingsronde?',
    [['new', 'Nieuw document'], ['return', 'Reactie op een ronde'], ['', 'Annuleren']], '')
  if (what === 'new') {
    const result = await busy(`${file.name} inlezen…`, () => api.importDocx({ base64: file.base64, fileName: file.name }))
    if (result === CANCELLED) return
    if (!result.ok) {
      await choose('Bestand openen', `${file.name}: ${result.error}`, [['ok', 'Sluiten']], 'ok')
      return
    }
    if (result.value.notices.length) await choose('Word-bestand ingelezen', `${file.name}: ${result.value.notices.join(' ')}`, [['ok', 'OK']], 'ok')
    navigate(`#/doc/${result.value.id}`)
    return
  }
  if (what !== 'return') return
  const listed = await api.listDocuments({})
  const withRound = listed.ok ? listed.value.filter((d) => d.round) : []
  if (!withRound.length) {
    await choose('Reactie op een ronde', `Er is nog geen afstemmingsronde om ${file.name} bij in te lezen. Start eerst een ronde vanuit het document (Afstemming), of open het bestand als nieuw document.`, [['ok', 'Sluiten']], 'ok')
    return
  }
  // Rounds waiting for returns first.
  withRound.sort((x, y) => (y.round!.asked - y.round!.returned) - (x.round!.asked - x.round!.returned))
  const select = h('select', { name: 'round', 'aria-label': 'Document en ronde' },
    ...withRound.map((d) => h('option', { value: `${d.id}/${d.round!.id}` }, `${d.title} – ronde ${d.round!.id}${d.round!.deadline ? `, reactie vóór ${d.round!.deadline}` : ''} (${d.round!.returned} van ${d.round!.asked} binnen)`)))
  const picked = await modal('Reactie op een ronde', h('div', {}, h('p', {}, `Bij welke ronde hoort ${file.name}?`), h('label', {}, 'Document en ronde', select)), 'Inlezen', () => select.value)
  if (!picked) return
  const [doc, round] = picked.split('/').map(Number)
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))
  waitingReturn = { round, file: new File([bytes], file.name, { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }) }
  navigate(`#/doc/${doc}/ronde/${round}`)
}
