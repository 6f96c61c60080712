import type { CollectionSlug } from 'payload'

import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { plainTextToLexical } from '../../src/lib/lexicalText'
import { relationIds } from '../../src/lib/relations'
import { ownOtherStoresAndDevice, storeData } from '../helpers/fixtures'
import { pngImage } from '../helpers/images'
import { createUser } from '../helpers/payload'
import { startServer, type TestServer } from '../helpers/server'
import { type Api, type ApiClient, apiClient, COLLECTIONS } from './apiClient'

const ROLES = ['anonymous', 'staff', 'manager', 'hq', 'admin'] as const
type Role = (typeof ROLES)[number]
type Operation = 'read' | 'create' | 'update' | 'delete'
/** Whose document the operation is on, seen from the acting user (staff and manager work at the own store). */
type Scope = 'own store' | 'other store' | 'chain-wide' | 'new store' | 'own account'
type Answer = 'yes' | 'no' | 'n/a'
type Row = [CollectionSlug, Operation, Scope, Answer, Answer, Answer, Answer, Answer]

const yes = 'yes'
const no = 'no'
/** Anonymous has no account of its own. */
const na = 'n/a'

/**
 * Who may do what, one line of the spec per row. "read" is of a document the public cannot see (a draft where
 * the collection has drafts), by ID and in the list; "chain-wide" is a price or campaign with no store, or a
 * collection that belongs to no store; for users, "own store" is a staff member of the own store.
 */
const MATRIX: Row[] = [
  //  collection      operation  document of     anonymous staff manager hq   admin
  ['articles', 'read', 'own store', no, yes, yes, yes, yes],
  ['articles', 'read', 'other store', no, no, no, yes, yes],
  ['articles', 'create', 'own store', no, yes, yes, yes, yes],
  ['articles', 'create', 'other store', no, no, no, yes, yes],
  ['articles', 'update', 'own store', no, yes, yes, yes, yes],
  ['articles', 'update', 'other store', no, no, no, yes, yes],
  ['articles', 'delete', 'own store', no, yes, yes, yes, yes],
  ['articles', 'delete', 'other store', no, no, no, yes, yes],

  ['repair-logs', 'read', 'own store', no, yes, yes, yes, yes],
  ['repair-logs', 'read', 'other store', no, no, no, yes, yes],
  ['repair-logs', 'create', 'own store', no, yes, yes, yes, yes],
  ['repair-logs', 'create', 'other store', no, no, no, yes, yes],
  ['repair-logs', 'update', 'own store', no, yes, yes, yes, yes],
  ['repair-logs', 'update', 'other store', no, no, no, yes, yes],
  ['repair-logs', 'delete', 'own store', no, yes, yes, yes, yes],
  ['repair-logs', 'delete', 'other store', no, no, no, yes, yes],

  ['prices', 'read', 'own store', no, yes, yes, yes, yes],
  ['prices', 'read', 'other store', no, no, no, yes, yes],
  ['prices', 'read', 'chain-wide', no, no, no, yes, yes],
  ['prices', 'create', 'own store', no, no, yes, yes, yes],
  ['prices', 'create', 'other store', no, no, no, yes, yes],
  ['prices', 'create', 'chain-wide', no, no, no, yes, yes],
  ['prices', 'update', 'own store', no, no, yes, yes, yes],
  ['prices', 'update', 'other store', no, no, no, yes, yes],
  ['prices', 'update', 'chain-wide', no, no, no, yes, yes],
  ['prices', 'delete', 'own store', no, no, yes, yes, yes],
  ['prices', 'delete', 'other store', no, no, no, yes, yes],
  ['prices', 'delete', 'chain-wide', no, no, no, yes, yes],

  ['campaigns', 'read', 'own store', no, yes, yes, yes, yes],
  ['campaigns', 'read', 'other store', no, no, no, yes, yes],
  ['campaigns', 'read', 'chain-wide', no, no, no, yes, yes],
  ['campaigns', 'create', 'own store', no, no, no, yes, yes],
  ['campaigns', 'create', 'other store', no, no, no, yes, yes],
  ['campaigns', 'create', 'chain-wide', no, no, no, yes, yes],
  ['campaigns', 'update', 'own store', no, no, no, yes, yes],
  ['campaigns', 'update', 'other store', no, no, no, yes, yes],
  ['campaigns', 'update', 'chain-wide', no, no, no, yes, yes],
  ['campaigns', 'delete', 'own store', no, no, no, yes, yes],
  ['campaigns', 'delete', 'other store', no, no, no, yes, yes],
  ['campaigns', 'delete', 'chain-wide', no, no, no, yes, yes],

  ['devices', 'read', 'chain-wide', yes, yes, yes, yes, yes],
  ['devices', 'create', 'chain-wide', no, no, no, yes, yes],
  ['devices', 'update', 'chain-wide', no, no, no, yes, yes],
  ['devices', 'delete', 'chain-wide', no, no, no, yes, yes],

  ['media', 'read', 'chain-wide', yes, yes, yes, yes, yes],
  ['media', 'create', 'chain-wide', no, yes, yes, yes, yes],
  ['media', 'update', 'chain-wide', no, no, no, yes, yes],
  ['media', 'delete', 'chain-wide', no, no, no, yes, yes],

  ['stores', 'read', 'own store', yes, yes, yes, yes, yes],
  ['stores', 'read', 'other store', yes, yes, yes, yes, yes],
  ['stores', 'create', 'new store', no, no, no, no, yes],
  ['stores', 'update', 'own store', no, no, yes, yes, yes],
  ['stores', 'update', 'other store', no, no, no, yes, yes],
  ['stores', 'delete', 'own store', no, no, no, no, yes],
  ['stores', 'delete', 'other store', no, no, no, no, yes],

  ['users', 'read', 'own account', na, yes, yes, yes, yes],
  ['users', 'read', 'own store', no, no, yes, yes, yes],
  ['users', 'read', 'other store', no, no, no, yes, yes],
  ['users', 'create', 'own store', no, no, yes, no, yes],
  ['users', 'create', 'other store', no, no, no, no, yes],
  ['users', 'update', 'own account', na, yes, yes, yes, yes],
  ['users', 'update', 'own store', no, no, yes, no, yes],
  ['users', 'update', 'other store', no, no, no, no, yes],
  ['users', 'delete', 'own store', no, no, no, no, yes],
  ['users', 'delete', 'other store', no, no, no, no, yes],
]

/** The cells the matrix asserts on each API (rows × roles, less the n/a ones). */
export const CELL_COUNT = MATRIX.flatMap(([, , , ...answers]) => answers).filter((answer) => answer !== na).length

/** Runs every cell of the matrix over one API against a fresh server. */
export const accessMatrix = (api: Api) => {
  let server: TestServer
  const ids = { own: '', other: '', device: '' }
  const users = {} as Record<Exclude<Role, 'anonymous'>, { id: string; token: string }>
  let image: Buffer
  let call: ApiClient

  beforeAll(async () => {
    server = await startServer()
    Object.assign(ids, await ownOtherStoresAndDevice(server.payload))
    image = await pngImage()
    call = apiClient(server, api, image)
    // Staff and manager work at the own store; HQ and admin belong to no store, so their rights come from the role alone.
    for (const role of ['staff', 'manager', 'hq', 'admin'] as const) {
      const user = await createUser(server.payload, role, {
        stores: role === 'staff' || role === 'manager' ? [ids.own] : [],
      })
      users[role] = { id: user.id, token: await server.login(user.email, user.password) }
    }
  })
  afterAll(async () => {
    await server?.stop()
  })

  const storesOf = (scope: Scope): string[] =>
    scope === 'own store' ? [ids.own] : scope === 'other store' ? [ids.other] : []

  /**
   * A valid new document of `collection` for `scope`, its text field set to `marker`. Fields with a default
   * are given too: GraphQL input types require what the collection requires.
   */
  const newDocument = (collection: CollectionSlug, scope: Scope, marker: string): Record<string, unknown> => {
    const [store = null] = storesOf(scope)
    const body = plainTextToLexical([['本文']])
    const publishedAt = '2026-04-01T10:00:00+09:00'
    switch (collection) {
      case 'articles':
        return { title: marker, category: 'iphone_tips', publishedAt, store, body, _status: 'published' }
      case 'repair-logs':
        return {
          title: marker,
          publishedAt,
          store,
          device: ids.device,
          repairMenu: 'battery',
          body,
          _status: 'published',
        }
      case 'prices':
        // A draft: a published price is evidence and is never edited or deleted (publishedPricesAreEvidence).
        return {
          device: ids.device,
          repairMenu: 'screen',
          priceYen: 9800,
          validFrom: '2026-04-01T00:00:00+09:00',
          store,
          notes: marker,
          _status: 'draft',
        }
      case 'campaigns':
        return {
          title: marker,
          kind: 'free_shipping',
          startsAt: '2026-04-01T00:00:00+09:00',
          targetStores: storesOf(scope),
          _status: 'published',
        }
      case 'devices':
        return { brand: 'apple', model: marker }
      case 'media':
        return { alt: marker }
      case 'stores':
        return storeData(marker, { slug: undefined })
      case 'users':
        return {
          email: `user-${randomBytes(6).toString('hex')}@example.com`,
          password: randomBytes(16).toString('base64url'),
          name: marker,
          role: 'staff',
          stores: storesOf(scope),
        }
      default:
        throw new Error(`no test document for ${collection}`)
    }
  }

  /** Targets of read, update and delete, made once per collection and scope (again after a successful delete). */
  const targets = new Map<string, string>()
  const targetOf = async (
    collection: CollectionSlug,
    scope: Scope,
    operation: Operation,
    role: Role,
  ): Promise<string> => {
    if (scope === 'own account') return users[role as Exclude<Role, 'anonymous'>].id
    if (collection === 'stores' && operation !== 'delete') return scope === 'own store' ? ids.own : ids.other
    const key = `${collection} ${scope} ${operation === 'delete' ? 'to delete' : 'to keep'}`
    const existing = targets.get(key)
    if (existing) return existing
    const id = await makeTarget(collection, scope, key)
    targets.set(key, id)
    return id
  }

  const makeTarget = async (collection: CollectionSlug, scope: Scope, name: string): Promise<string> => {
    const { payload } = server
    if (collection === 'users') return (await createUser(payload, 'staff', { stores: storesOf(scope) })).id
    const data = newDocument(collection, scope, name)
    if (collection === 'media') {
      return (
        await payload.create({
          collection,
          data: data as never,
          file: { data: image, mimetype: 'image/png', name: 'target.png', size: image.length },
          overrideAccess: true,
        })
      ).id
    }
    if (collection === 'stores') {
      // A store to delete; "own" means the staff and manager work there too.
      const store = await payload.create({ collection, data: data as never, overrideAccess: true })
      if (scope === 'own store') {
        for (const role of ['staff', 'manager'] as const) {
          await payload.update({
            collection: 'users',
            id: users[role].id,
            data: { stores: [ids.own, store.id] },
            overrideAccess: true,
          })
        }
      }
      return store.id
    }
    const draft = COLLECTIONS[collection].drafts
    return (
      await payload.create({
        collection,
        data: { ...data, ...(draft ? { _status: 'draft' } : {}) } as never,
        draft,
        overrideAccess: true,
      })
    ).id
  }

  /** The document as stored now (the newest draft where there are drafts), or null once deleted. */
  const stored = (collection: CollectionSlug, id: string) =>
    server.payload.findByID({
      collection,
      id,
      draft: true,
      depth: 0,
      overrideAccess: true,
      disableErrors: true,
    }) as Promise<Record<string, unknown> | null>

  const storedByMarker = async (collection: CollectionSlug, marker: string) => {
    const { docs } = await server.payload.find({
      collection,
      where: { [COLLECTIONS[collection].text]: { equals: marker } },
      depth: 0,
      overrideAccess: true,
    })
    return docs as unknown as Array<Record<string, unknown>>
  }

  // ---- one cell: act, then check the answer and the database ----

  const assertCell = async (
    collection: CollectionSlug,
    operation: Operation,
    scope: Scope,
    role: Role,
    allowed: boolean,
  ) => {
    const token = role === 'anonymous' ? undefined : users[role].token
    const marker = `${collection} ${operation} ${scope} by ${role} via ${api}`
    const what = `${role} ${operation} ${collection} (${scope}) via ${api}`

    if (operation === 'create') {
      const before = await storedByMarker(collection, marker)
      expect(before, what).toHaveLength(0)
      const outcome = await call.create(collection, newDocument(collection, scope, marker), token)
      const after = await storedByMarker(collection, marker)
      if (collection === 'media' && api === 'GraphQL') {
        // GraphQL carries no file: an allowed upload gets past access and stops at the missing file (400).
        expect(outcome.status, `${what}: ${outcome.message}`).toBe(allowed ? 400 : 403)
        expect(after, what).toHaveLength(0)
        return
      }
      if (!allowed) {
        expect(outcome.status, `${what}: ${outcome.message}`).toBe(403)
        expect(after, what).toHaveLength(0)
        return
      }
      expect(outcome.status, `${what}: ${outcome.message}`).toBe(api === 'REST' ? 201 : 200)
      expect(
        after.map((doc) => doc.id),
        what,
      ).toEqual([outcome.id])
      const storesField = COLLECTIONS[collection].stores
      if (storesField) expect(relationIds([after[0][storesField]].flat()), what).toEqual(storesOf(scope))
      return
    }

    const id = await targetOf(collection, scope, operation, role)

    if (operation === 'read') {
      const result = await call.read(collection, id, token)
      if (allowed) {
        expect({ status: result.status, found: result.found, listed: result.listed }, what).toEqual({
          status: 200,
          found: true,
          listed: true,
        })
      } else {
        expect([403, 404], what).toContain(result.status)
        expect({ found: result.found, listed: result.listed }, what).toEqual({ found: false, listed: false })
      }
      return
    }

    if (operation === 'update') {
      const { text } = COLLECTIONS[collection]
      const outcome = await call.update(collection, id, { [text]: marker }, token)
      expect(outcome.status, `${what}: ${outcome.message}`).toBe(allowed ? 200 : 403)
      expect((await stored(collection, id))?.[text] === marker, what).toBe(allowed)
      return
    }

    // Nothing that is pointed at is deleted (src/hooks/refuseDeletingReferenced.ts): the staff and manager, whose
    // cells needed the "own" store to delete as theirs, leave it before the admin deletes it.
    if (allowed && collection === 'stores') {
      for (const member of ['staff', 'manager'] as const) {
        await server.payload.update({
          collection: 'users',
          id: users[member].id,
          data: { stores: [ids.own] },
          overrideAccess: true,
        })
      }
    }
    const outcome = await call.delete(collection, id, token)
    expect(outcome.status, `${what}: ${outcome.message}`).toBe(allowed ? 200 : 403)
    expect(await stored(collection, id), what).toEqual(allowed ? null : expect.objectContaining({ id }))
    if (allowed) targets.delete(`${collection} ${scope} to delete`)
  }

  describe(`who may do what over ${api} (${CELL_COUNT} cells)`, () => {
    describe.each(MATRIX.map((row) => ({ row, line: `${row[0]}: ${row[1]}, ${row[2]}` })))('$line', ({ row }) => {
      const [collection, operation, scope, ...answers] = row
      const cells = ROLES.map((role, index) => ({ role, answer: answers[index] })).filter(({ answer }) => answer !== na)
      it.each(cells)('$role: $answer', ({ role, answer }) =>
        assertCell(collection, operation, scope, role, answer === yes),
      )
    })
  })
}
