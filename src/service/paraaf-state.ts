// Where a document's parafen stand, without the text itself: shared by the
// start screen's list (cheap, for documents that have parafen) and the
// parafen feature.
import { getDocument } from '../store/documents.repo.js'
import { getRoute, listConfirmations, listParafen, versionFingerprint, type RouteStep, type StoredParaaf } from '../store/parafen.repo.js'
import { templateOf, type ServiceContext } from './context.js'

export interface ParaafState {
  route: RouteStep[]
  current: string
  parafen: { paraaf: StoredParaaf; status: 'geldig' | 'vervallen' | 'ingetrokken'; unchangedNote: string | null }[]
  given: number
  of: number
  next: RouteStep | null
  vervallen: number
}

/** The route set for the document, else the one its template proposes. */
export function routeOf(ctx: ServiceContext, id: number, type: string): RouteStep[] {
  const set = getRoute(ctx.db, id)
  if (set.length) return set
  return (templateOf(ctx, type)?.route ?? []).map((s) => ({ name: '', role: s.role, kind: s.kind }))
}

export function paraafState(ctx: ServiceContext, id: number): ParaafState {
  const document = getDocument(ctx.db, id)!
  const current = versionFingerprint(ctx.db, id, document.versionCount)!
  const confirmed = new Map(listConfirmations(ctx.db, id).filter((c) => c.fingerprint === current).map((c) => [c.paraafId, c.note]))
  const parafen = listParafen(ctx.db, id).map((p) => {
    // Valid for the current text: given on exactly it, or the drafter said the changes since are of no substance.
    const note = p.fingerprint === current ? undefined : confirmed.get(p.id)
    const status = p.withdrawnAt ? 'ingetrokken' as const : p.fingerprint === current || note !== undefined ? 'geldig' as const : 'vervallen' as const
    return { paraaf: p, status, unchangedNote: note !== undefined && !p.withdrawnAt ? note : null }
  })
  const route = routeOf(ctx, id, document.type)
  const valid = parafen.filter((p) => p.status === 'geldig').map((p) => p.paraaf)
  const same = (a: string, b: string) => a.trim().toLocaleLowerCase('nl') === b.trim().toLocaleLowerCase('nl')
  // A step is done by a valid paraaf of its kind from the person named, or (without a name) from its role.
  const done = route.map((s) => valid.some((a) => a.kind === s.kind && (s.name ? same(a.name, s.name) : same(a.role, s.role))))
  const next = done.indexOf(false)
  // A lapsed paraaf the same person has since given again on the current text is history, not a problem.
  const renewed = (p: StoredParaaf) => valid.some((v) => v.id > p.id && v.kind === p.kind && same(v.name, p.name))
  const vervallen = parafen.filter((p) => p.status === 'vervallen' && !renewed(p.paraaf)).length
  return { route, current, parafen, given: done.filter(Boolean).length, of: route.length, next: next >= 0 ? route[next] : null, vervallen }
}
