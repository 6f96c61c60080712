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
