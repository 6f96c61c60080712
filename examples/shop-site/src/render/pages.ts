import type {
  ArticlePageData,
  Picture,
  PriceListPageData,
  RepairLogPageData,
  SiteSettings,
  Store,
  StorePageData,
} from '../cms/content.js'

import { dotDate, isoDay, labelOf, yen } from './format.js'
import { html, trusted } from './html.js'
import { chainLayout, type PageContext, picture, storeLayout } from './layout.js'

const byline = (publishedAt: string, author: string | null | undefined) =>
  html`<p class="byline">[<time datetime="${isoDay(publishedAt)}">${dotDate(publishedAt)}</time>] ${author ?? ''}</p>`

/** A store's page: its articles (お役立ち情報), with its details, campaigns and repair reports beside them. */
export const storePage = (data: StorePageData, context: PageContext) =>
  storeLayout(data, context, {
    title: data.store.seo?.title ?? data.store.name,
    main: html` <h1>${data.store.name}</h1>
      <ul class="posts articles">
        ${data.articles.map(
          (article) =>
            html` <li>
              <p class="category">
                ${article.category ? labelOf(context.labels, 'articles', 'category', article.category) : ''}
              </p>
              <a href="${article.sitePath ?? '#'}">${article.title}</a>
              ${picture(article.heroImage, 'thumb')} ${byline(article.publishedAt, article.authorProfile?.name)}
              <p>${article.excerpt ?? ''}</p>
            </li>`,
        )}
      </ul>`,
  })

/** An article, as the chain's pages show it: category, title, [date] writer, then the body the CMS rendered. */
export const articlePage = (data: ArticlePageData, context: PageContext) => {
  const { article } = data
  return storeLayout(data, context, {
    title: article.seo?.title ?? article.title,
    description: article.seo?.description ?? article.excerpt,
    main: html` <article>
      <p class="category">
        ${article.category ? labelOf(context.labels, 'articles', 'category', article.category) : ''}
      </p>
      <h1>${article.title}</h1>
      ${byline(article.publishedAt, article.authorProfile?.name)} ${picture(article.heroImage, 'hero')}
      <div class="body">${trusted(article.bodyHtml)}</div>
    </article>`,
  })
}

const photos = (heading: string, list: Picture[] | null | undefined) =>
  list?.length
    ? html`<figure class="photos">
        <figcaption>${heading}</figcaption>
        ${list.map((image) => picture(image))}
      </figure>`
    : ''

/** A repair report: device and repair, symptom and cause, the body and the before/after photos. */
export const repairLogPage = (data: RepairLogPageData, context: PageContext) => {
  const { repairLog } = data
  return storeLayout(data, context, {
    title: repairLog.title,
    description: repairLog.excerpt,
    main: html` <article>
      <p class="category">
        ${labelOf(context.labels, 'repair-logs', 'repairMenu', repairLog.repairMenu)}・${repairLog.device?.model ?? repairLog.unlistedModel ?? ''}
      </p>
      <h1>${repairLog.title}</h1>
      ${byline(repairLog.publishedAt, repairLog.authorProfile?.name)}
      ${repairLog.symptom ? html`<p><strong>症状</strong> ${repairLog.symptom}</p>` : ''}
      ${repairLog.cause ? html`<p><strong>原因</strong> ${repairLog.cause}</p>` : ''}
      <div class="body">${trusted(repairLog.bodyHtml)}</div>
      ${photos('修理前', repairLog.beforePhotos)} ${photos('修理後', repairLog.afterPhotos)}
    </article>`,
  })
}

/** The store's price list on today's date: the menus (修理内容) by device, with the CMS's effective prices. */
export const priceListPage = (data: PriceListPageData, context: PageContext) => {
  const menus = [...new Set(data.priceList.devices.flatMap((device) => device.menus.map((menu) => menu.repairMenu)))]
  return storeLayout(data, context, {
    title: `修理価格一覧 ${data.store.name}`,
    main: html` <h1>修理価格一覧</h1>
      <p>${data.priceList.date} 現在の税込価格です。</p>
      <ul class="menus" id="menus">
        ${menus.map((menu) => html`<li>${labelOf(context.labels, 'prices', 'repairMenu', menu)}</li>`)}
      </ul>
      <table class="prices">
        <thead>
          <tr>
            <th>機種</th>
            <th>修理内容</th>
            <th>価格（税込）</th>
          </tr>
        </thead>
        <tbody>
          ${data.priceList.devices.flatMap((device) =>
            device.menus.map(
              (menu, index) =>
                html`<tr>
                  ${index === 0 ? html`<th rowspan="${device.menus.length}">${labelOf(context.labels, 'devices', 'brand', device.brand)} ${device.model}</th>` : ''}
                  <td>${labelOf(context.labels, 'prices', 'repairMenu', menu.repairMenu)}</td>
                  <td class="yen">
                    ${yen(menu.priceYen)}${menu.isSample ? html`<span class="sample">（サンプル）</span>` : ''}
                  </td>
                </tr>`,
            ),
          )}
        </tbody>
      </table>`,
  })
}

/** The chain's front page: every open store. */
export const storeListPage = (data: { settings: SiteSettings; stores: Store[] }, context: PageContext) =>
  chainLayout(data.settings, {
    title: data.settings.siteName,
    main: html` <h1>店舗一覧</h1>
      <ul class="stores">
        ${data.stores.map(
          (store) =>
            html`<li>
              <a href="${store.sitePath ?? `/stores/${store.slug}/`}">${store.name}</a>
              <span
                >${labelOf(context.labels, 'stores', 'prefecture', store.prefecture)}${store.city}${store.addressLine}</span
              >
              <span>${store.phone}</span>
            </li>`,
        )}
      </ul>`,
  })

export const notFoundPage = (settings: SiteSettings | null) =>
  chainLayout(settings, {
    title: 'ページが見つかりません',
    main: html`<h1>ページが見つかりません</h1>
      <p><a href="/">店舗一覧へ</a></p>`,
  })
