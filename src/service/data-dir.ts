// Where Paraaf keeps its database: --data DIR, else PARAAF_DATA, else the
// OS user-data folder (the same place Electron's app.getPath('userData') uses).
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

/** Resolves the data directory from an explicit option, the environment and the OS. */
export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (explicit) return resolve(explicit)
  if (env.PARAAF_DATA) return resolve(env.PARAAF_DATA)
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Paraaf')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Paraaf')
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Paraaf')
}

/** The database file inside a data directory. */
export const databasePath = (dataDir: string) => join(dataDir, 'paraaf.sqlite')
