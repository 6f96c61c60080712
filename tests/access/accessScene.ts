/**
 * The scene of the exhaustive access test, made once: the own and the other store, a device in use, the acting users
 * of every role (signed in once, HQ and admin through their second factor, and an HQ session that still owes it),
 * and, made on first use, one document per collection and scope (again after a successful delete).
 */
import type { CollectionSlug, Payload, Where } from 'payload'

import { randomBytes } from 'node:crypto'

import type { Role, Scope } from './expectations'

import { plainTextToLexical } from '../../src/lib/lexicalText'
import { ownOtherStoresAndDevice, storeData } from '../helpers/fixtures'
import { pngImage } from '../helpers/images'
import { createFrontend, createUser } from '../helpers/payload'
import { roleAccounts } from '../helpers/roleAccounts'
import type { TestServer } from '../helpers/server'

/** `token`: a session's JWT; `authorization`: another Authorization header (a frontend's API key). */
export type Actor = {
  role: Role
  id?: string
  email?: string
  password?: string
  token?: string
  authorization?: string
}

/** A document of a scope: its ID and, where the collection keeps versions, nothing more is needed (looked up per cell). */
export type Target = { id: string; file?: string }

/** Per collection: a text field an edit can mark, and whether it keeps drafts. */
export const MARKED_FIELD: Record<string, string> = {
  articles: 'title',
  'repair-logs': 'title',
  prices: 'notes',
  campaigns: 'title',
  devices: 'model',
  media: 'alt',
  stores: 'name',
  users: 'name',
  'audit-log': 'subject',
  'webhook-deliveries': 'deliveryId',
  'payload-preferences': 'key',
  'payload-locked-documents': 'globalSlug',
  'payload-jobs': 'queue',
  'payload-kv': 'key',
}

const SIGNED_IN_ROLES = ['staff', 'manager', 'hq', 'admin'] as const

export type Scene = Awaited<ReturnType<typeof buildScene>>

export const buildScene = async (server: TestServer) => {
  const { payload } = server
  const ids = await ownOtherStoresAndDevice(payload)
  const image = await pngImage()
  const body = plainTextToLexical([['本文']])

  // HQ must use a second factor: signed in with the password alone, this session has not passed it yet.
  const pendingSession = async () => {
    const pendingHq = await createUser(payload, 'hq')
    const login = await server.request('/api/users/login', {
      method: 'POST',
      json: { email: pendingHq.email, password: pendingHq.password },
    })
    return { ...pendingHq, token: (await login.json()).token as string | undefined }
  }
  // A shop site's server: a frontend account's API key, which must get exactly what the public gets. A colleague at
  // the own store and a staff member of the other store: holders of locks and preferences, the "other account" of
  // account operations.
  const [signedIn, frontend, pendingHq, colleague, bystander] = await Promise.all([
    roleAccounts(server, ids, SIGNED_IN_ROLES),
    createFrontend(payload),
    pendingSession(),
    createUser(payload, 'staff', { stores: [ids.own] }),
    createUser(payload, 'staff', { stores: [ids.other] }),
  ])
  const actors = {
    anonymous: { role: 'anonymous' },
    frontend: { role: 'frontend', authorization: frontend.authorization },
  } as Record<Role, Actor>
  for (const role of SIGNED_IN_ROLES) {
    const { id, email, password, token } = signedIn[role]
    actors[role] = { role, id: String(id), email, password, token }
  }
  actors.pending = {
    role: 'pending',
    id: String(pendingHq.id),
    email: pendingHq.email,
    password: pendingHq.password,
    token: pendingHq.token,
  }

  // The device is in use: a published price and a published repair report point at it.
  const { slug: deviceSlug } = await payload.findByID({
    collection: 'devices',
    id: ids.device,
    depth: 0,
    overrideAccess: true,
  })
  await payload.create({
    collection: 'prices',
    data: {
      device: ids.device,
      repairMenu: 'battery',
      priceYen: 5800,
      validFrom: '2026-01-01T00:00:00+09:00',
      _status: 'published',
    },
    overrideAccess: true,
  })

  const storesOf = (scope: Scope): string[] =>
    scope === 'own store' ? [ids.own] : scope === 'other store' || scope === 'published' ? [ids.other] : []
  /** HQ's published prices and campaigns are chain-wide; published posts belong to the other store. */
  const hqStoresOf = (scope: Scope) => storesOf(scope === 'published' ? 'chain-wide' : scope)
  const unique = () => randomBytes(5).toString('hex')

  /**
   * A valid new document of `collection` for `scope`, marked with `marker`. Posts and campaigns are drafts except in
   * the published scope; prices are drafts there too except published (a published price is never edited).
   */
  const newDocument = (collection: string, scope: Scope, marker: string, role?: Role): Record<string, unknown> => {
    const [store = null] = storesOf(scope)
    const _status = scope === 'published' ? 'published' : 'draft'
    const publishedAt = '2026-04-01T10:00:00+09:00'
    switch (collection) {
      case 'articles':
        return { title: marker, slug: `a-${unique()}`, category: 'iphone_tips', publishedAt, store, body, _status }
      case 'repair-logs':
        return {
          title: marker,
          slug: `r-${unique()}`,
          publishedAt,
          store,
          device: ids.device,
          repairMenu: 'battery',
          body,
          _status,
        }
      case 'prices':
        return {
          device: ids.device,
          repairMenu: 'screen',
          priceYen: 9800,
          validFrom: '2026-04-01T00:00:00+09:00',
          store: hqStoresOf(scope)[0] ?? null,
          notes: marker,
          _status,
        }
      case 'campaigns':
        return {
          title: marker,
          slug: `c-${unique()}`,
          kind: 'free_shipping',
          startsAt: '2026-04-01T00:00:00+09:00',
          targetStores: hqStoresOf(scope),
          _status,
        }
      case 'devices':
        return { brand: 'apple', model: marker, slug: `d-${unique()}` }
      case 'media':
        return { alt: marker }
      case 'stores':
        return storeData(`s-${unique()}`, { name: marker })
      case 'users':
        return {
          email: `u-${unique()}@example.com`,
          password: randomBytes(16).toString('base64url'),
          name: marker,
          role: 'staff',
          stores: storesOf(scope),
        }
      case 'audit-log':
        return { event: 'publish', subject: marker }
      case 'webhook-deliveries':
        return {
          deliveryId: marker,
          event: 'publish',
          documentCollection: 'articles',
          documentId: marker,
          url: 'https://shop.example.jp/hook',
          attempt: 1,
        }
      case 'payload-preferences':
        return {
          key: marker,
          value: { marker },
          user: {
            relationTo: 'users',
            value: scope === 'own account' && role ? actors[role].id : String(bystander.id),
          },
        }
      case 'payload-locked-documents':
        return {
          globalSlug: marker,
          document: { relationTo: 'articles', value: lockedArticle },
          user: { relationTo: 'users', value: String(colleague.id) },
        }
      case 'payload-jobs':
        return { queue: marker, input: {} }
      case 'payload-kv':
        return { key: marker, data: { marker } }
      default:
        throw new Error(`no test document for ${collection}`)
    }
  }

  /** An own-store or other-store draft article, for document locks to hold. */
  const lockableArticle = async (scope: Scope) =>
    String(
      (
        await payload.create({
          collection: 'articles',
          data: newDocument('articles', scope, `locked ${unique()}`) as never,
          draft: true,
          overrideAccess: true,
        })
      ).id,
    )
  const lockedArticle = await lockableArticle('own store')

  const makeTarget = async (collection: string, scope: Scope, role: Role): Promise<Target> => {
    const marker = `${collection} ${scope} ${unique()}`
    const create = async (data: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      String(
        (
          await payload.create({
            collection: collection as CollectionSlug,
            data: data as never,
            overrideAccess: true,
            ...extra,
          })
        ).id,
      )
    switch (collection) {
      case 'devices':
        return { id: scope === 'in use' ? ids.device : await create(newDocument(collection, scope, marker)) }
      case 'stores':
        if (scope === 'own store') return { id: ids.own }
        if (scope === 'other store') return { id: ids.other }
        return { id: await create(newDocument(collection, scope, marker)) }
      case 'users':
        if (scope === 'own account') return { id: actors[role].id! }
        if (scope === 'other account') return { id: String(bystander.id) }
        return { id: String((await createUser(payload, 'staff', { stores: storesOf(scope) })).id) }
      case 'media': {
        const doc = await payload.create({
          collection: 'media',
          data: { alt: marker },
          file: { data: image, mimetype: 'image/png', name: 'target.png', size: image.length },
          overrideAccess: true,
        })
        return { id: String(doc.id), file: String(doc.filename) }
      }
      case 'payload-preferences': {
        // Payload's own preference writes go to the database directly: its user field's hook takes the request's user.
        const user = scope === 'own account' ? actors[role].id : String(bystander.id)
        const row = await payload.db.create({
          collection: 'payload-preferences',
          data: { key: marker, value: { marker }, user: { relationTo: 'users', value: user } },
          req: {},
        })
        return { id: String(row.id) }
      }
      case 'payload-locked-documents': {
        const holder = scope === 'own store' ? colleague.id : bystander.id
        return {
          id: await create({
            document: { relationTo: 'articles', value: await lockableArticle(scope) },
            user: { relationTo: 'users', value: holder },
          }),
        }
      }
      case 'articles':
      case 'repair-logs':
      case 'prices':
      case 'campaigns': {
        const data = newDocument(collection, scope, marker)
        return { id: await create(data, { draft: data._status === 'draft' }) }
      }
      default:
        return { id: await create(newDocument(collection, scope, marker)) }
    }
  }

  /** Targets by collection, scope and (for "own account") role; a consumed one (deleted) is made anew on next use. */
  const targets = new Map<string, Promise<Target>>()
  const keyOf = (collection: string, scope: Scope, role: Role, purpose: 'keep' | 'consume') =>
    `${collection}|${scope}|${scope === 'own account' ? role : ''}|${purpose}`
  const target = (
    collection: string,
    scope: Scope,
    role: Role,
    purpose: 'keep' | 'consume' = 'keep',
  ): Promise<Target> => {
    const key = keyOf(collection, scope, role, purpose)
    if (!targets.has(key)) targets.set(key, makeTarget(collection, scope, role))
    return targets.get(key)!
  }
  const consumed = (collection: string, scope: Scope, role: Role) =>
    targets.delete(keyOf(collection, scope, role, 'consume'))

  // The chain's site settings as the seed leaves them filled: a read of the global has something to give.
  await payload.updateGlobal({
    slug: 'site-settings',
    data: { siteName: 'スマホスピタル', shortName: 'スマホスピタル' },
    overrideAccess: true,
  })

  return {
    ids,
    image,
    deviceSlug: String(deviceSlug),
    actors,
    colleague,
    bystander,
    newDocument,
    target,
    consumed,
    lockableArticle,
    payload,
  }
}

/** The marked field of a document as stored (the newest draft where there are drafts); undefined once it is gone. */
export const storedMark = async (payload: Payload, collection: string, id: string): Promise<unknown> => {
  const config = payload.collections[collection as CollectionSlug]?.config
  const field = MARKED_FIELD[collection]!
  const doc = (await payload.findByID({
    collection: collection as CollectionSlug,
    id,
    draft: Boolean(config?.versions && (config.versions as { drafts?: unknown }).drafts),
    depth: 0,
    select: { [field]: true },
    overrideAccess: true,
    disableErrors: true,
  })) as Record<string, unknown> | null
  return doc ? (doc[field] ?? null) : undefined
}

/** Whether a document is still stored. */
export const stillStored = async (payload: Payload, collection: string, id: string): Promise<boolean> =>
  (
    await payload.count({
      collection: collection as CollectionSlug,
      where: { id: { equals: id } },
      overrideAccess: true,
    })
  ).totalDocs > 0

/** The newest version of a document, or its newest published one (null without versions). */
export const newestVersion = async (
  payload: Payload,
  collection: string,
  parent: string,
  published = false,
): Promise<string | null> => {
  const where: Where = published
    ? { and: [{ parent: { equals: parent } }, { 'version._status': { equals: 'published' } }] }
    : { parent: { equals: parent } }
  const { docs } = await payload.findVersions({
    collection: collection as CollectionSlug,
    where,
    sort: '-updatedAt',
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  return docs[0] ? String(docs[0].id) : null
}

export { SIGNED_IN_ROLES }
