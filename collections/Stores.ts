import type { CollectionConfig } from 'payload'

import { anyone } from '../src/access/anyone'
import { isAdmin } from '../src/access/isAdmin'
import { isHqOrAdmin } from '../src/access/isHqOrAdmin'
import { ownStoresOrHq } from '../src/access/ownStoresOrHq'
import { activeCampaignsEndpoint } from '../src/endpoints/activeCampaigns'
import { findBySlugEndpoint } from '../src/endpoints/slugLookups'
import { priceHistoryEndpoint, storePricesEndpoint } from '../src/endpoints/storePrices'
import { httpsUrlField } from '../src/fields/httpsUrl'
import { imageField } from '../src/fields/media'
import { phoneField } from '../src/fields/phone'
import { postalCodeField } from '../src/fields/postalCode'
import { SITE_PATH_SOURCES, sitePathField } from '../src/fields/sitePath'
import { slugField } from '../src/fields/slug'
import { emailField } from '../src/fields/email'
import { textRule } from '../src/fields/validated'
import { onlyRolesChange } from '../src/hooks/onlyRolesChange'
import { readWhatFieldsNeed } from '../src/hooks/readWhatFieldsNeed'
import { rerenderBodiesOnPageChange } from '../src/hooks/rerenderBodiesOnPageChange'
import { label } from '../src/lib/i18n'
import { listIndexes } from '../src/lib/listIndexes'
import { PREFECTURE_OPTIONS } from '../src/lib/prefectures'

const WEEKDAYS = [
  { value: 'mon', label: label('月', 'Mon') },
  { value: 'tue', label: label('火', 'Tue') },
  { value: 'wed', label: label('水', 'Wed') },
  { value: 'thu', label: label('木', 'Thu') },
  { value: 'fri', label: label('金', 'Fri') },
  { value: 'sat', label: label('土', 'Sat') },
  { value: 'sun', label: label('日', 'Sun') },
  { value: 'holiday', label: label('祝', 'Holiday') },
]

/** 24-hour clock time as shops write it: 11:00, 20:00 (24:00 allowed for a midnight close). */
const clockTimeRule = textRule((value) => /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/.test(value), {
  ja: '時刻は「11:00」のように24時間表記で入力してください。',
  en: 'Time must be 24-hour, like 11:00.',
})

const storeSlug = slugField(
  { from: 'name' },
  {
    admin: {
      description: label(
        '店舗ページのURLになります。ローマ字で入力してください（例: saga）。空欄なら店舗名の英数字から作られます。',
        "The store page's address; type it in Latin letters (e.g. saga). Left empty, it is made from the Latin words of the store's name.",
      ),
    },
  },
)

/**
 * A store's address on every frontend: HQ and admin change it, not its manager (old links would break). Read-only
 * in the admin for managers; over the API a manager's change is answered 403.
 */
const slugOfTheChain = {
  ...storeSlug,
  access: { update: isHqOrAdmin },
  hooks: {
    beforeValidate: [
      ...(storeSlug.hooks?.beforeValidate ?? []),
      onlyRolesChange(['hq', 'admin'], {
        ja: '店舗のスラッグ（URL）を変更できるのは本部と管理者だけです。',
        en: "Only HQ and admin can change a store's slug.",
      }),
    ],
  },
}

const readSitePathSource = readWhatFieldsNeed({ sitePath: SITE_PATH_SOURCES.stores })

/** A shop of the chain: where it is, when it is open and how to book. */
export const Stores: CollectionConfig = {
  slug: 'stores',
  labels: { singular: label('店舗', 'Store'), plural: label('店舗', 'Stores') },
  graphQL: { singularName: 'Store', pluralName: 'Stores' },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'prefecture', 'city', 'phone', 'status'],
    listSearchableFields: ['name', 'slug', 'city'],
    group: label('店舗', 'Stores'),
  },
  // Admin opens and closes stores (status); a store's manager (and HQ) keeps its public details up to date.
  access: { read: anyone, create: isAdmin, update: ownStoresOrHq('id', { roles: ['manager'] }), delete: isAdmin },
  defaultSort: 'name',
  indexes: listIndexes({ order: 'name', filters: ['prefecture'], published: false }),
  // Bodies linking to the store or its posts follow its slug; a select of sitePath alone still reads the slug.
  hooks: {
    beforeOperation: [readSitePathSource.beforeOperation],
    afterChange: [rerenderBodiesOnPageChange],
    afterOperation: [readSitePathSource.afterOperation],
  },
  // Read by frontends: the store by its slug, the campaigns it shows, its price list and the history of its prices.
  // The lookup comes first: /slug/{slug} always names a store by its slug (a store slugged "slug" has no /prices).
  endpoints: [findBySlugEndpoint, activeCampaignsEndpoint, storePricesEndpoint, priceHistoryEndpoint],
  fields: [
    { name: 'name', type: 'text', label: label('店舗名', 'Name'), required: true, maxLength: 100 },
    {
      name: 'shortName',
      type: 'text',
      label: label('短い店舗名', 'Short name'),
      maxLength: 50,
      admin: {
        description: label(
          '記事の書き手や狭い場所に出る名前です（例: スマホスピタル佐賀駅前）。',
          'Shown as the writer of posts and where space is short.',
        ),
      },
    },
    slugOfTheChain,
    sitePathField(),
    {
      name: 'status',
      type: 'select',
      label: label('状態', 'Status'),
      // Opening and closing a store is the admin's, like creating it; a manager's attempt is answered 403.
      access: { update: isAdmin },
      hooks: {
        beforeValidate: [
          onlyRolesChange(['admin'], {
            ja: '店舗の状態（開店・閉店）を変更できるのは管理者だけです。',
            en: 'Only an admin can open or close a store.',
          }),
        ],
      },
      options: [
        { value: 'open', label: label('営業中', 'Open') },
        { value: 'coming_soon', label: label('開店準備中', 'Coming soon') },
        { value: 'closed', label: label('閉店', 'Closed') },
      ],
      defaultValue: 'open',
      required: true,
      index: true,
      admin: { position: 'sidebar' },
    },
    {
      type: 'collapsible',
      label: label('所在地', 'Address'),
      fields: [
        {
          type: 'row',
          fields: [
            postalCodeField({ required: true }),
            {
              name: 'prefecture',
              type: 'select',
              label: label('都道府県', 'Prefecture'),
              options: PREFECTURE_OPTIONS,
              required: true,
              index: true,
            },
            { name: 'city', type: 'text', label: label('市区町村', 'City'), required: true, maxLength: 50 },
          ],
        },
        {
          name: 'addressLine',
          type: 'text',
          label: label('番地・建物名', 'Address line'),
          required: true,
          maxLength: 200,
        },
        { name: 'nearestStation', type: 'text', label: label('最寄り駅', 'Nearest station'), maxLength: 100 },
        { name: 'access', type: 'textarea', label: label('アクセス', 'Access'), maxLength: 1000 },
        {
          type: 'row',
          fields: [
            { name: 'latitude', type: 'number', label: label('緯度', 'Latitude'), min: -90, max: 90 },
            { name: 'longitude', type: 'number', label: label('経度', 'Longitude'), min: -180, max: 180 },
          ],
        },
      ],
    },
    {
      type: 'collapsible',
      label: label('連絡先・予約', 'Contact and booking'),
      fields: [
        {
          type: 'row',
          fields: [phoneField({ required: true }), emailField()],
        },
        httpsUrlField('bookingUrl', label('WEB予約URL', 'Booking URL')),
        {
          name: 'bookingLinkText',
          type: 'text',
          label: label('WEB予約リンクの文字', 'Booking link text'),
          maxLength: 60,
          admin: {
            description: label('例: スマホスピタル佐賀駅前店 WEB予約', 'For example: Saga store online booking'),
          },
        },
        {
          name: 'reservationNote',
          type: 'textarea',
          label: label('予約についての案内', 'Reservation note'),
          maxLength: 500,
        },
      ],
    },
    {
      type: 'collapsible',
      label: label('営業時間', 'Opening hours'),
      fields: [
        {
          name: 'openingHours',
          type: 'array',
          label: label('営業時間', 'Opening hours'),
          labels: { singular: label('営業時間帯', 'Hours'), plural: label('営業時間帯', 'Hours') },
          fields: [
            {
              name: 'days',
              type: 'select',
              hasMany: true,
              label: label('曜日', 'Days'),
              options: WEEKDAYS,
              required: true,
            },
            {
              type: 'row',
              fields: [
                { name: 'opens', type: 'text', label: label('開店', 'Opens'), required: true, validate: clockTimeRule },
                {
                  name: 'closes',
                  type: 'text',
                  label: label('閉店', 'Closes'),
                  required: true,
                  validate: clockTimeRule,
                },
              ],
            },
          ],
        },
        {
          name: 'regularHolidays',
          type: 'text',
          label: label('定休日', 'Regular holidays'),
          maxLength: 100,
          admin: { placeholder: '定休日なし' },
        },
      ],
    },
    imageField('photo', label('店舗写真', 'Photo')),
    {
      name: 'seo',
      type: 'group',
      label: label('SEO', 'SEO'),
      admin: {
        description: label(
          '店舗のページと、その店舗の記事のページに使われます。',
          'Used on the store’s page and on the pages of its posts.',
        ),
      },
      fields: [
        {
          name: 'keyword',
          type: 'text',
          label: label('キーワード', 'Keyword'),
          maxLength: 40,
          admin: {
            description: label(
              'ページの見出しとリンクの後ろに添える言葉です（例: iPhone修理 佐賀）。',
              'Heads the page and follows its links (e.g. "iPhone repair Saga").',
            ),
          },
        },
        {
          name: 'title',
          type: 'text',
          label: label('タイトル', 'Title'),
          maxLength: 70,
          admin: {
            description: label(
              '例: iPhone・スマホ修理のスマホスピタル佐賀駅前店',
              'For example: iPhone and smartphone repair at the Saga store',
            ),
          },
        },
        { name: 'description', type: 'textarea', label: label('説明文', 'Description'), maxLength: 160 },
      ],
    },
  ],
}
