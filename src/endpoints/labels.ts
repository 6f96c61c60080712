import type { Endpoint, Field, PayloadRequest } from 'payload'

import { getTranslation, type I18n, initI18n } from '@payloadcms/translations'

import { sessionMayAct, VERIFY_FIRST } from '../access/sessionGate'
import { forbidden } from '../lib/forbidden'
import { label } from '../lib/i18n'
import { PRICE_SOURCE_OPTIONS } from '../lib/prices'
import { isTimeZoneCompanion, selectFields } from '../lib/selectFields'
import { invalidParameter, publicJson, singleParameter } from './http'

/**
 * One row of the label tables: a collection's (or global's) own name (field and code null), a select field's name
 * (code null), or one code of that field. The same rows over REST and GraphQL.
 */
export type LabelRow = { collection: string; field: null | string; code: null | string; ja: string; en: string }

const UNKNOWN_COLLECTION = (slug: string) => ({
  ja: `collection に公開されているコレクションのスラッグ（例: stores）を指定してください。「${slug}」はありません。`,
  en: `collection must be the slug of a public collection (e.g. stores); there is none named "${slug}".`,
})

type Labelled = { slug: string; name: unknown; fields: Field[]; read: unknown }

/** Codes our endpoints answer with beside the collections' fields: `source` of a store's price list. */
const ANSWER_CODES = [
  {
    collection: 'prices',
    field: 'source',
    label: label('価格の出どころ', 'Price source'),
    options: PRICE_SOURCE_OPTIONS,
  },
]

/** Japanese and English translators of the admin's own tables, made once: Payload's labels (draft, published) are functions of them. */
let translators: Promise<Record<'en' | 'ja', I18n>> | undefined
const translatorsOf = (req: PayloadRequest) => {
  const make = (language: 'en' | 'ja') =>
    initI18n({ config: req.payload.config.i18n, context: 'api', language }) as Promise<I18n>
  translators ??= Promise.all([make('ja'), make('en')]).then(([ja, en]) => ({ ja, en }))
  return translators
}

/** Whether the public reads the collection or global: its read rule, asked as the anonymous caller, is not false. */
const publiclyRead = async (read: unknown, req: PayloadRequest): Promise<boolean> => {
  if (typeof read !== 'function') return false
  return (await read({ req: { ...req, user: null } })) !== false
}

/**
 * The label tables of every collection and global the public reads, built from the live config: a new select field,
 * option or public collection appears without a list to keep. `collection` narrows them to one; a slug that names
 * no public collection or global is a 400 naming the parameter. A session that may not act yet is refused on GraphQL
 * as the session gate refuses it every endpoint over REST.
 */
export const labelRows = async (req: PayloadRequest, collection?: null | string): Promise<LabelRow[]> => {
  if (req.user && !sessionMayAct(req.user)) throw forbidden(req, VERIFY_FIRST)
  const { config } = req.payload
  const candidates: Labelled[] = [
    ...config.collections.map(({ slug, labels, fields, access }) => ({
      slug,
      name: labels.plural,
      fields,
      read: access.read,
    })),
    ...config.globals.map(({ slug, label, fields, access }) => ({ slug, name: label, fields, read: access.read })),
  ]
  const readable: Labelled[] = []
  for (const candidate of candidates) if (await publiclyRead(candidate.read, req)) readable.push(candidate)
  const chosen =
    collection === undefined || collection === null ? readable : readable.filter(({ slug }) => slug === collection)
  if (chosen.length === 0) throw invalidParameter(req, 'collection', UNKNOWN_COLLECTION(String(collection)))

  const { ja, en } = await translatorsOf(req)
  const row = (slug: string, field: null | string, code: null | string, text: unknown): LabelRow => ({
    collection: slug,
    field,
    code,
    ja: getTranslation(text as never, ja),
    en: getTranslation(text as never, en),
  })
  return chosen.flatMap(({ slug, name, fields }) => [
    row(slug, null, null, name),
    ...selectFields(fields)
      .filter((field) => !isTimeZoneCompanion(field))
      .flatMap((field) => [
        row(slug, field.path, null, field.label),
        ...field.options.map((option) => row(slug, field.path, option.value, option.label)),
      ]),
    ...ANSWER_CODES.filter((codes) => codes.collection === slug).flatMap((codes) => [
      row(slug, codes.field, null, codes.label),
      ...codes.options.map((option) => row(slug, codes.field, option.value, option.label)),
    ]),
  ])
}

/** GET /api/labels?collection=… : the label tables, the same for every caller (cached like any anonymous read). */
export const labelsEndpoint: Endpoint = {
  path: '/labels',
  method: 'get',
  handler: async (req) => publicJson({ labels: await labelRows(req, singleParameter(req, 'collection')) }),
}
