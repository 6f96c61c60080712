import type { Endpoint, GraphQLExtension, Payload, SanitizedCollectionConfig, SanitizedConfig } from 'payload'

import { Forbidden } from 'payload'

/**
 * Payload mounts the same operations on every collection, whether or not the collection has the feature they serve:
 * restoring a version of a collection without versions, verifying an e-mail address where verification is off,
 * pasting an upload from a URL where that is off, handling job schedules where none are defined. Those operations
 * answer 500 (their queries name tables and columns that do not exist) to anyone, the public included. An operation
 * of an absent feature is not served: REST answers 404 as for any unknown route, GraphQL refuses with 403.
 */
const absentFeature = (
  collection: SanitizedCollectionConfig,
  config: SanitizedConfig,
  { method, path }: Endpoint,
): boolean => {
  if (path === '/versions' || path.startsWith('/versions/')) return !collection.versions
  if (collection.auth && method === 'post' && path === '/verify/:id') return !collection.auth.verify
  if (collection.auth && method === 'post' && path === '/unlock') return !(collection.auth.maxLoginAttempts > 0)
  if (collection.upload && path === '/paste-url/:id?') return !collection.upload.pasteURL
  if (collection.slug === 'payload-jobs' && path === '/handle-schedules') return !config.jobs?.scheduling
  return false
}

/** onInit: every collection's REST endpoints without those of features it lacks. */
export const servePresentFeaturesOnly = (payload: Payload): void => {
  for (const { config } of Object.values(payload.collections)) {
    if (Array.isArray(config.endpoints)) {
      config.endpoints = config.endpoints.filter(
        (endpoint) => !absentFeature(config, payload.config, endpoint),
      ) as typeof config.endpoints
    }
  }
}

/**
 * `graphQL.mutations`: Payload generates `verifyEmail<User>` for every auth collection, verification on or off; where
 * it is off the mutation is replaced by one that refuses (GraphQL cannot drop a generated field).
 */
export const absentFeatureMutations: GraphQLExtension = (GraphQL, { collections }) =>
  Object.fromEntries(
    Object.values(collections)
      .filter(
        ({ config, graphQL }) =>
          config.auth && !config.auth.verify && !config.auth.disableLocalStrategy && graphQL?.type,
      )
      .map(({ graphQL }) => [
        `verifyEmail${graphQL!.type.name}`,
        {
          type: GraphQL.GraphQLBoolean,
          args: { token: { type: GraphQL.GraphQLString } },
          resolve: (
            _source: unknown,
            _args: unknown,
            context: { req: { t: ConstructorParameters<typeof Forbidden>[0] } },
          ) => {
            throw new Forbidden(context.req.t)
          },
        },
      ]),
  )
