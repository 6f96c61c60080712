import type { Endpoint } from 'payload'

import { recordAudit } from '../lib/audit'
import { inRequestLanguage } from '../lib/i18n'
import { endOtherSessions } from '../lib/sessionLifetime'

/** POST /api/users/sessions/end-others: signs the account out everywhere but in the session that asks. */
export const endOtherSessionsEndpoint: Endpoint = {
  path: '/sessions/end-others',
  method: 'post',
  handler: async (req) => {
    const user = req.user as (typeof req.user & { _sid?: string }) | null
    if (user?.collection !== 'users' || !user._sid) {
      return Response.json({ errors: [{ message: inRequestLanguage({ ja: 'ログインしてください。', en: 'Sign in first.' }, req) }] }, { status: 401 })
    }
    const ended = await endOtherSessions(req.payload, user.id, user._sid, req)
    if (ended > 0) await recordAudit(req, { event: 'sessions-ended', actor: String(user.id), subject: `users/${user.id}`, details: { ended } })
    return Response.json({ ended })
  },
}
