import { sql } from '@payloadcms/db-sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { plainTextToLexical } from '../../src/lib/lexicalText'
import { migrations } from '../../src/migrations'
import { createStores } from '../helpers/fixtures'
import { startPayload, type TestPayload } from '../helpers/payload'

let context: TestPayload

type Drizzle = { all: (query: ReturnType<typeof sql>) => Promise<Array<Record<string, unknown>>> }

/** Every column that holds one of the renamed codes. */
const COLUMNS: Array<[table: string, column: string]> = [
  ['stores', 'status'],
  ['campaigns', 'kind'],
  ['_campaigns_v', 'version_kind'],
  ['articles', 'category'],
  ['_articles_v', 'version_category'],
  ['repair_logs', 'repair_menu'],
  ['_repair_logs_v', 'version_repair_menu'],
  ['prices', 'repair_menu'],
  ['_prices_v', 'version_repair_menu'],
  ['audit_log', 'event'],
]

const valuesOf = async (table: string, column: string) => {
  const drizzle = (context.payload.db as unknown as { drizzle: Drizzle }).drizzle
  const rows = await drizzle.all(
    sql`SELECT DISTINCT ${sql.identifier(column)} AS value FROM ${sql.identifier(table)} ORDER BY 1`,
  )
  return rows.map((row) => row.value)
}
const everyColumn = async () =>
  Object.fromEntries(
    await Promise.all(COLUMNS.map(async ([table, column]) => [`${table}.${column}`, await valuesOf(table, column)])),
  )

beforeAll(async () => {
  context = await startPayload()
})
afterAll(async () => {
  await context?.stop()
})

describe('the codes_one_spelling migration', () => {
  it('rewrites a database written with hyphenated codes to the underscore spelling, versions and audit log included', async () => {
    const { payload } = context
    const { saga } = await createStores(payload, { saga: '佐賀店' })
    await payload.update({ collection: 'stores', id: saga, data: { status: 'coming_soon' }, overrideAccess: true })
    const device = await payload.create({
      collection: 'devices',
      data: { brand: 'apple', model: 'iPhone 12' },
      overrideAccess: true,
    })
    const body = plainTextToLexical([['本文']])
    const publishedAt = '2026-04-01T10:00:00+09:00'
    const campaign = await payload.create({
      collection: 'campaigns',
      data: { title: '下取り', kind: 'trade_in', startsAt: publishedAt, _status: 'published' },
      overrideAccess: true,
    })
    // A newer draft of another kind: the version table holds both codes.
    await payload.update({
      collection: 'campaigns',
      id: campaign.id,
      data: { kind: 'percent_off', value: 10 },
      draft: true,
      overrideAccess: true,
    })
    await payload.create({
      collection: 'articles',
      data: { title: '記事', category: 'smartphone_tips', store: saga, publishedAt, body, _status: 'published' },
      overrideAccess: true,
    })
    await payload.create({
      collection: 'repair-logs',
      data: {
        title: '修理',
        store: saga,
        device: device.id,
        repairMenu: 'water_damage',
        publishedAt,
        body,
        _status: 'published',
      },
      overrideAccess: true,
    })
    await payload.create({
      collection: 'prices',
      data: {
        device: device.id,
        repairMenu: 'charging_port',
        priceYen: 5800,
        validFrom: publishedAt,
        _status: 'published',
      },
      overrideAccess: true,
    })
    await payload.create({
      collection: 'audit-log',
      data: { event: 'lock_out', subject: 'users/someone' },
      overrideAccess: true,
    })
    const expected = await everyColumn()
    expect(expected['campaigns.kind']).toEqual(['trade_in'])

    // The database as the previous release left it: this migration and every later one undone and unrecorded.
    const ours = migrations.findIndex((migration) => migration.name.endsWith('_codes_one_spelling'))
    for (const migration of migrations.slice(ours).reverse()) {
      await migration.down({ db: (payload.db as unknown as { drizzle: never }).drizzle, payload, req: {} as never })
      await payload.delete({ collection: 'payload-migrations', where: { name: { equals: migration.name } } })
    }
    const old = await everyColumn()
    expect(old).toMatchObject({
      'stores.status': ['coming-soon'],
      'campaigns.kind': ['trade-in'],
      '_campaigns_v.version_kind': ['percent-off', 'trade-in'],
      'articles.category': ['smartphone-tips'],
      'repair_logs.repair_menu': ['water-damage'],
      'prices.repair_menu': ['charging-port'],
      // Publishing is recorded too; its code never had a hyphen.
      'audit_log.event': ['lock-out', 'publish'],
    })

    await payload.db.migrate({ migrations: migrations as never })

    expect(await everyColumn()).toEqual(expected)
    const read = await payload.findByID({ collection: 'campaigns', id: campaign.id, draft: true, overrideAccess: true })
    expect(read).toMatchObject({ kind: 'percent_off' })
  })
})
