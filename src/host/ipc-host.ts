// The service in a child process, spoken to over Node's IPC channel by the
// Electron main process (see electron/service-host.ts). Every message is
// validated by dispatch, as on every other transport.
import { openApp } from '../service/open-app.js'
import { dispatch } from '../service/dispatch.js'
import { scheduledBackup } from '../service/backup.js'

/** How often the host looks whether the daily backup is due. */
const BACKUP_CHECK_MS = 60 * 60 * 1000

/** Serves API calls arriving on process IPC until the parent disconnects. */
export function runIpcHost(dataDir: string): void {
  if (!process.send) throw new Error('paraaf host must be started with an IPC channel (child_process.fork).')
  const app = openApp(dataDir)
  // A backup once a day (at start when the last one is a day old, then hourly
  // looked at) and one on quit; a failed backup is reported, never fatal.
  const backup = async (force: boolean) => {
    const r = await scheduledBackup(app, new Date(), { force })
    if (!r.ok) console.error(`Paraaf: reservekopie mislukt: ${r.error}`)
  }
  void backup(false)
  const daily = setInterval(() => void backup(false), BACKUP_CHECK_MS)
  daily.unref()
  process.on('message', async (message: unknown) => {
    const m = message as { id?: unknown; method?: unknown; input?: unknown }
    if (typeof m?.id !== 'number' || typeof m.method !== 'string') return
    let result
    try {
      result = await dispatch(app.api, m.method, m.input)
    } catch (err) {
      console.error('Paraaf host: interne fout', err)
      result = { ok: false, error: 'Interne fout in Paraaf.' }
    }
    process.send!({ id: m.id, result })
  })
  process.on('disconnect', () => {
    clearInterval(daily)
    void backup(true).finally(() => {
      app.close()
      process.exit(0)
    })
  })
}
