import { describe, expect, it } from 'vitest'
import { sessionRuns } from '../../src/renderer/history-sessions.js'
import type { VersionInfo } from '../../src/service/contract.js'

/** Versions newest first, as the history lists them: [number, kind, label, minutes after 9:00]. */
const history = (rows: [number, VersionInfo['kind'], string | null, number][]) =>
  rows.map(([number, kind, label, minutes]) => ({ number, kind, label, createdAt: new Date(Date.UTC(2026, 10, 23, 9, minutes)).toISOString() }))

describe('autosaves folded per working session in the history', () => {
  it('folds the autosaves of one session under the newest, and keeps named versions and the current one apart', () => {
    const versions = history([
      [12, 'auto', null, 200], // current
      [11, 'auto', null, 190],
      [10, 'auto', null, 185],
      [9, 'auto', null, 180],
      [8, 'named', 'Naar DGRR', 100],
      [7, 'auto', null, 95],
      [6, 'auto', null, 90],
      // A pause of more than half an hour: another morning's session.
      [5, 'auto', null, 40],
      [4, 'auto', null, 30],
      [3, 'auto', null, 25],
      [2, 'auto', null, 20],
      [1, 'create', null, 0],
    ])
    expect(sessionRuns(versions, new Set([12]))).toEqual([[11, 10, 9], [7, 6], [5, 4, 3, 2]])
    // A version on show (read-only) is never folded away either.
    expect(sessionRuns(versions, new Set([12, 10]))).toEqual([[7, 6], [5, 4, 3, 2]])
  })

  it('leaves a lone autosave and a labelled autosave as they are', () => {
    expect(sessionRuns(history([[3, 'auto', null, 50], [2, 'auto', 'Voor overleg', 45], [1, 'auto', null, 40]]), new Set([3]))).toEqual([])
  })
})
