import { ADMIN_NAME } from '../brand'

/**
 * How the second factor's secrets are shown to the person setting it up, and what they keep. No server imports:
 * the set-up page (a client component) uses it.
 */

/** The set-up key as typed into an authenticator app by hand: groups of four, as the apps print keys themselves. */
export const groupsOfFour = (key: string): string[] => key.match(/.{1,4}/g) ?? []

/** The recovery codes as a text file to download and keep: whose they are, when they were made, one code a line. */
export const recoveryCodesFile = (codes: string[], account: string, madeAt: Date): string =>
  [
    `${ADMIN_NAME} リカバリーコード / Recovery codes`,
    `アカウント / Account: ${account}`,
    `作成 / Made: ${madeAt.toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' })} (JST)`,
    '各コードは1回だけ使えます。 / Each code works once.',
    '',
    ...codes,
    '',
  ].join('\r\n')
