import { initI18n, type I18n } from '@payloadcms/translations'
import type { SanitizedConfig } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

let config: SanitizedConfig
let japanese: I18n

/** Every string of a translation table, with its key, to look for words that must not appear anywhere. */
const allStrings = (table: object, prefix = ''): Array<[string, string]> =>
  Object.entries(table).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[`${prefix}${key}`, value] as [string, string]]
      : allStrings(value, `${prefix}${key}:`),
  )

beforeAll(async () => {
  const { default: configPromise } = await import('../../payload.config')
  config = await configPromise
  // The client context: what the admin's browser is given.
  japanese = await initI18n({ config: config.i18n as never, context: 'client', language: 'ja' })
})

describe('the Japanese admin', () => {
  it('names its own language in Japanese in the language switcher', () => {
    expect(config.i18n.supportedLanguages.ja?.translations.general.thisLanguage).toBe('日本語')
  })

  it('titles an untitled document 無題 and calls the settings page the admin settings', () => {
    expect(japanese.t('general:untitled')).toBe('無題')
    expect(japanese.t('general:payloadSettings')).toBe('管理画面の設定')
  })

  it('says 下書き everywhere, never ドラフト', () => {
    expect(japanese.t('version:draft')).toBe('下書き')
    expect(japanese.t('version:saveDraft')).toBe('下書きを保存')
    const drafts = allStrings(config.i18n.supportedLanguages.ja?.translations ?? {}).filter(([, text]) =>
      text.includes('ドラフト'),
    )
    expect(drafts).toEqual([])
  })

  it('labels the publish button 公開, which reads right on a new document as on a published one', () => {
    expect(japanese.t('version:publishChanges')).toBe('公開')
    expect(japanese.t('version:publish')).not.toBe(japanese.t('version:publishChanges'))
  })

  it('counts files to upload as 件', () => {
    expect(`1 ${japanese.t('upload:fileToUpload')}`).toBe('1 件のファイルをアップロード')
    expect(`3 ${japanese.t('upload:filesToUpload')}`).toBe('3 件のファイルをアップロード')
  })

  it('puts no space between a name and its particle in the messages staff see daily', () => {
    expect(japanese.t('general:successfullyCreated', { label: 'キャンペーン' })).toBe('キャンペーンを作成しました。')
    expect(japanese.t('general:createNewLabel', { label: '修理事例' })).toBe('修理事例を新規作成')
    expect(japanese.t('general:searchBy', { label: 'タイトル' })).toBe('タイトルで検索')
    expect(japanese.t('general:titleDeleted', { label: '記事', title: '春の新生活' })).toBe(
      '記事「春の新生活」を削除しました。',
    )
  })

  it('puts no space between any name or number and the Japanese around it', () => {
    const spaced = allStrings(config.i18n.supportedLanguages.ja?.translations ?? {}).filter(([, text]) =>
      /\}\} [ぁ-んァ-ヶ一-龠]|[ぁ-んァ-ヶ一-龠] \{\{/.test(text),
    )
    expect(spaced).toEqual([])
    expect(japanese.t('fields:addLabel', { label: '写真' })).toBe('写真を追加')
    expect(japanese.t('validation:longerThanMin', { minLength: 8 })).toBe('8文字以上にする必要があります。')
  })

  it('has no string in Latin letters only (API Key, Not Found, true), placeholders and tags aside', () => {
    const english = allStrings(config.i18n.supportedLanguages.ja?.translations ?? {}).filter(([, text]) => {
      const words = text.replaceAll(/\{\{[^}]*\}\}|<\/?\d>/g, '')
      return /[A-Za-z]/.test(words) && !/[ぁ-んァ-ヶ一-龠]/.test(words)
    })
    expect(english).toEqual([])
  })

  it('leaves the English admin as Payload wrote it', async () => {
    const english = await initI18n({ config: config.i18n as never, context: 'client', language: 'en' })
    expect(english.t('general:untitled')).toBe('Untitled')
    expect(english.t('version:publishChanges')).toBe('Publish changes')
  })
})
