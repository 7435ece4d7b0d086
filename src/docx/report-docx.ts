// The Verwerkingsoverzicht as a Word file: per proposal of one partner what
// was done with it, and their comments, ready to mail back. Plain and
// readable rather than in the letter's house style: it is a working note.
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx'

export interface ReportItem {
  deleted: string
  inserted: string
  untracked: boolean
  /** "overgenomen", "aangepast overgenomen", "niet overgenomen: reden", "nog in behandeling". */
  outcome: string
}

export interface ReportInput {
  title: string
  intro: string
  items: ReportItem[]
  comments: { text: string; state: string }[]
}

/** A .docx of the overview (w:del-like strike for old words, underline for new ones). */
export async function reportDocx(input: ReportInput): Promise<Buffer> {
  const font = 'Verdana'
  const para = (children: TextRun[]) => new Paragraph({ children, spacing: { after: 120 } })
  const quote = (text: string, style: 'old' | 'new') =>
    new TextRun({ text: text.replace(/\s+/g, ' ').trim() || '(niets)', font, size: 18, strike: style === 'old', underline: style === 'new' ? {} : undefined, color: style === 'old' ? 'B5082E' : '1F5FBF' })
  const children: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: input.title, font, bold: true, size: 26 })], spacing: { after: 200 } }),
    para([new TextRun({ text: input.intro, font, size: 18 })]),
  ]
  if (!input.items.length) children.push(para([new TextRun({ text: 'Geen tekstvoorstellen ontvangen.', font, size: 18 })]))
  for (const item of input.items) {
    children.push(para([
      quote(item.deleted, 'old'), new TextRun({ text: ' → ', font, size: 18 }), quote(item.inserted, 'new'),
      ...(item.untracked ? [new TextRun({ text: ' (niet bijgehouden)', font, size: 18, italics: true })] : []),
      new TextRun({ text: `: ${item.outcome}`, font, size: 18, bold: true }),
    ]))
  }
  if (input.comments.length) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: 'Opmerkingen', font, bold: true, size: 20 })], spacing: { before: 240, after: 120 } }))
    for (const c of input.comments) children.push(para([new TextRun({ text: `“${c.text.replace(/\s+/g, ' ').trim()}”`, font, size: 18 }), new TextRun({ text: `: ${c.state}`, font, size: 18, bold: true })]))
  }
  const doc = new Document({ creator: 'Paraaf', title: input.title, sections: [{ children: children.map((p) => p), properties: {} }], styles: { default: { document: { run: { font } } } } })
  return Packer.toBuffer(doc)
}

/** The paraafblad for the dossier: one page with the route and each paraaf, its version, date, fingerprint and remark. */
export async function paraafbladDocx(input: { title: string; intro: string; route: string[]; items: { line: string; detail: string }[] }): Promise<Buffer> {
  const font = 'Verdana'
  const para = (text: string, opts: { bold?: boolean; size?: number; color?: string } = {}) => new Paragraph({ children: [new TextRun({ text, font, size: opts.size ?? 18, bold: opts.bold, color: opts.color })], spacing: { after: 80 } })
  const heading = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text, font, bold: true, size: 20 })], spacing: { before: 200, after: 100 } })
  const children: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: input.title, font, bold: true, size: 26 })], spacing: { after: 200 } }),
    para(input.intro),
    heading('Paraafroute'),
    ...(input.route.length ? input.route.map((r) => para(r)) : [para('(geen route)')]),
    heading('Parafen'),
    ...(input.items.length ? input.items.flatMap((i) => [para(i.line, { bold: true }), para(i.detail, { size: 14, color: '4A5560' })]) : [para('Nog geen parafen.')]),
  ]
  const doc = new Document({ creator: 'Paraaf', title: input.title, sections: [{ children, properties: {} }], styles: { default: { document: { run: { font } } } } })
  return Packer.toBuffer(doc)
}
