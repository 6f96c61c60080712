/**
 * The four campaigns of the page's side bar, by their names there. The page gives no terms or dates, so
 * they run chain-wide (no target stores) from the page's date with no end; only the 200円OFF has a value.
 */
export const campaigns = [
  { title: 'iPhoneじゃなくてもOK!下取りキャンペーン', slug: 'trade-in', kind: 'trade_in', priority: 40 },
  { title: '往復送料無料キャンペーン', slug: 'free-round-trip-shipping', kind: 'free_shipping', priority: 30 },
  { title: '学割キャンペーン', slug: 'student-discount', kind: 'student_discount', priority: 20 },
  { title: 'いいね!を押して200円OFFキャンペーン', slug: 'like-200-yen-off', kind: 'fixed_yen_off', value: 200, priority: 10 },
].map((campaign) => ({ ...campaign, startsDay: '2019-07-18' }))
