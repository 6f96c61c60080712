import type { PayloadRequest } from 'payload'

/** How long a mailed reset link works: short, because a mailbox is read on shared shop PCs. */
export const RESET_TOKEN_LIFETIME_MS = 30 * 60 * 1000

/**
 * The public address links in mails point to: SERVER_URL, never a header of the request that asked for the mail,
 * which anyone can set. (Without serverURL, Payload itself leaves an unlisted Host out and mails a relative link that
 * opens nowhere; `npm start` has no SERVER_URL, so its links name the local address.)
 */
export const publicBaseUrl = (): string => (process.env.SERVER_URL || `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, '')

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)

export const resetMailSubject = (): string => '【修理チェーンCMS】パスワードの再設定 / Reset your password'

/** The reset mail, Japanese then English; it goes only to the account's registered address (Payload's forgotPassword). */
export const resetMailHtml = ({ req, token }: { req?: PayloadRequest; token?: string } = {}): string => {
  const link = escapeHtml(`${publicBaseUrl()}${req?.payload.config.routes.admin ?? '/admin'}/reset/${encodeURIComponent(token ?? '')}`)
  const minutes = RESET_TOKEN_LIFETIME_MS / 60_000
  return [
    `<p>パスワード再設定のご依頼を受け付けました。${minutes}分以内に、次のリンクから新しいパスワードを設定してください（一度だけ使えます）。</p>`,
    `<p><a href="${link}">${link}</a></p>`,
    '<p>お心当たりがない場合は、このメールを破棄してください。パスワードは変わりません。</p>',
    '<hr>',
    `<p>Someone asked to reset your password. Set a new one within ${minutes} minutes with the link above; it works once.</p>`,
    '<p>If this was not you, ignore this mail: your password stays as it is.</p>',
  ].join('\n')
}
