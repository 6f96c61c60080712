import type { Payload } from 'payload'

import { type Bilingual, label } from '../i18n'
import { CHAIN_TIME_ZONE } from '../jst'

export type AccountNotice =
  | 'email-changed'
  | 'password-changed'
  | 'recovery-code-used'
  | 'recovery-codes-replaced'
  | 'second-factor-enabled'
  | 'second-factor-removed'

const WHAT_CHANGED: Record<AccountNotice, Bilingual> = {
  'password-changed': label('パスワードが変更されました。', 'Your password was changed.'),
  'email-changed': label(
    'ログイン用のメールアドレスが変更されました。',
    'The e-mail address you sign in with was changed.',
  ),
  'second-factor-enabled': label(
    '二段階認証（認証アプリ）が設定されました。',
    'Two-step verification (authenticator app) was set up.',
  ),
  'recovery-codes-replaced': label(
    '二段階認証のリカバリーコードが作り直されました。以前のコードは使えません。',
    'Your two-step recovery codes were replaced; the old ones no longer work.',
  ),
  'recovery-code-used': label('リカバリーコードでログインしました。', 'A recovery code was used to sign in.'),
  'second-factor-removed': label(
    '二段階認証が管理者によって解除されました。',
    'An administrator removed your two-step verification.',
  ),
}

const IF_NOT_YOU = label(
  'お心当たりがない場合は、すぐにパスワードを再設定し、本部の管理者に連絡してください。',
  'If this was not you, reset your password now and tell an administrator at HQ.',
)

/**
 * Tells the account holder, at the registered address (and, for an address change, at the old one too), that a
 * credential changed. The mail holds no link and no secret: it cannot be used to phish or take anything over.
 * A mail that cannot be sent is logged; it never undoes the change it reports.
 */
export const sendAccountNotice = async (
  payload: Payload,
  notice: AccountNotice,
  { to, at = new Date() }: { to: string[]; at?: Date },
): Promise<void> => {
  const when = at.toLocaleString('ja-JP', { timeZone: CHAIN_TIME_ZONE })
  const change = WHAT_CHANGED[notice]
  const text = [
    `${change.ja}（${when} 日本時間）`,
    IF_NOT_YOU.ja,
    '',
    `${change.en} (${when} JST)`,
    IF_NOT_YOU.en,
  ].join('\n')
  try {
    await payload.sendEmail({ to: [...new Set(to)], subject: `【修理チェーンCMS】${change.ja} / ${change.en}`, text })
  } catch (error) {
    payload.logger.error({ err: error, msg: `Account notice ${notice} could not be sent` })
  }
}
