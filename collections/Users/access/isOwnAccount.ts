/**
 * Whether `accountId` is the signed-in user's own account. IDs are compared as text: the database gives numbers or
 * strings, a route parameter or a form gives text. No user or no ID: not their own.
 */
export const isOwnAccount = (
  user: { id: number | string } | null | undefined,
  accountId: number | string | null | undefined,
): boolean =>
  Boolean(user) &&
  accountId !== undefined &&
  accountId !== null &&
  accountId !== '' &&
  String(user!.id) === String(accountId)
