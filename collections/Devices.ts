import type { CollectionConfig } from 'payload'

import { anyone } from '../src/access/anyone'
import { isHqOrAdmin } from '../src/access/isHqOrAdmin'
import { findBySlugEndpoint } from '../src/endpoints/slugLookups'
import { omitDeviceSearchText, searchDevicesByAnyName, storeDeviceSearchText } from '../src/hooks/deviceSearch'
import { slugField } from '../src/fields/slug'
import { wholeNumberRule } from '../src/fields/validated'
import { label } from '../src/lib/i18n'
import { listIndexes } from '../src/lib/listIndexes'

export const DEVICE_BRANDS = [
  { value: 'apple', label: label('Apple', 'Apple') },
  { value: 'google', label: label('Google', 'Google') },
  { value: 'samsung', label: label('Samsung', 'Samsung') },
  { value: 'sony', label: label('ソニー', 'Sony') },
  { value: 'sharp', label: label('シャープ', 'Sharp') },
  { value: 'fcnt', label: label('FCNT（arrows）', 'FCNT (arrows)') },
  { value: 'other', label: label('その他', 'Other') },
]

export const DEVICE_STATUSES = [
  { value: 'current', label: label('取扱中', 'In the catalogue') },
  { value: 'retired', label: label('取扱終了', 'Retired') },
]

/**
 * The device catalogue that prices and repair reports point at; HQ adds new models here, no code change. A model the
 * chain no longer repairs is retired by its status, never deleted: its prices and repair reports keep pointing at it.
 */
export const Devices: CollectionConfig = {
  slug: 'devices',
  labels: { singular: label('機種', 'Device'), plural: label('機種', 'Devices') },
  graphQL: { singularName: 'Device', pluralName: 'Devices' },
  admin: {
    useAsTitle: 'model',
    defaultColumns: ['model', 'brand', 'releaseYear', 'status'],
    // The list search and the repair report's device picker (which searches useAsTitle) both match aliases and
    // full-width or katakana spellings through the hidden searchText (src/hooks/deviceSearch.ts).
    listSearchableFields: ['model', 'aliases', 'slug'],
    group: label('本部', 'HQ'),
  },
  access: { read: anyone, create: isHqOrAdmin, update: isHqOrAdmin, delete: isHqOrAdmin },
  // GET /api/{collection}/slug/{slug}: one document by its slug, as GET /:id gives it (src/endpoints/slugLookups.ts).
  endpoints: [findBySlugEndpoint],
  hooks: {
    beforeOperation: [searchDevicesByAnyName],
    beforeChange: [storeDeviceSearchText],
    afterRead: [omitDeviceSearchText],
  },
  defaultSort: '-releaseYear',
  indexes: listIndexes({ order: 'releaseYear', filters: ['brand'], published: false }),
  fields: [
    {
      name: 'brand',
      type: 'select',
      label: label('メーカー', 'Brand'),
      options: DEVICE_BRANDS,
      required: true,
      index: true,
    },
    { name: 'model', type: 'text', label: label('機種名', 'Model'), required: true, unique: true, maxLength: 100 },
    slugField(
      { from: 'model' },
      {
        admin: {
          description: label(
            '空欄なら保存時に機種名の英数字から作られます（例: iphone-12-pro）。',
            'Left empty, it is made on save from the Latin words of the model (e.g. iphone-12-pro).',
          ),
        },
      },
    ),
    {
      name: 'status',
      type: 'select',
      label: label('状態', 'Status'),
      options: DEVICE_STATUSES,
      // Not required: a device written before statuses existed, or by a client that leaves it out, is in the catalogue.
      defaultValue: 'current',
      index: true,
      admin: { position: 'sidebar' },
    },
    {
      name: 'releaseYear',
      type: 'number',
      label: label('発売年', 'Release year'),
      min: 2007,
      max: 2100,
      validate: wholeNumberRule({
        ja: '発売年は西暦の整数で入力してください。',
        en: 'Release year must be a whole year.',
      }),
    },
    {
      name: 'aliases',
      type: 'text',
      hasMany: true,
      label: label('別名', 'Aliases'),
      admin: {
        description: label(
          '検索用の呼び名（例: ip12、12pro）。全角やカタカナ（ｉＰｈｏｎｅ１２、アイフォン12）は自動で検索されます',
          'Other names customers use, for search (e.g. ip12, 12pro); full-width and katakana spellings are found anyway',
        ),
      },
    },
    {
      // Written by storeDeviceSearchText from the model and aliases; indexed for the picker's search. Not `hidden`:
      // Payload refuses queries on hidden fields, and the picker's queries come from the browser.
      name: 'searchText',
      type: 'text',
      index: true,
      admin: { hidden: true },
    },
  ],
}
