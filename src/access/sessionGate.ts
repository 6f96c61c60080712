import type { Access, AccessArgs, CollectionConfig, Payload } from 'payload'

import { owesSecondFactor } from '../lib/secondFactor'
import { sessionTooOld } from '../lib/sessionLifetime'

type Operation = 'admin' | 'create' | 'delete' | 'read' | 'readVersions' | 'unlock' | 'update'

const OPERATIONS: Operation[] = ['create', 'read', 'update', 'delete', 'readVersions', 'unlock']

/** What Payload does where a collection names no rule: any signed-in user may. */
const signedIn: Access = ({ req }) => Boolean(req.user)

type SessionUser = NonNullable<Parameters<typeof owesSecondFactor>[0]> & Parameters<typeof sessionTooOld>[0] & { disabled?: boolean | null }

/**
 * A session may act only when its account is not disabled, it is within its absolute lifetime and it has passed the
 * second factor its role needs.
 */
export const sessionMayAct = (user: SessionUser): boolean => !user.disabled && !owesSecondFactor(user) && !sessionTooOld(user)

/**
 * A session that may not act is refused every operation, whatever the role: this sits in front of each collection's
 * own rules, so REST, GraphQL and the admin (which asks the same rules) meet it alike. It may still read its own
 * account, which the admin's enrolment page needs; the second-factor endpoints act for it.
 */
const gated =
  (operation: Operation, rule: Access, accounts: boolean): Access =>
  (args: AccessArgs) => {
    const { user } = args.req
    if (!user || sessionMayAct(user)) return rule(args)
    return accounts && operation === 'read' ? { id: { equals: user.id } } : false
  }

/** The collection with every access rule (Payload's defaults included) behind the session gate. */
export const behindSessionGate = (collection: CollectionConfig): CollectionConfig => {
  // Payload types some rules as boolean-only; the gate answers those with a boolean too (false or the rule's own answer).
  const access = { ...collection.access } as Partial<Record<Operation, Access>>
  const accounts = Boolean(collection.auth)
  for (const operation of OPERATIONS) access[operation] = gated(operation, access[operation] ?? signedIn, accounts)
  if (accounts) access.admin = gated('admin', access.admin ?? signedIn, accounts)
  return { ...collection, access: access as CollectionConfig['access'] }
}

/** Payload's own collections that a signed-in session can reach over the API: behind the same gate. */
const PAYLOAD_COLLECTIONS = ['payload-locked-documents', 'payload-preferences']

/** onInit: puts Payload's own collections, which the config does not list, behind the gate too. */
export const gatePayloadCollections = (payload: Payload): void => {
  for (const slug of PAYLOAD_COLLECTIONS) {
    const collection = payload.collections[slug as keyof typeof payload.collections]?.config
    if (collection) collection.access = behindSessionGate(collection as unknown as CollectionConfig).access as typeof collection.access
  }
}

