import type { Language } from '@payloadcms/translations'
import { en } from '@payloadcms/translations/languages/en'
import { ja } from '@payloadcms/translations/languages/ja'
import { deepMergeSimple } from '@payloadcms/translations/utilities'

/** Japanese text next to a {{placeholder}} or a <1>tag</1>: the space Payload puts between them reads as a stray gap. */
const SPACED_PLACEHOLDER =
  /(\}\}|<\/\d>) +(?=[\u3040-\u30ff\u3400-\u9fff（「])|([\u3040-\u30ff\u3400-\u9fff）」]) +(?=\{\{|<\d>)/g

type Table = { [key: string]: string | Table }

/** キャンペーン が作成されました → キャンペーンが作成されました, in every string of a translation table. */
const withoutSpacedPlaceholders = (table: Table): Table =>
  Object.fromEntries(
    Object.entries(table).map(([key, value]) => [
      key,
      typeof value === 'string'
        ? value.replace(SPACED_PLACEHOLDER, (_match, before?: string, after?: string) => before ?? after ?? '')
        : withoutSpacedPlaceholders(value),
    ]),
  )

/**
 * Where Payload's Japanese reads as English or as machine translation to store staff, beyond the spacing:
 * untranslated words (Untitled, Japanese as the language's own name, API Key, Not Found), ドラフト beside the 下書き used everywhere
 * else, stiff wording in the messages staff see daily (正常に…されました), "1 アップロードするファイル", and
 * 変更内容を公開 on a document that has no published version yet.
 */
const JA_OVERRIDES = {
  authentication: {
    apiKey: 'APIキー',
  },
  error: {
    deletingTitle: '{{title}}を削除できませんでした。接続を確認してから、もう一度お試しください。',
  },
  general: {
    aboutToDelete: '{{label}}<1>{{title}}</1>を削除します。よろしいですか？',
    noResults: '{{label}}が見つかりません。まだ登録がないか、絞り込みに一致するものがありません。',
    payloadSettings: '管理画面の設定',
    successfullyCreated: '{{label}}を作成しました。',
    successfullyDuplicated: '{{label}}を複製しました。',
    thisLanguage: '日本語',
    titleDeleted: '{{label}}「{{title}}」を削除しました。',
    untitled: '無題',
    // Left in English in Payload's Japanese table.
    false: 'いいえ',
    true: 'はい',
    notFound: '見つかりません',
    nothingFound: '見つかりませんでした',
    // An empty list cell (a report's typed model when the device is listed): <No 機種名> read as English noise.
    noLabel: '—',
    // Publishing and saving a document: 更新成功。 reads as machine translation.
    updatedSuccessfully: '保存しました。',
    // Before the date of the lock notice (「最終編集 2026/12/02 13:42」); Payload's から編集 reads as if the date followed.
    editedSince: '最終編集',
  },
  upload: {
    // Shown after the count: "1 件のファイルをアップロード".
    fileToUpload: '件のファイルをアップロード',
    filesToUpload: '件のファイルをアップロード',
  },
  validation: {
    fieldHasNo: 'このフィールドには{{label}}がありません。',
  },
  version: {
    currentDraft: '現在の下書き',
    draft: '下書き',
    draftHasPublishedVersion: '下書き（公開版あり）',
    noRowsFound: '{{label}}はありません',
    previouslyDraft: '以前は下書きでした',
    // The same button publishes a new document and the changes to a published one. Not 公開する: that is the
    // scheduling drawer's publish choice, and the two sit on one page.
    publishChanges: '公開',
    saveDraft: '下書きを保存',
  },
}

/**
 * The admin's languages with the overrides merged in. Merged into the language itself rather than given as
 * config.i18n.translations, because the language switcher reads a language's own name (thisLanguage) from here only.
 */
export const adminLanguages = {
  ja: {
    ...ja,
    translations: deepMergeSimple(withoutSpacedPlaceholders(ja.translations as Table), JA_OVERRIDES),
  } as Language,
  en,
}
