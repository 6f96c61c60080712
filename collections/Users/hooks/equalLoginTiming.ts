import type { CollectionBeforeOperationHook } from 'payload'

import type { User } from '../../../src/payload-types'

import { spendPasswordCheckTime } from '../../../src/lib/auth/passwordHash'

/**
 * Payload refuses an unknown or locked account before it hashes anything, so those answers came back faster than
 * a wrong password's and told which accounts exist. Such a sign-in now spends the time of a password check too.
 */
export const equalLoginTiming: CollectionBeforeOperationHook<'users'> = async ({ args, operation, req }) => {
  if (operation !== 'login') return args
  const { email, password } = args.data ?? {}
  if (typeof email !== 'string' || typeof password !== 'string') return args
  const user = await req.payload.db.findOne<User>({
    collection: 'users',
    where: { email: { equals: email.toLowerCase().trim() } },
    req,
  })
  const locked = Boolean(user?.lockUntil && new Date(user.lockUntil).getTime() > Date.now())
  if (!user || locked) await spendPasswordCheckTime(password)
  return args
}
