import { beforeAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { repoRoot, bigLetterPath, readBigLetter, chainsDir } from '../helpers/corpus.js'
import { tempDir } from '../helpers/temp.js'
import { openApp } from '../../src/service/open-app.js'
import { tableCounts } from '../helpers/app.js'

/** Runs the real `paraaf` command as a user would. */
function paraaf(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin/paraaf.js'), ...args], { encoding: 'utf8', env: { ...process.env, ...env } })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

function counts(data: string) {
  const app = openApp(data)
  try {
    return tableCounts(app)
  } finally {
    app.close()
  }
}

describe('paraaf CLI', () => {
  const data = tempDir()

  it('imports, lists, saves, shows, lists versions and restores', () => {
    const imported = paraaf(['import', bigLetterPath, '--json', '--data', data])
    expect(imported.code).toBe(0)
    const { id } = JSON.parse(imported.out)
    expect(id).toBe(1)

    const list = JSON.parse(paraaf(['list', '--json', '--data', data]).out)
    expect(list).toEqual([{ id: 1, title: 'Uitwerking breed offensief tegen georganiseerde ondermijnende criminaliteit', type: 'kamerbrief', updatedAt: expect.any(String), versions: 1, round: null, parafen: null }])

    const edited = readBigLetter().replace('De georganiseerde criminaliteit draait op volle toeren.', 'De georganiseerde criminaliteit draait nog altijd op volle toeren.')
    const file = join(tempDir(), 'v2.md')
    writeFileSync(file, edited)
    const saved = paraaf(['save', '1', file, '--label', 'Concept 0.3 naar DGPenV', '--data', data])
    expect(saved).toMatchObject({ code: 0, out: '2\n' })

    expect(paraaf(['show', '1', '--data', data]).out).toBe(edited)
    expect(paraaf(['show', '1', '--version', '1', '--data', data]).out).toBe(readBigLetter())

    const versions = JSON.parse(paraaf(['versions', '1', '--json', '--data', data]).out)
    expect(versions.map((v: { number: number; label: string | null }) => [v.number, v.label])).toEqual([
      [1, 'Geïmporteerd uit kamerbrief-2020-06-18-uitwerking-breed-offensief.md'], [2, 'Concept 0.3 naar DGPenV'],
    ])
    expect(versions[1].bytesAdded).toBeLessThan(4096)
    expect(Object.keys(versions[0])).toEqual(expect.arrayContaining(['number', 'label', 'createdAt', 'bytesAdded']))

    expect(paraaf(['restore', '1', '1', '--data', data])).toMatchObject({ code: 0, out: '3\n' })
    expect(paraaf(['show', '1', '--data', data]).out).toBe(readBigLetter())
    expect(paraaf(['check', '--data', data])).toMatchObject({ code: 0, out: expect.stringMatching(/Database in orde/) })
  })

  it('takes its data directory from PARAAF_DATA too', () => {
    const other = tempDir()
    expect(paraaf(['import', bigLetterPath, '--json'], { PARAAF_DATA: other }).code).toBe(0)
    expect(JSON.parse(paraaf(['list', '--json', '--data', other]).out)).toHaveLength(1)
  })

  describe('bad input: one Dutch line, non-zero exit, nothing written', () => {
    // Its own data directory with document 1, so the table does not depend on the tests before it.
    const data = tempDir()
    beforeAll(() => {
      expect(paraaf(['import', bigLetterPath, '--data', data]).code).toBe(0)
    })
    const dir = tempDir()
    const garbage = join(dir, 'garbage.md')
    writeFileSync(garbage, randomBytes(4096))
    const badDate = join(dir, 'bad-date.md')
    writeFileSync(badDate, '---\ntype: "kamerbrief"\ndatum: "2020-13-45"\n---\nTekst.\n')
    const huge = join(dir, 'huge.md')
    writeFileSync(huge, ('Een zin die steeds herhaald wordt in een te groot document. '.repeat(20) + '\n\n').repeat(Math.ceil((5 * 1024 * 1024) / 1230)))
    const nul = join(dir, 'nul.md')
    writeFileSync(nul, 'Tekst\u0000met een nulbyte\n')

    it.each([
      ['a missing file', ['import', join(dir, 'bestaat-niet.md')], /bestand niet gevonden/],
      ['binary garbage', ['import', garbage], /geen tekstbestand/],
      ['a text with NUL bytes', ['import', nul], /geen tekstbestand/],
      ['a front matter with an invalid date', ['import', badDate], /geen geldige datum/],
      ['a 5 MB paste', ['import', huge], /te groot/],
      ['a save of garbage over a document', ['save', '1', garbage], /geen tekstbestand/],
      ['a save of a 5 MB file', ['save', '1', huge], /te groot/],
      ['a save to a document that does not exist', ['save', '99', bigLetterPath], /Document 99 bestaat niet/],
      ['a restore of a version that does not exist', ['restore', '1', '42'], /geen versie 42/],
      ['an id that is not a number', ['show', 'abc'], /ongeldig document-id/],
      ['an unknown type', ['import', bigLetterPath, '--type', 'brief'], /Onbekend documenttype/],
      ['an unknown option', ['list', '--verbose'], /onbekende optie --verbose/],
      ['an unknown command', ['verwijder', '1'], /onbekende opdracht/],
      ['a label longer than any the app accepts', ['save', '1', bigLetterPath, '--label', 'x'.repeat(600)], /Ongeldige invoer voor saveMarkdownVersion \(veld label\)/],
      ['a save on a version that is no longer the latest', ['save', '1', bigLetterPath, '--base', '7'], /Versie 7 is niet meer de nieuwste versie/],
    ])('%s', (_what, args, message) => {
      const before = counts(data)
      const r = paraaf([...args, '--data', data])
      expect(r.code).not.toBe(0)
      expect(r.err).toMatch(message)
      expect(r.err.trim().split('\n')).toHaveLength(1)
      expect(r.out).toBe('')
      expect(counts(data)).toEqual(before)
    })
  })

  it('refuses a database from a newer Paraaf without touching it', async () => {
    const dir = tempDir()
    paraaf(['list', '--data', dir])
    const Database = (await import('better-sqlite3')).default
    const raw = new Database(join(dir, 'paraaf.sqlite'))
    raw.pragma('user_version = 99')
    raw.close()
    const before = readFileSync(join(dir, 'paraaf.sqlite'))
    const r = paraaf(['list', '--data', dir])
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/nieuwere versie van Paraaf/)
    expect(readFileSync(join(dir, 'paraaf.sqlite')).equals(before)).toBe(true)
  })
})

describe('errors of the machine, in one Dutch line', () => {
  it('says a port is taken instead of printing a stack trace', async () => {
    const { createServer } = await import('node:net')
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()))
    const port = (blocker.address() as { port: number }).port
    try {
      const r = paraaf(['serve', '--port', String(port), '--data', tempDir()])
      expect(r.code).not.toBe(0)
      expect(r.err).toMatch(/poort is al in gebruik/)
      expect(r.err.trim().split('\n')).toHaveLength(1)
    } finally {
      blocker.close()
    }
  })

  it('checks a damaged database and reports it, without crashing', () => {
    const data = tempDir()
    expect(paraaf(['import', bigLetterPath, '--data', data]).code).toBe(0)
    const file = join(data, 'paraaf.sqlite')
    const bytes = readFileSync(file)
    // Overwrite pages in the middle of the file, past the header.
    bytes.fill(0x5a, 8192, Math.min(bytes.length, 8192 * 6))
    writeFileSync(file, bytes)
    const r = paraaf(['check', '--data', data])
    expect(r.code).not.toBe(0)
    expect(r.err).toMatch(/^paraaf: .*(beschadigd|onbruikbaar|kan niet worden gebruikt)/)
    expect(r.err.trim().split('\n')).toHaveLength(1)
    expect(r.err).not.toMatch(/at .*\.ts:\d+/)
  })
})

describe('what the CLI prints for a terminal', () => {
  it('strips escape sequences hidden in a title, a comment or a search hit', async () => {
    const data = tempDir()
    const evil = '\u001b]0;gekaapt\u0007\u001b[2J\u009b31m'
    const app = openApp(data)
    try {
      const { must } = await import('../helpers/app.js')
      const { id } = must(await app.api.createDocument({ type: 'nota', meta: { onderwerp: `Brief ${evil} over ondermijning` }, content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Ondermijning ${evil} aanpakken.` }] }] } }))
      must(await app.api.commentOnQuote({ id, quote: 'aanpakken', org: 'OM', text: `Graag ${evil} aanvullen.` }))
    } finally {
      app.close()
    }
    for (const args of [['list'], ['comments', '1'], ['search', 'ondermijning'], ['show', '1'], ['versions', '1']]) {
      const r = paraaf([...args, '--data', data])
      expect(r.code, args.join(' ')).toBe(0)
      expect(r.out, args.join(' ')).not.toMatch(/[\u001b\u0007\u009b]/)
    }
    expect(paraaf(['list', '--data', data]).out).toContain('Brief ]0;gekaapt[2J31m over ondermijning')
  })

  it('ends quietly when its reader stops early (paraaf show | head)', () => {
    const data = tempDir()
    // Well over a pipe's buffer, so the reader is gone while paraaf still writes.
    const long = join(tempDir(), 'lang.md')
    writeFileSync(long, '---\ntype: nota\nonderwerp: Lang\n---\n\n' + 'Een alinea die vaak terugkomt in een lang stuk. '.repeat(20).concat('\n\n').repeat(1200))
    expect(paraaf(['import', long, '--data', data]).code).toBe(0)
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${join(repoRoot, 'bin/paraaf.js')}" show 1 --data "${data}" | head -c 1`], { encoding: 'utf8' })
    expect(r.status).toBe(0)
    expect(r.stderr).toBe('')
  })
})

describe('paraaf diff', () => {
  const v = (chain: string, n: number) => join(chainsDir, chain, `v${n}.md`)

  it('compares two Markdown files as JSON with changes and stats', () => {
    const r = paraaf(['diff', v('sbo-annotatie-rode-tekst', 1), v('sbo-annotatie-rode-tekst', 2), '--format', 'json', '--data', tempDir()])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.out)
    expect(out.changes.map((c: { kind: string; inserted: string }) => [c.kind, c.inserted.trim()])).toEqual([
      ['insert', 'en in het Landelijk Overleg Veiligheid en Politie (LOVP)'], ['insert', 'de concrete invulling van'],
    ])
    expect(out.changes[0]).toMatchObject({ deleted: '', block: 0 })
    expect(out.stats).toEqual({ insertedWords: 13, deletedWords: 0, movedBlocks: 0, changedBlocks: 2 })
  })

  it('compares two versions of a stored document as a text redline and as an HTML page', () => {
    const data = tempDir()
    paraaf(['import', v('persbericht-110-miljoen', 2), '--type', 'memo', '--data', data])
    paraaf(['save', '1', v('persbericht-110-miljoen', 3), '--data', data])
    const text = paraaf(['diff', '1', '1', '2', '--data', data])
    expect(text.code).toBe(0)
    expect(text.out).toContain('[-Een stevige aanpak van nietsontziende criminelen roept weerstand op. -]')
    expect(text.out).toContain('(verplaatst naar verderop)')
    expect(text.out).toContain('(verplaatst van hierboven)')
    expect(text.out).toMatch(/1 alinea's verplaatst/)
    const html = paraaf(['diff', '1', '1', '2', '--format', 'html', '--data', data])
    expect(html.out).toMatch(/^<!doctype html>/)
    expect(html.out).toContain('<del data-change=')
    expect(html.out).not.toMatch(/<script/i)
    const chars = JSON.parse(paraaf(['diff', '1', '1', '2', '--chars', '--format', 'json', '--data', data]).out)
    expect(chars.changes.length).toBeGreaterThan(0)
  })

  it('refuses a missing version and a bad format in one line', () => {
    const data = tempDir()
    paraaf(['import', v('sbo-annotatie-rode-tekst', 1), '--data', data])
    expect(paraaf(['diff', '1', '1', '9', '--data', data])).toMatchObject({ code: 1, err: expect.stringMatching(/geen versie 9/) })
    expect(paraaf(['diff', '1', '1', '1', '--format', 'pdf', '--data', data])).toMatchObject({ code: 1, err: expect.stringMatching(/onbekend formaat/) })
  })
})

describe('paraaf comment and comments', () => {
  it('adds a partner comment on an exact quote, replies, resolves and lists it as JSON', () => {
    const data = tempDir()
    paraaf(['import', bigLetterPath, '--data', data])
    const add = paraaf(['comment', 'add', '1', '--quote', 'vondsten van crystal meth-labs nemen een vlucht', '--author', 'J. Jansen', '--org', 'Politie', '--text', 'Graag de bron noemen.', '--data', data])
    expect(add.code).toBe(0)
    const cid = add.out.trim()
    expect(cid).toMatch(/^k[0-9a-z]+$/)
    const reply = paraaf(['comment', 'add', '1', '--reply-to', cid, '--author', 'P. de Boer', '--org', 'JenV', '--text', 'Toegevoegd in voetnoot.', '--data', data])
    expect(reply.code).toBe(0)
    expect(paraaf(['comment', 'resolve', cid, '--data', data]).code).toBe(0)
    const list = JSON.parse(paraaf(['comments', '1', '--json', '--data', data]).out)
    expect(list).toEqual([{
      id: cid, author: 'J. Jansen', org: 'Politie', createdAt: expect.any(String), text: 'Graag de bron noemen.', resolved: true,
      replies: [{ id: reply.out.trim(), author: 'P. de Boer', org: 'JenV', createdAt: expect.any(String), text: 'Toegevoegd in voetnoot.' }],
      quote: 'vondsten van crystal meth-labs nemen een vlucht', anchored: true,
    }])
    expect(paraaf(['comment', 'reopen', cid, '--data', data]).code).toBe(0)
    expect(JSON.parse(paraaf(['comments', '1', '--json', '--data', data]).out)[0].resolved).toBe(false)
    // In version 1 (before the comment) the thread exists but is not anchored.
    expect(JSON.parse(paraaf(['comments', '1', '--version', '1', '--json', '--data', data]).out)[0].anchored).toBe(false)
  })

  it('refuses a quote that is not in the text, in one line, writing nothing', () => {
    const data = tempDir()
    paraaf(['import', bigLetterPath, '--data', data])
    const before = counts(data)
    const r = paraaf(['comment', 'add', '1', '--quote', 'deze zin bestaat niet', '--org', 'OM', '--text', 'x', '--data', data])
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/staat niet in de huidige versie van document 1/)
    expect(counts(data)).toEqual(before)
  })
})

describe('paraaf export and export-all', () => {
  it('writes a .docx for a version and one per named version for the dossier', async () => {
    const data = tempDir()
    const out = tempDir()
    paraaf(['import', bigLetterPath, '--data', data])
    const edited = join(tempDir(), 'v2.md')
    writeFileSync(edited, readBigLetter().replace('volle toeren', 'hoge toeren'))
    paraaf(['save', '1', edited, '--label', 'Concept 0.2', '--data', data])
    const file = join(out, 'brief.docx')
    const r = paraaf(['export', '1', '--against', '1', '--out', file, '--data', data])
    expect(r).toMatchObject({ code: 0, out: `${file}\n` })
    const { docxParts } = await import('../helpers/docx.js')
    const parts = await docxParts(readFileSync(file))
    expect(parts['word/document.xml']).toMatch(/<w:del [^>]*>[\s\S]*?volle/)
    const all = paraaf(['export-all', '1', '--out', join(out, 'dossier'), '--data', data])
    expect(all.code).toBe(0)
    expect(all.out.trim().split('\n').map((p) => p.split('/').pop())).toEqual([
      expect.stringMatching(/-v1\.docx$/), expect.stringMatching(/-v2\.docx$/),
    ])
  })
})

describe('paraaf import of a Word file', () => {
  it('imports a returned .docx into an existing document and reports versions, comments and changes as JSON', () => {
    const data = tempDir()
    const out = tempDir()
    paraaf(['import', bigLetterPath, '--data', data])
    const edited = join(tempDir(), 'v2.md')
    writeFileSync(edited, readBigLetter().replace('draait op volle toeren', 'draait op hoge toeren'))
    paraaf(['save', '1', edited, '--label', 'Partnerversie', '--data', data])
    paraaf(['comment', 'add', '1', '--quote', '88 miljoen euro in 2020', '--org', 'DFEZ', '--text', 'Klopt.', '--data', data])
    const file = join(out, 'reactie.docx')
    paraaf(['export', '1', '--against', '1', '--comments', '--out', file, '--data', data])
    const r = paraaf(['import', file, '--into', '1', '--label', 'Reactie DFEZ', '--json', '--data', data])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.out)).toEqual({ id: 1, versions: [4, 5], comments: 1, changes: 1 })
    const versions = JSON.parse(paraaf(['versions', '1', '--json', '--data', data]).out)
    expect(versions.slice(-2).map((v: { label: string }) => v.label)).toEqual(['Reactie DFEZ: zonder de wijzigingen', 'Reactie DFEZ'])
  })

  it('refuses a file that is not a Word document in one Dutch line, writing nothing', () => {
    const data = tempDir()
    paraaf(['import', bigLetterPath, '--data', data])
    const before = counts(data)
    const fake = join(tempDir(), 'reactie.docx')
    writeFileSync(fake, 'geen zip')
    const r = paraaf(['import', fake, '--into', '1', '--data', data])
    expect(r).toMatchObject({ code: 1, err: 'paraaf: Dit is geen Word-bestand (.docx).\n' })
    expect(counts(data)).toEqual(before)
  })
})

describe('paraaf round', () => {
  it('starts a round, takes in returns, lists the proposals, processes the clean ones and writes the overview', async () => {
    const { changeDocx } = await import('../helpers/word-edits.js')
    const data = tempDir()
    const out = tempDir()
    expect(paraaf(['import', bigLetterPath, '--data', data]).code).toBe(0)
    const started = paraaf(['round', 'start', '1', '--to', 'Politie', '--to', 'OM', '--deadline', 'vr 12.00 uur', '--out', out, '--json', '--data', data])
    expect(started.code).toBe(0)
    const round = JSON.parse(started.out) as { round: number; version: number; files: { org: string; path: string }[] }
    expect(round).toMatchObject({ round: 1, version: 1, files: [{ org: 'Politie', path: expect.stringMatching(/politie\.docx$/) }, { org: 'OM', path: expect.stringMatching(/om\.docx$/) }] })

    const politie = join(out, 'terug-politie.docx')
    writeFileSync(politie, Buffer.from(await changeDocx(readFileSync(round.files[0].path).toString('base64'), [{ from: '141 miljoen', to: '145 miljoen', tracked: 'A. Agent' }]), 'base64'))
    const imported = paraaf(['round', 'import', '1', politie, '--json', '--data', data])
    expect(imported.code).toBe(0)
    expect(JSON.parse(imported.out)).toEqual({ return: 1, org: 'Politie', proposals: 1, untracked: 0, comments: 0 })
    // OM's file comes back untouched: nothing to decide.
    expect(JSON.parse(paraaf(['round', 'import', '1', round.files[1].path, '--json', '--data', data]).out)).toMatchObject({ org: 'OM', proposals: 0 })

    const proposals = JSON.parse(paraaf(['round', 'proposals', '1', '--json', '--data', data]).out)
    expect(proposals).toEqual([{ id: expect.stringMatching(/^p[0-9a-z]+$/), orgs: ['Politie'], author: 'A. Agent', date: '2020-06-12T11:00:00.000Z', deleted: '141', inserted: '145', untracked: false, status: 'clean', conflictsWith: [], decision: null }])
    const listed = JSON.parse(paraaf(['round', 'list', '1', '--json', '--data', data]).out)
    expect(listed[0].partners.map((p: { org: string; status: string }) => [p.org, p.status])).toEqual([['Politie', 'returned'], ['OM', 'returned']])

    const applied = paraaf(['round', 'apply', '1', '--accept-clean', '--json', '--data', data])
    expect(applied.code).toBe(0)
    expect(JSON.parse(applied.out)).toMatchObject({ version: 2, accepted: 1, rejected: 0, label: 'Reacties Politie verwerkt: 1 overgenomen, 0 niet' })
    expect(paraaf(['show', '1', '--data', data]).out).toContain('145 miljoen euro in 2021')

    const report = join(out, 'verwerking-politie.md')
    expect(paraaf(['round', 'report', '1', '--org', 'Politie', '--out', report, '--data', data]).code).toBe(0)
    expect(readFileSync(report, 'utf8')).toContain('“141” → “145”: **overgenomen**')
    const word = join(out, 'verwerking-politie.docx')
    expect(paraaf(['round', 'report', '1', '--org', 'Politie', '--out', word, '--data', data]).code).toBe(0)
    const { docxParts } = await import('../helpers/docx.js')
    expect((await docxParts(readFileSync(word)))['word/document.xml'].replace(/<[^>]+>/g, '')).toContain('141 → 145: overgenomen')

    const bad = paraaf(['round', 'apply', '1', '--accept', 'p123', '--data', data])
    expect(bad.code).toBe(1)
    expect(bad.err).toMatch(/Voorstel p123 staat niet \(meer\) open/)
  })
})
