// Changing a .docx the way Word writes a reviewer's edits: tracked
// (w:del and w:ins with author and date) or untracked, for review-round tests.
import JSZip from 'jszip'

/** The first run whose text holds `phrase`: [whole match, run start up to the text, text before, text after, run end]. */
function findRun(xml: string, phrase: string): RegExpExecArray | null {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(<w:r>(?:<w:rPr/>|<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?<w:t[^>]*>)([^<]*?)${escaped}([^<]*)(</w:t></w:r>)`).exec(xml)
}

/** A returned file, changed as Word writes changes: tracked (w:del/w:ins with author and date) or not. */
export async function changeDocx(base64: string, edits: { from: string; to: string; tracked: string | null }[], options: { skipMissing?: boolean } = {}): Promise<string> {
  const zip = await JSZip.loadAsync(Buffer.from(base64, 'base64'))
  let xml = await zip.file('word/document.xml')!.async('string')
  let id = 9000
  for (const e of edits) {
    const m = findRun(xml, e.from)
    if (!m) {
      if (options.skipMissing) continue
      throw new Error(`not in the exported file: ${e.from}`)
    }
    const [whole, open, before, after, close] = m
    const keep = (text: string) => (text ? `${open.replace(/<w:t[^>]*>$/, '<w:t xml:space="preserve">')}${text}${close}` : '')
    const replacement = e.tracked
      ? `${keep(before)}<w:del w:id="${id++}" w:author="${e.tracked}" w:date="2020-06-12T11:00:00Z"><w:r><w:delText xml:space="preserve">${e.from}</w:delText></w:r></w:del><w:ins w:id="${id++}" w:author="${e.tracked}" w:date="2020-06-12T11:00:00Z"><w:r><w:t xml:space="preserve">${e.to}</w:t></w:r></w:ins>${keep(after)}`
      : `${open}${before}${e.to}${after}${close}`
    xml = xml.replace(whole, replacement)
  }
  zip.file('word/document.xml', xml)
  return (await zip.generateAsync({ type: 'nodebuffer' })).toString('base64')
}


/** Adds a comment by `author` on `phrase`, as Word writes one (the file must already have word/comments.xml). */
export async function addWordComment(base64: string, phrase: string, author: string, text: string): Promise<string> {
  const zip = await JSZip.loadAsync(Buffer.from(base64, 'base64'))
  let xml = await zip.file('word/document.xml')!.async('string')
  let comments = await zip.file('word/comments.xml')!.async('string')
  const id = 700 + (comments.match(/<w:comment /g) ?? []).length
  const m = findRun(xml, phrase)
  if (!m) throw new Error(`not in the file: ${phrase}`)
  const [whole, open, before, after, close] = m
  const piece = (t: string) => (t ? `<w:r><w:t xml:space="preserve">${t}</w:t></w:r>` : '')
  xml = xml.replace(whole, `${piece(before)}<w:commentRangeStart w:id="${id}"/>${piece(phrase)}<w:commentRangeEnd w:id="${id}"/><w:r><w:commentReference w:id="${id}"/></w:r>${piece(after)}`)
  void open
  void close
  comments = comments.replace('</w:comments>', `<w:comment w:id="${id}" w:author="${author}" w:date="2020-06-12T10:00:00Z" w:initials="X"><w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p></w:comment></w:comments>`)
  zip.file('word/document.xml', xml)
  zip.file('word/comments.xml', comments)
  return (await zip.generateAsync({ type: 'nodebuffer' })).toString('base64')
}

/** Adds a reply by `author` to the thread whose first comment reads `threadText`, as Word does (commentsExtended). */
export async function addWordReply(base64: string, threadText: string, author: string, text: string): Promise<string> {
  const zip = await JSZip.loadAsync(Buffer.from(base64, 'base64'))
  let comments = await zip.file('word/comments.xml')!.async('string')
  let extended = await zip.file('word/commentsExtended.xml')!.async('string')
  const parent = new RegExp(`<w:p w14:paraId="([0-9A-F]{8})"[^>]*>(?:(?!</w:p>).)*${threadText.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).exec(comments)
  if (!parent) throw new Error(`no thread reads: ${threadText}`)
  const id = 800 + (comments.match(/<w:comment /g) ?? []).length
  const paraId = (0x7f000000 + id).toString(16).toUpperCase()
  comments = comments.replace('</w:comments>', `<w:comment w:id="${id}" w:author="${author}" w:date="${new Date().toISOString()}" w:initials="X"><w:p w14:paraId="${paraId}"><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p></w:comment></w:comments>`)
  extended = extended.replace('</w15:commentsEx>', `<w15:commentEx w15:paraId="${paraId}" w15:paraIdParent="${parent[1]}" w15:done="0"/></w15:commentsEx>`)
  zip.file('word/comments.xml', comments)
  zip.file('word/commentsExtended.xml', extended)
  return (await zip.generateAsync({ type: 'nodebuffer' })).toString('base64')
}

/**
 * Moves the paragraph holding `phrase` to after the paragraph holding
 * `afterPhrase`, as Word writes a tracked move (w:moveFrom / w:moveTo with
 * their ranges, the paragraph marks marked too), or untracked (cut and paste).
 */
export async function moveParagraphDocx(base64: string, phrase: string, afterPhrase: string, tracked: string | null): Promise<string> {
  const zip = await JSZip.loadAsync(Buffer.from(base64, 'base64'))
  let xml = await zip.file('word/document.xml')!.async('string')
  const paragraphAt = (text: string) => {
    const at = xml.indexOf(text)
    if (at < 0) throw new Error(`not in the exported file: ${text}`)
    const start = Math.max(xml.lastIndexOf('<w:p>', at), xml.lastIndexOf('<w:p ', at))
    const end = xml.indexOf('</w:p>', at) + '</w:p>'.length
    return { start, end, xml: xml.slice(start, end) }
  }
  const moved = paragraphAt(phrase)
  xml = xml.slice(0, moved.start) + (tracked ? '\u0000' : '') + xml.slice(moved.end)
  const after = paragraphAt(afterPhrase)
  const attrs = (id: number) => `w:id="${id}" w:author="${tracked}" w:date="2020-06-12T11:00:00Z"`
  const mark = (p: string, kind: 'moveFrom' | 'moveTo', id: number) => {
    const body = p.replace(/^(<w:p[^>]*>(?:<w:pPr>(?:(?!<\/w:pPr>).)*<\/w:pPr>)?)((?:.)*)(<\/w:p>)$/s, (_m, open: string, inner: string, close: string) => `${open}<w:${kind} ${attrs(id + 1)}>${inner}</w:${kind}>${close}`)
    // The paragraph mark moves too: <w:pPr><w:rPr><w:moveFrom/></w:rPr></w:pPr>.
    const withMark = body.includes('<w:pPr>') ? body.replace('</w:pPr>', `<w:rPr><w:${kind} ${attrs(id + 2)}/></w:rPr></w:pPr>`) : body.replace(/^(<w:p[^>]*>)/, `$1<w:pPr><w:rPr><w:${kind} ${attrs(id + 2)}/></w:rPr></w:pPr>`)
    return `<w:${kind}RangeStart ${attrs(id)} w:name="move1"/>${withMark}<w:${kind}RangeEnd w:id="${id}"/>`
  }
  const copy = tracked ? mark(moved.xml, 'moveTo', 8100) : moved.xml
  xml = xml.slice(0, after.end) + copy + xml.slice(after.end)
  if (tracked) xml = xml.replace('\u0000', mark(moved.xml, 'moveFrom', 8000))
  zip.file('word/document.xml', xml)
  return (await zip.generateAsync({ type: 'nodebuffer' })).toString('base64')
}
