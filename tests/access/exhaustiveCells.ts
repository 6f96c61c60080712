/**
 * The cells of the exhaustive access test: for each served operation, every scope the expectation table names ×
 * every role, less the cells tests/access/matrix.ts already checks and the public's "own account" (it has none).
 */
import { expectedWho, type Role, ROLES, rolesOf, type Rule, type Scope } from './expectations'
import type { ServedOperation } from './servedOperations'

/** The cells tests/access/matrix.ts checks, in this table's words: its operations, scopes and the five roles. */
const MATRIX_OPERATIONS: Record<string, Rule> = { find: 'read', findByID: 'read', create: 'create', updateByID: 'update', deleteByID: 'delete' }
const storeScopes: Scope[] = ['own store', 'other store']
const hqScopes: Scope[] = ['own store', 'other store', 'chain-wide']
const MATRIX_SCOPES: Record<string, Partial<Record<Rule, Scope[]>>> = {
  articles: { read: storeScopes, create: storeScopes, update: storeScopes, delete: storeScopes },
  'repair-logs': { read: storeScopes, create: storeScopes, update: storeScopes, delete: storeScopes },
  prices: { read: hqScopes, create: hqScopes, update: hqScopes, delete: hqScopes },
  campaigns: { read: hqScopes, create: hqScopes, update: hqScopes, delete: hqScopes },
  // matrix.ts makes a new device for each cell: an unused one.
  devices: { read: ['unused'], create: ['unused'], update: ['unused'], delete: ['unused'] },
  media: { read: ['chain-wide'], create: ['chain-wide'], update: ['chain-wide'], delete: ['chain-wide'] },
  // Its store deletes use stores of its own making; they are checked here again on this scene's stores.
  stores: { read: storeScopes, create: ['unused'], update: storeScopes },
  users: {
    read: ['own account', ...storeScopes],
    create: storeScopes,
    update: ['own account', ...storeScopes],
    delete: storeScopes,
  },
}
export const checkedByMatrix = ({ collection, operation, scope, role }: { collection: string; operation: string; scope: Scope; role: Role }) =>
  role !== 'pending' && Boolean(MATRIX_SCOPES[collection]?.[MATRIX_OPERATIONS[operation]!]?.includes(scope))

/** The cells of one served operation: every scope the table names × every role, less matrix.ts's and the public's own account. */
export const cellsOf = ({ api, collection, operation }: ServedOperation) =>
  Object.entries(expectedWho(collection, operation) ?? {}).flatMap(([scope, who]) =>
    ROLES.filter((role) => !(role === 'anonymous' && scope === 'own account'))
      .map((role) => ({ api, collection, operation, scope: scope as Scope, role, expected: rolesOf(who ?? '').includes(role) }))
      .filter((cell) => !checkedByMatrix(cell)),
  )

