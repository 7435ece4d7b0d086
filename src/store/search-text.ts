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
