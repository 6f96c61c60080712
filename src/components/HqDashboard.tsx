import type { ServerProps } from 'payload'

import {
  type CampaignWindow,
  chainOverview,
  type ListLink,
  type PriceSection,
  QUIET_DAYS,
  SOON_DAYS,
  startsOnChainOverview,
} from '../lib/chainOverview'
import { type Bilingual, label, languageOf } from '../lib/i18n'
import { jstDateTime } from '../lib/jst'
import { REPAIR_MENUS } from '../lib/repairMenus'
import './HqDashboard.scss'

const TEXT = {
  heading: label('本部ダッシュボード', 'HQ dashboard'),
  asOf: (today: string, soonUntil: string) =>
    label(
      `${today}現在（日本時間）。「${SOON_DAYS}日以内」は${soonUntil}まで。`,
      `As of ${today} (JST). "Next ${SOON_DAYS} days" runs through ${soonUntil}.`,
    ),
  campaigns: label('キャンペーン', 'Campaigns'),
  live: label('開催中', 'Live now'),
  starting: label(`${SOON_DAYS}日以内に開始`, `Starting in the next ${SOON_DAYS} days`),
  ending: label(`${SOON_DAYS}日以内に終了`, `Ending in the next ${SOON_DAYS} days`),
  prices: label('修理価格', 'Prices'),
  priceDrafts: label('下書きの価格', 'Draft prices'),
  priceUpcoming: label(`${SOON_DAYS}日以内に適用開始`, `Taking effect in the next ${SOON_DAYS} days`),
  quiet: label(`${QUIET_DAYS}日間投稿のない店舗`, `Stores without a post for ${QUIET_DAYS} days`),
  everyStore: label('全店舗', 'Every store'),
  draft: label('下書き', 'Draft'),
  noEnd: label('終了日なし', 'No end'),
  none: label('ありません', 'None'),
  neverPosted: label('まだ投稿なし', 'No post yet'),
  lastPost: label('最終投稿：', 'Last post: '),
  more: label('すべて見る', 'See all'),
  items: (count: number) => label(`${count}件`, `${count}`),
  stores: (count: number) => label(`${count}店舗`, `${count}`),
  itemsAfter: (count: number) => label(`（${count}件）`, ` (${count})`),
  storesAfter: (count: number) => label(`（${count}店舗）`, ` (${count})`),
  chainWide: label('全店共通', 'Chain-wide'),
}

const MENU_LABELS = new Map(REPAIR_MENUS.map((menu) => [menu.value, menu.label]))

/**
 * HQ's and admin's start page: the chain at a glance. Every figure links to the admin list of exactly the
 * documents it counts, every row to its document; the data comes from chainOverview with the user's own access.
 */
export const HqDashboard = async ({ payload, user, i18n }: ServerProps) => {
  if (!user || !startsOnChainOverview(user)) return null
  const t = (text: Bilingual) => text[languageOf(i18n.language)]
  const view = await chainOverview(payload, user)

  const figure = (name: string, title: Bilingual, list: ListLink, unit: (count: number) => Bilingual = TEXT.items) => (
    <a className="hq-dashboard__figure" href={list.href} data-testid={`figure-${name}`}>
      <span className="hq-dashboard__figure-label">{t(title)}</span>
      <span className="hq-dashboard__figure-count">{t(unit(list.count))}</span>
    </a>
  )

  const campaignWindow = (name: string, title: Bilingual, window: CampaignWindow) => (
    <div className="hq-dashboard__panel" data-testid={`campaigns-${name}`}>
      <h4>
        <a href={window.list.href}>
          {t(title)}
          {t(TEXT.itemsAfter(window.list.count))}
        </a>
      </h4>
      {window.groups.length === 0 && <p className="hq-dashboard__empty">{t(TEXT.none)}</p>}
      {window.groups.map((group) => (
        <div className="hq-dashboard__group" key={group.storeId ?? 'chain'}>
          <a className="hq-dashboard__group-heading" href={group.list.href}>
            {group.storeName ?? t(TEXT.everyStore)}
            {t(TEXT.itemsAfter(group.list.count))}
          </a>
          <ul className="hq-dashboard__list">
            {group.campaigns.map((campaign) => (
              <li key={campaign.id}>
                <a href={campaign.href}>{campaign.title}</a>
                <span className="hq-dashboard__meta">
                  {campaign.draft && <span className="hq-dashboard__badge">{t(TEXT.draft)}</span>}
                  {jstDateTime(campaign.startsAt)}〜{campaign.endsAt ? jstDateTime(campaign.endsAt) : t(TEXT.noEnd)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ))}
      {!window.complete && <a href={window.list.href}>{t(TEXT.more)}</a>}
    </div>
  )

  const priceSection = (name: string, title: Bilingual, section: PriceSection) => (
    <div className="hq-dashboard__panel" data-testid={`prices-${name}`}>
      <h4>
        <a href={section.list.href}>
          {t(title)}
          {t(TEXT.itemsAfter(section.list.count))}
        </a>
      </h4>
      {section.rows.length === 0 && <p className="hq-dashboard__empty">{t(TEXT.none)}</p>}
      <ul className="hq-dashboard__list">
        {section.rows.map((row) => {
          const menu = MENU_LABELS.get(row.repairMenu)
          return (
            <li key={row.id}>
              <a href={row.href}>
                {row.device}・{menu ? t(menu) : row.repairMenu}・{row.priceYen.toLocaleString('ja-JP')}円
              </a>
              <span className="hq-dashboard__meta">
                {row.store ?? t(TEXT.chainWide)} · {jstDateTime(row.validFrom).slice(0, 10)}〜
              </span>
            </li>
          )
        })}
      </ul>
      {section.rows.length < section.list.count && <a href={section.list.href}>{t(TEXT.more)}</a>}
    </div>
  )

  const { campaigns, prices, quietStores } = view
  return (
    <section className="hq-dashboard" aria-label={t(TEXT.heading)}>
      <h2>{t(TEXT.heading)}</h2>
      <p className="hq-dashboard__meta">
        {t(TEXT.asOf(view.today.replaceAll('-', '/'), view.soonUntil.replaceAll('-', '/')))}
      </p>
      <nav className="hq-dashboard__figures" aria-label={t(TEXT.heading)}>
        {figure('live', TEXT.live, campaigns.live.list)}
        {figure('starting', TEXT.starting, campaigns.starting.list)}
        {figure('ending', TEXT.ending, campaigns.ending.list)}
        {figure('price-drafts', TEXT.priceDrafts, prices.drafts.list)}
        {figure('price-upcoming', TEXT.priceUpcoming, prices.upcoming.list)}
        {figure('quiet-stores', TEXT.quiet, quietStores.list, TEXT.stores)}
      </nav>

      <h3>{t(TEXT.campaigns)}</h3>
      <div className="hq-dashboard__columns">
        {campaignWindow('live', TEXT.live, campaigns.live)}
        {campaignWindow('starting', TEXT.starting, campaigns.starting)}
        {campaignWindow('ending', TEXT.ending, campaigns.ending)}
      </div>

      <h3>{t(TEXT.prices)}</h3>
      <div className="hq-dashboard__columns">
        {priceSection('drafts', TEXT.priceDrafts, prices.drafts)}
        {priceSection('upcoming', TEXT.priceUpcoming, prices.upcoming)}
      </div>

      <h3>
        <a href={quietStores.list.href}>
          {t(TEXT.quiet)}
          {t(TEXT.storesAfter(quietStores.list.count))}
        </a>
      </h3>
      <div className="hq-dashboard__panel" data-testid="quiet-stores">
        {quietStores.stores.length === 0 && <p className="hq-dashboard__empty">{t(TEXT.none)}</p>}
        <ul className="hq-dashboard__list">
          {quietStores.stores.map((store) => (
            <li key={store.id}>
              <a href={store.href}>{store.name}</a>
              <span className="hq-dashboard__meta">
                {store.lastPost ? (
                  <>
                    {t(TEXT.lastPost)}
                    <a href={store.lastPost.href}>{jstDateTime(store.lastPost.publishedAt).slice(0, 10)}</a>
                  </>
                ) : (
                  t(TEXT.neverPosted)
                )}
              </span>
            </li>
          ))}
        </ul>
        {quietStores.stores.length < quietStores.list.count && <a href={quietStores.list.href}>{t(TEXT.more)}</a>}
      </div>
    </section>
  )
}
