import type { CollectionSlug, Payload, Where } from 'payload'

import { randomBytes } from 'node:crypto'

import { jstMidnight } from '../src/lib/jst'
import { plainTextToLexical } from '../src/lib/lexicalText'
import { article7pay } from './data/article7pay'
import { campaigns } from './data/campaigns'
import { devices } from './data/devices'
import { samplePrices } from './data/prices'
import { repairLogs } from './data/repairLogs'
import { sagaStore } from './data/store'

export type SeedReport = {
  /** Documents created by this run, per collection; all zero on a second run. */
  created: Partial<Record<CollectionSlug, number>>
  /** Set when this run created the admin account with a generated password (shown once, never stored). */
  generatedAdmin?: { email: string; password: string }
}

/** Hooks may skip side effects (notifications, webhooks) for documents the seed writes. */
export const SEED_CONTEXT = { seeding: true }

const DEFAULT_ADMIN_EMAIL = 'admin@example.com'

/**
 * Loads the source page's content. Idempotent: each document is looked up by its natural key (a slug, or
 * device + menu + day for prices) and only missing ones are created; existing ones are never touched.
 */
export const seed = async (payload: Payload): Promise<SeedReport> => {
  const report: SeedReport = { created: {} }

  const ensure = async <T extends CollectionSlug>(collection: T, where: Where, data: Record<string, unknown>) => {
    const existing = await payload.find({ collection, where, limit: 1, depth: 0, draft: true, overrideAccess: true, pagination: false })
    if (existing.docs[0]) return existing.docs[0] as { id: string }
    const created = await payload.create({ collection, data: data as never, overrideAccess: true, context: SEED_CONTEXT })
    report.created[collection] = (report.created[collection] ?? 0) + 1
    return created as { id: string }
  }
  const bySlug = (slug: string): Where => ({ slug: { equals: slug } })

  const store = await ensure('stores', bySlug(sagaStore.slug), sagaStore)

  const deviceIds = new Map<string, string>()
  for (const device of devices) {
    deviceIds.set(device.slug, (await ensure('devices', bySlug(device.slug), device)).id)
  }
  const deviceId = (slug: string) => {
    const id = deviceIds.get(slug)
    if (!id) throw new Error(`Seed data names an unknown device: ${slug}`)
    return id
  }

  const admin = await ensureAdmin(payload, report, store.id)

  await ensure('articles', bySlug(article7pay.slug), {
    title: article7pay.title,
    slug: article7pay.slug,
    category: article7pay.category,
    publishedAt: jstMidnight(article7pay.publishedDay),
    store: store.id,
    author: admin.id,
    body: plainTextToLexical(article7pay.paragraphs),
    _status: 'published',
  })

  for (const log of repairLogs) {
    await ensure('repair-logs', bySlug(log.slug), {
      title: log.title,
      slug: log.slug,
      publishedAt: jstMidnight(log.publishedDay),
      store: store.id,
      author: admin.id,
      device: deviceId(log.deviceSlug),
      repairMenu: log.repairMenu,
      body: plainTextToLexical([[log.text]]),
      excerpt: log.text,
      _status: 'published',
    })
  }

  for (const { startsDay, ...campaign } of campaigns) {
    await ensure('campaigns', bySlug(campaign.slug), { ...campaign, startsAt: jstMidnight(startsDay), _status: 'published' })
  }

  for (const { deviceSlug, validFromDay, ...price } of samplePrices) {
    const validFrom = jstMidnight(validFromDay)
    await ensure(
      'prices',
      {
        and: [
          { device: { equals: deviceId(deviceSlug) } },
          { repairMenu: { equals: price.repairMenu } },
          { store: { exists: false } },
          { validFrom: { equals: validFrom } },
        ],
      },
      { ...price, device: deviceId(deviceSlug), validFrom, _status: 'published' },
    )
  }

  return report
}

/**
 * The first admin: SEED_ADMIN_EMAIL / SEED_ADMIN_PASSWORD when set, otherwise a generated password that
 * the caller prints once. Skipped when any admin exists.
 */
const ensureAdmin = async (payload: Payload, report: SeedReport, storeId: string) => {
  const existing = await payload.find({
    collection: 'users',
    where: { role: { equals: 'admin' } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    pagination: false,
  })
  if (existing.docs[0]) return existing.docs[0]
  const email = process.env.SEED_ADMIN_EMAIL || DEFAULT_ADMIN_EMAIL
  const password = process.env.SEED_ADMIN_PASSWORD || randomBytes(18).toString('base64url')
  const admin = await payload.create({
    collection: 'users',
    data: { email, password, name: '管理者', role: 'admin', stores: [storeId] },
    overrideAccess: true,
    context: SEED_CONTEXT,
  })
  report.created.users = 1
  if (!process.env.SEED_ADMIN_PASSWORD) report.generatedAdmin = { email, password }
  return admin
}

/** The one place a generated password is shown: on the console of the run that created it. */
export const printSeedReport = (payload: Payload, report: SeedReport) => {
  const created = Object.entries(report.created).map(([collection, count]) => `${collection}: ${count}`)
  payload.logger.info(created.length ? `Seed created ${created.join(', ')}` : 'Seed: everything was already there; nothing changed')
  if (report.generatedAdmin) {
    const { email, password } = report.generatedAdmin
    console.log(
      [
        '',
        '  ┌─ Admin account created ─ this password is shown only once; store it now ─',
        `  │ email:    ${email}`,
        `  │ password: ${password}`,
        '  └─ (set SEED_ADMIN_EMAIL and SEED_ADMIN_PASSWORD to choose them instead)',
        '',
      ].join('\n'),
    )
  }
}
