import type { Language } from '@payloadcms/translations'
import { en } from '@payloadcms/translations/languages/en'
import { ja } from '@payloadcms/translations/languages/ja'
import { deepMergeSimple } from '@payloadcms/translations/utilities'

/**
 * Where Payload's Japanese reads as English or as machine translation to store staff: untranslated words
 * (Untitled, Japanese as the language's own name), ドラフト beside the 下書き used everywhere else, a space
 * between a name and its particle (キャンペーン が作成されました), "1 アップロードするファイル", and
 * 変更内容を公開 on a document that has no published version yet.
 */
const JA_OVERRIDES = {
  error: {
    deletingTitle: '{{title}}を削除できませんでした。接続を確認してから、もう一度お試しください。',
  },
  fields: {
    addLabel: '{{label}}を追加',
    addNewLabel: '{{label}}を新規追加',
    chooseLabel: '{{label}}を選択',
  },
  general: {
    aboutToDelete: '{{label}}<1>{{title}}</1>を削除します。よろしいですか？',
    createNewLabel: '{{label}}を新規作成',
    creatingNewLabel: '{{label}}を新規作成しています',
    editLabel: '{{label}}を編集',
    filterWhere: '{{label}}の絞り込み',
    noResults: '{{label}}が見つかりません。まだ登録がないか、絞り込みに一致するものがありません。',
    payloadSettings: '管理画面の設定',
    searchBy: '{{label}}で検索',
    successfullyCreated: '{{label}}を作成しました。',
    successfullyDuplicated: '{{label}}を複製しました。',
    thisLanguage: '日本語',
    titleDeleted: '{{label}}「{{title}}」を削除しました。',
    untitled: '無題',
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
  ja: { ...ja, translations: deepMergeSimple(ja.translations, JA_OVERRIDES) } as Language,
  en,
}
