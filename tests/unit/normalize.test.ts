import { describe, expect, it } from 'vitest'

import { jstDay, jstMidnight } from '../../src/lib/jst'
import { normalizePostalCode } from '../../src/lib/normalize'
import { isJapanesePhone, normalizeJapanesePhone } from '../../src/lib/phone'
import { cleanSlug, SLUG_PATTERN, slugFromTitle } from '../../src/lib/slug'

describe('postal codes', () => {
  it.each([
    ['840-0801', '840-0801'],
    ['8400801', '840-0801'],
    ['８４０－０８０１', '840-0801'],
    ['〒840ー0801', '840-0801'],
    [' 840−0801 ', '840-0801'],
    ['84-00801', '84-00801'],
  ])('%s becomes %s', (typed, stored) => {
    expect(normalizePostalCode(typed)).toBe(stored)
  })
})

describe('Japanese phone numbers', () => {
  it.each([
    ['0952302255', '0952-30-2255'],
    ['（0952）30-2255', '0952-30-2255'],
    ['03-1234-5678', '03-1234-5678'],
    ['09012345678', '090-1234-5678'],
    ['0120-123-456', '0120-123-456'],
  ])('%s is valid and stored as %s', (typed, stored) => {
    expect(isJapanesePhone(typed)).toBe(true)
    expect(normalizeJapanesePhone(typed)).toBe(stored)
  })

  it.each(['0952-30-225', '123', '+1 212 555 0100', 'でんわ'])('%s is refused', (typed) => {
    expect(isJapanesePhone(typed)).toBe(false)
  })
})

describe('the slug rule for Japanese titles', () => {
  it('keeps the Latin words of the title after the JST day', () => {
    expect(slugFromTitle('ガラス割れの影響で画面ロックの解除ができなくなったiPhone X!', '2020-11-25')).toBe(
      '2020-11-25-iphone-x',
    )
    expect(slugFromTitle('セブン-イレブンで利用可能なコード決済「7pay」', '2019-07-18')).toBe('2019-07-18-7pay')
    expect(slugFromTitle('ＩＰＨＯＮＥ　１５の電池交換')).toBe('iphone-15')
  })

  it('falls back to a short random id when the title has no Latin at all', () => {
    const slug = slugFromTitle('学割キャンペーン')
    expect(slug).toMatch(/^[0-9a-f]{8}$/)
    expect(slugFromTitle('学割キャンペーン')).not.toBe(slug)
    expect(slugFromTitle('画面修理', '2026-01-05')).toMatch(/^2026-01-05-[0-9a-f]{8}$/)
  })

  it('cleans what staff type into the field', () => {
    expect(cleanSlug(' My  Shop／Saga! ')).toBe('my-shop-saga')
    expect(SLUG_PATTERN.test(cleanSlug('佐賀 iPhone ８'))).toBe(true)
  })
})

describe('Japan time', () => {
  it('answers the calendar day in Japan, not in UTC', () => {
    expect(jstDay('2019-07-17T15:00:00.000Z')).toBe('2019-07-18')
    expect(jstDay('2019-07-17T14:59:59.999Z')).toBe('2019-07-17')
    expect(jstMidnight('2019-07-18')).toBe('2019-07-17T15:00:00.000Z')
  })
})
