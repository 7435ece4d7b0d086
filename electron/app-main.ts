// The Electron shell, written against the parts of Electron it uses so the
// tests can run it on fakes (Electron itself cannot be installed everywhere
// the tests run). main.ts hands it the real modules.
// One window, Dutch menus, no remote content; every call from the page is
// checked before it reaches the service host; .docx files opened with Paraaf
// (also in a second launch) go to the running window.
import { basename, extname, isAbsolute, join, resolve } from 'node:path'
import { readFileSync, statSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron'
import { API_METHODS, LIMITS } from '../src/service/contract.js'
import { describeInputError, inputSchema } from '../src/service/inputs.js'
import { readPolicy, type Policy } from '../src/service/policy.js'
import { installCloseHandshake, type ClosingWindow } from './close-handshake.js'
import { guardContents, isAllowedRequest, isTrustedSender, refusePermission, type GuardedContents } from './guards.js'
import { windowOptions, WINDOW_CSP } from './window-options.js'
import { forkLauncher, startServiceHost, utilityLauncher, type ServiceHost, type UtilityProcessApi } from './service-host.js'

/** The window as main uses it. */
export interface MainWindow extends ClosingWindow {
  once(event: 'ready-to-show', listener: () => void): unknown
  on(event: 'closed', listener: () => void): unknown
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown
  show(): void
  focus(): void
  isMinimized(): boolean
  restore(): void
  loadFile(path: string): Promise<void>
  webContents: {
    send(channel: string, ...args: unknown[]): void
    once(event: 'did-finish-load', listener: () => void): unknown
    isLoading(): boolean
    getTitle(): string
    print(options: { silent: boolean; printBackground: boolean }): void
    printToPDF(options: { pageSize: 'A4'; printBackground: boolean; preferCSSPageSize: boolean }): Promise<Uint8Array>
  }
}

/** The save dialog and message box, as main uses them (Electron's dialog module). */
export interface Dialogs {
  showSaveDialog(win: MainWindow, options: { title: string; defaultPath: string; buttonLabel: string; filters: { name: string; extensions: string[] }[] }): Promise<{ canceled: boolean; filePath?: string }>
  showMessageBox(win: MainWindow, options: { type: 'info' | 'error'; title: string; message: string; buttons: string[] }): Promise<unknown>
}

export interface MainEvent { preventDefault(): void }

export interface ElectronParts {
  app: {
    isPackaged: boolean
    requestSingleInstanceLock(): boolean
    whenReady(): Promise<unknown>
    getPath(name: 'userData' | 'documents'): string
    quit(): void
    on(event: 'second-instance', listener: (event: unknown, argv: string[], workingDirectory: string) => void): unknown
    on(event: 'open-file', listener: (event: MainEvent, path: string) => void): unknown
    on(event: 'web-contents-created', listener: (event: unknown, contents: GuardedContents) => void): unknown
    on(event: 'window-all-closed', listener: () => void): unknown
  }
  ipcMain: {
    handle(channel: string, listener: (event: { sender: unknown; senderFrame?: { url: string } | null }, input: unknown) => Promise<unknown>): void
    on(channel: string, listener: (event: { sender: unknown }) => void): unknown
  }
  createWindow(options: BrowserWindowConstructorOptions): MainWindow
  setMenu(template: MenuItemConstructorOptions[]): void
  dialog: Dialogs
  session: {
    /** A download (an exported file): Electron asks where to save it; main says where it went. */
    on(event: 'will-download', listener: (event: unknown, item: DownloadItem) => void): unknown
    setPermissionRequestHandler(handler: typeof refusePermission): void
    webRequest: {
      onHeadersReceived(listener: (details: { responseHeaders?: Record<string, string[] | string> }, callback: (response: { responseHeaders: Record<string, string[] | string> }) => void) => void): void
      onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void): void
    }
  }
  utilityProcess: UtilityProcessApi
}

/** The part of Electron's DownloadItem main uses. */
export interface DownloadItem {
  getFilename(): string
  getSavePath(): string
  once(event: 'done', listener: (event: unknown, state: 'completed' | 'cancelled' | 'interrupted') => void): unknown
}

export interface MainOptions {
  /** The project folder (development) or the app's folder inside the archive. */
  root: string
  /** process.resourcesPath in the installed app: templates/ lies beside the archive. */
  resourcesPath: string
  /** The command line this instance was started with. */
  argv: string[]
  env: NodeJS.ProcessEnv
  policy?: Policy
}

export interface RunningMain {
  host(): ServiceHost | null
  window(): MainWindow | null
  /** The .docx files asked to open and not yet handed to the page. */
  waitingFiles(): string[]
}

/** Starts Paraaf's main process on the given Electron parts. */
export function runMain(e: ElectronParts, o: MainOptions): RunningMain {
  const rendererIndex = join(o.root, 'dist', 'renderer', 'index.html')
  const rendererUrl = pathToFileURL(rendererIndex).href
  let host: ServiceHost | null = null
  let mainWindow: MainWindow | null = null
  let pageReady = false
  const waiting: string[] = []

  const running: RunningMain = { host: () => host, window: () => mainWindow, waitingFiles: () => [...waiting] }
  if (!e.app.requestSingleInstanceLock()) {
    // The running Paraaf gets this launch's files through 'second-instance'.
    e.app.quit()
    return running
  }
  queueFiles(o.argv, process.cwd())
  e.app.on('second-instance', (_event, argv, workingDirectory) => {
    queueFiles(argv, workingDirectory)
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  e.app.on('open-file', (event, path) => {
    event.preventDefault()
    queueFiles([path], process.cwd())
  })
  e.app.on('web-contents-created', (_event, contents) => guardContents(contents, rendererUrl))
  e.app.on('window-all-closed', () => {
    // The host makes its backup on quit before Paraaf ends.
    void (host?.stop() ?? Promise.resolve()).finally(() => e.app.quit())
  })
  void e.app.whenReady().then(start)
  return running

  function start() {
    const policy = o.policy ?? readPolicy()
    if (policy.problem) console.error(`Paraaf: ${policy.problem}`)
    const dataDir = o.env.PARAAF_DATA ?? policy.values.dataDir ?? e.app.getPath('userData')
    const templatesDir = policy.values.templatesDir ?? (e.app.isPackaged ? join(o.resourcesPath, 'templates') : join(o.root, 'templates'))
    const args = ['--data', dataDir, '--templates', templatesDir]
    host = startServiceHost(e.app.isPackaged
      ? utilityLauncher(e.utilityProcess, { modulePath: join(o.root, 'dist', 'cli', 'entry.js'), args })
      : forkLauncher({ binPath: join(o.root, 'bin', 'paraaf.js'), nodePath: o.env.PARAAF_NODE ?? 'node', args }))

    e.session.setPermissionRequestHandler(refusePermission)
    // An export goes where the user chooses (Electron's save dialog); the page is told where it went.
    e.session.on('will-download', (_event, item) => {
      item.once('done', (_done, state) => {
        const message = state === 'completed' ? `Opgeslagen als ${item.getSavePath()}` : state === 'interrupted' ? `${item.getFilename()} kon niet worden opgeslagen.` : null
        if (message) mainWindow?.webContents.send('app:notice', message)
      })
    })
    e.session.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [WINDOW_CSP] } })
    })
    e.session.webRequest.onBeforeRequest((details, callback) => {
      callback({ cancel: !isAllowedRequest(details.url) })
    })

    for (const method of API_METHODS) {
      e.ipcMain.handle(`api:${method}`, async (event, input: unknown) => {
        // Only our own page, in our own window, may call the API.
        if (!isTrustedSender(event.sender, event.senderFrame?.url, mainWindow?.webContents, rendererUrl)) return { ok: false, error: 'Geweigerd: onbekende afzender.' }
        const parsed = inputSchema(method).safeParse(input)
        if (!parsed.success) return { ok: false, error: describeInputError(method, parsed.error) }
        return host!.call(method, parsed.data)
      })
    }

    e.setMenu(dutchMenu({ print: () => mainWindow?.webContents.print({ silent: false, printBackground: false }), savePdf: () => void savePdf() }))
    createWindow()
  }

  /**
   * "Opslaan als PDF…": the page as it prints (the print stylesheet shows the
   * document in the house style, without the app around it), to a file the
   * user picks; a message says where it went.
   */
  async function savePdf() {
    const win = mainWindow
    if (!win) return
    const name = pdfFileName(win.webContents.getTitle())
    const chosen = await e.dialog.showSaveDialog(win, {
      title: 'Opslaan als PDF', defaultPath: join(e.app.getPath('documents'), name), buttonLabel: 'Opslaan',
      filters: [{ name: 'PDF-document', extensions: ['pdf'] }],
    })
    if (chosen.canceled || !chosen.filePath) return
    const path = extname(chosen.filePath).toLowerCase() === '.pdf' ? chosen.filePath : `${chosen.filePath}.pdf`
    try {
      const pdf = await win.webContents.printToPDF({ pageSize: 'A4', printBackground: false, preferCSSPageSize: true })
      await writeFile(path, pdf)
      await e.dialog.showMessageBox(win, { type: 'info', title: 'Opgeslagen als PDF', message: `Opgeslagen als ${path}`, buttons: ['OK'] })
    } catch {
      await e.dialog.showMessageBox(win, { type: 'error', title: 'Opslaan als PDF', message: `De PDF kon niet worden opgeslagen in ${path}. Kies een andere map of controleer of het bestand geopend is.`, buttons: ['OK'] })
    }
  }

  function createWindow() {
    const win = e.createWindow(windowOptions(join(o.root, 'dist', 'electron', 'preload.cjs')))
    mainWindow = win
    win.once('ready-to-show', () => win.show())
    // Let the page write its last draft (or keep the window) before it goes.
    installCloseHandshake(win, e.ipcMain)
    win.on('closed', () => {
      mainWindow = null
      pageReady = false
    })
    win.webContents.once('did-finish-load', () => {
      pageReady = true
      deliverFiles()
    })
    void win.loadFile(rendererIndex)
  }

  /** Word files named on a command line (Open with Paraaf), in order, once each. */
  function queueFiles(argv: string[], workingDirectory: string) {
    for (const arg of argv.slice(1)) {
      if (arg.startsWith('-') || extname(arg).toLowerCase() !== '.docx') continue
      const path = isAbsolute(arg) ? arg : resolve(workingDirectory, arg)
      if (!waiting.includes(path)) waiting.push(path)
    }
    deliverFiles()
  }

  /** Hands the waiting files to the page, which asks what each one is. */
  function deliverFiles() {
    if (!mainWindow || !pageReady) return
    for (const path of waiting.splice(0)) mainWindow.webContents.send('app:open-file', readOpenedFile(path))
  }
}

/** What the page gets for a file opened with Paraaf: its bytes, or why it cannot be read. */
export type OpenedFile = { name: string; base64: string } | { name: string; error: string }

export function readOpenedFile(path: string): OpenedFile {
  const name = basename(path)
  try {
    // The page sends the file on as base64, which the service takes up to LIMITS.docxBase64Chars.
    const most = Math.floor(LIMITS.docxBase64Chars / 4) * 3
    if (statSync(path).size > most) return { name, error: `${name} is groter dan ${Math.floor(most / 1024 / 1024)} MB en wordt niet geopend.` }
    return { name, base64: readFileSync(path).toString('base64') }
  } catch {
    return { name, error: `${name} kan niet gelezen worden.` }
  }
}

/** A file name for the PDF of the page titled `title` ("Uitwerking breed offensief – Paraaf"). */
export function pdfFileName(title: string): string {
  const base = title.replace(/\s*[–-]\s*Paraaf\s*$/u, '').replace(/[\\/:*?"<>|\u0000-\u001f]+/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 100)
  return `${base || 'Paraaf'}.pdf`
}

function dutchMenu(actions: { print: () => void; savePdf: () => void }): MenuItemConstructorOptions[] {
  return [
    {
      label: 'Bestand',
      submenu: [
        // Ctrl+P is the page's own (it prints the document only); shown here, not registered twice.
        { label: 'Afdrukken…', accelerator: 'CmdOrCtrl+P', registerAccelerator: false, click: actions.print },
        { label: 'Opslaan als PDF…', accelerator: 'CmdOrCtrl+Shift+P', click: actions.savePdf },
        { type: 'separator' },
        { role: 'close', label: 'Venster sluiten' }, { type: 'separator' }, { role: 'quit', label: 'Paraaf afsluiten' },
      ],
    },
    {
      label: 'Bewerken',
      submenu: [
        { role: 'undo', label: 'Ongedaan maken' }, { role: 'redo', label: 'Opnieuw' }, { type: 'separator' },
        { role: 'cut', label: 'Knippen' }, { role: 'copy', label: 'Kopiëren' }, { role: 'paste', label: 'Plakken' },
        { role: 'selectAll', label: 'Alles selecteren' },
      ],
    },
    {
      label: 'Beeld',
      submenu: [
        { role: 'zoomIn', label: 'Inzoomen' }, { role: 'zoomOut', label: 'Uitzoomen' }, { role: 'resetZoom', label: 'Werkelijke grootte' },
        { type: 'separator' }, { role: 'togglefullscreen', label: 'Volledig scherm' },
      ],
    },
    { label: 'Help', submenu: [{ role: 'about', label: 'Over Paraaf' }] },
  ]
}
