import type { Field } from 'payload'
import { describe, expect, it } from 'vitest'

import { collections } from '../../collections'
import type { Bilingual } from '../../src/lib/i18n'

/** The field each collection's slug is made from, and whether a date prefixes it (src/fields/slug.ts). */
const SLUG_SOURCES: Record<string, { from: string; dated: boolean }> = {
  articles: { from: 'title', dated: true },
  'repair-logs': { from: 'title', dated: true },
  campaigns: { from: 'title', dated: false },
  devices: { from: 'model', dated: false },
  stores: { from: 'name', dated: false },
}

/** Top-level data fields, looking through rows, collapsibles and unnamed tabs the way the admin lays them out. */
const dataFields = (fields: Field[]): Field[] =>
  fields.flatMap((field) => {
    if (field.type === 'tabs') return field.tabs.flatMap((tab) => ('name' in tab ? [] : dataFields(tab.fields)))
    if ('name' in field) return [field]
    return 'fields' in field ? dataFields(field.fields) : []
  })

const fieldNamed = (slug: string, name: string) => {
  const collection = collections.find((candidate) => candidate.slug === slug)
  return dataFields(collection?.fields ?? []).find((field) => 'name' in field && field.name === name) as
    (Field & { label?: Bilingual; admin?: { description?: Bilingual; position?: string } }) | undefined
}

describe('slug help texts', () => {
  it('covers every collection with a slug', () => {
    const withSlug = collections
      .filter((collection) => fieldNamed(collection.slug, 'slug'))
      .map((collection) => collection.slug)
    expect(withSlug.sort()).toEqual(Object.keys(SLUG_SOURCES).sort())
  })

  for (const [slug, { from, dated }] of Object.entries(SLUG_SOURCES)) {
    it(`${slug}: names the field the slug is made from, in both languages`, () => {
      const description = fieldNamed(slug, 'slug')?.admin?.description
      const source = fieldNamed(slug, from)?.label
      expect(description?.ja).toContain(`${source?.ja}の英数字`)
      expect(description?.en.toLowerCase()).toContain(source?.en.toLowerCase())
    })

    it(`${slug}: keeps the slug in the sidebar with its own help text`, () => {
      expect(fieldNamed(slug, 'slug')?.admin?.position).toBe('sidebar')
    })

    it(`${slug}: mentions a date only when the slug starts with one`, () => {
      const description = fieldNamed(slug, 'slug')?.admin?.description
      expect(description?.ja.includes('日付')).toBe(dated)
      expect(/\bdate\b/.test(description?.en ?? '')).toBe(dated)
    })
  }
})
