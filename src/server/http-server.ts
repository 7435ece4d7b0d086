// Browser mode: the App API as JSON over HTTP, plus the built renderer.
//
// It listens on 127.0.0.1 only and answers nobody without the per-launch
// token. The address it prints carries the token once (`/?token=…`); the
// server trades it for an HttpOnly, SameSite=Strict cookie and redirects, so
// the token leaves the address bar and every later request carries it.
// Scripts and tools may send it as the X-Paraaf-Token header instead.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { AddressInfo } from 'node:net'
import { LIMITS, type ParaafApi } from '../service/contract.js'
import { dispatch } from '../service/dispatch.js'
import { CONTENT_SECURITY_POLICY } from '../security/csp.js'

export interface ServerOptions {
  api: ParaafApi
  /** Folder with the built renderer (index.html and assets). */
  staticDir: string
  port?: number
  token?: string
}

export interface RunningServer {
  url: string
  /** The address to open once: it hands the token to the browser. */
  openUrl: string
  port: number
  token: string
  close(): Promise<void>
}

const COOKIE = 'paraaf_token'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
}


/** Starts browser mode on 127.0.0.1 and resolves once it listens. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const tokenBuf = Buffer.from(token)
  let exchanged = false
  let port = 0

  const hasToken = (candidate: string | undefined) => {
    if (!candidate) return false
    const buf = Buffer.from(candidate)
    return buf.length === tokenBuf.length && timingSafeEqual(buf, tokenBuf)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      console.error('Paraaf: interne fout bij', req.method, req.url, err)
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'Interne fout in Paraaf; zie het logboek van de server.' })
      else res.end()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse) {
    setSecurityHeaders(res)
    // A page on another site that resolves its own name to 127.0.0.1 still
    // sends its own Host header: refuse it (DNS rebinding).
    const host = req.headers.host ?? ''
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return sendText(res, 403, 'Geweigerd: onbekende host.')
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)

    const offered = url.searchParams.get('token')
    const cookieToken = parseCookies(req.headers.cookie)[COOKIE]
    if (req.method === 'GET' && offered !== null) {
      // The printed link works once: after it was traded for a cookie, only
      // that browser (which carries the cookie) may follow it again.
      if (!hasToken(offered) || (exchanged && !hasToken(cookieToken))) return sendText(res, 403, 'Geweigerd: deze link is niet (meer) geldig. Open de link die Paraaf bij het starten heeft getoond.')
      exchanged = true
      res.setHeader('Set-Cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`)
      res.writeHead(303, { Location: '/' })
      return res.end()
    }
    const headerToken = req.headers['x-paraaf-token']
    if (!hasToken(typeof headerToken === 'string' ? headerToken : cookieToken)) {
      return sendText(res, 403, 'Geweigerd: open Paraaf via de link die bij het starten is getoond.')
    }

    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname.slice(5))
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Methode niet toegestaan.')
    return serveStatic(res, url.pathname)
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string) {
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: 'Gebruik POST.' })
    // A cross-site form cannot send this content type without a CORS preflight.
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return sendJson(res, 415, { ok: false, error: 'Verwacht JSON.' })
    const body = await readBody(req, LIMITS.requestBytes)
    if (body === null) return sendJson(res, 413, { ok: false, error: `Verzoek te groot (meer dan ${LIMITS.requestBytes / 1024 / 1024} MB).` })
    let parsed: unknown
    try {
      parsed = JSON.parse(body || '{}')
    } catch {
      return sendJson(res, 400, { ok: false, error: 'Verzoek is geen geldige JSON.' })
    }
    const input = parsed && typeof parsed === 'object' ? (parsed as { input?: unknown }).input : undefined
    const result = await dispatch(options.api, method, input)
    sendJson(res, 200, result)
  }

  async function serveStatic(res: ServerResponse, pathname: string) {
    let decoded: string
    try {
      decoded = decodeURIComponent(pathname)
    } catch {
      return sendText(res, 400, 'Ongeldig adres.')
    }
    const relative = pathname === '/' ? 'index.html' : decoded.replace(/^\/+/, '')
    const file = normalize(join(options.staticDir, relative))
    if (!file.startsWith(normalize(options.staticDir) + sep)) return sendText(res, 404, 'Niet gevonden.')
    try {
      const data = await readFile(file)
      res.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' })
      res.end(data)
    } catch {
      if (relative === 'index.html') return sendText(res, 500, 'De gebruikersinterface is niet gebouwd. Voer eerst "npm run build" uit.')
      sendText(res, 404, 'Niet gevonden.')
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  port = (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}/`
  return {
    url,
    openUrl: `${url}?token=${token}`,
    port,
    token,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    }),
  }
}

function setSecurityHeaders(res: ServerResponse) {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Referrer-Policy', 'no-referrer')
  res.setHeader('X-Frame-Options', 'DENY')
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin')
}

function sendJson(res: ServerResponse, status: number, value: unknown) {
  const body = JSON.stringify(value)
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(body)
}

function sendText(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(text)
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim()
  }
  return out
}

/** Reads a request body up to `limit` bytes; null when it is larger. */
function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        tooLarge = true
        chunks.length = 0
        return
      }
      if (!tooLarge) chunks.push(chunk)
    })
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
