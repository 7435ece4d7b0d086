// The preload exposes exactly the App API contract (and one close hook) to
// the page; the page never sees ipcRenderer or anything of Node.
import { contextBridge, ipcRenderer } from 'electron'
import { API_METHODS } from '../src/service/contract.js'

const api = Object.fromEntries(API_METHODS.map((method) => [method, (input?: unknown) => ipcRenderer.invoke(`api:${method}`, input)]))
contextBridge.exposeInMainWorld('paraaf', api)

// Closing asks the page first: it answers ready once its text is on disk (or
// the user chose to throw it away), and cancelled when the user stays; a page
// whose handler fails stays open, so a failed save never closes the window.
let beforeClose: (() => Promise<boolean>) | null = null
ipcRenderer.on('app:before-close', async () => {
  let mayClose = false
  try {
    mayClose = beforeClose ? (await beforeClose()) === true : true
  } catch {
    mayClose = false
  }
  ipcRenderer.send(mayClose ? 'app:close-ready' : 'app:close-cancelled')
})
// Word files opened with Paraaf ("Openen met", a second launch): kept until
// the page listens, then handed over one by one.
let openFile: ((file: unknown) => void) | null = null
const openedEarly: unknown[] = []
ipcRenderer.on('app:open-file', (_event, file: unknown) => {
  if (openFile) openFile(file)
  else openedEarly.push(file)
})
// A line for the user from main (where a download went).
let notice: ((message: string) => void) | null = null
ipcRenderer.on('app:notice', (_event, message: unknown) => {
  if (typeof message === 'string') notice?.(message)
})
contextBridge.exposeInMainWorld('paraafHost', {
  onNotice(handler: (message: string) => void) {
    if (typeof handler === 'function') notice = handler
  },
  onBeforeClose(handler: () => Promise<boolean>) {
    if (typeof handler === 'function') beforeClose = handler
  },
  onOpenFile(handler: (file: unknown) => void) {
    if (typeof handler !== 'function') return
    openFile = handler
    for (const file of openedEarly.splice(0)) handler(file)
  },
})
