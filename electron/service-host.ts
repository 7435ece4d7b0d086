// The Electron main process does not load better-sqlite3 itself: a native
// module built for Node would need a second build for Electron's ABI. It runs
// the service in a child process on the system's Node (the one `npm start`
// ran with) and forwards validated calls over the child's IPC channel.
import { fork, type ChildProcess } from 'node:child_process'
import type { Result } from '../src/service/contract.js'

export interface ServiceHost {
  call(method: string, input: unknown): Promise<Result<unknown>>
  stop(): void
}

/** Starts `bin/paraaf.js host` on `nodePath` and returns a client for it. */
export function startServiceHost(options: { binPath: string; nodePath: string; dataDir: string }): ServiceHost {
  const child: ChildProcess = fork(options.binPath, ['host', '--data', options.dataDir], {
    execPath: options.nodePath,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined },
  })
  let nextId = 1
  const pending = new Map<number, (result: Result<unknown>) => void>()
  child.on('message', (message: unknown) => {
    const m = message as { id?: unknown; result?: Result<unknown> }
    if (typeof m?.id !== 'number' || !m.result) return
    pending.get(m.id)?.(m.result)
    pending.delete(m.id)
  })
  child.on('exit', () => {
    for (const resolve of pending.values()) resolve({ ok: false, error: 'De opslag van Paraaf is gestopt. Start Paraaf opnieuw; uw laatste opgeslagen versie is bewaard.' })
    pending.clear()
  })
  return {
    call(method, input) {
      return new Promise((resolve) => {
        if (!child.connected) return resolve({ ok: false, error: 'De opslag van Paraaf draait niet.' })
        const id = nextId++
        pending.set(id, resolve)
        child.send({ id, method, input })
      })
    },
    stop() {
      if (child.connected) child.disconnect()
    },
  }
}
