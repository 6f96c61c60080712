'use client'

import { Button } from '@payloadcms/ui'
import { type FormEvent, useState } from 'react'

import type { Language } from '../lib/i18n'

import { groupsOfFour, recoveryCodesFile } from '../lib/auth/secondFactorSheet'
import './SecondFactorForm.scss'

type State = 'enrol' | 'not-required' | 'signed-out' | 'too-old' | 'verified' | 'verify'

const TEXT = {
  enrolTitle: { ja: '二段階認証の設定', en: 'Set up two-step verification' },
  enrolIntro: {
    ja: '管理者と本部のアカウントは、パスワードに加えて認証アプリ（Google Authenticator、Microsoft Authenticator など）のコードが必要です。設定が終わるまで、ほかの操作はできません。',
    en: 'Admin and HQ accounts need a code from an authenticator app (Google Authenticator, Microsoft Authenticator, …) as well as the password. Nothing else can be done until it is set up.',
  },
  optionalIntro: {
    ja: '設定すると、ログインのたびにパスワードと認証アプリ（Google Authenticator、Microsoft Authenticator など）のコードが必要になり、パスワードが漏れてもアカウントを守れます。一度設定すると、解除は管理者だけができます。',
    en: 'Once set up, every sign-in needs the password and a code from an authenticator app (Google Authenticator, Microsoft Authenticator, …), so a leaked password alone is not enough. Only an admin can remove it again.',
  },
  back: { ja: '管理画面に戻る', en: 'Back to the admin' },
  alreadySetUp: { ja: '二段階認証は設定済みです。', en: 'Two-step verification is set up.' },
  start: { ja: '設定を始める', en: 'Start set-up' },
  scan: {
    ja: '認証アプリでこのQRコードを読み取ってください。読み取れない場合は、次のキーを入力します。',
    en: 'Scan this QR code with the authenticator app, or enter this key by hand.',
  },
  secretLabel: { ja: 'セットアップキー', en: 'Set-up key' },
  code: { ja: '認証アプリの6桁のコード', en: '6-digit code from the app' },
  confirm: { ja: '確認して有効にする', en: 'Confirm and turn on' },
  codesTitle: { ja: 'リカバリーコード', en: 'Recovery codes' },
  codesIntro: {
    ja: 'スマートフォンをなくしたときは、このコードで1回ずつログインできます。今だけ表示されます。印刷するか安全な場所に保管してください。',
    en: 'If you lose your phone, each of these codes signs you in once. They are shown only now: print them or keep them somewhere safe.',
  },
  continue: { ja: '保管しました。管理画面へ進む', en: 'I have stored them. Continue' },
  copy: { ja: 'コピー', en: 'Copy' },
  copyKey: { ja: 'キーをコピー', en: 'Copy the key' },
  copied: { ja: 'コピーしました', en: 'Copied' },
  copyFailed: {
    ja: 'コピーできませんでした。選択してコピーしてください。',
    en: 'Could not copy: select the text and copy it.',
  },
  download: { ja: 'テキストファイルで保存', en: 'Download as a text file' },
  verifyTitle: { ja: '二段階認証', en: 'Two-step verification' },
  verifyIntro: {
    ja: '認証アプリに表示されている6桁のコードを入力してください。',
    en: 'Enter the 6-digit code your authenticator app shows.',
  },
  verify: { ja: 'ログイン', en: 'Sign in' },
  useRecovery: { ja: 'リカバリーコードを使う', en: 'Use a recovery code' },
  useApp: { ja: '認証アプリのコードを使う', en: 'Use the app code' },
  recoveryCode: { ja: 'リカバリーコード', en: 'Recovery code' },
  tooOld: {
    ja: 'セッションの有効期限が切れました。もう一度ログインしてください。',
    en: 'This session has reached its maximum age. Please sign in again.',
  },
  signedOut: { ja: 'ログインしてください。', en: 'Please sign in.' },
  logout: { ja: 'ログアウト', en: 'Sign out' },
  failed: { ja: 'うまくいきませんでした。もう一度お試しください。', en: 'That did not work. Please try again.' },
}

type Props = {
  state: State
  language: Language
  email: string
  apiRoute: string
  adminRoute: string
  continueTo: string
}

const postJson = async (url: string, body?: unknown) => {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'include',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  })
  const json = await response.json().catch(() => ({}))
  return { ok: response.ok, json }
}

/** The text on the clipboard; false where the browser refuses (an http:// address other than this machine's). */
const copyText = (text: string): Promise<boolean> =>
  navigator.clipboard
    ? navigator.clipboard.writeText(text).then(
        () => true,
        () => false,
      )
    : Promise.resolve(false)

/** The recovery codes saved as a .txt file, made in the browser: the codes never travel again. */
const downloadCodes = (codes: string[], account: string) => {
  const url = URL.createObjectURL(
    new Blob([recoveryCodesFile(codes, account, new Date())], { type: 'text/plain;charset=utf-8' }),
  )
  const link = Object.assign(document.createElement('a'), { href: url, download: 'recovery-codes.txt' })
  link.click()
  // After the click's task: the download has taken the file by then.
  setTimeout(() => URL.revokeObjectURL(url))
}

const errorOf = (json: { errors?: { message?: string }[] }, fallback: string) => json.errors?.[0]?.message ?? fallback

/** Enrolment (QR code, first code, recovery codes) and verification after sign-in, talking to /api/users/second-factor. */
export const SecondFactorForm = ({ state, language, email, apiRoute, adminRoute, continueTo }: Props) => {
  const t = (text: { ja: string; en: string }) => text[language]
  const [enrolment, setEnrolment] = useState<{ secret: string; qrCodeDataUrl: string } | null>(null)
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null)
  const [useRecovery, setUseRecovery] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [copyNote, setCopyNote] = useState<string | null>(null)
  const copy = (text: string) => async () => setCopyNote(t((await copyText(text)) ? TEXT.copied : TEXT.copyFailed))
  const logout = (
    <a className="second-factor__link" href={`${adminRoute}/logout`}>
      {t(TEXT.logout)}
    </a>
  )

  const submit = (action: (form: FormData) => Promise<void>) => async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await action(new FormData(event.currentTarget))
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : t(TEXT.failed))
    } finally {
      setBusy(false)
    }
  }

  const startEnrolment = submit(async () => {
    const { ok, json } = await postJson(`${apiRoute}/second-factor/enrol`)
    if (!ok) throw new Error(errorOf(json, t(TEXT.failed)))
    setEnrolment(json)
  })
  const confirmEnrolment = submit(async (form) => {
    const { ok, json } = await postJson(`${apiRoute}/second-factor/confirm`, { code: form.get('code') })
    if (!ok) throw new Error(errorOf(json, t(TEXT.failed)))
    setRecoveryCodes(json.recoveryCodes)
  })
  const verify = submit(async (form) => {
    const proof = useRecovery ? { recoveryCode: form.get('recoveryCode') } : { code: form.get('code') }
    const { ok, json } = await postJson(`${apiRoute}/second-factor/verify`, proof)
    if (!ok) throw new Error(errorOf(json, t(TEXT.failed)))
    window.location.assign(continueTo)
  })

  const codeInput = (
    <label className="second-factor__field">
      {t(TEXT.code)}
      <input
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9 ]{6,7}"
        maxLength={7}
        required
        autoFocus
      />
    </label>
  )
  const errorLine = error ? (
    <p className="second-factor__error" role="alert">
      {error}
    </p>
  ) : null

  const enrolling = state === 'enrol' || state === 'not-required'
  if (enrolling && recoveryCodes) {
    return (
      <section className="second-factor">
        <h1>{t(TEXT.codesTitle)}</h1>
        <p>{t(TEXT.codesIntro)}</p>
        <ol className="second-factor__codes" data-testid="recovery-codes">
          {recoveryCodes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ol>
        <div className="second-factor__actions">
          <Button buttonStyle="secondary" size="medium" type="button" onClick={copy(recoveryCodes.join('\n'))}>
            {t(TEXT.copy)}
          </Button>
          <Button
            buttonStyle="secondary"
            size="medium"
            type="button"
            onClick={() => downloadCodes(recoveryCodes, email)}
          >
            {t(TEXT.download)}
          </Button>
          {copyNote ? <span role="status">{copyNote}</span> : null}
        </div>
        <Button buttonStyle="primary" size="large" className="second-factor__button" el="anchor" url={continueTo}>
          {t(TEXT.continue)}
        </Button>
      </section>
    )
  }
  if (enrolling) {
    return (
      <section className="second-factor">
        <h1>{t(TEXT.enrolTitle)}</h1>
        <p>{t(state === 'enrol' ? TEXT.enrolIntro : TEXT.optionalIntro)}</p>
        <p className="second-factor__account">{email}</p>
        {!enrolment ? (
          <form onSubmit={startEnrolment}>
            <Button buttonStyle="primary" size="large" className="second-factor__button" type="submit" disabled={busy}>
              {t(TEXT.start)}
            </Button>
          </form>
        ) : (
          <form onSubmit={confirmEnrolment}>
            <p>{t(TEXT.scan)}</p>
            {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server, nothing to optimise */}
            <img className="second-factor__qr" src={enrolment.qrCodeDataUrl} alt="QR" width={240} height={240} />
            {/* Grouped in fours for reading; the groups are spaced by style, so the text (and a selection) is the key itself. */}
            <p className="second-factor__key">
              {t(TEXT.secretLabel)}:{' '}
              <code data-testid="totp-secret">
                {groupsOfFour(enrolment.secret).map((group, index) => (
                  <span key={index}>{group}</span>
                ))}
              </code>
              <Button buttonStyle="secondary" size="small" type="button" onClick={copy(enrolment.secret)}>
                {t(TEXT.copyKey)}
              </Button>
              {copyNote ? <span role="status">{copyNote}</span> : null}
            </p>
            {codeInput}
            <Button buttonStyle="primary" size="large" className="second-factor__button" type="submit" disabled={busy}>
              {t(TEXT.confirm)}
            </Button>
          </form>
        )}
        {errorLine}
        {state === 'enrol' ? (
          logout
        ) : (
          <a className="second-factor__link" href={continueTo}>
            {t(TEXT.back)}
          </a>
        )}
      </section>
    )
  }
  if (state === 'verify') {
    return (
      <section className="second-factor">
        <h1>{t(TEXT.verifyTitle)}</h1>
        <p>{useRecovery ? t(TEXT.recoveryCode) : t(TEXT.verifyIntro)}</p>
        <form onSubmit={verify}>
          {useRecovery ? (
            <label className="second-factor__field">
              {t(TEXT.recoveryCode)}
              <input name="recoveryCode" autoComplete="off" required autoFocus />
            </label>
          ) : (
            codeInput
          )}
          <Button buttonStyle="primary" size="large" className="second-factor__button" type="submit" disabled={busy}>
            {t(TEXT.verify)}
          </Button>
        </form>
        <button className="second-factor__link" type="button" onClick={() => setUseRecovery(!useRecovery)}>
          {useRecovery ? t(TEXT.useApp) : t(TEXT.useRecovery)}
        </button>
        {errorLine}
        {logout}
      </section>
    )
  }
  if (state === 'verified') {
    return (
      <section className="second-factor">
        <p>{t(TEXT.alreadySetUp)}</p>
        <a className="second-factor__link" href={continueTo}>
          {t(TEXT.back)}
        </a>
      </section>
    )
  }
  return (
    <section className="second-factor">
      <p>{state === 'too-old' ? t(TEXT.tooOld) : t(TEXT.signedOut)}</p>
      {state === 'signed-out' ? (
        <a className="second-factor__link" href={`${adminRoute}/login`}>
          {t(TEXT.verify)}
        </a>
      ) : (
        logout
      )}
    </section>
  )
}
