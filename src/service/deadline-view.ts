// A round's deadline as the screens show it, by the service's clock: used
// by the start screen's list and by the rounds themselves.
import { deadlineFromKey, deadlineMoment, formatDeadline } from '../core/deadline.js'
import type { ServiceContext } from './context.js'

/** A stored deadline as screens show it, and whether it has passed by the service's clock. */
export function deadlineView(ctx: ServiceContext, text: string, at: string | null): { deadline: string; deadlineAt: string | null; deadlinePassed: boolean } {
  const parsed = at ? deadlineFromKey(at) : null
  const now = new Date(ctx.now())
  if (!parsed) return { deadline: text, deadlineAt: null, deadlinePassed: false }
  return { deadline: formatDeadline(parsed, now), deadlineAt: at, deadlinePassed: deadlineMoment(parsed) < now }
}
