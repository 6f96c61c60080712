/**
 * The chain's site settings as the Saga page shows them: its menu (修理内容一覧, 修理価格一覧), the contact link, the
 * group sites, the online-booking call to action and the headings of its two lists of repair reports. The page gives
 * no addresses for the group sites, so they are text only until HQ adds them; it has no footer text or SEO defaults.
 */
export const siteSettings = {
  siteName: 'iPhone・スマホ修理のスマホスピタル',
  shortName: 'スマホスピタル',
  navigation: [
    { label: '修理内容一覧', url: '/stores/{store}/prices#menus' },
    { label: '修理価格一覧', url: '/stores/{store}/prices' },
  ],
  contact: { label: 'お問合わせはコチラ', url: '/stores/{store}/#contact' },
  groupSites: [{ label: 'スマホスピタルグループサイト' }, { label: 'ゲームホスピタル' }],
  booking: { onlineCallToAction: 'オンライン予約はコチラ。' },
  headings: { storeRepairLogs: '新着iPhone修理ブログ', chainRepairLogs: '修理速報' },
}
