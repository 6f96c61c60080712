import type { RequestContext } from 'payload'

/**
 * Context flag of the system's own writes to an account (second-factor state, ended sessions): the account hooks
 * neither audit nor notify them as a person's change, and do not run again for them.
 */
export const ACCOUNT_HOUSEKEEPING = 'accountHousekeeping'

export const isHousekeeping = (context: RequestContext | undefined): boolean => Boolean(context?.[ACCOUNT_HOUSEKEEPING])
