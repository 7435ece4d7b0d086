// Review rounds: which version went to which partners, the returns that came
// back (their texts stored as blocks, beside the history: a return is never a
// version of the document), and the drafter's decisions on the proposals.
// Rounds, partners and returns are never changed once written; a decision
// may change until it is processed into a version.
import type { Database } from 'better-sqlite3'

export default function up(db: Database): void {
  db.exec(`
    CREATE TABLE rounds (
      id INTEGER PRIMARY KEY,
      document_id INTEGER NOT NULL REFERENCES documents(id),
      -- The version that was sent.
      version INTEGER NOT NULL,
      deadline TEXT NOT NULL DEFAULT '',
      note TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      FOREIGN KEY (document_id, version) REFERENCES versions(document_id, number)
    ) STRICT;
    CREATE INDEX rounds_by_document ON rounds (document_id);

    CREATE TABLE round_partners (
      round_id INTEGER NOT NULL REFERENCES rounds(id),
      org TEXT NOT NULL,
      contact TEXT NOT NULL DEFAULT '',
      file_name TEXT NOT NULL,
      PRIMARY KEY (round_id, org)
    ) STRICT;

    -- A return: the partner's text with tracked changes accepted (proposal)
    -- and rejected (base), as lists of block ids like a version's.
    CREATE TABLE round_returns (
      id INTEGER PRIMARY KEY,
      round_id INTEGER NOT NULL REFERENCES rounds(id),
      org TEXT NOT NULL,
      file_name TEXT NOT NULL,
      imported_at TEXT NOT NULL,
      proposal_blocks BLOB NOT NULL,
      base_blocks BLOB NOT NULL,
      revisions INTEGER NOT NULL,
      comments INTEGER NOT NULL,
      -- Each tracked change with its author and date (JSON), to credit proposals.
      revision_list TEXT NOT NULL DEFAULT '[]'
    ) STRICT;
    CREATE INDEX round_returns_by_round ON round_returns (round_id);

    CREATE TABLE round_decisions (
      round_id INTEGER NOT NULL REFERENCES rounds(id),
      proposal TEXT NOT NULL,
      decision TEXT NOT NULL CHECK (decision IN ('accept', 'reject')),
      reason TEXT NOT NULL DEFAULT '',
      decided_at TEXT NOT NULL,
      -- The version "Verwerken" wrote with this decision; NULL while open.
      processed_version INTEGER,
      PRIMARY KEY (round_id, proposal)
    ) STRICT;

    -- Each "Verwerken": the version it wrote and what it took over.
    CREATE TABLE round_processing (
      round_id INTEGER NOT NULL REFERENCES rounds(id),
      version INTEGER NOT NULL,
      accepted INTEGER NOT NULL,
      rejected INTEGER NOT NULL,
      processed_at TEXT NOT NULL,
      PRIMARY KEY (round_id, version)
    ) STRICT;

    CREATE TRIGGER rounds_are_immutable BEFORE UPDATE ON rounds BEGIN SELECT RAISE(ABORT, 'rounds are immutable'); END;
    CREATE TRIGGER rounds_are_kept BEFORE DELETE ON rounds BEGIN SELECT RAISE(ABORT, 'rounds are never deleted'); END;
    CREATE TRIGGER partners_are_immutable BEFORE UPDATE ON round_partners BEGIN SELECT RAISE(ABORT, 'round partners are immutable'); END;
    CREATE TRIGGER returns_are_immutable BEFORE UPDATE ON round_returns BEGIN SELECT RAISE(ABORT, 'returns are immutable'); END;
    CREATE TRIGGER returns_are_kept BEFORE DELETE ON round_returns BEGIN SELECT RAISE(ABORT, 'returns are never deleted'); END;
    CREATE TRIGGER processed_decisions_are_kept BEFORE UPDATE ON round_decisions WHEN old.processed_version IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'a processed decision cannot change'); END;
  `)
}
