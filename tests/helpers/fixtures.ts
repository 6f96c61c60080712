import type { Payload } from 'payload'

import type { TestServer } from './server'

import { createUser } from './payload'

/** A valid store in Tokyo named after `slug`; tests override only what they are about. */
export const storeData = (slug: string, overrides: Record<string, unknown> = {}) => ({
  name: slug,
  slug,
  status: 'open' as const,
  postalCode: '100-0001',
  prefecture: 'tokyo' as const,
  city: '千代田区',
  addressLine: '千代田1-1',
  phone: '03-1234-5678',
  ...overrides,
})

export type SignedInUser = Awaited<ReturnType<typeof createUser>> & { token: string }

/** A user of `role` belonging to `stores`, signed in over REST. */
export const signedInUser = async (
  server: TestServer,
  role: 'admin' | 'hq' | 'manager' | 'staff',
  stores: string[] = [],
): Promise<SignedInUser> => {
  const user = await createUser(server.payload, role, { stores })
  return { ...user, token: await server.login(user.email, user.password) }
}

/** Stores named by slug (slug → display name), created in order; answers slug → id. */
export const createStores = async (
  payload: Payload,
  names: Record<string, string>,
): Promise<Record<string, string>> => {
  const ids: Record<string, string> = {}
  for (const [slug, name] of Object.entries(names)) {
    ids[slug] = (
      await payload.create({ collection: 'stores', data: storeData(slug, { name }), overrideAccess: true })
    ).id
  }
  return ids
}

/** The scene of the access tests: the user's own store, another store, and a device to write about. */
export const ownOtherStoresAndDevice = async (payload: Payload) => {
  const [{ own, other }, device] = await Promise.all([
    createStores(payload, { own: 'own', other: 'other' }),
    payload.create({ collection: 'devices', data: { brand: 'apple', model: 'iPhone 8' }, overrideAccess: true }),
  ])
  return { own, other, device: device.id }
}
