// Closing a window asks its page first. The page answers "app:close-ready"
// once its text is on disk (or the user chose to throw it away) and
// "app:close-cancelled" when the user stays. There is no timer that destroys
// the window anyway: a failed save must never close the window over the text.
// Kept apart from main.ts so it can be tested with a fake window and ipcMain.

export interface ClosingWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown
  isDestroyed(): boolean
  destroy(): void
  webContents: { send(channel: string): void }
}

export interface CloseIpc {
  on(channel: string, listener: (event: { sender: unknown }) => void): unknown
}

/** Holds every close of `win` until its page says it may close. */
export function installCloseHandshake(win: ClosingWindow, ipc: CloseIpc): void {
  let asking = false
  win.on('close', (event) => {
    event.preventDefault()
    if (asking) return
    asking = true
    win.webContents.send('app:before-close')
  })
  ipc.on('app:close-ready', (event) => {
    if (event.sender !== win.webContents || win.isDestroyed()) return
    win.destroy() // destroy() closes without another 'close' event
  })
  ipc.on('app:close-cancelled', (event) => {
    if (event.sender === win.webContents) asking = false
  })
}
