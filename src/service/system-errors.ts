// Failures of the machine rather than of the input: a full disk, a database
// another program holds, a folder Paraaf may not write, a damaged file. Every
// transport turns them into one Dutch line instead of a stack trace or a 500.

/** The Dutch message for a known system failure, or null for anything else (a bug). */
export function describeSystemError(err: unknown): string | null {
  const code = String((err as { code?: unknown } | null)?.code ?? '')
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return 'De schijf is vol. Uw laatst opgeslagen versie is bewaard, deze wijziging nog niet; maak ruimte vrij en probeer het opnieuw.'
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'De database is bezet door een ander programma; probeer het zo opnieuw.'
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'Paraaf mag de gegevensmap niet beschrijven; controleer de rechten op de map. Er is niets gewijzigd.'
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'De database is beschadigd. Voer "paraaf check" uit en zet zo nodig een back-up terug.'
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return 'Lezen of schrijven op de schijf mislukte. Uw laatst opgeslagen versie is bewaard; probeer het opnieuw.'
  return null
}
