import type { CollectionConfig, DateField } from 'payload'

import { hasRole } from '../src/access/hasRole'
import { ownStoresOrHq } from '../src/access/ownStoresOrHq'
import { publishedOrOwnStores } from '../src/access/publishedOrOwnStores'
import { DEVICE_PICKER } from '../src/fields/devicePicker'
import { jstDateField } from '../src/fields/jstDate'
import { ownStoreOptions } from '../src/fields/store'
import { laterThanRule } from '../src/fields/validated'
import { yenField } from '../src/fields/yen'
import { notePublicationStatus, recordDeletion, recordPublishing } from '../src/hooks/auditPublishing'
import { refuseChangingPublishedPrice, refuseDeletingPublishedPrice } from '../src/hooks/publishedPricesAreEvidence'
import { refuseForeignStore } from '../src/hooks/refuseForeignStore'
import { label } from '../src/lib/i18n'
import { listIndexes } from '../src/lib/listIndexes'
import { REPAIR_MENUS } from '../src/lib/repairMenus'
import { versionsLikeRead } from '../src/access/versionsLikeRead'

const dayOnly: DateField['admin'] = { date: { pickerAppearance: 'dayOnly', displayFormat: 'yyyy/MM/dd' } }

/** 修理価格一覧: chain-wide rows by HQ, or one store's override, each effective from a day until another. */
export const Prices: CollectionConfig = {
  slug: 'prices',
  labels: { singular: label('修理価格', 'Price'), plural: label('修理価格一覧', 'Prices') },
  graphQL: { singularName: 'Price', pluralName: 'Prices' },
  admin: {
    defaultColumns: ['device', 'repairMenu', 'priceYen', 'store', 'validFrom', 'validUntil'],
    group: label('本部', 'HQ'),
  },
  // HQ writes every row; a manager only the override rows of their stores (refuseForeignStore on `store`).
  access: {
    read: publishedOrOwnStores('store'),
    readVersions: versionsLikeRead(publishedOrOwnStores('store')),
    create: hasRole('manager', 'hq', 'admin'),
    update: ownStoresOrHq('store', { roles: ['manager'] }),
    delete: ownStoresOrHq('store', { roles: ['manager'] }),
  },
  defaultSort: '-validFrom',
  indexes: listIndexes({ order: 'validFrom', filters: ['device', 'store'] }),
  // Drafts let HQ prepare a price before it is shown; once published a row is evidence and is never edited.
  versions: { drafts: true, maxPerDoc: 20 },
  hooks: {
    beforeChange: [refuseChangingPublishedPrice, notePublicationStatus],
    beforeDelete: [refuseDeletingPublishedPrice],
    afterChange: [recordPublishing],
    afterDelete: [recordDeletion],
  },
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'device',
          type: 'relationship',
          relationTo: 'devices',
          label: label('機種', 'Device'),
          required: true,
          index: true,
          admin: { components: DEVICE_PICKER },
        },
        {
          name: 'repairMenu',
          type: 'select',
          label: label('修理メニュー', 'Repair menu'),
          options: REPAIR_MENUS,
          required: true,
          index: true,
        },
      ],
    },
    yenField('priceYen', label('価格（税込・円）', 'Price (yen, tax incl.)'), { required: true }),
    {
      name: 'store',
      type: 'relationship',
      relationTo: 'stores',
      label: label('店舗（上書き）', 'Store (override)'),
      index: true,
      filterOptions: ownStoreOptions,
      hooks: { beforeValidate: [refuseForeignStore] },
      admin: { description: label('空欄なら全店共通の価格です。', 'Empty means the chain-wide price.') },
    },
    {
      type: 'row',
      fields: [
        jstDateField('validFrom', label('適用開始日', 'Valid from'), { required: true, index: true, admin: dayOnly }),
        jstDateField('validUntil', label('適用終了日', 'Valid until'), {
          index: true,
          admin: { ...dayOnly, description: label('空欄なら終了日なし。', 'Empty means open-ended.') },
          validate: laterThanRule('validFrom', {
            ja: '適用終了日は適用開始日より後にしてください。',
            en: 'Valid until must be after valid from.',
          }),
        }),
      ],
    },
    { name: 'notes', type: 'textarea', label: label('備考', 'Notes'), maxLength: 500 },
    {
      name: 'isSample',
      type: 'checkbox',
      label: label('サンプルデータ', 'Sample data'),
      defaultValue: false,
      admin: {
        position: 'sidebar',
        description: label(
          'チェックした価格は見本で、実際の価格ではありません。',
          'Ticked: an example, not a real price.',
        ),
      },
    },
  ],
}
