// The Electron main process does not load better-sqlite3 itself: the service
// runs in a process of its own and main forwards validated calls to it.
// - Installed app: Electron's utilityProcess runs the bundled host
//   (dist/cli/entry.js host), with better-sqlite3 rebuilt for Electron's ABI
//   by electron-builder: no Node on the laptop.
// - Development (`npm start`): the system's Node runs bin/paraaf.js host.
// A host that dies is started again on the next call; the call that was under
// way gets one Dutch message, not a dead app.
import { fork } from 'node:child_process'
import type { Result } from '../src/service/contract.js'

/** A running host process, whichever way it was started. */
export interface HostProcess {
  send(message: unknown): void
  onMessage(listener: (message: unknown) => void): void
  onExit(listener: (code: number | null) => void): void
  kill(): void
}

export type Launch = () => HostProcess

export interface ServiceHost {
  call(method: string, input: unknown): Promise<Result<unknown>>
  /** Asks the host to make its backup on quit and stop; resolves when it has (or after `graceMs`). */
  stop(graceMs?: number): Promise<void>
}

export const HOST_STOPPED = 'De opslag van Paraaf was gestopt en is opnieuw gestart. Wat u het laatst opsloeg, is bewaard; probeer het nog eens.'

/** The host on a Node executable over child-process IPC (development). */
export function forkLauncher(options: { binPath: string; nodePath: string; args: string[] }): Launch {
  return () => {
    const child = fork(options.binPath, ['host', ...options.args], {
      execPath: options.nodePath,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined },
    })
    return {
      send: (m) => { if (child.connected) child.send(m as object) },
      onMessage: (l) => child.on('message', l),
      // A Node that cannot be started reports 'error' and no 'exit'.
      onExit: (l) => {
        let done = false
        const once = (code: number | null) => { if (!done) { done = true; l(code) } }
        child.on('exit', once)
        child.on('error', (err) => {
          console.error(`Paraaf: de opslag kon niet starten (${err.message})`)
          once(null)
        })
      },
      kill: () => child.kill(),
    }
  }
}

/** What main needs of Electron's utilityProcess (a fake in the tests). */
export interface UtilityProcessApi {
  fork(modulePath: string, args: string[], options: { serviceName: string; stdio: 'inherit' }): UtilityChild
}
export interface UtilityChild {
  postMessage(message: unknown): void
  on(event: 'message', listener: (message: unknown) => void): unknown
  on(event: 'exit', listener: (code: number) => void): unknown
  kill(): boolean
}

/** The bundled host in Electron's utilityProcess (the installed app). */
export function utilityLauncher(utility: UtilityProcessApi, options: { modulePath: string; args: string[] }): Launch {
  return () => {
    const child = utility.fork(options.modulePath, ['host', ...options.args], { serviceName: 'Paraaf-opslag', stdio: 'inherit' })
    return {
      send: (m) => child.postMessage(m),
      onMessage: (l) => child.on('message', l),
      onExit: (l) => child.on('exit', (code: number) => l(code)),
      kill: () => void child.kill(),
    }
  }
}

/** A client for the host; the process is started on the first call and again after it died. */
export function startServiceHost(launch: Launch): ServiceHost {
  let child: HostProcess | null = null
  let exited: Promise<void> = Promise.resolve()
  let nextId = 1
  let stopped = false
  const pending = new Map<number, (result: Result<unknown>) => void>()

  const ensure = (): HostProcess => {
    if (child) return child
    const current = launch()
    child = current
    current.onMessage((message: unknown) => {
      const m = message as { id?: unknown; result?: Result<unknown> }
      if (typeof m?.id !== 'number' || !m.result) return
      pending.get(m.id)?.(m.result)
      pending.delete(m.id)
    })
    exited = new Promise((resolve) => current.onExit(() => {
      if (child === current) child = null
      for (const answer of pending.values()) answer({ ok: false, error: HOST_STOPPED })
      pending.clear()
      resolve()
    }))
    return current
  }
  ensure()

  return {
    call(method, input) {
      return new Promise((resolve) => {
        if (stopped) return resolve({ ok: false, error: 'Paraaf wordt afgesloten.' })
        const id = nextId++
        pending.set(id, resolve)
        ensure().send({ id, method, input })
      })
    },
    async stop(graceMs = 15_000) {
      stopped = true
      const current = child
      if (!current) return
      current.send({ stop: true })
      let timer: ReturnType<typeof setTimeout> | undefined
      const late = new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), graceMs) })
      if ((await Promise.race([exited, late])) === 'late') current.kill()
      clearTimeout(timer)
    },
  }
}
