/**
 * スマホスピタル佐賀駅前店, with the details its page gives (no coordinates or booking address are on it): its short
 * name is the page's byline, its SEO keyword the page's headline and the words after each link, its description the
 * words after the page title.
 */
export const sagaStore = {
  name: 'スマホスピタル佐賀駅前店',
  shortName: 'スマホスピタル佐賀駅前',
  slug: 'saga',
  status: 'open',
  postalCode: '840-0801',
  prefecture: 'saga',
  city: '佐賀市',
  addressLine: '駅前中央2-3-3',
  nearestStation: '佐賀駅',
  phone: '0952-30-2255',
  email: 'info@iphonerepair-saga.com',
  reservationNote: 'お電話でご予約の上ご来店下さい。',
  bookingLinkText: 'スマホスピタル佐賀駅前店 WEB予約',
  seo: {
    keyword: 'iPhone修理 佐賀',
    title: 'iPhone・スマホ修理のスマホスピタル佐賀駅前店',
    description: 'iPhone修理 佐賀なら佐賀駅近のスマホスピタル佐賀駅前にお任せ!',
  },
  openingHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'holiday'], opens: '11:00', closes: '20:00' }],
  regularHolidays: '定休日なし',
}

/**
 * A made-up second store, so the demo users show what "own store" and "another store" mean. Not a real shop:
 * the address is only a plausible one, the toll-free number an unassigned-looking placeholder.
 */
export const demoStore = {
  name: 'デモ店舗（サンプル）',
  slug: 'demo',
  status: 'coming_soon',
  postalCode: '810-0001',
  prefecture: 'fukuoka',
  city: '福岡市中央区',
  addressLine: '天神1-1-1（サンプル住所）',
  phone: '0120-000-000',
  reservationNote: 'デモ用のサンプル店舗です。実在の店舗ではありません。',
  regularHolidays: '定休日なし',
}
