// Review rounds, their partners, returns and decisions (migration 5).
import type { Db } from './database.js'
import type { NodeJSON } from '../core/document.js'
import type { WordRevision } from '../core/attribution.js'
import { getBlocks, putBlock } from './blocks.repo.js'
import { decodeIds, encodeIds } from './varint.js'

export interface StoredRound {
  id: number
  documentId: number
  version: number
  /** As the drafter typed it. */
  deadline: string
  /** The moment it passes ("2026-06-12T12:00", or "2026-06-12" for the whole day); null when it could not be read. */
  deadlineAt: string | null
  note: string
  createdAt: string
  partners: { org: string; contact: string; fileName: string }[]
}

export interface StoredReturn {
  id: number
  roundId: number
  org: string
  fileName: string
  importedAt: string
  revisions: number
  comments: number
}

/** A tracked change of a return: who made it and when, and its text (core/attribution.ts). */
export type ReturnRevision = WordRevision

export interface StoredDecision {
  proposal: string
  decision: 'accept' | 'reject'
  reason: string
  decidedAt: string
  processedVersion: number | null
}

interface RoundRow { id: number; document_id: number; version: number; deadline: string; deadline_at: string | null; note: string; created_at: string }
interface ReturnRow { id: number; round_id: number; org: string; file_name: string; imported_at: string; proposal_blocks: Buffer; base_blocks: Buffer; revisions: number; comments: number }

/** Adds a round with its partners; call inside a write transaction. */
export function insertRound(db: Db, r: Omit<StoredRound, 'id'>): number {
  const id = Number(db.prepare('INSERT INTO rounds (document_id, version, deadline, deadline_at, note, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(r.documentId, r.version, r.deadline, r.deadlineAt, r.note, r.createdAt).lastInsertRowid)
  const add = db.prepare('INSERT INTO round_partners (round_id, org, contact, file_name) VALUES (?, ?, ?, ?)')
  for (const p of r.partners) add.run(id, p.org, p.contact, p.fileName)
  return id
}

function partnersOf(db: Db, roundId: number): StoredRound['partners'] {
  return (db.prepare('SELECT org, contact, file_name FROM round_partners WHERE round_id = ? ORDER BY rowid').all(roundId) as { org: string; contact: string; file_name: string }[])
    .map((p) => ({ org: p.org, contact: p.contact, fileName: p.file_name }))
}

const toRound = (db: Db, row: RoundRow): StoredRound => ({
  id: row.id, documentId: row.document_id, version: row.version, deadline: row.deadline, deadlineAt: row.deadline_at, note: row.note, createdAt: row.created_at, partners: partnersOf(db, row.id),
})

export function getRound(db: Db, id: number): StoredRound | null {
  const row = db.prepare('SELECT * FROM rounds WHERE id = ?').get(id) as RoundRow | undefined
  return row ? toRound(db, row) : null
}

/** A document's rounds, newest first. */
export function listRounds(db: Db, documentId: number): StoredRound[] {
  return (db.prepare('SELECT * FROM rounds WHERE document_id = ? ORDER BY id DESC').all(documentId) as RoundRow[]).map((row) => toRound(db, row))
}

/** Stores a return's texts as blocks (only new blocks cost space) beside the history. */
export function insertReturn(db: Db, r: Omit<StoredReturn, 'id'> & { proposal: NodeJSON[]; base: NodeJSON[]; revisionList: ReturnRevision[] }): number {
  const ids = (blocks: NodeJSON[]) => encodeIds(blocks.map((b) => putBlock(db, JSON.stringify(b)).id))
  return Number(db.prepare(
    'INSERT INTO round_returns (round_id, org, file_name, imported_at, proposal_blocks, base_blocks, revisions, comments, revision_list) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(r.roundId, r.org, r.fileName, r.importedAt, ids(r.proposal), ids(r.base), r.revisions, r.comments, JSON.stringify(r.revisionList)).lastInsertRowid)
}

const toReturn = (row: ReturnRow): StoredReturn => ({ id: row.id, roundId: row.round_id, org: row.org, fileName: row.file_name, importedAt: row.imported_at, revisions: row.revisions, comments: row.comments })

/** A round's returns in the order they came in, with their texts when asked. */
export function listReturns(db: Db, roundId: number): StoredReturn[] {
  return (db.prepare('SELECT * FROM round_returns WHERE round_id = ? ORDER BY id').all(roundId) as ReturnRow[]).map(toReturn)
}

export function readReturnTexts(db: Db, returnId: number): { proposal: NodeJSON[]; base: NodeJSON[]; revisionList: ReturnRevision[] } {
  const row = db.prepare('SELECT proposal_blocks, base_blocks, revision_list FROM round_returns WHERE id = ?').get(returnId) as Pick<ReturnRow, 'proposal_blocks' | 'base_blocks'> & { revision_list: string }
  const read = (ids: Buffer) => getBlocks(db, decodeIds(ids)).map((json) => JSON.parse(json) as NodeJSON)
  return { proposal: read(row.proposal_blocks), base: read(row.base_blocks), revisionList: JSON.parse(row.revision_list) as ReturnRevision[] }
}

export interface NewestRoundState { round: number; deadline: string; deadlineAt: string | null; asked: number; returned: number; unprocessed: number }

/** Per document, its newest round in numbers: partners asked, partners who returned, returns since the last processing. */
export function newestRoundStates(db: Db): Map<number, NewestRoundState> {
  const rows = db.prepare(`
    SELECT r.document_id, r.id, r.deadline, r.deadline_at,
      (SELECT count(*) FROM round_partners p WHERE p.round_id = r.id) AS asked,
      (SELECT count(DISTINCT t.org) FROM round_returns t WHERE t.round_id = r.id) AS returned,
      (SELECT count(*) FROM round_returns t WHERE t.round_id = r.id
         AND t.imported_at > coalesce((SELECT max(processed_at) FROM round_processing x WHERE x.round_id = r.id), '')) AS unprocessed
    FROM rounds r WHERE r.id = (SELECT max(id) FROM rounds q WHERE q.document_id = r.document_id)`).all() as { document_id: number; id: number; deadline: string; deadline_at: string | null; asked: number; returned: number; unprocessed: number }[]
  return new Map(rows.map((r) => [r.document_id, { round: r.id, deadline: r.deadline, deadlineAt: r.deadline_at, asked: r.asked, returned: r.returned, unprocessed: r.unprocessed }]))
}

export function listDecisions(db: Db, roundId: number): Map<string, StoredDecision> {
  const rows = db.prepare('SELECT proposal, decision, reason, decided_at, processed_version FROM round_decisions WHERE round_id = ?').all(roundId) as { proposal: string; decision: 'accept' | 'reject'; reason: string; decided_at: string; processed_version: number | null }[]
  return new Map(rows.map((r) => [r.proposal, { proposal: r.proposal, decision: r.decision, reason: r.reason, decidedAt: r.decided_at, processedVersion: r.processed_version }]))
}

/** Records (or changes, while open) a decision. */
export function setDecision(db: Db, roundId: number, d: Omit<StoredDecision, 'processedVersion'>): void {
  db.prepare(
    `INSERT INTO round_decisions (round_id, proposal, decision, reason, decided_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (round_id, proposal) DO UPDATE SET decision = excluded.decision, reason = excluded.reason, decided_at = excluded.decided_at`,
  ).run(roundId, d.proposal, d.decision, d.reason, d.decidedAt)
}

/** Takes back a decision that was not processed yet: the proposal is open again. */
export function clearDecision(db: Db, roundId: number, proposal: string): void {
  db.prepare('DELETE FROM round_decisions WHERE round_id = ? AND proposal = ? AND processed_version IS NULL').run(roundId, proposal)
}

/** Marks the open decisions as processed into `version`, and records the processing. */
export function markProcessed(db: Db, roundId: number, version: number, counts: { accepted: number; rejected: number }, at: string): void {
  db.prepare('UPDATE round_decisions SET processed_version = ? WHERE round_id = ? AND processed_version IS NULL').run(version, roundId)
  db.prepare('INSERT INTO round_processing (round_id, version, accepted, rejected, processed_at) VALUES (?, ?, ?, ?, ?)').run(roundId, version, counts.accepted, counts.rejected, at)
}

export function listProcessing(db: Db, roundId: number): { version: number; accepted: number; rejected: number; processedAt: string }[] {
  return (db.prepare('SELECT version, accepted, rejected, processed_at FROM round_processing WHERE round_id = ? ORDER BY version').all(roundId) as { version: number; accepted: number; rejected: number; processed_at: string }[])
    .map((r) => ({ version: r.version, accepted: r.accepted, rejected: r.rejected, processedAt: r.processed_at }))
}
