/**
 * `tsx tests/bench/prepareData.ts <articles> <short|7pay>` with DATA_DIR set: the database of one bench data set,
 * made as a server start makes it (migrated, seeded), then filled up to <articles> published articles with the bulk
 * fixture. A process of its own: Payload keeps one instance per process, and each data set is another database.
 */
import { getPayload } from 'payload'

import type { BulkBody } from '../helpers/bulkContent'

const run = async () => {
  const articles = Number(process.argv[2])
  const body = process.argv[3] as BulkBody
  const { default: config } = await import('../../payload.config')
  const { prepareDatabase } = await import('../../src/startup/prepareDatabase')
  const { addPublishedArticles } = await import('../helpers/bulkContent')
  const payload = await getPayload({ config })
  await prepareDatabase(payload)
  const { totalDocs } = await payload.count({
    collection: 'articles',
    where: { _status: { equals: 'published' } },
    overrideAccess: true,
  })
  await addPublishedArticles(payload, { count: Math.max(0, articles - totalDocs), body })
  await payload.destroy()
}

// A main function rather than top-level await (see src/main.ts).
run().then(
  () => process.exit(0),
  (error) => {
    console.error(error)
    process.exit(1)
  },
)
