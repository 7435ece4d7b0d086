// Dutch dates: stored as ISO (2020-06-18), shown and typed as "18 juni 2020".

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december']

/** Tells whether `iso` is a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (mo < 1 || mo > 12 || d < 1) return false
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate()
}

/** Formats an ISO date the Dutch way: "2020-06-18" → "18 juni 2020". */
export function formatDutchDate(iso: string): string {
  if (!isIsoDate(iso)) return iso
  const [y, mo, d] = iso.split('-').map(Number)
  return `${d} ${MONTHS[mo - 1]} ${y}`
}

/**
 * Reads a date as a user types it: "18 juni 2020", "18-6-2020", "18/06/2020"
 * or ISO. Returns the ISO form, or null when it is not a real date.
 */
export function parseDutchDate(input: string): string | null {
  const text = input.trim().toLowerCase()
  if (isIsoDate(text)) return text
  let d: number, mo: number, y: number
  const named = /^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$/.exec(text)
  const numeric = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text)
  if (named) {
    const index = MONTHS.findIndex((month) => month === named[2] || (named[2].length >= 3 && month.startsWith(named[2])))
    if (index < 0) return null
    ;[d, mo, y] = [Number(named[1]), index + 1, Number(named[3])]
  } else if (numeric) {
    ;[d, mo, y] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])]
  } else {
    return null
  }
  const iso = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`
  return isIsoDate(iso) ? iso : null
}
