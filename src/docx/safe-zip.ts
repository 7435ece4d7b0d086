// Reading a .docx that someone else made: it is untrusted. Everything is
// bounded before it is inflated or parsed: the file, the number of parts,
// every part's inflated size (counted while inflating, not taken from the
// zip's own claims), and the XML may not declare a DOCTYPE or entities.
import JSZip from 'jszip'

export const DOCX_LIMITS = {
  fileBytes: 25 * 1024 * 1024,
  entries: 2_000,
  partBytes: 40 * 1024 * 1024,
  totalBytes: 120 * 1024 * 1024,
} as const

/** A Dutch message for a file Paraaf will not read. */
export class DocxRejected extends Error {
  override name = 'DocxRejected'
}

export interface DocxPackage {
  /** The text of a part, or null when the file has no such part. */
  part(name: string): Promise<string | null>
  names: string[]
}

/** Opens a .docx safely; throws DocxRejected with a message for the user. */
export async function openDocx(bytes: Uint8Array): Promise<DocxPackage> {
  if (bytes.length > DOCX_LIMITS.fileBytes) throw new DocxRejected(`Het bestand is te groot (${(bytes.length / 1024 / 1024).toFixed(1)} MB); Paraaf leest Word-bestanden tot ${DOCX_LIMITS.fileBytes / 1024 / 1024} MB.`)
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new DocxRejected('Dit is een met een wachtwoord beveiligd Word-bestand of een oud .doc-bestand. Sla het in Word op als .docx zonder wachtwoord en importeer het opnieuw.')
  }
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
    throw new DocxRejected('Dit is geen Word-bestand (.docx).')
  }
  let zip: JSZip
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: false })
  } catch {
    throw new DocxRejected('Dit Word-bestand is beschadigd: het zip-archief kan niet worden gelezen.')
  }
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir)
  if (names.length > DOCX_LIMITS.entries) throw new DocxRejected(`Dit bestand bevat te veel onderdelen (${names.length}) voor een Word-document.`)
  if (!zip.file('word/document.xml')) throw new DocxRejected('Dit .docx-bestand mist de hoofdtekst (word/document.xml); het is geen Word-document of het is beschadigd.')
  let total = 0
  const cache = new Map<string, string>()

  async function part(name: string): Promise<string | null> {
    if (cache.has(name)) return cache.get(name)!
    const file = zip.file(name)
    if (!file) return null
    const chunks: Uint8Array[] = []
    let size = 0
    await new Promise<void>((resolve, reject) => {
      // Inflated piece by piece; stopped as soon as it grows past the limit.
      const stream = file.nodeStream('nodebuffer')
      let stopped = false
      stream.on('data', (chunk: Buffer) => {
        if (stopped) return
        size += chunk.length
        total += chunk.length
        if (size > DOCX_LIMITS.partBytes || total > DOCX_LIMITS.totalBytes) {
          stopped = true
          stream.pause()
          reject(new DocxRejected(`Het onderdeel ${name} pakt uit tot meer dan ${DOCX_LIMITS.partBytes / 1024 / 1024} MB: dit bestand wordt niet geopend (mogelijk een zip-bom).`))
          return
        }
        chunks.push(chunk)
      })
      stream.on('error', () => { if (!stopped) reject(new DocxRejected(`Het onderdeel ${name} is beschadigd.`)) })
      stream.on('end', () => resolve())
    })
    const text = new TextDecoder('utf-8').decode(Buffer.concat(chunks))
    if (/<!DOCTYPE|<!ENTITY/i.test(text.slice(0, 4096)) || /<!ENTITY/i.test(text)) {
      throw new DocxRejected(`Het onderdeel ${name} bevat een DOCTYPE of entiteiten; zulke bestanden opent Paraaf niet.`)
    }
    cache.set(name, text)
    return text
  }

  return { part, names }
}
