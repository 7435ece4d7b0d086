// Opening the real service over a real SQLite file in a temp directory.
import { openApp, type OpenApp } from '../../src/service/open-app.js'
import type { Policy } from '../../src/service/policy.js'
import type { Result } from '../../src/service/contract.js'
import { tempDir } from './temp.js'

/** The service over a fresh data directory; `now` sets its clock (rounds' deadlines are judged by it). */
export function openTestApp(dataDir = tempDir(), options: { now?: () => Date; policy?: Policy; templatesDir?: string } = {}): OpenApp {
  // No policy file of the machine running the tests: each test sets its own.
  return openApp(dataDir, { policy: { values: {}, file: null }, ...options })
}

/** The value of a Result, or a test failure showing its message. */
export function must<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got error: ${result.error}`)
  return result.value
}

/** Counts of every table's rows (comments and search indexes included), to show that a failed command wrote nothing. */
export function tableCounts(app: OpenApp): Record<string, number> {
  const out: Record<string, number> = {}
  const tables = app.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]
  for (const table of tables) {
    out[table] = app.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number
  }
  return out
}

/** The number of a document's latest version, the base a script saves on. */
export async function latestVersion(api: OpenApp['api'], id: number): Promise<number> {
  const versions = must(await api.listVersions({ id }))
  return versions[versions.length - 1].number
}
