import { jstDateTime } from './jst'

/**
 * Words for screen readers and tooltips (aria-label, title) that Payload's client packages write as English
 * literals: the editor's block handles and link buttons, the select's remove buttons, the toast area, and the
 * checkbox whose tooltip is its field's name (deviceNotListed). tests/admin/attributeTranslations.test.ts reads every
 * such literal of the installed packages and fails on one this table does not say in Japanese.
 */
const ATTRIBUTES: { english: RegExp; japanese: (match: RegExpMatchArray) => string }[] = [
  { english: /^Drag to move$/, japanese: () => 'ドラッグして移動' },
  { english: /^Add block$/, japanese: () => 'ブロックを追加' },
  { english: /^Insert Paragraph$/, japanese: () => '段落を追加' },
  { english: /^Edit link$/, japanese: () => 'リンクを編集' },
  { english: /^Remove link$/, japanese: () => 'リンクを解除' },
  { english: /^Add Row$/, japanese: () => '行を追加' },
  { english: /^Add Column$/, japanese: () => '列を追加' },
  { english: /^Remove (.+)$/, japanese: ([, option]) => `「${option}」を外す` },
  // The toast area's name, followed by its shortcut (alt+T).
  { english: /^Notifications(.*)$/, japanese: ([, shortcut]) => `通知${shortcut}` },
]

/** The one date @payloadcms/ui formats in US English whatever the language: when a locked document was last edited. */
const US_DATE_TIME = /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M$/

/**
 * "Dec 2, 2026, 1:42 PM" (the browser's zone, as the lock notice wrote it) as the admin writes every date: 2026/12/02
 * 13:42 in JST. Anything else is returned unchanged.
 */
export const japaneseLockDate = (text: string): string =>
  US_DATE_TIME.test(text) ? jstDateTime(new Date(text.replace(/\s/g, ' '))) : text

/** `value` of an aria-label or title in Japanese when the table knows it, else unchanged. */
export const translateAttribute = (value: string): string => {
  for (const { english, japanese } of ATTRIBUTES) {
    const match = value.match(english)
    if (match) return japanese(match)
  }
  return value
}
