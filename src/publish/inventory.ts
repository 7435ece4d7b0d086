// The inventory list of a Woo decision: one row per document with its
// number, date, title, type, verdict and the grounds used, as .xlsx
// (write-excel-file) or .csv (semicolon-separated, as Dutch Excel opens it).
import writeXlsxFile from 'write-excel-file/node'

export type Verdict = 'openbaar' | 'deels openbaar' | 'niet openbaar'

export interface InventoryRow {
  number: number
  /** dd-mm-jjjj, or empty. */
  date: string
  title: string
  type: string
  verdict: Verdict
  grounds: string[]
  /** Paraaf's document id and version, so the row can be traced. */
  document: number
  version: number
}

const HEADER = ['Nr.', 'Datum', 'Documentnaam', 'Type', 'Beoordeling', 'Weigeringsgronden', 'Document', 'Versie']

const cells = (r: InventoryRow) => [String(r.number), r.date, r.title, r.type, r.verdict, r.grounds.join(', '), String(r.document), String(r.version)]

/** A cell in CSV: quoted when it holds a separator, quote or line break; a leading = + - @ is neutralised (no formula injection). */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export function inventoryCsv(rows: InventoryRow[]): Buffer {
  const lines = [HEADER, ...rows.map(cells)].map((line) => line.map(csvCell).join(';'))
  // A byte order mark, so Excel reads the accents as UTF-8.
  return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8')
}

export async function inventoryXlsx(rows: InventoryRow[]): Promise<Buffer> {
  const data = [
    HEADER.map((value) => ({ value, fontWeight: 'bold' as const })),
    ...rows.map((r) => [
      { value: r.number, type: Number },
      { value: r.date, type: String },
      { value: r.title, type: String },
      { value: r.type, type: String },
      { value: r.verdict, type: String },
      { value: r.grounds.join(', '), type: String },
      { value: r.document, type: Number },
      { value: r.version, type: Number },
    ]),
  ]
  return writeXlsxFile(data, { sheet: 'Inventaris', columns: [{ width: 6 }, { width: 12 }, { width: 60 }, { width: 14 }, { width: 16 }, { width: 24 }, { width: 10 }, { width: 8 }], stickyRowsCount: 1 }).toBuffer()
}
