import { isIPv6 } from 'node:net'
import { RateLimiterRes } from 'rate-limiter-flexible'

import { type LimiterFactory, limitersFromEnvironment } from './rateLimiterStore'

export const API_BUDGET_WINDOW_SECONDS = 60

/** One IPv6 client owns at least a /56 (RFC 6177): counting smaller networks would let it walk its addresses. */
const IPV6_CLIENT_PREFIX_BITS = 56

/** The eight 16-bit groups of an IPv6 address without a zone, through the URL parser (which knows every notation). */
const ipv6Groups = (address: string): number[] => {
  const [head = '', tail] = new URL(`http://[${address}]`).hostname.slice(1, -1).split('::')
  const hex = (part: string) => (part ? part.split(':').map((group) => parseInt(group, 16)) : [])
  if (tail === undefined) return hex(head)
  return [...hex(head), ...Array<number>(8 - hex(head).length - hex(tail).length).fill(0), ...hex(tail)]
}

/** The shortest text of eight groups (RFC 5952, as the URL parser writes it). */
const ipv6Text = (groups: number[]) =>
  new URL(`http://[${groups.map((group) => group.toString(16)).join(':')}]`).hostname.slice(1, -1)

/**
 * The key a client address is counted under: an IPv4 address as it is, one carried in IPv6 (::ffff:a.b.c.d, or the
 * old ::a.b.c.d) as that IPv4 address, any other IPv6 address by its /56 network ("2001:db8:1234:5600::/56").
 */
export const clientBudgetKey = (address: string): string => {
  if (!isIPv6(address)) return address
  // A link-local address may name its zone (fe80::1%eth0), which says nothing of the client.
  const [withoutZone = ''] = address.split('%')
  const groups = ipv6Groups(withoutZone)
  const zeroUpTo = (count: number) => groups.slice(0, count).every((group) => group === 0)
  const carriesIpv4 = (zeroUpTo(5) && groups[5] === 0xffff) || (zeroUpTo(6) && withoutZone.includes('.'))
  if (carriesIpv4)
    return groups
      .slice(6)
      .flatMap((group) => [group >> 8, group & 0xff])
      .join('.')
  const network = groups.map((group, index) => {
    const bitsKept = Math.min(16, Math.max(0, IPV6_CLIENT_PREFIX_BITS - 16 * index))
    return group & (0xffff << (16 - bitsKept)) & 0xffff
  })
  return `${ipv6Text(network)}/${IPV6_CLIENT_PREFIX_BITS}`
}

/** What spending more of a request's budget came to: refused requests learn how long to wait. */
export type BudgetAnswer = { ok: true } | { ok: false; retryAfterSeconds: number }

/** Where an address's budget stands after a request was charged: what the RateLimit header fields tell the client. */
export type BudgetState = { remainingPoints: number; secondsToReset: number }

export type Admission = ({ admitted: true } | { admitted: false; retryAfterSeconds: number }) & BudgetState

const retryAfterOf = (refusal: RateLimiterRes): number => Math.max(1, Math.ceil(refusal.msBeforeNext / 1000))

const stateOf = (res: RateLimiterRes): BudgetState => ({
  remainingPoints: Math.max(0, res.remainingPoints),
  secondsToReset: Math.ceil(res.msBeforeNext / 1000),
})

/** Spends more points of the budget of the address that sent a request (see spendApiBudget). */
type Spend = (points: number) => Promise<BudgetAnswer>

const spenders = new WeakMap<object, Spend>()

/**
 * Spends `points` more of the per-address budget the request was already charged one point of: a GraphQL operation
 * pays for its cost this way (see src/graphql/requestMeter.ts). Requests that met no budget (off, or outside /api)
 * always may.
 */
export const spendApiBudget = (request: object, points: number): Promise<BudgetAnswer> =>
  spenders.get(request)?.(points) ?? Promise.resolve({ ok: true })

/** Charges a request one point of its address's budget (the store's own failure is thrown). */
export type AdmitRequest = (request: object, address: string) => Promise<Admission>

/**
 * A budget of `perMinute` points per client address (keyed by clientBudgetKey) per minute. Its counters live in
 * the store of src/lib/rateLimiterStore.ts (Redis when REDIS_URL is set), so every instance spends the same budget.
 * A request admitted may spend more of it later through spendApiBudget.
 */
export const apiBudget = (perMinute: number, limiters: LimiterFactory = limitersFromEnvironment()): AdmitRequest => {
  const limiter = limiters({
    keyPrefix: 'api',
    points: perMinute,
    duration: API_BUDGET_WINDOW_SECONDS,
    blockDuration: 0,
  })
  const spend = async (key: string, points: number): Promise<BudgetAnswer> => {
    if (points <= 0) return { ok: true }
    try {
      await limiter.consume(key, points)
      return { ok: true }
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: retryAfterOf(refusal) }
      throw refusal
    }
  }

  return async (request, address) => {
    const key = clientBudgetKey(address)
    try {
      const state = stateOf(await limiter.consume(key, 1))
      spenders.set(request, (points) => spend(key, points))
      return { admitted: true, ...state }
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal
      return { admitted: false, retryAfterSeconds: retryAfterOf(refusal), ...stateOf(refusal) }
    }
  }
}
