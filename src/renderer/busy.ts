// Long work shows itself: after a moment (so quick work does not flicker) a
// bar at the top of the window says what Paraaf is doing, with a moving
// progress bar and, where stopping makes sense, "Annuleren". Cancelling
// stops the waiting and drops the result; it is offered only for work that
// writes nothing (an export, a publication file, an inventory): an import or
// a round writes in one transaction and is either done or not at all.
import { h } from './dom.js'

/** What `busy` resolves to when the user cancelled. */
export const CANCELLED = Symbol('geannuleerd')

/** After this long the bar appears. */
const SHOW_AFTER_MS = 300

let current: HTMLElement | null = null

/** Runs `work` with the busy bar `label` ("Exporteren naar Word…"); with `cancellable`, the user can stop waiting. */
export async function busy<T>(label: string, work: () => Promise<T>, options: { cancellable?: boolean } = {}): Promise<T | typeof CANCELLED> {
  let cancel: (() => void) | null = null
  const cancelled = new Promise<typeof CANCELLED>((resolve) => { cancel = () => resolve(CANCELLED) })
  const bar = h('div', { className: 'busy-bar', role: 'status', 'aria-live': 'polite', 'data-testid': 'busy' },
    h('span', { className: 'busy-label' }, label),
    h('progress', { 'aria-label': label }),
    options.cancellable ? h('button', { type: 'button', onClick: () => cancel?.() }, 'Annuleren') : null)
  const onKey = (event: KeyboardEvent) => { if (event.key === 'Escape' && options.cancellable) cancel?.() }
  const timer = setTimeout(() => {
    current?.remove()
    current = bar
    document.body.append(bar)
    document.addEventListener('keydown', onKey)
  }, SHOW_AFTER_MS)
  try {
    return await Promise.race([work(), cancelled])
  } finally {
    clearTimeout(timer)
    document.removeEventListener('keydown', onKey)
    bar.remove()
    if (current === bar) current = null
  }
}
