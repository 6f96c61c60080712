import { readFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { PROJECT_ROOT } from '../../src/lib/paths'
import { translateToast } from '../../src/lib/toastTranslations'

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/

/**
 * Every toast the installed admin bundle writes as a string literal (toast.error("...") and the like), with each
 * `${...}` of a template filled by a sample value: these bypass Payload's translations.
 */
const literalToasts = (): string[] => {
  const bundle = readFileSync(
    path.join(PROJECT_ROOT, 'node_modules/@payloadcms/ui/dist/exports/client/index.js'),
    'utf8',
  )
  const toastObject = bundle.match(/,(\w+) as toast[,}]/)?.[1]
  expect(toastObject, 'the toast export of @payloadcms/ui').toBeTruthy()
  const calls = new RegExp(`\\b${toastObject}\\.(?:success|error|warning|info)\\((["'\`])(.*?)\\1`, 'g')
  return [...bundle.matchAll(calls)].map(([, , message]) => message.replaceAll(/\$\{[^}]*\}/g, '3'))
}

describe('toasts written in English by the admin package', () => {
  it('are found in the installed bundle (the scan still sees them)', () => {
    expect(literalToasts()).toContain('Successfully saved 3 files')
  })

  it('each read in Japanese in the Japanese admin', () => {
    const untranslated = literalToasts().filter((message) => !JAPANESE.test(translateToast(message, 'ja')))
    expect(untranslated).toEqual([])
  })

  it('keep the numbers and reasons they carry', () => {
    expect(translateToast('Successfully saved 1 files', 'ja')).toBe('1件のファイルを保存しました。')
    expect(translateToast('Refreshing token failed: Failed to fetch', 'ja')).toBe(
      'ログイン状態を更新できませんでした（Failed to fetch）。',
    )
  })

  it('stay as they are in the English admin, and other messages pass unchanged', () => {
    expect(translateToast('Successfully saved 1 files', 'en')).toBe('Successfully saved 1 files')
    expect(translateToast('保存しました。', 'ja')).toBe('保存しました。')
  })
})
