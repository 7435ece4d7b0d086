// The searchable text of a stored block: the text of a ProseMirror block
// (footnotes included), or the values of a metadata object.

/** Extracts the words a search should find in a block's or metadata's JSON. */
export function searchTextOfJson(json: string): string {
  const value = JSON.parse(json) as unknown
  const out: string[] = []
  const isNode = (v: unknown): v is { type: string } => !!v && typeof v === 'object' && typeof (v as { type?: unknown }).type === 'string'
  if (isNode(value)) {
    const walk = (n: unknown) => {
      if (!n || typeof n !== 'object') return
      const node = n as { text?: unknown; content?: unknown[] }
      if (typeof node.text === 'string') out.push(node.text)
      node.content?.forEach(walk)
    }
    walk(value)
    return out.join(' ')
  }
  // Metadata: every string value, lists included.
  for (const v of Object.values(value as Record<string, unknown>)) {
    if (typeof v === 'string') out.push(v)
    else if (Array.isArray(v)) out.push(...v.filter((x): x is string => typeof x === 'string'))
  }
  return out.join(' ')
}

/** A word as the index compares it: lower case, without diacritics ("één" is "een"). */
const folded = (word: string) => word.normalize('NFD').replace(/\p{M}+/gu, '').toLocaleLowerCase('nl')

/**
 * A search hit as FTS5's snippet() wrote it when the index still kept a copy
 * of the text: at most `size` words around the hits, each word that begins
 * with a searched word between [ and ], "…" where the text goes on.
 */
export function snippetOf(text: string, words: string[], size = 12): string {
  const tokens = [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ from: m.index, to: m.index + m[0].length, hit: false }))
  if (!tokens.length) return ''
  const wanted = words.map(folded)
  for (const t of tokens) t.hit = wanted.some((w) => folded(text.slice(t.from, t.to)).startsWith(w))
  // The window with the most hits (the first of equals), then the hits in it centred.
  let start = 0
  let best = -1
  for (let k = 0; k + Math.min(size, tokens.length) <= tokens.length; k++) {
    let n = 0
    for (let i = k; i < k + size && i < tokens.length; i++) if (tokens[i].hit) n++
    if (n > best) {
      best = n
      start = k
    }
  }
  const hits = tokens.slice(start, start + size).map((t, i) => (t.hit ? start + i : -1)).filter((i) => i >= 0)
  if (hits.length) start = Math.max(0, Math.min(tokens.length - size, hits[0] - Math.floor((size - (hits[hits.length - 1] - hits[0] + 1)) / 2)))
  const end = Math.min(tokens.length, start + size)
  let out = start > 0 ? '…' : ''
  let at = tokens[start].from
  for (let i = start; i < end; i++) {
    const t = tokens[i]
    out += text.slice(at, t.from) + (t.hit ? `[${text.slice(t.from, t.to)}]` : text.slice(t.from, t.to))
    at = t.to
  }
  return end < tokens.length ? `${out}…` : out + text.slice(at)
}
