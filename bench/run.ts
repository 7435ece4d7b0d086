// npm run bench: the figures that matter to users, measured on the corpus,
// compared with their targets. `npm run bench -- --json` prints one JSON
// object instead of the table; `-- --quick` is a short pass over every group
// (fewer repetitions, figures printed, no verdict), run by CI so that a
// broken bench cannot land. Later issues add their rows here.
// The bench imports no test helper that needs vitest (test/helpers/temp-dir.ts
// is shared with the tests for that reason).
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openApp, type OpenApp } from '../src/service/open-app.js'
import { countWords, type DocJSON } from '../src/core/document.js'
import { readMarkdown } from '../src/core/markdown-in.js'
import { readBigLetter, repoRoot } from '../test/helpers/corpus.js'
import { hasChromium, launchChromium, startServeProcess } from '../test/helpers/browser.js'
import { compareDocuments } from '../src/core/diff/compare.js'
import { writeMarkdown } from '../src/core/markdown-out.js'
import { schema } from '../src/core/schema.js'
import { redact } from '../src/core/redaction.js'
import { Node as PMNode } from 'prosemirror-model'
import { diffWords } from 'diff'
import DiffMatchPatch from 'diff-match-patch'
import { rng } from '../test/helpers/random-edits.js'
import { makeTempDir, removeTempDir } from '../test/helpers/temp-dir.js'
import { changeDocx } from '../test/helpers/word-edits.js'

interface Row {
  name: string
  value: number
  unit: string
  target: number | null
  /** 'max' when lower is better. */
  better: 'max' | 'info'
  note?: string
}

const rows: Row[] = []
const json = process.argv.includes('--json')
const log = (text: string) => { if (!json) process.stderr.write(text + '\n') }
const quick = process.argv.includes('--quick')
/** The number of repetitions: `full` normally, `small` with --quick. */
const reps = (full: number, small: number) => (quick ? small : full)
const temp = (name: string) => makeTempDir(`paraaf-bench-${name}-`)
const cleanup: string[] = []

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
}
const median = (values: number[]) => quantile(values, 0.5)

function letter(): { meta: Record<string, string | string[]>; content: DocJSON; paragraphs: number[] } {
  const read = readMarkdown(readBigLetter())
  if (!read.ok) throw new Error(read.error)
  const content = read.doc.toJSON() as DocJSON & { content: { type: string; content?: unknown[] }[] }
  const paragraphs = content.content.flatMap((b: { type: string }, i: number) => (b.type === 'paragraph' ? [i] : []))
  return { meta: read.meta, content, paragraphs }
}

/** A copy of the letter with paragraph `index` changed in one word. */
function editParagraph(base: DocJSON, index: number, stamp: string): DocJSON {
  const content = structuredClone(base) as DocJSON & { content: { content?: { type: string; text?: string }[] }[] }
  const para = content.content[index]
  const first = para.content?.find((n) => n.type === 'text')
  if (first) first.text = `${stamp} ${first.text}`
  else para.content = [{ type: 'text', text: stamp }]
  return content
}

/** The number of a document's latest version, the base each save is made on. */
async function latestVersion(api: OpenApp['api'], id: number): Promise<number> {
  const versions = await must(api.listVersions({ id }))
  return versions[versions.length - 1].number
}

async function must<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: string }>): Promise<T> {
  const r = await p
  if (!r.ok) throw new Error(r.error)
  return r.value
}

function fileBytes(app: OpenApp): number {
  app.db.pragma('wal_checkpoint(TRUNCATE)')
  return statSync(join(app.dataDir, 'paraaf.sqlite')).size
}

async function benchSave() {
  log('• opslaan na een wijziging van één alinea (brief van 60 kB)…')
  const dir = temp('save')
  cleanup.push(dir)
  const app = openApp(dir)
  const { meta, content, paragraphs } = letter()
  const { id } = await must(app.api.createDocument({ type: 'kamerbrief', meta, content }))
  // Warm up the statement cache and the JIT.
  // Each save names the version it builds on, as the editor does: the number the previous save returned.
  let base = 1
  for (let i = 0; i < 20; i++) base = (await must(app.api.saveVersion({ id, base, meta, content: editParagraph(content, paragraphs[i % paragraphs.length], `warm${i}`), kind: 'auto' }))).number
  const before = fileBytes(app)
  const times: number[] = []
  const added: number[] = []
  const N = reps(200, 30)
  for (let i = 0; i < N; i++) {
    const edited = editParagraph(content, paragraphs[(i * 7) % paragraphs.length], `bewerking${i}`)
    const t = performance.now()
    const ref = await must(app.api.saveVersion({ id, base, meta, content: edited, kind: 'auto' }))
    base = ref.number
    times.push(performance.now() - t)
    added.push(ref.bytesAdded)
  }
  const growth = (fileBytes(app) - before) / N
  app.close()
  rows.push({ name: 'opslaan na alinea-edit, mediaan', value: median(times), unit: 'ms', target: 5, better: 'max', note: `p95 ${quantile(times, 0.95).toFixed(2)} ms, ${N} versies` })
  rows.push({ name: 'opslaan: nieuwe gegevens per versie (mediaan)', value: median(added), unit: 'B', target: 4096, better: 'max', note: 'nieuwe blokken + lijst van blok-ids' })
  rows.push({ name: 'opslaan: groei databasebestand per versie', value: growth, unit: 'B', target: 4096, better: 'max', note: `gemiddeld over ${N} versies, na checkpoint` })
}

/**
 * 100 one-word edits of the 60 KB letter (a word replaced in a paragraph
 * drawn at random), stored by Paraaf and committed to git with the letter
 * as Markdown: the growth per version of the database file against git's
 * objects after `git gc --aggressive`.
 */
async function benchStorage() {
  log('• opslag per versie naast git (100 wijzigingen van één woord)…')
  const dir = temp('storage')
  cleanup.push(dir)
  const app = openApp(dir)
  const { meta, content } = letter()
  const { id } = await must(app.api.createDocument({ type: 'kamerbrief', meta, content }))
  const repo = join(dir, 'git')
  const git = (...args: string[]) => execFileSync('git', ['-C', repo, ...args], { stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' } })
  const markdown = (doc: DocJSON) => writeMarkdown(PMNode.fromJSON(schema, doc), meta, 'kamerbrief')
  let hasGit = true
  try {
    mkdirSync(repo)
    git('init', '-q')
    writeFileSync(join(repo, 'brief.md'), markdown(content))
    git('add', '.')
    git('commit', '-qm', 'v1')
    git('gc', '--aggressive', '-q')
  } catch {
    hasGit = false
  }
  const objects = () => (hasGit ? folderBytes(join(repo, '.git', 'objects')) : 0)
  const gitBefore = objects()
  // Pages in use: pages a merge of the search index freed are counted apart (they are reused by the next writes).
  const usedBytes = () => fileBytes(app) - (app.db.pragma('freelist_count', { simple: true }) as number) * (app.db.pragma('page_size', { simple: true }) as number)
  const dbBefore = usedBytes()
  const fileBefore = fileBytes(app)
  const random = rng(5)
  let doc = structuredClone(content) as DocJSON & { content: { type: string; content?: { type: string; text?: string }[] }[] }
  let base = 1
  const N = 100
  for (let i = 0; i < N; i++) {
    doc = structuredClone(doc)
    const texts = doc.content.flatMap((b: { type: string; content?: { type: string; text?: string }[] }) => (b.type === 'paragraph' ? (b.content ?? []).filter((n) => n.type === 'text' && (n.text ?? '').split(' ').length > 8) : []))
    const node = texts[Math.floor(random() * texts.length)]
    const words = node.text!.split(' ')
    words[Math.floor(random() * words.length)] = `woord${i}`
    node.text = words.join(' ')
    base = (await must(app.api.saveVersion({ id, base, meta, content: doc, kind: 'auto' }))).number
    if (hasGit) {
      writeFileSync(join(repo, 'brief.md'), markdown(doc))
      git('commit', '-qam', `v${i + 2}`)
    }
  }
  const ours = (usedBytes() - dbBefore) / N
  const file = (fileBytes(app) - fileBefore) / N
  app.close()
  if (hasGit) git('gc', '--aggressive', '-q')
  const theirs = (objects() - gitBefore) / N
  rows.push({
    name: 'opslag per versie t.o.v. git (één woord gewijzigd)', value: hasGit ? ours / theirs : NaN, unit: '×', target: 1.5, better: 'max',
    note: `Paraaf ${ours.toFixed(0)} B per versie in gebruikte pagina's (bestand ${file.toFixed(0)} B, vrije pagina's meegeteld)${hasGit ? `, git na gc --aggressive ${theirs.toFixed(0)} B` : '; git niet gevonden'}; ${N} versies van de brief van 60 kB`,
  })
}

function folderBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? folderBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0)
}

/**
 * The command line as users script it: `paraaf list` on an empty store
 * against a bare `node -e 0` in the same run, and `paraaf diff` of the 60 KB
 * letter's pair (two versions in the store, and two Markdown files). Runs
 * the build in dist/cli, made first.
 */
async function benchCli() {
  log('• opdrachtregel: opstarten en diff (build in dist/cli)…')
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' })
  const dir = temp('cli')
  cleanup.push(dir)
  const bin = join(process.cwd(), 'bin', 'paraaf.js')
  const timed = (args: string[], runs: number) => {
    const times: number[] = []
    for (let i = 0; i < runs; i++) {
      const t = performance.now()
      execFileSync(process.execPath, args, { stdio: 'pipe', env: { ...process.env, PARAAF_FROM_SOURCE: '' } })
      times.push(performance.now() - t)
    }
    return median(times)
  }
  const runs = reps(7, 3)
  const empty = join(dir, 'leeg')
  execFileSync(process.execPath, [bin, 'list', '--data', empty], { stdio: 'pipe' }) // the store created once
  const bare = timed(['-e', '0'], runs)
  const list = timed([bin, 'list', '--data', empty], runs)
  rows.push({ name: 'paraaf list (lege opslag) t.o.v. kale node -e 0', value: list / bare, unit: '×', target: 4, better: 'max', note: `${list.toFixed(0)} ms tegen ${bare.toFixed(0)} ms, mediaan van ${runs}` })
  const { meta, content, paragraphs } = letter()
  const data = join(dir, 'brief')
  const app = openApp(data)
  const { id } = await must(app.api.createDocument({ type: 'kamerbrief', meta, content }))
  const edited = editWords(content, 0.05, 3)
  await must(app.api.saveVersion({ id, base: 1, meta, content: editParagraph(edited, paragraphs[3], 'Nieuw'), kind: 'named', label: 'bewerkt' }))
  const a = join(dir, 'a.md')
  const b = join(dir, 'b.md')
  writeFileSync(a, writeMarkdown(PMNode.fromJSON(schema, content), meta, 'kamerbrief'))
  writeFileSync(b, writeMarkdown(PMNode.fromJSON(schema, edited), meta, 'kamerbrief'))
  app.close()
  const stored = timed([bin, 'diff', String(id), '1', '2', '--data', data], runs)
  const files = timed([bin, 'diff', a, b, '--data', data], runs)
  rows.push({ name: 'paraaf diff van de brief van 60 kB (twee versies)', value: stored, unit: 'ms', target: 300, better: 'max', note: `5% woorden gewijzigd; twee Markdown-bestanden: ${files.toFixed(0)} ms; mediaan van ${runs}, opstarten inbegrepen` })
  // Spelling of the whole letter in a fresh process: the dictionary loaded cold, every word checked.
  const spelling = timed([bin, 'spelling', String(id), '--data', data], runs)
  rows.push({ name: 'paraaf spelling van de brief van 60 kB (koud)', value: spelling, unit: 'ms', target: 1000, better: 'max', note: `woordenboek laden en alle woorden controleren, opstarten inbegrepen; mediaan van ${runs}` })
}

async function benchOpen() {
  log('• een versie openen van een document met 1.000 versies…')
  const dir = temp('open')
  cleanup.push(dir)
  let app = openApp(dir)
  const { meta, content, paragraphs } = letter()
  const { id } = await must(app.api.createDocument({ type: 'kamerbrief', meta, content }))
  const count = reps(1000, 150)
  let base = 1
  for (let i = 1; i < count; i++) {
    base = (await must(app.api.saveVersion({ id, base, meta, content: editParagraph(content, paragraphs[(i * 13) % paragraphs.length], `v${i}`), kind: 'auto' }))).number
  }
  app.close()
  // A fresh connection: nothing cached, as after starting the app.
  app = openApp(dir)
  const cold: number[] = []
  const warm: number[] = []
  for (let i = 0; i < reps(100, 20); i++) {
    const number = 1 + ((i * 397) % count)
    let t = performance.now()
    await must(app.api.openDocument({ id, version: number }))
    cold.push(performance.now() - t)
    t = performance.now()
    await must(app.api.openDocument({ id, version: number }))
    warm.push(performance.now() - t)
  }
  const size = statSync(join(dir, 'paraaf.sqlite')).size
  app.close()
  rows.push({ name: `versie openen (${count.toLocaleString('nl-NL')} versies), p95 eerste keer`, value: quantile(cold, 0.95), unit: 'ms', target: 20, better: 'max', note: `mediaan ${median(cold).toFixed(2)} ms; nogmaals: mediaan ${median(warm).toFixed(2)} ms` })
  rows.push({ name: `database met ${count.toLocaleString('nl-NL')} versies van de brief`, value: size / 1024 / 1024, unit: 'MB', target: null, better: 'info', note: 'de brief zelf is 60 kB' })
}

/**
 * Types a sentence in the middle of the letter (in the editable element
 * `target`) as a drafter would, and returns each keystroke's latency: from
 * keydown to the end of the key's task (ProseMirror's DOM read, the
 * transaction, the view update) and any frame rendered meanwhile, plus the
 * layout still pending.
 */
async function measureTyping(page: import('playwright-core').Page, target: string, sentences = 2): Promise<number[]> {
  await page.evaluate(() => {
    const w = window as unknown as { __lat: number[]; __latOn?: boolean }
    w.__lat = []
    if (w.__latOn) return
    w.__latOn = true
    document.addEventListener('keydown', () => {
      const t0 = performance.now()
      setTimeout(() => {
        void document.body.offsetHeight
        w.__lat.push(performance.now() - t0)
      }, 0)
    }, true)
  })
  if (process.env.PARAAF_BENCH_CSS) await page.addStyleTag({ content: process.env.PARAAF_BENCH_CSS })
  await page.locator(target).getByText('Aanpak en te behalen resultaten').first().click()
  await page.keyboard.press('End')
  // Twice by default: the p95 of some 220 keystrokes rather than 110 (one keystroke in twenty meets a frame being painted).
  for (let k = 0; k < sentences; k++) await page.keyboard.type(' Dit is een extra zin die de beleidsmedewerker typt terwijl de brief openstaat, met cijfers als 2020 en 2021.', { delay: 25 })
  return page.evaluate(() => (window as unknown as { __lat: number[] }).__lat)
}

/**
 * A store with a letter of 1,000 versions and 1,000 documents: the start
 * screen's title filter per keystroke, and the long tasks (> 50 ms) an
 * autosave causes while the history of 1,000 versions is shown.
 */
async function benchHistory() {
  if (!hasChromium) {
    log('• geen Chromium: geschiedenis en startschermfilter overgeslagen')
    return
  }
  const versions = reps(1000, 300)
  const documents = reps(1000, 300)
  log(`• geschiedenis van ${versions} versies en filter over ${documents} documenten in Chromium…`)
  const dir = temp('history')
  cleanup.push(dir)
  const setup = openApp(dir)
  // A user who has answered the first-start dialog (it would cover the page).
  await must(setup.api.setSettings({ author: 'Bench', initials: 'B' }))
  const { meta, content, paragraphs } = letter()
  const { id } = await must(setup.api.createDocument({ type: 'kamerbrief', meta, content }))
  let base = 1
  for (let i = 1; i < versions; i++) base = (await must(setup.api.saveVersion({ id, base, meta, content: editParagraph(content, paragraphs[i % paragraphs.length], `v${i}`), kind: i % 50 ? 'auto' : 'named', label: i % 50 ? undefined : `Concept ${i / 50}` }))).number
  const small = { type: 'doc' as const, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Korte tekst.' }] }] }
  for (let i = 1; i < documents; i++) await must(setup.api.createDocument({ type: 'nota', meta: { onderwerp: `Nota ${i} over ${['ondermijning', 'de begroting', 'cybercrime', 'de haven'][i % 4]}` }, content: small as never }))
  // Who made each change between the first and the last of a history of edits that add up: every
  // version changes a few words more of the letter (compare screen and Word redline).
  const chain = (await must(setup.api.createDocument({ type: 'kamerbrief', meta, content }))).id
  let draft = content
  let last = 1
  for (let i = 1; i < versions; i++) {
    draft = editWords(draft, 0.0004, 7000 + i)
    last = (await must(setup.api.saveVersion({ id: chain, base: last, meta, content: draft, kind: 'auto' }))).number
  }
  const attributeTimes: number[] = []
  let attributed = 0
  for (let k = 0; k < reps(3, 1); k++) {
    const t = performance.now()
    const who = await must(setup.api.attributeComparison({ id: chain, a: 1 }))
    attributeTimes.push(performance.now() - t)
    attributed = Object.values(who).filter(Boolean).length
  }
  rows.push({ name: `wie-wanneer: wijzigingen over ${versions} versies toeschrijven, mediaan`, value: median(attributeTimes), unit: 'ms', target: 1000, better: 'max', note: `${attributed} wijzigingen aan hun versie toegeschreven (${last} versies); vergelijking zelf inbegrepen` })
  setup.close()
  const browser = await launchChromium()
  const server = await startServeProcess(dir)
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    await page.goto(server.openUrl)
    const filter = page.getByRole('searchbox', { name: 'Zoek op titel' })
    await page.locator('.doc-list tbody tr[data-id]').first().waitFor()
    await page.evaluate(() => {
      const w = window as unknown as { __lat: number[] }
      w.__lat = []
      // As typing is measured: from the key to the handlers done and the layout brought up to date.
      document.addEventListener('keydown', () => {
        const t0 = performance.now()
        setTimeout(() => {
          void document.body.offsetHeight
          w.__lat.push(performance.now() - t0)
        }, 0)
      }, true)
    })
    const typeInto = async (box: import('playwright-core').Locator) => {
      await page.evaluate(() => { (window as unknown as { __lat: number[] }).__lat = [] })
      await box.click()
      // Typed and erased several times: with 24 keystrokes the p95 was nearly their maximum and swung with load.
      for (let round = 0; round < reps(5, 2); round++) {
        await box.pressSequentially(['ondermijning', 'begroting', 'cybercrime', 'de haven', 'nota 12'][round % 5], { delay: 60 })
        for (let i = 0; i < 12; i++) await box.press('Backspace', { delay: 60 })
      }
      await page.waitForTimeout(200)
      return page.evaluate(() => (window as unknown as { __lat: number[] }).__lat)
    }
    const keystrokes = await typeInto(filter)
    if (process.env.PARAAF_BENCH_DEBUG) console.error(keystrokes.map((x) => x.toFixed(1)).join(' '))
    // The floor: the same keys in a bare search field on the same page (no filtering at all).
    await page.evaluate(() => {
      const bare = document.createElement('input')
      bare.type = 'search'
      bare.setAttribute('aria-label', 'kaal zoekveld')
      bare.style.cssText = 'position:fixed;top:0;left:0;z-index:99'
      document.body.append(bare)
    })
    const floor = await typeInto(page.getByRole('searchbox', { name: 'kaal zoekveld' }))
    await page.evaluate(() => document.querySelector('input[aria-label="kaal zoekveld"]')?.remove())
    rows.push({ name: `startscherm: titelfilter per toets (${documents} documenten), p95`, value: quantile(keystrokes, 0.95), unit: 'ms', target: 16, better: 'max', note: `mediaan ${median(keystrokes).toFixed(1)} ms over ${keystrokes.length} toetsen; verwerking + layout` })
    rows.push({ name: 'ter vergelijking: kaal zoekveld op dezelfde pagina, p95', value: quantile(floor, 0.95), unit: 'ms', target: null, better: 'max', note: `mediaan ${median(floor).toFixed(1)} ms; dezelfde toetsen zonder filteren` })

    await page.evaluate((doc) => { location.hash = `#/doc/${doc}` }, id)
    const editor = page.locator('.page-body .ProseMirror[contenteditable="true"]')
    await editor.waitFor()
    await page.locator(`[data-testid="history"] li[data-version="${versions}"]`).waitFor()
    await page.evaluate(() => {
      const w = window as unknown as { __long: number[] }
      w.__long = []
      new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__long.push(e.duration) }).observe({ type: 'longtask' })
    })
    const saves = reps(5, 2)
    const longest: number[] = []
    for (let k = 0; k < saves; k++) {
      await editor.getByText('Aanpak en te behalen resultaten').first().click()
      await page.keyboard.press('End')
      await page.keyboard.type(` extra${k}`, { delay: 20 })
      // Typing itself is measured elsewhere: only what the autosave and its history update cost.
      await page.evaluate(() => { (window as unknown as { __long: number[] }).__long = [] })
      await page.locator(`[data-testid="history"] li[data-version="${versions + k + 1}"]`).waitFor({ timeout: 20_000 })
      await page.waitForTimeout(300)
      longest.push(Math.max(0, ...(await page.evaluate(() => (window as unknown as { __long: number[] }).__long))))
    }
    rows.push({ name: `autosave met ${versions} versies in de geschiedenis: langste taak`, value: Math.max(...longest), unit: 'ms', target: 50, better: 'max', note: `over ${saves} autosaves; 0 = geen taak boven 50 ms` })
    await page.close()
  } finally {
    await server.stop()
    await browser.close()
  }
}

/**
 * The floor: the same DOM and styles as a bare contenteditable, without
 * ProseMirror or Paraaf (or its comment margin), in the same browser and run:
 * the editor of `page` replaced by a bare contenteditable holding its DOM.
 */
async function makeFloor(page: import('playwright-core').Page): Promise<void> {
  await page.evaluate(() => {
    const html = document.querySelector('.page-body .ProseMirror')!.innerHTML
    const bare = document.createElement('div')
    bare.className = 'ProseMirror bare'
    bare.contentEditable = 'true'
    bare.innerHTML = html
    const pageEl = document.createElement('article')
    pageEl.className = 'page'
    pageEl.append(bare)
    const scroll = document.querySelector('.page-scroll')!
    scroll.replaceChildren(pageEl)
  })
}

/**
 * Typing in the editor (`editor`, a page showing the document) against the
 * floor (a second page at `floorUrl`, the same document made bare), in
 * alternating rounds of one sentence each, so that a machine that slows down
 * or speeds up during the run weighs on both alike. Each page is brought to
 * the front before it is typed in (a tab in the background paints no frames).
 */
async function alternatingTyping(editor: import('playwright-core').Page, floorUrl: string, rounds: number): Promise<{ latencies: number[]; bare: number[] }> {
  // The floor in a second page of the same document (same sign-in), typed in turn with the editor.
  const floor = await editor.context().newPage()
  await floor.goto(floorUrl)
  await floor.locator('.page-body .ProseMirror[contenteditable="true"]').waitFor()
  await makeFloor(floor)
  const latencies: number[] = []
  const bare: number[] = []
  for (let r = 0; r < rounds; r++) {
    await editor.bringToFront()
    latencies.push(...(await measureTyping(editor, '.page-body .ProseMirror', 1)))
    await floor.bringToFront()
    bare.push(...(await measureTyping(floor, '.bare', 1)))
  }
  await floor.close()
  await editor.bringToFront()
  return { latencies, bare }
}

async function benchBrowser() {
  if (!hasChromium) {
    log('• geen Chromium: start-up en typelatentie overgeslagen')
    return
  }
  log('• browsermodus: opstarten tot een bewerkbare brief, en typelatentie…')
  const dir = temp('browser')
  cleanup.push(dir)
  const setup = openApp(dir)
  // A user who has answered the first-start dialog (it would cover the page).
  await must(setup.api.setSettings({ author: 'Bench', initials: 'B' }))
  const { meta, content } = letter()
  const { id } = await must(setup.api.createDocument({ type: 'kamerbrief', meta, content }))
  setup.close()

  const browser = await launchChromium()
  try {
    const totals: number[] = []
    const pageOnly: number[] = []
    const spelled: number[] = []
    let last: Awaited<ReturnType<typeof startServeProcess>> | null = null
    let lastPage: import('playwright-core').Page | null = null
    const starts = reps(5, 2)
    for (let run = 0; run < starts; run++) {
      const t0 = performance.now()
      const server = await startServeProcess(dir)
      const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage()
      const t1 = performance.now()
      await page.goto(`${server.openUrl}#/doc/${id}`)
      await page.locator('.page-body .ProseMirror[contenteditable="true"]').waitFor()
      await page.getByText('Bewaken en Beveiligen').first().waitFor()
      const t2 = performance.now()
      totals.push(t2 - t0)
      pageOnly.push(t2 - t1)
      // The spell check's first underlines: every word of the letter sent to a service that loads its dictionary now.
      await page.locator('[data-testid="spell-count"]:not([hidden])').waitFor({ timeout: 30_000 })
      spelled.push(performance.now() - t2)
      if (run < starts - 1) {
        await page.close()
        await server.stop()
      } else {
        // The printed link works once: the typing measurement goes on in this page.
        last = server
        lastPage = page
      }
    }
    rows.push({ name: 'start browsermodus tot bewerkbare brief', value: median(totals), unit: 'ms', target: 1500, better: 'max', note: `mediaan van ${starts}; server starten inbegrepen; alleen de pagina: ${median(pageOnly).toFixed(0)} ms` })
    rows.push({ name: 'spellingcontrole brief 60 kB: eerste onderstrepingen na openen', value: median(spelled), unit: 'ms', target: 1000, better: 'max', note: `mediaan van ${starts}; woordenboek koud geladen in een nieuwe server, naast het typen` })

    const page = lastPage!
    const editor = page.locator('.page-body .ProseMirror[contenteditable="true"]')
    await editor.waitFor()
    const { latencies, bare } = await alternatingTyping(page, `${last!.url}#/doc/${id}`, 4)
    if (process.env.PARAAF_BENCH_DEBUG) console.error(latencies.map((x) => x.toFixed(1)).join(' '))
    // The same with "Wijzigingen tonen" on, against the first version (the typing above, once saved, is the change).
    await page.waitForFunction(() => /^Opgeslagen \(versie ([2-9]|\d\d)/.test(document.querySelector('[data-testid="save-state"]')?.textContent ?? ''), null, { timeout: 15_000 })
    await page.getByRole('button', { name: /^Wijzigingen tonen ten opzichte/ }).click()
    await page.locator('.dialog select[name="base"]').selectOption('1')
    await page.locator('.dialog').getByRole('button', { name: 'Tonen', exact: true }).click()
    await page.locator('.page-body .ProseMirror .live-ins').first().waitFor()
    const withLive = await measureTyping(page, '.page-body .ProseMirror')
    rows.push({ name: 'typelatentie per toets, p95 (brief open)', value: quantile(latencies, 0.95), unit: 'ms', target: 16, better: 'max', note: `mediaan ${median(latencies).toFixed(2)} ms over ${latencies.length} toetsen; verwerking + layout` })
    rows.push({ name: 'ter vergelijking: kale contenteditable, p95', value: quantile(bare, 0.95), unit: 'ms', target: null, better: 'info', note: `zelfde DOM en CSS zonder ProseMirror; mediaan ${median(bare).toFixed(2)} ms` })
    // The machine's own speed drops out of a ratio to the floor measured in the same run.
    rows.push({ name: 'typelatentie met Wijzigingen tonen: extra p95', value: quantile(withLive, 0.95) - quantile(latencies, 0.95), unit: 'ms', target: 4, better: 'max', note: `p95 ${quantile(withLive, 0.95).toFixed(1)} ms tegen ${quantile(latencies, 0.95).toFixed(1)} ms zonder; redline tegen versie 1, bijgewerkt na elke pauze` })
    rows.push({ name: 'typelatentie t.o.v. kale contenteditable (p95)', value: quantile(latencies, 0.95) / quantile(bare, 0.95), unit: '×', target: 1.1, better: 'max', note: 'brief van 60 kB; 1,0 = zo snel als de browser zonder editor' })
    await page.close()
    await last!.stop()
  } finally {
    await browser.close()
  }
}

/** The letter with about `rate` of its words replaced, deterministically. */
function editWords(content: DocJSON, rate: number, seed: number): DocJSON {
  const random = rng(seed)
  const out = structuredClone(content) as DocJSON
  const visit = (node: { type: string; text?: string; content?: unknown[] }) => {
    if (node.type === 'text' && node.text) node.text = node.text.replace(/[\p{L}\p{N}]+/gu, (w) => (random() < rate ? (random() < 0.5 ? w.toUpperCase() + 'x' : 'gewijzigd') : w))
    ;(node.content as (typeof node)[] | undefined)?.forEach(visit)
  }
  ;(out.content as { type: string }[]).forEach(visit)
  return out
}

function repeat(content: DocJSON, times: number): DocJSON {
  return { type: 'doc', content: Array.from({ length: times }, () => structuredClone(content.content)).flat() }
}

async function benchDiff() {
  log('• vergelijken: brief tegen een kopie met 5% gewijzigde woorden, 1× en 10×, naast jsdiff…')
  const { meta, content } = letter()
  const sizes = quick ? [1, 10] : [1, 2, 5, 10]
  const growth: string[] = []
  for (const times of sizes) {
    const a = repeat(content, times)
    const b = editWords(a, 0.05, 42 + times)
    const docA = { meta, content: a }
    const docB = { meta, content: b }
    for (let i = 0; i < (times === 1 ? 15 : 3); i++) compareDocuments(docA, docB) // warm-up
    const runs = times === 1 ? 30 : 8
    const ours: number[] = []
    let changes = 0
    for (let i = 0; i < runs; i++) {
      const t = performance.now()
      changes = compareDocuments(docA, docB).changes.length
      ours.push(performance.now() - t)
    }
    growth.push(`${times}×: ${median(ours).toFixed(1)} ms`)
    if (times !== 1 && times !== 10) continue
    const mdA = writeMarkdown(PMNode.fromJSON(schema, a), meta, 'kamerbrief')
    const mdB = writeMarkdown(PMNode.fromJSON(schema, b), meta, 'kamerbrief')
    const theirs: number[] = []
    let theirChanges = 0
    for (let i = 0; i < Math.min(runs, 5); i++) {
      const t = performance.now()
      const parts = diffWords(mdA, mdB)
      theirs.push(performance.now() - t)
      // Count a removal followed by an addition as one change, as we do.
      theirChanges = parts.filter((p, k) => (p.added || p.removed) && !(p.added && parts[k - 1]?.removed)).length
    }
    const label = times === 1 ? '60 kB' : '600 kB (10×)'
    rows.push({ name: `vergelijken ${label}, 5% woorden gewijzigd, mediaan`, value: median(ours), unit: 'ms', target: times === 1 ? 30 : 300, better: 'max', note: `${changes} wijzigingen; jsdiff diffWords: ${median(theirs).toFixed(0)} ms, ${theirChanges} wijzigingen` })
  }
  rows.push({ name: 'vergelijken: groei van 1× naar 10×', value: 0, unit: '', target: null, better: 'info', note: growth.join(', ') })
}

/**
 * The letter repeated 1×, 10× and 50× (a text with every paragraph several
 * times over), with 2 % of the words replaced, one paragraph deleted, one
 * inserted and one moved: the changed words reported against the true edit,
 * beside jsdiff and diff-match-patch on the same texts as Markdown.
 */
async function benchDiffRepeated() {
  log('• vergelijken bij herhaalde inhoud (1×, 10×, 50×), naast jsdiff en diff-match-patch…')
  const { meta, content } = letter()
  const wordsIn = (t: string) => t.match(/[\p{L}\p{N}]+/gu)?.length ?? 0
  for (const times of quick ? [1, 10] : [1, 10, 50]) {
    const a = repeat(content, times)
    const random = rng(7 + times)
    let truth = 0
    // 2 % of the words of the paragraphs replaced: each one deleted and
    // inserted. (Not in table cells and footnotes: a changed cell or
    // footnote is shown, and counted, whole; that is not what this row is about.)
    const b = structuredClone(a) as DocJSON
    for (const block of b.content as { type: string; content?: { type: string; text?: string; marks?: unknown[] }[] }[]) {
      if (block.type !== 'paragraph') continue
      for (const node of block.content ?? []) {
        if (node.type !== 'text' || !node.text || node.marks?.length) continue
        node.text = node.text.replace(/[\p{L}]{3,}/gu, (w) => {
          if (random() >= 0.02) return w
          truth += 2
          return `Gewijzigd${Math.floor(random() * 1e6)}`
        })
      }
    }
    const blocks = b.content as { type: string; content?: unknown[] }[]
    const textOf = (n: unknown) => JSON.stringify(n).match(/"text":"((?:[^"\\]|\\.)*)"/g)?.map((m) => m.slice(8, -1)).join(' ') ?? ''
    const at = (k: number) => Math.floor(k * blocks.length)
    const [gone] = blocks.splice(at(0.3), 1)
    truth += wordsIn(textOf(gone))
    const added = { type: 'paragraph', content: [{ type: 'text', text: 'Een nieuwe alinea over de regionale aanpak, met 12 miljoen euro extra voor de RIEC’s.' }] }
    blocks.splice(at(0.6), 0, added)
    truth += wordsIn(textOf(added))
    const [moved] = blocks.splice(at(0.45), 1)
    blocks.splice(at(0.8), 0, moved)
    const docA = { meta, content: a }
    const docB = { meta, content: b }
    compareDocuments(docA, docB) // warm-up
    const ours: number[] = []
    let stats = compareDocuments(docA, docB).stats
    for (let i = 0; i < (times === 50 ? 3 : 5); i++) {
      const t = performance.now()
      stats = compareDocuments(docA, docB).stats
      ours.push(performance.now() - t)
    }
    const reported = stats.insertedWords + stats.deletedWords
    let others = ''
    if (times <= 10) {
      const mdA = writeMarkdown(PMNode.fromJSON(schema, a), meta, 'kamerbrief')
      const mdB = writeMarkdown(PMNode.fromJSON(schema, b), meta, 'kamerbrief')
      let t = performance.now()
      const parts = diffWords(mdA, mdB)
      const jsdiffMs = performance.now() - t
      const jsdiffWords = parts.filter((p) => p.added || p.removed).reduce((n, p) => n + wordsIn(p.value), 0)
      const dmp = new DiffMatchPatch() // its default: give up after 1 s with a coarser diff
      t = performance.now()
      const diffs = dmp.diff_main(mdA, mdB)
      dmp.diff_cleanupSemantic(diffs)
      const dmpMs = performance.now() - t
      const dmpWords = diffs.filter(([op]) => op !== 0).reduce((n, [, text]) => n + wordsIn(text), 0)
      others = `; jsdiff ${jsdiffMs.toFixed(0)} ms, ${jsdiffWords} woorden; diff-match-patch ${dmpMs.toFixed(0)} ms, ${dmpWords} woorden`
    }
    rows.push({
      name: `vergelijken herhaald ${times}×: gemelde gewijzigde woorden / werkelijke`, value: reported / truth, unit: '×', target: 1.1, better: 'max',
      note: `${reported} gemeld, ${truth} werkelijk, ${stats.movedBlocks} verplaatst (1 werkelijk); ${median(ours).toFixed(0)} ms${others}`,
    })
  }
}

async function benchCompareView() {
  if (!hasChromium) return
  log('• vergelijkscherm openen in Chromium (brief 1× en 10×, 5% gewijzigd)…')
  const dir = temp('compare')
  cleanup.push(dir)
  const setup = openApp(dir)
  // A user who has answered the first-start dialog (it would cover the page).
  await must(setup.api.setSettings({ author: 'Bench', initials: 'B' }))
  const { meta, content } = letter()
  // Each cold open compares a pair never compared before (the service keeps the last few comparisons).
  const pairs = reps(4, 2) + 1
  const docs: [number, number][] = []
  for (const times of [1, 10]) {
    const big = repeat(content, times)
    const { id } = await must(setup.api.createDocument({ type: 'kamerbrief', meta, content: big }))
    for (let k = 0; k < pairs; k++) await must(setup.api.saveVersion({ id, base: k + 1, meta, content: editWords(big, 0.05, 7 + k), kind: 'named', label: `5% gewijzigd (${k + 1})` }))
    docs.push([times, id])
  }
  setup.close()
  const server = await startServeProcess(dir)
  const browser = await launchChromium()
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } })
    await page.goto(server.openUrl)
    await page.getByText('Documenten').first().waitFor()
    const open = async (id: number, b: number) => {
      await page.evaluate(() => { location.hash = '#/' })
      await page.locator('.doc-list table').waitFor()
      const t = performance.now()
      await page.evaluate(([doc, v]) => { location.hash = `#/doc/${doc}/compare/1/${v}` }, [id, b])
      await page.getByTestId('redline').locator('ins, del').first().waitFor()
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))))
      const took = performance.now() - t
      // The rest of the comparison follows the first screen: the next open waits for it, as a reader would.
      await page.getByTestId('compare-summary').getByText(/wijziging/).waitFor()
      return took
    }
    for (const [times, id] of docs) {
      const cold: number[] = []
      for (let k = 0; k < pairs; k++) cold.push(await open(id, k + 2))
      const warm: number[] = []
      for (let k = 0; k < 3; k++) warm.push(await open(id, pairs + 1))
      // The first open also warms the page's code: left out.
      const value = median(cold.slice(1))
      const note = `eerste keer dit paar, mediaan van ${cold.length - 1}; nogmaals geopend: ${median(warm).toFixed(0)} ms`
      rows.push(times === 1
        ? { name: 'vergelijkscherm open tot redline in beeld', value, unit: 'ms', target: 500, better: 'max', note: `brief van 60 kB tegen 5% gewijzigd; ${note}` }
        : { name: 'vergelijkscherm 10× (600 kB): eerste scherm van de redline', value, unit: 'ms', target: 300, better: 'max', note: `de brief tien keer, 5% gewijzigd, tot de eerste wijziging in beeld; ${note}` })
    }
  } finally {
    await browser.close()
    await server.stop()
  }
}

/** The letter with `count` comment threads on words spread over its paragraphs. */
async function letterWithComments(app: OpenApp, count: number, times = 1): Promise<{ id: number; meta: Record<string, string | string[]>; content: DocJSON }> {
  const { meta, content: once } = letter()
  const content = repeat(once, times)
  const { id } = await must(app.api.createDocument({ type: 'kamerbrief', meta, content }))
  const doc = PMNode.fromJSON(schema, content)
  const texts: { from: number; to: number }[] = []
  doc.descendants((node, pos) => {
    if (node.isText && node.text!.length > 30) for (let k = 0; k + 20 < node.text!.length && texts.length < count * 3 * times; k += 60) texts.push({ from: pos + k, to: pos + k + 15 })
    return node.type.name !== 'footnote'
  })
  const step = Math.max(1, Math.floor(texts.length / count))
  // Comments are placed by the service, each a version with its mark.
  let base = 1
  for (let i = 0; i < count; i++) {
    const r = texts[(i * step) % texts.length]
    base = (await must(app.api.addComment({ id, base, from: r.from, to: r.to, text: `Opmerking ${i}: graag toelichten.`, org: ['FIOD', 'OM', 'Politie', 'DFEZ'][i % 4] }))).version
  }
  const snap = await must(app.api.openDocument({ id }))
  return { id, meta, content: snap.content }
}

async function benchComments() {
  log('• brief met 200 opmerkingen: opslaan en typen…')
  const dir = temp('comments')
  cleanup.push(dir)
  const app = openApp(dir)
  // A user who has answered the first-start dialog (it would cover the page).
  await must(app.api.setSettings({ author: 'Bench', initials: 'B' }))
  const { id, meta, content } = await letterWithComments(app, 200)
  const threads = (await must(app.api.listComments({ id }))).threads
  const anchored = threads.filter((t) => t.anchored).length
  const { paragraphs } = letter()
  const times: number[] = []
  for (let i = 0; i < 60; i++) {
    const edited = editParagraph(content, paragraphs[(i * 5) % paragraphs.length], `bewerking${i}`)
    const base = await latestVersion(app.api, id) // outside the timed save
    const t = performance.now()
    await must(app.api.saveVersion({ id, base, meta, content: edited, kind: 'auto' }))
    times.push(performance.now() - t)
  }
  app.close()
  rows.push({ name: 'opslaan met 200 opmerkingen, mediaan', value: median(times.slice(10)), unit: 'ms', target: 10, better: 'max', note: `p95 ${quantile(times.slice(10), 0.95).toFixed(2)} ms; ${anchored} van ${threads.length} verankerd` })
  // The same with the letter ten times over (600 kB), 200 comments spread over it.
  const reopened = openApp(dir)
  const big = await letterWithComments(reopened, 200, 10)
  reopened.close()
  if (!hasChromium) return
  const server = await startServeProcess(dir)
  const browser = await launchChromium()
  try {
    // One browser context: the printed address (with its token) works once.
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
    let first = true
    for (const [label, doc, target] of [['60 kB', id, 1.1], ['600 kB (10×)', big.id, 1.25]] as const) {
      const page = await context.newPage()
      await page.goto(first ? `${server.openUrl}#/doc/${doc}` : `${server.url}#/doc/${doc}`)
      first = false
      await page.locator('.page-body .ProseMirror[contenteditable="true"]').waitFor()
      await page.locator('.comment-card').first().waitFor()
      const cards = await page.locator('.comment-card').count()
      const { latencies, bare } = await alternatingTyping(page, `${server.url}#/doc/${doc}`, 4)
      rows.push({
        name: `typelatentie met 200 opmerkingen, ${label}: t.o.v. kale contenteditable (p95)`, value: quantile(latencies, 0.95) / quantile(bare, 0.95), unit: '×', target, better: 'max',
        note: `p95 ${quantile(latencies, 0.95).toFixed(1)} ms tegen ${quantile(bare, 0.95).toFixed(1)} ms; mediaan ${median(latencies).toFixed(1)} ms; ${cards} kaarten in de marge`,
      })
      await page.close()
    }
  } finally {
    await browser.close()
    await server.stop()
  }
}

async function benchExport() {
  log('• Word-export van de brief: schoon, en met redline tegen 5% gewijzigd en 50 opmerkingen…')
  const dir = temp('export')
  cleanup.push(dir)
  const app = openApp(dir)
  const { meta, content } = letter()
  const { id } = await must(app.api.createDocument({ type: 'kamerbrief', meta, content }))
  const timeIt = async (run: () => Promise<unknown>, n: number) => {
    const times: number[] = []
    for (let i = 0; i < n + 2; i++) {
      const t = performance.now()
      await run()
      if (i >= 2) times.push(performance.now() - t)
    }
    return times
  }
  const clean = await timeIt(() => must(app.api.exportDocx({ id })), 8)
  rows.push({ name: 'Word-export brief 60 kB, mediaan', value: median(clean), unit: 'ms', target: 1000, better: 'max', note: 'schone versie met briefhoofd, 22 voetnoten, tabellen' })
  const commented = await letterWithComments(app, 50)
  await must(app.api.saveVersion({ id: commented.id, base: await latestVersion(app.api, commented.id), meta, content: editWords(commented.content, 0.05, 11), kind: 'named', label: '5% gewijzigd' }))
  const redline = await timeIt(() => must(app.api.exportDocx({ id: commented.id, against: 2, comments: true })), 6)
  rows.push({ name: 'Word-export met redline en 50 opmerkingen', value: median(redline), unit: 'ms', target: 500, better: 'max', note: 'de brief van 18 juni tegen een versie met 5% gewijzigde woorden (doel issue 12)' })

  // Import of that letter with 50 tracked changes and 50 comments (a partner's reply).
  const few = editWords(commented.content, 0.0065, 13)
  await must(app.api.saveVersion({ id: commented.id, base: await latestVersion(app.api, commented.id), meta, content: few, kind: 'named', label: 'partner' }))
  const file = await must(app.api.exportDocx({ id: commented.id, against: 2, comments: true }))
  let changes = 0
  let threads = 0
  const imports = await timeIt(async () => {
    const r = await must(app.api.importDocx({ base64: file.base64, fileName: 'reactie.docx' }))
    changes = r.changes
    threads = r.comments
  }, 6)
  rows.push({ name: 'Word-import met wijzigingen en opmerkingen', value: median(imports), unit: 'ms', target: 1000, better: 'max', note: `${changes} wijzigingen, ${threads} opmerkingen in het bestand` })

  // A large real file from a public test suite (Apache POI's bug65649.docx: a technical specification, tables and all).
  const real = readFileSync(join(repoRoot, 'test/fixtures/docx-public/poi/bug65649.docx')).toString('base64')
  let realWords = 0
  const realImports = await timeIt(async () => {
    const r = await must(app.api.importDocx({ base64: real, fileName: 'bug65649.docx' }))
    if (!realWords) {
      const snap = await must(app.api.openDocument({ id: r.id }))
      realWords = countWords(PMNode.fromJSON(schema, snap.content))
    }
  }, reps(4, 1))
  // Issue 12's target is 64,000 words in 2 s: held here in proportion to the words this file has.
  rows.push({ name: 'Word-import van een echt bestand van 40.000 woorden', value: median(realImports), unit: 'ms', target: Math.round((2000 * realWords) / 64000), better: 'max', note: `Apache POI bug65649.docx: ${realWords.toLocaleString('nl-NL')} woorden zoals Paraaf telt (pandoc: 57.000 met getallen), als nieuw document opgeslagen; doel 64.000 woorden in 2 s, naar verhouding` })

  // A partner's reply to the letter ten times over (600 kB), read into that document.
  const big = repeat(content, 10)
  const bigDoc = await must(app.api.createDocument({ type: 'kamerbrief', meta, content: big }))
  await must(app.api.saveVersion({ id: bigDoc.id, base: 1, meta, content: editWords(big, 0.0007, 17), kind: 'named', label: 'partner' }))
  const reply = await must(app.api.exportDocx({ id: bigDoc.id, against: 1 }))
  let replyChanges = 0
  const replies = await timeIt(async () => {
    const r = await must(app.api.importDocx({ base64: reply.base64, fileName: 'reactie.docx', into: bigDoc.id, label: 'Reactie partner' }))
    replyChanges = r.changes
  }, reps(4, 2))
  rows.push({ name: 'reactie inlezen in een document van 600 kB (10×)', value: median(replies), unit: 'ms', target: 1000, better: 'max', note: `${replyChanges} wijzigingen in het bestand; als nieuwe versies van het document` })
  app.close()
}

/** Woo: the letter with 50 redactions published as PDF and as Word. */
async function benchWoo() {
  log('• Woo: publicatieversie van de brief met 50 lakkingen, als PDF en als Word…')
  const dir = temp('woo')
  cleanup.push(dir)
  const app = openApp(dir)
  const { meta, content } = letter()
  // Fifty different words of the letter, each redacted where it first occurs.
  let doc = PMNode.fromJSON(schema, content)
  const words = [...new Set(doc.textContent.match(/\p{Lu}\p{Ll}{6,}/gu) ?? [])]
  let marked = 0
  for (const word of words) {
    if (marked === 50) break
    const r = redact(doc, word, '5.1.2e')
    doc = r.doc
    marked += r.count
  }
  const { id } = await must(app.api.createDocument({ type: 'kamerbrief', meta, content: doc.toJSON() as DocJSON }))
  const times = async (format: 'pdf' | 'docx', n: number) => {
    const out: number[] = []
    for (let i = 0; i < n; i++) {
      const t = performance.now()
      await must(app.api.publish({ id, format }))
      out.push(performance.now() - t)
    }
    return out
  }
  // The first publication writes the version of kind woo; the others use it again.
  const first = await times('pdf', 1)
  const pdf = await times('pdf', reps(6, 2))
  const docx = await times('docx', reps(6, 2))
  rows.push({ name: 'Woo-publicatie als PDF, brief 60 kB met 50 lakkingen, mediaan', value: median(pdf), unit: 'ms', target: 1000, better: 'max', note: `${marked} passages; eerste keer (met de woo-versie) ${first[0].toFixed(0)} ms; lettertype ingebed` })
  rows.push({ name: 'Woo-publicatie als Word, brief 60 kB met 50 lakkingen, mediaan', value: median(docx), unit: 'ms', target: 1000, better: 'max', note: 'vakken van één breedte, zonder auteurs, opmerkingen of Paraaf-eigenschappen' })
  app.close()
}

/**
 * Review rounds: the letter sent to five partners, each returning it with 50
 * tracked word changes, while the drafter made 20 edits since sending.
 */
async function benchRounds() {
  log('• afstemmingsronde: 5 reacties met elk 50 wijzigingen op de brief van 60 kB…')
  const dir = temp('rounds')
  cleanup.push(dir)
  const app = openApp(dir)
  const { meta, content, paragraphs } = letter()
  const fields = { ...meta, ondertekening: meta.ondertekening ?? ['De Minister van Justitie en Veiligheid'] }
  const { id } = await must(app.api.createDocument({ type: 'kamerbrief', meta: fields, content }))
  const orgs = ['Politie', 'OM', 'FIOD', 'DFEZ', 'NCTV']
  const round = await must(app.api.startRound({ id, partners: orgs.map((org) => ({ org })) }))
  // The drafter keeps writing: 20 paragraphs edited after sending.
  let draft = content
  for (let i = 0; i < 20; i++) draft = editParagraph(draft, paragraphs[(i * 7) % paragraphs.length], `steller${i}`)
  await must(app.api.saveVersion({ id, base: 1, meta: fields, content: draft, kind: 'named', label: 'Na verzending' }))
  // Each partner: 50 tracked changes of single words spread over the letter.
  const words = [...new Set(readBigLetter().match(/\b[a-z]{9,}\b/g) ?? [])]
  const returns: string[] = []
  for (let k = 0; k < orgs.length; k++) {
    const random = rng(1000 + k)
    const picked = new Set<string>()
    while (picked.size < 50) picked.add(words[Math.floor(random() * words.length)])
    returns.push(await changeDocx(round.files[k].base64, [...picked].map((w) => ({ from: w, to: `${w}x`, tracked: `${orgs[k]} medewerker` })), { skipMissing: true }))
  }
  let lastImport = 0
  const consolidated: number[] = []
  let count = 0
  for (let k = 0; k < returns.length; k++) {
    const t = performance.now()
    await must(app.api.importReturn({ round: round.round, base64: returns[k], fileName: `${orgs[k]}.docx` }))
    lastImport = performance.now() - t
  }
  const proposals: number[] = []
  for (let i = 0; i < reps(10, 3); i++) {
    const t = performance.now()
    count = (await must(app.api.roundProposals({ round: round.round }))).length
    proposals.push(performance.now() - t)
  }
  consolidated.push(lastImport + median(proposals))
  app.close()
  rows.push({ name: 'afstemming: laatste reactie inlezen tot voorstellen klaar', value: consolidated[0], unit: 'ms', target: 1000, better: 'max', note: `inlezen ${lastImport.toFixed(0)} ms + voorstellen ${median(proposals).toFixed(0)} ms; zonder tekenen in de browser` })
  rows.push({ name: 'afstemming: voorstellen van 5 reacties, mediaan', value: median(proposals), unit: 'ms', target: 300, better: 'max', note: `${count} voorstellen, 20 eigen wijzigingen sinds verzending` })
}

async function main() {
  const t = performance.now()
  // `npm run bench -- --only diff` runs one group: save, storage, cli, open, browser, history, diff, diff-repeated, compare-view, comments, export, woo, rounds.
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null
  const groups: [string, () => Promise<void>][] = [['save', benchSave], ['storage', benchStorage], ['cli', benchCli], ['open', benchOpen], ['browser', benchBrowser], ['history', benchHistory], ['diff', benchDiff], ['diff-repeated', benchDiffRepeated], ['compare-view', benchCompareView], ['comments', benchComments], ['export', benchExport], ['woo', benchWoo], ['rounds', benchRounds]]
  for (const [name, run] of groups) if (!only || only === name) await run()
  for (const dir of cleanup) removeTempDir(dir)
  if (json) {
    process.stdout.write(JSON.stringify({ machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, rows }, null, 2) + '\n')
    return
  }
  const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(2))
  const lines = rows.map((r) => {
    const verdict = r.target === null || quick ? '' : r.value <= r.target ? 'gehaald' : 'NIET gehaald'
    return [r.name, r.unit ? `${fmt(r.value)} ${r.unit}` : '', r.target === null ? '–' : `≤ ${r.target} ${r.unit}`, verdict, r.note ?? '']
  })
  const header = ['meting', 'waarde', 'doel', '', 'toelichting']
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)))
  const print = (cols: string[]) => console.log(cols.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd())
  print(header)
  print(widths.map((w) => '-'.repeat(w)))
  lines.forEach(print)
  console.log(`\n(${((performance.now() - t) / 1000).toFixed(1)} s${quick ? '; korte ronde (--quick): minder herhalingen, geen oordeel over de doelen' : ''})`)
}

await main()
