import type { PayloadRequest } from 'payload'

import type { SecretCheck } from './signInBudget'

import { recordAudit } from '../audit'
import { clientAddress } from '../clientAddress'
import { currentSignInBudget } from './signInBudget'

export type ThrottledCheck = { check: SecretCheck; subject: string; actor?: null | string; accounts: string[] }

/**
 * Records a throttled client in the audit log: once per address per block, not once per refused request, so an
 * attacker hammering the login cannot flood the log. Written outside the request's transaction, which the refusal
 * rolls back.
 */
export const auditThrottling = async (
  req: PayloadRequest,
  { check, subject, actor, accounts }: ThrottledCheck,
): Promise<void> => {
  if (!(await currentSignInBudget().firstRefusalInBlock(clientAddress(req) ?? subject))) return
  await recordAudit(
    req,
    { event: 'throttled', actor, subject, details: { route: check, accounts } },
    { outsideTransaction: true },
  )
}
