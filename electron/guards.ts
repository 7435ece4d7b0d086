// What the page may and may not do, apart from calling the API: it may not
// navigate away from our own page, follow a redirect, attach a webview or
// open a window; it gets no permission (camera, notifications …); and no
// request leaves for the network. Kept apart from main.ts so it can be tested
// with fakes of Electron's objects.

export interface GuardedContents {
  on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): unknown
  on(event: 'will-redirect' | 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
}

/** Locks one webContents to the page at `rendererUrl`. */
export function guardContents(contents: GuardedContents, rendererUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(rendererUrl)) event.preventDefault()
  })
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}

/** Only our files and devtools' own schemes; nothing remote, ever. */
export function isAllowedRequest(url: string): boolean {
  return url.startsWith('file:') || url.startsWith('devtools:') || url.startsWith('blob:') || url.startsWith('data:')
}

/** Every permission request is refused. */
export function refusePermission(_contents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false)
}

/** A call comes from our own page in our own window (an iframe or another window is refused). */
export function isTrustedSender(sender: unknown, senderFrameUrl: string | undefined, windowContents: unknown, rendererUrl: string): boolean {
  return !!windowContents && sender === windowContents && senderFrameUrl?.startsWith(rendererUrl.split('#')[0]) === true
}
