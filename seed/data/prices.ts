/** The page links to a price list (修理価格一覧) but shows no figures: these rows are sample data, marked so. */
export const SAMPLE_PRICE_NOTE = 'サンプルデータ：元ページに価格の記載はありません。 / Sample data: the source page gives no prices.'

export const samplePrices = [
  { deviceSlug: 'iphone-7', repairMenu: 'screen', priceYen: 8800 },
  { deviceSlug: 'iphone-7', repairMenu: 'battery', priceYen: 6600 },
  { deviceSlug: 'iphone-8', repairMenu: 'screen', priceYen: 9800 },
  { deviceSlug: 'iphone-8', repairMenu: 'battery', priceYen: 6600 },
  { deviceSlug: 'iphone-x', repairMenu: 'screen', priceYen: 16800 },
  { deviceSlug: 'iphone-x', repairMenu: 'battery', priceYen: 7700 },
].map((row) => ({ ...row, validFromDay: '2020-11-01', isSample: true, notes: SAMPLE_PRICE_NOTE }))
