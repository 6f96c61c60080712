import type { Label } from '../cms/content.js'

const JST = 'Asia/Tokyo'

/** A day as the chain's pages print it: 2019.07.18 (JST). */
export const dotDate = (iso: string) => {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: JST,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso))
  return parts.replace(/-/g, '.')
}

/** The day in Japan, YYYY-MM-DD, for <time datetime>. */
export const isoDay = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: JST }).format(new Date(iso))

/** 11:00 → 11時, 11:30 → 11時30分: how the store's details say its hours. */
export const japaneseClock = (time: string) => {
  const [hours, minutes] = time.split(':')
  return `${Number(hours)}時${minutes === '00' ? '' : `${Number(minutes)}分`}`
}

export const yen = (amount: number) => `${amount.toLocaleString('ja-JP')}円`

/** A code's label from the CMS's label tables, in Japanese; the code itself when the table has no row (never blank). */
export const labelOf = (labels: Label[], collection: string, field: string, code: string) =>
  labels.find((row) => row.collection === collection && row.field === field && row.code === code)?.ja ?? code

/** `{store}` in the chain's links becomes this store's slug. */
export const siteLink = (url: string, storeSlug: string) => url.replaceAll('{store}', encodeURIComponent(storeSlug))
