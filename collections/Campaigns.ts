import type { CollectionConfig, PayloadRequest } from 'payload'

import { isHqOrAdmin } from '../src/access/isHqOrAdmin'
import { publishedOrOwnStores } from '../src/access/publishedOrOwnStores'
import { findBySlugEndpoint } from '../src/endpoints/slugLookups'
import { jstDateField } from '../src/fields/jstDate'
import { imageField } from '../src/fields/media'
import { slugField } from '../src/fields/slug'
import { laterThanRule } from '../src/fields/validated'
import { notePublicationStatus, recordDeletion, recordPublishing } from '../src/hooks/auditPublishing'
import { campaignSlugBase } from '../src/lib/campaignSlug'
import { inRequestLanguage, label } from '../src/lib/i18n'
import { listIndexes } from '../src/lib/listIndexes'
import { draftsWithHistory } from '../src/lib/versions'
import { versionsLikeRead } from '../src/access/versionsLikeRead'

export const CAMPAIGN_KINDS = [
  { value: 'trade_in', label: label('下取り', 'Trade-in') },
  { value: 'free_shipping', label: label('送料無料', 'Free shipping') },
  { value: 'student_discount', label: label('学割', 'Student discount') },
  { value: 'fixed_yen_off', label: label('円引き', 'Fixed yen off') },
  { value: 'percent_off', label: label('％引き', 'Percent off') },
]

type CampaignData = { kind?: string; startsAt?: string }

/** The value means yen for a fixed discount and percent for a percentage; other kinds may leave it empty. */
const validateValue = (value: unknown, { siblingData, req }: { siblingData: CampaignData; req: PayloadRequest }) => {
  if (value === null || value === undefined) {
    return siblingData.kind === 'fixed_yen_off' || siblingData.kind === 'percent_off'
      ? inRequestLanguage({ ja: 'この種類には値引きの値が必要です。', en: 'This kind of campaign needs a value.' }, req)
      : true
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    return inRequestLanguage(
      { ja: '値は0以上の整数で入力してください。', en: 'Value must be a whole number, 0 or more.' },
      req,
    )
  }
  if (siblingData.kind === 'percent_off' && value > 100) {
    return inRequestLanguage({ ja: '割引率は100％以下にしてください。', en: 'A percentage cannot exceed 100.' }, req)
  }
  return true
}

/** HQ-run campaigns shown on every targeted store's site between start and end. */
export const Campaigns: CollectionConfig = {
  slug: 'campaigns',
  labels: { singular: label('キャンペーン', 'Campaign'), plural: label('キャンペーン', 'Campaigns') },
  graphQL: { singularName: 'Campaign', pluralName: 'Campaigns' },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'kind', 'startsAt', 'endsAt', 'priority', '_status'],
    listSearchableFields: ['title', 'slug'],
    group: label('本部', 'HQ'),
  },
  access: {
    // Store staff also see drafts aimed at their stores, to prepare for them; only HQ writes.
    read: publishedOrOwnStores('targetStores'),
    readVersions: versionsLikeRead(publishedOrOwnStores('targetStores')),
    create: isHqOrAdmin,
    update: isHqOrAdmin,
    delete: isHqOrAdmin,
  },
  defaultSort: '-priority',
  indexes: listIndexes({ order: 'priority' }),
  // GET /api/{collection}/slug/{slug}: one document by its slug, as GET /:id gives it (src/endpoints/slugLookups.ts).
  endpoints: [findBySlugEndpoint],
  versions: draftsWithHistory,
  hooks: { beforeChange: [notePublicationStatus], afterChange: [recordPublishing], afterDelete: [recordDeletion] },
  fields: [
    { name: 'title', type: 'text', label: label('キャンペーン名', 'Title'), required: true, maxLength: 200 },
    slugField(
      { from: 'title', build: campaignSlugBase },
      {
        admin: {
          description: label(
            '空欄なら保存時に時期・キャンペーン名の英数字・特典から作られます（例: year-end-2026-screen-1000yen-off）。一度保存すると、キャンペーン名を変えても変わりません。',
            'Left empty, it is made on save from the period, the Latin words of the title and the offer (e.g. year-end-2026-screen-1000yen-off). Once saved, it stays as it is when the title changes.',
          ),
        },
      },
    ),
    { name: 'description', type: 'textarea', label: label('説明', 'Description'), maxLength: 2000 },
    {
      type: 'row',
      fields: [
        {
          name: 'kind',
          type: 'select',
          label: label('種類', 'Kind'),
          options: CAMPAIGN_KINDS,
          required: true,
          index: true,
        },
        {
          name: 'value',
          type: 'number',
          label: label('値（円または％）', 'Value (yen or percent)'),
          validate: validateValue as never,
        },
      ],
    },
    { name: 'conditions', type: 'textarea', label: label('適用条件', 'Conditions'), maxLength: 2000 },
    {
      type: 'row',
      fields: [
        jstDateField('startsAt', label('開始日時', 'Starts at'), { required: true, index: true }),
        jstDateField('endsAt', label('終了日時', 'Ends at'), {
          index: true,
          admin: {
            description: label(
              '空欄なら終了日なし。終了日時ちょうどに終わります。',
              'Empty means no end; it ends exactly at this time.',
            ),
          },
          validate: laterThanRule('startsAt', {
            ja: '終了日時は開始日時より後にしてください。',
            en: 'End must be after start.',
          }),
        }),
      ],
    },
    {
      name: 'targetStores',
      type: 'relationship',
      relationTo: 'stores',
      hasMany: true,
      label: label('対象店舗', 'Target stores'),
      admin: { description: label('空欄なら全店舗が対象です。', 'Empty means every store.') },
    },
    imageField('banner', label('バナー画像', 'Banner')),
    {
      name: 'priority',
      type: 'number',
      label: label('優先度', 'Priority'),
      defaultValue: 0,
      min: 0,
      max: 1000,
      admin: { position: 'sidebar', description: label('大きいほど先に表示されます。', 'Higher shows first.') },
    },
  ],
}
