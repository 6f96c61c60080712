import type { CollectionSlug, GlobalSlug, Payload, PayloadRequest, Where } from 'payload'

import { randomBytes } from 'node:crypto'

import { jstMidnight } from '../src/lib/jst'
import { plainTextToLexical } from '../src/lib/lexicalText'
import type { Role } from '../src/lib/rights'
import { article7pay } from './data/article7pay'
import { campaigns } from './data/campaigns'
import { devices } from './data/devices'
import { samplePrices } from './data/prices'
import { repairLogs } from './data/repairLogs'
import { siteSettings } from './data/siteSettings'
import { demoStore, sagaStore } from './data/store'
import { type PlannedAccount, planAccounts, SeedInputError } from './inputs'
import { inOneTransaction } from './oneTransaction'

export type GeneratedAccount = { email: string; role: Role; password: string }

export type SeedReport = {
  /** Documents created by this run, per collection; all zero on a second run. */
  created: Partial<Record<CollectionSlug | GlobalSlug, number>>
  /** Accounts this run created with a generated password (shown once, never stored); absent when none. */
  generatedAccounts?: GeneratedAccount[]
}

/** `demoAccounts: false` leaves the demo users out (each costs a password hash), for tests that need the content only. */
export type SeedOptions = { demoAccounts?: boolean }

/**
 * Loads the source page's content. Every setting it reads (SEED_ADMIN_EMAIL, SEED_<ROLE>_PASSWORD) is checked before
 * anything is written, and a refusal names each variable and rule (SeedInputError); the writes then land in one
 * transaction, so a failure half way leaves nothing behind. Idempotent: each document is looked up by its natural
 * key (a slug, an e-mail address, or device + menu + day for prices) and only missing ones are created; existing ones
 * are never touched, so a re-run completes whatever an earlier one could not.
 */
export const seed = async (payload: Payload, { demoAccounts = true }: SeedOptions = {}): Promise<SeedReport> => {
  const { accounts, problems } = await planAccounts(payload)
  if (problems.length > 0) throw new SeedInputError(problems)
  const planned = demoAccounts ? accounts : accounts.filter((account) => account.role === 'admin')
  return inOneTransaction(payload, (req) => loadSeed(payload, req, planned))
}

const loadSeed = async (payload: Payload, req: PayloadRequest, accounts: PlannedAccount[]): Promise<SeedReport> => {
  const report: SeedReport = { created: {} }

  const ensure = async <T extends CollectionSlug>(collection: T, where: Where, data: Record<string, unknown>) => {
    const existing = await payload.find({
      collection,
      where,
      limit: 1,
      depth: 0,
      draft: true,
      overrideAccess: true,
      pagination: false,
      req,
    })
    if (existing.docs[0]) return existing.docs[0] as { id: string }
    const created = await payload.create({ collection, data: data as never, overrideAccess: true, req })
    report.created[collection] = (report.created[collection] ?? 0) + 1
    return created as { id: string }
  }
  const bySlug = (slug: string): Where => ({ slug: { equals: slug } })

  const store = await ensure('stores', bySlug(sagaStore.slug), sagaStore)
  const storeIds = { saga: store.id, demo: (await ensure('stores', bySlug(demoStore.slug), demoStore)).id }

  const deviceIds = new Map<string, string>()
  for (const device of devices) {
    deviceIds.set(device.slug, (await ensure('devices', bySlug(device.slug), device)).id)
  }
  const deviceId = (slug: string) => {
    const id = deviceIds.get(slug)
    if (!id) throw new Error(`Seed data names an unknown device: ${slug}`)
    return id
  }

  // The accounts planned (and checked) before the first write: the first admin when there is none, missing demo users.
  for (const account of accounts) await createAccount(payload, req, report, account, storeIds[account.storeSlug])
  const admin = await firstAdmin(payload, req)

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
    await ensure('campaigns', bySlug(campaign.slug), {
      ...campaign,
      startsAt: jstMidnight(startsDay),
      _status: 'published',
    })
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

  // A global always exists; it is the seed's to fill while HQ has not named the site.
  const settings = await payload.findGlobal({ slug: 'site-settings', depth: 0, overrideAccess: true, req })
  if (!settings.siteName) {
    await payload.updateGlobal({ slug: 'site-settings', data: siteSettings, overrideAccess: true, req })
    report.created['site-settings'] = 1
  }

  return report
}

/** A planned account with its password from SEED_<ROLE>_PASSWORD, or a generated one the report carries to print once. */
const createAccount = async (
  payload: Payload,
  req: PayloadRequest,
  report: SeedReport,
  account: PlannedAccount,
  storeId: string,
) => {
  const password = account.password ?? randomBytes(18).toString('base64url')
  await payload.create({
    collection: 'users',
    data: { email: account.email, name: account.name, role: account.role, stores: [storeId], password },
    overrideAccess: true,
    req,
  })
  report.created.users = (report.created.users ?? 0) + 1
  if (account.password === undefined)
    (report.generatedAccounts ??= []).push({ email: account.email, role: account.role, password })
}

/** The author of the seeded posts: the first admin, the one just created or the one already there. */
const firstAdmin = async (payload: Payload, req: PayloadRequest) => {
  const { docs } = await payload.find({
    collection: 'users',
    where: { role: { equals: 'admin' } },
    sort: 'createdAt',
    limit: 1,
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
  })
  if (!docs[0]) throw new Error('The seed found no admin account to sign its posts')
  return docs[0]
}

/** The one place a generated password is shown: on the console of the run that created it. */
export const printSeedReport = (payload: Payload, report: SeedReport) => {
  const created = Object.entries(report.created).map(([collection, count]) => `${collection}: ${count}`)
  payload.logger.info(
    created.length ? `Seed created ${created.join(', ')}` : 'Seed: everything was already there; nothing changed',
  )
  if (report.generatedAccounts) {
    const emailWidth = Math.max(...report.generatedAccounts.map(({ email }) => email.length))
    console.log(
      [
        '',
        '  ┌─ Accounts created ─ these passwords are shown only once; store them now ─',
        ...report.generatedAccounts.map(
          ({ role, email, password }) => `  │ ${role.padEnd(8)}${email.padEnd(emailWidth + 2)}${password}`,
        ),
        '  └─ (set SEED_ADMIN_EMAIL and SEED_<ROLE>_PASSWORD, e.g. SEED_ADMIN_PASSWORD or SEED_STAFF_PASSWORD, to choose them instead)',
        '',
      ].join('\n'),
    )
  }
}
