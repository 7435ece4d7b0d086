import { describe, expect, it } from 'vitest'
import { EventEmitter } from 'node:events'
import { guardContents, isAllowedRequest, isTrustedSender, refusePermission } from '../../electron/guards.js'

const page = 'file:///opt/paraaf/dist/renderer/index.html'

function fakeContents() {
  const events = new EventEmitter()
  let openHandler: ((d: { url: string }) => { action: string }) | null = null
  const contents = {
    on: (event: string, listener: (...args: unknown[]) => void) => events.on(event, listener),
    setWindowOpenHandler: (h: (d: { url: string }) => { action: 'deny' }) => { openHandler = h },
  }
  const attempt = (event: string, url?: string) => {
    let prevented = false
    events.emit(event, { preventDefault: () => { prevented = true } }, url)
    return prevented ? 'geweigerd' : 'toegestaan'
  }
  return { contents, attempt, open: (url: string) => openHandler?.({ url }).action }
}

describe('what the page in the Electron window may do', () => {
  it('stays on our own page: navigation elsewhere, redirects, webviews and new windows are refused', () => {
    const f = fakeContents()
    guardContents(f.contents as never, page)
    expect(f.attempt('will-navigate', 'https://example.org/')).toBe('geweigerd')
    expect(f.attempt('will-navigate', 'file:///etc/passwd')).toBe('geweigerd')
    expect(f.attempt('will-navigate', `${page}#/doc/1`)).toBe('toegestaan')
    expect(f.attempt('will-redirect')).toBe('geweigerd')
    expect(f.attempt('will-attach-webview')).toBe('geweigerd')
    expect(f.open('https://example.org/')).toBe('deny')
  })

  it('loads nothing from the network and gets no permission', () => {
    expect(isAllowedRequest('https://example.org/x.js')).toBe(false)
    expect(isAllowedRequest('http://127.0.0.1:8080/')).toBe(false)
    expect(isAllowedRequest(`${page}`)).toBe(true)
    let granted: boolean | null = null
    refusePermission({}, 'media', (g) => { granted = g })
    expect(granted).toBe(false)
  })

  it('answers API calls only from our own page in our own window', () => {
    const ours = {}
    expect(isTrustedSender(ours, `${page}#/doc/3`, ours, page)).toBe(true)
    expect(isTrustedSender({}, `${page}#/doc/3`, ours, page)).toBe(false)
    expect(isTrustedSender(ours, 'https://example.org/', ours, page)).toBe(false)
    expect(isTrustedSender(ours, undefined, ours, page)).toBe(false)
    expect(isTrustedSender(ours, page, undefined, page)).toBe(false)
  })
})
