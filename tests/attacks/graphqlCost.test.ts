import { describe, expect, it } from 'vitest'

import { serverBehindProxy } from '../helpers/behindProxy'

/*
 * GraphQL cost. 500 aliases of a counting query passed `maxComplexity: 1000` (Payload priced each at 2), ran for
 * 20 s and more while every other API request waited behind them, and the /api rate limiter counted the whole
 * thing as one request. Now an operation is priced per alias, per root field and per document a list can return,
 * aliases and root fields are capped, and the cost is spent from the client's API budget.
 */

// A small API budget; the client address comes from X-Forwarded-For, so each case spends a fresh address's budget.
const POINTS_PER_MINUTE = 100

const { server, freshAddress } = serverBehindProxy({ apiRateLimitPerMinute: POINTS_PER_MINUTE }, '203.0.113')

/** How long a replay waits for an answer: the attack kept the server busy far longer on the original main. */
const PATIENCE_MS = 15_000

type Outcome = { status: number | 'no answer'; codes: string[]; retryAfter: null | string }

/** The refusal code of a GraphQL error: in `extensions` when validation refused, in `extensions.data` when a resolver did. */
const codeOf = (error: { extensions?: { code?: string; data?: { code?: string } } }) =>
  error.extensions?.code ?? error.extensions?.data?.code

/** One GraphQL request from `address`; 'no answer' when the server did not answer within PATIENCE_MS. */
const graphqlFrom = async (address: string, query: string): Promise<Outcome> => {
  try {
    const response = await fetch(`${server().baseUrl}/api/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': address },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(PATIENCE_MS),
    })
    const body = await response.json()
    return {
      status: response.status,
      codes: (body.errors ?? []).map(codeOf),
      retryAfter: response.headers.get('retry-after'),
    }
  } catch {
    return { status: 'no answer', codes: [], retryAfter: null }
  }
}

const restFrom = (address: string, path: string) =>
  fetch(`${server().baseUrl}${path}`, { headers: { 'X-Forwarded-For': address } })

const aliasedCounts = (count: number) =>
  `{ ${Array.from({ length: count }, (_, index) => `c${index}: countArticles { totalDocs }`).join(' ')} }`

describe('GraphQL cost', { timeout: 120_000 }, () => {
  it('refuses 500 aliases of a counting query with a 400, before any of them runs', async () => {
    const outcome = await graphqlFrom(freshAddress(), aliasedCounts(500))
    expect(outcome.status).toBe(400)
    expect(outcome.codes).toEqual(expect.arrayContaining(['TOO_MANY_ROOT_FIELDS', 'TOO_MANY_ALIASES', 'COST_TOO_HIGH']))
  })

  it('caps root fields per operation, named or reached through a fragment', async () => {
    const rootFields = [
      'countArticles',
      'countRepairLogs',
      'countCampaigns',
      'countPrices',
      'countDevices',
      'countStores',
      'countUsers',
      'countAuditLogs',
    ]
    const named = `{ ${rootFields.map((field) => `${field} { totalDocs }`).join(' ')} Stores { totalDocs } Devices { totalDocs } Articles { totalDocs } }`
    const throughFragment = `query { ...Counts } fragment Counts on Query { ${rootFields.map((field) => `${field} { totalDocs }`).join(' ')} Stores { totalDocs } Devices { totalDocs } Articles { totalDocs } }`
    for (const query of [named, throughFragment]) {
      const outcome = await graphqlFrom(freshAddress(), query)
      expect(outcome.status).toBe(400)
      expect(outcome.codes).toContain('TOO_MANY_ROOT_FIELDS')
    }
  })

  it('caps aliases anywhere in an operation, not only at the root', async () => {
    const aliases = Array.from({ length: 40 }, (_, index) => `n${index}: name`).join(' ')
    const outcome = await graphqlFrom(freshAddress(), `{ Stores(limit: 1) { docs { ${aliases} } } }`)
    expect(outcome.status).toBe(400)
    expect(outcome.codes).toContain('TOO_MANY_ALIASES')
  })

  it('prices a list by the documents it may return: a large limit or no limit at all is refused', async () => {
    for (const list of ['Stores(limit: 5000)', 'Stores(limit: 0)', 'Stores(pagination: false)']) {
      const outcome = await graphqlFrom(freshAddress(), `{ ${list} { docs { name slug city phone } } }`)
      expect(outcome.status).toBe(400)
      expect(outcome.codes).toContain('COST_TOO_HIGH')
    }
  })

  it('spends the API budget by cost: a few costly queries use up what a hundred plain reads would', async () => {
    const address = freshAddress()
    // Within every cap, but 150 documents of 4 fields each: far more than one request's worth of work.
    // Each round a different operation: an answer from the response cache runs nothing and costs no more than a hit.
    const costly = (round: number) =>
      `{ Stores(limit: 150, page: ${round + 1}) { docs { name slug city phone } totalDocs } }`
    const outcomes: Outcome[] = []
    for (let round = 0; round < 4; round += 1) outcomes.push(await graphqlFrom(address, costly(round)))
    expect(outcomes[0].status).toBe(200)
    expect(outcomes.map((outcome) => outcome.status)).toContain(429)
    const refused = outcomes.find((outcome) => outcome.status === 429)
    expect(refused?.codes).toContain('RATE_LIMITED')
    expect(Number(refused?.retryAfter)).toBeGreaterThan(0)
    // The address's budget is spent for plain reads too.
    expect((await restFrom(address, '/api/stores?limit=1')).status).toBe(429)
    // Another address is untouched.
    expect((await restFrom(freshAddress(), '/api/stores?limit=1')).status).toBe(200)
  })

  it('refuses costly queries sent in parallel at once, so a plain REST read meanwhile is answered', async () => {
    const attacker = freshAddress()
    const floods = [1, 2, 3].map(() => graphqlFrom(attacker, aliasedCounts(500)))
    const read = restFrom(freshAddress(), '/api/stores?limit=1').then(
      (response) => response.status,
      () => 'no answer',
    )
    const outcomes = await Promise.all(floods)
    expect(outcomes.map((outcome) => outcome.status)).toEqual([400, 400, 400])
    expect(await read).toBe(200)
  })
})
