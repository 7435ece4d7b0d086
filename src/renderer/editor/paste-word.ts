// What Word puts on the clipboard, made into HTML the schema reads: Word
// writes lists as paragraphs (class MsoListParagraph…, style mso-list:l0
// level2 lfo1, the bullet or number as text behind a <![if !supportLists]>)
// and footnotes as links to a footnote list at the end. Paste keeps them as
// lists and as footnotes with their text.

const MAX_ITEMS = 5000

/** Word's clipboard HTML with its lists and footnotes in the form Paraaf's schema parses. */
export function wordHtmlToSchemaHtml(html: string): string {
  // Downlevel-revealed conditionals ("<![if !supportLists]>…<![endif]>") hold the list markers: their
  // content is kept (the marker tells bullets from numbers), the brackets go.
  const doc = new DOMParser().parseFromString(html.replace(/<!\[if[^\]]*\]>|<!\[endif\]>/gi, ''), 'text/html')
  footnotes(doc)
  lists(doc)
  return doc.body.innerHTML
}

/** Whether clipboard HTML comes from Word (or Outlook, which writes the same). */
export function isWordHtml(html: string): boolean {
  return /urn:schemas-microsoft-com:office|class="?Mso|mso-list|mso-footnote/i.test(html)
}

function footnotes(doc: Document) {
  // The notes' text, by the id Word gives them (ftn1, ftn2 …).
  const texts = new Map<string, string>()
  for (const note of Array.from(doc.querySelectorAll<HTMLElement>('[style*="mso-element:footnote"]')).slice(0, MAX_ITEMS)) {
    if (!/mso-element:\s*footnote\b(?!-)/i.test(note.getAttribute('style') ?? '')) continue
    const id = note.id
    const clone = note.cloneNode(true) as HTMLElement
    // The note's own number ("[1]") links back to the text.
    clone.querySelectorAll('a[href^="#_ftnref"], a[name^="_ftnref"]').forEach((a) => a.remove())
    texts.set(id, (clone.textContent ?? '').replace(/\s+/g, ' ').trim())
  }
  doc.querySelectorAll('[style*="mso-element:footnote-list"]').forEach((list) => list.remove())
  for (const ref of Array.from(doc.querySelectorAll<HTMLAnchorElement>('a[style*="mso-footnote-id"], a[href^="#_ftn"]')).slice(0, MAX_ITEMS)) {
    const id = /mso-footnote-id:\s*([\w-]+)/i.exec(ref.getAttribute('style') ?? '')?.[1] ?? (ref.getAttribute('href') ?? '').replace(/^#_/, '')
    if (!/^ftn\d+$/.test(id)) continue
    const note = doc.createElement('span')
    note.className = 'footnote'
    note.textContent = texts.get(id) ?? ''
    ref.replaceWith(note)
  }
}

function lists(doc: Document) {
  const items = Array.from(doc.body.querySelectorAll<HTMLElement>('p')).filter((p) => /mso-list:\s*l\d+\s+level\d+/i.test(p.getAttribute('style') ?? '') || /^MsoListParagraph/i.test(p.className)).slice(0, MAX_ITEMS)
  // Runs of list paragraphs that follow each other make one list (with nested lists by level).
  let stack: { list: HTMLElement; level: number }[] = []
  let last: HTMLElement | null = null
  for (const p of items) {
    const style = p.getAttribute('style') ?? ''
    const level = Math.min(4, Math.max(1, Number(/level(\d+)/i.exec(style)?.[1] ?? 1)))
    const marker = (p.querySelector('[style*="mso-list:Ignore"], [style*="mso-list: Ignore"]')?.textContent ?? '').trim()
    p.querySelectorAll('[style*="mso-list:Ignore"], [style*="mso-list: Ignore"]').forEach((m) => m.remove())
    // "1." "a)" "iv." number a list; "·" "o" "§" "-" "•" are bullets.
    const ordered = /^(\d+|[a-z]|[ivxlc]+)[.)]$/i.test(marker)
    const follows = last !== null && last.nextElementSibling === p
    if (!follows) stack = []
    while (stack.length && stack[stack.length - 1].level > level) stack.pop()
    let top = stack[stack.length - 1]
    if (!top || top.level < level || (top.list.tagName === 'OL') !== ordered) {
      const list = doc.createElement(ordered ? 'ol' : 'ul')
      if (ordered && /\)$/.test(marker)) list.dataset.delimiter = ')'
      if (ordered && /^\d+/.test(marker) && parseInt(marker, 10) !== 1) list.setAttribute('start', String(Math.min(9999, parseInt(marker, 10))))
      if (top && top.level < level && top.list.lastElementChild) top.list.lastElementChild.append(list)
      else {
        if (top && top.level === level) stack.pop()
        p.before(list)
      }
      top = { list, level }
      stack.push(top)
    }
    const li = doc.createElement('li')
    const para = doc.createElement('p')
    para.append(...Array.from(p.childNodes))
    li.append(para)
    top.list.append(li)
    last = p
    // The paragraph itself stays in place (empty) until the next one is seen, then goes.
    p.replaceChildren()
    p.dataset.wordListItem = '1'
  }
  doc.querySelectorAll('p[data-word-list-item]').forEach((p) => p.remove())
}
