// paraaf: the command-line interface over the same service the app uses.
// Every command takes --data DIR; bad input exits non-zero with one Dutch
// line and writes nothing.
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve as resolvePath } from 'node:path'
import { resolveDataDir } from '../service/data-dir.js'
import { openApp } from '../service/open-app.js'
import { LIMITS, type ApiMethod, type ParaafApi, type Result } from '../service/contract.js'
import { dispatch } from '../service/dispatch.js'
import { backupDatabase, restoreDatabase } from '../service/backup.js'
import { describeSystemError } from '../service/system-errors.js'
import { defaultIo, forTerminal, type CliIo } from './io.js'
import type { Comparison } from '../core/diff/types.js'

export type { CliIo } from './io.js'

/** A user error: printed as one line, exit code 1. */
class CliError extends Error {}

const USAGE = `Gebruik: paraaf <opdracht> [opties]   (elke opdracht neemt --data MAP)

  import BESTAND.md [--type TYPE] [--json]   Markdown importeren als nieuw document
  import BESTAND.docx [--into ID --label TEKST] [--json]
                                             Word-bestand importeren (nieuw, of als reactie op ID)
  list [--trash] [--json]                    documenten tonen (--trash: die in de prullenbak)
  rename ID TITEL                            titel (onderwerp) wijzigen, als nieuwe versie
  copy ID [--type TYPE] [--json]             nieuw document op basis van ID (ook van een andere soort)
  delete ID | undelete ID                    naar de prullenbak (alle versies blijven) of terugzetten
  empty-trash --yes                          prullenbak leegmaken: de documenten erin definitief verwijderen
  suggest-redactions ID [--json]             Woo: voorstellen om te lakken (persoonsgegevens, namen), met grond
  redact ID --quote TEKST --ground GROND [--all]
                                             Woo: lakt de tekst (of met --all elk voorkomen); drukt het aantal af
  redactions ID [--version N] [--json]       Woo: de gelakte passages met grond en aantal
  publish ID [--version N] --out BESTAND.pdf|.docx
                                             Woo: publicatieversie zonder de gelakte tekst; drukt het pad af
  woo-inventory ID [ID ...] --out BESTAND.xlsx|.csv
                                             Woo: inventarislijst (datum, titel, type, beoordeling, gronden)
  spelling ID [--json]                       spellingcontrole: woorden die het woordenboek niet kent, met aantal
  dictionary [add WOORD | remove WOORD]      eigen woordenlijst van de spellingcontrole tonen of wijzigen
  save ID BESTAND.md [--label TEKST] [--base N]
                                             nieuwe versie uit Markdown (--base: alleen als N de nieuwste is)
  versions ID [--json]                       versies van een document
  show ID [--version N]                      document als Markdown
  restore ID N                               versie N terugzetten (als nieuwe versie)
  diff ID VA VB [--format json|text|html] [--chars]   twee versies vergelijken
  diff A.md B.md [--format …] [--chars]      twee Markdown-bestanden vergelijken
  comment add ID --quote TEKST --org ORG --text TEKST [--author NAAM] [--reply-to CID]
                                             opmerking op tekst in de huidige versie (of antwoord)
  comments ID [--version N] [--json]         opmerkingen van een document
  comment resolve CID | comment reopen CID   opmerking afhandelen of heropenen
  export ID [--version N] [--against M] [--comments] [--out BESTAND.docx]
                                             Word-bestand in de huisstijl (met wijzigingen t.o.v. M)
  export-all ID --out MAP                    één .docx per benoemde versie
  search WOORDEN [--json]                    zoeken in tekst, versienamen en opmerkingen
  round start ID [--version N] --to ORG [--to ORG …] [--deadline TEKST] [--out MAP] [--json]
                                             afstemmingsronde: één Word-bestand per partner
  round list ID [--json]                     rondes met per partner gevraagd/ontvangen/verwerkt
  round import R BESTAND.docx [--from ORG] [--json]
                                             reactie van een partner innemen (nooit als huidige versie)
  round proposals R [--json]                 alle voorstellen op de huidige versie
  round apply R [--accept ID,…] [--reject ID,…] [--accept-clean] [--accept-org ORG] [--reject-org ORG] [--label TEKST] [--json]
                                             verwerken tot één nieuwe versie
  round report R --org ORG --out BESTAND.docx|BESTAND.md   verwerkingsoverzicht voor een partner
  check                                      database controleren
  route ID [--set "Naam|Rol|lijn" …] [--json] paraafroute tonen of vastleggen
  approve ID [--version N] --name NAAM --role ROL [--kind lijn|mede] [--date JJJJ-MM-DD] [--remark TEKST]
                                             paraaf vastleggen op een versie (met vingerafdruk)
  approvals ID [--json]                      parafen met hun stand (geldig, vervallen, ingetrokken)
  withdraw PARAAF-ID [--reason TEKST]        paraaf intrekken
  verify BESTAND.docx [--json]               is dit Word-bestand precies een versie, en met welke parafen
  paraafblad ID --out BESTAND.docx|BESTAND.md  paraafblad voor het dossier
  backup --out BESTAND                       reservekopie van de database (gecontroleerd)
  restore-backup BESTAND --data MAP          reservekopie terugzetten in een lege map
  serve [--port P]                           browsermodus starten
  start [--browser]                          Paraaf starten (Electron, anders browsermodus)
`

/** Runs one CLI command; resolves to the exit code, or never for serve/start. */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [command, ...rest] = argv
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE)
    return command ? 0 : 2
  }
  try {
    return await runCommand(command, rest, io)
  } catch (err) {
    if (err instanceof CliError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`paraaf: ${translateArgError(err as Error)}\n`)
      return err instanceof CliError ? 1 : 2
    }
    if ((err as Error).name === 'StoreOpenError' || (err as Error).name === 'TemplateError') {
      io.err(`paraaf: ${(err as Error).message}\n`)
      return 1
    }
    // Anything else is a bug or the machine (a full disk): one Dutch line, the details only on request.
    io.err(`paraaf: ${describeUnexpected(err)}\n`)
    if (process.env.PARAAF_DEBUG) io.err(`${(err as Error).stack ?? err}\n`)
    return 70
  }
}

function describeUnexpected(err: unknown): string {
  const code = (err as { code?: string }).code ?? ''
  if (code === 'EADDRINUSE') return 'die poort is al in gebruik; kies een andere met --port, of laat --port weg.'
  const known = describeSystemError(err)
  if (known) return known
  return `onverwachte fout (${((err as Error).message ?? String(err)).slice(0, 200)}). Zet PARAAF_DEBUG=1 voor details.`
}

function translateArgError(err: Error): string {
  const m = err.message
  if (err instanceof CliError) return m
  const unknown = /Unknown option '([^']+)'/.exec(m)
  if (unknown) return `onbekende optie ${unknown[1]}. Zie "paraaf help".`
  const missing = /Option '([^']+)' argument missing/.exec(m)
  if (missing) return `optie ${missing[1].split(',').pop()!.trim()} verwacht een waarde.`
  if (/Unexpected argument/.test(m)) return `te veel argumenten. Zie "paraaf help".`
  return m
}

const dataOption = { data: { type: 'string' } } as const

function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, positionals: number) {
  const parsed = parseArgs({ args, options: { ...dataOption, ...options }, allowPositionals: true, strict: true })
  if (parsed.positionals.length > positionals) throw new CliError(`te veel argumenten: ${parsed.positionals.slice(positionals).join(' ')}. Zie "paraaf help".`)
  return parsed
}

function need(value: string | undefined, what: string): string {
  if (value === undefined) throw new CliError(`${what} ontbreekt. Zie "paraaf help".`)
  return value
}

function toId(value: string | undefined, what = 'document-id'): number {
  const text = need(value, what)
  if (!/^[1-9]\d{0,14}$/.test(text)) throw new CliError(`ongeldig ${what}: "${text.slice(0, 40)}" (verwacht een positief geheel getal).`)
  return Number(text)
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new CliError(result.error)
  return result.value
}

/** Reads a Markdown file, refusing missing, huge and binary files before parsing. */
function readTextFile(path: string): string {
  let size: number
  try {
    const stat = statSync(path)
    if (stat.isDirectory()) throw new CliError(`${path} is een map, geen bestand.`)
    size = stat.size
  } catch (err) {
    if (err instanceof CliError) throw err
    throw new CliError(`bestand niet gevonden: ${path}`)
  }
  if (size > LIMITS.markdownBytes) {
    throw new CliError(`${path} is te groot (${(size / 1024 / 1024).toFixed(1)} MB); Paraaf leest Markdown tot ${LIMITS.markdownBytes / 1024 / 1024} MB.`)
  }
  const bytes = readFileSync(path)
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new CliError(`${path} is geen tekstbestand (geen geldige UTF-8); kies een Markdown-bestand.`)
  }
}

/** A .docx (or anything that starts like a zip or an old Word file) goes to the Word import. */
function isWordFile(path: string): boolean {
  if (/\.docx?$/i.test(path)) return true
  try {
    const head = readFileSync(path).subarray(0, 4)
    return (head[0] === 0x50 && head[1] === 0x4b) || (head[0] === 0xd0 && head[1] === 0xcf)
  } catch {
    return false
  }
}

function readBinaryFile(path: string): Buffer {
  try {
    const stat = statSync(path)
    if (stat.isDirectory()) throw new CliError(`${path} is een map, geen bestand.`)
    if (stat.size > 25 * 1024 * 1024) throw new CliError(`${path} is te groot (${(stat.size / 1024 / 1024).toFixed(1)} MB); Paraaf leest Word-bestanden tot 25 MB.`)
  } catch (err) {
    if (err instanceof CliError) throw err
    throw new CliError(`bestand niet gevonden: ${path}`)
  }
  return readFileSync(path)
}

/** Calls the service as every transport does: through dispatch, so the CLI's input meets the same checks. */
type Call = <M extends ApiMethod>(method: M, input?: Parameters<ParaafApi[M]>[0]) => Promise<Awaited<ReturnType<ParaafApi[M]>>>

function withApp<T>(data: string | undefined, work: (app: { call: Call; dataDir: string }) => Promise<T>): Promise<T> {
  const app = openApp(resolveDataDir(data))
  const call = ((method: ApiMethod, input?: unknown) => dispatch(app.api, method, input)) as Call
  return work({ call, dataDir: app.dataDir }).finally(() => app.close())
}

/** paraaf round …: review rounds (see the usage text). */
async function runRound(args: string[], io: CliIo, json: (value: unknown) => void): Promise<number> {
  const [sub, ...rest] = args
  const ids = (value: string | undefined) => (value ?? '').split(',').map((x) => x.trim()).filter(Boolean)
  switch (sub) {
    case 'start': {
      const { values, positionals } = parse(rest, { version: { type: 'string' }, to: { type: 'string', multiple: true }, deadline: { type: 'string' }, out: { type: 'string' }, note: { type: 'string' }, json: { type: 'boolean' } }, 1)
      const id = toId(positionals[0])
      const version = values.version === undefined ? undefined : toId(values.version, 'versienummer')
      if (!values.to?.length) throw new CliError('geef een of meer partners met --to ORG.')
      const dir = values.out ?? '.'
      return withApp(values.data, async ({ call }) => {
        const r = unwrap(await call('startRound', { id, version, partners: values.to!.map((org) => ({ org })), deadline: values.deadline, note: values.note }))
        mkdirSync(dir, { recursive: true })
        const files = r.files.map((f) => {
          const path = resolvePath(join(dir, f.fileName))
          writeFileSync(path, Buffer.from(f.base64, 'base64'))
          return { org: f.org, path }
        })
        if (values.json) json({ round: r.round, version: r.version, files })
        else {
          io.out(`Ronde ${r.round}: versie ${r.version} naar ${files.length} partner(s)\n`)
          for (const f of files) io.out(forTerminal(`  ${f.org}: ${f.path}`) + '\n')
        }
        return 0
      })
    }
    case 'list': {
      const { values, positionals } = parse(rest, { json: { type: 'boolean' } }, 1)
      const id = toId(positionals[0])
      return withApp(values.data, async ({ call }) => {
        const rounds = unwrap(await call('listRounds', { id }))
        if (values.json) json(rounds)
        else if (!rounds.length) io.out('Nog geen afstemmingsrondes.\n')
        else for (const r of rounds) {
          io.out(forTerminal(`Ronde ${r.id}: versie ${r.version}${r.deadline ? `, deadline ${r.deadline}` : ''}, ${r.open} open voorstel(len)`) + '\n')
          for (const p of r.partners) io.out(forTerminal(`  ${p.org.padEnd(12)} ${{ asked: 'gevraagd', returned: 'ontvangen', processed: 'verwerkt' }[p.status]}${p.returnedAt ? ` (${p.returnedAt.slice(0, 16).replace('T', ' ')})` : ''}`) + '\n')
        }
        return 0
      })
    }
    case 'import': {
      const { values, positionals } = parse(rest, { from: { type: 'string' }, json: { type: 'boolean' } }, 2)
      const round = toId(positionals[0], 'rondenummer')
      const file = need(positionals[1], 'het Word-bestand')
      const bytes = readBinaryFile(file)
      return withApp(values.data, async ({ call }) => {
        const r = unwrap(await call('importReturn', { round, base64: bytes.toString('base64'), fileName: file, org: values.from }))
        if (values.json) json({ return: r.return, org: r.org, proposals: r.proposals, untracked: r.untracked, comments: r.comments })
        else io.out(forTerminal(`Reactie van ${r.org}: ${r.proposals} voorstel(len), waarvan ${r.untracked} niet bijgehouden; ${r.comments} opmerking(en)`) + '\n')
        for (const notice of r.notices) io.err(`Let op: ${forTerminal(notice)}\n`)
        return 0
      })
    }
    case 'proposals': {
      const { values, positionals } = parse(rest, { json: { type: 'boolean' } }, 1)
      const round = toId(positionals[0], 'rondenummer')
      return withApp(values.data, async ({ call }) => {
        const proposals = unwrap(await call('roundProposals', { round }))
        if (values.json) json(proposals.map((p) => ({ id: p.id, orgs: p.orgs, author: p.author, date: p.date, deleted: p.deleted, inserted: p.inserted, untracked: p.untracked, status: p.status, conflictsWith: p.conflictsWith, decision: p.decision })))
        else if (!proposals.length) io.out('Geen open voorstellen.\n')
        else for (const p of proposals) {
          const status = { clean: 'schoon', 'conflict-draft': 'conflict met de huidige tekst', 'conflict-partners': `conflict met ${p.conflictsWith.join(', ')}` }[p.status]
          io.out(forTerminal(`${p.id}  ${p.orgs.join(', ')}${p.untracked ? ' (niet bijgehouden)' : ''}: [-${p.deleted}-]{+${p.inserted}+}  ${status}${p.decision ? ` — ${p.decision === 'accept' ? 'overnemen' : 'niet overnemen'}` : ''}`) + '\n')
        }
        return 0
      })
    }
    case 'apply': {
      const { values, positionals } = parse(rest, {
        accept: { type: 'string' }, reject: { type: 'string' }, 'accept-clean': { type: 'boolean' }, 'accept-org': { type: 'string', multiple: true },
        'reject-org': { type: 'string', multiple: true }, label: { type: 'string' }, json: { type: 'boolean' },
      }, 1)
      const round = toId(positionals[0], 'rondenummer')
      return withApp(values.data, async ({ call }) => {
        const r = unwrap(await call('applyRound', {
          round, accept: ids(values.accept), reject: ids(values.reject), acceptClean: values['accept-clean'],
          acceptOrg: values['accept-org'], rejectOrg: values['reject-org'], label: values.label,
        }))
        if (values.json) json({ version: r.number, accepted: r.accepted, rejected: r.rejected, label: r.label })
        else io.out(`${r.number}\n`)
        return 0
      })
    }
    case 'report': {
      const { values, positionals } = parse(rest, { org: { type: 'string' }, out: { type: 'string' } }, 1)
      const round = toId(positionals[0], 'rondenummer')
      const org = need(values.org, 'de partner (--org)')
      const out = need(values.out, 'het bestand (--out BESTAND.md)')
      if (!/\.(md|docx)$/i.test(out)) throw new CliError('kies een bestand dat eindigt op .md (Markdown) of .docx (Word).')
      return withApp(values.data, async ({ call }) => {
        const r = unwrap(await call('roundReport', { round, org }))
        writeFileSync(out, /\.docx$/i.test(out) ? Buffer.from(r.docxBase64, 'base64') : r.markdown)
        io.out(`${resolvePath(out)}\n`)
        return 0
      })
    }
    default:
      throw new CliError('gebruik: paraaf round start|list|import|proposals|apply|report … Zie "paraaf help".')
  }
}

async function runCommand(command: string, args: string[], io: CliIo): Promise<number> {
  const json = (value: unknown) => io.out(JSON.stringify(value, null, 2) + '\n')
  switch (command) {
    case 'import': {
      const { values, positionals } = parse(args, { type: { type: 'string' }, json: { type: 'boolean' }, into: { type: 'string' }, label: { type: 'string' } }, 1)
      const file = need(positionals[0], 'het bestand')
      if (isWordFile(file)) {
        const into = values.into === undefined ? undefined : toId(values.into)
        const bytes = readBinaryFile(file)
        return withApp(values.data, async ({ call }) => {
          const r = unwrap(await call('importDocx', { base64: bytes.toString('base64'), fileName: file, type: values.type, into, label: values.label }))
          // The JSON keeps its documented keys; what was read differently goes to stderr either way.
          if (values.json) json({ id: r.id, versions: r.versions, comments: r.comments, changes: r.changes })
          else io.out(`${r.id}\n`)
          for (const notice of r.notices) io.err(`Let op: ${forTerminal(notice)}\n`)
          return 0
        })
      }
      if (values.into !== undefined) throw new CliError('--into werkt met een Word-bestand (.docx); gebruik "paraaf save ID BESTAND.md" voor Markdown.')
      const text = readTextFile(file)
      return withApp(values.data, async ({ call }) => {
        const created = unwrap(await call('importMarkdown', { text, type: values.type, fileName: file }))
        if (values.json) json({ id: created.id, version: created.version })
        else io.out(`${created.id}\n`)
        return 0
      })
    }
    case 'list': {
      const { values } = parse(args, { json: { type: 'boolean' }, trash: { type: 'boolean' } }, 0)
      return withApp(values.data, async ({ call }) => {
        const docs = unwrap(await call('listDocuments', values.trash ? { trash: true } : {}))
        if (values.json) json(docs)
        else if (!docs.length) io.out(values.trash ? 'De prullenbak is leeg.\n' : 'Nog geen documenten.\n')
        else for (const d of docs) io.out(`${String(d.id).padStart(4)}  ${d.type.padEnd(10)}  ${d.updatedAt.slice(0, 16).replace('T', ' ')}  ${String(d.versions).padStart(4)} ${d.versions === 1 ? 'versie ' : 'versies'}  ${forTerminal(d.title)}\n`)
        return 0
      })
    }
    case 'save': {
      const { values, positionals } = parse(args, { label: { type: 'string' }, base: { type: 'string' } }, 2)
      const id = toId(positionals[0])
      const base = values.base === undefined ? undefined : toId(values.base, 'versienummer')
      const text = readTextFile(need(positionals[1], 'het bestand'))
      return withApp(values.data, async ({ call }) => {
        const ref = unwrap(await call('saveMarkdownVersion', { id, text, label: values.label, base }))
        io.out(`${ref.number}\n`)
        return 0
      })
    }
    case 'versions': {
      const { values, positionals } = parse(args, { json: { type: 'boolean' } }, 1)
      const id = toId(positionals[0])
      return withApp(values.data, async ({ call }) => {
        const versions = unwrap(await call('listVersions', { id }))
        if (values.json) json(versions.map((v) => ({ number: v.number, label: v.label, createdAt: v.createdAt, bytesAdded: v.bytesAdded, author: v.author, kind: v.kind })))
        else for (const v of versions) io.out(forTerminal(`${String(v.number).padStart(4)}  ${v.createdAt.slice(0, 19).replace('T', ' ')}  ${v.author}  +${v.bytesAdded} B  ${v.label ?? ''}`) + '\n')
        return 0
      })
    }
    case 'show': {
      const { values, positionals } = parse(args, { version: { type: 'string' } }, 1)
      const id = toId(positionals[0])
      const version = values.version === undefined ? undefined : toId(values.version, 'versienummer')
      return withApp(values.data, async ({ call }) => {
        io.out(forTerminal(unwrap(await call('exportMarkdown', { id, version })).markdown))
        return 0
      })
    }
    case 'rename': {
      const { values, positionals } = parse(args, {}, 2)
      const id = toId(positionals[0])
      const title = need(positionals[1], 'de nieuwe titel')
      return withApp(values.data, async ({ call }) => {
        io.out(`${unwrap(await call('renameDocument', { id, title })).number}\n`)
        return 0
      })
    }
    case 'copy': {
      const { values, positionals } = parse(args, { type: { type: 'string' }, json: { type: 'boolean' } }, 1)
      const id = toId(positionals[0])
      return withApp(values.data, async ({ call }) => {
        const made = unwrap(await call('copyDocument', { id, ...(values.type ? { type: values.type } : {}) }))
        if (values.json) json(made)
        else io.out(`${made.id}\n`)
        return 0
      })
    }
    case 'delete':
    case 'undelete': {
      const { values, positionals } = parse(args, {}, 1)
      const id = toId(positionals[0])
      return withApp(values.data, async ({ call }) => {
        unwrap(await call(command === 'delete' ? 'deleteDocument' : 'undeleteDocument', { id }))
        io.out(command === 'delete' ? `Document ${id} staat in de prullenbak; terugzetten met: paraaf undelete ${id}\n` : `Document ${id} is teruggezet.\n`)
        return 0
      })
    }
    case 'empty-trash': {
      const { values } = parse(args, { yes: { type: 'boolean' } }, 0)
      if (!values.yes) throw new CliError('dit verwijdert de documenten in de prullenbak definitief, met al hun versies; bevestig met --yes.')
      return withApp(values.data, async ({ call }) => {
        const done = unwrap(await call('emptyTrash', undefined))
        io.out(`${done.removed} ${done.removed === 1 ? 'document' : 'documenten'} definitief verwijderd.\n`)
        for (const k of done.kept) io.out(`Blijft in de prullenbak: ${k.id} ${forTerminal(k.title)} (${k.why}).\n`)
        return 0
      })
    }
    case 'suggest-redactions': {
      const { values, positionals } = parse(args, { json: { type: 'boolean' } }, 1)
      const id = toId(positionals[0])
      return withApp(values.data, async ({ call }) => {
        const found = unwrap(await call('suggestRedactions', { id }))
        if (values.json) json(found.map(({ quote, ground, reason }) => ({ quote, ground, reason })))
        else if (!found.length) io.out('Geen voorstellen: geen e-mailadressen, telefoonnummers, IBAN, BSN, adressen of bekende namen gevonden.\n')
        else for (const s of found) io.out(`${s.ground.padEnd(7)} ${s.reason.padEnd(34)} ${forTerminal(s.quote)}${s.count > 1 ? ` (${s.count}×)` : ''}\n`)
        return 0
      })
    }
    case 'redact': {
      const { values, positionals } = parse(args, { quote: { type: 'string' }, ground: { type: 'string' }, all: { type: 'boolean' } }, 1)
      const id = toId(positionals[0])
      const quote = need(values.quote, 'de te lakken tekst (--quote)')
      const ground = need(values.ground, 'de weigeringsgrond (--ground, bijvoorbeeld 5.1.2e)')
      return withApp(values.data, async ({ call }) => {
        const done = unwrap(await call('redact', { id, quote, ground, all: values.all === true }))
        io.out(`${done.count}\n`)
        if (!done.count) io.err(`"${forTerminal(quote.slice(0, 60))}" was al gelakt op grond van ${done.ground}; geen nieuwe versie.\n`)
        return 0
      })
    }
    case 'spelling': {
      const { values, positionals } = parse(args, { json: { type: 'boolean' } }, 1)
      const id = toId(positionals[0])
      return withApp(values.data, async ({ call }) => {
        const rows = unwrap(await call('documentSpelling', { id }))
        if (values.json) json(rows)
        else if (!rows.length) io.out('Geen spelfouten gevonden.\n')
        else for (const r of rows) io.out(`${String(r.count).padStart(4)}×  ${forTerminal(r.word)}\n`)
        return 0
      })
    }
    case 'dictionary': {
      const { values, positionals } = parse(args, {}, 2)
      const [action, word] = positionals
      if (action !== undefined && action !== 'add' && action !== 'remove') throw new CliError(`onbekende actie "${forTerminal(action.slice(0, 40))}": gebruik add of remove.`)
      if (action && !word) throw new CliError('geef het woord: paraaf dictionary add WOORD.')
      return withApp(values.data, async ({ call }) => {
        const list = unwrap(action ? await call('changeDictionary', { word: word!, remove: action === 'remove' }) : await call('listDictionary', undefined))
        for (const w of list.words) io.out(`${forTerminal(w)}\n`)
        return 0
      })
    }
    case 'redactions': {
      const { values, positionals } = parse(args, { version: { type: 'string' }, json: { type: 'boolean' } }, 1)
      const id = toId(positionals[0])
      const version = values.version === undefined ? undefined : toId(values.version, 'versienummer')
      return withApp(values.data, async ({ call }) => {
        const rows = unwrap(await call('listRedactions', { id, version }))
        if (values.json) json(rows.map(({ quote, ground, count }) => ({ quote, ground, count })))
        else if (!rows.length) io.out('Niets gelakt.\n')
        else for (const r of rows) io.out(`${r.ground.padEnd(7)} ${String(r.count).padStart(4)}×  ${forTerminal(r.quote)}\n`)
        return 0
      })
    }
    case 'publish': {
      const { values, positionals } = parse(args, { version: { type: 'string' }, out: { type: 'string' } }, 1)
      const id = toId(positionals[0])
      const version = values.version === undefined ? undefined : toId(values.version, 'versienummer')
      const out = need(values.out, 'het doelbestand (--out BESTAND.pdf of BESTAND.docx)')
      const format = /\.pdf$/i.test(out) ? 'pdf' : /\.docx$/i.test(out) ? 'docx' : null
      if (!format) throw new CliError(`het doelbestand moet eindigen op .pdf of .docx: "${out.slice(0, 80)}".`)
      return withApp(values.data, async ({ call }) => {
        const file = unwrap(await call('publish', { id, version, format }))
        writeFileSync(out, Buffer.from(file.base64, 'base64'))
        io.out(`${resolvePath(out)}\n`)
        io.err(`Publicatieversie ${file.version} (van versie ${file.sourceVersion}): ${file.passages} ${file.passages === 1 ? 'passage' : 'passages'} gelakt.\n`)
        return 0
      })
    }
    case 'woo-inventory': {
      const { values, positionals } = parse(args, { out: { type: 'string' } }, 10_000)
      if (!positionals.length) throw new CliError('geef één of meer document-id\'s. Zie "paraaf help".')
      const ids = positionals.map((p) => toId(p))
      const out = need(values.out, 'het doelbestand (--out BESTAND.xlsx of BESTAND.csv)')
      const format = /\.xlsx$/i.test(out) ? 'xlsx' : /\.csv$/i.test(out) ? 'csv' : null
      if (!format) throw new CliError(`het doelbestand moet eindigen op .xlsx of .csv: "${out.slice(0, 80)}".`)
      return withApp(values.data, async ({ call }) => {
        const file = unwrap(await call('wooInventory', { ids: [...new Set(ids)], format }))
        writeFileSync(out, Buffer.from(file.base64, 'base64'))
        io.out(`${resolvePath(out)}\n`)
        return 0
      })
    }
    case 'restore': {
      const { values, positionals } = parse(args, {}, 2)
      const id = toId(positionals[0])
      const number = toId(positionals[1], 'versienummer')
      return withApp(values.data, async ({ call }) => {
        io.out(`${unwrap(await call('restoreVersion', { id, number })).number}\n`)
        return 0
      })
    }
    case 'diff': {
      const { values, positionals } = parse(args, { format: { type: 'string' }, chars: { type: 'boolean' } }, 3)
      const format = values.format ?? 'text'
      if (!['json', 'text', 'html'].includes(format)) throw new CliError(`onbekend formaat "${format}"; kies json, text of html.`)
      const granularity = values.chars ? 'char' : 'word'
      const writers = format === 'json' ? null : await import('./redline-writers.js')
      const print = (cmp: Comparison, title: string) => {
        if (!writers) json({ changes: cmp.changes, stats: cmp.stats })
        else if (format === 'html') io.out(writers.redlineHtml(cmp, title))
        else io.out(writers.redlineText(cmp, process.stdout.isTTY === true && io === defaultIo, forTerminal))
      }
      if (positionals.length === 3) {
        const id = toId(positionals[0])
        const a = toId(positionals[1], 'versienummer')
        const b = toId(positionals[2], 'versienummer')
        return withApp(values.data, async ({ call }) => {
          const view = unwrap(await call('compareVersions', { id, a, b, granularity }))
          print(view.comparison, `Versie ${a} en versie ${b} vergeleken`)
          return 0
        })
      }
      if (positionals.length !== 2) throw new CliError('geef een document-id en twee versienummers, of twee Markdown-bestanden. Zie "paraaf help".')
      const [fa, fb] = positionals.map((f) => readTextFile(f))
      return withApp(values.data, async ({ call }) => {
        print(unwrap(await call('compareMarkdown', { a: fa, b: fb, granularity })), `${positionals[0]} en ${positionals[1]} vergeleken`)
        return 0
      })
    }
    case 'comment': {
      const [sub, ...rest] = args
      if (sub === 'resolve' || sub === 'reopen') {
        const { values, positionals } = parse(rest, {}, 1)
        const commentId = need(positionals[0], 'het id van de opmerking')
        return withApp(values.data, async ({ call }) => {
          unwrap(await call('setCommentResolved', { commentId, resolved: sub === 'resolve' }))
          io.out(`${commentId}\n`)
          return 0
        })
      }
      if (sub !== 'add') throw new CliError('gebruik: paraaf comment add|resolve|reopen … Zie "paraaf help".')
      const { values, positionals } = parse(rest, { quote: { type: 'string' }, author: { type: 'string' }, org: { type: 'string' }, text: { type: 'string' }, 'reply-to': { type: 'string' } }, 1)
      const text = need(values.text, 'de tekst van de opmerking (--text)')
      return withApp(values.data, async ({ call }) => {
        if (values['reply-to']) {
          io.out(`${unwrap(await call('replyComment', { commentId: values['reply-to'], text, org: values.org, author: values.author })).commentId}\n`)
          return 0
        }
        const id = toId(positionals[0])
        const quote = need(values.quote, 'de tekst waar de opmerking over gaat (--quote)')
        io.out(`${unwrap(await call('commentOnQuote', { id, quote, text, org: values.org ?? '', author: values.author })).commentId}\n`)
        return 0
      })
    }
    case 'comments': {
      const { values, positionals } = parse(args, { version: { type: 'string' }, json: { type: 'boolean' } }, 1)
      const id = toId(positionals[0])
      const version = values.version === undefined ? undefined : toId(values.version, 'versienummer')
      return withApp(values.data, async ({ call }) => {
        const { threads } = unwrap(await call('listComments', { id, version }))
        const reply = (r: { id: string; author: string; org: string; createdAt: string; text: string }) => ({ id: r.id, author: r.author, org: r.org, createdAt: r.createdAt, text: r.text })
        if (values.json) json(threads.map((t) => ({ ...reply(t), resolved: t.resolved, replies: t.replies.map(reply), quote: t.quote, anchored: t.anchored })))
        else if (!threads.length) io.out('Geen opmerkingen.\n')
        else for (const t of threads) {
          io.out(forTerminal(`${t.id}  ${t.org || '-'} (${t.author})${t.resolved ? ' [afgehandeld]' : ''}${t.anchored ? '' : ' [losgeraakt]'}\n  bij: "${t.quote}"\n  ${t.text}\n`))
          for (const r of t.replies) io.out(forTerminal(`    ↳ ${r.org || '-'} (${r.author}): ${r.text}\n`))
        }
        return 0
      })
    }
    case 'export': {
      const { values, positionals } = parse(args, { version: { type: 'string' }, against: { type: 'string' }, comments: { type: 'boolean' }, out: { type: 'string' } }, 1)
      const id = toId(positionals[0])
      const version = values.version === undefined ? undefined : toId(values.version, 'versienummer')
      const against = values.against === undefined ? undefined : toId(values.against, 'versienummer')
      return withApp(values.data, async ({ call }) => {
        const file = unwrap(await call('exportDocx', { id, version, against, comments: values.comments }))
        const out = values.out ?? file.fileName
        writeFileSync(out, Buffer.from(file.base64, 'base64'))
        io.out(`${resolvePath(out)}\n`)
        return 0
      })
    }
    case 'export-all': {
      const { values, positionals } = parse(args, { out: { type: 'string' } }, 1)
      const id = toId(positionals[0])
      const dir = need(values.out, 'de map (--out)')
      return withApp(values.data, async ({ call }) => {
        const named = unwrap(await call('listVersions', { id })).filter((v) => v.label)
        if (!named.length) throw new CliError(`document ${id} heeft nog geen benoemde versies.`)
        mkdirSync(dir, { recursive: true })
        for (const v of named) {
          const file = unwrap(await call('exportDocx', { id, version: v.number }))
          const out = join(dir, file.fileName)
          writeFileSync(out, Buffer.from(file.base64, 'base64'))
          io.out(`${resolvePath(out)}\n`)
        }
        return 0
      })
    }
    case 'search': {
      const { values, positionals } = parse(args, { json: { type: 'boolean' } }, 20)
      const query = positionals.join(' ')
      if (!query.trim()) throw new CliError('geef een of meer woorden om te zoeken.')
      return withApp(values.data, async ({ call }) => {
        const hits = unwrap(await call('search', { query }))
        if (values.json) json(hits)
        else if (!hits.length) io.out('Niets gevonden.\n')
        else for (const h of hits) io.out(forTerminal(`${String(h.documentId).padStart(4)}  ${h.where.padEnd(9)}  ${h.title}\n      ${h.snippet}\n`))
        return 0
      })
    }
    case 'route': {
      const { values, positionals } = parse(args, { set: { type: 'string', multiple: true }, json: { type: 'boolean' } }, 1)
      const id = toId(positionals[0])
      return withApp(values.data, async ({ call }) => {
        if (values.set?.length) {
          const route = values.set.map((step) => {
            const [name = '', role = '', kind = 'lijn'] = step.split('|').map((x) => x.trim())
            if (!role || (kind !== 'lijn' && kind !== 'mede')) throw new CliError(`ongeldige stap "${forTerminal(step.slice(0, 60))}": schrijf "Naam|Rol|lijn" of "Naam|Rol|mede".`)
            return { name, role, kind: kind as 'lijn' | 'mede' }
          })
          unwrap(await call('setRoute', { id, route }))
        }
        const status = unwrap(await call('getParafen', { id }))
        if (values.json) json(status.route)
        else for (const [i, s] of status.route.entries()) io.out(forTerminal(`${i + 1}. ${s.name || '(nog geen naam)'} – ${s.role} (${s.kind}paraaf)`) + '\n')
        return 0
      })
    }
    case 'approve': {
      const { values, positionals } = parse(args, { version: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, kind: { type: 'string' }, date: { type: 'string' }, remark: { type: 'string' } }, 1)
      const id = toId(positionals[0])
      const version = values.version === undefined ? undefined : toId(values.version, 'versienummer')
      if (values.kind !== undefined && values.kind !== 'lijn' && values.kind !== 'mede') throw new CliError('--kind is lijn of mede.')
      return withApp(values.data, async ({ call }) => {
        const r = unwrap(await call('approve', { id, version, name: need(values.name, '--name NAAM'), role: need(values.role, '--role ROL'), kind: values.kind as 'lijn' | 'mede' | undefined, date: values.date, remark: values.remark }))
        io.out(`${r.paraaf}\n`)
        return 0
      })
    }
    case 'approvals': {
      const { values, positionals } = parse(args, { json: { type: 'boolean' } }, 1)
      const id = toId(positionals[0])
      return withApp(values.data, async ({ call }) => {
        const status = unwrap(await call('getParafen', { id }))
        const list = status.approvals.map((a) => ({ id: a.id, name: a.name, role: a.role, kind: a.kind, version: a.version, date: a.date, fingerprint: a.fingerprint, status: a.status, changedSince: a.changedSince }))
        if (values.json) json(list)
        else {
          io.out(forTerminal(`${status.given} van ${status.of} parafen${status.next ? `; volgende: ${status.next.name || status.next.role}` : ''}${status.vervallen ? `; ${status.vervallen} vervallen` : ''}`) + '\n')
          for (const a of list) io.out(forTerminal(`${a.id}. ${a.name}, ${a.role} (${a.kind}), versie ${a.version}, ${a.date}: ${a.status}${a.changedSince ? ` (sindsdien ${a.changedSince.insertedWords} woorden erbij, ${a.changedSince.deletedWords} eraf)` : ''}`) + '\n')
        }
        return 0
      })
    }
    case 'withdraw': {
      const { values, positionals } = parse(args, { reason: { type: 'string' } }, 1)
      const paraaf = toId(positionals[0], 'paraaf-id')
      return withApp(values.data, async ({ call }) => {
        unwrap(await call('withdrawParaaf', { paraaf, reason: values.reason }))
        io.out(`Paraaf ${paraaf} ingetrokken.\n`)
        return 0
      })
    }
    case 'verify': {
      const { values, positionals } = parse(args, { json: { type: 'boolean' } }, 1)
      const bytes = readBinaryFile(need(positionals[0], 'het Word-bestand'))
      return withApp(values.data, async ({ call }) => {
        const r = unwrap(await call('verifyDocx', { base64: bytes.toString('base64') }))
        const approvals = r.approvals.map((a) => ({ id: a.id, name: a.name, role: a.role, kind: a.kind, version: a.version, date: a.date, fingerprint: a.fingerprint, status: a.status }))
        if (values.json) json({ document: r.document, version: r.version, approvals })
        else if (r.matches) {
          io.out(`Dit bestand is precies versie ${r.version} van document ${r.document}.\n`)
          for (const a of approvals) io.out(forTerminal(`Paraaf: ${a.name}, ${a.role} (${a.kind}), ${a.date}`) + '\n')
          if (!approvals.length) io.out('Op deze tekst staan geen parafen.\n')
        } else io.err(forTerminal(`paraaf: ${r.reason}`) + '\n')
        return r.matches ? 0 : 1
      })
    }
    case 'paraafblad': {
      const { values, positionals } = parse(args, { out: { type: 'string' } }, 1)
      const id = toId(positionals[0])
      const out = need(values.out, '--out BESTAND.docx of BESTAND.md')
      if (!/\.(docx|md)$/i.test(out)) throw new CliError('--out moet op .docx of .md eindigen.')
      return withApp(values.data, async ({ call }) => {
        const r = unwrap(await call('paraafblad', { id }))
        writeFileSync(out, /\.md$/i.test(out) ? r.markdown : Buffer.from(r.docxBase64, 'base64'))
        io.out(`${resolvePath(out)}\n`)
        return 0
      })
    }
    case 'backup': {
      const { values } = parse(args, { out: { type: 'string' } }, 0)
      const out = need(values.out, 'de reservekopie (--out BESTAND)')
      const app = openApp(resolveDataDir(values.data))
      try {
        const r = unwrap(await backupDatabase(app, out))
        io.out(`${r.file}\n`)
        return 0
      } finally {
        app.close()
      }
    }
    case 'restore-backup': {
      const { values, positionals } = parse(args, {}, 1)
      const file = need(positionals[0], 'de reservekopie')
      // Never the default data folder by accident: the folder is named.
      const data = need(values.data, 'de lege map om in terug te zetten (--data MAP)')
      const r = unwrap(await restoreDatabase(file, resolveDataDir(data)))
      io.out(`Teruggezet in ${r.dataDir}.\n`)
      return 0
    }
    case 'check': {
      const { values } = parse(args, {}, 0)
      return withApp(values.data, async ({ call, dataDir }) => {
        const result = unwrap(await call('checkDatabase'))
        if (result.ok) io.out(`Database in orde (${dataDir}).\n`)
        else io.err(`paraaf: de database is beschadigd: ${result.messages.slice(0, 5).join('; ')}\n`)
        return result.ok ? 0 : 1
      })
    }
    case 'serve': {
      const { values } = parse(args, { port: { type: 'string' } }, 0)
      const port = values.port === undefined ? 0 : Number(values.port)
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`ongeldige poort: ${values.port}`)
      const { startBrowserMode } = await import('./start.js')
      await startBrowserMode({ dataDir: resolveDataDir(values.data), port, io })
      return new Promise<number>(() => {})
    }
    case 'start': {
      const { values } = parse(args, { browser: { type: 'boolean' }, port: { type: 'string' } }, 0)
      const dataDir = resolveDataDir(values.data)
      const useBrowser = values.browser || process.env.PARAAF_BROWSER === '1'
      const { startBrowserMode, startDesktop } = await import('./start.js')
      if (!useBrowser && (await startDesktop({ dataDir, io }))) return new Promise<number>(() => {})
      await startBrowserMode({ dataDir, port: values.port ? Number(values.port) : 0, io, announceFallback: !useBrowser })
      return new Promise<number>(() => {})
    }
    case 'round':
      return runRound(args, io, json)
    case 'host': {
      // Internal: the service behind the Electron window, over process IPC.
      const { values } = parse(args, { templates: { type: 'string' } }, 0)
      ;(await import('../host/ipc-host.js')).runIpcHost(resolveDataDir(values.data), { templatesDir: values.templates ? resolvePath(values.templates) : undefined })
      return new Promise<number>(() => {})
    }
    default:
      throw new CliError(`onbekende opdracht "${command.slice(0, 40)}". Zie "paraaf help".`)
  }
}
