import { describe, expect, it } from 'vitest'
import { EventEmitter } from 'node:events'
import { installCloseHandshake } from '../../electron/close-handshake.js'

function fakeWindow() {
  const events = new EventEmitter()
  const sent: string[] = []
  let destroyed = false
  const win = {
    webContents: { send: (channel: string) => sent.push(channel) },
    on: (event: 'close', listener: (e: { preventDefault(): void }) => void) => events.on(event, listener),
    isDestroyed: () => destroyed,
    destroy: () => { destroyed = true },
  }
  /** What the user does: click the close button; true when the close went ahead at once. */
  const clickClose = () => {
    let prevented = false
    events.emit('close', { preventDefault: () => { prevented = true } })
    return !prevented
  }
  return { win, sent, clickClose, destroyed: () => destroyed }
}

describe('closing the Electron window', () => {
  it('asks the page first and closes only when the page says its text is on disk', () => {
    const ipc = new EventEmitter()
    const w = fakeWindow()
    installCloseHandshake(w.win, ipc)
    expect(w.clickClose()).toBe(false)
    expect(w.sent).toEqual(['app:before-close'])
    expect(w.destroyed()).toBe(false)
    ipc.emit('app:close-ready', { sender: w.win.webContents })
    expect(w.destroyed()).toBe(true)
  })

  it('stays open, with no timer closing it anyway, when the save failed and the user stays', async () => {
    const ipc = new EventEmitter()
    const w = fakeWindow()
    installCloseHandshake(w.win, ipc)
    w.clickClose()
    ipc.emit('app:close-cancelled', { sender: w.win.webContents })
    await new Promise((r) => setTimeout(r, 50))
    expect(w.destroyed()).toBe(false)
    // A later close asks again.
    w.clickClose()
    expect(w.sent).toEqual(['app:before-close', 'app:before-close'])
  })

  it('ignores a close answer from another page', () => {
    const ipc = new EventEmitter()
    const w = fakeWindow()
    installCloseHandshake(w.win, ipc)
    w.clickClose()
    ipc.emit('app:close-ready', { sender: {} })
    expect(w.destroyed()).toBe(false)
  })
})
