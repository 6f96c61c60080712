/**
 * The three repair reports of the page's 新着iPhone修理ブログ, with exactly the text it holds: the title and
 * the start of the report, which the page cuts off with "...". That text is the body and the excerpt.
 */
export const repairLogs = [
  {
    title: '2度目の落下で画面が映らなくなったiPhone 8!さらに状態が悪化する前にスマホスピタル佐賀駅前店で画面修理しましょう!',
    slug: '2020-11-27-iphone-8',
    publishedDay: '2020-11-27',
    deviceSlug: 'iphone-8',
    repairMenu: 'screen',
    text: 'スマホスピタル佐賀駅前店です。本日はiPhone 8の画面交換修理をご紹介致します。お客様にお話を伺うと1年ほど前に一度落としたときは1、2本ひびが入る程度で画面表示や操作に問題はなかったのでそのまま...',
  },
  {
    title: '手が滑ってガラス割れに。画面割れではよくある原因ですよね…。本日はiPhone 7の画面交換修理を承りました。スマホ修理はスマホスピタル佐賀駅前店へお気軽にご来店下さいませ。',
    slug: '2020-11-26-iphone-7',
    publishedDay: '2020-11-26',
    deviceSlug: 'iphone-7',
    repairMenu: 'screen',
    text: '本日は佐賀市内からお越しのお客様よりiPhone 7のガラス割れしたとの事で画面交換修理を受付けましたのでご紹介!では、さっそくお客様に「なぜ、ガラスが割れてしまったのか?」の画面割れした経緯について...',
  },
  {
    title: 'ガラス割れの影響で画面ロックの解除ができなくなったiPhone X!さらに不具合が出てくる前に修理に出しましょう!',
    slug: '2020-11-25-iphone-x',
    publishedDay: '2020-11-25',
    deviceSlug: 'iphone-x',
    repairMenu: 'screen',
    text: 'スマホスピタル佐賀駅前店です。今回はiPhone Xの画面交換修理についてご紹介いたします。ご来店いただいたお客様にお話を伺うと、数か月前に一度落としガラス割れしてしまったがその時はまだ操作もできてお...',
  },
]
