/**
 * Every operation the running CMS serves, read from the live config (every collection, Payload's own included, with
 * its endpoints as they are mounted) and from the GraphQL schema it answers with (introspection), named in one
 * vocabulary for both APIs: Payload's operation names (find, versionByID, restoreVersion, forgotPassword, ...) and,
 * for endpoints and queries Payload does not define, "METHOD /path" or the GraphQL field name.
 */
import type { Payload, SanitizedCollectionConfig } from 'payload'

import { formatNames, toWords } from 'payload'

import { ROOT } from './expectations'

export type Api = 'REST' | 'GraphQL'

/** One operation as served: `collection` is a collection's or a global's slug, or ROOT. */
export type ServedOperation = { api: Api; collection: string; operation: string }

/** Payload's REST endpoints by method and path (node_modules/payload/dist/{collections,auth,uploads}/endpoints). */
const PAYLOAD_REST: Record<string, string> = {
  'get /': 'find',
  'get /:id': 'findByID',
  'get /count': 'count',
  'get /versions': 'versions',
  'get /versions/:id': 'versionByID',
  'post /versions/:id': 'restoreVersion',
  'post /': 'create',
  'patch /:id': 'updateByID',
  'patch /': 'updateWhere',
  'delete /:id': 'deleteByID',
  'delete /': 'deleteWhere',
  'post /:id/duplicate': 'duplicate',
  'post /access/:id?': 'docAccess',
  'get /me': 'me',
  'post /login': 'login',
  'post /logout': 'logout',
  'post /refresh-token': 'refreshToken',
  'post /forgot-password': 'forgotPassword',
  'post /reset-password': 'resetPassword',
  'post /unlock': 'unlock',
  'post /verify/:id': 'verifyEmail',
  'post /first-register': 'firstRegister',
  'get /init': 'init',
  'get /file/:filename': 'file',
  'get /paste-url/:id?': 'pasteURL',
}

/** Our document endpoints of several collections, named like Payload's operations (src/endpoints/slugLookups.ts). */
const DOCUMENT_REST: Record<string, string> = { 'get /slug/:slug': 'findBySlug' }

/** Payload's root endpoints (config.endpoints). */
const PAYLOAD_ROOT_REST: Record<string, string> = { 'get /access': 'access' }

const restName = (names: Record<string, string>, method: string, path: string) =>
  names[`${method} ${path}`] ?? `${method.toUpperCase()} ${path}`

/** The names Payload's GraphQL schema gives a collection (@payloadcms/graphql schema/initCollections). */
export const graphqlNames = (collection: SanitizedCollectionConfig): { one: string; many: string } | null => {
  const { graphQL, slug } = collection
  if (graphQL === false) return null
  const fromSlug = formatNames(slug)
  const one = graphQL?.singularName ? toWords(graphQL.singularName, true) : fromSlug.singular
  const many = graphQL?.pluralName ? toWords(graphQL.pluralName, true) : fromSlug.plural
  return { one, many: one === many ? `all${one}` : many }
}

/** Payload's GraphQL fields of one collection, by operation (queries and mutations share one namespace of names). */
const payloadGraphqlFields = ({ one, many }: { one: string; many: string }): Record<string, string> => ({
  [one]: 'findByID',
  [many]: 'find',
  [`count${many}`]: 'count',
  [`docAccess${one}`]: 'docAccess',
  [`version${one}`]: 'versionByID',
  [`versions${many}`]: 'versions',
  [`restoreVersion${one}`]: 'restoreVersion',
  [`create${one}`]: 'create',
  [`update${one}`]: 'updateByID',
  [`delete${one}`]: 'deleteByID',
  [`duplicate${one}`]: 'duplicate',
  [`me${one}`]: 'me',
  [`initialized${one}`]: 'init',
  [`login${one}`]: 'login',
  [`logout${one}`]: 'logout',
  [`refreshToken${one}`]: 'refreshToken',
  [`forgotPassword${one}`]: 'forgotPassword',
  [`resetPassword${one}`]: 'resetPassword',
  [`unlock${one}`]: 'unlock',
  [`verifyEmail${one}`]: 'verifyEmail',
  // Ours, beside Payload's (src/endpoints/slugQueries.ts): a document by its slug, a store's posts by the store's slug.
  [`${one}BySlug`]: 'findBySlug',
  [`Store${many}`]: 'findByStore',
})

const ROOT_GRAPHQL_FIELDS: Record<string, string> = { Access: 'access' }

/** Payload's GraphQL fields of one global (@payloadcms/graphql schema/initGlobals), named by their field names. */
const globalGraphqlFields = (name: string): string[] => [
  name,
  `update${name}`,
  `docAccess${name}`,
  `version${name}`,
  `versions${name}`,
  `restoreVersion${name}`,
]

type Route = { method: string; path: string }

/** Whether `pattern` (Payload's route syntax: `:param`, `:param?`) matches a request to `path` with its parameters filled in. */
const routeMatches = (pattern: string, path: string): boolean => {
  const wanted = pattern.split('/').filter(Boolean)
  const given = path
    .split('/')
    .filter(Boolean)
    .map((segment) => (segment.startsWith(':') ? 'x' : segment))
  const optional = wanted.filter((segment) => segment.endsWith('?')).length
  if (given.length > wanted.length || given.length < wanted.length - optional) return false
  return given.every((segment, index) => wanted[index]!.startsWith(':') || wanted[index] === segment)
}

/**
 * The routes a request can reach: Payload answers with the first endpoint whose method and path match, so an endpoint
 * after one that matches all its requests is never served (payload-preferences' `GET /:key` takes `GET /:id` and
 * `GET /count`).
 */
const reachable = <R extends Route>(routes: R[]): R[] =>
  routes.filter(
    (route, index) =>
      !routes
        .slice(0, index)
        .some((earlier) => earlier.method === route.method && routeMatches(earlier.path, route.path)),
  )

/** REST: every collection's mounted endpoints that a request can reach, and the root's. */
export const servedOverRest = (payload: Payload): ServedOperation[] => [
  ...payload.config.collections.flatMap((collection) =>
    reachable(collection.endpoints || []).map(({ method, path }) => ({
      api: 'REST' as const,
      collection: collection.slug,
      operation: restName({ ...PAYLOAD_REST, ...DOCUMENT_REST }, method, path),
    })),
  ),
  // A global's endpoints (Payload's findOne, update, docAccess and versions) by method and path, under its slug.
  ...payload.config.globals.flatMap((global) =>
    reachable(global.endpoints || []).map(({ method, path }) => ({
      api: 'REST' as const,
      collection: global.slug,
      operation: restName({}, method, path),
    })),
  ),
  ...reachable(payload.config.endpoints ?? []).map(({ method, path }) => ({
    api: 'REST' as const,
    collection: ROOT,
    operation: restName(PAYLOAD_ROOT_REST, method, path),
  })),
]

/** GraphQL: every root field of the schema the server answers with, attributed to its collection. */
export const servedOverGraphql = (payload: Payload, rootFields: string[]): ServedOperation[] => {
  const owners = new Map<string, { collection: string; operation: string }>()
  for (const collection of payload.config.collections) {
    const names = graphqlNames(collection)
    if (!names) continue
    for (const [field, operation] of Object.entries(payloadGraphqlFields(names)))
      owners.set(field, { collection: collection.slug, operation })
  }
  for (const global of payload.config.globals) {
    if (global.graphQL === false) continue
    const name = global.graphQL?.name ? toWords(global.graphQL.name, true) : formatNames(global.slug).singular
    for (const field of globalGraphqlFields(name)) owners.set(field, { collection: global.slug, operation: field })
  }
  return rootFields.map((field) => ({
    api: 'GraphQL' as const,
    ...(owners.get(field) ?? { collection: ROOT, operation: ROOT_GRAPHQL_FIELDS[field] ?? field }),
  }))
}

/** The root fields of the running schema, queries and mutations. */
export const graphqlRootFields = async (
  graphql: (query: string) => Promise<{ body: { data?: any; errors?: unknown[] } }>,
): Promise<string[]> => {
  const { body } = await graphql('{ __schema { queryType { fields { name } } mutationType { fields { name } } } }')
  if (!body.data) throw new Error(`introspection failed: ${JSON.stringify(body.errors)}`)
  const { queryType, mutationType } = body.data.__schema
  return [...queryType.fields, ...(mutationType?.fields ?? [])].map(({ name }: { name: string }) => name)
}
