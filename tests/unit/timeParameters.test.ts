import { describe, expect, it } from 'vitest'

import { dayAfter, isCalendarDay, parseInstant } from '../../src/lib/timeParameters'

describe('calendar days', () => {
  it.each(['2026-04-01', '2024-02-29', '2000-02-29', '2026-12-31'])('%s is a day', (day) => {
    expect(isCalendarDay(day)).toBe(true)
  })

  it.each([
    '2026-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-4-1',
    '20260401',
    '2026-04-01T00:00:00Z',
    '',
  ])('%j is not', (value) => {
    expect(isCalendarDay(value)).toBe(false)
  })

  it.each([
    ['2026-04-01', '2026-04-02'],
    ['2026-04-30', '2026-05-01'],
    ['2024-02-28', '2024-02-29'],
    ['2026-02-28', '2026-03-01'],
    ['2026-12-31', '2027-01-01'],
  ])('the day after %s is %s', (day, next) => {
    expect(dayAfter(day)).toBe(next)
  })
})

describe('instants given in a query', () => {
  it.each([
    ['2026-04-01', '2026-03-31T15:00:00.000Z'],
    ['2026-04-01T00:00:00+09:00', '2026-03-31T15:00:00.000Z'],
    ['2026-03-31T15:00:00Z', '2026-03-31T15:00:00.000Z'],
    ['2026-03-31T15:00Z', '2026-03-31T15:00:00.000Z'],
    ['2026-03-31T14:59:59.999Z', '2026-03-31T14:59:59.999Z'],
    ['2026-04-01T10:00:00.123456+09:00', '2026-04-01T01:00:00.123Z'],
    ['2026-03-31T10:00:00-05:00', '2026-03-31T15:00:00.000Z'],
    ['2026-04-01T00:00:00 09:00', '2026-03-31T15:00:00.000Z'],
  ])('%s is %s', (value, instant) => {
    expect(parseInstant(value)?.toISOString()).toBe(instant)
  })

  it.each([
    ['2026-04-01T10:00:00', 'no offset'],
    ['2026-02-30T00:00:00Z', 'a day that does not exist'],
    ['2026-04-01T24:00:00Z', 'hour 24'],
    ['2026-04-01T10:60:00Z', 'minute 60'],
    ['2026-04-01T10:00:00+24:00', 'offset beyond 23 hours'],
    ['2026-04-01t10:00:00z', 'lower-case separators'],
    ['1775001600000', 'epoch milliseconds'],
    ['tomorrow', 'words'],
    ['', 'nothing'],
  ])('%j is refused (%s)', (value) => {
    expect(parseInstant(value)).toBeNull()
  })
})
