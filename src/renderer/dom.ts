// A small element builder. Text always goes in as text, never as HTML.

type Child = Node | string | null | undefined | false
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>

/**
 * While a dialog is open the page behind it is inert (no Tab into it, out of
 * the accessibility tree); when it closes, focus goes back to what opened it.
 */
function holdFocus(dialog: HTMLElement): () => void {
  const opener = document.activeElement as HTMLElement | null
  const app = document.getElementById('app')
  const wasInert = app?.hasAttribute('inert') ?? false
  app?.setAttribute('inert', '')
  const trap = (event: KeyboardEvent) => {
    if (event.key !== 'Tab') return
    const focusable = [...dialog.querySelectorAll<HTMLElement>('button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])')]
    if (!focusable.length) return
    const first = focusable[0]
    const last = focusable[focusable.length - 1]
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault()
      first.focus()
    }
  }
  dialog.addEventListener('keydown', trap)
  return () => {
    dialog.removeEventListener('keydown', trap)
    if (!wasInert) app?.removeAttribute('inert')
    if (opener && opener.isConnected) opener.focus()
  }
}

/** Creates an element with attributes, `on*` listeners and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), value)
    else if (key === 'className') el.className = String(value)
    else if (value === true) el.setAttribute(key, '')
    else el.setAttribute(key, String(value))
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(child)
  return el
}

/**
 * Sets an element's text only when it differs. Setting the same text still
 * replaces the text node; in the status bar (a live region) that, on every
 * keystroke, cost a second layout and a slow compositor commit: typing in a
 * 600 kB letter went from about 31 to 18 ms per key without it.
 */
export function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text
}

/** Dutch date and time: "23 nov. 2026 08:15". */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString('nl-NL', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })
}

/** A byte count for people: "850 B", "1,2 kB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  return `${(bytes / 1024).toLocaleString('nl-NL', { maximumFractionDigits: 1 })} kB`
}

/** A modal dialog; resolves with the value the `submit` callback returns, or null when cancelled. */
export function modal<T>(title: string, body: HTMLElement, submitLabel: string, submit: () => T | null): Promise<T | null> {
  return new Promise((resolve) => {
    const error = h('p', { className: 'dialog-error', role: 'alert' })
    let release = () => {}
    const close = (value: T | null) => {
      backdrop.remove()
      document.removeEventListener('keydown', onKey, true)
      release()
      resolve(value)
    }
    const trySubmit = (event?: Event) => {
      event?.preventDefault()
      try {
        const value = submit()
        if (value !== null) close(value)
      } catch (err) {
        error.textContent = (err as Error).message
      }
    }
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault()
        close(null)
      }
      // Ctrl+Enter sends the dialog from anywhere in it, also from a text area (as Word posts a comment).
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && form.contains(event.target as Node)) trySubmit(event)
    }
    const form = h('form', { className: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-label': title, onSubmit: trySubmit as EventListener },
      h('h2', {}, title), body, error,
      h('div', { className: 'dialog-buttons' },
        h('button', { type: 'button', onClick: () => close(null) }, 'Annuleren'),
        h('button', { type: 'submit', className: 'primary' }, submitLabel)))
    const backdrop = h('div', { className: 'backdrop' }, form)
    release = holdFocus(form)
    document.body.append(backdrop)
    document.addEventListener('keydown', onKey, true)
    const first = form.querySelector<HTMLElement>('input, select, textarea, button.primary')
    first?.focus()
  })
}

/**
 * A dialog that asks the user to choose: resolves with the value of the
 * button pressed, or `cancel` on Escape. The first button has the focus.
 */
export function choose<T extends string>(title: string, message: string, buttons: [T, string][], cancel: T): Promise<T> {
  return new Promise((resolve) => {
    let release = () => {}
    const close = (value: T) => {
      backdrop.remove()
      document.removeEventListener('keydown', onKey, true)
      release()
      resolve(value)
    }
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault()
        close(cancel)
      }
    }
    const dialog = h('div', { className: 'dialog', role: 'alertdialog', 'aria-modal': 'true', 'aria-label': title },
      h('h2', {}, title), h('p', {}, message),
      h('div', { className: 'dialog-buttons' },
        ...buttons.map(([value, label], i) => h('button', { type: 'button', className: i === 0 ? 'primary' : '', 'data-choice': value, onClick: () => close(value) }, label))))
    const backdrop = h('div', { className: 'backdrop' }, dialog)
    release = holdFocus(dialog)
    document.body.append(backdrop)
    document.addEventListener('keydown', onKey, true)
    dialog.querySelector<HTMLElement>('button')?.focus()
  })
}

/** Saves a file the way a browser downloads it (in Electron: a save dialog). */
export function download(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob)
  const a = h('a', { href: url, download: fileName })
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  // The desktop app asks where to save and says where it went (app:notice); a browser saves in its downloads.
  if (!window.paraafHost) toast(`${fileName} is opgeslagen in de map Downloads van uw browser.`)
}

let toastTimer: ReturnType<typeof setTimeout> | null = null
/** A short message at the foot of the window that goes by itself (where a file went, for instance). */
export function toast(message: string) {
  let el = document.querySelector<HTMLElement>('.toast')
  if (!el) {
    el = h('div', { className: 'toast', role: 'status', 'aria-live': 'polite', 'data-testid': 'toast' })
    document.body.append(el)
  }
  el.textContent = message
  el.hidden = false
  if (toastTimer) clearTimeout(toastTimer)
  toastTimer = setTimeout(() => { el!.hidden = true }, 8_000)
}

/** Saves a .docx that came over the API as base64. */
export function downloadDocx(file: { base64: string; fileName: string }) {
  downloadFile(file)
}

const TYPES: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  csv: 'text/csv;charset=utf-8',
}

/** Saves a file that came over the API as base64, typed by its extension. */
export function downloadFile(file: { base64: string; fileName: string }) {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))
  const ext = /\.([a-z]+)$/i.exec(file.fileName)?.[1]?.toLowerCase() ?? ''
  download(new Blob([bytes], { type: TYPES[ext] ?? 'application/octet-stream' }), file.fileName)
}

/** A file's bytes as base64, to send over the JSON API. */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}
