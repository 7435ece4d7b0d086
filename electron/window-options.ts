// The settings of every Paraaf window, kept apart from main.ts so a unit test
// can assert them without starting Electron.
import type { BrowserWindowConstructorOptions } from 'electron'

/** Options for the main window: isolated, sandboxed, no Node in the page. */
export function windowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 900,
    minWidth: 800,
    minHeight: 500,
    title: 'Paraaf',
    show: false,
    backgroundColor: '#e9ebee',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Paraaf checks spelling itself, offline, with the Dutch dictionary it
      // ships (src/spell): Chromium's checker would fetch its dictionaries from
      // the internet and underline a second time.
      spellcheck: false,
    },
  }
}

export { CONTENT_SECURITY_POLICY as WINDOW_CSP } from '../src/security/csp.js'
