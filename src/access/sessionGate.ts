import type { Access, AccessArgs, CollectionConfig, Endpoint, GlobalConfig, Payload, PayloadHandler } from 'payload'

import { ignoreApiKeysAsSessions } from '../lib/auth/frontendKeys'
import { FRONTEND_ROLE } from '../lib/rights'
import { owesSecondFactor } from '../lib/auth/secondFactor'
import { sessionTooOld } from '../lib/auth/sessionLifetime'
import { fieldReadNeedsDocument } from './fieldReadNeedsDocument'
import { lockedDocumentsAccess } from './lockedDocuments'

/** The answer to a session that owes its second factor. */
export const VERIFY_FIRST = { ja: '先に二段階認証を完了してください。', en: 'Complete two-step verification first.' }

type Operation = 'admin' | 'create' | 'delete' | 'read' | 'readVersions' | 'unlock' | 'update'

const OPERATIONS: Operation[] = ['create', 'read', 'update', 'delete', 'readVersions', 'unlock', 'admin']

/** Closed by default: an operation a collection does not name is refused to everyone (Payload's default: any signed-in user). */
const refused: Access = () => false

type SessionUser = NonNullable<Parameters<typeof owesSecondFactor>[0]> &
  Parameters<typeof sessionTooOld>[0] & { disabled?: boolean | null }

/**
 * A session may act only when its account is not disabled, it is within its absolute lifetime and it has passed the
 * second factor its role needs. A frontend account never acts through a session: it cannot sign in, and its API key
 * makes none (it reads as the public).
 */
export const sessionMayAct = (user: SessionUser): boolean =>
  !user.disabled && user.role !== FRONTEND_ROLE && !owesSecondFactor(user) && !sessionTooOld(user)

/**
 * A session that may not act is refused every operation, whatever the role: this sits in front of each collection's
 * own rules, so REST, GraphQL and the admin (which asks the same rules) meet it alike. It may still read its own
 * account, which the admin's enrolment page needs; the second-factor endpoints act for it. A frontend account (the
 * Local API called with it) reads what the public reads, since every rule sees it as the public, and does nothing else.
 */
const gated =
  (operation: Operation, rule: Access, accounts: boolean): Access =>
  (args: AccessArgs) => {
    const { user } = args.req
    if (!user || sessionMayAct(user)) return rule(args)
    if (user.role === FRONTEND_ROLE) return operation === 'read' ? rule(args) : false
    return accounts && operation === 'read' ? { id: { equals: user.id } } : false
  }

/**
 * Endpoints a session that may not act can still call: Payload's document operations (their access rules are gated
 * above), signing in and out, its own account and permissions, and the second factor it owes. Every other endpoint
 * (Payload's preferences, unlock, verify, job runs; ours) refuses it: a new endpoint is closed until it is named here.
 */
const OPEN_TO_PENDING_SESSIONS = new Set([
  'get /',
  'get /count',
  'get /:id',
  'get /versions',
  'get /versions/:id',
  'post /access/:id?',
  'get /file/:filename',
  'get /init',
  'post /',
  'patch /',
  'patch /:id',
  'delete /',
  'delete /:id',
  'post /versions/:id',
  'post /:id/duplicate',
  'post /login',
  'post /logout',
  'get /me',
  'post /refresh-token',
  'post /forgot-password',
  'post /reset-password',
  'get /access',
])
const servesPendingSessions = ({ method, path }: Endpoint): boolean =>
  OPEN_TO_PENDING_SESSIONS.has(`${method} ${path}`) || path.startsWith('/second-factor')

const SECOND_FACTOR_FIRST = {
  errors: [{ message: '先に二段階認証を完了してください。 / Complete two-step verification first.' }],
}

const gatedEndpoint = <E extends Endpoint>(endpoint: E): E => {
  if (servesPendingSessions(endpoint)) return endpoint
  const handler: PayloadHandler = (req) => {
    if (req.user && !sessionMayAct(req.user)) return Response.json(SECOND_FACTOR_FIRST, { status: 403 })
    return endpoint.handler(req)
  }
  return { ...endpoint, handler }
}

/** The collection with every operation named (unnamed ones refused) and behind the session gate. */
export const behindSessionGate = <T extends Pick<CollectionConfig, 'access' | 'auth'>>(collection: T): T => {
  // Payload types some rules as boolean-only; the gate answers those with a boolean too (false or the rule's own answer).
  const access = { ...collection.access } as Partial<Record<Operation, Access>>
  const accounts = Boolean(collection.auth)
  for (const operation of OPERATIONS) access[operation] = gated(operation, access[operation] ?? refused, accounts)
  return { ...collection, access: access as CollectionConfig['access'] }
}

const GLOBAL_OPERATIONS = ['read', 'update', 'readVersions'] as const

/** The same gate for a global: a session owing its second factor may only read, as the public does; unnamed operations are refused. */
export const globalBehindSessionGate = <T extends Pick<GlobalConfig, 'access'>>(global: T): T => {
  const access = { ...global.access } as Partial<Record<(typeof GLOBAL_OPERATIONS)[number], Access>>
  for (const operation of GLOBAL_OPERATIONS)
    access[operation] = gated(operation === 'read' ? 'read' : 'update', access[operation] ?? refused, false)
  return { ...global, access: access as GlobalConfig['access'] }
}

/**
 * Rules for Payload's own collections, which the config does not list: preferences keep Payload's own-rows rule,
 * document locks get ours, jobs, the key-value store (payload-kv) and migrations stay closed (jobs are queued
 * through `jobs.access`).
 */
const PAYLOAD_COLLECTIONS: Record<string, Partial<Record<Operation, Access>> | 'payload-rules'> = {
  'payload-preferences': 'payload-rules',
  'payload-locked-documents': lockedDocumentsAccess,
  'payload-jobs': {},
  'payload-kv': {},
  'payload-migrations': {},
}

/**
 * onInit: Payload's own collections behind the gate with named rules, every endpoint (Payload's and ours, on
 * collections and at the root) behind the gate for sessions that may not act yet, and field read rules that
 * cannot be asked without a document. API keys make no session (frontends read as the public).
 */
export const closeByDefault = (payload: Payload): void => {
  for (const [slug, rules] of Object.entries(PAYLOAD_COLLECTIONS)) {
    const collection = payload.collections[slug as keyof typeof payload.collections]?.config
    if (!collection) continue
    // Payload's own rules are those it names (read, update, delete): its sanitized config adds "any signed-in user"
    // for create, which let anyone signed in write preference rows over REST and GraphQL.
    const named =
      rules === 'payload-rules'
        ? { read: collection.access.read, update: collection.access.update, delete: collection.access.delete }
        : rules
    collection.access = behindSessionGate({ access: named as CollectionConfig['access'] })
      .access as typeof collection.access
  }
  for (const { config } of Object.values(payload.collections)) {
    if (Array.isArray(config.endpoints))
      config.endpoints = config.endpoints.map(gatedEndpoint) as typeof config.endpoints
  }
  if (Array.isArray(payload.config.endpoints))
    payload.config.endpoints = payload.config.endpoints.map(gatedEndpoint) as typeof payload.config.endpoints
  fieldReadNeedsDocument(payload)
  ignoreApiKeysAsSessions(payload)
}
