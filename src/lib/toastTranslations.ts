/**
 * The toasts @payloadcms/ui writes as English literals instead of through its translations: staff meet "Successfully
 * saved 1 files" whenever they add photos to a repair report. Each is matched by its English text and said in
 * Japanese; tests/admin/toastTranslations.test.ts reads every literal toast of the installed package and fails on
 * one this table does not cover, so an upgrade that adds another is caught.
 */
const TOASTS: { english: RegExp; japanese: (match: RegExpMatchArray) => string }[] = [
  { english: /^Successfully saved (\d+) files$/, japanese: ([, count]) => `${count}件のファイルを保存しました。` },
  { english: /^Failed to save (\d+) files$/, japanese: ([, count]) => `${count}件のファイルを保存できませんでした。` },
  { english: /^Failed to fetch the file\.$/, japanese: () => 'ファイルを取得できませんでした。' },
  { english: /^The provided URL is not allowed\.$/, japanese: () => 'このURLからは取り込めません。' },
  {
    english: /^To reorder the rows you must first sort them by the "(.+)" column$/,
    japanese: ([, column]) => `並べ替えるには、先に「${column}」列で並べてください。`,
  },
  { english: /^Failed to update the API key\.$/, japanese: () => 'APIキーを更新できませんでした。' },
  { english: /^API key revoked successfully\.$/, japanese: () => 'APIキーを無効にしました。' },
  { english: /^Failed to reveal the API key\.$/, japanese: () => 'APIキーを表示できませんでした。' },
  {
    english: /^Refreshing token failed: (.*)$/s,
    japanese: ([, reason]) => `ログイン状態を更新できませんでした（${reason}）。`,
  },
  {
    english: /^Refreshing permissions failed: (.*)$/s,
    japanese: ([, reason]) => `権限を読み込めませんでした（${reason}）。`,
  },
  {
    english: /^Fetching user failed: (.*)$/s,
    japanese: ([, reason]) => `ユーザー情報を読み込めませんでした（${reason}）。`,
  },
]

/** `message` in the admin's language: the Japanese of a known English-only toast, anything else unchanged. */
export const translateToast = <Message>(message: Message, language: string): Message => {
  if (language !== 'ja' || typeof message !== 'string') return message
  for (const { english, japanese } of TOASTS) {
    const match = message.match(english)
    if (match) return japanese(match) as Message
  }
  return message
}
