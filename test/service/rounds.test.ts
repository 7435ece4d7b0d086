import { describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { libreOfficeReturn, runLibreOffice } from '../helpers/docx.js'
import JSZip from 'jszip'
import { openTestApp, must, tableCounts } from '../helpers/app.js'
import { corpusDocuments, readBigLetter } from '../helpers/corpus.js'
import { changeDocx } from '../helpers/word-edits.js'

/** A clock that starts on Monday 8 June 2026, 9.00, on the laptop's own time, and moves a second with each look. */
function clockFrom(start = new Date(2026, 5, 8, 9, 0)) {
  const clock = { at: start.getTime(), now: () => new Date((clock.at += 1000)) }
  return clock
}

async function setup(clock = clockFrom()) {
  const app = openTestApp(undefined, { now: clock.now })
  const { api } = app
  must(await api.setSettings({ author: 'S. Steller' }))
  const { id } = must(await api.importMarkdown({ text: readBigLetter(), fileName: 'brief.md' }))
  const round = must(await api.startRound({ id, partners: [{ org: 'Politie' }, { org: 'OM' }, { org: 'FIOD' }, { org: 'DFEZ', contact: 'K. Kas' }], deadline: 'vr 12 juni 12.00 uur' }))
  return { app, api, id, round, clock, file: (org: string) => round.files.find((f) => f.org === org)!.base64 }
}

/** The drafter keeps writing after sending: three paragraphs edited. */
async function draftEdits(api: Awaited<ReturnType<typeof setup>>['api'], id: number) {
  const snap = must(await api.openDocument({ id }))
  const text = JSON.stringify(snap.content)
    .replace('De georganiseerde criminaliteit draait op volle toeren.', 'De georganiseerde criminaliteit draait nog altijd op volle toeren.')
    .replace('88 miljoen euro in 2020', '88 miljoen euro in 2020 (voorlopig)')
    .replace('Middels deze brief informeer ik u over de uitwerking.', 'Met deze brief informeer ik u over de uitwerking.')
  return must(await api.saveVersion({ id, base: snap.version.number, meta: snap.meta, content: JSON.parse(text), kind: 'named', label: 'Na verzending' })).number
}

describe('a review round with four partners while the drafter keeps writing', () => {
  it('sends one Word file per partner that carries the round, and records the round', async () => {
    const { api, id, round } = await setup()
    expect(round.version).toBe(1)
    expect(round.files.map((f) => [f.org, f.fileName])).toEqual([
      ['Politie', expect.stringMatching(/-v1-politie\.docx$/)], ['OM', expect.stringMatching(/-v1-om\.docx$/)],
      ['FIOD', expect.stringMatching(/-v1-fiod\.docx$/)], ['DFEZ', expect.stringMatching(/-v1-dfez\.docx$/)],
    ])
    const zip = await JSZip.loadAsync(Buffer.from(round.files[0].base64, 'base64'))
    expect(await zip.file('docProps/custom.xml')!.async('string')).toContain(`&quot;round&quot;:${round.round}`)
    const [summary] = must(await api.listRounds({ id }))
    expect(summary).toMatchObject({ id: round.round, version: 1, deadline: 'vr 12 juni 12.00 uur', deadlineAt: '2026-06-12T12:00', deadlinePassed: false, open: 0 })
    expect(summary.partners.map((p) => [p.org, p.status])).toEqual([['Politie', 'asked'], ['OM', 'asked'], ['FIOD', 'asked'], ['DFEZ', 'asked']])
  })

  it('takes in returns beside the history, consolidates them on the current draft, and processes the decisions into one version', async () => {
    const { app, api, id, round, file } = await setup()
    const afterSending = await draftEdits(api, id)
    const before = must(await api.listVersions({ id })).length

    const imports = [
      { org: 'Politie', edits: [{ from: '141 miljoen', to: '145 miljoen', tracked: 'A. Agent' }, { from: 'lijkt de grootschalige drugshandel', to: 'lijkt de georganiseerde drugshandel', tracked: 'A. Agent' }] },
      { org: 'OM', edits: [{ from: '141 miljoen', to: '150 miljoen', tracked: 'O. Vaart' }, { from: 'lijkt de grootschalige drugshandel', to: 'lijkt de georganiseerde drugshandel', tracked: 'O. Vaart' }] },
      { org: 'FIOD', edits: [{ from: 'Middels deze brief', to: 'Hierbij', tracked: 'F. Iod' }] },
      { org: 'DFEZ', edits: [{ from: 'Afschuwelijke gebeurtenissen', to: 'Ernstige gebeurtenissen', tracked: null }, { from: 'per jaar vanaf 2022', to: 'structureel vanaf 2022', tracked: 'K. Kas' }] },
    ]
    for (const r of imports) {
      const result = must(await api.importReturn({ round: round.round, base64: await changeDocx(file(r.org), r.edits), fileName: `reactie-${r.org}.docx` }))
      expect(result.org).toBe(r.org) // recognised from the file itself
    }
    // A return never becomes the current draft: the drafter's edits are still there, no version was added.
    expect(must(await api.listVersions({ id }))).toHaveLength(before)
    expect(must(await api.openDocument({ id })).version.number).toBe(afterSending)

    const proposals = must(await api.roundProposals({ round: round.round }))
    expect(proposals.map((p) => [p.deleted, p.inserted, p.orgs.join('+'), p.status, p.untracked])).toEqual([
      ['grootschalige', 'georganiseerde', 'OM+Politie', 'clean', false],
      ['Middels deze brief', 'Hierbij', 'FIOD', 'conflict-draft', false],
      expect.arrayContaining(['141', 'conflict-partners']),
      expect.arrayContaining(['141', 'conflict-partners']),
      ['per jaar', 'structureel', 'DFEZ', 'clean', false],
      ['Afschuwelijke', 'Ernstige', 'DFEZ', 'clean', true],
    ])
    const [summary] = must(await api.listRounds({ id }))
    expect(summary.partners.map((p) => p.status)).toEqual(['returned', 'returned', 'returned', 'returned'])
    // On the start screen the letter with returns to process comes first, even when another was changed later.
    must(await api.createDocument({ type: 'nota', meta: { onderwerp: 'Later gewijzigd' } }))
    const docs = must(await api.listDocuments({}))
    expect(docs[0]).toMatchObject({ id, round: { id: round.round, deadline: 'vr 12 juni 12.00 uur', asked: 4, returned: 4, unprocessed: 4 } })
    expect(docs[1]).toMatchObject({ title: 'Later gewijzigd', round: null })

    // Decisions are kept until processed; two partners' versions of the same words cannot both be taken.
    const p145 = proposals.find((p) => p.inserted === '145')!
    const p150 = proposals.find((p) => p.inserted === '150')!
    // Each proposal carries who made it in Word and when; an untracked edit has no author.
    expect([p145.author, p150.author, p145.date]).toEqual(['A. Agent', 'O. Vaart', '2020-06-12T11:00:00.000Z'])
    expect(proposals.find((p) => p.inserted === 'Ernstige')!.author).toBeNull()
    expect(proposals.find((p) => p.inserted === 'Hierbij')!).toMatchObject({ author: 'F. Iod', current: 'Met deze brief' })
    // A decision can be taken back while it is not processed: the proposal is open again.
    must(await api.decideProposals({ round: round.round, accept: [p145.id] }))
    must(await api.decideProposals({ round: round.round, undecide: [p145.id] }))
    expect(must(await api.roundProposals({ round: round.round })).find((p) => p.id === p145.id)!.decision).toBeNull()
    must(await api.decideProposals({ round: round.round, accept: [p150.id], reject: [p145.id], reason: 'Bedrag volgens de begroting van OM.' }))
    expect(await api.applyRound({ round: round.round, accept: [p145.id] })).toEqual({ ok: false, error: expect.stringMatching(/wijzigen dezelfde woorden; kies er één/) })
    const counts = tableCounts(app)
    expect(counts.round_processing).toBe(0)

    const applied = must(await api.applyRound({ round: round.round, acceptClean: true }))
    expect(applied.label).toBe('Reacties DFEZ, OM en Politie verwerkt: 4 overgenomen, 1 niet')
    const text = JSON.stringify(must(await api.openDocument({ id })).content)
    for (const mine of ['draait nog altijd op volle toeren', '88 miljoen euro in 2020 (voorlopig)', 'Met deze brief informeer ik u']) expect(text).toContain(mine)
    for (const theirs of ['lijkt de georganiseerde drugshandel', 'Ernstige gebeurtenissen', '150 miljoen euro structureel vanaf 2022']) expect(text).toContain(theirs)
    // A processed decision cannot be taken back.
    expect(await api.decideProposals({ round: round.round, undecide: [p150.id] })).toEqual({ ok: false, error: expect.stringMatching(/staat niet \(meer\) open/) })
    expect(() => app.db.prepare('DELETE FROM round_decisions').run()).toThrow(/a processed decision is never deleted/)
    // The conflict with the draft waits for a choice; the rest is processed.
    expect(must(await api.roundProposals({ round: round.round })).map((p) => p.inserted)).toEqual(['Hierbij'])
    expect(must(await api.listDocuments({})).find((d) => d.id === id)!.round).toMatchObject({ unprocessed: 0 })
    const [after] = must(await api.listRounds({ id }))
    expect(after.processed).toEqual([expect.objectContaining({ version: applied.number, accepted: 4, rejected: 1 })])
    // Per partner: the shared proposal counts for both OM and Politie; Politie's 145 was declined.
    expect(after.partners.map((p) => [p.org, p.status, p.accepted, p.rejected])).toEqual([
      ['Politie', 'processed', 1, 1], ['OM', 'processed', 2, 0], ['FIOD', 'returned', 0, 0], ['DFEZ', 'processed', 2, 0],
    ])

    const report = must(await api.roundReport({ round: round.round, org: 'Politie' }))
    expect(report.markdown).toContain('“grootschalige” → “georganiseerde”: **overgenomen**')
    expect(report.markdown).toContain('“141” → “145”: **niet overgenomen: Bedrag volgens de begroting van OM.**')
    // The drafter rewords DFEZ's proposal after taking it over: the overview says it was adapted.
    const taken = must(await api.openDocument({ id }))
    const reworded = JSON.parse(JSON.stringify(taken.content).replace('150 miljoen euro structureel vanaf 2022', '150 miljoen euro, en vanaf 2022 structureel'))
    must(await api.saveVersion({ id, base: taken.version.number, meta: taken.meta, content: reworded, kind: 'named', label: 'Herschreven' }))
    const dfez = must(await api.roundReport({ round: round.round, org: 'DFEZ' })).markdown
    expect(dfez).toContain('“per jaar” → “structureel”: **aangepast overgenomen**')
    expect(dfez).toContain('“Afschuwelijke” → “Ernstige” (niet bijgehouden): **overgenomen**')
  })

  it('puts first the documents whose deadline has passed with returns to process, and refuses a deadline it cannot read', async () => {
    const clock = clockFrom()
    const { api, id: late, file } = await setup(clock)
    expect(await api.startRound({ id: late, partners: [{ org: 'OM' }], deadline: 'volgende week' })).toEqual({ ok: false, error: expect.stringMatching(/^De deadline “volgende week” is niet te lezen; schrijf bijvoorbeeld/) })
    const later = must(await api.importMarkdown({ text: corpusDocuments().find(([n]) => n.includes('najaarsnota'))![1] }))
    const laterRound = must(await api.startRound({ id: later.id, partners: [{ org: 'OM' }], deadline: 'ma 22 juni 2026' }))
    must(await api.importReturn({ round: laterRound.round, base64: laterRound.files[0].base64 }))
    must(await api.importReturn({ round: 1, base64: file('OM') }))
    const quiet = must(await api.createDocument({ type: 'nota', meta: { onderwerp: 'Zonder ronde, laatst gewijzigd' } }))
    const order = async () => must(await api.listDocuments({})).map((d) => [d.id, d.round?.deadlinePassed ?? null])
    // Before Friday noon: both have a return to process, the one changed last first.
    expect(await order()).toEqual([[later.id, false], [late, false], [quiet.id, null]])
    clock.at = new Date(2026, 5, 12, 12, 1).getTime()
    expect(await order()).toEqual([[late, true], [later.id, false], [quiet.id, null]])
    // A whole-day deadline passes at the end of that day.
    clock.at = new Date(2026, 5, 22, 23, 0).getTime()
    expect((await order())[1]).toEqual([later.id, false])
    clock.at = new Date(2026, 5, 23, 0, 1).getTime()
    expect(await order()).toEqual([[later.id, true], [late, true], [quiet.id, null]])
  })

  it('adds no proposals and no comments for a file returned untouched', async () => {
    const { api, id, round, file } = await setup()
    const before = must(await api.listComments({ id })).threads.length
    const result = must(await api.importReturn({ round: round.round, base64: file('OM'), fileName: 'om.docx' }))
    expect(result).toMatchObject({ org: 'OM', proposals: 0, untracked: 0, comments: 0 })
    expect(must(await api.roundProposals({ round: round.round }))).toEqual([])
    expect(must(await api.listComments({ id })).threads).toHaveLength(before)
  })

  it('asks whose file it is when it carries no stamp, and refuses a file of another round', async () => {
    const { api, id, round, file } = await setup()
    const other = must(await api.startRound({ id, partners: [{ org: 'NCTV' }] }))
    expect(await api.importReturn({ round: round.round, base64: other.files[0].base64 })).toEqual({ ok: false, error: expect.stringMatching(new RegExp(`hoort bij afstemmingsronde ${other.round}`)) })
    const zip = await JSZip.loadAsync(Buffer.from(file('OM'), 'base64'))
    zip.remove('docProps/custom.xml')
    const unstamped = (await zip.generateAsync({ type: 'nodebuffer' })).toString('base64')
    expect(await api.importReturn({ round: round.round, base64: unstamped })).toEqual({ ok: false, error: expect.stringMatching(/Van welke partner is dit bestand\?.*komt voor 100% overeen met versie 1.*Politie, OM, FIOD, DFEZ/) })
    expect(must(await api.importReturn({ round: round.round, base64: unstamped, org: 'OM' })).org).toBe('OM')
    // A file of another document (the Najaarsnota letter, as Word) is not taken for a return of this letter.
    const nota = must(await api.importMarkdown({ text: corpusDocuments().find(([n]) => n.includes('najaarsnota'))![1] }))
    const notaFile = must(await api.exportDocx({ id: nota.id }))
    expect(await api.importReturn({ round: round.round, base64: notaFile.base64, org: 'OM' })).toEqual({ ok: false, error: expect.stringMatching(/lijkt weinig op versie 1, die in ronde \d+ is verstuurd \(\d+% overeenkomst\); het is niet ingelezen/) })
  })
})

describe.runIf(runLibreOffice)('a return re-saved by another word processor', () => {
  it('adds no proposals and no comments when LibreOffice re-saved the file untouched', async () => {
    const { api, id, round, file } = await setup()
    const dir = mkdtempSync(join(tmpdir(), 'paraaf-lo-'))
    const sent = join(dir, 'om.docx')
    writeFileSync(sent, Buffer.from(file('OM'), 'base64'))
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', join(dir, 'uit'), sent], { stdio: 'ignore', timeout: 120_000 })
    const resaved = readFileSync(join(dir, 'uit', 'om.docx'))
    const before = must(await api.listComments({ id })).threads.length
    const result = must(await api.importReturn({ round: round.round, base64: resaved.toString('base64'), fileName: 'om.docx' }))
    expect(result).toMatchObject({ org: 'OM', comments: 0 })
    expect(must(await api.roundProposals({ round: round.round })).map((p) => [p.deleted, p.inserted])).toEqual([])
    expect(must(await api.listComments({ id })).threads).toHaveLength(before)
  }, 180_000)
})

describe.runIf(runLibreOffice)('a return a partner made in LibreOffice', () => {
  it('gives its tracked changes with their author, its untracked edit and its comment, beside the returns made in Word', async () => {
    const { api, id, round, file } = await setup()
    await draftEdits(api, id)
    must(await api.importReturn({ round: round.round, base64: await changeDocx(file('Politie'), [{ from: '141 miljoen', to: '145 miljoen', tracked: 'A. Agent' }]) }))
    must(await api.importReturn({ round: round.round, base64: await changeDocx(file('OM'), [{ from: 'Middels deze brief', to: 'Hierbij', tracked: 'O. Vaart' }]) }))
    const fiod = libreOfficeReturn(Buffer.from(file('FIOD'), 'base64'), [
      { from: '141 miljoen', to: '160 miljoen', tracked: 'F. Iod' },
      { from: 'Afschuwelijke gebeurtenissen', to: 'Ernstige gebeurtenissen', tracked: null },
    ], { on: 'Rotterdamse haven', author: 'F. Iod', text: 'Noem ook Vlissingen.' })
    // LibreOffice keeps the round's stamp: the file says itself whose it is.
    const result = must(await api.importReturn({ round: round.round, base64: fiod.toString('base64'), fileName: 'fiod.docx' }))
    expect(result).toMatchObject({ org: 'FIOD', proposals: 2, untracked: 1, comments: 1 })
    const proposals = must(await api.roundProposals({ round: round.round }))
    expect(proposals.map((p) => [p.orgs.join('+'), p.deleted, p.inserted, p.status, p.untracked, p.author])).toEqual([
      ['OM', 'Middels deze brief', 'Hierbij', 'conflict-draft', false, 'O. Vaart'],
      ['FIOD', '141', '160', 'conflict-partners', false, 'F. Iod'],
      ['Politie', '141', '145', 'conflict-partners', false, 'A. Agent'],
      ['FIOD', 'Afschuwelijke', 'Ernstige', 'clean', true, null],
    ])
    const threads = must(await api.listComments({ id })).threads
    expect(threads.map((t) => [t.author, t.org, t.text, t.quote])).toEqual([['F. Iod', 'FIOD', 'Noem ook Vlissingen.', 'Rotterdamse haven']])
    // Declining everything gives the current draft back exactly; the drafter's edits stay.
    const current = must(await api.openDocument({ id }))
    const declined = must(await api.applyRound({ round: round.round, reject: proposals.map((p) => p.id) }))
    expect(must(await api.openDocument({ id, version: declined.number })).content).toEqual(current.content)
  }, 180_000)
})

describe('a partner who moves a paragraph in Word', () => {
  it('shows the move as one decision: taking one half takes both, and the paragraph is moved, not doubled', async () => {
    const { moveParagraphDocx } = await import('../helpers/word-edits.js')
    const { api, id, round, file } = await setup()
    await draftEdits(api, id)
    const returned = await moveParagraphDocx(file('OM'), 'Hieronder zet ik uiteen', 'Afschuwelijke gebeurtenissen', 'O. Vaart')
    const result = must(await api.importReturn({ round: round.round, base64: returned, fileName: 'om.docx' }))
    expect(result).toMatchObject({ org: 'OM', proposals: 2, untracked: 0 })
    const proposals = must(await api.roundProposals({ round: round.round }))
    const [out, into] = proposals
    expect(out.deleted).toMatch(/^Hieronder zet ik uiteen/)
    expect(into.inserted).toBe(out.deleted)
    expect([out.movedWith, into.movedWith, out.author, into.author]).toEqual([into.id, out.id, 'O. Vaart', 'O. Vaart'])
    expect(await api.decideProposals({ round: round.round, accept: [out.id], reject: [into.id] })).toEqual({ ok: false, error: expect.stringMatching(/verplaatsing wordt in zijn geheel overgenomen of niet/) })
    must(await api.decideProposals({ round: round.round, accept: [into.id] }))
    expect(must(await api.roundProposals({ round: round.round })).map((p) => p.decision)).toEqual(['accept', 'accept'])
    const applied = must(await api.applyRound({ round: round.round }))
    expect(applied).toMatchObject({ accepted: 2, rejected: 0 })
    const text = must(await api.openDocument({ id })).content.content!.map((b) => JSON.stringify(b))
    const moved = text.filter((b) => b.includes('Hieronder zet ik uiteen'))
    expect(moved).toHaveLength(1)
    expect(text.indexOf(moved[0])).toBe(text.findIndex((b) => b.includes('Afschuwelijke gebeurtenissen')) + 1)
    expect(text.join('')).toContain('draait nog altijd op volle toeren')
  })
})

describe('comments in a return', () => {
  it('land on the current text labelled with the partner, and the comments Paraaf sent out are not added again', async () => {
    const { addWordComment } = await import('../helpers/word-edits.js')
    const app = openTestApp()
    const { api } = app
    must(await api.setSettings({ author: 'S. Steller' }))
    const { id } = must(await api.importMarkdown({ text: readBigLetter(), fileName: 'brief.md' }))
    must(await api.commentOnQuote({ id, quote: 'crystal meth-labs', org: 'JenV', text: 'Klopt dit aantal?' }))
    const round = must(await api.startRound({ id, partners: [{ org: 'OM' }] }))
    await draftEdits(api, id)
    const returned = await addWordComment(round.files[0].base64, 'Rotterdamse haven', 'O. Vaart', 'Noem ook Vlissingen.')
    const result = must(await api.importReturn({ round: round.round, base64: returned, fileName: 'om.docx' }))
    expect(result).toMatchObject({ org: 'OM', comments: 1, proposals: 0 })
    const threads = must(await api.listComments({ id })).threads
    expect(threads).toHaveLength(2)
    expect(threads.map((t) => [t.author, t.org, t.text, t.quote, t.anchored])).toEqual(expect.arrayContaining([
      ['S. Steller', 'JenV', 'Klopt dit aantal?', 'crystal meth-labs', true],
      ['O. Vaart', 'OM', 'Noem ook Vlissingen.', 'Rotterdamse haven', true],
    ]))
    // The drafter's edits made after sending are still in the current text.
    expect(JSON.stringify(must(await api.openDocument({ id })).content)).toContain('draait nog altijd op volle toeren')
  })
})

describe('a partner replying to a comment Paraaf sent out', () => {
  it('joins that thread instead of starting a new one, and the thread and its first reply are not doubled', async () => {
    const { addWordReply } = await import('../helpers/word-edits.js')
    const { api } = openTestApp()
    must(await api.setSettings({ author: 'S. Steller' }))
    const { id } = must(await api.importMarkdown({ text: readBigLetter(), fileName: 'brief.md' }))
    const { commentId } = must(await api.commentOnQuote({ id, quote: 'crystal meth-labs', org: 'JenV', text: 'Klopt dit aantal?' }))
    must(await api.replyComment({ commentId, text: 'Graag check bij OM.', org: 'JenV' }))
    const round = must(await api.startRound({ id, partners: [{ org: 'OM' }] }))
    const returned = await addWordReply(round.files[0].base64, 'Klopt dit aantal?', 'O. Vaart (OM)', 'Ja, 2019: 94 labs.')
    const result = must(await api.importReturn({ round: round.round, base64: returned, fileName: 'om.docx' }))
    expect(result).toMatchObject({ org: 'OM', comments: 1, proposals: 0 })
    const threads = must(await api.listComments({ id })).threads
    expect(threads).toHaveLength(1)
    expect(threads[0].replies.map((r) => [r.author, r.org, r.text])).toEqual([
      ['S. Steller', 'JenV', 'Graag check bij OM.'],
      ['O. Vaart', 'OM', 'Ja, 2019: 94 labs.'],
    ])
  })
})
