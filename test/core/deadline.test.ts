import { describe, expect, it } from 'vitest'
import { deadlineMoment, formatDeadline, parseDeadline } from '../../src/core/deadline.js'

// Monday 8 June 2026, 9.30 on the laptop's clock.
const monday = new Date(2026, 5, 8, 9, 30)
const read = (text: string, now = monday) => {
  const r = parseDeadline(text, now)
  return r.ok ? `${r.value.date}${r.value.time ? ` ${r.value.time}` : ''}` : r.error
}

describe('a round deadline as staff write it', () => {
  it('reads the ways a ministry writes a day and a time', () => {
    expect(read('vr 12 juni 12.00 uur')).toBe('2026-06-12 12:00')
    expect(read('vrijdag 12 juni, 12:00')).toBe('2026-06-12 12:00')
    expect(read('12 jun. 17u')).toBe('2026-06-12 17:00')
    expect(read('12-6-2026 9.30')).toBe('2026-06-12 09:30')
    expect(read('2026-06-12T12:00')).toBe('2026-06-12 12:00')
    expect(read('uiterlijk 3 juli 2026')).toBe('2026-07-03')
    expect(read('morgen 10 uur')).toBe('2026-06-09 10:00')
  })

  it('takes a bare weekday as the next such day, today while the time is still ahead', () => {
    expect(read('vrijdag 12.00 uur')).toBe('2026-06-12 12:00')
    expect(read('ma 17.00')).toBe('2026-06-08 17:00')
    expect(read('ma 9.00')).toBe('2026-06-15 09:00')
  })

  it('places a date without a year near now, and a weekday that fits it', () => {
    // In November, "12 juni" is next year's; a deadline of last week stays last week's.
    expect(read('12 juni', new Date(2026, 10, 23))).toBe('2027-06-12')
    expect(read('20 november', new Date(2026, 10, 23))).toBe('2026-11-20')
    // 12 June is a Friday in 2026, not in 2027: the weekday decides.
    expect(read('vr 12 juni 12.00 uur', new Date(2026, 10, 23))).toBe('2026-06-12 12:00')
  })

  it('refuses what is not a date, in one Dutch line with an example', () => {
    expect(read('volgende week')).toMatch(/^De deadline “volgende week” is niet te lezen; schrijf bijvoorbeeld “vr 12 juni 12\.00 uur”/)
    expect(read('31 juni 2026')).toMatch(/geen bestaande datum/)
    expect(read('vr 25.00')).toMatch(/geen bestaande tijd/)
    expect(read('do 12 juni 2026')).toBe('12 juni 2026 is een vrijdag, geen donderdag.')
    expect(read('x'.repeat(5000))).toMatch(/^De deadline “x{60}” is niet te lezen/)
  })

  it('writes it back as a ministry does, and passes at the end of a day given without a time', () => {
    expect(formatDeadline({ date: '2026-06-12', time: '12:00' }, monday)).toBe('vr 12 juni 12.00 uur')
    expect(formatDeadline({ date: '2027-01-04', time: null }, monday)).toBe('ma 4 januari 2027')
    expect(deadlineMoment({ date: '2026-06-12', time: null }) > new Date(2026, 5, 12, 23, 0)).toBe(true)
    expect(deadlineMoment({ date: '2026-06-12', time: '12:00' }) < new Date(2026, 5, 12, 12, 1)).toBe(true)
  })
})
