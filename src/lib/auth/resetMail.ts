import type { PayloadRequest } from 'payload'

import { publicBaseUrl } from '../serverUrl'

/** How long a mailed reset link works: short, because a mailbox is read on shared shop PCs. */
export const RESET_TOKEN_LIFETIME_MS = 30 * 60 * 1000

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)

export const resetMailSubject = (): string => '【修理チェーンCMS】パスワードの再設定 / Reset your password'

/** The reset mail, Japanese then English; it goes only to the account's registered address (Payload's forgotPassword). */
export const resetMailHtml = ({ req, token }: { req?: PayloadRequest; token?: string } = {}): string => {
  const link = escapeHtml(
    `${publicBaseUrl()}${req?.payload.config.routes.admin ?? '/admin'}/reset/${encodeURIComponent(token ?? '')}`,
  )
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
