import type { FieldHook, TextField } from 'payload'

import { label } from '../lib/i18n'
import { jstDay } from '../lib/jst'
import { cleanSlug, SLUG_PATTERN, slugFromTitle } from '../lib/slug'
import { textRule } from './validated'
import { withOverrides } from './withOverrides'

type SlugOptions = {
  /** The field the slug is made from when left empty. */
  from: string
  /** A date field whose JST day prefixes generated slugs (articles and repair logs). */
  datedBy?: string
  /** Builds the slug from the whole document instead of the title's Latin words (campaigns: kind and period). */
  build?: (data: Record<string, unknown>) => string
}

const MAX_SUFFIX = 50

/**
 * Fills an empty slug from the title and makes it unique within the collection by appending -2, -3, …
 * An explicitly typed slug is only cleaned; if it is taken, the unique index refuses it with a 400.
 */
const fillSlug =
  ({ from, datedBy, build }: SlugOptions): FieldHook =>
  async ({ value, data, originalDoc, collection, req }) => {
    if (typeof value === 'string' && value.trim() !== '') return cleanSlug(value)
    const source = data?.[from] ?? originalDoc?.[from]
    if (typeof source !== 'string' || source.trim() === '' || !collection) return value
    const dateValue = data?.[datedBy ?? ''] ?? originalDoc?.[datedBy ?? '']
    const base =
      build?.({ ...originalDoc, ...data }) ||
      slugFromTitle(source, datedBy ? jstDay(dateValue ?? new Date()) : undefined)
    for (let suffix = 1; suffix <= MAX_SUFFIX; suffix += 1) {
      const candidate = suffix === 1 ? base : `${base}-${suffix}`
      const taken = await req.payload.count({
        collection: collection.slug,
        where: {
          and: [{ slug: { equals: candidate } }, ...(originalDoc?.id ? [{ id: { not_equals: originalDoc.id } }] : [])],
        },
        overrideAccess: true,
        req,
      })
      if (taken.totalDocs === 0) return candidate
    }
    return `${base}-${Date.now().toString(36)}`
  }

/** A unique, URL-safe slug, generated from the title when left empty and editable by staff. */
export const slugField = (options: SlugOptions, overrides: Partial<TextField> = {}): TextField =>
  withOverrides<TextField>(
    {
      name: 'slug',
      type: 'text',
      label: label('スラッグ（URL）', 'Slug (URL)'),
      unique: true,
      index: true,
      admin: {
        position: 'sidebar',
        description: label(
          '空欄なら保存時にタイトルの英数字と日付から作られます（例: 2020-11-25-iphone-x）。',
          'Left empty, it is made on save from the Latin words of the title and the date (e.g. 2020-11-25-iphone-x).',
        ),
      },
      hooks: { beforeValidate: [fillSlug(options)] },
      validate: textRule((value) => SLUG_PATTERN.test(value), {
        ja: 'スラッグは半角英小文字・数字・ハイフンのみ使えます。',
        en: 'Slug may contain only lower-case letters, digits and hyphens.',
      }),
    },
    overrides,
  )
