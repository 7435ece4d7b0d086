// Opening the one SQLite file: pragmas, migrations, and refusing a database
// written by a newer Paraaf (its tables may mean things we do not know).
import Database from 'better-sqlite3'
import { accessSync, constants, mkdirSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { migrations } from './migrations/index.js'
import { writeTransaction } from './transaction.js'

export type Db = Database.Database

/** Thrown when a database cannot be used; the message is for the user. */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError'
}

/** Opens (creating if needed) the database at `path` and brings it up to date. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') refuseUnusablePath(path)
  let db: Db
  try {
    db = new Database(path)
  } catch (err) {
    throw new StoreOpenError(`De database ${path} kan niet worden geopend: ${describeSqliteError(err)}`)
  }
  try {
    db.pragma('busy_timeout = 5000')
    // Before anything changes the file: a newer schema is refused untouched
    // (not even switched to WAL).
    const version = db.pragma('user_version', { simple: true }) as number
    if (version > migrations.length) throw newerSchema(version)
    db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    // NORMAL in WAL mode never corrupts the file; a power cut can lose the
    // last transaction, which autosave writes again after restart.
    db.pragma('synchronous = NORMAL')
    migrate(db)
  } catch (err) {
    db.close()
    if (err instanceof StoreOpenError) throw err
    throw new StoreOpenError(`De database ${path} kan niet worden gebruikt: ${describeSqliteError(err)}`)
  }
  return db
}

/** Says in Dutch what went wrong, for the errors a user can meet when opening a file. */
function describeSqliteError(err: unknown): string {
  const code = (err as { code?: string }).code ?? ''
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return 'het bestand is beschadigd of geen Paraaf-database. Zet een back-up terug.'
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM') return 'Paraaf mag het bestand of de map niet beschrijven. Controleer de rechten op de map.'
  if (code === 'SQLITE_FULL') return 'de schijf is vol.'
  if (code === 'SQLITE_BUSY') return 'een ander programma houdt de database bezet. Probeer het zo opnieuw.'
  return (err as Error).message ?? String(err)
}

/** Refuses, before SQLite touches anything, a folder that cannot be written and a database file that was emptied. */
function refuseUnusablePath(path: string): void {
  const dir = dirname(path)
  try {
    mkdirSync(dir, { recursive: true })
    accessSync(dir, constants.W_OK)
  } catch {
    throw new StoreOpenError(`De gegevensmap ${dir} is niet beschrijfbaar. Kies een andere map (--data) of pas de rechten aan; er is niets gewijzigd.`)
  }
  let size: number | null = null
  try {
    size = statSync(path).size
  } catch {
    return // a new database
  }
  // SQLite would silently start a new, empty database in a file of 0 bytes;
  // an emptied file is a lost database, not a fresh start.
  if (size === 0) throw new StoreOpenError(`Het databasebestand ${path} is leeg (0 bytes). Zet een back-up terug, of verwijder het bestand om met een lege database te beginnen.`)
}

function newerSchema(version: number): StoreOpenError {
  return new StoreOpenError(
    `Deze database is gemaakt met een nieuwere versie van Paraaf (schema ${version}, deze versie kent tot ${migrations.length}). Werk Paraaf bij; de database is niet gewijzigd.`,
  )
}

/**
 * Runs every migration the database has not had yet, each in its own
 * immediate transaction that reads the schema version again inside it: two
 * processes starting at once then never run the same migration twice.
 */
export function migrate(db: Db): void {
  for (;;) {
    const done = writeTransaction(db, () => {
      const version = db.pragma('user_version', { simple: true }) as number
      if (version > migrations.length) throw newerSchema(version)
      if (version === migrations.length) return true
      migrations[version](db)
      db.pragma(`user_version = ${version + 1}`)
      return false
    })
    if (done) return
  }
}

/** Runs SQLite's own integrity check; "ok" alone means the file is sound. */
export function checkIntegrity(db: Db): string[] {
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[]
    const fk = db.pragma('foreign_key_check') as unknown[]
    const messages = rows.map((r) => r.integrity_check)
    if (fk.length) messages.push(`${fk.length} verwijzing(en) naar ontbrekende rijen`)
    return messages
  } catch (err) {
    return [`de controle zelf mislukte: ${describeSqliteError(err)}`]
  }
}
