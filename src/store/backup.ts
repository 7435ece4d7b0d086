// Backups of the database: SQLite's online backup (a consistent copy while
// the app keeps writing), checked with PRAGMA integrity_check before it
// counts, and the last few kept in a folder the user or IT chooses.
import Database from 'better-sqlite3'
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Db } from './database.js'
import { migrations } from './migrations/index.js'

/** A backup that cannot be made or used, said in one Dutch line. */
export class BackupError extends Error {}

/** What a backup file of Paraaf is called: paraaf-20261123-151500.sqlite. */
const NAME = /^paraaf-(\d{8})-(\d{6})\.sqlite$/

/** Checks a database file as a backup: readable, intact, and of a schema this Paraaf knows. */
export function checkBackupFile(file: string): void {
  let db: Db
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
  } catch {
    throw new BackupError(`${file} is geen database van Paraaf (niet te openen).`)
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number
    if (version < 1 || version > migrations.length) throw new BackupError(`${file} is geen reservekopie die deze versie van Paraaf kan gebruiken (schema ${version}).`)
    const rows = db.pragma('integrity_check') as { integrity_check: string }[]
    if (rows.length !== 1 || rows[0].integrity_check !== 'ok') throw new BackupError(`${file} is beschadigd (integriteitscontrole: ${rows.slice(0, 3).map((r) => r.integrity_check).join('; ')}).`)
  } catch (err) {
    if (err instanceof BackupError) throw err
    throw new BackupError(`${file} is geen database van Paraaf (${(err as Error).message.slice(0, 100)}).`)
  } finally {
    db.close()
  }
}

/** Copies the open database to `file` with SQLite's online backup; the copy is checked before it counts (a failed one is removed). */
export async function backupTo(db: Db, file: string): Promise<{ file: string; bytes: number }> {
  if (existsSync(file)) throw new BackupError(`${file} bestaat al; kies een andere naam.`)
  try {
    await db.backup(file)
    // One self-contained file: the copy leaves WAL mode (no -wal and -shm beside it).
    const copy = new Database(file)
    copy.pragma('journal_mode = DELETE')
    copy.close()
  } catch (err) {
    removeDatabaseFile(file)
    throw new BackupError(`De reservekopie naar ${file} is mislukt: ${(err as Error).message.slice(0, 120)}`)
  }
  try {
    checkBackupFile(file)
  } catch (err) {
    removeDatabaseFile(file)
    throw err
  }
  return { file, bytes: statSync(file).size }
}

/** The backups in a folder, newest first. */
export function listBackups(folder: string): { file: string; at: Date }[] {
  if (!existsSync(folder)) return []
  return readdirSync(folder).flatMap((name) => {
    const m = NAME.exec(name)
    if (!m) return []
    const [, d, t] = m
    const at = new Date(Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8), +t.slice(0, 2), +t.slice(2, 4), +t.slice(4, 6)))
    return [{ file: join(folder, name), at }]
  }).sort((x, y) => y.at.getTime() - x.at.getTime())
}

/**
 * One backup into `folder` (named by `now`, in UTC) unless the newest there
 * is younger than `minAge` ms; then all but the newest `keep` are removed.
 * Only files named as Paraaf names them are ever removed.
 */
export async function rotateBackup(db: Db, folder: string, now: Date, options: { keep?: number; minAge?: number } = {}): Promise<string | null> {
  const keep = options.keep ?? 14
  const newest = listBackups(folder)[0]
  if (newest && options.minAge !== undefined && now.getTime() - newest.at.getTime() < options.minAge) return null
  mkdirSync(folder, { recursive: true })
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
  const { file } = await backupTo(db, join(folder, `paraaf-${stamp}.sqlite`))
  for (const old of listBackups(folder).slice(keep)) removeDatabaseFile(old.file)
  return file
}

function removeDatabaseFile(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true })
}

/** Puts a backup in place as the database of an empty data folder; never over existing data. */
export function restoreBackup(file: string, dataDir: string, databaseFile: string): void {
  if (existsSync(dataDir) && readdirSync(dataDir).length) throw new BackupError(`De map ${dataDir} is niet leeg; Paraaf zet een reservekopie alleen terug in een lege map, zodat er niets wordt overschreven.`)
  checkBackupFile(file)
  mkdirSync(dataDir, { recursive: true })
  copyFileSync(file, databaseFile)
}
