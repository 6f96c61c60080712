'use client'
import { toast, useTranslation } from '@payloadcms/ui'
import { type ReactNode, useEffect } from 'react'

import { japaneseLockDate, translateAttribute } from '../lib/attributeTranslations'
import { translateToast } from '../lib/toastTranslations'

const KINDS = ['success', 'error', 'warning', 'info'] as const
const untranslated = Object.fromEntries(KINDS.map((kind) => [kind, toast[kind]])) as Pick<
  typeof toast,
  (typeof KINDS)[number]
>
let language = 'ja'

// Payload's components call these methods of the one toast object it exports, so every toast passes through here.
for (const kind of KINDS) {
  toast[kind] = ((message: Parameters<typeof toast.success>[0], options?: Parameters<typeof toast.success>[1]) =>
    untranslated[kind](translateToast(message, language), options)) as (typeof toast)[typeof kind]
}

const ATTRIBUTE_NAMES = ['aria-label', 'title']

/** Says an element's English aria-label or title in Japanese; a checkbox titled with its field's name gets its label. */
const translateElement = (element: Element) => {
  for (const name of ATTRIBUTE_NAMES) {
    const value = element.getAttribute(name)
    if (!value) continue
    const isNamedCheckbox = element instanceof HTMLInputElement && element.type === 'checkbox' && value === element.name
    const japanese = isNamedCheckbox
      ? (document.querySelector(`label[for="${CSS.escape(element.id)}"]`)?.textContent?.trim() ?? '')
      : translateAttribute(value)
    if (japanese === value) continue
    if (japanese) element.setAttribute(name, japanese)
    else element.removeAttribute(name)
  }
}

/** The lock notice's "edited since" date, which Payload writes as Dec 2, 2026, 1:42 PM. */
const LOCK_NOTICE_DATE = '.document-locked strong'

const translateTree = (root: Element) => {
  translateElement(root)
  for (const element of root.querySelectorAll('[aria-label],[title]')) translateElement(element)
  for (const date of root.matches(LOCK_NOTICE_DATE) ? [root] : root.querySelectorAll(LOCK_NOTICE_DATE)) {
    const text = date.textContent ?? ''
    const japanese = japaneseLockDate(text)
    if (japanese !== text) date.textContent = japanese
  }
}

/**
 * Japanese for the few texts Payload's packages write in English rather than through their translations: toasts
 * (src/lib/toastTranslations.ts), aria-labels, tooltips and the lock notice's date (src/lib/attributeTranslations.ts), on every screen
 * of the Japanese admin (an admin provider). The English admin keeps them as they are.
 */
export const PackageTranslations = ({ children }: { children?: ReactNode }) => {
  const { i18n } = useTranslation()
  useEffect(() => {
    language = i18n.language
    if (i18n.language !== 'ja') return
    translateTree(document.body)
    const observer = new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        if (mutation.type === 'attributes') translateElement(mutation.target as Element)
        for (const node of mutation.addedNodes) if (node instanceof Element) translateTree(node)
      }
    })
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ATTRIBUTE_NAMES,
    })
    return () => observer.disconnect()
  }, [i18n.language])
  return children
}
