// The Electron shell: one window, Dutch menus, no remote content, and every
// call from the page checked before it reaches the service host.
import { app, BrowserWindow, ipcMain, Menu, session, type IpcMainInvokeEvent, type MenuItemConstructorOptions } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { API_METHODS } from '../src/service/contract.js'
import { describeInputError, inputSchemas } from '../src/service/inputs.js'
import { installCloseHandshake } from './close-handshake.js'
import { guardContents, isAllowedRequest, isTrustedSender as isTrustedSenderOf, refusePermission } from './guards.js'
import { windowOptions, WINDOW_CSP } from './window-options.js'
import { startServiceHost, type ServiceHost } from './service-host.js'

const root = process.env.PARAAF_ROOT ?? join(__dirname, '..', '..')
const rendererIndex = join(root, 'dist', 'renderer', 'index.html')
const rendererUrl = pathToFileURL(rendererIndex).href
let host: ServiceHost | null = null
let mainWindow: BrowserWindow | null = null

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.whenReady().then(start)
}

/** Only our own page, in our own window, may call the API. */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  return isTrustedSenderOf(event.sender, event.senderFrame?.url, mainWindow?.webContents, rendererUrl)
}

function start() {
  const dataDir = process.env.PARAAF_DATA ?? app.getPath('userData')
  host = startServiceHost({ binPath: join(root, 'bin', 'paraaf.js'), nodePath: process.env.PARAAF_NODE ?? 'node', dataDir })

  session.defaultSession.setPermissionRequestHandler(refusePermission)
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [WINDOW_CSP] } })
  })
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url) })
  })

  for (const method of API_METHODS) {
    ipcMain.handle(`api:${method}`, async (event, input: unknown) => {
      if (!isTrustedSender(event)) return { ok: false, error: 'Geweigerd: onbekende afzender.' }
      const parsed = inputSchemas[method].safeParse(input)
      if (!parsed.success) return { ok: false, error: describeInputError(method, parsed.error) }
      return host!.call(method, parsed.data)
    })
  }

  Menu.setApplicationMenu(Menu.buildFromTemplate(dutchMenu()))
  createWindow()
}

function createWindow() {
  const win = new BrowserWindow(windowOptions(join(__dirname, 'preload.cjs')))
  mainWindow = win
  win.once('ready-to-show', () => win.show())
  // Let the page write its last draft (or keep the window) before it goes.
  installCloseHandshake(win, ipcMain)
  win.on('closed', () => {
    mainWindow = null
  })
  void win.loadFile(rendererIndex)
}

app.on('web-contents-created', (_event, contents) => guardContents(contents, rendererUrl))

app.on('window-all-closed', () => {
  host?.stop()
  app.quit()
})

function dutchMenu(): MenuItemConstructorOptions[] {
  return [
    { label: 'Bestand', submenu: [{ role: 'close', label: 'Venster sluiten' }, { type: 'separator' }, { role: 'quit', label: 'Paraaf afsluiten' }] },
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
