'use client'

import { useConfig, useTranslation } from '@payloadcms/ui'

/** On one's own account page, until a second factor is set up: the way to the set-up page (optional for staff). */
export const SecondFactorLink = () => {
  const { config } = useConfig()
  const { i18n } = useTranslation()
  return (
    <a className="btn btn--style-secondary btn--size-small btn--withoutPopup" href={`${config.routes.admin}/second-factor`}>
      {i18n.language === 'en' ? 'Set up two-step verification' : '二段階認証を設定する'}
    </a>
  )
}
