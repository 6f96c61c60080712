import type { Field } from 'payload'

import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

import { emailField } from '../../src/fields/email'
import { httpsUrlField } from '../../src/fields/httpsUrl'
import { jstDateField } from '../../src/fields/jstDate'
import { imageField } from '../../src/fields/media'
import { phoneField } from '../../src/fields/phone'
import { postalCodeField } from '../../src/fields/postalCode'
import { slugField } from '../../src/fields/slug'
import { storeField } from '../../src/fields/store'
import { yenField } from '../../src/fields/yen'
import { label } from '../../src/lib/i18n'

type Overrides = Record<string, unknown>

/** Every field factory of src/fields that takes overrides, called as a collection calls it. */
const FACTORIES: Record<string, (overrides: Overrides) => Field> = {
  email: (overrides) => emailField(overrides),
  httpsUrl: (overrides) => httpsUrlField('bookingUrl', undefined, overrides),
  jstDate: (overrides) => jstDateField('endsAt', label('終了日時', 'Ends at'), overrides),
  media: (overrides) => imageField('banner', label('バナー画像', 'Banner'), overrides),
  phone: (overrides) => phoneField(overrides),
  postalCode: (overrides) => postalCodeField(overrides),
  slug: (overrides) => slugField({ from: 'title' }, overrides),
  store: (overrides) => storeField(overrides),
  yen: (overrides) => yenField('priceYen', undefined, overrides),
}

const adminOf = (field: Field) => (field as { admin?: Record<string, unknown> }).admin ?? {}
const hooksOf = (field: Field) => (field as { hooks?: { beforeValidate?: unknown[] } }).hooks?.beforeValidate ?? []

const FIELDS_DIR = path.join(import.meta.dirname, '../../src/fields')

describe('field factories and the overrides a collection passes', () => {
  it('lists every factory of src/fields that takes overrides', () => {
    const takingOverrides = readdirSync(FIELDS_DIR)
      .filter((file) => /overrides: Partial<\w+Field>/.test(readFileSync(path.join(FIELDS_DIR, file), 'utf8')))
      .map((file) => file.replace(/\.ts$/, ''))
    expect(takingOverrides.sort()).toEqual(Object.keys(FACTORIES).sort())
  })

  for (const [name, make] of Object.entries(FACTORIES)) {
    it(`${name}: a description passed in admin is added to the factory admin settings, which stay`, () => {
      const description = label('説明', 'Description')
      expect(adminOf(make({ admin: { description } }))).toEqual({ ...adminOf(make({})), description })
    })
  }

  it('jstDate: a campaign end with a description keeps the day-and-time picker', () => {
    const endsAt = jstDateField('endsAt', label('終了日時', 'Ends at'), {
      admin: { description: label('説明', 'Description') },
    })
    expect(endsAt.admin?.date).toMatchObject({ pickerAppearance: 'dayAndTime', displayFormat: 'yyyy/MM/dd HH:mm' })
  })

  it('jstDate: a caller that asks for a whole day gets it, and the rest of the picker settings stay', () => {
    const validFrom = jstDateField('validFrom', label('適用開始日', 'Valid from'), {
      admin: { date: { pickerAppearance: 'dayOnly', displayFormat: 'yyyy/MM/dd' } },
    })
    expect(validFrom.admin?.date).toEqual({
      pickerAppearance: 'dayOnly',
      displayFormat: 'yyyy/MM/dd',
      timeFormat: 'HH:mm',
      timeIntervals: 15,
      overrides: { timeCaption: '時刻' },
    })
  })

  it('phone: a hook passed by a caller runs after the normalizing one instead of replacing it', () => {
    const callerHook = () => undefined
    const [normalize, last] = hooksOf(phoneField({ hooks: { beforeValidate: [callerHook] } })) as Array<
      (args: { value: string }) => unknown
    >
    expect(normalize({ value: '０９５２３０２２５５' })).toBe('0952-30-2255')
    expect(last).toBe(callerHook)
  })
})
