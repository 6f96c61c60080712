import type { CollectionConfig } from 'payload'

/** Drafts, history and scheduled publishing for everything staff write. */
export const draftsWithHistory: CollectionConfig['versions'] = {
  drafts: { autosave: false, schedulePublish: true },
  maxPerDoc: 50,
}
