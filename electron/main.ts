// Entry of the Electron main process: hands the real Electron modules to
// runMain (app-main.ts), which the tests run on fakes.
import { app, BrowserWindow, dialog, ipcMain, Menu, session, utilityProcess } from 'electron'
import { join } from 'node:path'
import { runMain } from './app-main.js'

runMain({
  app,
  ipcMain,
  createWindow: (options) => new BrowserWindow(options),
  setMenu: (template) => Menu.setApplicationMenu(Menu.buildFromTemplate(template)),
  dialog: {
    showSaveDialog: (win, options) => dialog.showSaveDialog(win as unknown as BrowserWindow, options),
    showMessageBox: (win, options) => dialog.showMessageBox(win as unknown as BrowserWindow, options),
  },
  // The default session exists only once the app is ready; runMain uses it from then on.
  get session() { return session.defaultSession },
  utilityProcess,
}, {
  root: process.env.PARAAF_ROOT ?? join(__dirname, '..', '..'),
  resourcesPath: process.resourcesPath,
  argv: process.argv,
  env: process.env,
})
