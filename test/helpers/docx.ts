// Reading a produced .docx back: its XML parts, and LibreOffice conversions.
import JSZip from 'jszip'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export async function docxParts(buffer: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(buffer)
  const out: Record<string, string> = {}
  for (const name of Object.keys(zip.files)) if (name.endsWith('.xml') || name.endsWith('.rels')) out[name] = await zip.file(name)!.async('string')
  return out
}

export const hasLibreOffice = spawnSync('sh', ['-c', 'command -v soffice && command -v pdftotext'], { encoding: 'utf8' }).status === 0
/** LibreOffice tests run where it is installed; in CI a missing LibreOffice fails them. */
export const runLibreOffice = hasLibreOffice || !!process.env.CI
if (!runLibreOffice) console.warn('\n*** LET OP: geen LibreOffice/poppler - de Word-conversietests worden OVERGESLAGEN. Installeer: apt-get install -y --no-install-recommends libreoffice-writer-nogui poppler-utils ***\n')

/** Converts a .docx with LibreOffice (headless) and returns the path of the result. */
export function convert(buffer: Buffer, to: 'pdf' | 'odt', name = 'export'): string {
  const dir = mkdtempSync(join(tmpdir(), 'paraaf-lo-'))
  const input = join(dir, `${name}.docx`)
  writeFileSync(input, buffer)
  // Each conversion gets its own profile so parallel runs do not share LibreOffice's lock.
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', to, '--outdir', dir, input], { stdio: 'ignore', timeout: 120_000 })
  const out = join(dir, `${name}.${to}`)
  if (!existsSync(out)) throw new Error(`LibreOffice made no ${to}`)
  return out
}

export function pdfText(pdf: string): string {
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
}

export function pdfPages(pdf: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1])
}

export async function odtContent(odt: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(odt))
  return zip.file('content.xml')!.async('string')
}
