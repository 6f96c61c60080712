import type { Payload, PayloadRequest } from 'payload'

/**
 * One spelling for every way a model name is typed, so a search finds a device however it was written: NFKC (ｉＰｈｏｎｅ１２ →
 * iPhone12, Ⅱ → II), lower case, hiragana as katakana (あいふぉん → アイフォン), the katakana readings of the catalogue's words as
 * their Latin spelling (アイフォン/アイホン → iphone, プロ → pro), and no spaces or punctuation. The stored search text and each
 * search are both reduced this way, so neither needs every combination of scripts spelt out.
 */
const READINGS: [RegExp, string][] = [
  [/アイフォーン|アイフォン|アイホン/g, 'iphone'],
  [/アイパッド/g, 'ipad'],
  [/ギャラクシー/g, 'galaxy'],
  [/エクスペリア/g, 'xperia'],
  [/アクオス/g, 'aquos'],
  [/ピクセル/g, 'pixel'],
  [/アローズ/g, 'arrows'],
  [/センス/g, 'sense'],
  [/ウィッシュ/g, 'wish'],
  [/プロ/g, 'pro'],
  [/マックス/g, 'max'],
  [/ミニ/g, 'mini'],
  [/プラス/g, 'plus'],
  [/エアー?/g, 'air'],
  [/マーク/g, 'mark'],
]

const HIRAGANA = /[\u3041-\u3096]/g

export const normaliseDeviceSearch = (text: string): string => {
  let folded = text.normalize('NFKC').toLowerCase()
  // Hiragana and katakana are 0x60 apart in Unicode.
  folded = folded.replace(HIRAGANA, (kana) => String.fromCharCode(kana.charCodeAt(0) + 0x60))
  for (const [reading, latin] of READINGS) folded = folded.replace(reading, latin)
  return folded.replace(/[\s\p{P}\p{S}ー]/gu, '')
}

/** The hidden search text of a device: each of its names reduced, one word per name. */
export const deviceSearchText = (model: unknown, aliases: unknown): string => {
  const names = [model, ...(Array.isArray(aliases) ? aliases : [])].filter(
    (name): name is string => typeof name === 'string',
  )
  return [...new Set(names.map(normaliseDeviceSearch).filter(Boolean))].join(' ')
}

/**
 * Fills the search text of devices written before it existed, for the migration that adds it (call it from its `up`
 * after the column is added): written straight to the database, so no hook, timestamp or audit entry changes.
 */
export const fillDeviceSearchText = async (payload: Payload, req?: PayloadRequest): Promise<number> => {
  const { docs } = await payload.find({ collection: 'devices', pagination: false, depth: 0, overrideAccess: true, req })
  for (const device of docs as Array<{ id: string; model: string; aliases?: string[] | null; updatedAt: string }>) {
    // updatedAt as it was: the adapter would stamp the fill as an edit.
    const data = { searchText: deviceSearchText(device.model, device.aliases), updatedAt: device.updatedAt }
    await payload.db.updateOne({ collection: 'devices', id: device.id, data, req })
  }
  return docs.length
}
