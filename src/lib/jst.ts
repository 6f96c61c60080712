/** The chain's time zone: every displayed date and every "which day" question is answered in it. */
export const CHAIN_TIME_ZONE = 'Asia/Tokyo'

const jstDayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: CHAIN_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** The calendar day (YYYY-MM-DD) of an instant as seen in Japan. */
export const jstDay = (instant: Date | string): string => jstDayFormat.format(new Date(instant))

/** The instant a Japanese calendar day begins: jstMidnight('2019-07-18') is 2019-07-17T15:00:00.000Z. */
export const jstMidnight = (day: string): string => new Date(`${day}T00:00:00+09:00`).toISOString()

const jstMinuteFormat = new Intl.DateTimeFormat('ja-JP', {
  timeZone: CHAIN_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** An instant as the admin shows dates in Japan: 2026/06/20 10:00. */
export const jstDateTime = (instant: Date | string): string => jstMinuteFormat.format(new Date(instant))
