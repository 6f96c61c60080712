import type { FieldHook, GroupField, PayloadRequest } from 'payload'

import { label } from '../lib/i18n'
import { relationId } from '../lib/relations'

type StoreProfile = { slug?: string | null; name: string; shortName?: string | null }
type AuthorProfile = { name: string | null; store: { slug: string | null; name: string } | null }

/**
 * What one request has read already: a list of 20 posts by 3 writers of one store reads 3 accounts and 1 store, not
 * 20 of each. By the request object (each GraphQL resolver has its own; req.context is no key: every Local API call
 * made with the request replaces it).
 */
const readsByRequest = new WeakMap<PayloadRequest, Map<string, Promise<unknown>>>()
const oncePerRequest = <T>(req: PayloadRequest, key: string, read: () => Promise<T>): Promise<T> => {
  const reads = readsByRequest.get(req) ?? new Map<string, Promise<unknown>>()
  readsByRequest.set(req, reads)
  if (!reads.has(key)) reads.set(key, read())
  return reads.get(key) as Promise<T>
}

// No `depth` in these reads: the Local API would write it into the request's query, which the read under way keeps.
/** The account's public name alone: the public may read no account, so access is overridden for this one field. */
const publicNameOf = (req: PayloadRequest, userId: string) =>
  oncePerRequest(req, `users:${userId}`, async () => {
    const user = await req.payload.findByID({
      collection: 'users',
      id: userId,
      select: { publicName: true },
      overrideAccess: true,
      disableErrors: true,
      req,
    })
    return user?.publicName?.trim() || null
  })

const storeOf = (req: PayloadRequest, store: unknown): Promise<StoreProfile | null> => {
  if (
    typeof store === 'object' &&
    store !== null &&
    typeof (store as StoreProfile).slug === 'string' &&
    'shortName' in store
  )
    return Promise.resolve(store as StoreProfile)
  const storeId = relationId(store)
  if (!storeId) return Promise.resolve(null)
  return oncePerRequest(req, `stores:${storeId}`, async () => {
    const found = await req.payload.findByID({
      collection: 'stores',
      id: storeId,
      select: { slug: true, name: true, shortName: true },
      overrideAccess: true,
      disableErrors: true,
      req,
    })
    return found ? { slug: found.slug, name: found.name, shortName: found.shortName } : null
  })
}

/**
 * The writer as the public may see them: the public name, else the store's short name, else its name. Payload runs
 * the read of each field in order, each up to its first await; this one comes before `author` and takes its ID
 * before anything awaits, so the public's copy of the post still had it (its field access then removes it).
 */
const profileOf: FieldHook = async ({ siblingData, req }): Promise<AuthorProfile> => {
  const authorId = relationId(siblingData?.author)
  const [publicName, store] = await Promise.all([
    authorId ? publicNameOf(req, authorId) : null,
    storeOf(req, siblingData?.store),
  ])
  return {
    name: publicName || store?.shortName?.trim() || store?.name || null,
    store: store ? { slug: store.slug ?? null, name: store.name } : null,
  }
}

/** The fields a profile is made of: what a read that selects only `authorProfile` must read too. */
export const AUTHOR_PROFILE_SOURCES = ['author', 'store']

/**
 * The author of a post as the public sees them, read-only and never stored: the account's public name (表示名) or
 * the store's, and the store the post belongs to. Never the account's name, e-mail, role or ID: `author` stays an
 * ID the public cannot resolve. Not shown in the admin, where `author` names the account.
 */
export const authorProfileField = (): GroupField => ({
  name: 'authorProfile',
  type: 'group',
  virtual: true,
  label: label('公開される書き手', 'Author profile'),
  access: { create: () => false, update: () => false },
  admin: { disabled: true },
  hooks: { afterRead: [profileOf] },
  // Each field below is virtual too: Payload refuses a query on a virtual field (400), but took one on a stored-looking
  // field inside a virtual group to the database, which has no such column (500).
  fields: [
    { name: 'name', type: 'text', virtual: true, label: label('表示名', 'Public name') },
    {
      name: 'store',
      type: 'group',
      virtual: true,
      label: label('店舗', 'Store'),
      fields: [
        { name: 'slug', type: 'text', virtual: true, label: label('スラッグ', 'Slug') },
        { name: 'name', type: 'text', virtual: true, label: label('店舗名', 'Store name') },
      ],
    },
  ],
})
