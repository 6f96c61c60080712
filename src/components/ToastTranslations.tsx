'use client'
import { toast, useTranslation } from '@payloadcms/ui'
import { type ReactNode, useEffect } from 'react'

import { translateToast } from '../lib/toastTranslations'

const KINDS = ['success', 'error', 'warning', 'info'] as const
const untranslated = Object.fromEntries(KINDS.map((kind) => [kind, toast[kind]])) as Pick<typeof toast, (typeof KINDS)[number]>
let language = 'ja'

// Payload's components call these methods of the one toast object it exports, so every toast passes through here.
for (const kind of KINDS) {
  toast[kind] = ((message: Parameters<typeof toast.success>[0], options?: Parameters<typeof toast.success>[1]) =>
    untranslated[kind](translateToast(message, language), options)) as (typeof toast)[typeof kind]
}

/** Keeps the toasts in the admin's language (src/lib/toastTranslations.ts): an admin provider around every screen. */
export const ToastTranslations = ({ children }: { children?: ReactNode }) => {
  const { i18n } = useTranslation()
  useEffect(() => {
    language = i18n.language
  }, [i18n.language])
  return children
}
