import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, Payload } from 'payload'

import { createHmac } from 'node:crypto'

import { FRONTEND_ROLE } from '../rights'

/**
 * Frontend keys: Payload's API keys (users' `useAPIKey`) on accounts of the `frontend` role, which a server-rendered
 * shop site sends as `Authorization: users API-Key <key>`. The key identifies the site to the API rate limit only:
 * Payload does not authenticate it (see ignoreApiKeysAsSessions), so the site reads exactly what the public reads.
 */

const HEADER_PREFIX = 'users API-Key '

/** How long an instance trusts its list of keys at most: another instance's change reaches it within this time. */
const REFRESH_MS = 30_000

/** The key an Authorization header carries, if it is a users' API key. */
export const apiKeyOf = (authorization: string | undefined): string | null =>
  authorization?.startsWith(HEADER_PREFIX) && authorization.length > HEADER_PREFIX.length
    ? authorization.slice(HEADER_PREFIX.length)
    : null

/** Payload's index of an API key (3.46 and later): HMAC-SHA256 of the key with the Payload secret, in hex. */
export const apiKeyIndexOf = (secret: string, key: string): string =>
  createHmac('sha256', secret).update(key).digest('hex')

/** Advanced by every change of an account: each instance's list of keys is reloaded on its next use. */
let accountsChanged = 0

/** users afterChange / afterDelete: a key enabled, replaced or disabled, a role or account changed. */
export const forgetFrontendKeys: CollectionAfterChangeHook & CollectionAfterDeleteHook = ({ doc }) => {
  accountsChanged += 1
  return doc
}

/**
 * Whether a key is the enabled key of an enabled frontend account. The indexes of all such keys are held in memory
 * (a handful of sites), reloaded after any change of an account on this instance and every 30 s: checking a key
 * costs one HMAC and a set lookup, and an unknown key never reaches the database.
 */
export const frontendKeyCheck = (payload: Payload): ((key: string) => Promise<boolean>) => {
  let indexes: Promise<Set<string>> | undefined
  let loadedAt = 0
  let loadedFor = -1

  const load = async (): Promise<Set<string>> => {
    const { docs } = await payload.db.find({
      collection: 'users',
      where: { and: [{ role: { equals: FRONTEND_ROLE } }, { enableAPIKey: { equals: true } }] },
      limit: 0,
      pagination: false,
    })
    const enabled = (docs as { apiKeyIndex?: string | null; disabled?: boolean | null }[]).filter(
      (doc) => doc.apiKeyIndex && doc.disabled !== true,
    )
    return new Set(enabled.map((doc) => doc.apiKeyIndex!))
  }

  return async (key) => {
    if (!indexes || loadedFor !== accountsChanged || Date.now() - loadedAt > REFRESH_MS) {
      loadedFor = accountsChanged
      loadedAt = Date.now()
      indexes = load()
      // A failed load is not kept: the next request tries again, and meanwhile keys are charged like anyone.
      indexes.catch(() => {
        indexes = undefined
      })
    }
    try {
      return (await indexes).has(apiKeyIndexOf(payload.secret, key))
    } catch {
      return false
    }
  }
}

/**
 * onInit: Payload's own API-key strategy for users is dropped, so a key makes no session. A frontend is then the
 * public for every access rule, field rule, GraphQL resolver and endpoint, with no rule having to know the role:
 * authenticated as a user, it would be "signed in" to every rule written for staff.
 */
export const ignoreApiKeysAsSessions = (payload: Payload): void => {
  payload.authStrategies = payload.authStrategies.filter(({ name }) => name !== 'users-api-key')
}
