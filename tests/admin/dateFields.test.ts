import type { DateField, SanitizedConfig } from 'payload'

import { beforeAll, describe, expect, it } from 'vitest'

import { forEachShownField } from '../helpers/shownFields'

/**
 * Every date field staff see in the admin is picked as a day and a time and shown as 2026/03/31 18:00, like every
 * other date of the admin (payload.config.ts dateFormat). Payload's default is a day-only picker in US order that
 * stores noon of the chosen day whatever time was meant: a campaign set to end at 18:00 ran until noon.
 */
const DAY_AND_TIME = { pickerAppearance: 'dayAndTime', displayFormat: 'yyyy/MM/dd HH:mm', timeFormat: 'HH:mm' }
const DAY_ONLY = { pickerAppearance: 'dayOnly', displayFormat: 'yyyy/MM/dd' }

/** Date fields that are whole days on purpose, each with its reason. */
const DAY_ONLY_FIELDS: Record<string, string> = {
  'prices.validFrom': 'a price list changes from the start of a day in Japan, never mid-day',
  'prices.validUntil': 'a price list ends with a whole day in Japan, never mid-day',
}

type ShownDateField = { path: string; date: NonNullable<DateField['admin']>['date'] }

/** The date fields the admin shows, with their paths. */
const shownDateFields = (config: SanitizedConfig): ShownDateField[] => {
  const found: ShownDateField[] = []
  forEachShownField(config, (field, path) => {
    if (field.type === 'date') found.push({ path, date: field.admin?.date })
  })
  return found
}

describe('date fields in the admin', () => {
  let fields: ShownDateField[]

  beforeAll(async () => {
    // The live config as the server builds it (sanitized: plugins applied, timestamps added).
    const { default: config } = await import('../../payload.config')
    fields = shownDateFields(await config)
  })

  it('finds the date fields staff set, nested ones included', () => {
    const paths = fields.map(({ path }) => path)
    expect(paths).toEqual(
      expect.arrayContaining(['campaigns.startsAt', 'campaigns.endsAt', 'articles.publishedAt', 'prices.validFrom']),
    )
  })

  it('picks a day and a time shown as yyyy/MM/dd HH:mm from a 24-hour time list, unless the field is a whole day on purpose', () => {
    const wrong = fields
      .filter(({ path }) => !(path in DAY_ONLY_FIELDS))
      .filter(
        ({ date }) =>
          date?.pickerAppearance !== DAY_AND_TIME.pickerAppearance ||
          date?.displayFormat !== DAY_AND_TIME.displayFormat ||
          (date as { timeFormat?: string } | undefined)?.timeFormat !== DAY_AND_TIME.timeFormat,
      )
    expect(wrong).toEqual([])
  })

  it('picks a day shown as yyyy/MM/dd for each whole-day field, and every one listed still exists', () => {
    for (const path of Object.keys(DAY_ONLY_FIELDS)) {
      const field = fields.find((shown) => shown.path === path)
      expect(field?.date, path).toMatchObject(DAY_ONLY)
    }
  })

  it('lets a campaign end at the time typed: its end is picked as a day and a time', () => {
    expect(fields.find(({ path }) => path === 'campaigns.endsAt')?.date).toMatchObject(DAY_AND_TIME)
  })
})
