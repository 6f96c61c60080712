import type { PayloadRequest } from 'payload'

import { sessionMayAct } from './sessionGate'

const actingUser = (req: PayloadRequest) => (req.user && sessionMayAct(req.user) ? req.user : null)

/**
 * Who may use Payload's job queue over the API. Staff queue and cancel scheduled publishing from the admin; running
 * due jobs by hand (/api/payload-jobs/run) is an admin's, since every instance runs them on its own schedule.
 */
export const jobsAccess = {
  queue: ({ req }: { req: PayloadRequest }) => Boolean(actingUser(req)),
  cancel: ({ req }: { req: PayloadRequest }) => Boolean(actingUser(req)),
  run: ({ req }: { req: PayloadRequest }) => actingUser(req)?.role === 'admin',
}
