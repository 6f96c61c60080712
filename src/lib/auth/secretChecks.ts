import { APIError, type PayloadRequest } from 'payload'

import { countSignInRefusal } from '../metrics'
import { clientAddress } from '../clientAddress'
import { type Bilingual, inRequestLanguage } from '../i18n'
import { currentSignInBudget, type SecretCheck } from './signInBudget'
import { auditThrottling } from './throttleAudit'

export const TOO_MANY_ATTEMPTS: Bilingual = {
  ja: '試行回数が多すぎます。しばらくしてから再度お試しください。',
  en: 'Too many attempts. Please retry later.',
}

/** A check refused because its account or client address is over the sign-in budget: 429, with Retry-After. */
export class TooManyAttempts extends APIError {
  constructor(
    req: PayloadRequest,
    readonly retryAfterSeconds: number,
  ) {
    super(inRequestLanguage(TOO_MANY_ATTEMPTS, req), 429)
  }
}

/** Whose secret a check tests (a normalised e-mail address), and how the audit log names it. */
export type CheckedAccount = { account?: string; subject?: string; actor?: null | string }

/**
 * Charges one check of a secret, made for this request, to the sign-in budget before the secret is looked at.
 * Over budget it throws TooManyAttempts, right secret or wrong, after auditing the client (once per block).
 */
export const chargeSecretCheck = async (
  req: PayloadRequest,
  check: SecretCheck,
  { account, subject, actor }: CheckedAccount = {},
): Promise<void> => {
  const address = clientAddress(req)
  const waitSeconds = await currentSignInBudget().charge(check, { account, address })
  if (waitSeconds === null) return
  countSignInRefusal(check)
  await auditThrottling(req, {
    check,
    subject: subject ?? account ?? address ?? 'unknown',
    actor,
    accounts: account ? [account] : [],
  })
  throw new TooManyAttempts(req, waitSeconds)
}

/** The check charged for this request succeeded: the budget takes it back (see SignInBudget.succeeded). */
export const secretCheckSucceeded = (req: PayloadRequest, check: SecretCheck, account?: string): Promise<void> =>
  currentSignInBudget().succeeded(check, { account, address: clientAddress(req) })
