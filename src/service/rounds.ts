// Review rounds: a version sent to partners, their returns taken in beside
// the history, every proposal consolidated onto the current draft
// (src/core/merge), decisions kept until "Verwerken" writes one new version.
import { resolve } from 'node:path'
import { consolidate, applyProposals, type Proposal, type ReturnText } from '../core/merge/consolidate.js'
import { transferAnchors } from '../core/comments.js'
import { deadlineKey, parseDeadline } from '../core/deadline.js'
import { dutchList } from '../core/dutch.js'
import { deadlineView } from './deadline-view.js'
import { profile, similarity } from '../core/diff/similarity.js'
import type { NodeJSON } from '../core/document.js'
import { nodeText } from '../core/diff/tokens.js'
import { revisionFor } from '../core/attribution.js'
import { exportDocx as buildDocx } from '../docx/export-docx.js'
import { reportDocx } from '../docx/report-docx.js'
import { getDocument } from '../store/documents.repo.js'
import { readVersion } from '../store/versions.repo.js'
import { insertComment, listComments } from '../store/comments.repo.js'
import {
  clearDecision, getRound, insertReturn, insertRound, listDecisions, listProcessing, listReturns, listRounds as listRoundRows, markProcessed, readReturnTexts, setDecision,
  type ReturnRevision, type StoredRound,
} from '../store/rounds.repo.js'
import { writeTransaction } from '../store/transaction.js'
import type {
  ApplyRoundInput, ApplyRoundResult, DecideProposalsInput, ImportReturnInput, ImportReturnResult, Result, RoundProposal, RoundReport, RoundReportInput,
  RoundSummary, StartRoundInput, StartRoundResult,
} from './contract.js'
import { clip, docOf, fail, fileNameFor, inTransaction, missing, ok, toDoc, writeVersion, type ServiceContext } from './context.js'
import { threadsForFiles } from './markdown.js'
import { readWordFile, versionForWord } from './word.js'
import { newCommentId } from './comments.js'

const noRound = (id: number) => fail<never>(`Afstemmingsronde ${id} bestaat niet.`)


/** Sends version `version` (default the latest) to each partner as a .docx carrying the round's stamp. */
export async function startRound(ctx: ServiceContext, { id, version, partners, deadline, note }: StartRoundInput): Promise<Result<StartRoundResult>> {
  const orgs = partners.map((p) => p.org)
  const twice = orgs.find((org, i) => orgs.indexOf(org) !== i)
  if (twice) return fail(`${twice} staat twee keer in de lijst van partners.`)
  const ready = versionForWord(ctx, id, version)
  if (!ready.ok) return ready
  const { document, template, stored: sent } = ready.value
  let deadlineAt: string | null = null
  if (deadline) {
    const parsed = parseDeadline(deadline, new Date(ctx.now()))
    if (!parsed.ok) return parsed
    deadlineAt = deadlineKey(parsed.value)
  }
  const fileFor = (org: string) => `${fileNameFor(document.title)}-v${sent.number}-${fileNameFor(org)}.docx`
  const round = writeTransaction(ctx.db, () => insertRound(ctx.db, {
    documentId: id, version: sent.number, deadline: deadline ?? '', deadlineAt, note: note ?? '', createdAt: ctx.now(),
    partners: partners.map((p) => ({ org: p.org, contact: p.contact ?? '', fileName: fileFor(p.org) })),
  }))
  const threads = threadsForFiles(ctx, id, docOf(sent)).filter((t) => !t.resolved)
  const files = []
  for (const p of partners) {
    const buffer = await buildDocx({
      type: document.type, meta: sent.meta, layout: template.layout, templateDir: resolve(ctx.templatesDir, document.type),
      content: { type: 'doc', content: sent.blocks }, threads, round: { document: id, version: sent.number, round, org: p.org },
    })
    files.push({ org: p.org, fileName: fileFor(p.org), base64: buffer.toString('base64') })
  }
  return ok({ round, version: sent.number, files })
}

const percent = (score: number) => `${Math.round(score * 100)}%`

/** How much a text is like the version this round sent, and which round of the document sent the most alike. */
function likeness(ctx: ServiceContext, round: StoredRound, blocks: NodeJSON[]): { here: number; best: { round: number; version: number; score: number } | null } {
  const theirs = profile({ type: 'doc', content: blocks })
  let here = 0
  let best: { round: number; version: number; score: number } | null = null
  for (const r of listRoundRows(ctx.db, round.documentId)) {
    const sent = readVersion(ctx.db, r.documentId, r.version)!
    const score = similarity(theirs, profile({ type: 'doc', content: sent.blocks }))
    if (r.id === round.id) here = score
    if (!best || score > best.score) best = { round: r.id, version: r.version, score }
  }
  return { here, best }
}

/** The texts of a round: what was sent, the current draft, and every return. */
function roundTexts(ctx: ServiceContext, round: StoredRound): { sent: NodeJSON[]; current: NodeJSON[]; latest: number; returns: ReturnText[]; revisions: Map<string, ReturnRevision[]> } {
  const sent = readVersion(ctx.db, round.documentId, round.version)!
  const latest = readVersion(ctx.db, round.documentId)!
  const revisions = new Map<string, ReturnRevision[]>()
  const returns = listReturns(ctx.db, round.id).map((r): ReturnText => {
    const texts = readReturnTexts(ctx.db, r.id)
    revisions.set(String(r.id), texts.revisionList)
    return { id: String(r.id), org: r.org, blocks: texts.proposal, base: texts.base }
  })
  return { sent: sent.blocks, current: latest.blocks, latest: latest.number, returns, revisions }
}

/**
 * The Word revision a proposal came from: an insertion holding its new words
 * or a deletion holding its old ones, in one of its returns. Untracked edits
 * have none.
 */
function revisionOf(p: Proposal, revisions: Map<string, ReturnRevision[]>): ReturnRevision | null {
  if (p.untracked) return null
  for (const r of p.returns) {
    const found = revisionFor(p, revisions.get(r) ?? [])
    if (found) return found
  }
  return null
}

/** A document's rounds, newest first, with each partner's state. */
export function listRounds(ctx: ServiceContext, { id }: { id: number }): Result<RoundSummary[]> {
  if (!getDocument(ctx.db, id)) return missing(id)
  return ok(listRoundRows(ctx.db, id).map((round) => summarize(ctx, round)))
}

function summarize(ctx: ServiceContext, round: StoredRound): RoundSummary {
  const returns = listReturns(ctx.db, round.id)
  const processing = listProcessing(ctx.db, round.id)
  const lastProcessed = processing.length ? processing[processing.length - 1].processedAt : ''
  const texts = roundTexts(ctx, round)
  const decisions = listDecisions(ctx.db, round.id)
  const openList = openProposals(ctx, round, texts, decisions)
  const open = openList.filter((p) => p.decision === null).length
  // Everything proposed against the sent version, whatever happened since: the ids decisions are kept under.
  const proposed = texts.returns.length ? consolidate(texts.sent, texts.sent, texts.returns) : []
  /** Processed decisions on the proposals this partner made. */
  const outcome = (org: string) => {
    const done = proposed.filter((p) => p.orgs.includes(org)).map((p) => decisions.get(p.id)).filter((d) => d?.processedVersion)
    return { accepted: done.filter((d) => d!.decision === 'accept').length, rejected: done.filter((d) => d!.decision === 'reject').length }
  }
  return {
    id: round.id, documentId: round.documentId, version: round.version, ...deadlineView(ctx, round.deadline, round.deadlineAt), note: round.note, createdAt: round.createdAt, open, processed: processing,
    partners: round.partners.map((p) => {
      const theirs = returns.filter((r) => r.org === p.org)
      const last = theirs.length ? theirs[theirs.length - 1].importedAt : null
      // Processed: a "Verwerken" came after their last return and none of their proposals is still open.
      const status = !last ? 'asked' : lastProcessed && lastProcessed >= last && !openList.some((o) => o.orgs.includes(p.org)) ? 'processed' : 'returned'
      return { org: p.org, contact: p.contact, fileName: p.fileName, status, returnedAt: last, returns: theirs.length, ...(theirs.length ? outcome(p.org) : { accepted: 0, rejected: 0 }) }
    }),
  }
}

/**
 * Takes in a partner's .docx: its texts (changes accepted and rejected) are
 * stored with the round, never as a version. Its new comments land on the
 * current draft, labelled with the partner; comments Paraaf sent out that come
 * back unchanged are not added again.
 */
export async function importReturn(ctx: ServiceContext, { round: roundId, base64, fileName, org }: ImportReturnInput): Promise<Result<ImportReturnResult>> {
  const round = getRound(ctx.db, roundId)
  if (!round) return noRound(roundId)
  const read = await readWordFile(base64)
  if (!read.ok) return read
  const imported = read.value
  const stamp = imported.round
  if (stamp && (stamp.round !== round.id || stamp.document !== round.documentId)) {
    return fail(`Dit bestand hoort bij afstemmingsronde ${stamp.round} (document ${stamp.document}), niet bij ronde ${round.id}.`)
  }
  const partner = org ?? stamp?.org
  if (!stamp) {
    // No stamp (the text was pasted into a new file): how much it is like what each round sent helps place it.
    const match = likeness(ctx, round, imported.proposal.content as NodeJSON[])
    if (match.here < 0.3) {
      const elsewhere = match.best && match.best.round !== round.id ? ` Het lijkt het meest op versie ${match.best.version}, verstuurd in ronde ${match.best.round} (${percent(match.best.score)}).` : ''
      return fail(`Dit bestand lijkt weinig op versie ${round.version}, die in ronde ${round.id} is verstuurd (${percent(match.here)} overeenkomst); het is niet ingelezen.${elsewhere}`)
    }
    if (!partner) return fail(`Van welke partner is dit bestand? Het draagt geen kenmerk van de ronde; de tekst komt voor ${percent(match.here)} overeen met versie ${round.version} die in deze ronde is verstuurd. Kies uit: ${round.partners.map((p) => p.org).join(', ')}.`)
  }
  if (!partner) return fail(`Van welke partner is dit bestand? Kies uit: ${round.partners.map((p) => p.org).join(', ')}.`)
  if (!round.partners.some((p) => p.org === partner)) return fail(`${partner} is niet gevraagd in ronde ${round.id}; kies uit: ${round.partners.map((p) => p.org).join(', ')}.`)
  const proposalDoc = toDoc(imported.proposal)
  const baseDoc = toDoc(imported.base)
  if (!proposalDoc.ok) return proposalDoc
  if (!baseDoc.ok) return baseDoc
  const name = clip(fileName?.split(/[\\/]/).pop() ?? 'Word-bestand', 200)
  return inTransaction(ctx, (): Result<ImportReturnResult> => {
    const known = listComments(ctx.db, round.documentId)
    const seen = new Set(known.map((c) => `${c.author}\u0000${c.body}`))
    const fresh = imported.threads.filter((t) => !seen.has(`${t.author}\u0000${t.text}`))
    // Replies to a thread Paraaf sent out join that thread.
    let added = 0
    for (const t of imported.threads) {
      const existing = known.find((c) => c.parentId === null && c.author === t.author && c.body === t.text)
      if (!existing) continue
      const replies = new Set(known.filter((c) => c.parentId === existing.id).map((c) => `${c.author}\u0000${c.body}`))
      for (const r of t.replies) {
        if (replies.has(`${r.author}\u0000${r.text}`)) continue
        insertComment(ctx.db, { id: newCommentId(), documentId: round.documentId, parentId: existing.id, author: clip(r.author, 100), org: clip(r.org || partner, 100), body: clip(r.text, 20_000), createdAt: r.createdAt, quote: '', prefix: '', suffix: '' })
        added++
      }
    }
    for (const t of fresh) {
      insertComment(ctx.db, { id: t.id, documentId: round.documentId, parentId: null, author: clip(t.author, 100), org: clip(t.org || partner, 100), body: clip(t.text, 20_000), createdAt: t.createdAt, quote: '', prefix: '', suffix: '', resolved: t.resolved })
      for (const r of t.replies) insertComment(ctx.db, { id: newCommentId(), documentId: round.documentId, parentId: t.id, author: clip(r.author, 100), org: clip(r.org || partner, 100), body: clip(r.text, 20_000), createdAt: r.createdAt, quote: '', prefix: '', suffix: '' })
      added++
    }
    if (fresh.length) {
      // The new comments' marks, carried from the partner's text onto the current draft.
      const latest = readVersion(ctx.db, round.documentId)!
      const freshIds = new Set(fresh.map((t) => t.id))
      const onlyFresh = JSON.parse(JSON.stringify(imported.proposal), (key, value) => (key === 'marks' && Array.isArray(value) ? value.filter((m: { type: string; attrs?: { id?: string } }) => m.type !== 'comment' || freshIds.has(m.attrs?.id ?? '')) : value))
      const marked = transferAnchors(docOf({ ...latest, blocks: onlyFresh.content }), docOf(latest))
      const written = writeVersion(ctx, { id: round.documentId, meta: latest.meta, doc: marked, kind: 'named', label: clip(`Opmerkingen van ${partner} uit ${name}`, 200), base: latest.number })
      if (!written.ok) return written
    }
    const returnId = insertReturn(ctx.db, {
      roundId: round.id, org: partner, fileName: name, importedAt: ctx.now(),
      // As the schema stores them (adjacent text joined, defaults filled in), so equal text compares equal.
      proposal: (proposalDoc.value.toJSON() as { content: NodeJSON[] }).content, base: (baseDoc.value.toJSON() as { content: NodeJSON[] }).content, revisions: imported.revisions, comments: added,
      revisionList: imported.revisionList,
    })
    const texts = roundTexts(ctx, round)
    const mine = consolidate(texts.sent, texts.current, texts.returns).filter((p) => p.returns.includes(String(returnId)))
    return ok({ return: returnId, org: partner, proposals: mine.length, untracked: mine.filter((p) => p.untracked).length, comments: added, notices: imported.notices })
  })
}

/** The consolidated proposals with the decisions taken so far. */
function openProposals(
  ctx: ServiceContext, round: StoredRound,
  texts = roundTexts(ctx, round), decisions = listDecisions(ctx.db, round.id),
): (RoundProposal & { proposal: Proposal })[] {
  return consolidate(texts.sent, texts.current, texts.returns).map((p) => {
    const d = decisions.get(p.id)
    const revision = revisionOf(p, texts.revisions)
    return {
      author: revision?.author || null, date: revision?.date || null,
      id: p.id, orgs: p.orgs, deleted: p.deleted, inserted: p.inserted, before: p.before, after: p.after, current: p.current, untracked: p.untracked, status: p.status, conflictsWith: p.conflictsWith,
      movedWith: p.movedWith, wholeBlocks: p.place.kind === 'blocks',
      block: p.place.kind === 'text' ? p.place.block : p.place.from, decision: d?.decision ?? null, reason: d?.reason ?? '', proposal: p,
    }
  }).filter((p) => !(decisions.get(p.id)?.processedVersion))
}

/** Every open proposal of the round on the current draft, in reading order. */
export function roundProposals(ctx: ServiceContext, { round: roundId }: { round: number }): Result<RoundProposal[]> {
  const round = getRound(ctx.db, roundId)
  if (!round) return noRound(roundId)
  return ok(openProposals(ctx, round).map(({ proposal: _internal, ...p }) => p))
}

/** Records decisions; they are kept (across restarts) until processed. */
export function decideProposals(ctx: ServiceContext, { round: roundId, accept = [], reject = [], undecide = [], reason }: DecideProposalsInput): Result<{ decided: number }> {
  const round = getRound(ctx.db, roundId)
  if (!round) return noRound(roundId)
  return inTransaction(ctx, (): Result<{ decided: number }> => {
    const listed = openProposals(ctx, round)
    const open = new Set(listed.map((p) => p.id))
    const unknown = [...accept, ...reject, ...undecide].find((id) => !open.has(id))
    if (unknown) return fail(`Voorstel ${unknown} staat niet (meer) open in ronde ${roundId}.`)
    if (accept.some((id) => reject.includes(id))) return fail('Een voorstel kan niet tegelijk overgenomen en geweigerd worden.')
    if (undecide.some((id) => accept.includes(id) || reject.includes(id))) return fail('Een voorstel kan niet tegelijk besloten en weer open gezet worden.')
    // A move is one decision: its deletion and its insertion go together.
    const movedWith = new Map(listed.flatMap((p) => (p.movedWith ? [[p.id, p.movedWith] as const] : [])))
    const withMoves = (ids: string[]) => [...new Set(ids.flatMap((i) => (movedWith.has(i) ? [i, movedWith.get(i)!] : [i])))]
    ;[accept, reject, undecide] = [withMoves(accept), withMoves(reject), withMoves(undecide)]
    if (accept.some((id) => reject.includes(id))) return fail('Een verplaatsing wordt in zijn geheel overgenomen of niet: kies voor beide delen hetzelfde.')
    for (const id of accept) setDecision(ctx.db, roundId, { proposal: id, decision: 'accept', reason: '', decidedAt: ctx.now() })
    for (const id of reject) setDecision(ctx.db, roundId, { proposal: id, decision: 'reject', reason: reason ?? '', decidedAt: ctx.now() })
    for (const id of undecide) clearDecision(ctx.db, roundId, id)
    return ok({ decided: accept.length + reject.length + undecide.length })
  })
}

/**
 * "Verwerken": one new version on top of the current draft with every
 * accepted proposal; the decisions are then processed. A conflict needs a
 * choice: of two partners' versions of the same words only one can be taken.
 */
export function applyRound(ctx: ServiceContext, input: ApplyRoundInput): Result<ApplyRoundResult> {
  const round = getRound(ctx.db, input.round)
  if (!round) return noRound(input.round)
  return inTransaction(ctx, (): Result<ApplyRoundResult> => {
    const open = openProposals(ctx, round)
    const byId = new Map(open.map((p) => [p.id, p]))
    const unknown = [...(input.accept ?? []), ...(input.reject ?? [])].find((id) => !byId.has(id))
    if (unknown) return fail(`Voorstel ${unknown} staat niet (meer) open in ronde ${round.id}.`)
    const decision = new Map(open.flatMap((p) => (p.decision ? [[p.id, p.decision] as const] : [])))
    for (const org of input.acceptOrg ?? []) for (const p of open) if (p.orgs.includes(org)) decision.set(p.id, 'accept')
    for (const org of input.rejectOrg ?? []) for (const p of open) if (p.orgs.includes(org)) decision.set(p.id, 'reject')
    // Clean: a move only when both its halves are.
    const isClean = (p: RoundProposal) => p.status === 'clean' && (!p.movedWith || byId.get(p.movedWith)?.status !== 'conflict-draft' && byId.get(p.movedWith)?.status !== 'conflict-partners')
    if (input.acceptClean) for (const p of open) if (isClean(p) && !decision.has(p.id)) decision.set(p.id, 'accept')
    for (const id of input.accept ?? []) decision.set(id, 'accept')
    for (const id of input.reject ?? []) decision.set(id, 'reject')
    // A move is taken over or declined as a whole; a half-decided one follows its decided half.
    for (const p of open) {
      if (!p.movedWith || !byId.has(p.movedWith)) continue
      const mine = decision.get(p.id)
      const theirs = decision.get(p.movedWith)
      if (mine && theirs && mine !== theirs) return fail(`Voorstel ${p.id} en ${p.movedWith} zijn samen één verplaatsing; neem ze allebei over of geen van beide.`)
      if (mine && !theirs) decision.set(p.movedWith, mine)
    }
    const accepted = open.filter((p) => decision.get(p.id) === 'accept')
    const clash = accepted.find((p) => p.conflictsWith.some((other) => decision.get(other) === 'accept'))
    if (clash) return fail(`Voorstel ${clash.id} (${clash.orgs.join(', ')}) en ${clash.conflictsWith.find((o) => decision.get(o) === 'accept')} wijzigen dezelfde woorden; kies er één.`)
    if (!accepted.length && ![...decision.values()].includes('reject')) return fail('Er is niets om te verwerken: neem voorstellen over of wijs ze af.')
    const texts = roundTexts(ctx, round)
    const content = applyProposals(texts.sent, texts.current, open.map((p) => p.proposal), new Set(accepted.map((p) => p.id)))
    const doc = toDoc({ type: 'doc', content: content.length ? content : [{ type: 'paragraph' }] })
    if (!doc.ok) return doc
    const decided = open.filter((p) => decision.has(p.id))
    const rejected = decided.length - accepted.length
    const orgs = [...new Set(decided.flatMap((p) => p.orgs))].sort((x, y) => x.localeCompare(y, 'nl'))
    const label = input.label ?? `Reacties ${dutchList(orgs)} verwerkt: ${accepted.length} overgenomen, ${rejected} niet`
    const latest = readVersion(ctx.db, round.documentId)!
    const written = writeVersion(ctx, { id: round.documentId, meta: latest.meta, doc: doc.value, kind: 'named', label, base: texts.latest })
    if (!written.ok) return written
    for (const p of decided) setDecision(ctx.db, round.id, { proposal: p.id, decision: decision.get(p.id)!, reason: p.reason, decidedAt: ctx.now() })
    markProcessed(ctx.db, round.id, written.value.number, { accepted: accepted.length, rejected }, ctx.now())
    return ok({ ...written.value, accepted: accepted.length, rejected, label })
  })
}

/** What was done with one partner's proposals and comments ("Verwerkingsoverzicht"), as Markdown and as a Word file. */
export async function roundReport(ctx: ServiceContext, { round: roundId, org }: RoundReportInput): Promise<Result<RoundReport>> {
  const round = getRound(ctx.db, roundId)
  if (!round) return noRound(roundId)
  if (!round.partners.some((p) => p.org === org)) return fail(`${org} is niet gevraagd in ronde ${roundId}.`)
  const document = getDocument(ctx.db, round.documentId)!
  const texts = roundTexts(ctx, round)
  const decisions = listDecisions(ctx.db, round.id)
  const open = new Set(consolidate(texts.sent, texts.current, texts.returns).map((p) => p.id))
  // Everything this partner proposed against the sent version, whatever happened since.
  const theirs = consolidate(texts.sent, texts.sent, texts.returns.filter((r) => r.org === org))
  // The text as it stands now, to tell a proposal taken over as is from one the drafter reworded afterwards.
  const now = ` ${texts.current.map(nodeText).join(' ').replace(/\s+/g, ' ')} `
  const squeeze = (t: string) => t.replace(/\s+/g, ' ').trim()
  const stillAsProposed = (p: Proposal) => {
    if (!p.inserted.trim()) return true
    const before = squeeze(p.before).split(' ').pop() ?? ''
    const after = squeeze(p.after).split(' ')[0] ?? ''
    return now.includes(squeeze(`${before} ${p.inserted} ${after}`.replace(/ ([,.;:)])/g, '$1')))
      || now.includes(squeeze(`${before}${p.inserted}${after}`))
  }
  const items = theirs.map((p) => {
    const d = decisions.get(p.id)
    const outcome = d?.processedVersion
      ? d.decision === 'accept' ? (stillAsProposed(p) ? 'overgenomen' : 'aangepast overgenomen') : `niet overgenomen${d.reason ? `: ${d.reason}` : ''}`
      : open.has(p.id) ? 'nog in behandeling' : 'overgenomen'
    return { deleted: p.deleted, inserted: p.inserted, untracked: p.untracked, outcome }
  })
  const comments = listComments(ctx.db, round.documentId).filter((c) => c.parentId === null && c.org === org).map((c) => ({ text: c.body, state: c.resolved ? 'afgehandeld' : 'open' }))
  const title = `Verwerking van de reactie van ${org}`
  const { deadline } = deadlineView(ctx, round.deadline, round.deadlineAt)
  const intro = `${document.title}, versie ${round.version}${deadline ? ` (reactie gevraagd vóór ${deadline})` : ''}.`
  const quote = (t: string) => (t ? `“${t.replace(/\s+/g, ' ').trim()}”` : '(niets)')
  const lines = [`# ${title}`, '', intro, '']
  if (!items.length) lines.push('Geen tekstvoorstellen ontvangen.', '')
  for (const i of items) lines.push(`- ${quote(i.deleted)} → ${quote(i.inserted)}${i.untracked ? ' (niet bijgehouden)' : ''}: **${i.outcome}**`)
  if (comments.length) {
    lines.push('', '## Opmerkingen', '')
    for (const c of comments) lines.push(`- ${quote(c.text)}: **${c.state}**`)
  }
  const docx = await reportDocx({ title, intro, items, comments })
  const base = `verwerking-${fileNameFor(org)}-${fileNameFor(document.title)}-ronde-${round.id}`
  return ok({ fileName: `${base}.md`, markdown: lines.join('\n') + '\n', docxFileName: `${base}.docx`, docxBase64: docx.toString('base64') })
}
