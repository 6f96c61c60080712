/**
 * Who may do what, as PRODUCT.md "Who may do what" says it: one table for every collection of the live config
 * (Payload's own included) and every operation Payload or we serve over REST and GraphQL. The exhaustive access
 * test (exhaustive.test.ts) enumerates the config and the GraphQL schema, fails on anything served that this table
 * does not name (and on any row naming something no longer served), and checks every cell.
 *
 * A line reads "rule: { document: who }". The document is named by its relation to the acting user, who works at the
 * own store (staff, manager) or for the whole chain (hq, admin):
 * - own store / other store: a draft of that store's (a price override, a campaign aimed at the store, a staff account)
 * - published: a published document of the other store (for prices and campaigns: a chain-wide one)
 * - chain-wide: a draft with no store (a chain-wide price, a campaign for every store) or a document of a collection
 *   that belongs to no store (devices, media, audit entries, jobs)
 * - in use / unused: a store or device that other documents point at, or that nothing points at yet
 * - own account / other account: the acting user's own account (or their own row, for preferences) or someone else's
 *   (the public has no account: its "own account" cells are not checked)
 * - no document: an operation on none (signing in, the API's root)
 * Who is a list of roles: anonymous (the public), frontend (a shop site's server sending its API key: exactly the
 * public, wherever the public is named), staff, manager, hq, admin, and pending: an HQ session that signed in with its
 * password and still owes its second factor (the session gate refuses it nearly everything).
 */

export const ROLES = ['anonymous', 'frontend', 'staff', 'manager', 'hq', 'admin', 'pending'] as const
export type Role = (typeof ROLES)[number]

/** The collection-level rules Payload asks (readVersions: the version history, restore excluded). */
export type Rule = 'read' | 'readVersions' | 'create' | 'update' | 'delete'

export type Scope =
  | 'own store'
  | 'other store'
  | 'published'
  | 'chain-wide'
  | 'in use'
  | 'unused'
  | 'own account'
  | 'other account'
  | 'no document'

/** Roles, space-separated; '' is nobody. */
export type Who = string

/** A collection's rules by document, and its other operations (auth, uploads, our endpoints) by name. */
export type CollectionExpectations = {
  rules: Partial<Record<Rule, Partial<Record<Scope, Who>>>>
  operations?: Record<string, Who | Partial<Record<Scope, Who>>>
  /** The scope of a copy (duplicate) where it is not the original's: a copied store or device is a new, unused one. */
  copies?: Partial<Record<Scope, Scope>>
}

/** What each of Payload's document operations asks, over REST and GraphQL alike. */
export const RULES_ASKED: Record<string, Rule[]> = {
  find: ['read'],
  findByID: ['read'],
  // Ours: a document by its slug (REST /slug/:slug, GraphQL <Type>BySlug), a store's posts by its slug (Store<Types>).
  findBySlug: ['read'],
  findByStore: ['read'],
  count: ['read'],
  versions: ['readVersions'],
  versionByID: ['readVersions'],
  restoreVersion: ['update'],
  create: ['create'],
  // A copy is a new document made from one the user can read (create is asked of the copy's scope).
  duplicate: ['read', 'create'],
  updateByID: ['update'],
  updateWhere: ['update'],
  deleteByID: ['delete'],
  deleteWhere: ['delete'],
  // Answers the caller's own rights on one document: everyone may ask; the answer must match this table.
  docAccess: [],
}

const PUBLIC = 'anonymous frontend staff manager hq admin'
const SIGNED_IN = 'staff manager hq admin'
const HQ = 'hq admin'

/** Logs the system writes: the admin reads them, nobody writes them over the API. */
const systemLog: CollectionExpectations = {
  rules: {
    read: { 'chain-wide': 'admin' },
    create: { 'chain-wide': '' },
    update: { 'chain-wide': '' },
    delete: { 'chain-wide': '' },
  },
}

/** Articles and repair reports: stores write their own, HQ everything, the public reads what is published. */
const storePosts: CollectionExpectations = {
  rules: {
    read: { 'own store': SIGNED_IN, 'other store': HQ, published: PUBLIC },
    readVersions: { 'own store': SIGNED_IN, 'other store': HQ, published: SIGNED_IN },
    create: { 'own store': SIGNED_IN, 'other store': HQ, published: HQ },
    update: { 'own store': SIGNED_IN, 'other store': HQ, published: HQ },
    delete: { 'own store': SIGNED_IN, 'other store': HQ, published: HQ },
  },
}

/** Nobody, over the API: the system (or Payload) alone writes and reads these. */
const closed = (scope: Scope): CollectionExpectations => ({
  rules: { read: { [scope]: '' }, create: { [scope]: '' }, update: { [scope]: '' }, delete: { [scope]: '' } },
})

export const EXPECTATIONS: Record<string, CollectionExpectations> = {
  articles: storePosts,
  'repair-logs': storePosts,

  // A manager keeps their stores' overrides, HQ the chain-wide list; a published price is evidence, never changed.
  prices: {
    rules: {
      read: { 'own store': SIGNED_IN, 'other store': HQ, 'chain-wide': HQ, published: PUBLIC },
      readVersions: { 'own store': SIGNED_IN, 'other store': HQ, 'chain-wide': HQ, published: SIGNED_IN },
      create: { 'own store': 'manager hq admin', 'other store': HQ, 'chain-wide': HQ, published: HQ },
      update: { 'own store': 'manager hq admin', 'other store': HQ, 'chain-wide': HQ, published: '' },
      delete: { 'own store': 'manager hq admin', 'other store': HQ, 'chain-wide': HQ, published: '' },
    },
  },

  // HQ alone writes campaigns; a store's staff see the drafts aimed at their store, to prepare.
  campaigns: {
    rules: {
      read: { 'own store': SIGNED_IN, 'other store': HQ, 'chain-wide': HQ, published: PUBLIC },
      readVersions: { 'own store': SIGNED_IN, 'other store': HQ, 'chain-wide': HQ, published: SIGNED_IN },
      create: { 'own store': HQ, 'other store': HQ, 'chain-wide': HQ, published: HQ },
      update: { 'own store': HQ, 'other store': HQ, 'chain-wide': HQ, published: HQ },
      delete: { 'own store': HQ, 'other store': HQ, 'chain-wide': HQ, published: HQ },
    },
  },

  // The catalogue is public and HQ's; a device that prices or reports point at is retired, not deleted.
  devices: {
    rules: {
      read: { 'in use': PUBLIC, unused: PUBLIC },
      create: { unused: HQ },
      update: { 'in use': HQ, unused: HQ },
      delete: { 'in use': '', unused: HQ },
    },
    copies: { 'in use': 'unused' },
  },

  // Everyone signed in uploads photos for their posts; the shared library is HQ's.
  media: {
    rules: {
      read: { 'chain-wide': PUBLIC },
      create: { 'chain-wide': SIGNED_IN },
      update: { 'chain-wide': HQ },
      delete: { 'chain-wide': HQ },
    },
    operations: { file: { 'chain-wide': PUBLIC } },
  },

  // Public details; a manager edits their own store's; stores are the admin's, and a store in use closes by status.
  stores: {
    rules: {
      read: { 'own store': PUBLIC, 'other store': PUBLIC, unused: PUBLIC },
      create: { unused: 'admin' },
      update: { 'own store': 'manager hq admin', 'other store': HQ, unused: HQ },
      delete: { 'own store': '', 'other store': '', unused: 'admin' },
    },
    copies: { 'own store': 'unused', 'other store': 'unused' },
    operations: {
      'GET /:slug/campaigns/active': { 'own store': PUBLIC, 'other store': PUBLIC },
      'GET /:slug/prices': { 'own store': PUBLIC, 'other store': PUBLIC },
      'GET /:slug/prices/history': { 'own store': PUBLIC, 'other store': PUBLIC },
    },
  },

  // Accounts: each reads and edits their own; a manager their stores' staff; the admin everyone. "own store" and
  // "other store" are staff accounts of those stores.
  users: {
    rules: {
      read: { 'own account': `${SIGNED_IN} pending`, 'own store': 'manager hq admin', 'other store': HQ },
      create: { 'own store': 'manager admin', 'other store': 'admin' },
      update: { 'own account': SIGNED_IN, 'own store': 'manager admin', 'other store': 'admin' },
      delete: { 'own store': 'admin', 'other store': 'admin' },
    },
    operations: {
      // Signing in and out, and one's own session: open to every session, the pending one included.
      // Each session its own account; the public, none.
      me: `${PUBLIC} pending`,
      login: `${PUBLIC} pending`,
      logout: { 'own account': `${SIGNED_IN} pending` },
      refreshToken: { 'own account': `${SIGNED_IN} pending` },
      // No account enumeration: every request is answered alike, and the mail goes to the registered address.
      forgotPassword: `${PUBLIC} pending`,
      // Only the token from that mail resets a password.
      resetPassword: '',
      // Payload's lock-out is replaced by the sign-in throttle: unlocking is the admin's repair tool.
      unlock: { 'other account': 'admin' },
      // E-mail verification is off, and the first account is made by the seed.
      verifyEmail: '',
      firstRegister: '',
      init: `${PUBLIC} pending`,
      // The second factor: each session its own (the pending one above all); removing one is the admin's.
      'GET /second-factor': { 'own account': `${SIGNED_IN} pending` },
      'POST /second-factor/enrol': { 'own account': `${SIGNED_IN} pending` },
      'POST /second-factor/confirm': { 'own account': `${SIGNED_IN} pending` },
      'POST /second-factor/verify': { 'own account': `${SIGNED_IN} pending` },
      // New recovery codes: an account with a second factor, in a session that passed it (the scene's HQ and admin).
      'POST /second-factor/recovery-codes': { 'own account': HQ },
      'POST /:id/second-factor/remove': { 'other account': 'admin' },
      'POST /sessions/end-others': { 'own account': SIGNED_IN },
      'POST /:id/sessions/end': { 'other account': 'admin' },
    },
  },

  // Append-only; the admin reads it.
  'audit-log': systemLog,
  // Written only by the webhook deliveries; the admin reads it.
  'webhook-deliveries': systemLog,

  // Payload's own collections. Preferences: each signed-in user their own rows, created only by Payload's own endpoints.
  'payload-preferences': {
    rules: {
      read: { 'own account': SIGNED_IN, 'other account': '' },
      create: { 'own account': '', 'other account': '' },
      update: { 'own account': SIGNED_IN, 'other account': '' },
      delete: { 'own account': SIGNED_IN, 'other account': '' },
    },
    operations: {
      'GET /:key': { 'own account': SIGNED_IN },
      'POST /:key': { 'own account': SIGNED_IN },
      'DELETE /:key': { 'own account': SIGNED_IN },
    },
  },
  // Document locks: seen by colleagues, released or taken over by whoever may edit the locked document, never created
  // over the API ("own store": a colleague's lock on an own-store draft).
  'payload-locked-documents': {
    rules: {
      read: { 'own store': SIGNED_IN, 'other store': HQ },
      create: { 'own store': '', 'other store': '' },
      update: { 'own store': SIGNED_IN, 'other store': HQ },
      delete: { 'own store': SIGNED_IN, 'other store': HQ },
    },
    operations: {
      // One lock at a time, named by its ID: a `where` reaches none.
      updateWhere: { 'own store': '', 'other store': '' },
      deleteWhere: { 'own store': '', 'other store': '' },
    },
  },
  // Jobs are queued by scheduled publishing through Payload's job rules; running due jobs by hand is the admin's.
  'payload-jobs': { ...closed('chain-wide'), operations: { 'GET /run': 'admin' } },
  'payload-kv': closed('chain-wide'),
  // Served neither over REST nor GraphQL.
  'payload-migrations': { rules: {} },

  // A global: the chain's site settings, read by everyone who reads public content, changed by HQ and admin; no history.
  'site-settings': {
    rules: {},
    operations: {
      'GET /': PUBLIC,
      'POST /': 'hq admin',
      'POST /access': `${PUBLIC} pending`,
      'GET /versions': '',
      'GET /versions/:id': '',
      'POST /versions/:id': '',
      SiteSetting: PUBLIC,
      updateSiteSetting: 'hq admin',
      docAccessSiteSetting: `${PUBLIC} pending`,
    },
  },

  // Not a collection: what the API serves at its root.
  '(root)': {
    rules: {},
    operations: {
      // Each caller's own rights, which must overstate nothing this table says.
      access: `${PUBLIC} pending`,
      // The GraphQL side of the store endpoints.
      ActiveCampaigns: { 'own store': PUBLIC, 'other store': PUBLIC },
      StorePriceList: { 'own store': PUBLIC, 'other store': PUBLIC },
      // The label tables of every code the public API returns: what the public reads, on both APIs.
      'GET /labels': PUBLIC,
      Labels: PUBLIC,
    },
  },
}

/** The roles of a Who. */
export const rolesOf = (who: Who): Role[] => who.split(/\s+/).filter(Boolean) as Role[]

export const ROOT = '(root)'

/** The scopes an operation is checked on, and who may, by scope. */
export const expectedWho = (
  collection: string,
  operation: string,
  table: Record<string, CollectionExpectations> = EXPECTATIONS,
): Partial<Record<Scope, Who>> | undefined => {
  const expectations = table[collection]
  if (!expectations) return undefined
  const special = expectations.operations?.[operation]
  if (special !== undefined) return typeof special === 'string' ? { 'no document': special } : special
  const rules = RULES_ASKED[operation]
  if (!rules) return undefined
  if (rules.length === 0)
    return (
      expectations.rules.read &&
      Object.fromEntries(Object.keys(expectations.rules.read).map((scope) => [scope, `${PUBLIC} pending`]))
    )
  const [first, ...others] = rules.map((rule) => expectations.rules[rule])
  if (!first || others.some((table) => !table)) return undefined
  // Several rules (a copy: read the original, create the copy): who passes them all, scope by scope.
  const copyScope = (scope: Scope) => (operation === 'duplicate' ? (expectations.copies?.[scope] ?? scope) : scope)
  return Object.fromEntries(
    Object.entries(first).map(([scope, who]) => [
      scope,
      rolesOf(who ?? '')
        .filter((role) => others.every((table) => rolesOf(table?.[copyScope(scope as Scope)] ?? '').includes(role)))
        .join(' '),
    ]),
  )
}
