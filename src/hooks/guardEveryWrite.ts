import type { Endpoint, Payload, PayloadHandler, Where } from 'payload'

import { inRequestLanguage } from '../lib/i18n'
import { MAX_NESTING, nestingDepth, refuseMalformedInput } from './refuseMalformedInput'
import { refuseUnknownReferences } from './refuseUnknownReferences'
import { serverOwnsRowIds } from './serverOwnsRowIds'

/**
 * onInit: no input gives a 5xx, on every collection of the running config, Payload's own included (preferences,
 * document locks, jobs, key-value store, migrations), which the config never lists and so can give no hooks:
 * malformed values are refused first (before hooks, access rules and Payload's copying see them), then references to
 * missing documents, and row IDs are the server's.
 */
export const guardEveryWrite = (payload: Payload): void => {
  for (const { config } of Object.values(payload.collections)) {
    const hooks = config.hooks
    hooks.beforeOperation = [
      refuseMalformedInput,
      ...(hooks.beforeOperation ?? []).filter((hook) => hook !== refuseMalformedInput),
    ]
    hooks.beforeChange = [
      serverOwnsRowIds,
      refuseUnknownReferences,
      ...(hooks.beforeChange ?? []).filter((hook) => hook !== serverOwnsRowIds && hook !== refuseUnknownReferences),
    ]
    if (Array.isArray(config.endpoints))
      config.endpoints = config.endpoints.map((endpoint) =>
        writesStraightToDatabase(config.slug, endpoint)
          ? withShallowBody(endpoint)
          : deletesByKey(config.slug, endpoint)
            ? withExistingPreference(endpoint)
            : endpoint,
      )
  }
}

/**
 * Payload's admin saves a user's preferences with POST /api/payload-preferences/<key>, which writes the body to the
 * database directly, past every hook: a value nested 10,000 levels deep overflowed the stack there (500).
 */
const writesStraightToDatabase = (slug: string, endpoint: Endpoint) =>
  slug === 'payload-preferences' && endpoint.method === 'post' && endpoint.path === '/:key'

const TOO_DEEP = {
  ja: `入れ子が深すぎます（${MAX_NESTING}段まで）。`,
  en: `Nested too deeply (at most ${MAX_NESTING} levels).`,
}

/**
 * The endpoint with its JSON body read once, refused with 400 past MAX_NESTING, and handed on as read. Wrapped before
 * the session gate wraps it (payload.config.ts onInit), so the gate still answers first.
 */
const withShallowBody = (endpoint: Endpoint): Endpoint => {
  const handler: PayloadHandler = async (req) => {
    let read: Promise<unknown>
    try {
      const data = await req.json?.()
      if (nestingDepth(data) > MAX_NESTING) {
        const message = inRequestLanguage(TOO_DEEP, req)
        return Response.json({ errors: [{ message, data: { errors: [{ path: 'value', message }] } }] }, { status: 400 })
      }
      read = Promise.resolve(data)
    } catch (error) {
      // Not JSON: the endpoint meets the same failure it would have met reading the body itself.
      read = Promise.reject(error)
      read.catch(() => undefined)
    }
    req.json = () => read
    return endpoint.handler(req)
  }
  return { ...endpoint, handler }
}

/** Payload's DELETE /api/payload-preferences/<key> deletes straight in the database, which fails (500) when no row matches. */
const deletesByKey = (slug: string, endpoint: Endpoint) =>
  slug === 'payload-preferences' && endpoint.method === 'delete' && endpoint.path === '/:key'

/** The endpoint answering 404 for a preference the signed-in user does not have, instead of asking the database to delete nothing. */
const withExistingPreference = (endpoint: Endpoint): Endpoint => {
  const handler: PayloadHandler = async (req) => {
    const key = req.routeParams?.key
    if (req.user && typeof key === 'string') {
      const where: Where = {
        and: [
          { key: { equals: key } },
          { 'user.value': { equals: req.user.id } },
          { 'user.relationTo': { equals: req.user.collection } },
        ],
      }
      const found = await req.payload.db.findOne({ collection: 'payload-preferences', where, req })
      if (!found) return Response.json({ errors: [{ message: req.t('general:notFound') }] }, { status: 404 })
    }
    return endpoint.handler(req)
  }
  return { ...endpoint, handler }
}
