import { describe, expect, it } from 'vitest'
import { EventEmitter } from 'node:events'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runMain, type ElectronParts, type MainWindow } from '../../electron/app-main.js'
import { HOST_STOPPED } from '../../electron/service-host.js'
import { API_METHODS } from '../../src/service/contract.js'
import { tempDir } from '../helpers/temp.js'

/** A utilityProcess child that answers every call with the method's name, and can die. */
class FakeChild extends EventEmitter {
  posted: unknown[] = []
  answering = true
  killed = false
  constructor(readonly modulePath: string, readonly args: string[], readonly options: unknown) {
    super()
  }
  postMessage(message: unknown) {
    this.posted.push(message)
    const m = message as { id?: number; method?: string; stop?: boolean }
    if (m.stop) queueMicrotask(() => this.emit('exit', 0))
    else if (this.answering) queueMicrotask(() => this.emit('message', { id: m.id, result: { ok: true, value: m.method } }))
  }
  kill() {
    this.killed = true
    this.emit('exit', 1)
    return true
  }
}

class FakeWindow extends EventEmitter {
  shown = false
  focused = 0
  minimized = false
  loaded: string | null = null
  sent: [string, unknown][] = []
  printed: unknown[] = []
  title = 'Uitwerking breed offensief: "fase 2" – Paraaf'
  pdfFails = false
  readonly webContents = Object.assign(new EventEmitter(), {
    send: (channel: string, value: unknown) => { this.sent.push([channel, value]) },
    isLoading: () => false,
    getTitle: () => this.title,
    print: (options: unknown) => { this.printed.push(options) },
    printToPDF: async (options: unknown) => {
      this.printed.push(options)
      if (this.pdfFails) throw new Error('printing failed')
      return Buffer.from('%PDF-1.7 nep')
    },
  })
  constructor(readonly options: Record<string, unknown>) {
    super()
  }
  show() { this.shown = true }
  focus() { this.focused++ }
  isMinimized() { return this.minimized }
  restore() { this.minimized = false }
  isDestroyed() { return false }
  destroy() {}
  loadFile(path: string) {
    this.loaded = path
    return Promise.resolve()
  }
}

function fakeElectron(options: { packaged?: boolean; lock?: boolean } = {}) {
  const app = Object.assign(new EventEmitter(), {
    isPackaged: options.packaged ?? true,
    quits: 0,
    requestSingleInstanceLock: () => options.lock ?? true,
    whenReady: () => Promise.resolve(),
    getPath: (name: string) => (name === 'documents' ? '/home/medewerker/Documenten' : '/home/medewerker/.config/Paraaf'),
    quit() { app.quits++ },
  })
  const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>()
  const ipcMain = Object.assign(new EventEmitter(), { handle: (channel: string, h: (event: unknown, input: unknown) => Promise<unknown>) => handlers.set(channel, h) })
  const windows: FakeWindow[] = []
  const children: FakeChild[] = []
  let permission: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | null = null
  let beforeRequest: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null = null
  let headers: ((d: { responseHeaders?: Record<string, string[] | string> }, cb: (r: { responseHeaders: Record<string, string[] | string> }) => void) => void) | null = null
  const menus: unknown[] = []
  let willDownload: ((event: unknown, item: unknown) => void) | null = null
  /** A download of `name` saved at `path`, ending in `state`. */
  const download = (name: string, path: string, state: 'completed' | 'cancelled' | 'interrupted') => {
    const done = new EventEmitter()
    willDownload!({}, { getFilename: () => name, getSavePath: () => path, once: (event: string, listener: (...args: unknown[]) => void) => done.once(event, listener) })
    done.emit('done', {}, state)
  }
  const dialogs = { answer: { canceled: true } as { canceled: boolean; filePath?: string }, asked: [] as unknown[], messages: [] as { type: string; message: string }[] }
  const parts = {
    dialog: {
      showSaveDialog: async (_w: unknown, o: unknown) => { dialogs.asked.push(o); return dialogs.answer },
      showMessageBox: async (_w: unknown, o: { type: string; message: string }) => { dialogs.messages.push(o); return { response: 0 } },
    },
    app,
    ipcMain,
    createWindow: (o: Record<string, unknown>) => {
      const w = new FakeWindow(o)
      windows.push(w)
      return w as unknown as MainWindow
    },
    setMenu: (t: unknown) => menus.push(t),
    session: {
      on: (_event: string, h: typeof willDownload) => { willDownload = h },
      setPermissionRequestHandler: (h: typeof permission) => { permission = h },
      webRequest: { onHeadersReceived: (h: typeof headers) => { headers = h }, onBeforeRequest: (h: typeof beforeRequest) => { beforeRequest = h } },
    },
    utilityProcess: {
      fork: (modulePath: string, args: string[], o: unknown) => {
        const c = new FakeChild(modulePath, args, o)
        children.push(c)
        return c
      },
    },
  }
  const pageUrl = 'file:///opt/Paraaf/resources/app.asar/dist/renderer/index.html'
  /** Calls an API method the way the preload does, from our window or from elsewhere. */
  const call = (method: string, input: unknown, from: 'page' | 'elders' = 'page') =>
    handlers.get(`api:${method}`)!({ sender: from === 'page' ? windows[0].webContents : {}, senderFrame: { url: from === 'page' ? `${pageUrl}#/` : 'https://example.org/' } }, input)
  const permitted = () => new Promise<boolean>((r) => permission!({}, 'media', r))
  const allowed = (url: string) => new Promise<boolean>((r) => beforeRequest!({ url }, (x) => r(!x.cancel)))
  const csp = () => new Promise<unknown>((r) => headers!({ responseHeaders: {} }, (x) => r(x.responseHeaders['Content-Security-Policy'])))
  return { parts: parts as unknown as ElectronParts, app, ipcMain, handlers, windows, children, menus, dialogs, download, call, permitted, allowed, csp }
}

const settle = () => new Promise((r) => setTimeout(r, 0))
const installed = { root: '/opt/Paraaf/resources/app.asar', resourcesPath: '/opt/Paraaf/resources', env: {}, policy: { values: {}, file: null } }

describe('the Electron main process, on fakes of Electron', () => {
  it('runs the bundled service host in utilityProcess when installed, with the shipped templates beside the archive', async () => {
    const e = fakeElectron()
    runMain(e.parts, { ...installed, argv: ['/opt/Paraaf/paraaf'] })
    await settle()
    expect(e.children).toHaveLength(1)
    expect(e.children[0].modulePath).toBe('/opt/Paraaf/resources/app.asar/dist/cli/entry.js')
    expect(e.children[0].args).toEqual(['host', '--data', '/home/medewerker/.config/Paraaf', '--templates', '/opt/Paraaf/resources/templates'])
    // The folders IT presets in the policy file win.
    const managed = fakeElectron()
    runMain(managed.parts, { ...installed, argv: [], policy: { values: { dataDir: 'D:\\Paraaf', templatesDir: '\\\\server\\sjablonen' }, file: 'C:\\Program Files\\Paraaf\\paraaf-beleid.json' } })
    await settle()
    expect(managed.children[0].args).toEqual(['host', '--data', 'D:\\Paraaf', '--templates', '\\\\server\\sjablonen'])
  })

  it('opens one window on our page with the preload, a Dutch menu and the close handshake', async () => {
    const e = fakeElectron()
    runMain(e.parts, { ...installed, argv: [] })
    await settle()
    expect(e.windows).toHaveLength(1)
    const w = e.windows[0]
    expect(w.loaded).toBe('/opt/Paraaf/resources/app.asar/dist/renderer/index.html')
    expect(w.options).toMatchObject({ show: false, webPreferences: { preload: '/opt/Paraaf/resources/app.asar/dist/electron/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false } })
    expect(JSON.stringify(e.menus[0])).toContain('Paraaf afsluiten')
    w.emit('ready-to-show')
    expect(w.shown).toBe(true)
    // Closing asks the page first.
    let prevented = false
    w.emit('close', { preventDefault: () => { prevented = true } })
    expect(prevented).toBe(true)
    expect(w.sent.map(([c]) => c)).toContain('app:before-close')
  })

  it('passes every API method through after checking the sender and the input, and refuses the rest', async () => {
    const e = fakeElectron()
    runMain(e.parts, { ...installed, argv: [] })
    await settle()
    expect([...e.handlers.keys()].sort()).toEqual(API_METHODS.map((m) => `api:${m}`).sort())
    expect(await e.call('listDocuments', {})).toEqual({ ok: true, value: 'listDocuments' })
    expect(await e.call('listDocuments', {}, 'elders')).toEqual({ ok: false, error: 'Geweigerd: onbekende afzender.' })
    expect(await e.call('openDocument', { id: 'DROP TABLE' })).toMatchObject({ ok: false, error: expect.stringMatching(/^Ongeldige invoer voor openDocument/) })
    // Nothing refused reached the host.
    expect(e.children[0].posted.map((m) => (m as { method: string }).method)).toEqual(['listDocuments'])
    expect(await e.permitted()).toBe(false)
    expect(await e.allowed('https://example.org/script.js')).toBe(false)
    expect(await e.allowed('file:///opt/Paraaf/resources/app.asar/dist/renderer/index.html')).toBe(true)
    expect(String(await e.csp())).toMatch(/default-src 'none'|default-src 'self'/)
  })

  it('starts the host again after it died: the call under way gets one message, the next call works', async () => {
    const e = fakeElectron()
    runMain(e.parts, { ...installed, argv: [] })
    await settle()
    e.children[0].answering = false
    const underWay = e.call('listDocuments', {})
    await settle()
    e.children[0].emit('exit', 1)
    expect(await underWay).toEqual({ ok: false, error: HOST_STOPPED })
    expect(await e.call('listDocuments', {})).toEqual({ ok: true, value: 'listDocuments' })
    expect(e.children).toHaveLength(2)
  })

  it('on quit lets the host make its backup and stop before the app ends', async () => {
    const e = fakeElectron()
    runMain(e.parts, { ...installed, argv: [] })
    await settle()
    e.app.emit('window-all-closed')
    expect(e.app.quits).toBe(0)
    await settle()
    await settle()
    expect(e.children[0].posted.at(-1)).toEqual({ stop: true })
    expect(e.app.quits).toBe(1)
    expect(e.children).toHaveLength(1)
  })

  it('hands a .docx opened with Paraaf to the page once it is loaded, also from a second launch', async () => {
    const folder = tempDir()
    writeFileSync(join(folder, 'reactie OM.docx'), Buffer.from('PK-nep'))
    const e = fakeElectron()
    const running = runMain(e.parts, { ...installed, argv: ['/opt/Paraaf/paraaf', join(folder, 'reactie OM.docx'), '--no-sandbox', 'notitie.txt'] })
    await settle()
    expect(running.waitingFiles()).toEqual([join(folder, 'reactie OM.docx')])
    const w = e.windows[0]
    w.webContents.emit('did-finish-load')
    expect(w.sent).toEqual([['app:open-file', { name: 'reactie OM.docx', base64: Buffer.from('PK-nep').toString('base64') }]])
    // A second launch with a file (relative to where it was started) goes to this window, which comes to the front.
    writeFileSync(join(folder, 'tweede.docx'), 'x')
    w.minimized = true
    e.app.emit('second-instance', {}, ['/opt/Paraaf/paraaf', 'tweede.docx'], folder)
    expect(w.minimized).toBe(false)
    expect(w.focused).toBe(1)
    expect(w.sent.at(-1)).toEqual(['app:open-file', { name: 'tweede.docx', base64: Buffer.from('x').toString('base64') }])
    // A file that cannot be read is named in one Dutch line.
    e.app.emit('second-instance', {}, ['/opt/Paraaf/paraaf', join(folder, 'weg.docx')], folder)
    expect(w.sent.at(-1)).toEqual(['app:open-file', { name: 'weg.docx', error: 'weg.docx kan niet gelezen worden.' }])
  })

  it('a second launch quits at once and leaves the work to the running Paraaf', async () => {
    const e = fakeElectron({ lock: false })
    runMain(e.parts, { ...installed, argv: ['/opt/Paraaf/paraaf', '/tmp/brief.docx'] })
    await settle()
    expect([e.app.quits, e.windows.length, e.children.length]).toEqual([1, 0, 0])
  })

  it('in development runs the host on the system Node from the checkout', async () => {
    const e = fakeElectron({ packaged: false })
    // A Node that does not exist: the fork fails to start, and main is still up.
    const running = runMain(e.parts, { root: '/nergens/paraaf', resourcesPath: '/nergens', argv: [], env: { PARAAF_NODE: '/nergens/node', PARAAF_DATA: '/tmp/data' }, policy: { values: {}, file: null } })
    await settle()
    expect(e.children).toHaveLength(0)
    expect(running.host()).not.toBeNull()
    expect(e.windows).toHaveLength(1)
  })

  it('has Afdrukken… and Opslaan als PDF… in the Bestand menu: the PDF goes where the user chose, and a message says where', async () => {
    const e = fakeElectron()
    runMain(e.parts, { ...installed, argv: [] })
    await settle()
    const w = e.windows[0]
    type Item = { label?: string; accelerator?: string; registerAccelerator?: boolean; click?: () => void; submenu?: Item[] }
    const file = (e.menus[0] as Item[]).find((m) => m.label === 'Bestand')!.submenu!
    const item = (label: string) => file.find((m) => m.label === label)!
    // Ctrl+P stays the page's (it prints the document only): shown in the menu, not registered a second time.
    expect(item('Afdrukken…')).toMatchObject({ accelerator: 'CmdOrCtrl+P', registerAccelerator: false })
    item('Afdrukken…').click!()
    expect(w.printed).toEqual([{ silent: false, printBackground: false }])

    // Cancelled: nothing written, nothing said.
    item('Opslaan als PDF…').click!()
    await settle()
    expect(e.dialogs.asked[0]).toMatchObject({ title: 'Opslaan als PDF', defaultPath: join('/home/medewerker/Documenten', 'Uitwerking breed offensief fase 2.pdf') })
    expect(e.dialogs.messages).toEqual([])

    const dir = tempDir()
    e.dialogs.answer = { canceled: false, filePath: join(dir, 'brief') }
    item('Opslaan als PDF…').click!()
    await expect.poll(() => e.dialogs.messages.length).toBe(1)
    expect(readFileSync(join(dir, 'brief.pdf'), 'utf8')).toBe('%PDF-1.7 nep')
    expect(w.printed.at(-1)).toMatchObject({ pageSize: 'A4', preferCSSPageSize: true })
    expect(e.dialogs.messages[0]).toMatchObject({ type: 'info', message: `Opgeslagen als ${join(dir, 'brief.pdf')}` })

    // A PDF that cannot be made: one Dutch line, no stack trace.
    w.pdfFails = true
    item('Opslaan als PDF…').click!()
    await expect.poll(() => e.dialogs.messages.length).toBe(2)
    expect(e.dialogs.messages[1].type).toBe('error')
    expect(e.dialogs.messages[1].message).toMatch(/^De PDF kon niet worden opgeslagen in .*brief\.pdf\./)
  })

  it('says where an exported file went once it is saved, and nothing when the user cancelled the save dialog', async () => {
    const e = fakeElectron()
    runMain(e.parts, { ...installed, argv: [] })
    await settle()
    const w = e.windows[0]
    e.download('brief.docx', '/home/medewerker/Documenten/brief.docx', 'completed')
    e.download('nota.docx', '', 'cancelled')
    e.download('memo.docx', '/mnt/vol/memo.docx', 'interrupted')
    expect(w.sent.filter(([c]) => c === 'app:notice').map(([, m]) => m)).toEqual(['Opgeslagen als /home/medewerker/Documenten/brief.docx', 'memo.docx kon niet worden opgeslagen.'])
  })
})
