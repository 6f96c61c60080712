import { jstMidnight } from './jst'

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/** Date and time with seconds and fractions optional, and an offset required: a time without one names no instant. */
const DATE_TIME_WITH_OFFSET =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/

/** A `+` left unencoded in a query string arrives as a space: 2026-04-01T10:00:00 09:00. */
const OFFSET_DECODED_AS_SPACE = /(T[\d:.]+) (\d{2}:\d{2})$/

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

const daysInMonth = (year: number, month: number) =>
  [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]

/**
 * A day that exists on the calendar, written YYYY-MM-DD. Checked field by field because `Date` rolls
 * impossible days over (2026-02-30 becomes 2026-03-02) instead of refusing them.
 */
export const isCalendarDay = (value: string): boolean => {
  const parts = CALENDAR_DAY.exec(value)
  if (!parts) return false
  const [year, month, day] = parts.slice(1).map(Number)
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

/** The calendar day after `day` (YYYY-MM-DD), across month and year ends. */
export const dayAfter = (day: string): string => {
  const next = new Date(`${day}T00:00:00.000Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  return next.toISOString().slice(0, 10)
}

/**
 * An instant given in a query: an ISO 8601 date-time with an offset (2026-04-01T10:00:00+09:00, …Z),
 * or a calendar day meaning its midnight in Japan (2026-04-01 → 2026-03-31T15:00:00.000Z).
 * Null when the value is neither.
 */
export const parseInstant = (value: string): Date | null => {
  if (isCalendarDay(value)) return new Date(jstMidnight(value))
  const withOffset = value.replace(OFFSET_DECODED_AS_SPACE, '$1+$2')
  const parts = DATE_TIME_WITH_OFFSET.exec(withOffset)
  if (!parts) return null
  const [, day, hour, minute, second = '0', offsetHours = '0', offsetMinutes = '0'] = parts
  const inRange = Number(hour) <= 23 && Number(minute) <= 59 && Number(second) <= 59
  const offsetInRange = Number(offsetHours) <= 23 && Number(offsetMinutes) <= 59
  if (!isCalendarDay(day) || !inRange || !offsetInRange) return null
  return new Date(withOffset)
}
