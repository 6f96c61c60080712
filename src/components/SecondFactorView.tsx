import type { AdminViewServerProps } from 'payload'

import { secondFactorStatus } from '../lib/auth/secondFactor'
import { sessionTooOld } from '../lib/auth/sessionLifetime'
import { languageOf } from '../lib/i18n'
import { SecondFactorForm } from './SecondFactorForm'

/** Where to go once verified: the admin page first asked for (Payload passes it in full), never another site. */
const safeRedirect = (value: unknown, adminRoute: string): string =>
  typeof value === 'string' && value.startsWith(`${adminRoute}/`) && !value.includes('//') && !value.includes('\\')
    ? value
    : adminRoute

/**
 * The admin's page for a session that may not act yet (Payload's "unauthorized" route, moved to /second-factor):
 * admin and HQ enrol an authenticator app here, and everyone with a second factor passes it after signing in.
 */
export const SecondFactorView = ({ initPageResult, searchParams }: AdminViewServerProps) => {
  const { req } = initPageResult
  const adminRoute = req.payload.config.routes.admin
  const user = req.user
  const language = languageOf(req.i18n.language)
  const state = !user ? 'signed-out' : sessionTooOld(user) ? 'too-old' : secondFactorStatus(user)
  return (
    <SecondFactorForm
      state={state}
      language={language}
      email={user?.email ?? ''}
      apiRoute={`${req.payload.config.routes.api}/users`}
      adminRoute={adminRoute}
      continueTo={safeRedirect(searchParams?.redirect, adminRoute)}
    />
  )
}
