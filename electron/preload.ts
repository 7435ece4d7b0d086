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
contextBridge.exposeInMainWorld('paraafHost', {
  onBeforeClose(handler: () => Promise<boolean>) {
    if (typeof handler === 'function') beforeClose = handler
  },
})
