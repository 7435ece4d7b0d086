// Backups for the transports that may write files (the CLI and the service
// host behind the desktop app); not part of the window's contract, which
// must never name paths on the disk.
import { join, resolve } from 'node:path'
import { BackupError, backupTo, restoreBackup, rotateBackup } from '../store/backup.js'
import { getSetting } from '../store/settings.repo.js'
import type { OpenApp } from './open-app.js'
import { databasePath } from './data-dir.js'
import type { Result } from './contract.js'

const asResult = async <T>(work: () => T | Promise<T>): Promise<Result<T>> => {
  try {
    return { ok: true, value: await work() }
  } catch (err) {
    if (err instanceof BackupError) return { ok: false, error: err.message }
    throw err
  }
}

/** `paraaf backup --out FILE`: a checked copy of the database. */
export function backupDatabase(app: OpenApp, out: string): Promise<Result<{ file: string; bytes: number }>> {
  return asResult(() => backupTo(app.db, resolve(out)))
}

/** `paraaf restore-backup FILE --data DIR`: only into an empty data folder. */
export function restoreDatabase(file: string, dataDir: string): Promise<Result<{ dataDir: string }>> {
  return asResult(() => {
    restoreBackup(resolve(file), dataDir, databasePath(dataDir))
    return { dataDir }
  })
}

/**
 * Where the desktop app keeps its daily backups: the folder IT sets in the
 * policy file (paraaf-beleid.json, {"backupDir": "…"}), else the one the
 * user set, else a folder in the data folder.
 */
export function backupFolder(app: OpenApp): string {
  return resolve(app.policy.values.backupDir ?? getSetting(app.db, 'backupDir') ?? join(app.dataDir, 'reservekopieen'))
}

/** A backup when the newest is a day old (or on request, `force`: on quit); the last 14 are kept. */
export function scheduledBackup(app: OpenApp, now: Date, options: { force?: boolean } = {}): Promise<Result<string | null>> {
  return asResult(() => rotateBackup(app.db, backupFolder(app), now, { keep: 14, minAge: options.force ? undefined : 24 * 60 * 60 * 1000 }))
}
