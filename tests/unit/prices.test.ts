import { describe, expect, it } from 'vitest'

import {
  type DeviceSummary,
  effectivePrices,
  isValidOnDay,
  priceHistory,
  priceListByDevice,
  type PriceRow,
  pricesValidOnDayWhere,
} from '../../src/lib/prices'

let sequence = 0
/** A published price row; days are JST, so 2026-04-01 is stored as 2026-03-31T15:00:00.000Z. */
const row = (fields: Partial<PriceRow> & { from: string; until?: string }): PriceRow => {
  const { from, until, ...rest } = fields
  sequence += 1
  return {
    id: `p${sequence}`,
    device: 'iphone-8',
    repairMenu: 'screen',
    priceYen: 9800,
    store: null,
    validFrom: new Date(`${from}T00:00:00+09:00`).toISOString(),
    validUntil: until ? new Date(`${until}T00:00:00+09:00`).toISOString() : null,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, sequence)).toISOString(),
    ...rest,
  }
}

const yenOn = (rows: PriceRow[], day: string, storeId = 'kanda') =>
  effectivePrices(rows, { storeId, day }).map((entry) => entry.priceYen)

describe('the days a row is valid on', () => {
  const april = row({ from: '2026-04-01', until: '2026-05-01' })

  it('starts on the JST day of validFrom and ends before the JST day of validUntil', () => {
    expect(isValidOnDay(april, '2026-03-31')).toBe(false)
    expect(isValidOnDay(april, '2026-04-01')).toBe(true)
    expect(isValidOnDay(april, '2026-04-30')).toBe(true)
    expect(isValidOnDay(april, '2026-05-01')).toBe(false)
  })

  it('counts a validFrom at noon JST (what the day picker stores) from the start of its day', () => {
    expect(isValidOnDay({ ...april, validFrom: '2026-04-01T03:00:00.000Z' }, '2026-04-01')).toBe(true)
  })

  it('has no end without validUntil', () => {
    expect(isValidOnDay(row({ from: '2020-11-01' }), '2099-12-31')).toBe(true)
  })

  it('has a query form that reads the same days', () => {
    expect(pricesValidOnDayWhere('2026-04-30', 'kanda')).toEqual({
      and: [
        { _status: { equals: 'published' } },
        { validFrom: { less_than: '2026-04-30T15:00:00.000Z' } },
        { or: [{ validUntil: { exists: false } }, { validUntil: { greater_than_equal: '2026-04-30T15:00:00.000Z' } }] },
        { or: [{ store: { exists: false } }, { store: { equals: 'kanda' } }] },
      ],
    })
  })
})

describe('the effective price of a device and menu', () => {
  it("prefers the store's override to a chain-wide row, even a newer one", () => {
    const rows = [
      row({ from: '2026-01-01', priceYen: 8800, store: 'kanda' }),
      row({ from: '2026-04-01', priceYen: 10800 }),
    ]
    expect(yenOn(rows, '2026-04-01')).toEqual([8800])
  })

  it("ignores another store's override", () => {
    const rows = [
      row({ from: '2026-01-01', priceYen: 9800 }),
      row({ from: '2026-02-01', priceYen: 5000, store: { id: 'hakata' } }),
    ]
    expect(yenOn(rows, '2026-03-01')).toEqual([9800])
    expect(yenOn(rows, '2026-03-01', 'hakata')).toEqual([5000])
  })

  it('takes the latest validFrom within a scope, from its first day', () => {
    const rows = [row({ from: '2026-04-01', priceYen: 10800 }), row({ from: '2020-11-01', priceYen: 9800 })]
    expect(yenOn(rows, '2026-03-31')).toEqual([9800])
    expect(yenOn(rows, '2026-04-01')).toEqual([10800])
  })

  it('falls back when the override ends (validUntil is exclusive)', () => {
    const rows = [
      row({ from: '2020-11-01', priceYen: 9800 }),
      row({ from: '2026-01-01', until: '2026-05-01', priceYen: 8800, store: 'kanda' }),
    ]
    expect(yenOn(rows, '2026-04-30')).toEqual([8800])
    expect(yenOn(rows, '2026-05-01')).toEqual([9800])
  })

  it('takes the later entry when two rows of one scope start on the same day', () => {
    const rows = [row({ from: '2026-01-01', priceYen: 1000 }), row({ from: '2026-01-01', priceYen: 2000 })]
    expect(yenOn(rows, '2026-01-01')).toEqual([2000])
    expect(yenOn([...rows].reverse(), '2026-01-01')).toEqual([2000])
  })

  it('chooses per device and menu, and nothing on a day before any row', () => {
    const rows = [
      row({ from: '2026-01-01' }),
      row({ from: '2026-01-01', repairMenu: 'battery' }),
      row({ from: '2026-01-01', device: { id: 'iphone-x' } }),
    ]
    expect(effectivePrices(rows, { storeId: 'kanda', day: '2026-01-01' })).toHaveLength(3)
    expect(effectivePrices(rows, { storeId: 'kanda', day: '2025-12-31' })).toEqual([])
  })
})

describe('the price list grouped by device', () => {
  const devices: DeviceSummary[] = [
    { id: 'iphone-x', slug: 'iphone-x', model: 'iPhone X', brand: 'apple' },
    { id: 'pixel-9', slug: 'pixel-9', model: 'Pixel 9', brand: 'google' },
    { id: 'iphone-10', slug: null, model: 'iPhone 10', brand: 'apple' },
    { id: 'iphone-8', slug: 'iphone-8', model: 'iPhone 8', brand: 'apple' },
  ]

  it('orders devices by model, numbers as numbers, menus as REPAIR_MENUS, and skips devices without prices', () => {
    const rows = [
      row({ from: '2026-01-01', device: 'iphone-x', repairMenu: 'other' }),
      row({ from: '2026-01-01', device: 'iphone-x', repairMenu: 'battery' }),
      row({ from: '2026-01-01', device: 'iphone-x', repairMenu: 'screen' }),
      row({ from: '2026-01-01', device: 'iphone-10' }),
      row({ from: '2026-01-01', device: 'iphone-8', store: 'kanda', isSample: true }),
    ]
    const list = priceListByDevice(rows, devices)
    expect(list.map((device) => [device.model, device.menus.map((menu) => menu.repairMenu)])).toEqual([
      ['iPhone 8', ['screen']],
      ['iPhone 10', ['screen']],
      ['iPhone X', ['screen', 'battery', 'other']],
    ])
    expect(list[0]).toEqual({
      id: 'iphone-8',
      slug: 'iphone-8',
      model: 'iPhone 8',
      brand: 'apple',
      menus: [
        {
          repairMenu: 'screen',
          priceYen: 9800,
          source: 'store',
          priceId: rows[4].id,
          validFrom: rows[4].validFrom,
          validUntil: null,
          isSample: true,
        },
      ],
    })
  })
})

describe('the price history of a device at a store', () => {
  it('lists chain-wide rows and its own overrides oldest first, marking the rows charged today', () => {
    const original = row({ from: '2020-11-01', priceYen: 9800 })
    const battery = row({ from: '2020-11-01', priceYen: 6600, repairMenu: 'battery' })
    const raised = row({ from: '2026-04-01', priceYen: 10800 })
    const expiredOverride = row({ from: '2026-01-01', until: '2026-05-01', priceYen: 8800, store: 'kanda' })
    const otherStore = row({ from: '2026-01-01', priceYen: 5000, store: 'hakata' })
    const history = priceHistory([raised, otherStore, expiredOverride, battery, original], {
      storeId: 'kanda',
      today: '2026-11-25',
    })
    expect(history.map((entry) => [entry.id, entry.source, entry.effectiveToday])).toEqual([
      [original.id, 'chain', false],
      [battery.id, 'chain', true],
      [expiredOverride.id, 'store', false],
      [raised.id, 'chain', true],
    ])
  })
})
