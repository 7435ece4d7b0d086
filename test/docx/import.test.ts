import { describe, expect, it } from 'vitest'
import JSZip from 'jszip'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Node as PMNode } from 'prosemirror-model'
import { schema } from '../../src/core/schema.js'
import { compareDocuments } from '../../src/core/diff/compare.js'
import { openTestApp, must, tableCounts, latestVersion } from '../helpers/app.js'
import { changeDocx } from '../helpers/word-edits.js'
import { corpusDocuments, readBigLetter } from '../helpers/corpus.js'
import { runLibreOffice } from '../helpers/docx.js'
import type { ParaafApi } from '../../src/service/contract.js'

/** What a reader sees of a document: its textblocks in order (lists flattened), tables' cells, footnotes. */
function reading(content: unknown) {
  const doc = PMNode.fromJSON(schema, content)
  const blocks: string[] = []
  const notes: string[] = []
  doc.descendants((node) => {
    if (node.type.name === 'footnote') {
      notes.push(node.textContent)
      return false
    }
    if (node.isTextblock) {
      const text = node.textBetween(0, node.content.size, '\n', (leaf) => (leaf.type.name === 'hard_break' ? '\n' : ''))
      blocks.push(`${node.type.name === 'heading' ? `h${node.attrs.level}` : 'p'}:${text}`)
      return true
    }
    return true
  })
  return { blocks: blocks.filter((b) => b !== 'p:'), notes }
}

async function exportAndImport(api: ParaafApi, id: number, options: { against?: number; comments?: boolean } = {}) {
  const file = must(await api.exportDocx({ id, ...options }))
  return must(await api.importDocx({ base64: file.base64, fileName: file.fileName }))
}

/** Fills required metadata a corpus file does not give, as a user does before exporting. */
async function readyForExport(api: ParaafApi, id: number) {
  const snap = must(await api.openDocument({ id }))
  const template = must(await api.listTemplates()).find((t) => t.type === snap.type)!
  const meta = { ...snap.meta }
  for (const f of template.fields) if (f.required && !meta[f.key]) meta[f.key] = f.kind === 'date' ? '2020-03-09' : f.kind === 'lines' ? ['Directie Ondermijning'] : 'Minister van JenV'
  must(await api.saveVersion({ id, base: await latestVersion(api, id), meta, content: snap.content, kind: 'auto' }))
}

describe('importing Word files written by Paraaf', () => {
  it.each(corpusDocuments().map(([name]) => [name]))('%s: exported and imported again gives the same text, structure, footnotes and metadata', async (name) => {
    const { api } = openTestApp()
    const text = corpusDocuments().find(([n]) => n === name)![1]
    const { id } = must(await api.importMarkdown({ text, fileName: name }))
    await readyForExport(api, id)
    const original = must(await api.openDocument({ id }))
    const back = await exportAndImport(api, id)
    expect(back.versions).toHaveLength(1)
    const again = must(await api.openDocument({ id: back.id }))
    expect(again.type).toBe(original.type)
    expect(again.meta).toEqual(original.meta)
    expect(reading(again.content)).toEqual(reading(original.content))
    // Line breaks keep their kind (soft, from the source text, or typed).
    const breaks = (content: unknown) => JSON.stringify(content).match(/"soft":(true|false)/g)?.join(',') ?? ''
    expect(breaks(again.content)).toBe(breaks(original.content))
    // And exactly: an untouched file sent out in a review round must propose nothing.
    expect(compareDocuments({ meta: {}, content: original.content }, { meta: {}, content: again.content }).changes).toEqual([])
  })

  it('brings back the changes of a redline as a base and a proposal, and the comments with their threads', async () => {
    const { api } = openTestApp()
    const { id } = must(await api.importMarkdown({ text: readBigLetter() }))
    const snap = must(await api.openDocument({ id }))
    const edited = JSON.parse(JSON.stringify(snap.content).replace('draait op volle toeren', 'draait nog altijd op volle toeren').replace(' Dit toont eens te meer de noodzaak van het brede offensief tegen georganiseerde ondermijnende criminaliteit.', ''))
    must(await api.saveVersion({ id, base: await latestVersion(api, id), meta: snap.meta, content: edited, kind: 'named', label: 'Concept 0.2' }))
    const { commentId } = must(await api.commentOnQuote({ id, quote: '88 miljoen euro in 2020', org: 'DFEZ', author: 'K. Kas', text: 'Bedragen afgestemd.' }))
    must(await api.replyComment({ commentId, text: 'Dank.', org: 'JenV', author: 'P. de Boer' }))
    must(await api.setCommentResolved({ commentId, resolved: true }))

    const back = await exportAndImport(api, id, { against: 1, comments: true })
    expect(back.versions).toHaveLength(2)
    expect(back.comments).toBe(1)
    const base = must(await api.openDocument({ id: back.id, version: back.versions[0] }))
    const proposal = must(await api.openDocument({ id: back.id, version: back.versions[1] }))
    expect(reading(base.content)).toEqual(reading(must(await api.openDocument({ id, version: 1 })).content))
    expect(reading(proposal.content)).toEqual(reading(must(await api.openDocument({ id })).content))
    const cmp = must(await api.compareVersions({ id: back.id, a: back.versions[0], b: back.versions[1] })).comparison
    expect(cmp.changes.map((c) => [c.kind, c.deleted.trim(), c.inserted.trim()])).toEqual([
      ['insert', '', 'nog altijd'],
      ['delete', 'Dit toont eens te meer de noodzaak van het brede offensief tegen georganiseerde ondermijnende criminaliteit.', ''],
    ])
    const threads = must(await api.listComments({ id: back.id })).threads
    expect(threads).toEqual([expect.objectContaining({ author: 'K. Kas', org: 'DFEZ', text: 'Bedragen afgestemd.', resolved: true, anchored: true, quote: '88 miljoen euro in 2020', replies: [expect.objectContaining({ author: 'P. de Boer', org: 'JenV', text: 'Dank.' })] })])
  })
})

describe('a reply read into the document it answers', () => {
  it('counts the edits a partner made without tracking them, so the drafter is told and can see them', async () => {
    const app = openTestApp()
    const { id } = must(await app.api.importMarkdown({ text: readBigLetter(), fileName: 'brief.md' }))
    const sent = must(await app.api.exportDocx({ id })).base64
    const back = await changeDocx(sent, [
      { from: 'draait op volle toeren', to: 'draait nog altijd op volle toeren', tracked: 'K. Kas (OM)' },
      { from: 'Tevens presenteer ik', to: 'Ook presenteer ik', tracked: null },
      { from: 'georganiseerde ondermijnende criminaliteit toekomstbestendig', to: 'ondermijning toekomstbestendig', tracked: null },
    ], { skipMissing: true })
    const read = must(await app.api.importDocx({ base64: back, fileName: 'reactie.docx', into: id }))
    expect(read.changes).toBe(1)
    expect(read.untracked).toBeGreaterThanOrEqual(1)
    expect(read.notices.join(' ')).toMatch(/niet bijgehouden/)
    // A file with only tracked changes has none.
    const tracked = await changeDocx(must(await app.api.exportDocx({ id })).base64, [{ from: 'Ook presenteer ik', to: 'Voorts presenteer ik', tracked: 'P. Agent' }])
    const second = must(await app.api.importDocx({ base64: tracked, fileName: 'reactie-2.docx', into: id }))
    expect(second.untracked).toBe(0)
    expect(second.notices.join(' ')).not.toMatch(/niet bijgehouden|verder geschreven/)
    app.close()
  })

  it('keeps what the drafter wrote after sending and lays the reply on top of it, untracked edits included', async () => {
    const app = openTestApp()
    const { id } = must(await app.api.importMarkdown({ text: readBigLetter(), fileName: 'brief.md' }))
    const sent = must(await app.api.exportDocx({ id })).base64
    // The drafter keeps writing after the file went out.
    const md = must(await app.api.exportMarkdown({ id })).markdown
    must(await app.api.saveMarkdownVersion({ id, text: md.replace('Tevens presenteer ik', 'Daarnaast presenteer ik') }))
    const back = await changeDocx(sent, [
      { from: 'draait op volle toeren', to: 'draait nog altijd op volle toeren', tracked: 'K. Kas (OM)' },
      { from: 'Middels deze brief', to: 'Met deze brief', tracked: null },
    ])
    const read = must(await app.api.importDocx({ base64: back, fileName: 'reactie.docx', into: id }))
    expect(read.untracked).toBe(1)
    expect(read.notices.join(' ')).toMatch(/gemaakt van versie 1; wat u daarna schreef \(1 wijziging tot versie 2\) is behouden/)
    const text = async (version: number) => must(await app.api.exportMarkdown({ id, version })).markdown
    const [base, proposal] = [await text(read.versions[0]), await text(read.versions[1])]
    for (const t of [base, proposal]) {
      expect(t).toContain('Daarnaast presenteer ik')
      expect(t).toContain('Met deze brief')
    }
    expect(base).toContain('draait op volle toeren')
    expect(proposal).toContain('draait nog altijd op volle toeren')
    // Compare shows the partner's tracked change, and nothing of the drafter's own.
    expect(must(await app.api.compareVersions({ id, a: read.versions[0], b: read.versions[1] })).comparison.changes.map((c) => c.inserted)).toEqual(['nog altijd '])
    app.close()
  })

  it('keeps the drafter\'s later words where the reply changes the same words, and offers the partner\'s version there as a change to accept or reject', async () => {
    const app = openTestApp()
    const { id } = must(await app.api.importMarkdown({ text: readBigLetter(), fileName: 'brief.md' }))
    const sent = must(await app.api.exportDocx({ id })).base64
    // After sending, the drafter rewrites the first sentence and the "Middels" sentence, and changes a word elsewhere.
    const md = must(await app.api.exportMarkdown({ id })).markdown
    must(await app.api.saveMarkdownVersion({ id, text: md.replace('De georganiseerde criminaliteit draait op volle toeren.', 'De georganiseerde criminaliteit raast voort.').replace('Middels deze brief', 'Via deze brief').replace('Tevens presenteer ik', 'Daarnaast presenteer ik') }))
    // The partner edits the first sentence (tracked) and the "Middels" sentence (untracked), and one place the drafter left alone.
    const back = await changeDocx(sent, [
      { from: 'draait op volle toeren', to: 'draait nog altijd op volle toeren', tracked: 'K. Kas (OM)' },
      { from: 'Middels deze brief', to: 'Met deze brief', tracked: null },
      { from: 'de Rotterdamse haven', to: 'de haven van Rotterdam', tracked: 'K. Kas (OM)' },
    ])
    const read = must(await app.api.importDocx({ base64: back, fileName: 'reactie.docx', into: id }))
    const notices = read.notices.join(' ')
    expect(notices).toMatch(/gemaakt van versie 1; wat u daarna schreef \(3 wijzigingen tot versie 2\) is behouden/)
    expect(notices).toMatch(/Op 2 plaatsen wijzigt de reactie tekst die u na het versturen ook hebt gewijzigd/)
    // The untracked edit meets the drafter's own: it is offered, not taken quietly.
    expect(read.untracked).toBe(0)
    const text = async (version: number) => must(await app.api.exportMarkdown({ id, version })).markdown
    const [base, proposal] = [await text(read.versions[0]), await text(read.versions[1])]
    // Nothing the drafter wrote since is lost: the base is their text, the proposal theirs with the partner's edits.
    for (const t of [base, proposal]) expect(t).toContain('Daarnaast presenteer ik')
    expect(base).toContain('raast voort')
    expect(base).toContain('Via deze brief')
    expect(base).toContain('de Rotterdamse haven')
    expect(proposal).toContain('draait nog altijd op volle toeren')
    expect(proposal).toContain('Met deze brief')
    expect(proposal).toContain('de haven van Rotterdam')
    // Compare shows the partner's three edits; rejecting them all gives back exactly the drafter's text.
    const cmp = must(await app.api.compareVersions({ id, a: read.versions[0], b: read.versions[1] })).comparison
    expect(cmp.changes.map((c) => c.inserted).join(' ')).toMatch(/nog altijd/)
    const reviewed = must(await app.api.reviewChanges({ id, a: read.versions[0], b: read.versions[1], accept: [], reject: cmp.changes.map((c) => c.id) }))
    expect(await text(reviewed.number)).toBe(base)
    app.close()
  })

  it('keeps the onderwerp the drafter changed after sending when the reply leaves it as sent', async () => {
    const app = openTestApp()
    const { id } = must(await app.api.importMarkdown({ text: readBigLetter(), fileName: 'brief.md' }))
    const sent = must(await app.api.exportDocx({ id })).base64
    const md = must(await app.api.exportMarkdown({ id })).markdown
    must(await app.api.saveMarkdownVersion({ id, text: md.replace(/^onderwerp: .*$/m, 'onderwerp: "Uitwerking van het brede offensief"') }))
    const back = await changeDocx(sent, [{ from: 'draait op volle toeren', to: 'draait nog altijd op volle toeren', tracked: 'K. Kas (OM)' }])
    const read = must(await app.api.importDocx({ base64: back, fileName: 'reactie.docx', into: id }))
    for (const v of read.versions) expect(must(await app.api.openDocument({ id, version: v })).meta.onderwerp).toBe('Uitwerking van het brede offensief')
    app.close()
  })
})

describe('importing untrusted Word files', () => {
  const zipOf = async (parts: Record<string, string | Uint8Array>) => {
    const zip = new JSZip()
    for (const [name, content] of Object.entries(parts)) zip.file(name, content)
    return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
  }
  const minimalDocument = '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Tekst</w:t></w:r></w:p></w:body></w:document>'

  it.each([
    ['not a zip', async () => Buffer.from('Dit is platte tekst, geen Word.'), /geen Word-bestand/],
    ['an encrypted .docx or old .doc', async () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]), /wachtwoord beveiligd Word-bestand of een oud \.doc/],
    ['a zip without word/document.xml', async () => zipOf({ 'word/styles.xml': '<w:styles/>' }), /mist de hoofdtekst/],
    ['a zip bomb (a part that inflates past the limit)', async () => zipOf({ 'word/document.xml': minimalDocument, 'word/footnotes.xml': new Uint8Array(45 * 1024 * 1024) }), /zip-bom/],
    ['a huge document.xml', async () => zipOf({ 'word/document.xml': minimalDocument.replace('Tekst', 'x'.repeat(45 * 1024 * 1024)) }), /pakt uit tot meer dan 40 MB/],
    ['XML with a DOCTYPE and external entities', async () => zipOf({ 'word/document.xml': '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + minimalDocument.replace('Tekst', '&xxe;') }), /DOCTYPE of entiteiten/],
    ['a damaged zip', async () => Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]), /beschadigd/],
  ])('refuses %s with a clear message and writes nothing', async (_what, make, message) => {
    const app = openTestApp()
    const existing = must(await app.api.importMarkdown({ text: readBigLetter() })).id
    const before = tableCounts(app)
    const bytes = await make()
    const asNew = await app.api.importDocx({ base64: bytes.toString('base64'), fileName: 'reactie.docx' })
    expect(asNew).toEqual({ ok: false, error: expect.stringMatching(message) })
    const into = await app.api.importDocx({ base64: bytes.toString('base64'), fileName: 'reactie.docx', into: existing })
    expect(into).toEqual({ ok: false, error: expect.stringMatching(message) })
    expect(tableCounts(app)).toEqual(before)
  })
})

describe.runIf(runLibreOffice)('importing Word files written by LibreOffice', () => {
  it('finds the tracked changes (in compare) and the comments (with authors) of a file LibreOffice made', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paraaf-fodt-'))
    const fodt = join(dir, 'reactie.fodt')
    writeFileSync(fodt, `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:body><office:text>
  <text:tracked-changes>
   <text:changed-region text:id="ct1"><text:insertion><office:change-info><dc:creator>J. Jansen</dc:creator><dc:date>2020-06-15T10:00:00</dc:date></office:change-info></text:insertion></text:changed-region>
   <text:changed-region text:id="ct2"><text:deletion><office:change-info><dc:creator>J. Jansen</dc:creator><dc:date>2020-06-15T10:01:00</dc:date></office:change-info><text:p>volle </text:p></text:deletion></text:changed-region>
  </text:tracked-changes>
  <text:p>De georganiseerde criminaliteit draait op <text:change text:change-id="ct2"/>toeren<text:change-start text:change-id="ct1"/> en groeit<text:change-end text:change-id="ct1"/>.</text:p>
  <text:p><office:annotation office:name="a1"><dc:creator>Politie</dc:creator><dc:date>2020-06-15T11:00:00</dc:date><text:p>Graag de cijfers noemen.</text:p></office:annotation>Het aantal inbeslagnames daalt niet.<office:annotation-end office:name="a1"/></text:p>
 </office:text></office:body></office:document>`)
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'docx', '--outdir', dir, fodt], { stdio: 'ignore', timeout: 120_000 })
    const { api } = openTestApp()
    const r = must(await api.importDocx({ base64: readFileSync(join(dir, 'reactie.docx')).toString('base64'), fileName: 'reactie.docx' }))
    expect(r.versions).toHaveLength(2)
    const base = reading(must(await api.openDocument({ id: r.id, version: r.versions[0] })).content)
    const proposal = reading(must(await api.openDocument({ id: r.id, version: r.versions[1] })).content)
    expect(base.blocks[0]).toBe('p:De georganiseerde criminaliteit draait op volle toeren.')
    expect(proposal.blocks[0]).toBe('p:De georganiseerde criminaliteit draait op toeren en groeit.')
    const cmp = must(await api.compareVersions({ id: r.id, a: r.versions[0], b: r.versions[1] })).comparison
    expect(cmp.changes.length).toBeGreaterThan(0)
    expect(cmp.changes.map((c) => c.deleted).join(' ')).toContain('volle')
    expect(cmp.changes.map((c) => c.inserted).join(' ')).toContain('en groeit')
    const threads = must(await api.listComments({ id: r.id })).threads
    expect(threads).toEqual([expect.objectContaining({ author: 'Politie', text: 'Graag de cijfers noemen.', anchored: true, quote: 'Het aantal inbeslagnames daalt niet.' })])
  })
})
