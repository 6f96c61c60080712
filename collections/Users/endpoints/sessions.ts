import type { Endpoint } from 'payload'

import { sessionMayAct, VERIFY_FIRST } from '../../../src/access/sessionGate'
import { recordAudit } from '../../../src/lib/audit'
import { endOtherSessions, sessionIdOf } from '../../../src/lib/auth/sessionLifetime'
import { errorAnswer } from '../../../src/endpoints/http'

const SIGN_IN_FIRST = { ja: 'ログインしてください。', en: 'Sign in first.' }

/** POST /api/users/sessions/end-others: signs the account out everywhere but in the session that asks. */
export const endOtherSessionsEndpoint: Endpoint = {
  path: '/sessions/end-others',
  method: 'post',
  handler: async (req) => {
    const user = req.user
    const sessionId = sessionIdOf(user)
    if (user?.collection !== 'users' || !sessionId) {
      return errorAnswer(req, 401, SIGN_IN_FIRST)
    }
    // Someone with the password alone must not be able to sign the owner out everywhere.
    if (!sessionMayAct(user)) return errorAnswer(req, 403, VERIFY_FIRST)
    const ended = await endOtherSessions(req.payload, user.id, sessionId, req)
    if (ended > 0)
      await recordAudit(req, {
        event: 'sessions_ended',
        actor: String(user.id),
        subject: `users/${user.id}`,
        details: { ended },
      })
    return Response.json({ ended })
  },
}

/** POST /api/users/:id/sessions/end: an admin signs a user out everywhere (a lost phone, a leaving employee). */
export const endUserSessionsEndpoint: Endpoint = {
  path: '/:id/sessions/end',
  method: 'post',
  handler: async (req) => {
    const user = req.user
    if (user?.collection !== 'users') return errorAnswer(req, 401, SIGN_IN_FIRST)
    if (user.role !== 'admin' || !sessionMayAct(user)) {
      return errorAnswer(req, 403, {
        ja: '管理者だけがほかのユーザーをログアウトさせられます。',
        en: 'Only an admin can end another user’s sessions.',
      })
    }
    const id = String(req.routeParams?.id ?? '')
    const target = await req.payload.findByID({
      collection: 'users',
      id,
      depth: 0,
      overrideAccess: true,
      disableErrors: true,
      req,
    })
    if (!target) return errorAnswer(req, 404, { ja: 'ユーザーが見つかりません。', en: 'No such user.' })
    const ended = await endOtherSessions(req.payload, id, undefined, req)
    await recordAudit(req, {
      event: 'sessions_ended',
      actor: String(user.id),
      subject: `users/${id}`,
      details: { ended, by: 'admin' },
    })
    return Response.json({ ended })
  },
}
