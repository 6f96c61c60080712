import type { Label, Picture, RepairLog, SiteSettings, Store, StoreFrame } from '../cms/content.js'

import { dotDate, isoDay, japaneseClock, labelOf, siteLink } from './format.js'
import { type Html, html } from './html.js'

export type PageContext = { labels: Label[] }

/** The keyword a store's page repeats after its links, as the chain's pages always have (SEO). */
const withKeyword = (text: Html | string, store: Store) =>
  html`${text}${store.seo?.keyword ? html`<span class="keyword"> ${store.seo.keyword}</span>` : ''}`

const address = (store: Store, { labels }: PageContext) =>
  `${labelOf(labels, 'stores', 'prefecture', store.prefecture)}${store.city}${store.addressLine}`

/** A link of the chain's settings: a site path (with `{store}`) or an https address; text only without one. */
const settingsLink = (label: Html | string, url: string | null | undefined, store: Store) =>
  url ? html`<a href="${siteLink(url, store.slug)}">${label}</a>` : html`<span>${label}</span>`

/** A picture in its card size (768×512) when the CMS made one, else the file itself with its own width and height. */
export const picture = (image: Picture | null | undefined, className = '') => {
  if (!image?.url) return ''
  const card = image.sizes?.card?.url
  const size = card
    ? html` width="768" height="512"`
    : image.width && image.height
      ? html` width="${image.width}" height="${image.height}"`
      : ''
  return html`<img class="${className}" src="${card ?? image.url}" alt="${image.alt ?? ''}" loading="lazy" ${size} />`
}

/** Each row of the opening hours; its days named (月・火…) unless it holds every day, holidays included. */
const hours = (store: Store, { labels }: PageContext) =>
  (store.openingHours ?? []).map((row) => {
    const allDays = labels
      .filter((label) => label.collection === 'stores' && label.field === 'openingHours.days')
      .flatMap((label) => label.code ?? [])
    const everyDay = allDays.every((day) => row.days.includes(day))
    const days = everyDay
      ? ''
      : `${row.days.map((day) => labelOf(labels, 'stores', 'openingHours.days', day)).join('・')} `
    return {
      clock: `${days}${row.opens}~${row.closes}`,
      japanese: `${days}${japaneseClock(row.opens)}〜${japaneseClock(row.closes)}`,
    }
  })

/** Where the store is on a map: its coordinates when the CMS has them, its address otherwise. */
const mapUrl = (store: Store, context: PageContext) =>
  typeof store.latitude === 'number' && typeof store.longitude === 'number'
    ? `https://www.openstreetmap.org/?mlat=${store.latitude}&mlon=${store.longitude}#map=17/${store.latitude}/${store.longitude}`
    : `https://www.openstreetmap.org/search?query=${encodeURIComponent(`〒${store.postalCode} ${address(store, context)}`)}`

const storeDetails = (store: Store, settings: SiteSettings, context: PageContext) => {
  const title = store.seo?.title ?? store.name
  return html` <section class="store-card">
      <p class="store-title">${title}</p>
      <p>〒${store.postalCode} ${address(store, context)}</p>
      <p><a href="tel:${store.phone}">${store.phone}</a></p>
      ${hours(store, context).map(({ clock }) => html`<p>${clock}</p>`)}
    </section>
    <section class="store-details" id="contact">
      <h2>${title}の詳細・アクセス</h2>
      ${store.photo ? picture(store.photo, 'store-photo') : ''}
      <p>〒${store.postalCode}<br />${address(store, context)}</p>
      ${store.access ? html`<p>${store.access}</p>` : ''}
      <div class="facts">
        <p>
          <span class="term">営業時間</span> ${hours(store, context)
            .map(({ japanese }) => japanese)
            .join('、')}${store.regularHolidays ? `(${store.regularHolidays})` : ''}
        </p>
        <p><span class="term">電話番号</span> <a href="tel:${store.phone}">${store.phone}</a></p>
        ${store.email ? html`<p><span class="term">E-mail</span> <a href="mailto:${store.email}">${store.email}</a></p>` : ''}
        ${store.bookingLinkText ? html`<p><span class="term">オンライン予約</span> ${settingsLink(`${store.bookingLinkText} >>`, store.bookingUrl, store)}</p>` : ''}
        ${store.nearestStation ? html`<p><span class="term">最寄り駅</span> ${store.nearestStation}</p>` : ''}
      </div>
      <p class="map"><a href="${mapUrl(store, context)}" rel="noopener">地図を見る（OpenStreetMap）</a></p>
      <p><a href="${store.sitePath ?? `/stores/${store.slug}/`}">一覧に戻る</a></p>
    </section>
    <section class="call">
      <p><a href="tel:${store.phone}">${store.phone}</a> ${withKeyword(store.reservationNote ?? '', store)}</p>
      ${settings.contact?.label ? html`<p>${settingsLink(withKeyword(settings.contact.label, store), settings.contact.url, store)}</p>` : ''}
    </section>`
}

export const repairLogList = (logs: RepairLog[], heading: string | null | undefined, className: string) =>
  heading
    ? html` <section class="${className}">
        <h2>${heading}</h2>
        <ul class="posts">
          ${logs.map(
            (log) =>
              html` <li>
                <a href="${log.sitePath ?? '#'}">${log.title}</a>
                <p class="byline">
                  [<time datetime="${isoDay(log.publishedAt)}">${dotDate(log.publishedAt)}</time>]
                  ${log.authorProfile?.name ?? ''}
                </p>
                <p>${log.excerpt ?? ''}</p>
              </li>`,
          )}
        </ul>
      </section>`
    : ''

const sidebar = (frame: StoreFrame, context: PageContext) => {
  const { store, settings, campaigns } = frame
  return html` <aside>
    ${storeDetails(store, settings, context)}
    <nav class="links">
      <ul>
        ${campaigns.map((campaign) => html`<li class="campaign">${withKeyword(campaign.title, store)}</li>`)}
        ${(settings.navigation ?? []).map((link) => html`<li>${settingsLink(withKeyword(link.label, store), link.url, store)}</li>`)}
        ${(settings.groupSites ?? []).map((link) => html`<li>${settingsLink(link.label, link.url, store)}</li>`)}
      </ul>
    </nav>
    ${repairLogList(frame.storeRepairLogs, settings.headings?.storeRepairLogs, 'store-repairs')}
    ${repairLogList(frame.chainRepairLogs, settings.headings?.chainRepairLogs, 'chain-repairs')}
  </aside>`
}

/** Every store page: the SEO headline, booking links, the page's own content beside the store's details, campaigns and reports. */
export const storeLayout = (
  frame: StoreFrame,
  context: PageContext,
  page: { title: string; description?: string | null; main: Html },
) => {
  const { store, settings } = frame
  const tagline = `${page.title} ${store.seo?.description ?? ''}`.trim()
  return html`<!doctype html>
    <html lang="ja">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${tagline}${settings.seo?.titleSuffix ?? ''}</title>
        <meta
          name="description"
          content="${page.description ?? store.seo?.description ?? settings.seo?.description ?? ''}"
        />
        <link rel="stylesheet" href="/site.css" />
      </head>
      <body>
        <header>
          ${store.seo?.keyword ? html`<p class="headline">${store.seo.keyword}</p>` : ''}
          <p class="tagline"><a href="${store.sitePath ?? '/'}">${tagline}</a></p>
          <ul class="booking">
            ${store.reservationNote ? html`<li><a href="tel:${store.phone}">${withKeyword(store.reservationNote, store)}</a></li>` : ''}
            ${settings.booking?.onlineCallToAction ? html`<li><a href="${store.bookingUrl ?? '#contact'}">${withKeyword(settings.booking.onlineCallToAction, store)}</a></li>` : ''}
          </ul>
        </header>
        <div class="page">
          <main>${page.main}</main>
          ${sidebar(frame, context)}
        </div>
        <footer>
          <p>${settings.siteName}</p>
          ${settings.footer ? html`<p>${settings.footer}</p>` : ''}
        </footer>
      </body>
    </html>`
}

/** The chain's own pages (the store list, not found): its name, no store around them. */
export const chainLayout = (settings: SiteSettings | null, page: { title: string; main: Html }) =>
  html`<!doctype html>
    <html lang="ja">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${page.title}${settings?.seo?.titleSuffix ?? ''}</title>
        <link rel="stylesheet" href="/site.css" />
      </head>
      <body>
        <header>
          <p class="tagline"><a href="/">${settings?.siteName ?? ''}</a></p>
        </header>
        <div class="page"><main>${page.main}</main></div>
        <footer>${settings?.footer ? html`<p>${settings.footer}</p>` : ''}</footer>
      </body>
    </html>`
