import type { PayloadRequest, RequestContext } from 'payload'

/**
 * Context flag of the system's own writes to an account (second-factor state, ended sessions): the account hooks
 * neither audit nor notify them as a person's change, and do not run again for them.
 */
const ACCOUNT_HOUSEKEEPING = 'accountHousekeeping'

export const isHousekeeping = (context: RequestContext | undefined): boolean => Boolean(context?.[ACCOUNT_HOUSEKEEPING])

/**
 * Runs a system write to an account, given the context to pass to the Local API. Payload merges that context into
 * the request's own and leaves it there; it is put back afterwards, or every later hook of the request (the rest of
 * the person's own change, the next GraphQL mutation) would take the person's changes for housekeeping.
 */
export const asHousekeeping = async <T>(
  req: Partial<PayloadRequest> | undefined,
  write: (context: RequestContext) => Promise<T>,
): Promise<T> => {
  const requestContext = req?.context
  try {
    return await write({ [ACCOUNT_HOUSEKEEPING]: true })
  } finally {
    if (req) req.context = requestContext ?? {}
  }
}
