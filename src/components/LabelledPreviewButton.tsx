'use client'

import { ExternalLinkIcon, useLivePreviewContext, useTranslation } from '@payloadcms/ui'

import './LabelledPreviewButton.scss'

/**
 * Payload's preview button with its word beside the icon: an icon alone said nothing to staff. The same link and
 * Payload's own translation (version:preview, プレビュー), in the slot Payload gives for it (admin.components.edit).
 */
export const LabelledPreviewButton = () => {
  const { previewURL } = useLivePreviewContext()
  const { t } = useTranslation()
  if (!previewURL) return null
  return (
    <a
      className="preview-btn labelled-preview-btn"
      href={previewURL}
      id="preview-button"
      target="_blank"
      rel="noopener noreferrer"
    >
      <ExternalLinkIcon />
      <span>{t('version:preview')}</span>
    </a>
  )
}
