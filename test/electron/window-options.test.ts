import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { windowOptions, WINDOW_CSP } from '../../electron/window-options.js'
import { META_CONTENT_SECURITY_POLICY } from '../../src/security/csp.js'
import { repoRoot } from '../helpers/corpus.js'

describe('the Electron window', () => {
  const prefs = windowOptions('/app/preload.cjs').webPreferences!

  it('isolates the page: contextIsolation and sandbox on, no Node anywhere', () => {
    expect(prefs.contextIsolation).toBe(true)
    expect(prefs.sandbox).toBe(true)
    expect(prefs.nodeIntegration).toBe(false)
    expect(prefs.nodeIntegrationInWorker).toBe(false)
    expect(prefs.nodeIntegrationInSubFrames).toBe(false)
    expect(prefs.webSecurity).toBe(true)
    expect(prefs.allowRunningInsecureContent).toBe(false)
    expect(prefs.webviewTag).toBe(false)
    expect(prefs.preload).toBe('/app/preload.cjs')
  })

  it('allows only its own scripts, in the window and in browser mode alike', () => {
    expect(WINDOW_CSP).toContain("script-src 'self'")
    expect(WINDOW_CSP).toContain("object-src 'none'")
    expect(WINDOW_CSP).not.toContain('unsafe-eval')
    // The built page carries the same policy in its meta tag (file:// has no headers).
    const html = readFileSync(join(repoRoot, 'dist/renderer/index.html'), 'utf8')
    expect(html).toContain(`content="${META_CONTENT_SECURITY_POLICY}"`)
  })

})
