// Who made each tracked change in an imported Word file (w:author, w:date,
// the words): kept with the version that holds the file's proposal, so the
// compare screen and "Wijzigingen tonen" name the partner's reviewer and the
// moment of the change, not the user who imported the file.
import type { Database } from 'better-sqlite3'

export default function up(db: Database): void {
  db.exec(`CREATE TABLE version_revisions (
    document_id INTEGER NOT NULL REFERENCES documents(id),
    version INTEGER NOT NULL,
    revisions TEXT NOT NULL,
    PRIMARY KEY (document_id, version)
  ) WITHOUT ROWID`)
}
