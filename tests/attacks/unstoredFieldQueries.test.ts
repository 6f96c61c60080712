/**
 * A field that is not stored (virtual: computed on read, such as a writer's public profile or a site path, and every
 * field inside one) can be named in a query or a sort by anyone. Payload refuses a virtual field itself, but sent a
 * stored-looking field inside a virtual group to the database, which has no column for it: a 500 for anyone. Every
 * such path of every collection, from the live config, answers without a 5xx on REST and GraphQL.
 */
import type { Field } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startServer, type TestServer } from '../helpers/server'
import { graphqlNames } from '../access/servedOperations'

let server: TestServer

beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  await server?.stop()
})

/** The dotted paths of the fields that are not stored: virtual ones and everything inside them. */
const unstoredPaths = (fields: Field[], prefix = '', insideVirtual = false): string[] =>
  fields.flatMap((field) => {
    if (!('name' in field)) return 'fields' in field ? unstoredPaths(field.fields, prefix, insideVirtual) : []
    const path = `${prefix}${field.name}`
    const unstored = insideVirtual || ('virtual' in field && field.virtual === true)
    const own = unstored ? [path] : []
    return 'fields' in field && field.type === 'group'
      ? [...own, ...unstoredPaths(field.fields, `${path}.`, unstored)]
      : own
  })

describe('a query or sort on a field that is not stored', () => {
  it('is found in the live config (the check below has paths to try)', () => {
    const paths = server.payload.config.collections.flatMap((collection) =>
      unstoredPaths(collection.fields).map((path) => `${collection.slug}.${path}`),
    )
    expect(paths).toEqual(
      expect.arrayContaining([
        'articles.authorProfile.name',
        'repair-logs.authorProfile.store.slug',
        'stores.sitePath',
      ]),
    )
  })

  it('never answers 5xx over REST, in where or sort, for anyone', async () => {
    const failures: string[] = []
    for (const collection of server.payload.config.collections) {
      for (const path of unstoredPaths(collection.fields)) {
        for (const query of [`where[${path}][equals]=x`, `where[${path}][exists]=true`, `sort=${path}`]) {
          const { status } = await server.request(`/api/${collection.slug}?${query}`)
          if (status >= 500) failures.push(`${collection.slug}?${query}: ${status}`)
        }
      }
    }
    expect(failures).toEqual([])
  })

  it('never answers 5xx over GraphQL', async () => {
    const failures: string[] = []
    for (const collection of server.payload.config.collections) {
      const names = graphqlNames(collection)
      if (!names) continue
      for (const path of unstoredPaths(collection.fields)) {
        const where = `{ ${path.split('.').join('__')}: { equals: "x" } }`
        const { status, body } = await server.graphql(`{ ${names.many}(where: ${where}) { totalDocs } }`)
        const statuses = (body.errors ?? []).map(
          (error: { extensions?: { statusCode?: number } }) => error.extensions?.statusCode ?? status,
        )
        if (status >= 500 || statuses.some((code: number) => code >= 500))
          failures.push(`${names.many}(where: ${where}): ${status} ${JSON.stringify(statuses)}`)
      }
    }
    expect(failures).toEqual([])
  })
})
