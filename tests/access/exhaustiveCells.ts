/**
 * The exhaustive access test's two halves of bookkeeping: what is served compared with the expectation table's keys,
 * both ways, and the cells of each served operation (every scope the table names × every role, less the cells
 * tests/access/matrix.ts already checks and the public's "own account": it has none).
 */
import {
  type CollectionExpectations,
  EXPECTATIONS,
  expectedWho,
  type Role,
  ROLES,
  rolesOf,
  type Rule,
  RULES_ASKED,
  type Scope,
} from './expectations'
import type { ServedOperation } from './servedOperations'

type Table = Record<string, CollectionExpectations>

const named = ({ api, collection, operation }: ServedOperation) => `${collection} ${operation} (${api})`

/** What is served with no expectation: a collection without a row, an operation or endpoint its row does not name. */
export const servedWithoutExpectation = (served: ServedOperation[], table: Table = EXPECTATIONS): string[] =>
  served.filter(({ collection, operation }) => !expectedWho(collection, operation, table)).map(named)

/** What the table names that nothing serves: a collection not in the config, an operation not served, a rule no served operation asks. */
export const expectedButNotServed = (
  served: ServedOperation[],
  collections: string[],
  table: Table = EXPECTATIONS,
): string[] =>
  Object.entries(table).flatMap(([collection, { rules, operations = {} }]) => {
    if (!collections.includes(collection)) return [`${collection} (no such collection)`]
    const ofCollection = served.filter((operation) => operation.collection === collection)
    return [
      ...Object.keys(operations)
        .filter((name) => !ofCollection.some(({ operation }) => operation === name))
        .map((name) => `${collection} ${name}`),
      ...Object.keys(rules)
        .filter((rule) => !ofCollection.some(({ operation }) => RULES_ASKED[operation]?.includes(rule as Rule)))
        .map((rule) => `${collection} rule ${rule}`),
    ]
  })

/** The cells tests/access/matrix.ts checks, in this table's words: its operations, scopes and the five roles. */
const MATRIX_OPERATIONS: Record<string, Rule> = {
  find: 'read',
  findByID: 'read',
  create: 'create',
  updateByID: 'update',
  deleteByID: 'delete',
}
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
const MATRIX_ROLES: Role[] = ['anonymous', 'staff', 'manager', 'hq', 'admin']
export const checkedByMatrix = ({
  collection,
  operation,
  scope,
  role,
}: {
  collection: string
  operation: string
  scope: Scope
  role: Role
}) =>
  MATRIX_ROLES.includes(role) && Boolean(MATRIX_SCOPES[collection]?.[MATRIX_OPERATIONS[operation]!]?.includes(scope))

/** The public has no account, and a frontend's key acts for none: neither has "own account" cells. */
const WITHOUT_ACCOUNT: Role[] = ['anonymous', 'frontend']

/** The cells of one served operation: every scope the table names × every role, less matrix.ts's and the public's own account. */
export const cellsOf = ({ api, collection, operation }: ServedOperation) =>
  Object.entries(expectedWho(collection, operation) ?? {}).flatMap(([scope, who]) =>
    ROLES.filter((role) => !(WITHOUT_ACCOUNT.includes(role) && scope === 'own account'))
      .map((role) => ({
        api,
        collection,
        operation,
        scope: scope as Scope,
        role,
        expected: rolesOf(who ?? '').includes(role),
      }))
      .filter((cell) => !checkedByMatrix(cell)),
  )
