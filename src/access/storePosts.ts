import type { CollectionConfig } from 'payload'

import { authenticated } from './authenticated'
import { ownStoresOrHq } from './ownStoresOrHq'
import { publishedOrOwnStores } from './publishedOrOwnStores'
import { versionsLikeRead } from './versionsLikeRead'

/**
 * Articles and repair reports: the public reads what is published, staff and managers write their own
 * stores' posts (the store field's hook refuses a foreign store on create), HQ and admin everything.
 */
export const storePostsAccess: CollectionConfig['access'] = {
  read: publishedOrOwnStores('store'),
  readVersions: versionsLikeRead(publishedOrOwnStores('store')),
  create: authenticated,
  update: ownStoresOrHq('store'),
  delete: ownStoresOrHq('store'),
}
