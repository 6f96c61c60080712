import type { Payload } from 'payload'

import * as qs from 'qs-esm'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { ChainOverview, ListLink } from '../../src/lib/chainOverview'

import { plainTextToLexical } from '../../src/lib/lexicalText'
import { createStores } from '../helpers/fixtures'
import { createUser, startPayload, type TestPayload } from '../helpers/payload'

/**
 * HQ's start page, at noon of 2026-06-15 in Japan: "soon" runs through 2026-06-29 (JST), and a store is quiet when
 * it published nothing since 2026-05-17. Each edge is tried from both sides.
 */
const NOW = new Date('2026-06-15T12:00:00+09:00')

let instance: TestPayload
let payload: Payload
let overview: ChainOverview
type Account = Awaited<ReturnType<typeof createUser>>
let hq: Account
let stores: Record<string, string>
let device: string

/** The account as the admin's server components get it: a session that passed the second factor HQ and admin owe. */
const signedIn = (account: Account) => ({
  ...account,
  collection: 'users' as const,
  _sid: 'session',
  secondFactorEnabled: true,
  secondFactorSessions: ['session'],
})

const campaign = async (
  title: string,
  startsAt: string,
  endsAt: string | undefined,
  targetStores: string[] = [],
  status = 'published',
) =>
  payload.create({
    collection: 'campaigns',
    data: { title, kind: 'trade_in', startsAt, endsAt, targetStores, _status: status } as never,
    draft: status === 'draft',
    overrideAccess: true,
  })

const price = async (repairMenu: string, validFrom: string, status = 'published', store?: string) =>
  payload.create({
    collection: 'prices',
    data: { device, repairMenu, priceYen: 10_000, validFrom, store, _status: status } as never,
    draft: status === 'draft',
    overrideAccess: true,
  })

const post = async (
  collection: 'repair-logs' | 'articles',
  title: string,
  store: string,
  publishedAt: string,
  status = 'published',
) =>
  payload.create({
    collection,
    data: {
      title,
      store,
      publishedAt,
      body: plainTextToLexical([[title]]),
      ...(collection === 'repair-logs' ? { device, repairMenu: 'screen' } : {}),
      _status: status,
    } as never,
    draft: status === 'draft',
    overrideAccess: true,
  })

const titles = (window: ChainOverview['campaigns']['live']) =>
  Object.fromEntries(
    window.groups.map((group) => [group.storeName ?? '全店舗', group.campaigns.map((row) => row.title).sort()]),
  )

/** Every figure of the overview with its link. */
const allLinks = (view: ChainOverview): ListLink[] => [
  ...Object.values(view.campaigns).flatMap((window) => [window.list, ...window.groups.map((group) => group.list)]),
  view.prices.drafts.list,
  view.prices.upcoming.list,
  view.quietStores.list,
]

beforeAll(async () => {
  instance = await startPayload()
  payload = instance.payload
  stores = await createStores(payload, { shibuya: '渋谷店', saga: '佐賀駅前店', umeda: '梅田店', nagoya: '名古屋店' })
  const closed = await payload.create({
    collection: 'stores',
    data: {
      name: '閉店した店',
      slug: 'closed',
      status: 'closed',
      postalCode: '100-0001',
      prefecture: 'tokyo',
      city: '千代田区',
      addressLine: '1-1',
      phone: '03-1234-5678',
    },
    overrideAccess: true,
  })
  stores.closed = closed.id
  device = (
    await payload.create({
      collection: 'devices',
      data: { brand: 'apple', model: 'テスト端末 1' },
      overrideAccess: true,
    })
  ).id
  hq = signedIn(await createUser(payload, 'hq'))

  // Campaigns: live now, starting and ending around the end of 2026-06-29 JST.
  await campaign('全店で開催中', '2026-06-01T00:00:00+09:00', undefined)
  await campaign('渋谷と佐賀で開催中', '2026-06-01T00:00:00+09:00', '2026-07-31T00:00:00+09:00', [
    stores.shibuya,
    stores.saga,
  ])
  await campaign('開催中の下書き', '2026-06-01T00:00:00+09:00', undefined, [], 'draft')
  await campaign('今ちょうど終わった', '2026-06-01T00:00:00+09:00', NOW.toISOString())
  await campaign('終了間近', '2026-06-01T00:00:00+09:00', '2026-06-29T23:59:00+09:00', [stores.shibuya])
  await campaign('15日後の朝に終了', '2026-06-01T00:00:00+09:00', '2026-06-30T00:00:00+09:00', [stores.shibuya])
  await campaign('まもなく開始', '2026-06-29T23:59:00+09:00', undefined, [stores.saga])
  await campaign('まもなく開始の下書き', '2026-06-20T10:00:00+09:00', '2026-06-25T10:00:00+09:00', [], 'draft')
  await campaign('15日後に開始', '2026-06-30T00:00:00+09:00', undefined)
  await campaign('終わったもの', '2026-05-01T00:00:00+09:00', '2026-05-31T00:00:00+09:00')

  // Prices: drafts, and published rows taking effect from tomorrow through 2026-06-29.
  await price('screen', '2026-07-31T12:00:00+09:00', 'draft')
  await price('battery', '2026-06-01T12:00:00+09:00', 'draft', stores.saga)
  await price('camera', '2026-06-16T00:00:00+09:00')
  await price('speaker', '2026-06-29T12:00:00+09:00', 'published', stores.shibuya)
  await price('button', '2026-06-15T12:00:00+09:00')
  await price('other', '2026-06-30T00:00:00+09:00')

  // Posts: 渋谷 published at the first minute of the 30 days, 佐賀 last week; 梅田 a minute before the 30 days
  // (and a newer draft), 名古屋 only a post scheduled for later; the closed store nothing.
  await post('repair-logs', '渋谷の修理ブログ', stores.shibuya, '2026-05-17T00:00:00+09:00')
  await post('articles', '佐賀のお役立ち情報', stores.saga, '2026-06-10T10:00:00+09:00')
  await post('repair-logs', '梅田の古い修理ブログ', stores.umeda, '2026-05-16T23:59:00+09:00')
  await post('articles', '梅田のもっと古い記事', stores.umeda, '2026-04-01T10:00:00+09:00')
  await post('repair-logs', '梅田の下書き', stores.umeda, '2026-06-12T10:00:00+09:00', 'draft')
  await post('articles', '名古屋の予約投稿', stores.nagoya, '2026-06-20T10:00:00+09:00')

  overview = await (await import('../../src/lib/chainOverview')).chainOverview(payload, hq, { now: NOW })
})
afterAll(async () => {
  await instance?.stop()
})

describe('the chain overview HQ starts on', () => {
  it('names the days it covers in Japan time', () => {
    expect(overview).toMatchObject({ today: '2026-06-15', soonUntil: '2026-06-29', quietSince: '2026-05-17' })
  })

  it('lists the published campaigns running now by store, a chain-wide one as every store', () => {
    expect(titles(overview.campaigns.live)).toEqual({
      全店舗: ['全店で開催中'],
      佐賀駅前店: ['渋谷と佐賀で開催中'],
      渋谷店: ['15日後の朝に終了', '渋谷と佐賀で開催中', '終了間近'],
    })
    expect(overview.campaigns.live.groups[0].storeName).toBeNull()
    expect(overview.campaigns.live.list.count).toBe(4)
  })

  it('lists campaigns starting through the 14th day, drafts marked, and none from the 15th', () => {
    expect(titles(overview.campaigns.starting)).toEqual({
      全店舗: ['まもなく開始の下書き'],
      佐賀駅前店: ['まもなく開始'],
    })
    expect(overview.campaigns.starting.groups[0].campaigns[0].draft).toBe(true)
  })

  it('lists published campaigns ending through the 14th day, and none from the 15th', () => {
    expect(titles(overview.campaigns.ending)).toEqual({ 渋谷店: ['終了間近'] })
  })

  it('lists every draft price row, and published rows taking effect from tomorrow through the 14th day', () => {
    expect(overview.prices.drafts.rows.map((row) => [row.repairMenu, row.store]).sort()).toEqual([
      ['battery', '佐賀駅前店'],
      ['screen', null],
    ])
    expect(overview.prices.upcoming.rows.map((row) => [row.repairMenu, row.store, row.device])).toEqual([
      ['camera', null, 'テスト端末 1'],
      ['speaker', '渋谷店', 'テスト端末 1'],
    ])
  })

  it('lists the open stores with no published post in 30 days, with their last post or none', () => {
    expect(
      overview.quietStores.stores.map((store) => [
        store.name,
        store.lastPost?.title ?? null,
        store.lastPost?.publishedAt ?? null,
      ]),
    ).toEqual([
      ['名古屋店', null, null],
      ['梅田店', '梅田の古い修理ブログ', '2026-05-16T14:59:00.000Z'],
    ])
    expect(overview.quietStores.list.count).toBe(2)
  })

  it('links every figure to an admin list that shows exactly as many documents, for the same user', async () => {
    const links = allLinks(overview)
    expect(links.length).toBeGreaterThan(8)
    for (const link of links) {
      const [pathname, search = ''] = link.href.split('?')
      expect(pathname).toBe(`/admin/collections/${link.collection}`)
      // Parsed as the admin's list view parses its URL, and queried as that view queries.
      const { where } = qs.parse(search, { depth: 10, ignoreQueryPrefix: true }) as { where?: never }
      const listed = await payload.find({
        collection: link.collection,
        where,
        draft: true,
        depth: 0,
        limit: 1,
        overrideAccess: false,
        user: hq,
      })
      expect({ href: decodeURIComponent(link.href), count: listed.totalDocs }).toEqual({
        href: decodeURIComponent(link.href),
        count: link.count,
      })
    }
  })

  it('is refused to store staff and managers, and shown to HQ and admin', async () => {
    const { chainOverview, startsOnChainOverview } = await import('../../src/lib/chainOverview')
    const manager = await createUser(payload, 'manager', { stores: [stores.shibuya] })
    const staff = await createUser(payload, 'staff', { stores: [stores.shibuya] })
    const admin = signedIn(await createUser(payload, 'admin'))
    await expect(chainOverview(payload, manager, { now: NOW })).rejects.toMatchObject({ status: 403 })
    await expect(chainOverview(payload, staff, { now: NOW })).rejects.toMatchObject({ status: 403 })
    expect([hq, admin, manager, staff].map(startsOnChainOverview)).toEqual([true, true, false, false])
    expect(startsOnChainOverview({ ...hq, disabled: true } as never)).toBe(false)
    expect((await chainOverview(payload, admin, { now: NOW })).campaigns.live.list.count).toBe(4)
  })
})

describe('the start page each role gets', () => {
  const render = async (component: 'HqDashboard' | 'StoreDashboard', user: object) => {
    const exported =
      component === 'HqDashboard'
        ? await import('../../src/components/HqDashboard')
        : await import('../../src/components/StoreDashboard')
    const Component = (exported as Record<string, (props: never) => Promise<unknown>>)[component]
    const element = await Component({ payload, user, i18n: { language: 'ja' } } as never)
    return element === null ? null : renderToStaticMarkup(element as never)
  }

  it('shows HQ the chain view with every figure linked to its list, and not the store posts', async () => {
    const html = await render('HqDashboard', hq)
    expect(html).toContain('本部ダッシュボード')
    expect(html).toContain('全店舗')
    // Rendered now (not at NOW): the campaign running without an end is live whatever the day.
    expect(html).toContain('全店で開催中')
    for (const figure of ['live', 'starting', 'ending', 'price-drafts', 'price-upcoming', 'quiet-stores']) {
      expect(html).toMatch(
        new RegExp(
          `<a class="hq-dashboard__figure" href="/admin/collections/[a-z-]+\\?where%5B[^"]+" data-testid="figure-${figure}">`,
        ),
      )
    }
    expect(await render('StoreDashboard', hq)).toBeNull()
  })

  it('shows staff their store posts under their store names, and not the chain view', async () => {
    const staff = await createUser(payload, 'staff', { stores: [stores.shibuya, stores.saga] })
    expect(await render('HqDashboard', staff)).toBeNull()
    const html = await render('StoreDashboard', staff)
    expect(html).toContain('<h2>「佐賀駅前店」「渋谷店」の投稿</h2>')
    const storeless = await createUser(payload, 'staff')
    expect(await render('StoreDashboard', storeless)).toContain('<h2>お店の投稿</h2>')
  })
})
