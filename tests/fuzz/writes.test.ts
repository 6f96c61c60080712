import type { SanitizedCollectionConfig } from 'payload'

import { appendFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'

import {
  type Data,
  DEEP_LEVELS,
  deeplyNested,
  type FuzzCase,
  fuzzCases,
  HUGE_STRING_BYTES,
  WHERE_LIKE,
} from '../helpers/fuzzCases'
import { FUZZ_SAMPLES, type FuzzScene } from '../helpers/fuzzSamples'
import { type Traces, traceChanges, tracesOf } from '../helpers/fuzzTraces'
import { type Answer, fuzzTransport, type Transport } from '../helpers/fuzzTransport'
import { createStores, signedInUser } from '../helpers/fixtures'
import { pngImage } from '../helpers/images'
import { MALFORMED_REST_QUERIES } from '../helpers/malformedQueries'
import { startServer } from '../helpers/server'

/*
 * No input gives a 5xx. Every collection of the live config, Payload's own included, gets hostile creates and updates
 * over REST and GraphQL (tests/helpers/fuzzCases.ts), as an admin and, where documents belong to stores, as a store's
 * manager. Each answer is 2xx, or 4xx naming the field (GraphQL: an error with a 4xx status and null data); a refused
 * write leaves every table, the document it aimed at and the upload folders as they were.
 *
 * Sampled, not exploded: each wrong value of a field is sent once by each role, in one of the four combinations of
 * create or update over REST or GraphQL, the field's next value in the next; drafts and published saves alternate.
 * The other cases (missing, unknown, huge, deep, duplicate) the admin sends in every combination, the manager in one;
 * copies of a read and malformed query strings go in every combination.
 * FUZZ_LOG=<file> writes every problem found there in full, one a line.
 */

// The configuration, the collections and their fields come from a running CMS: what the suite tests is what runs.
const server = await startServer()
afterAll(async () => {
  printSummary()
  await server.stop()
})

const { payload } = server
const image = await pngImage()
const stores = await createStores(payload, { own: 'fuzz-own' })
const device = await payload.create({
  collection: 'devices',
  data: { brand: 'apple', model: 'fuzz iPhone' },
  overrideAccess: true,
})
const picture = await payload.create({
  collection: 'media',
  data: { alt: 'fuzz' },
  file: { data: image, mimetype: 'image/png', name: 'fuzz.png', size: image.length },
  overrideAccess: true,
})
const lockedArticle = await payload.create({
  collection: 'articles',
  data: FUZZ_SAMPLES.articles!(
    { store: stores.own, device: device.id, image: picture.id, article: '', actor: '' },
    'fuzz-lock-target',
  ) as never,
  draft: true,
  overrideAccess: true,
})

type Role = 'admin' | 'manager'
const actors: Record<Role, { id: string; token: string }> = {
  admin: await signedInUser(server, 'admin'),
  manager: await signedInUser(server, 'manager', [stores.own]),
}
const sceneOf = (role: Role): FuzzScene => ({
  store: stores.own,
  device: device.id,
  image: picture.id,
  article: lockedArticle.id,
  actor: actors[role].id,
})

const transport = await fuzzTransport(server, actors.admin.token, image)
const uploadDirs = payload.config.collections.flatMap(({ upload }) =>
  upload && upload.staticDir ? [upload.staticDir] : [],
)
const takeTraces = await tracesOf(payload, uploadDirs)

/** Store-bound collections (a relationship to stores, or the stores themselves) are also written by their manager. */
const belongsToStores = (config: SanitizedCollectionConfig) =>
  config.slug === 'stores' ||
  config.flattenedFields.some((field) => field.type === 'relationship' && field.relationTo === 'stores')

const rolesFor = (config: SanitizedCollectionConfig): Role[] =>
  belongsToStores(config) ? ['admin', 'manager'] : ['admin']

let markers = 0
/** Unique values (slug, e-mail, model) of every case's sample come from a fresh marker. */
const nextMarker = () => `fuzz-${(markers += 1)}`
const sampleOf = (config: SanitizedCollectionConfig, role: Role) =>
  FUZZ_SAMPLES[config.slug]!(sceneOf(role), nextMarker())

// ---- the summary the note quotes ----

/** Answers by class; `unanswered`: the connection closed with no answer at all (as bad as a 5xx). */
type Tally = { cases: number; '2xx': number; '4xx': number; '5xx': number; unanswered: number }
const tallies = new Map<string, Tally>()
const tallyOf = (slug: string, via: Transport) => {
  const key = `${slug} ${via}`
  if (!tallies.has(key)) tallies.set(key, { cases: 0, '2xx': 0, '4xx': 0, '5xx': 0, unanswered: 0 })
  return tallies.get(key)!
}

const printSummary = () => {
  const lines = [...tallies.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([key, t]) =>
        `fuzz-writes ${key.padEnd(34)} cases=${t.cases} 2xx=${t['2xx']} 4xx=${t['4xx']} 5xx=${t['5xx']} unanswered=${t.unanswered}`,
    )
  const sum = (count: keyof Tally) => [...tallies.values()].reduce((total, tally) => total + tally[count], 0)
  console.log(
    [
      ...lines,
      `fuzz-writes total cases=${sum('cases')} 2xx=${sum('2xx')} 4xx=${sum('4xx')} 5xx=${sum('5xx')} unanswered=${sum('unanswered')}`,
    ].join('\n'),
  )
}

// ---- one case: send, then judge the answer and what it left behind ----

type Problem = string

/** FUZZ_LOG=file: every problem also goes to this file, one a line, whole (the test's diff shortens long lists). */
const logged = (problems: Problem[]): Problem[] => {
  if (process.env.FUZZ_LOG && problems.length)
    appendFileSync(process.env.FUZZ_LOG, problems.map((problem) => `${problem}\n`).join(''))
  return problems
}

const leaf = (path: string) =>
  path
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .at(-1)!

/**
 * Whether a 400 names the field: a validation error's path, or the field's name in a message (GraphQL's own checks).
 * `alsoAccepted`: a field whose refusal comes first and is as right (an upload's file, which GraphQL cannot carry).
 */
const namesField = (answer: Answer, field: string, alsoAccepted?: string): boolean => {
  const errors: any[] = Array.isArray(answer.body?.errors) ? answer.body.errors : []
  const paths = errors.flatMap((error) =>
    (error?.data?.errors ?? error?.extensions?.data?.errors ?? []).map((item: any) =>
      String(item?.path ?? item?.field ?? ''),
    ),
  )
  const name = leaf(field)
  const top = field.split('.')[0]!
  if (paths.some((path) => path.split('.').includes(name) || path.split('.')[0] === top || path === alsoAccepted))
    return true
  return errors.some(
    (error) =>
      typeof error?.message === 'string' && (error.message.includes(`.${name}`) || error.message.includes(`"${name}"`)),
  )
}

const stored = async (slug: string, id: string) =>
  JSON.stringify(
    await payload.findByID({
      collection: slug as never,
      id,
      depth: 0,
      draft: true,
      overrideAccess: true,
      disableErrors: true,
    }),
  )

/** Traces are taken again only after a write succeeded or for another collection; after a refusal they are what they were. */
let lastTraces: { collection: string; traces: Traces } | undefined
const tracesNow = async (collection: string) => {
  if (lastTraces?.collection !== collection) lastTraces = { collection, traces: await takeTraces(collection) }
  return lastTraces.traces
}

type Sent = {
  what: string
  collection: string
  via: Transport
  answer: Answer
  before: Traces
  fuzzCase: Pick<FuzzCase, 'field' | 'kind'>
  tally: Tally
  /** A create of an upload without its file (GraphQL carries none): the missing file may be what the 400 names. */
  fileless?: boolean
  unchanged?: () => Promise<string | undefined>
}

const judge = async ({
  what,
  collection,
  via,
  answer,
  before,
  fuzzCase,
  tally,
  fileless,
  unchanged,
}: Sent): Promise<Problem[]> => {
  tally.cases += 1
  const problems: Problem[] = []
  const summary = () => `${what}: ${answer.httpStatus}/${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`
  if (({} as Record<string, unknown>).polluted !== undefined) problems.push(`${what}: Object.prototype polluted`)
  if (answer.httpStatus === 0) {
    tally.unanswered += 1
    lastTraces = undefined
    return logged([...problems, `unanswered ${summary()}`])
  }
  if (answer.status >= 500 || answer.httpStatus >= 500 || answer.status < 200) {
    tally['5xx'] += 1
    lastTraces = undefined
    return logged([...problems, `5xx ${summary()}`])
  }
  if (answer.status < 300) {
    tally['2xx'] += 1
    lastTraces = undefined
    return logged(problems)
  }
  tally['4xx'] += 1
  if (via === 'GraphQL' && !answer.dataIsNull) problems.push(`refused but data not null: ${summary()}`)
  if (answer.status === 400 && fuzzCase.field && !namesField(answer, fuzzCase.field, fileless ? 'file' : undefined))
    problems.push(`400 not naming ${fuzzCase.field}: ${summary()}`)
  const after = await takeTraces(collection)
  const changes = traceChanges(before, after)
  lastTraces = { collection, traces: after }
  if (changes.length) problems.push(`refused (${answer.status}) but left behind ${changes.join(', ')}: ${what}`)
  const changed = await unchanged?.()
  if (changed) problems.push(`refused (${answer.status}) but changed the document (${changed}): ${what}`)
  return logged(problems)
}

// ---- sampling ----

type Combination = 'create REST' | 'create GraphQL' | 'update REST' | 'update GraphQL'
const COMBINATIONS: Combination[] = ['create REST', 'update GraphQL', 'update REST', 'create GraphQL']

/**
 * Whether a case is sent in this combination by this role (see the sampling rule at the top): each wrong value of a
 * field goes to one combination, the next value to the next, so a field with four or more wrong values meets all four;
 * the manager's combinations are shifted by one from the admin's. The other cases the admin sends in every
 * combination and the manager in one, in turn.
 */
const sends = (fuzzCase: FuzzCase, position: number, combination: Combination, role: Role): boolean => {
  if (fuzzCase.variant === undefined && role === 'admin') return true
  return (
    ((fuzzCase.variant ?? position) + (role === 'admin' ? 0 : 1)) % COMBINATIONS.length ===
    COMBINATIONS.indexOf(combination)
  )
}

/** Drafts and published saves take different paths (Payload skips field validation of drafts): cases alternate. */
const asDraft = (config: SanitizedCollectionConfig, index: number) =>
  Boolean(config.versions?.drafts) && index % 2 === 0

/** The sample saved as a draft or published, unless the case is about `_status` itself. */
const withStatus = (
  config: SanitizedCollectionConfig,
  data: Data,
  draft: boolean,
  fuzzCase: Pick<FuzzCase, 'field'>,
): Data =>
  config.versions?.drafts && fuzzCase.field !== '_status' ? { ...data, _status: draft ? 'draft' : 'published' } : data

/** A document as the system makes it from a sample: what updates aim at and duplicates collide with. */
const makeDocument = async (config: SanitizedCollectionConfig, role: Role): Promise<string> => {
  const file = config.upload
    ? { data: image, mimetype: 'image/png', name: 'target.png', size: image.length }
    : undefined
  // Preferences belong to the signed-in user of the request.
  const user = {
    ...(await payload.findByID({ collection: 'users', id: actors[role].id, overrideAccess: true })),
    collection: 'users',
  }
  const draft = Boolean(config.versions?.drafts)
  const made = (await payload.create({
    collection: config.slug as never,
    data: sampleOf(config, role) as never,
    file,
    draft,
    user,
    overrideAccess: true,
  })) as { id: string }
  // A manager's store is one of their stores.
  if (config.slug === 'stores' && role === 'manager') {
    const { stores: own } = await payload.findByID({
      collection: 'users',
      id: actors.manager.id,
      depth: 0,
      overrideAccess: true,
    })
    await payload.update({
      collection: 'users',
      id: actors.manager.id,
      data: { stores: [...((own ?? []) as string[]), made.id] },
      overrideAccess: true,
    })
  }
  lastTraces = undefined
  return made.id
}

/** Fresh unique values (slug, e-mail, model …) over a copy, as a client duplicating a document sets them. */
const withFreshUniques = (config: SanitizedCollectionConfig, copy: Data, role: Role): Data => {
  const fresh = sampleOf(config, role)
  const uniques = config.flattenedFields
    .filter((field) => 'unique' in field && field.unique && field.name in fresh)
    .map((field) => field.name)
  return { ...copy, ...Object.fromEntries(uniques.map((name) => [name, fresh[name]])) }
}

/** An edit of one field: the sample's first. */
const firstFieldOf = (data: Data): Data => Object.fromEntries(Object.entries(data).slice(0, 1))

/** Malformed query strings (the shared table), a few per collection, on creates and updates over REST. */
const queriesFor = (config: SanitizedCollectionConfig) => {
  const offset = payload.config.collections.indexOf(config)
  return MALFORMED_REST_QUERIES.filter((_query, index) => (index + offset) % 12 === 0)
}

const collections = payload.config.collections

describe('the fuzz suite covers the live config', () => {
  it('has one sample document for every collection', () => {
    expect(collections.map(({ slug }) => slug).filter((slug) => !FUZZ_SAMPLES[slug])).toEqual([])
  })
})

describe.each(collections.map((config) => ({ config, slug: config.slug })))(
  '$slug',
  { timeout: 600_000 },
  ({ config }) => {
    const vias: Transport[] = config.graphQL === false ? ['REST'] : ['REST', 'GraphQL']
    const drafts = Boolean(config.versions?.drafts)

    it.each(vias)('create over %s: 2xx or 4xx naming the field, nothing left behind', async (via) => {
      const tally = tallyOf(config.slug, via)
      const problems: Problem[] = []
      for (const role of rolesFor(config)) {
        const { token } = actors[role]
        const send = async (
          what: string,
          fuzzCase: Pick<FuzzCase, 'field' | 'kind'>,
          data: Data,
          options: { prune?: boolean; query?: string } = {},
        ) => {
          const before = await tracesNow(config.slug)
          const answer = await transport.create(config, via, data, token, options)
          const fileless = Boolean(config.upload) && via === 'GraphQL'
          const label = `${role} create ${config.slug} via ${via} [${what}]`
          problems.push(
            ...(await judge({ what: label, collection: config.slug, via, answer, before, fuzzCase, tally, fileless })),
          )
        }
        const existingId = await makeDocument(config, role)
        const existing = JSON.parse(await stored(config.slug, existingId)) as Data
        const cases = fuzzCases(config.flattenedFields, sampleOf(config, role), { auth: Boolean(config.auth) })
        for (const [index, fuzzCase] of cases
          .filter((candidate, position) => sends(candidate, position, `create ${via}`, role))
          .entries()) {
          const draft = asDraft(config, index)
          await send(
            `${fuzzCase.label}${draft ? ' (draft)' : ''}`,
            fuzzCase,
            withStatus(config, fuzzCase.create(sampleOf(config, role), existing), draft, fuzzCase),
          )
        }
        // A document read back whole, at depth 0 and 1 (row IDs and all), sent as a new one: as it is, and with fresh
        // unique values as a client duplicating it sends it.
        for (const depth of [0, 1] as const) {
          const read = await transport.read(config.slug, existingId, depth, actors.admin.token, drafts)
          await send(`copy of a read at depth ${depth}`, { kind: 'copy of a read' }, read, { prune: true })
          await send(
            `copy of a read at depth ${depth}, fresh unique values`,
            { kind: 'copy of a read' },
            withFreshUniques(config, read, role),
            { prune: true },
          )
        }
        if (via === 'REST') {
          for (const { query } of queriesFor(config))
            await send(`query ${query}`, { kind: 'malformed query' }, sampleOf(config, role), { query })
        }
      }
      expect(problems).toEqual([])
    })

    it.each(vias)('update over %s: 2xx or 4xx naming the field, a refused one changes nothing', async (via) => {
      const tally = tallyOf(config.slug, via)
      const problems: Problem[] = []
      for (const role of rolesFor(config)) {
        const { token } = actors[role]
        let id = await makeDocument(config, role)
        // The document as stored, read again only when a case changed it (after a refusal it is what it was).
        let existing = await stored(config.slug, id)
        const send = async (
          what: string,
          fuzzCase: Pick<FuzzCase, 'field' | 'kind'>,
          data: Data,
          options: { prune?: boolean; draft?: boolean; query?: string } = {},
        ) => {
          const before = await tracesNow(config.slug)
          const answer = await transport.update(config, via, id, data, token, options)
          const unchanged = async () => {
            const [was, now] = [existing, await stored(config.slug, id)]
            existing = now
            return now === was ? undefined : `${was.slice(0, 120)} → ${now.slice(0, 120)}`
          }
          const label = `${role} update ${config.slug} via ${via} [${what}]${options.draft ? ' (draft)' : ''}`
          problems.push(
            ...(await judge({ what: label, collection: config.slug, via, answer, before, fuzzCase, tally, unchanged })),
          )
          // The next case starts from a document as the system made it, not from what this one changed.
          if (answer.status < 300) id = await makeDocument(config, role)
          if (answer.status < 400 || answer.status >= 500) existing = await stored(config.slug, id)
        }
        const cases = fuzzCases(config.flattenedFields, sampleOf(config, role), { auth: Boolean(config.auth) })
        const other = JSON.parse(await stored(config.slug, await makeDocument(config, role))) as Data
        for (const [index, fuzzCase] of cases
          .filter((candidate, position) => sends(candidate, position, `update ${via}`, role))
          .entries()) {
          await send(fuzzCase.label, fuzzCase, fuzzCase.update(sampleOf(config, role), other), {
            draft: asDraft(config, index),
          })
        }
        // A document's own read sent back, and another document's read (its row IDs) sent over this one.
        for (const depth of [0, 1] as const) {
          const own = await transport.read(config.slug, id, depth, actors.admin.token, drafts)
          await send(`its own read at depth ${depth}`, { kind: 'copy of a read' }, own, {
            prune: true,
            draft: asDraft(config, depth),
          })
          const foreign = await transport.read(config.slug, other.id as string, depth, actors.admin.token, drafts)
          await send(
            `another document's read at depth ${depth}`,
            { kind: 'copy of a read' },
            withFreshUniques(config, foreign, role),
            { prune: true, draft: asDraft(config, depth) },
          )
        }
        if (via === 'REST') {
          for (const { query } of queriesFor(config))
            await send(`query ${query}`, { kind: 'malformed query' }, firstFieldOf(sampleOf(config, role)), { query })
        }
      }
      expect(problems).toEqual([])
    })
  },
)

describe('Payload’s preferences by key (POST /api/payload-preferences/<key> writes past every hook)', () => {
  const values: Array<[string, unknown]> = [
    [`${DEEP_LEVELS} levels`, deeplyNested(DEEP_LEVELS)],
    ['1 MB string', 'x'.repeat(HUGE_STRING_BYTES)],
    ['query object', WHERE_LIKE],
    ['list', [1, 'x', null]],
    ['number', 12345],
    ['null', null],
    ['prototype keys', JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}')],
  ]

  it.each(['admin', 'manager'] as const)(
    'as %s: 2xx or 4xx naming the value, a refused one leaves nothing',
    async (role) => {
      const tally = tallyOf('payload-preferences /:key', 'REST')
      const problems: Problem[] = []
      for (const [index, [label, value]] of values.entries()) {
        const before = await tracesNow('payload-preferences')
        const answer = await transport.rest(
          'POST',
          `/api/payload-preferences/fuzz-${role}-${index}`,
          { value },
          actors[role].token,
        )
        const what = `${role} POST /api/payload-preferences/<key> [value: ${label}]`
        const fuzzCase = { kind: 'wrong type', field: 'value' } as const
        problems.push(
          ...(await judge({ what, collection: 'payload-preferences', via: 'REST', answer, before, fuzzCase, tally })),
        )
      }
      expect(problems).toEqual([])
    },
  )
})
