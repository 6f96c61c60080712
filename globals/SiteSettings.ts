import type { ArrayField, GlobalConfig } from 'payload'

import { anyone } from '../src/access/anyone'
import { isHqOrAdmin } from '../src/access/isHqOrAdmin'
import { textRule } from '../src/fields/validated'
import { label } from '../src/lib/i18n'
import { actsForWholeChain } from '../src/lib/rights'
import { isSiteLink } from '../src/lib/siteLink'

/** Where a link of the site may go: https elsewhere, or a path of the shop site itself, where `{store}` is the store's slug. */
const siteLinkRule = textRule(isSiteLink, {
  ja: 'https:// で始まるURLか、/ で始まるサイト内のパス（{store} は店舗のスラッグ）を入力してください。',
  en: 'Enter a URL starting with https:// or a site path starting with / ({store} is the store’s slug).',
})

const links = (
  name: string,
  fieldLabel: ReturnType<typeof label>,
  description: ReturnType<typeof label>,
  urlRequired: boolean,
): ArrayField => ({
  name,
  type: 'array',
  label: fieldLabel,
  labels: { singular: label('リンク', 'Link'), plural: label('リンク', 'Links') },
  maxRows: 20,
  admin: { description },
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'label', type: 'text', label: label('表示する文字', 'Text'), required: true, maxLength: 60 },
        {
          name: 'url',
          type: 'text',
          label: label('リンク先', 'Link'),
          required: urlRequired,
          maxLength: 500,
          validate: siteLinkRule,
        },
      ],
    },
  ],
})

/**
 * What every shop site of the chain shows besides its store's own content: the site's name, SEO defaults, the
 * navigation, contact and group-site links, section headings and the footer. Content, not code: HQ edits it, every
 * frontend reads it (`GET /api/globals/site-settings`, GraphQL `SiteSetting`).
 */
export const SiteSettings: GlobalConfig = {
  slug: 'site-settings',
  label: label('サイト設定', 'Site settings'),
  graphQL: { name: 'SiteSetting' },
  // The chain's settings are HQ's: store roles read them over the API like any frontend, but never meet them in the admin.
  admin: { group: label('店舗', 'Stores'), hidden: ({ user }) => !actsForWholeChain(user) },
  access: { read: anyone, update: isHqOrAdmin, readVersions: () => false },
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'siteName', type: 'text', label: label('サイト名', 'Site name'), required: true, maxLength: 60 },
        {
          name: 'shortName',
          type: 'text',
          label: label('短い名前', 'Short name'),
          required: true,
          maxLength: 30,
          admin: {
            description: label(
              'ホーム画面のアイコン名など、狭い場所に出る名前です。',
              'Shown where space is short, such as a home-screen icon.',
            ),
          },
        },
      ],
    },
    {
      name: 'seo',
      type: 'group',
      label: label('SEOの既定値', 'SEO defaults'),
      admin: {
        description: label(
          '店舗や記事が自分の値を持たないときに使われます。',
          'Used where a store or a post has none of its own.',
        ),
      },
      fields: [
        {
          name: 'titleSuffix',
          type: 'text',
          label: label('タイトルの後ろに付ける文字', 'Title suffix'),
          maxLength: 60,
          admin: {
            description: label(
              '例: 「 | スマホスピタル」。ページのタイトルの後ろに付きます。',
              'For example " | Smahospital", added after each page title.',
            ),
          },
        },
        { name: 'description', type: 'textarea', label: label('説明文', 'Description'), maxLength: 300 },
      ],
    },
    links(
      'navigation',
      label('メニュー', 'Navigation'),
      label(
        '各店舗のページに出るメニューです。{store} は店舗のスラッグに置き換わります（例: /stores/{store}/prices）。',
        'The menu of every store page. {store} becomes the store’s slug (e.g. /stores/{store}/prices).',
      ),
      true,
    ),
    {
      name: 'contact',
      type: 'group',
      label: label('お問い合わせリンク', 'Contact link'),
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'label', type: 'text', label: label('表示する文字', 'Text'), maxLength: 60 },
            { name: 'url', type: 'text', label: label('リンク先', 'Link'), maxLength: 500, validate: siteLinkRule },
          ],
        },
      ],
    },
    links(
      'groupSites',
      label('グループサイト', 'Group sites'),
      label('リンク先が空欄なら文字だけ表示されます。', 'Without a link, only the text is shown.'),
      false,
    ),
    {
      name: 'booking',
      type: 'group',
      label: label('予約の案内', 'Booking'),
      fields: [
        {
          name: 'onlineCallToAction',
          type: 'text',
          label: label('WEB予約へ誘う文', 'Online booking call to action'),
          maxLength: 60,
          admin: {
            description: label(
              '各店舗のページ上部の予約リンクの文字です。WEB予約URLのある店舗では予約ページへ、ない店舗では店舗の詳細へリンクします。',
              'The words of the booking link atop each store page: to the booking page where the store has a booking URL, else to its details.',
            ),
          },
        },
      ],
    },
    {
      name: 'headings',
      type: 'group',
      label: label('見出し', 'Headings'),
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'storeRepairLogs',
              type: 'text',
              label: label('店舗の修理ブログ', 'The store’s repair reports'),
              maxLength: 60,
            },
            {
              name: 'chainRepairLogs',
              type: 'text',
              label: label('全店の修理速報', 'Repair news of every store'),
              maxLength: 60,
            },
          ],
        },
      ],
    },
    { name: 'footer', type: 'textarea', label: label('フッター', 'Footer'), maxLength: 500 },
  ],
}
