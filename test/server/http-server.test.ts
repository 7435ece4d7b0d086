import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { networkInterfaces } from 'node:os'
import { connect } from 'node:net'
import { startServer, type RunningServer } from '../../src/server/http-server.js'
import { openTestApp } from '../helpers/app.js'
import { tempDir } from '../helpers/temp.js'
import { readBigLetter } from '../helpers/corpus.js'

let server: RunningServer
const app = openTestApp()

beforeAll(async () => {
  const staticDir = join(tempDir(), 'renderer')
  mkdirSync(staticDir)
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Paraaf</title>')
  server = await startServer({ api: app.api, staticDir })
})
afterAll(async () => {
  await server.close()
  app.close()
})

const call = (method: string, input: unknown, headers: Record<string, string> = { 'X-Paraaf-Token': server.token }) =>
  fetch(`${server.url}api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ input }) })

describe('browser-mode server', () => {
  it('refuses every request without its token with 403', async () => {
    expect((await fetch(server.url)).status).toBe(403)
    expect((await fetch(`${server.url}index.html`)).status).toBe(403)
    expect((await call('listDocuments', {}, {})).status).toBe(403)
    expect((await call('listDocuments', {}, { 'X-Paraaf-Token': 'x'.repeat(server.token.length) })).status).toBe(403)
    expect((await fetch(`${server.url}?token=wrong`, { redirect: 'manual' })).status).toBe(403)
  })

  it('trades the token in the printed address for a cookie and sends the browser on', async () => {
    const first = await fetch(server.openUrl, { redirect: 'manual' })
    expect(first.status).toBe(303)
    expect(first.headers.get('location')).toBe('/')
    const cookie = first.headers.get('set-cookie')!
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    const page = await fetch(server.url, { headers: { Cookie: cookie.split(';')[0] } })
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
  })

  it('does not let the printed link in a second time once it was traded for a cookie', async () => {
    const again = await fetch(server.openUrl, { redirect: 'manual' })
    expect(again.status).toBe(403)
  })

  it('answers a malformed address with 400, not an internal error', async () => {
    const first = await fetch(server.openUrl, { redirect: 'manual' }).catch(() => null)
    void first
    const res = await fetch(`${server.url}%`, { headers: { 'X-Paraaf-Token': server.token } })
    expect(res.status).toBe(400)
  })

  it('listens on 127.0.0.1 only', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const reachable = (host: string) => new Promise<boolean>((resolve) => {
      const socket = connect({ host, port: server.port })
      socket.once('connect', () => { socket.destroy(); resolve(true) })
      socket.once('error', () => resolve(false))
    })
    expect(await reachable('127.0.0.1')).toBe(true)
    // Also on a machine with only a loopback interface: a server bound to all
    // addresses answers on 127.0.0.2 (Linux routes all of 127/8 to it) and on ::1.
    for (const host of ['127.0.0.2', '::1']) expect(await reachable(host), `reachable on ${host}`).toBe(false)
    const others = Object.values(networkInterfaces()).flat().filter((i) => i && !i.internal)
    for (const iface of others) expect(await reachable(iface!.address), `reachable on ${iface!.address}`).toBe(false)
  })

  it('refuses a request whose Host header names another site (DNS rebinding)', async () => {
    const { request } = await import('node:http')
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/api/listDocuments', method: 'POST', headers: { Host: 'evil.example:80', 'X-Paraaf-Token': server.token, 'Content-Type': 'application/json' } }, (res) => resolve(res.statusCode!))
      req.on('error', reject)
      req.end('{}')
    })
    expect(status).toBe(403)
  })

  it('carries the whole API: import a letter, save a version, list versions', async () => {
    const imported = await (await call('importMarkdown', { text: readBigLetter(), fileName: 'brief.md' })).json()
    expect(imported).toEqual({ ok: true, value: { id: expect.any(Number), version: 1 } })
    const id = imported.value.id
    const opened = await (await call('openDocument', { id })).json()
    expect(opened.value.meta.kenmerk).toBe('2946123')
    const content = opened.value.content
    content.content[0].content[0].text = 'Gewijzigd. ' + content.content[0].content[0].text
    const saved = await (await call('saveVersion', { id, base: opened.value.version.number, meta: opened.value.meta, content, kind: 'auto' })).json()
    expect(saved.value).toMatchObject({ number: 2, unchanged: false })
    expect(saved.value.bytesAdded).toBeLessThan(4096)
    const versions = await (await call('listVersions', { id })).json()
    expect(versions.value.map((v: { number: number }) => v.number)).toEqual([1, 2])
  })

  it('answers bad input with a Dutch message, not a crash', async () => {
    expect(await (await call('openDocument', { id: -1 })).json()).toMatchObject({ ok: false, error: expect.stringMatching(/Ongeldige invoer/) })
    const notJson = await fetch(`${server.url}api/listDocuments`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Paraaf-Token': server.token }, body: '{nope' })
    expect(notJson.status).toBe(400)
    const form = await fetch(`${server.url}api/listDocuments`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Paraaf-Token': server.token }, body: 'a=b' })
    expect(form.status).toBe(415)
    const huge = await call('importMarkdown', { text: 'x'.repeat(41 * 1024 * 1024) })
    expect(huge.status).toBe(413)
  })
})
