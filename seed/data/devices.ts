/**
 * The catalogue a store starts with: the iPhone line from the 6s, the iPads most brought in, and the Android models most
 * repaired in Japan, by the names they are sold under in Japan and their year of release there. A model whose Japanese
 * release year was not certain is left out: HQ adds it in the admin. Aliases hold only the short forms staff and
 * customers type (ip12, 12pro); full-width and katakana spellings (ｉＰｈｏｎｅ１２, アイフォン12, エクスペリア) are found
 * without them (src/lib/deviceSearch.ts).
 */
type Brand = 'apple' | 'google' | 'samsung' | 'sony' | 'sharp' | 'fcnt'
type SeedDevice = { brand: Brand; model: string; slug: string; releaseYear: number; aliases: string[] }

const slugOf = (model: string) =>
  model
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\((第?)(\d+)世代\)/g, (_match, _dai, n) => ` gen${n}`)
    .replace(/インチ/g, 'inch')
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/\./g, '-')
    .replace(/^-|-$/g, '')

const device = (brand: Brand, model: string, releaseYear: number, aliases: string[] = [], slug = slugOf(model)): SeedDevice => ({
  brand,
  model,
  slug,
  releaseYear,
  aliases,
})

/** iPhone N [Pro|Pro Max|Plus|mini]: ip12pro, 12pro, 12プロ. */
const iPhone = (name: string, releaseYear: number, extra: string[] = []) => {
  const short = name.toLowerCase().replace(/\s+/g, '')
  return device('apple', `iPhone ${name}`, releaseYear, [`ip${short}`, ...(/^\d+\D/.test(short) ? [short] : []), ...extra])
}

const iPhones = [
  iPhone('6s', 2015),
  iPhone('6s Plus', 2015),
  device('apple', 'iPhone SE（第1世代）', 2016, ['iPhone SE', 'ipse', 'SE1', 'SE初代'], 'iphone-se-gen1'),
  device('apple', 'iPhone 7', 2016, ['アイフォン7', 'ip7'], 'iphone-7'),
  iPhone('7 Plus', 2016),
  device('apple', 'iPhone 8', 2017, ['アイフォン8', 'ip8'], 'iphone-8'),
  iPhone('8 Plus', 2017),
  device('apple', 'iPhone X', 2017, ['iPhone 10', 'アイフォンテン', 'ipx'], 'iphone-x'),
  iPhone('XS', 2018, ['iPhone 10s']),
  iPhone('XS Max', 2018),
  iPhone('XR', 2018, ['iPhone 10r']),
  iPhone('11', 2019),
  iPhone('11 Pro', 2019),
  iPhone('11 Pro Max', 2019),
  device('apple', 'iPhone SE（第2世代）', 2020, ['ipse2', 'SE2'], 'iphone-se-gen2'),
  iPhone('12', 2020),
  iPhone('12 mini', 2020),
  iPhone('12 Pro', 2020),
  iPhone('12 Pro Max', 2020),
  iPhone('13', 2021),
  iPhone('13 mini', 2021),
  iPhone('13 Pro', 2021),
  iPhone('13 Pro Max', 2021),
  device('apple', 'iPhone SE（第3世代）', 2022, ['ipse3', 'SE3'], 'iphone-se-gen3'),
  iPhone('14', 2022),
  iPhone('14 Plus', 2022),
  iPhone('14 Pro', 2022),
  iPhone('14 Pro Max', 2022),
  iPhone('15', 2023),
  iPhone('15 Plus', 2023),
  iPhone('15 Pro', 2023),
  iPhone('15 Pro Max', 2023),
  iPhone('16', 2024),
  iPhone('16 Plus', 2024),
  iPhone('16 Pro', 2024),
  iPhone('16 Pro Max', 2024),
  iPhone('16e', 2025),
  iPhone('17', 2025),
  iPhone('Air', 2025),
  iPhone('17 Pro', 2025),
  iPhone('17 Pro Max', 2025),
]

const iPads = [
  device('apple', 'iPad（第6世代）', 2018, ['ipad6']),
  device('apple', 'iPad（第7世代）', 2019, ['ipad7']),
  device('apple', 'iPad（第8世代）', 2020, ['ipad8']),
  device('apple', 'iPad（第9世代）', 2021, ['ipad9']),
  device('apple', 'iPad（第10世代）', 2022, ['ipad10']),
  device('apple', 'iPad mini（第5世代）', 2019, ['ipadmini5']),
  device('apple', 'iPad mini（第6世代）', 2021, ['ipadmini6']),
  device('apple', 'iPad Air（第3世代）', 2019, ['ipadair3']),
  device('apple', 'iPad Air（第4世代）', 2020, ['ipadair4']),
  device('apple', 'iPad Air（第5世代）', 2022, ['ipadair5']),
  device('apple', 'iPad Pro 11インチ（第1世代）', 2018, ['ipadpro11']),
  device('apple', 'iPad Pro 11インチ（第2世代）', 2020),
  device('apple', 'iPad Pro 11インチ（第3世代）', 2021),
  device('apple', 'iPad Pro 11インチ（第4世代）', 2022),
  device('apple', 'iPad Pro 12.9インチ（第3世代）', 2018, ['ipadpro12.9']),
  device('apple', 'iPad Pro 12.9インチ（第4世代）', 2020),
  device('apple', 'iPad Pro 12.9インチ（第5世代）', 2021),
  device('apple', 'iPad Pro 12.9インチ（第6世代）', 2022),
]

const pixels = [
  device('google', 'Pixel 6', 2021),
  device('google', 'Pixel 6 Pro', 2021),
  device('google', 'Pixel 6a', 2022),
  device('google', 'Pixel 7', 2022),
  device('google', 'Pixel 7 Pro', 2022),
  device('google', 'Pixel 7a', 2023),
  device('google', 'Pixel 8', 2023),
  device('google', 'Pixel 8 Pro', 2023),
  device('google', 'Pixel 8a', 2024),
  device('google', 'Pixel 9', 2024),
  device('google', 'Pixel 9 Pro', 2024),
  device('google', 'Pixel 9 Pro XL', 2024),
  device('google', 'Pixel 9a', 2025),
].map((pixel) => ({ ...pixel, aliases: [pixel.model.replace('Pixel ', 'Google Pixel ')] }))

const galaxies = [
  device('samsung', 'Galaxy S20 5G', 2020, ['S20']),
  device('samsung', 'Galaxy S21 5G', 2021, ['S21']),
  device('samsung', 'Galaxy S22', 2022, ['S22']),
  device('samsung', 'Galaxy S23', 2023, ['S23']),
  device('samsung', 'Galaxy S24', 2024, ['S24']),
  device('samsung', 'Galaxy A51 5G', 2020, ['A51']),
  device('samsung', 'Galaxy A52 5G', 2021, ['A52']),
  device('samsung', 'Galaxy A53 5G', 2022, ['A53']),
  device('samsung', 'Galaxy A54 5G', 2023, ['A54']),
]

/** Xperia 1 II: also typed as Xperia 1 mark2, 1ii. */
const xperia = (series: string, mark: number, releaseYear: number) => {
  const roman = ['', 'II', 'III', 'IV', 'V', 'VI'][mark - 1]
  const model = roman ? `Xperia ${series} ${roman}` : `Xperia ${series}`
  return device('sony', model, releaseYear, roman ? [`Xperia ${series} mark${mark}`, `${series}${roman.toLowerCase()}`] : [])
}

const xperias = [
  xperia('1', 1, 2019),
  xperia('5', 1, 2019),
  xperia('1', 2, 2020),
  xperia('5', 2, 2020),
  xperia('10', 2, 2020),
  xperia('1', 3, 2021),
  xperia('5', 3, 2021),
  xperia('10', 3, 2021),
  xperia('1', 4, 2022),
  xperia('5', 4, 2022),
  xperia('10', 4, 2022),
  xperia('1', 5, 2023),
  xperia('5', 5, 2023),
  xperia('10', 5, 2023),
  xperia('1', 6, 2024),
  xperia('10', 6, 2024),
]

const aquos = [
  device('sharp', 'AQUOS sense3', 2019, ['sense3']),
  device('sharp', 'AQUOS sense4', 2020, ['sense4']),
  device('sharp', 'AQUOS sense6', 2021, ['sense6']),
  device('sharp', 'AQUOS sense7', 2022, ['sense7']),
  device('sharp', 'AQUOS sense8', 2023, ['sense8']),
  device('sharp', 'AQUOS sense9', 2024, ['sense9']),
  device('sharp', 'AQUOS wish2', 2022, ['wish2']),
  device('sharp', 'AQUOS wish3', 2023, ['wish3']),
  device('sharp', 'AQUOS wish4', 2024, ['wish4']),
  device('sharp', 'AQUOS R5G', 2020, ['R5G']),
  device('sharp', 'AQUOS R6', 2021, ['R6']),
  device('sharp', 'AQUOS R7', 2022, ['R7']),
  device('sharp', 'AQUOS R8', 2023, ['R8']),
  device('sharp', 'AQUOS R8 pro', 2023, ['R8pro']),
  device('sharp', 'AQUOS R9', 2024, ['R9']),
]

const arrows = [device('fcnt', 'arrows We', 2021, ['アローズWe'])]

export const devices: SeedDevice[] = [...iPhones, ...iPads, ...pixels, ...galaxies, ...xperias, ...aquos, ...arrows]
