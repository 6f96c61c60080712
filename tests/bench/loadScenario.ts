import { createHistogram, monitorEventLoopDelay, type RecordableHistogram } from 'node:perf_hooks'
import { Secret, TOTP } from 'otpauth'
import { Agent, FormData, request } from 'undici'

import { plainTextToLexical } from '../../src/lib/lexicalText'
import { pngImage } from '../helpers/images'

/**
 * The mixed load of a working day, as closed-loop users over HTTP (undici: one keep-alive Agent, its `request` API is
 * the cheapest Node client, so one generator core keeps up with one server core): anonymous readers (frontends) read
 * lists, single posts by slug, store campaigns and price lists and media files over REST and GraphQL (POST and GET);
 * store writers (staff and managers) sign in, upload a photo, write article drafts and repair reports, edit and
 * publish, and sign out again every few actions; HQ signs in through its second factor and prepares and publishes
 * chain-wide price rows. Every answer is timed per route; an answer other than the one expected, a network error or
 * a timeout is an error. Every write acknowledged is remembered with what it wrote, so that it can be read back.
 * Used by `npm run bench` (tests/bench/load.ts, in a process of its own) and by tests/production/mixedLoad.test.ts.
 */

export type LoadAccount = {
  email: string
  password: string
  role: 'staff' | 'manager' | 'hq'
  /** HQ's second factor, enrolled on its first sign-in and kept for later runs (a TOTP step is accepted once). */
  secondFactor?: { secret: string; lastStep: number }
}

export type LoadOptions = {
  baseUrl: string
  readers: number
  /** One writer per account: staff and managers write posts, HQ writes prices. */
  writers: LoadAccount[]
  /** How long users start new work; writers then finish the session they are in, readers read on until they have. */
  durationMs: number
  /** Pause of a reader between two reads, and of a writer between two actions (uniform between the bounds). */
  readerThinkMs?: [number, number]
  writerThinkMs?: [number, number]
  /** Actions of a store writer between its sign-in and its sign-out. */
  actionsPerSession?: number
  /** Share of a store writer's actions that upload a photo (besides the one each uploads first). */
  uploadShare?: number
}

export type RouteFigures = {
  route: string
  count: number
  errors: number
  statuses: Record<string, number>
  p50Ms: number
  p99Ms: number
  maxMs: number
}

/** A write the server acknowledged (2xx), with the fields it wrote: what reading it back must find. */
export type AcknowledgedWrite = {
  collection: 'articles' | 'repair-logs' | 'prices' | 'media'
  id: string
  fields: Record<string, unknown>
  by: string
}

export type LoadResult = {
  durationMs: number
  requests: number
  errors: number
  serverErrors: number
  /** The first few errors, for the report. */
  errorSamples: string[]
  routes: RouteFigures[]
  /** The longest the generator's own event loop was blocked (a busy machine's delay, included in the figures). */
  generatorLagMaxMs: number
  acknowledged: AcknowledgedWrite[]
  /** The accounts as they are after the run (HQ's second factor enrolled, its last TOTP step used). */
  writers: LoadAccount[]
}

/** An answer later than this is an error (a busy machine makes uploads take tens of seconds: figures, not errors). */
const TIMEOUT_MS = 120_000
const ARTICLE_LIST =
  '{ Articles(limit: 10, sort: "-publishedAt") { totalDocs docs { id title slug publishedAt excerpt store { name slug } } } }'
const REPAIR_LOG_LIST =
  '{ RepairLogs(limit: 10, sort: "-publishedAt") { docs { id title slug repairMenu device { model } store { slug } } } }'
const articleBySlug = (slug: string) =>
  `{ Articles(where: { slug: { equals: ${JSON.stringify(slug)} } }, limit: 1) { docs { id title bodyHtml heroImage { url alt } } } }`
const REPAIR_MENUS = ['screen', 'battery', 'back_glass', 'camera', 'charging_port']
/** A store writer's actions in turn (an edit or publish with nothing to act on writes a repair report instead). */
const STORE_ACTIONS = [
  'write article',
  'write report',
  'edit article',
  'write report',
  'publish article',
  'edit article',
  'write article',
  'write report',
] as const

const TOTP_PERIOD = 30
const totp = (secret: string) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: TOTP_PERIOD })
const currentStep = () => Math.floor(Date.now() / 1000 / TOTP_PERIOD)

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const between = ([min, max]: [number, number]) => min + Math.random() * (max - min)
const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(Math.random() * items.length)]
const idOf = (value: unknown): string =>
  String(typeof value === 'object' && value !== null ? (value as { id: unknown }).id : value)

type Call = { method?: 'GET' | 'POST' | 'PATCH'; token?: string; json?: unknown; form?: FormData; expect: number[] }
type Answer = { status: number; text: string }

/** Times every answer per route and counts what was not the answer expected. */
const recorder = () => {
  const routes = new Map<
    string,
    { histogram: RecordableHistogram; count: number; errors: number; statuses: Record<string, number> }
  >()
  const errorSamples: string[] = []
  let errors = 0
  let serverErrors = 0
  const routeOf = (name: string) => {
    let route = routes.get(name)
    if (!route) routes.set(name, (route = { histogram: createHistogram(), count: 0, errors: 0, statuses: {} }))
    return route
  }
  return {
    record: (name: string, status: number | 'network', elapsedMs: number, unexpected?: string) => {
      const route = routeOf(name)
      route.count += 1
      route.statuses[status] = (route.statuses[status] ?? 0) + 1
      route.histogram.record(Math.max(1, Math.round(elapsedMs * 1000)))
      if (typeof status === 'number' && status >= 500) serverErrors += 1
      if (unexpected === undefined) return
      route.errors += 1
      errors += 1
      if (errorSamples.length < 10) errorSamples.push(`${name}: ${unexpected}`)
    },
    figures: (): Pick<LoadResult, 'errors' | 'serverErrors' | 'errorSamples' | 'routes' | 'requests'> => {
      const list = [...routes.entries()]
        .map(([route, { histogram, count, errors: routeErrors, statuses }]) => ({
          route,
          count,
          errors: routeErrors,
          statuses,
          p50Ms: Math.round(histogram.percentile(50) / 10) / 100,
          p99Ms: Math.round(histogram.percentile(99) / 10) / 100,
          maxMs: Math.round(histogram.max / 10) / 100,
        }))
        .sort((a, b) => a.route.localeCompare(b.route))
      return {
        errors,
        serverErrors,
        errorSamples,
        routes: list,
        requests: list.reduce((sum, route) => sum + route.count, 0),
      }
    },
  }
}

export const runMixedLoad = async (options: LoadOptions): Promise<LoadResult> => {
  const {
    baseUrl,
    durationMs,
    readerThinkMs = [50, 250],
    writerThinkMs = [200, 800],
    actionsPerSession = 8,
    uploadShare = 0.05,
  } = options
  /*
   * The server closes a connection idle for 5 s (Node's default, announced as `Keep-Alive: timeout=5`); undici
   * stops reusing it 2 s before that by default, counted from when it read the answer. On a busy machine the
   * generator may read an answer seconds after the server sent it, and then reuse a connection the server is closing
   * (ECONNRESET): reusing one only within 0.5 s of the server's timeout keeps that race out of the figures.
   */
  const agent = new Agent({
    keepAliveTimeout: 4_000,
    keepAliveTimeoutThreshold: 4_500,
    headersTimeout: TIMEOUT_MS,
    bodyTimeout: TIMEOUT_MS,
  })
  // How late the generator itself was: a busy machine delays the client too, which the figures then include.
  const lag = monitorEventLoopDelay({ resolution: 20 })
  lag.enable()
  const stats = recorder()
  const acknowledged: AcknowledgedWrite[] = []
  const started = Date.now()
  const deadline = started + durationMs
  const running = () => Date.now() < deadline
  // Readers read on while a writer finishes its last session, so that writes never meet an idle server.
  let writing = true

  /** One request on the route named; answers null when it failed (already counted). */
  const call = async (
    route: string,
    path: string,
    { method = 'GET', token, json, form, expect }: Call,
  ): Promise<Answer | null> => {
    const begun = performance.now()
    try {
      const response = await request(`${baseUrl}${path}`, {
        dispatcher: agent,
        method,
        headers: {
          ...(json === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `JWT ${token}` } : {}),
        },
        body: form ?? (json === undefined ? undefined : JSON.stringify(json)),
      })
      const text = await response.body.text()
      const ok = expect.includes(response.statusCode)
      stats.record(
        route,
        response.statusCode,
        performance.now() - begun,
        ok ? undefined : `${method} ${path} answered ${response.statusCode}: ${text.slice(0, 200)}`,
      )
      return ok ? { status: response.statusCode, text } : null
    } catch (error) {
      stats.record(route, 'network', performance.now() - begun, `${method} ${path}: ${(error as Error).message}`)
      return null
    }
  }
  const json = (answer: Answer | null): any => (answer ? JSON.parse(answer.text) : null)

  // What readers pick from: published slugs and stored file URLs, refreshed by the lists they read.
  const slugs = new Set<string>()
  const fileUrls = new Set<string>()
  const rememberArticles = (docs: { slug?: string }[] | undefined) =>
    docs?.forEach((doc) => doc.slug && slugs.add(doc.slug))
  const rememberFiles = (docs: { url?: string; sizes?: Record<string, { url?: string }> }[] | undefined) =>
    docs?.forEach((doc) =>
      [doc.url, ...Object.values(doc.sizes ?? {}).map((size) => size.url)].forEach(
        (url) => url && fileUrls.add(url.replace(/^https?:\/\/[^/]+/, '')),
      ),
    )

  const reads: [weight: number, read: () => Promise<unknown>][] = [
    [
      3,
      async () =>
        rememberArticles(
          json(await call('REST articles list', '/api/articles?limit=10&sort=-publishedAt&depth=1', { expect: [200] }))
            ?.docs,
        ),
    ],
    [2, () => call('REST repair-logs list', '/api/repair-logs?limit=10&sort=-publishedAt&depth=1', { expect: [200] })],
    [
      2,
      async () => {
        const slug = pick([...slugs])
        if (slug)
          await call(
            'REST article by slug',
            `/api/articles?where[slug][equals]=${encodeURIComponent(slug)}&depth=1&limit=1`,
            { expect: [200] },
          )
      },
    ],
    [1, () => call('REST store campaigns active', '/api/stores/saga/campaigns/active', { expect: [200] })],
    [1, () => call('REST store price list', '/api/stores/saga/prices', { expect: [200] })],
    [
      1,
      async () =>
        rememberFiles(json(await call('REST media list', '/api/media?limit=10&depth=0', { expect: [200] }))?.docs),
    ],
    [
      3,
      async () => {
        const url = pick([...fileUrls])
        if (url) await call('media file', url, { expect: [200] })
      },
    ],
    [
      2,
      async () =>
        rememberArticles(
          json(
            await call('GraphQL articles list (POST)', '/api/graphql', {
              method: 'POST',
              json: { query: ARTICLE_LIST },
              expect: [200],
            }),
          )?.data?.Articles?.docs,
        ),
    ],
    [
      1,
      () =>
        call('GraphQL repair-logs list (GET)', `/api/graphql?query=${encodeURIComponent(REPAIR_LOG_LIST)}`, {
          expect: [200],
        }),
    ],
    [
      2,
      async () => {
        const slug = pick([...slugs])
        if (slug)
          await call('GraphQL article by slug (GET)', `/api/graphql?query=${encodeURIComponent(articleBySlug(slug))}`, {
            expect: [200],
          })
      },
    ],
  ]
  const totalWeight = reads.reduce((sum, [weight]) => sum + weight, 0)
  const someRead = () => {
    let chosen = Math.random() * totalWeight
    for (const [weight, read] of reads) if ((chosen -= weight) < 0) return read()
    return reads[0]![1]()
  }
  const reader = async () => {
    while (running() || writing) {
      await someRead()
      await pause(between(readerThinkMs))
    }
  }

  /** Signs in over REST; HQ passes its second factor (enrolled on its first sign-in) with a TOTP step not used before. */
  const signIn = async (account: LoadAccount): Promise<{ token: string; user: any } | null> => {
    const answer = json(
      await call('sign in', '/api/users/login', {
        method: 'POST',
        json: { email: account.email, password: account.password },
        expect: [200],
      }),
    )
    if (!answer?.token) return null
    const token = answer.token as string
    if (account.role !== 'hq') return { token, user: answer.user }
    const { status } =
      json(await call('second factor status', '/api/users/second-factor', { token, expect: [200] })) ?? {}
    if (status === 'enrol') {
      const { secret } =
        json(
          await call('second factor enrol', '/api/users/second-factor/enrol', { method: 'POST', token, expect: [200] }),
        ) ?? {}
      if (!secret) return null
      const step = currentStep()
      const confirmed = await call('second factor confirm', '/api/users/second-factor/confirm', {
        method: 'POST',
        token,
        json: { code: totp(secret).generate() },
        expect: [200],
      })
      if (!confirmed) return null
      account.secondFactor = { secret, lastStep: step }
    } else if (status === 'verify' && account.secondFactor) {
      // Each code is accepted once: wait for the next one when this step was used by the last sign-in.
      while (currentStep() <= account.secondFactor.lastStep) await pause(500)
      const step = currentStep()
      const verified = await call('second factor verify', '/api/users/second-factor/verify', {
        method: 'POST',
        token,
        json: { code: totp(account.secondFactor.secret).generate() },
        expect: [200],
      })
      if (!verified) return null
      account.secondFactor.lastStep = step
    } else return null
    return { token, user: answer.user }
  }
  const signOut = (token: string) => call('sign out', '/api/users/logout', { method: 'POST', token, expect: [200] })

  let sequence = 0
  const marker = (account: LoadAccount) => `${account.email.split('@')[0]} ${started.toString(36)}-${(sequence += 1)}`

  const upload = async (account: LoadAccount, token: string, photo: Buffer): Promise<string | undefined> => {
    const alt = `負荷試験の写真 ${marker(account)}`
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/png' }), 'load.png')
    form.append('_payload', JSON.stringify({ alt }))
    const doc = json(await call('upload media', '/api/media', { method: 'POST', token, form, expect: [201] }))?.doc
    if (!doc?.id) return undefined
    acknowledged.push({ collection: 'media', id: String(doc.id), fields: { alt }, by: account.email })
    return String(doc.id)
  }

  /** Staff or a manager: sessions of a few actions on its own store's posts, a photo uploaded first. */
  const storeWriter = async (account: LoadAccount, photo: Buffer) => {
    const articles: { id: string; published: boolean }[] = []
    let actions = -1
    let photoId: string | undefined
    const remember = (collection: AcknowledgedWrite['collection'], id: string, fields: Record<string, unknown>) => {
      const known = acknowledged.find((write) => write.collection === collection && write.id === id)
      if (known) Object.assign(known.fields, fields)
      else acknowledged.push({ collection, id, fields, by: account.email })
    }
    while (running()) {
      const session = await signIn(account)
      if (!session) return
      const store = idOf(session.user?.stores?.[0])
      const devices: string[] = (
        json(
          await call('REST devices list (signed in)', '/api/devices?limit=20&depth=0', {
            token: session.token,
            expect: [200],
          }),
        )?.docs ?? []
      ).map(idOf)
      photoId ??= await upload(account, session.token, photo)
      // A session once begun is finished (a writer does not drop a post half-way): each writer acts at least once.
      for (let action = 0; action < actionsPerSession; action += 1) {
        await pause(between(writerThinkMs))
        const next = STORE_ACTIONS[(actions += 1) % STORE_ACTIONS.length]
        const body = plainTextToLexical([[`負荷試験の本文 ${marker(account)}`]])
        if (Math.random() < uploadShare) photoId = (await upload(account, session.token, photo)) ?? photoId
        else if (next === 'write article') {
          const title = `負荷試験の下書き ${marker(account)}`
          const doc = json(
            await call('create article draft', '/api/articles', {
              method: 'POST',
              token: session.token,
              json: { title, store, body, heroImage: photoId, _status: 'draft' },
              expect: [201],
            }),
          )?.doc
          if (doc?.id) {
            articles.push({ id: String(doc.id), published: false })
            remember('articles', String(doc.id), { title, _status: 'draft' })
          }
        } else if (next === 'edit article' && articles.length > 0) {
          const article = pick(articles)!
          const title = `負荷試験の改稿 ${marker(account)}`
          // A published article's edit is a new draft over it; an unpublished one stays a draft.
          const saved = await call('update article draft', `/api/articles/${article.id}?draft=true`, {
            method: 'PATCH',
            token: session.token,
            json: { title, _status: 'draft' },
            expect: [200],
          })
          if (saved) remember('articles', article.id, { title, _status: 'draft' })
        } else if (next === 'publish article' && articles.some((article) => !article.published)) {
          const article = articles.find((candidate) => !candidate.published)!
          const saved = await call('publish article', `/api/articles/${article.id}`, {
            method: 'PATCH',
            token: session.token,
            json: { _status: 'published' },
            expect: [200],
          })
          if (saved) {
            article.published = true
            remember('articles', article.id, { _status: 'published' })
          }
        } else {
          const title = `負荷試験の修理速報 ${marker(account)}`
          const data = {
            title,
            store,
            device: pick(devices),
            repairMenu: pick(REPAIR_MENUS),
            symptom: '画面割れ',
            body,
            beforePhotos: photoId ? [photoId] : [],
            _status: 'published',
          }
          const doc = json(
            await call('create repair report', '/api/repair-logs', {
              method: 'POST',
              token: session.token,
              json: data,
              expect: [201],
            }),
          )?.doc
          if (doc?.id) remember('repair-logs', String(doc.id), { title, _status: 'published' })
        }
      }
      await signOut(session.token)
    }
  }

  /** HQ: one session for the run, chain-wide price rows prepared as drafts and then published, one at least. */
  const hqWriter = async (account: LoadAccount) => {
    const session = await signIn(account)
    if (!session) return
    const devices: string[] = (
      json(
        await call('REST devices list (signed in)', '/api/devices?limit=20&depth=0', {
          token: session.token,
          expect: [200],
        }),
      )?.docs ?? []
    ).map(idOf)
    // At least one price row per session, as a store writer finishes its session.
    do {
      await pause(between(writerThinkMs))
      const priceYen = 5000 + Math.floor(Math.random() * 200) * 100
      const notes = `負荷試験の価格 ${marker(account)}`
      const data = {
        device: pick(devices),
        repairMenu: pick(REPAIR_MENUS),
        priceYen,
        validFrom: new Date(Date.now() + 86_400_000).toISOString(),
        notes,
        _status: 'draft',
      }
      const doc = json(
        await call('create price draft', '/api/prices', {
          method: 'POST',
          token: session.token,
          json: data,
          expect: [201],
        }),
      )?.doc
      if (!doc?.id) continue
      const write: AcknowledgedWrite = {
        collection: 'prices',
        id: String(doc.id),
        fields: { priceYen, notes, _status: 'draft' },
        by: account.email,
      }
      acknowledged.push(write)
      await pause(between(writerThinkMs))
      const published = await call('publish price', `/api/prices/${doc.id}`, {
        method: 'PATCH',
        token: session.token,
        json: { _status: 'published' },
        expect: [200],
      })
      if (published) write.fields._status = 'published'
    } while (running())
    await signOut(session.token)
  }

  const photo = await pngImage(640, 480)
  // Readers start with what is published now.
  rememberArticles(
    json(await call('REST articles list', '/api/articles?limit=10&sort=-publishedAt&depth=1', { expect: [200] }))?.docs,
  )
  rememberFiles(json(await call('REST media list', '/api/media?limit=10&depth=0', { expect: [200] }))?.docs)
  const writers = options.writers.map((account) => ({
    ...account,
    secondFactor: account.secondFactor && { ...account.secondFactor },
  }))
  const writersDone = Promise.all(
    writers.map((account) => (account.role === 'hq' ? hqWriter(account) : storeWriter(account, photo))),
  ).finally(() => (writing = false))
  await Promise.all([...Array.from({ length: options.readers }, reader), writersDone])
  await agent.close()
  lag.disable()
  return {
    durationMs: Date.now() - started,
    ...stats.figures(),
    generatorLagMaxMs: Math.round(lag.max / 1e6),
    acknowledged,
    writers,
  }
}

/**
 * The acknowledged writes that cannot be read back as written: posts through their writer's own account (drafts
 * included), prices and media anonymously (published prices and every picture are public; a draft price through HQ).
 */
export const unreadableWrites = async (
  baseUrl: string,
  writes: AcknowledgedWrite[],
  tokens: Record<string, string>,
): Promise<string[]> => {
  const problems: string[] = []
  for (const write of writes) {
    const token =
      write.collection === 'media' || (write.collection === 'prices' && write.fields._status === 'published')
        ? undefined
        : tokens[write.by]
    const response = await fetch(`${baseUrl}/api/${write.collection}/${write.id}?draft=true&depth=0`, {
      headers: token ? { Authorization: `JWT ${token}` } : {},
    })
    const doc = response.ok ? await response.json() : undefined
    const differing = Object.entries(write.fields).filter(([field, value]) => doc?.[field] !== value)
    if (!doc || differing.length > 0)
      problems.push(
        `${write.collection}/${write.id} (${write.by}): ${response.status} ${differing.map(([field, value]) => `${field} ${JSON.stringify(doc?.[field])} ≠ ${JSON.stringify(value)}`).join(', ')}`,
      )
  }
  return problems
}
