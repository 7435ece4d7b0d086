// The preload exposes exactly the App API contract (and one close hook) to
// the page; the page never sees ipcRenderer or anything of Node.
import { contextBridge, ipcRenderer } from 'electron'
import { API_METHODS } from '../src/service/contract.js'

const api = Object.fromEntries(API_METHODS.map((method) => [method, (input?: unknown) => ipcRenderer.invoke(`api:${method}`, input)]))
contextBridge.exposeInMainWorld('paraaf', api)

let beforeClose: (() => Promise<void>) | null = null
ipcRenderer.on('app:before-close', async () => {
  try {
    await beforeClose?.()
  } finally {
    ipcRenderer.send('app:close-ready')
  }
})
contextBridge.exposeInMainWorld('paraafHost', {
  onBeforeClose(handler: () => Promise<void>) {
    if (typeof handler === 'function') beforeClose = handler
  },
})
