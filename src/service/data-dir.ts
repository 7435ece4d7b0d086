// Where Paraaf keeps its database: --data DIR, else PARAAF_DATA, else the
// folder IT's policy file names (paraaf-beleid.json), else the OS user-data folder (the same place Electron's app.getPath('userData') uses).
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { policyLocations, readPolicy } from './policy.js'

/** Resolves the data directory from an explicit option, the environment, IT's policy file and the OS. */
export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env, platform = process.platform, policyDir = readPolicy(policyLocations(undefined, env, platform)).values.dataDir): string {
  if (explicit) return resolve(explicit)
  if (env.PARAAF_DATA) return resolve(env.PARAAF_DATA)
  if (policyDir) return policyDir
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Paraaf')
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Paraaf')
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Paraaf')
}

/** The database file inside a data directory. */
export const databasePath = (dataDir: string) => join(dataDir, 'paraaf.sqlite')
