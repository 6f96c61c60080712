import type { Where } from 'payload'

import { relationId, type RelationValue } from './relations'

/** What choosing and ordering a store's campaigns reads of a campaign. */
export type CampaignForSelection = {
  id: string
  startsAt: string
  priority?: number | null
  targetStores?: RelationValue[] | null
}

/** Published campaigns running at the instant: started at or before it and not yet ended (the end is exclusive). */
export const runningCampaignsWhere = (at: Date): Where => ({
  and: [
    { _status: { equals: 'published' } },
    { startsAt: { less_than_equal: at.toISOString() } },
    { or: [{ endsAt: { exists: false } }, { endsAt: { greater_than: at.toISOString() } }] },
  ],
})

/**
 * No target stores means every store. Decided here rather than in the query: an emptied hasMany
 * relationship is [] on MongoDB but no rows on SQL, and `exists: false` matches only the latter.
 */
export const isTargetedAt = (campaign: CampaignForSelection, storeId: string): boolean =>
  !campaign.targetStores?.length || campaign.targetStores.some((store) => relationId(store) === storeId)

/** Higher priority first, then the earlier start; the ID keeps campaigns equal on both in a stable order. */
export const byDisplayOrder = (a: CampaignForSelection, b: CampaignForSelection): number =>
  (b.priority ?? 0) - (a.priority ?? 0) || Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.id.localeCompare(b.id)

/** Of the running campaigns, those a store shows, in the order it shows them. */
export const campaignsForStore = <T extends CampaignForSelection>(running: T[], storeId: string): T[] =>
  running.filter((campaign) => isTargetedAt(campaign, storeId)).sort(byDisplayOrder)
