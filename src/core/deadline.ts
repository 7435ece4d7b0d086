// A round's deadline as staff write it ("vr 12 juni 12.00 uur", "vrijdag
// 12.00", "12-6-2026 17:00", "2026-06-12T12:00", "morgen 10 uur"), read into
// a wall-clock date and time, and written back the way a ministry writes it.
// Wall-clock: a deadline is "Friday noon" wherever the laptop is; it is
// compared with the laptop's own clock.

export interface Deadline {
  /** YYYY-MM-DD */
  date: string
  /** HH:MM, or null when only a day was given (the whole day counts). */
  time: string | null
}

const DAYS = ['zo', 'ma', 'di', 'wo', 'do', 'vr', 'za']
const DAY_NAMES = ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag']
const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december']

const pad = (n: number) => String(n).padStart(2, '0')
const isoDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
const EXAMPLE = 'schrijf bijvoorbeeld “vr 12 juni 12.00 uur”, “vrijdag 12.00”, “12-6-2026 17:00” of “2026-06-12 12:00”'

function weekdayOf(word: string): number | null {
  const w = word.replace(/\.$/, '')
  for (let i = 0; i < 7; i++) if (w === DAYS[i] || w === DAY_NAMES[i] || (w.length >= 2 && DAY_NAMES[i].startsWith(w))) return i
  return null
}

function monthOf(word: string): number | null {
  const w = word.replace(/\.$/, '')
  if (w.length < 3) return null
  const i = MONTHS.findIndex((m) => m.startsWith(w) || (w === 'mrt' && m === 'maart'))
  return i < 0 ? null : i
}

/** A real calendar day (no 31 juni), as a local Date at noon. */
function day(year: number, month: number, date: number): Date | null {
  const d = new Date(year, month, date, 12)
  return d.getFullYear() === year && d.getMonth() === month && d.getDate() === date ? d : null
}

/** Reads a deadline; `now` places a date without a year and a bare weekday. */
export function parseDeadline(text: string, now: Date): { ok: true; value: Deadline } | { ok: false; error: string } {
  const bad = (why = '') => ({ ok: false as const, error: `De deadline “${text.trim().slice(0, 60)}” is niet te lezen${why}; ${EXAMPLE}.` })
  let rest = text.trim().toLocaleLowerCase('nl').replace(/,/g, ' ').replace(/\s+/g, ' ')
  if (!rest) return bad()
  let time: string | null = null
  // The time: 12.00, 12:00, 12u, 12 uur, 9.30 uur; "T12:00" of an ISO text.
  const clock = /(?:^|[\sTt])(?:om )?(\d{1,2})(?:[.:](\d{2}))?\s*(uur|u)?$/.exec(rest)
  if (clock && (clock[2] !== undefined || clock[3] !== undefined)) {
    const hours = Number(clock[1])
    const minutes = Number(clock[2] ?? 0)
    if (hours > 23 || minutes > 59) return bad(' (geen bestaande tijd)')
    time = `${pad(hours)}:${pad(minutes)}`
    rest = rest.slice(0, clock.index).trim()
  }
  rest = rest.replace(/ ?uiterlijk$|^uiterlijk ?|^voor ?|^vóór ?/g, '').trim()
  let weekday: number | null = null
  const words = rest ? rest.split(' ') : []
  if (words.length && weekdayOf(words[0]) !== null) {
    weekday = weekdayOf(words[0])
    words.shift()
  }
  const today = day(now.getFullYear(), now.getMonth(), now.getDate())!
  let found: Date | null = null
  const joined = words.join(' ')
  let m: RegExpExecArray | null
  if (!joined) {
    if (weekday === null) {
      if (time === null) return bad()
      found = today
    } else {
      // The next such day; today when the time is still ahead.
      for (let i = 0; i < 8 && !found; i++) {
        const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() + i, 12)
        if (d.getDay() !== weekday) continue
        if (i === 0 && time !== null && time <= `${pad(now.getHours())}:${pad(now.getMinutes())}`) continue
        found = d
      }
    }
  } else if (/^(vandaag|morgen|overmorgen)$/.test(joined) && weekday === null) {
    const add = joined === 'vandaag' ? 0 : joined === 'morgen' ? 1 : 2
    found = new Date(today.getFullYear(), today.getMonth(), today.getDate() + add, 12)
  } else if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(joined))) {
    found = day(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
    if (!found) return bad(' (geen bestaande datum)')
  } else if ((m = /^(\d{1,2})[-/](\d{1,2})(?:[-/](\d{4}))?$/.exec(joined)) || (m = /^(\d{1,2}) ([a-z]+\.?)(?: (\d{4}))?$/.exec(joined))) {
    const date = Number(m[1])
    const month = /^\d+$/.test(m[2]) ? Number(m[2]) - 1 : monthOf(m[2])
    if (month === null || month > 11) return bad()
    if (m[3]) {
      found = day(Number(m[3]), month, date)
      if (!found) return bad(' (geen bestaande datum)')
    } else {
      // No year: the nearest such day that fits the weekday, from a month ago on.
      const from = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 31, 12)
      const candidates = [today.getFullYear() - 1, today.getFullYear(), today.getFullYear() + 1]
        .map((y) => day(y, month, date))
        .filter((d): d is Date => d !== null && (weekday === null || d.getDay() === weekday))
      found = candidates.find((d) => d >= from) ?? candidates[candidates.length - 1] ?? null
      if (!found) return bad(weekday !== null ? ` (${date} ${MONTHS[month]} is rond nu geen ${DAY_NAMES[weekday]})` : ' (geen bestaande datum)')
    }
  } else {
    return bad()
  }
  if (!found) return bad()
  if (weekday !== null && found.getDay() !== weekday) {
    return { ok: false, error: `${formatDeadline({ date: isoDate(found), time: null }, now, true).replace(/^\S+ /, '')} is een ${DAY_NAMES[found.getDay()]}, geen ${DAY_NAMES[weekday]}.` }
  }
  return { ok: true, value: { date: isoDate(found), time } }
}

/** The moment a deadline passes, on the local clock: the end of the day when no time was given. */
export function deadlineMoment(d: Deadline): Date {
  const [y, mo, da] = d.date.split('-').map(Number)
  const [h, mi] = d.time ? d.time.split(':').map(Number) : [23, 59]
  return new Date(y, mo - 1, da, h, mi, d.time ? 0 : 59)
}

/** "vr 12 juni 12.00 uur"; the year only when it is not `now`'s (or always, with `withYear`). */
export function formatDeadline(d: Deadline, now: Date, withYear = false): string {
  const [y, mo, da] = d.date.split('-').map(Number)
  const weekday = new Date(y, mo - 1, da, 12).getDay()
  const year = withYear || y !== now.getFullYear() ? ` ${y}` : ''
  return `${DAYS[weekday]} ${da} ${MONTHS[mo - 1]}${year}${d.time ? ` ${d.time.replace(':', '.')} uur` : ''}`
}

/** The stored form: "2026-06-12T12:00", or "2026-06-12" for a whole day. */
export const deadlineKey = (d: Deadline): string => (d.time ? `${d.date}T${d.time}` : d.date)

export function deadlineFromKey(key: string): Deadline | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?$/.exec(key)
  return m ? { date: m[1], time: m[2] ?? null } : null
}
