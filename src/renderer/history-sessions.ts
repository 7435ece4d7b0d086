// Which autosaves of the history fold together: those of one working session
// (no pause longer than `gapMs` between them), under the newest of them. The
// current version, the one on show and every named version stay apart.
import type { VersionInfo } from '../service/contract.js'

export const SESSION_GAP_MS = 30 * 60 * 1000

/** Runs of versions, newest first as in `versions`; each run's first version carries the rest. */
export function sessionRuns(versions: Pick<VersionInfo, 'number' | 'kind' | 'label' | 'createdAt'>[], fixed: ReadonlySet<number>, gapMs = SESSION_GAP_MS): number[][] {
  const runs: number[][] = []
  let run: { number: number; at: number }[] = []
  const close = () => {
    if (run.length > 1) runs.push(run.map((r) => r.number))
    run = []
  }
  for (const v of versions) {
    const auto = v.kind === 'auto' && !v.label && !fixed.has(v.number)
    const at = Date.parse(v.createdAt)
    const last = run[run.length - 1]
    if (!auto || (last && last.at - at > gapMs)) close()
    if (auto) run.push({ number: v.number, at })
  }
  close()
  return runs
}
