// Opening the one SQLite file: pragmas, migrations, and refusing a database
// written by a newer Paraaf (its tables may mean things we do not know).
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { migrations } from './migrations/index.js'

export type Db = Database.Database

/** Thrown when a database cannot be used; the message is for the user. */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError'
}

/** Opens (creating if needed) the database at `path` and brings it up to date. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  let db: Db
  try {
    db = new Database(path)
  } catch (err) {
    throw new StoreOpenError(`De database ${path} kan niet worden geopend: ${(err as Error).message}`)
  }
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    // NORMAL in WAL mode never corrupts the file; a power cut can lose the
    // last transaction, which autosave writes again after restart.
    db.pragma('synchronous = NORMAL')
    db.pragma('busy_timeout = 5000')
    migrate(db)
  } catch (err) {
    db.close()
    if (err instanceof StoreOpenError) throw err
    throw new StoreOpenError(`De database ${path} is onleesbaar of beschadigd: ${(err as Error).message}`)
  }
  return db
}

/** Runs every migration the database has not had yet, each in its own transaction. */
export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > migrations.length) {
    throw new StoreOpenError(
      `Deze database is gemaakt met een nieuwere versie van Paraaf (schema ${current}, deze versie kent tot ${migrations.length}). Werk Paraaf bij; de database is niet gewijzigd.`,
    )
  }
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      migrations[version](db)
      db.pragma(`user_version = ${version + 1}`)
    }).immediate()
  }
}

/** Runs SQLite's own integrity check; "ok" alone means the file is sound. */
export function checkIntegrity(db: Db): string[] {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[]
  const fk = db.pragma('foreign_key_check') as unknown[]
  const messages = rows.map((r) => r.integrity_check)
  if (fk.length) messages.push(`${fk.length} verwijzing(en) naar ontbrekende rijen`)
  return messages
}
