/** スマホスピタル佐賀駅前店, with the details its page gives (no coordinates or booking address are on it). */
export const sagaStore = {
  name: 'スマホスピタル佐賀駅前店',
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
  openingHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'holiday'], opens: '11:00', closes: '20:00' }],
  regularHolidays: '定休日なし',
}
