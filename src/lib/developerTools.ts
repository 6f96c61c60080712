import type { CollectionConfig, PayloadRequest } from 'payload'

import { actsForWholeChain } from './rights'

/**
 * The admin's tools for people who look behind a document (its API view, its raw JSON) or overrule a colleague
 * (taking over a document someone is editing): HQ and admin keep them; staff and managers, who write their store's
 * posts, do not see them, so the screens they use every day hold only what they use.
 */
export const mayUseDeveloperTools = (user: PayloadRequest['user'] | undefined | null): boolean =>
  actsForWholeChain(user)

/**
 * The document's API tab, shown only to those who may use it (Payload's tab condition). The view behind it is
 * refused to everyone else before Next.js renders it (src/server/developerViews.ts): hiding a tab closes no route.
 */
export const apiTabForChainOnly = <T extends CollectionConfig>(collection: T): T => {
  const views = collection.admin?.components?.views
  const api = views?.edit?.api
  return {
    ...collection,
    admin: {
      ...collection.admin,
      components: {
        ...collection.admin?.components,
        views: {
          ...views,
          edit: {
            ...views?.edit,
            api: { ...api, tab: { ...api?.tab, condition: ({ req }) => mayUseDeveloperTools(req.user) } },
          },
        },
      },
    },
  }
}
