import type { Access } from 'payload'

/** The public reads published documents only; drafts and scheduled posts stay with signed-in staff. */
export const publishedOrAuthenticated: Access = ({ req: { user } }) => {
  if (user) return true
  return { _status: { equals: 'published' } }
}
