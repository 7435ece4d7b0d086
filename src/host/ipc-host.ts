// The service in a child process, spoken to by the Electron main process (see
// electron/service-host.ts): in the installed app over Electron's
// utilityProcess port (process.parentPort), in development over Node's
// child-process IPC channel. Every message is validated by dispatch, as on
// every other transport.
import { openApp } from '../service/open-app.js'
import { dispatch } from '../service/dispatch.js'
import { scheduledBackup } from '../service/backup.js'

/** How often the host looks whether the daily backup is due. */
const BACKUP_CHECK_MS = 60 * 60 * 1000

/** The line to the main process: a utilityProcess port or a fork's IPC channel. */
export interface HostChannel {
  onMessage(listener: (message: unknown) => void): void
  send(message: unknown): void
  /** The main process went away without saying stop (a fork's channel closing). */
  onClose(listener: () => void): void
}

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void
  postMessage(message: unknown): void
}

/** The channel this process was started with, or null when it has none. */
export function processChannel(): HostChannel | null {
  const port = (process as unknown as { parentPort?: ParentPort }).parentPort
  if (port) return { onMessage: (l) => port.on('message', (e) => l(e.data)), send: (m) => port.postMessage(m), onClose: () => {} }
  if (process.send) return { onMessage: (l) => process.on('message', l), send: (m) => process.send!(m), onClose: (l) => process.on('disconnect', l) }
  return null
}

/**
 * Serves API calls until the main process says stop (or its channel closes);
 * then makes the backup on quit, closes the database and exits.
 */
export function runIpcHost(dataDir: string, options: { templatesDir?: string; channel?: HostChannel | null } = {}): void {
  const channel = options.channel === undefined ? processChannel() : options.channel
  if (!channel) throw new Error('paraaf host moet gestart worden door Paraaf zelf (utilityProcess of child_process.fork).')
  const app = openApp(dataDir, { templatesDir: options.templatesDir })
  // The skeletons are checked while requests are already served (none may be
  // missed); a broken one ends the host with its message, as a broken manifest does.
  app.checkTemplates().catch((err: Error) => {
    console.error(`Paraaf: ${err.message}`)
    app.close()
    process.exit(1)
  })
  if (app.policy.problem) console.error(`Paraaf: ${app.policy.problem}`)
  // A backup once a day (at start when the last one is a day old, then hourly
  // looked at) and one on quit; a failed backup is reported, never fatal.
  const backup = async (force: boolean) => {
    const r = await scheduledBackup(app, new Date(), { force })
    if (!r.ok) console.error(`Paraaf: reservekopie mislukt: ${r.error}`)
  }
  void backup(false)
  const daily = setInterval(() => void backup(false), BACKUP_CHECK_MS)
  daily.unref()
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    clearInterval(daily)
    void backup(true).finally(() => {
      app.close()
      process.exit(0)
    })
  }
  channel.onMessage(async (message: unknown) => {
    const m = message as { id?: unknown; method?: unknown; input?: unknown; stop?: unknown }
    if (m?.stop === true) return stop()
    if (typeof m?.id !== 'number' || typeof m.method !== 'string' || stopping) return
    let result
    try {
      result = await dispatch(app.api, m.method, m.input)
    } catch (err) {
      console.error('Paraaf host: interne fout', err)
      result = { ok: false, error: 'Interne fout in Paraaf.' }
    }
    channel.send({ id: m.id, result })
  })
  channel.onClose(stop)
}
