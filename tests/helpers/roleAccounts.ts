import { type SignedInUser, signedInUser } from './fixtures'
import type { TestServer } from './server'

export type RoleAccount = 'staff' | 'manager' | 'otherStaff' | 'hq' | 'admin'

/** Who a file's tests act as: staff and a manager of the own store, staff of the other store, HQ and an admin (no store). */
const ROLE_ACCOUNTS: Record<RoleAccount, { role: Parameters<typeof signedInUser>[1]; store?: 'own' | 'other' }> = {
  staff: { role: 'staff', store: 'own' },
  manager: { role: 'manager', store: 'own' },
  otherStaff: { role: 'staff', store: 'other' },
  hq: { role: 'hq' },
  admin: { role: 'admin' },
}

/**
 * The named accounts of ROLE_ACCOUNTS, signed in (HQ and admin through their second factor), for a file to share
 * in its tests; a test that changes an account (its password, role, sessions) makes its own. They are made side by
 * side: each costs two password hashes (creation and sign-in), which run on Node's thread pool, not one by one.
 */
export const roleAccounts = async <Name extends RoleAccount>(
  server: TestServer,
  stores: { own: string; other?: string },
  names: readonly Name[],
): Promise<Record<Name, SignedInUser>> => {
  const storesOf = (name: RoleAccount): string[] => {
    const { store } = ROLE_ACCOUNTS[name]
    if (!store) return []
    const id = stores[store]
    if (!id) throw new Error(`${name} belongs to the ${store} store, which was not given`)
    return [id]
  }
  const accounts = await Promise.all(
    names.map((name) => signedInUser(server, ROLE_ACCOUNTS[name].role, storesOf(name))),
  )
  return Object.fromEntries(names.map((name, index) => [name, accounts[index]])) as Record<Name, SignedInUser>
}
