// Wiring for the transports: open the database in a data directory and
// build the service over it.
import { fileURLToPath } from 'node:url'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { openDatabase, type Db } from '../store/database.js'
import { createService } from './paraaf-service.js'
import { checkSkeletons, loadTemplates } from './templates.js'
import { databasePath } from './data-dir.js'
import type { ParaafApi } from './contract.js'
import { readPolicy, type Policy } from './policy.js'

/**
 * The project folder (holds templates/ and dist/): the nearest folder above
 * this file with a package.json. This file runs from src/service, or bundled
 * from dist/cli or a chunk below it.
 */
export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)))

function findPackageRoot(from: string): string {
  for (let dir = from, up = 0; up < 6; dir = dirname(dir), up++) if (existsSync(join(dir, 'package.json'))) return dir
  return resolve(from, '../..')
}

export interface OpenApp {
  api: ParaafApi
  db: Db
  dataDir: string
  /** What IT preset (paraaf-beleid.json), read when the app opened. */
  policy: Policy
  /** Checks the templates' skeletons (templates.ts checkSkeletons): what the app does on start. */
  checkTemplates(): Promise<void>
  close(): void
}

/** Opens Paraaf's database in `dataDir` and returns the service over it. */
export function openApp(dataDir: string, options: { templatesDir?: string; now?: () => Date; policy?: Policy } = {}): OpenApp {
  const policy = options.policy ?? readPolicy()
  const db = openDatabase(databasePath(dataDir))
  const templatesDir = options.templatesDir ?? policy.values.templatesDir ?? resolve(packageRoot, 'templates')
  const templates = loadTemplates(templatesDir)
  const api = createService({ db, templates, templatesDir, now: options.now, policy })
  return { api, db, dataDir, policy, checkTemplates: () => checkSkeletons(templatesDir, templates), close: () => db.close() }
}
