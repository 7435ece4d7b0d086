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
export function convert(buffer: Buffer, to: 'pdf' | 'odt' | 'docx', name = 'export'): string {
  const dir = mkdtempSync(join(tmpdir(), 'paraaf-lo-'))
  const input = join(dir, `${name}.docx`)
  writeFileSync(input, buffer)
  // Each conversion gets its own profile so parallel runs do not share LibreOffice's lock; .docx again (a re-save) goes to its own folder.
  const outdir = to === 'docx' ? join(dir, 'opnieuw') : dir
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', to === 'docx' ? 'docx:MS Word 2007 XML' : to, '--outdir', outdir, input], { stdio: 'ignore', timeout: 120_000 })
  const out = join(outdir, `${name}.${to}`)
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

/**
 * A partner who works in LibreOffice: the .docx Paraaf sent is opened as an
 * OpenDocument text (.fodt), changed there with ODF tracked changes
 * (text:changed-region, with creator and date), untracked edits and a
 * comment (office:annotation), and saved back as .docx by LibreOffice itself.
 */
export function libreOfficeReturn(docx: Buffer, edits: { from: string; to: string; tracked: string | null }[], comment?: { on: string; author: string; text: string }): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'paraaf-fodt-'))
  const run = (input: string, to: string, out: string) =>
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', to, '--outdir', join(dir, out), input], { stdio: 'ignore', timeout: 120_000 })
  writeFileSync(join(dir, 'terug.docx'), docx)
  run(join(dir, 'terug.docx'), 'fodt', 'odf')
  let xml = readFileSync(join(dir, 'odf', 'terug.fodt'), 'utf8')
  const regions: string[] = []
  const info = (author: string) => `<office:change-info><dc:creator>${author}</dc:creator><dc:date>2020-06-12T14:30:00</dc:date></office:change-info>`
  edits.forEach((e, i) => {
    if (!xml.includes(e.from)) throw new Error(`not in the LibreOffice file: ${e.from}`)
    if (!e.tracked) {
      xml = xml.replace(e.from, e.to)
      return
    }
    regions.push(`<text:changed-region xml:id="del${i}" text:id="del${i}"><text:deletion>${info(e.tracked)}<text:p>${e.from}</text:p></text:deletion></text:changed-region>`)
    regions.push(`<text:changed-region xml:id="ins${i}" text:id="ins${i}"><text:insertion>${info(e.tracked)}</text:insertion></text:changed-region>`)
    xml = xml.replace(e.from, `<text:change text:change-id="del${i}"/><text:change-start text:change-id="ins${i}"/>${e.to}<text:change-end text:change-id="ins${i}"/>`)
  })
  if (comment) {
    if (!xml.includes(comment.on)) throw new Error(`not in the LibreOffice file: ${comment.on}`)
    xml = xml.replace(comment.on, `<office:annotation office:name="c1"><dc:creator>${comment.author}</dc:creator><dc:date>2020-06-12T14:31:00</dc:date><text:p>${comment.text}</text:p></office:annotation>${comment.on}<office:annotation-end office:name="c1"/>`)
  }
  xml = xml.replace(/<office:text([^>]*)>/, `<office:text$1><text:tracked-changes text:track-changes="true">${regions.join('')}</text:tracked-changes>`)
  writeFileSync(join(dir, 'odf', 'terug.fodt'), xml)
  run(join(dir, 'odf', 'terug.fodt'), 'docx:MS Word 2007 XML', 'docx')
  return readFileSync(join(dir, 'docx', 'terug.docx'))
}

/**
 * LibreOffice's own "accept all" or "reject all" of a redline (or neither),
 * saved again as .docx: a Basic macro in a profile of its own opens the file
 * hidden, dispatches AcceptAllTrackedChanges or RejectAllTrackedChanges and
 * stores the result.
 */
export function libreOfficeDecide(docx: Buffer, mode: 'accept' | 'reject' | 'none'): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'paraaf-lo-decide-'))
  const profile = `file://${dir}/profile`
  execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--terminate_after_init'], { stdio: 'ignore', timeout: 120_000 })
  const q = (s: string) => `&quot;${s}&quot;`
  writeFileSync(join(dir, 'profile/user/basic/Standard/Module1.xba'), `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Decide(path As String, mode As String, target As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = ${q('Hidden')}
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(path), ${q('_blank')}, 0, args())
  helper = createUnoService(${q('com.sun.star.frame.DispatchHelper')})
  If mode = ${q('accept')} Then helper.executeDispatch(doc.getCurrentController().getFrame(), ${q('.uno:AcceptAllTrackedChanges')}, ${q('')}, 0, Array())
  If mode = ${q('reject')} Then helper.executeDispatch(doc.getCurrentController().getFrame(), ${q('.uno:RejectAllTrackedChanges')}, ${q('')}, 0, Array())
  Dim o(0) As New com.sun.star.beans.PropertyValue
  o(0).Name = ${q('FilterName')}
  o(0).Value = ${q('MS Word 2007 XML')}
  doc.storeToURL(ConvertToURL(target), o())
  doc.close(True)
End Sub
</script:module>
`)
  const input = join(dir, 'in.docx')
  const output = join(dir, 'out.docx')
  writeFileSync(input, docx)
  execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', `macro:///Standard.Module1.Decide("${input}","${mode}","${output}")`], { stdio: 'ignore', timeout: 120_000 })
  if (!existsSync(output)) throw new Error(`LibreOffice made nothing of the ${mode}`)
  return readFileSync(output)
}
