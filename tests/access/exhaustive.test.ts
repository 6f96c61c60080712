/**
 * The exhaustive access test: every operation the running CMS serves over REST and GraphQL (read from the live config
 * and schema, Payload's own collections and endpoints included) × every role × every document scope, against the one
 * expectation table in expectations.ts. Anything served without a row there fails, and so does a row naming
 * something no longer served.
 *
 * tests/access/matrix.ts (rest.test.ts, graphql.test.ts) already checks read (find and findByID), create, update by ID
 * and delete by ID of the content collections for the five roles of a working session; this file checks every other
 * cell: counts, versions, restores, copies, updates and deletes by `where`, docAccess, accounts, uploads, our
 * endpoints, Payload's own collections, published and unused documents, and a session that owes its second factor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startServer } from '../helpers/server'
import { buildScene, type Scene } from './accessScene'
import { cellsOf, expectedButNotServed, servedWithoutExpectation } from './exhaustiveCells'
import { EXPECTATIONS, type Role, ROOT } from './expectations'
import { operationProbes } from './operationProbes'
import { graphqlRootFields, type ServedOperation, servedOverGraphql, servedOverRest } from './servedOperations'

// The enumeration needs the running CMS before the tests are declared: one server for the whole file.
const server = await startServer()
const served: ServedOperation[] = [
  ...servedOverRest(server.payload),
  ...servedOverGraphql(server.payload, await graphqlRootFields(server.graphql)),
]

/** Operations whose refusal may still answer 2xx: lists, counts and `where` writes that simply match nothing. */
const MAY_ANSWER_NOTHING = new Set([
  'find',
  'findByStore',
  'count',
  'versions',
  'updateWhere',
  'deleteWhere',
  'me',
  'GET /:key',
  'ActiveCampaigns',
  'StorePriceList',
])

let scene: Scene
let probes: ReturnType<typeof operationProbes>

beforeAll(async () => {
  scene = await buildScene(server)
  probes = operationProbes(server, scene)
})
afterAll(async () => {
  await server.stop()
})

const collections = [
  ...server.payload.config.collections.map(({ slug }) => slug),
  ...server.payload.config.globals.map(({ slug }) => slug),
  ROOT,
]
const describeServed = ({ api, collection, operation }: ServedOperation) => `${collection} ${operation} (${api})`

describe('the expectation table names exactly what the CMS serves', () => {
  it("every collection and global of the live config (Payload's own included) has a row", () => {
    expect(collections.filter((slug) => !EXPECTATIONS[slug])).toEqual([])
  })

  it('every operation served over REST or GraphQL has an expectation', () => {
    expect(servedWithoutExpectation(served)).toEqual([])
  })

  it('every expectation is of something served: no collection, operation or rule is named that nothing serves or asks', () => {
    expect(expectedButNotServed(served, collections)).toEqual([])
  })

  it('the comparison works both ways: a new collection or endpoint without a row, and a row for nothing, are named', () => {
    const added: ServedOperation[] = [
      { api: 'REST', collection: 'articles', operation: 'GET /:id/preview' },
      { api: 'GraphQL', collection: 'gift-cards', operation: 'findByID' },
    ]
    expect(servedWithoutExpectation([...served, ...added])).toEqual([
      'articles GET /:id/preview (REST)',
      'gift-cards findByID (GraphQL)',
    ])
    const table = {
      ...EXPECTATIONS,
      devices: {
        ...EXPECTATIONS.devices!,
        rules: { ...EXPECTATIONS.devices!.rules, readVersions: { unused: 'hq admin' } },
      },
      stores: {
        ...EXPECTATIONS.stores!,
        operations: { ...EXPECTATIONS.stores!.operations, 'GET /:slug/opening-hours': 'anonymous' },
      },
      coupons: { rules: {} },
    }
    expect(expectedButNotServed(served, collections, table)).toEqual([
      'devices rule readVersions',
      'stores GET /:slug/opening-hours',
      'coupons (no such collection)',
    ])
  })

  it('every served operation can be performed by this test', () => {
    expect(
      served
        .filter(({ api, collection, operation }) => !probes.probeOf(api, collection, operation))
        .map(describeServed),
    ).toEqual([])
  })
})

type Verdicts = Record<string, Partial<Record<Role, 'yes' | 'no'>>>

/** Runs the cells of one operation and answers who could, scope by scope, beside what the table says. */
const runCells = async (operation: ServedOperation) => {
  const probe = probes.probeOf(operation.api, operation.collection, operation.operation)!
  const expected: Verdicts = {}
  const actual: Verdicts = {}
  const problems: string[] = []
  /** What the cells that disagree with the table, or have a problem, were answered. */
  const answers: string[] = []
  for (const cell of cellsOf(operation)) {
    ;(expected[cell.scope] ??= {})[cell.role] = cell.expected ? 'yes' : 'no'
    const outcome = await probe(cell, scene.actors[cell.role])
    ;(actual[cell.scope] ??= {})[cell.role] = outcome.allowed ? 'yes' : 'no'
    const where = `${cell.role} on ${cell.scope}`
    if (outcome.status >= 500) problems.push(`${where}: answered ${outcome.status}`)
    if (outcome.problem) problems.push(`${where}: ${outcome.problem}`)
    if (outcome.allowed && outcome.status >= 400 && !outcome.heard)
      problems.push(`${where}: done, yet answered ${outcome.status}`)
    if (!outcome.allowed && outcome.status < 300 && !MAY_ANSWER_NOTHING.has(operation.operation))
      problems.push(`${where}: not done, yet answered ${outcome.status}`)
    if (outcome.allowed !== cell.expected || problems.some((problem) => problem.startsWith(where)))
      answers.push(`${where}: ${probes.lastAnswer()}`)
  }
  return { expected, actual, problems, answers }
}

const byCollection = new Map<string, ServedOperation[]>()
for (const operation of served)
  byCollection.set(operation.collection, [...(byCollection.get(operation.collection) ?? []), operation])

describe.each([...byCollection.keys()])('%s', (collection) => {
  const operations = byCollection
    .get(collection)!
    .map((operation) => ({ ...operation, cells: cellsOf(operation).length }))
    .filter(({ cells }) => cells > 0)
  it.each(operations)(
    '$operation over $api ($cells cells)',
    async (operation) => {
      const { expected, actual, problems, answers } = await runCells(operation)
      expect({ who: actual, problems }, answers.join('\n')).toEqual({ who: expected, problems: [] })
    },
    300_000,
  )
})
