// Template manifests: one folder per document type under templates/, so a
// ministry can change fields and labels without touching code.
import { readFileSync, readdirSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { TemplateManifest } from './contract.js'

const manifestSchema = z.object({
  type: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
  label: z.string().min(1),
  description: z.string(),
  layout: z.object({
    letterhead: z.enum(['rijksbrief', 'nota', 'annotatie', 'none']),
    label: z.string().optional(),
    labelSize: z.number().min(8).max(48).optional(),
    font: z.string().optional(),
    size: z.number().min(6).max(20).optional(),
    leading: z.number().min(6).max(30).optional(),
    logo: z.string().regex(/^[\w.-]+\.png$/).optional(),
    sheet: z.object({
      top: z.number().min(0.5).max(10).optional(), bottom: z.number().min(0.5).max(10).optional(), right: z.number().min(1).max(12).optional(),
      firstTop: z.number().min(0.5).max(15).optional(), columnLeft: z.number().min(5).max(20).optional(), columnWidth: z.number().min(2).max(10).optional(),
    }).strict().optional(),
  }),
  /** What a new document of this type starts with: Markdown (headings, lists, a table), at most 20,000 characters. */
  skeleton: z.string().max(20_000).optional(),
  /** The page budget of the type (a two-pager: 2): the editor shows the estimate against it. */
  maxPages: z.number().int().min(1).max(100).optional(),
  /** The paraafroute the template proposes (roles in order). */
  route: z.array(z.object({ role: z.string().min(1), kind: z.enum(['lijn', 'mede']) })).optional(),
  fields: z.array(
    z.object({
      key: z.string().regex(/^[\p{L}_][\p{L}\p{N}_-]{0,63}$/u),
      label: z.string().min(1),
      kind: z.enum(['text', 'lines', 'date']),
      required: z.boolean().optional(),
      hint: z.string().optional(),
    }),
  ),
})

/** A template folder that cannot be used; the message names the file and is for the user. */
export class TemplateError extends Error {
  override name = 'TemplateError'
}

// The order users meet the types in the "Nieuw document" dialog.
const ORDER = ['kamerbrief', 'nota', 'memo', 'annotatie', 'two-pager', 'bijlage', 'oplegger']

/**
 * Reads every templates/<type>/manifest.json; a broken manifest is an error
 * naming its file. The skeletons are checked apart (`checkSkeletons`): that
 * needs the Markdown reader, which a command-line call such as `paraaf diff`
 * does not otherwise load (it took some 20 ms of every start).
 */
export function loadTemplates(dir: string): TemplateManifest[] {
  if (!existsSync(dir)) throw new TemplateError(`De map met sjablonen ontbreekt: ${dir}`)
  const out: TemplateManifest[] = []
  for (const name of readdirSync(dir)) {
    const file = join(dir, name, 'manifest.json')
    if (!existsSync(file)) continue
    let raw: unknown
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'))
    } catch (err) {
      throw new TemplateError(`Sjabloon ${file} is geen geldige JSON (${(err as Error).message}). Herstel het bestand of zet het oorspronkelijke sjabloon terug.`)
    }
    const parsed = manifestSchema.safeParse(raw)
    if (!parsed.success) throw new TemplateError(`Sjabloon ${file} is ongeldig: ${parsed.error.issues[0]?.message}`)
    if (parsed.data.type !== name) throw new TemplateError(`Sjabloon ${file} heet "${parsed.data.type}" maar staat in map "${name}".`)
    out.push(parsed.data)
  }
  const rank = (t: string) => (ORDER.indexOf(t) + 1 || ORDER.length + 1)
  return out.sort((a, b) => rank(a.type) - rank(b.type) || a.type.localeCompare(b.type))
}

/** The message for a skeleton that is not usable Markdown, naming the template's file. */
export function skeletonProblem(dir: string, type: string, error: string): string {
  return `Sjabloon ${join(dir, type, 'manifest.json')}: het beginstuk (skeleton) is geen bruikbare Markdown: ${error}`
}

/**
 * Checks that every skeleton is usable Markdown; a broken one is an error
 * naming its file. The app runs this when it starts (browser mode, the
 * desktop's service), so whoever edits a template hears of a mistake at once;
 * a document created from a broken skeleton is refused with the same message.
 */
export async function checkSkeletons(dir: string, templates: readonly TemplateManifest[]): Promise<void> {
  if (!templates.some((t) => t.skeleton !== undefined)) return
  const { readMarkdown } = await import('../core/markdown-in.js')
  for (const t of templates) {
    if (t.skeleton === undefined) continue
    const read = readMarkdown(t.skeleton)
    if (!read.ok) throw new TemplateError(skeletonProblem(dir, t.type, read.error))
  }
}
