// Settings an IT department presets for every laptop: a JSON policy file,
// paraaf-beleid.json, beside the program or in the operating system's
// program-data folder. What it sets wins over what a user chose; the app
// shows which settings come from it.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { z } from 'zod'

export const POLICY_FILE = 'paraaf-beleid.json'

const folder = z.string().trim().min(1).max(1000)
const policySchema = z.object({
  /** Where the database lives (e.g. a folder on the laptop that is backed up). */
  dataDir: folder.optional(),
  /** Where the daily backups go (e.g. the network home drive). */
  backupDir: folder.optional(),
  /** The organisation name comments and versions carry by default. */
  organisation: z.string().trim().min(1).max(100).optional(),
  /** A folder of templates (and logo.png) replacing the shipped ones. */
  templatesDir: folder.optional(),
}).strict()

export type PolicyValues = z.infer<typeof policySchema>

export interface Policy {
  values: PolicyValues
  /** The file the values came from; null without one. */
  file: string | null
  /** Why a policy file was not used, in Dutch; the app then runs on its defaults. */
  problem?: string
}

/** The places a policy file is looked for, first found wins. */
export function policyLocations(programDir = dirname(process.execPath), env: NodeJS.ProcessEnv = process.env, platform = process.platform): string[] {
  const places = [join(programDir, POLICY_FILE)]
  if (platform === 'win32') places.push(join(env.ProgramData ?? 'C:\\ProgramData', 'Paraaf', POLICY_FILE))
  else if (platform === 'darwin') places.push(join('/Library/Application Support/Paraaf', POLICY_FILE))
  else places.push(join('/etc/paraaf', POLICY_FILE))
  // PARAAF_BELEID names a file explicitly (development, tests, a roaming profile).
  if (env.PARAAF_BELEID) places.unshift(resolve(env.PARAAF_BELEID))
  return places
}

/**
 * Reads the first policy file found. A file that is unreadable, too large or
 * not a valid policy is reported and ignored: Paraaf still starts. Relative
 * folders are taken relative to the policy file.
 */
export function readPolicy(places = policyLocations()): Policy {
  const file = places.find((p) => existsSync(p))
  if (!file) return { values: {}, file: null }
  try {
    if (statSync(file).size > 64 * 1024) return { values: {}, file, problem: `${file} is groter dan 64 kB en wordt niet gebruikt.` }
    const parsed = policySchema.safeParse(JSON.parse(readFileSync(file, 'utf8')))
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const field = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '')
      return { values: {}, file, problem: `${file} wordt niet gebruikt: ongeldige instelling${field ? ` "${field}"` : ''} (toegestaan: dataDir, backupDir, organisation, templatesDir).` }
    }
    const values: PolicyValues = { ...parsed.data }
    for (const key of ['dataDir', 'backupDir', 'templatesDir'] as const) {
      const p = values[key]
      if (p !== undefined && !isAbsolute(p)) values[key] = resolve(dirname(file), p)
    }
    return { values, file }
  } catch {
    return { values: {}, file, problem: `${file} is geen geldig JSON-bestand en wordt niet gebruikt.` }
  }
}
