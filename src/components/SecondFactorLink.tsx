'use client'

import { Button, useConfig, useTranslation } from '@payloadcms/ui'

import { label, languageOf } from '../lib/i18n'

const SET_UP = label('二段階認証を設定する', 'Set up two-step verification')

/** On one's own account page, until a second factor is set up: the way to the set-up page (optional for staff). */
export const SecondFactorLink = () => {
  const { config } = useConfig()
  const { i18n } = useTranslation()
  return (
    <Button buttonStyle="secondary" size="small" el="anchor" url={`${config.routes.admin}/second-factor`}>
      {SET_UP[languageOf(i18n.language)]}
    </Button>
  )
}
