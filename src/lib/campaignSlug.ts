import { CHAIN_TIME_ZONE } from './jst'
import { toHalfWidth } from './normalize'

/** What a campaign slug is made from: the fields HQ fills in anyway. */
export type CampaignSlugSource = { title?: unknown; kind?: unknown; value?: unknown; startsAt?: unknown }

const jstYearMonth = new Intl.DateTimeFormat('en-CA', { timeZone: CHAIN_TIME_ZONE, year: 'numeric', month: '2-digit' })

/**
 * The retail seasons a Japanese chain names its campaigns by (年末, 新春, 春の新生活, 夏休み); the other months
 * have no such name, so they keep their number.
 */
const SEASON_BY_MONTH: Record<number, string> = {
  12: 'year-end',
  1: 'new-year',
  3: 'spring',
  4: 'spring',
  7: 'summer',
  8: 'summer',
}

const MAX_TITLE_WORDS = 4

/** year-end-2026, spring-2027, 2026-10: when the campaign starts, as seen in Japan. */
export const campaignPeriod = (startsAt: unknown): string | undefined => {
  if (typeof startsAt !== 'string' && !(startsAt instanceof Date)) return undefined
  const instant = new Date(startsAt)
  if (Number.isNaN(instant.getTime())) return undefined
  const [year, month] = jstYearMonth.format(instant).split('-')
  const season = SEASON_BY_MONTH[Number(month)]
  return season ? `${season}-${year}` : `${year}-${month}`
}

/** 1000yen-off, 10pct-off, or the kind's code in slug spelling (trade_in gives trade-in, free_shipping free-shipping). */
export const campaignOffer = (kind: unknown, value: unknown): string | undefined => {
  if (typeof kind !== 'string' || kind === '') return undefined
  // A safe integer prints as digits; a huge one (1e+21) would not fit the slug rule.
  const amount = typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined
  // Codes join words with underscores (GraphQL enum names allow no hyphen); slugs join them with hyphens.
  const words = kind.replaceAll('_', '-')
  if (kind === 'fixed_yen_off') return amount ? `${amount}yen-off` : words
  if (kind === 'percent_off') return amount ? `${amount}pct-off` : words
  return words
}

/**
 * year-end-2026-screen-1000yen-off: the period, the Latin words of the title (what the campaign is about:
 * screen, iphone-12), and the offer. Numbers and words the offer already says are not repeated from the title
 * (「1000円引き」 would otherwise give 1000-1000yen-off). Empty when there is nothing to build from.
 */
export const campaignSlugBase = ({ title, kind, value, startsAt }: CampaignSlugSource): string => {
  const offer = campaignOffer(kind, value)
  const said = new Set([...(offer?.split('-') ?? []), String(value ?? '')])
  const titleWords = (
    typeof title === 'string'
      ? (toHalfWidth(title)
          .toLowerCase()
          .match(/[a-z0-9]+/g) ?? [])
      : []
  )
    .filter((word) => !said.has(word))
    .slice(0, MAX_TITLE_WORDS)
  return [campaignPeriod(startsAt), ...titleWords, offer].filter(Boolean).join('-')
}
