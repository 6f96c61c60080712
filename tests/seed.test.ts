import type { CollectionSlug } from 'payload'

import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { planAccounts, SeedInputError } from '../seed/inputs'
import { inOneTransaction } from '../seed/oneTransaction'
import { seed, type SeedReport } from '../seed/seed'
import { parseEnvironment } from '../src/lib/env'
import { jstDay } from '../src/lib/jst'
import { PROJECT_ROOT } from '../src/lib/paths'
import { startPayload, type TestPayload } from './helpers/payload'
import { lexicalParagraphs, SOURCE_PAGE, sourceArticleParagraphs, sourceRepairReports } from './helpers/sourcePage'

let context: TestPayload
let firstRun: SeedReport

const find = <T extends CollectionSlug>(collection: T) =>
  context.payload.find({ collection, limit: 100, depth: 1, overrideAccess: true, sort: 'createdAt' })

beforeAll(async () => {
  context = await startPayload()
  for (const role of ['ADMIN', 'HQ', 'MANAGER', 'STAFF']) delete process.env[`SEED_${role}_PASSWORD`]
  delete process.env.SEED_ADMIN_EMAIL
})
afterAll(async () => {
  await context?.stop()
})

// On the empty database of a first start, before the seed below has run: the seed plans all six accounts.
describe('settings the seed refuses before it writes anything', () => {
  const problemsOf = async (environment: Record<string, string | undefined>) =>
    (await planAccounts(context.payload, parseEnvironment(environment))).problems.map(
      ({ variable, accounts, problem }) => [variable, accounts, problem.en],
    )

  it('names each variable, the accounts it was for and the rule it breaks', async () => {
    expect(
      await problemsOf({
        SEED_ADMIN_EMAIL: 'not-an-address',
        SEED_HQ_PASSWORD: 'short',
        SEED_MANAGER_PASSWORD: 'スマホスピタル佐賀駅前店の店長の合言葉',
        SEED_STAFF_PASSWORD: 'a-staff-passphrase-from-the-environment',
      }),
    ).toEqual([
      ['SEED_ADMIN_EMAIL', [], '"not-an-address" is not an e-mail address.'],
      ['SEED_HQ_PASSWORD', ['hq.saga@example.com'], 'The password must be at least 12 characters long.'],
      [
        'SEED_MANAGER_PASSWORD',
        ['manager.saga@example.com', 'manager.demo@example.com'],
        'The password must not contain your name, e-mail address, or the name of the chain or a store.',
      ],
    ])
  })

  it('refuses an admin address that a demo account or an existing one already has', async () => {
    expect(await problemsOf({ SEED_ADMIN_EMAIL: 'Staff.Saga@example.com' })).toEqual([
      ['SEED_ADMIN_EMAIL', ['staff.saga@example.com'], 'Another account already uses this e-mail address.'],
    ])
  })

  it('checks a password against each account it would be given to: its own name and address are refused', async () => {
    expect(
      await problemsOf({
        SEED_ADMIN_EMAIL: 'owner.tanaka@example.com',
        SEED_ADMIN_PASSWORD: 'owner.tanaka-likes-long-walks',
      }),
    ).toEqual([
      [
        'SEED_ADMIN_PASSWORD',
        ['owner.tanaka@example.com'],
        'The password must not contain your name, e-mail address, or the name of the chain or a store.',
      ],
    ])
  })

  it('throws them all at once and writes nothing', async () => {
    process.env.SEED_ADMIN_PASSWORD = 'short'
    process.env.SEED_STAFF_PASSWORD = 'password1234'
    try {
      const refused = await seed(context.payload).catch((error: unknown) => error)
      expect(refused).toBeInstanceOf(SeedInputError)
      expect((refused as SeedInputError).problems.map((problem) => problem.variable)).toEqual([
        'SEED_ADMIN_PASSWORD',
        'SEED_STAFF_PASSWORD',
      ])
      expect((await context.payload.count({ collection: 'users', overrideAccess: true })).totalDocs).toBe(0)
      expect((await context.payload.count({ collection: 'stores', overrideAccess: true })).totalDocs).toBe(0)
    } finally {
      delete process.env.SEED_ADMIN_PASSWORD
      delete process.env.SEED_STAFF_PASSWORD
    }
  })

  it('lands its writes together or not at all: a failure half way leaves nothing behind', async () => {
    const model = 'half-way probe'
    const failed = inOneTransaction(context.payload, async (req) => {
      await context.payload.create({
        collection: 'devices',
        data: { brand: 'apple', model, status: 'current' },
        overrideAccess: true,
        req,
      })
      expect(
        (await context.payload.count({ collection: 'devices', where: { model: { equals: model } }, req })).totalDocs,
      ).toBe(1)
      throw new Error('the disk is full')
    })
    await expect(failed).rejects.toThrow('the disk is full')
    expect(
      (
        await context.payload.count({
          collection: 'devices',
          where: { model: { equals: model } },
          overrideAccess: true,
        })
      ).totalDocs,
    ).toBe(0)

    await inOneTransaction(context.payload, (req) =>
      context.payload.create({
        collection: 'devices',
        data: { brand: 'apple', model, status: 'current' },
        overrideAccess: true,
        req,
      }),
    )
    expect(
      (
        await context.payload.count({
          collection: 'devices',
          where: { model: { equals: model } },
          overrideAccess: true,
        })
      ).totalDocs,
    ).toBe(1)
    await context.payload.delete({ collection: 'devices', where: { model: { equals: model } }, overrideAccess: true })
  })

  it('npm run seed prints the variable and the rule, without a stack trace, and exits 1', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cms-seed-run-'))
    try {
      const { DATABASE_URI: _uri, MAIL_OUTBOX_DIR: _outbox, ...environment } = process.env
      const run = spawnSync(process.execPath, ['--conditions=production', '--import', 'tsx', 'seed/run.ts'], {
        cwd: PROJECT_ROOT,
        env: { ...environment, DATA_DIR: dataDir, SEED_ADMIN_PASSWORD: 'short' },
        encoding: 'utf8',
        timeout: 170_000,
      })
      expect(run.status).toBe(1)
      expect(run.stderr).toContain(
        'SEED_ADMIN_PASSWORD (admin@example.com): パスワードは12文字以上にしてください。 / The password must be at least 12 characters long.',
      )
      expect(run.stderr).toContain('nothing was written to the database')
      expect(run.stderr).not.toMatch(/\n\s+at /)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 180_000)
})

describe('the seed, taken from the Saga store page', () => {
  beforeAll(async () => {
    firstRun = await seed(context.payload)
  })

  it('creates the Saga store with its real details, normalised', async () => {
    const { docs } = await find('stores')
    expect(docs.map((store) => store.slug)).toEqual(['saga', 'demo'])
    expect(docs[0]).toMatchObject({
      name: 'スマホスピタル佐賀駅前店',
      slug: 'saga',
      postalCode: '840-0801',
      prefecture: 'saga',
      city: '佐賀市',
      addressLine: '駅前中央2-3-3',
      phone: '0952-30-2255',
      email: 'info@iphonerepair-saga.com',
      regularHolidays: '定休日なし',
      openingHours: [expect.objectContaining({ opens: '11:00', closes: '20:00' })],
    })
    expect(SOURCE_PAGE).toContain('〒840-0801\n佐賀県佐賀市駅前中央2-3-3')
    expect(SOURCE_PAGE).toContain('営業時間 11時〜20時(定休日なし)')
  })

  it('gives the Saga store the short name, SEO keyword, title and description the page shows, each taken from it', async () => {
    const { docs } = await find('stores')
    const saga = docs[0]
    expect(saga).toMatchObject({
      shortName: 'スマホスピタル佐賀駅前',
      bookingLinkText: 'スマホスピタル佐賀駅前店 WEB予約',
      seo: {
        keyword: 'iPhone修理 佐賀',
        title: 'iPhone・スマホ修理のスマホスピタル佐賀駅前店',
        description: 'iPhone修理 佐賀なら佐賀駅近のスマホスピタル佐賀駅前にお任せ!',
      },
    })
    expect(SOURCE_PAGE.startsWith(`${saga.seo!.keyword}\n`)).toBe(true)
    expect(SOURCE_PAGE).toContain(`[2019.07.18] ${saga.shortName}\n`)
    expect(SOURCE_PAGE).toContain(`「7pay」 ${saga.seo!.description}\n`)
    expect(SOURCE_PAGE).toContain(`オンライン予約 ${saga.bookingLinkText} >>`)
  })

  it('fills the site settings with the menu, contact and group-site links and headings of the page', async () => {
    const settings = await context.payload.findGlobal({ slug: 'site-settings', overrideAccess: false })
    expect(settings.navigation?.map((link) => link.label)).toEqual(['修理内容一覧', '修理価格一覧'])
    expect(settings.groupSites?.map((link) => link.label)).toEqual(['スマホスピタルグループサイト', 'ゲームホスピタル'])
    const pageTexts = [
      ...settings.navigation!.map((link) => `  • ${link.label} iPhone修理 佐賀\n`),
      ...settings.groupSites!.map((link) => `  • ${link.label}\n`),
      `${settings.contact!.label} iPhone修理 佐賀\n`,
      `  • ${settings.booking!.onlineCallToAction}iPhone修理 佐賀\n`,
      `\n${settings.headings!.storeRepairLogs}\n`,
      `\n${settings.headings!.chainRepairLogs}`,
    ]
    for (const text of pageTexts) expect(SOURCE_PAGE).toContain(text)
  })

  it('creates the 7pay article with every paragraph of the page, published and dated 2019-07-18 JST', async () => {
    const { docs } = await find('articles')
    expect(docs).toHaveLength(1)
    const [article] = docs
    expect(article.title).toBe('セブン-イレブンで利用可能なコード決済「7pay」')
    expect(article._status).toBe('published')
    expect(jstDay(article.publishedAt)).toBe('2019-07-18')
    expect(article.publishedAt).toBe('2019-07-17T15:00:00.000Z')
    const paragraphs = lexicalParagraphs(article.body as never)
    expect(paragraphs).toEqual(sourceArticleParagraphs())
    expect(paragraphs).toHaveLength(11)
    expect(paragraphs.at(-1)).toContain('2019年7月5日現在、7payでは全てのチャージと新規登録を停止しています。')
    expect(article.excerpt?.startsWith('モバイル決済サービス「7pay」で、不正ログイン被害が相次いだ問題で')).toBe(true)
  })

  it('creates the three repair reports of 2020-11-25, -26 and -27 with exactly the page text', async () => {
    const { docs } = await find('repair-logs')
    const reports = sourceRepairReports()
    expect(reports.map((report) => report.day)).toEqual(['2020-11-27', '2020-11-26', '2020-11-25'])
    expect(docs).toHaveLength(3)
    for (const report of reports) {
      const log = docs.find((doc) => doc.title === report.title)
      expect(log, report.title).toBeDefined()
      expect(jstDay(log!.publishedAt)).toBe(report.day)
      expect(lexicalParagraphs(log!.body as never)).toEqual([report.text])
      expect(log!.excerpt).toBe(report.text)
      expect(log!._status).toBe('published')
      expect(log!.repairMenu).toBe('screen')
    }
    const models = docs.map((doc) => (doc.device as { model: string }).model).sort()
    expect(models).toEqual(['iPhone 7', 'iPhone 8', 'iPhone X'])
  })

  it('creates the four side-bar campaigns by their names on the page', async () => {
    const { docs } = await find('campaigns')
    const titles = docs.map((doc) => doc.title)
    expect(titles.sort()).toEqual(
      [
        'iPhoneじゃなくてもOK!下取りキャンペーン',
        '往復送料無料キャンペーン',
        '学割キャンペーン',
        'いいね!を押して200円OFFキャンペーン',
      ].sort(),
    )
    for (const title of titles) expect(SOURCE_PAGE).toContain(`  • ${title} iPhone修理 佐賀`)
    expect(docs.find((doc) => doc.kind === 'fixed_yen_off')?.value).toBe(200)
  })

  it('creates the devices the reports mention and a price list marked as sample data', async () => {
    // The reports' devices among the whole catalogue (tests/admin/devices.test.ts checks the catalogue itself).
    const devices = await context.payload.find({
      collection: 'devices',
      pagination: false,
      depth: 0,
      overrideAccess: true,
    })
    expect(devices.docs.map((device) => device.model)).toEqual(
      expect.arrayContaining(['iPhone 7', 'iPhone 8', 'iPhone X']),
    )
    const prices = await find('prices')
    expect(prices.docs.length).toBeGreaterThan(0)
    for (const price of prices.docs) {
      expect(price.isSample).toBe(true)
      expect(price.notes).toContain('サンプルデータ')
      expect(Number.isInteger(price.priceYen)).toBe(true)
    }
  })

  it('creates a second store clearly marked as demo data', async () => {
    const { docs } = await context.payload.find({
      collection: 'stores',
      where: { slug: { equals: 'demo' } },
      overrideAccess: true,
    })
    expect(docs).toHaveLength(1)
    expect(docs[0]).toMatchObject({
      name: 'デモ店舗（サンプル）',
      status: 'coming_soon',
      postalCode: '810-0001',
      prefecture: 'fukuoka',
    })
    expect(docs[0].reservationNote).toContain('サンプル')
  })

  it('creates an admin with a generated password that it reports once and that signs in', async () => {
    const admin = firstRun.generatedAccounts?.find((account) => account.role === 'admin')
    expect(admin?.email).toBe('admin@example.com')
    expect(admin!.password.length).toBeGreaterThanOrEqual(20)
    const { user } = await context.payload.login({
      collection: 'users',
      data: { email: 'admin@example.com', password: admin!.password },
    })
    expect(user?.role).toBe('admin')
  })

  it('creates demo users of every role at Saga and at the demo store, each with its own generated password', async () => {
    const { docs } = await context.payload.find({
      collection: 'users',
      depth: 1,
      overrideAccess: true,
      sort: 'email',
      limit: 100,
    })
    const accounts = docs.map((user) => [
      user.email,
      user.role,
      (user.stores ?? []).map((store) => (store as { slug: string }).slug),
    ])
    expect(accounts).toEqual([
      ['admin@example.com', 'admin', ['saga']],
      ['hq.saga@example.com', 'hq', ['saga']],
      ['manager.demo@example.com', 'manager', ['demo']],
      ['manager.saga@example.com', 'manager', ['saga']],
      ['staff.demo@example.com', 'staff', ['demo']],
      ['staff.saga@example.com', 'staff', ['saga']],
    ])
    const passwords = firstRun.generatedAccounts!.map((account) => account.password)
    expect(firstRun.generatedAccounts!.map((account) => account.email).sort()).toEqual(accounts.map(([email]) => email))
    expect(new Set(passwords).size).toBe(passwords.length)
    for (const password of passwords) expect(password).toMatch(/^[\w-]{20,}$/)
    const staff = firstRun.generatedAccounts!.find((account) => account.email === 'staff.saga@example.com')!
    const { user } = await context.payload.login({
      collection: 'users',
      data: { email: staff.email, password: staff.password },
    })
    expect(user?.role).toBe('staff')
  })

  it('changes nothing on a second run', async () => {
    const before = await Promise.all(
      (['stores', 'devices', 'articles', 'repair-logs', 'campaigns', 'prices', 'users'] as const).map(find),
    )
    const secondRun = await seed(context.payload)
    const after = await Promise.all(
      (['stores', 'devices', 'articles', 'repair-logs', 'campaigns', 'prices', 'users'] as const).map(find),
    )
    expect(secondRun).toEqual({ created: {} })
    expect(after.map((result) => result.docs.map((doc) => [doc.id, doc.updatedAt]))).toEqual(
      before.map((result) => result.docs.map((doc) => [doc.id, doc.updatedAt])),
    )
  })
})

describe('seeded accounts from the environment', () => {
  it('uses SEED_ADMIN_EMAIL and SEED_ADMIN_PASSWORD and reports no generated password', async () => {
    // Accounts that wrote posts are disabled or change role, never deleted: the only admin becomes HQ, leaving none.
    await context.payload.update({
      collection: 'users',
      where: { role: { equals: 'admin' } },
      data: { role: 'hq' },
      overrideAccess: true,
    })
    process.env.SEED_ADMIN_EMAIL = 'owner@example.com'
    process.env.SEED_ADMIN_PASSWORD = 'a-long-passphrase-from-the-environment'
    try {
      const report = await seed(context.payload)
      expect(report).toEqual({ created: { users: 1 } })
      const { user } = await context.payload.login({
        collection: 'users',
        data: { email: 'owner@example.com', password: 'a-long-passphrase-from-the-environment' },
      })
      expect(user?.role).toBe('admin')
    } finally {
      delete process.env.SEED_ADMIN_EMAIL
      delete process.env.SEED_ADMIN_PASSWORD
    }
  })

  it('uses SEED_<ROLE>_PASSWORD for a demo account it creates and reports no generated password', async () => {
    await context.payload.delete({
      collection: 'users',
      where: { email: { equals: 'staff.demo@example.com' } },
      overrideAccess: true,
    })
    process.env.SEED_STAFF_PASSWORD = 'a-staff-passphrase-from-the-environment'
    try {
      expect(await seed(context.payload)).toEqual({ created: { users: 1 } })
      const { user } = await context.payload.login({
        collection: 'users',
        data: { email: 'staff.demo@example.com', password: 'a-staff-passphrase-from-the-environment' },
      })
      expect(user?.role).toBe('staff')
    } finally {
      delete process.env.SEED_STAFF_PASSWORD
    }
  })
})

describe('a seed without demo accounts, for tests that bring their own', () => {
  it('creates no demo account, not even a missing one', async () => {
    await context.payload.delete({
      collection: 'users',
      where: { email: { equals: 'manager.demo@example.com' } },
      overrideAccess: true,
    })
    expect(await seed(context.payload, { demoAccounts: false })).toEqual({ created: {} })
    expect(
      (
        await context.payload.count({
          collection: 'users',
          where: { email: { equals: 'manager.demo@example.com' } },
          overrideAccess: true,
        })
      ).totalDocs,
    ).toBe(0)
    expect(await seed(context.payload)).toMatchObject({ created: { users: 1 } })
  })
})
