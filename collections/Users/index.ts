import type { CollectionConfig } from 'payload'

import { adminOrManagerOfOthers } from './access/adminOrManagerOfOthers'
import { hasRole } from '../../src/access/hasRole'
import { isOwnAccount } from './access/isOwnAccount'
import { ownAccountOrAdmin } from './access/ownAccountOrAdmin'
import { isAdmin } from '../../src/access/isAdmin'
import { selfOrOwnStaff } from './access/selfOrOwnStaff'
import { selfOrStoreUsers } from './access/selfOrStoreUsers'
import { secondFactorEndpoints } from './endpoints/secondFactor'
import { endOtherSessionsEndpoint, endUserSessionsEndpoint } from './endpoints/sessions'
import { noteSignInAttempt, recordAccountChanges, recordPasswordReset, recordSignIn } from './hooks/auditAccounts'
import { noteCredentialChange } from './hooks/credentialChangeNote'
import {
  afterCredentialChange,
  endSessionsOfDisabledAccount,
  noticeAfterReset,
  refuseRefreshOfOldSession,
} from './hooks/credentialChanges'
import { equalLoginTiming } from './hooks/equalLoginTiming'
import { guardCredentials, passwordPolicyOnChange, requireCurrentPassword } from './hooks/guardCredentials'
import { guardRole, guardStores } from './hooks/guardUserRights'
import { keysForFrontendsOnly } from './hooks/keysForFrontendsOnly'
import { refuseDisabledLogin } from './hooks/refuseDisabledLogin'
import { chargeAuthOperation, giveBackReset, giveBackSignIn } from './hooks/signInThrottle'
import { label } from '../../src/lib/i18n'
import { RESET_TOKEN_LIFETIME_MS, resetMailHtml, resetMailSubject } from '../../src/lib/auth/resetMail'
import { forgetFrontendKeys } from '../../src/lib/auth/frontendKeys'
import { sessionCookies } from '../../src/lib/auth/sessionCookies'
import { sessionIdleSeconds } from '../../src/lib/auth/sessionLifetime'
import { authenticated } from '../../src/access/authenticated'
import { findResetTokenByHash, storeResetTokenHashed } from './hooks/resetTokenHashes'

export const ROLES = [
  { value: 'admin', label: label('管理者', 'Admin') },
  { value: 'hq', label: label('本部', 'HQ') },
  { value: 'manager', label: label('店長', 'Store manager') },
  { value: 'staff', label: label('スタッフ', 'Staff') },
  // A shop site's server: it never signs in; its API key lifts the API rate limit, and it reads as the public.
  { value: 'frontend', label: label('フロントエンド（API キー）', 'Frontend (API key)') },
]

/** Staff accounts: who signs in to the admin, with one role and the stores they work for. */
export const Users: CollectionConfig = {
  slug: 'users',
  labels: { singular: label('ユーザー', 'User'), plural: label('ユーザー', 'Users') },
  graphQL: { singularName: 'User', pluralName: 'Users' },
  auth: {
    // Idle timeout: the token lives this long and the admin renews it only while the user is active.
    tokenExpiration: sessionIdleSeconds(),
    cookies: sessionCookies(),
    forgotPassword: {
      expiration: RESET_TOKEN_LIFETIME_MS,
      generateEmailHTML: resetMailHtml,
      generateEmailSubject: resetMailSubject,
    },
    // Frontend accounts' keys (src/lib/auth/frontendKeys.ts): only the rate limit reads them; they make no session.
    useAPIKey: true,
  },
  endpoints: [...secondFactorEndpoints, endOtherSessionsEndpoint, endUserSessionsEndpoint],
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'email', 'role', 'stores'],
    listSearchableFields: ['name', 'email'],
    group: label('管理', 'Administration'),
    // Staff see only their own account, which the admin shows under アカウント; the list would be a list of one.
    hidden: ({ user }) => user?.role === 'staff',
  },
  // Managers create and disable staff of their stores; accounts are disabled, not deleted, so authorship stays.
  // Unlocking an account Payload locked after repeated failures is an admin's repair tool only.
  access: {
    read: selfOrStoreUsers,
    create: hasRole('manager', 'admin'),
    update: selfOrOwnStaff,
    delete: isAdmin,
    unlock: isAdmin,
    admin: ({ req }) => authenticated({ req }) === true,
  },
  hooks: {
    // The sign-in budget is charged first, before an account is looked up or a hash computed.
    beforeOperation: [chargeAuthOperation, findResetTokenByHash, equalLoginTiming, guardCredentials, noteSignInAttempt],
    beforeLogin: [refuseDisabledLogin],
    afterLogin: [giveBackSignIn, recordSignIn],
    beforeValidate: [passwordPolicyOnChange, keysForFrontendsOnly],
    beforeChange: [storeResetTokenHashed, noteCredentialChange],
    afterChange: [afterCredentialChange, endSessionsOfDisabledAccount, recordAccountChanges, forgetFrontendKeys],
    afterDelete: [forgetFrontendKeys],
    afterOperation: [giveBackReset, recordPasswordReset, noticeAfterReset],
    refresh: [refuseRefreshOfOldSession],
  },
  fields: [
    {
      // Never stored: the account form sends it with a new password or e-mail address; its hook checks it once
      // access is decided, under the sign-in budget, and drops it before anything is saved.
      name: 'currentPassword',
      type: 'text',
      virtual: true,
      hooks: { beforeValidate: [requireCurrentPassword] },
      label: label('現在のパスワード', 'Current password'),
      admin: {
        // Only on one's own account: an admin changing someone else's does not know their password.
        condition: (data, _siblingData, { user }) => isOwnAccount(user, data?.id),
        description: label(
          'パスワードやメールアドレスを変更するときに入力してください。',
          'Needed to change your password or e-mail address.',
        ),
        components: { Field: '/src/components/CurrentPasswordField#CurrentPasswordField' },
      },
    },
    { name: 'name', type: 'text', label: label('氏名', 'Name'), required: true, maxLength: 100 },
    {
      name: 'publicName',
      type: 'text',
      label: label('表示名', 'Public name'),
      maxLength: 50,
      admin: {
        description: label(
          '記事や修理ブログの書き手として公開される名前です（例: スマホスピタル佐賀駅前）。空欄なら店舗の短い名前が出ます。氏名やメールアドレスは公開されません。',
          'Shown to the public as the writer of posts (e.g. the store’s short name). Empty: the store’s short name. The account’s name and e-mail are never shown.',
        ),
      },
    },
    {
      name: 'role',
      type: 'select',
      label: label('権限', 'Role'),
      options: ROLES,
      required: true,
      defaultValue: 'staff',
      saveToJWT: true,
      // Read-only in the admin for everyone but an admin; guardRole answers an attempt over the API with 403.
      access: { create: isAdmin, update: isAdmin },
      hooks: { beforeValidate: [guardRole] },
      admin: { position: 'sidebar' },
    },
    {
      name: 'stores',
      type: 'relationship',
      relationTo: 'stores',
      hasMany: true,
      label: label('所属店舗', 'Stores'),
      saveToJWT: true,
      access: { create: hasRole('manager', 'admin'), update: adminOrManagerOfOthers },
      hooks: { beforeValidate: [guardStores] },
      admin: { position: 'sidebar' },
    },
    {
      name: 'disabled',
      type: 'checkbox',
      label: label('アカウント停止', 'Disabled'),
      defaultValue: false,
      access: { update: adminOrManagerOfOthers },
      admin: {
        position: 'sidebar',
        description: label('停止中のユーザーはログインできません。', 'A disabled user cannot sign in.'),
      },
    },
    {
      name: 'secondFactorEnabled',
      type: 'checkbox',
      label: label('二段階認証', 'Two-step verification'),
      defaultValue: false,
      // Switched on only by confirming enrolment, off only by an admin's removal (collections/Users/endpoints/secondFactor.ts).
      access: { create: () => false, update: () => false },
      admin: {
        position: 'sidebar',
        readOnly: true,
        description: label(
          '管理者と本部は必須です。認証アプリで設定します。',
          'Required for admin and HQ; set up with an authenticator app.',
        ),
      },
    },
    {
      name: 'secondFactorSetUp',
      type: 'ui',
      admin: {
        position: 'sidebar',
        condition: (data, _siblingData, { user }) => isOwnAccount(user, data?.id) && !data.secondFactorEnabled,
        components: { Field: '/src/components/SecondFactorLink#SecondFactorLink' },
      },
    },
    {
      // The sealed TOTP secret, the last time step used, and the recovery codes' hashes: never in any response.
      name: 'secondFactor',
      type: 'group',
      hidden: true,
      // Hidden keeps it out of responses, not out of writes: only the second-factor code (overrideAccess) writes it.
      access: { create: () => false, update: () => false },
      fields: [
        { name: 'secret', type: 'text' },
        { name: 'pendingSecret', type: 'text' },
        { name: 'lastUsedCounter', type: 'number' },
        { name: 'recoveryCodes', type: 'json' },
      ],
    },
    {
      // Sessions (Payload's session IDs) that passed the second factor. Not hidden, so that Payload loads it into
      // req.user for the session gate; like Payload's own sessions field, only the account itself reads it (the
      // admin's pages see the user through the read rules).
      name: 'secondFactorSessions',
      type: 'json',
      access: { read: ({ req, doc }) => isOwnAccount(req.user, doc?.id), create: () => false, update: () => false },
      admin: { disabled: true },
    },
    // Credentials of an existing account are set by the account itself or an admin, never by its manager (a reset
    // mail does that). Payload merges these with its own e-mail field and, since 3.90, enforces a `password` field's
    // update access on the password it hashes; the virtual field stores nothing. Read-only in the admin otherwise.
    // Labelled again with Payload's own words: a field given here replaces the label of Payload's (Email, Api Key).
    { name: 'email', type: 'email', label: ({ t }) => t('general:email'), access: { update: ownAccountOrAdmin } },
    {
      name: 'password',
      type: 'text',
      virtual: true,
      hidden: true,
      access: { update: ownAccountOrAdmin },
      admin: { disabled: true },
    },
    // Payload's API key fields take this rule (its default: anyone who may use the admin): keys are the admin's to give.
    {
      name: 'apiKey',
      type: 'text',
      label: ({ t }) => t('authentication:apiKey'),
      access: { create: isAdmin, update: isAdmin },
    },
  ],
}
