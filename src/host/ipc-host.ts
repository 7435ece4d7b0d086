// The service in a child process, spoken to over Node's IPC channel by the
// Electron main process (see electron/service-host.ts). Every message is
// validated by dispatch, as on every other transport.
import { openApp } from '../service/open-app.js'
import { dispatch } from '../service/dispatch.js'

/** Serves API calls arriving on process IPC until the parent disconnects. */
export function runIpcHost(dataDir: string): void {
  if (!process.send) throw new Error('paraaf host must be started with an IPC channel (child_process.fork).')
  const app = openApp(dataDir)
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
    app.close()
    process.exit(0)
  })
}
