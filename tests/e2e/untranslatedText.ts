import type { Page } from 'playwright-core'

/**
 * Latin words a Japanese user reads as they are: product and brand names, and the abbreviations Japanese screens
 * use themselves. Anything else in Latin letters alone, on a screen of the Japanese admin, is text nobody translated.
 */
export const LATIN_ALLOWED = [
  // Devices and makers, as the catalogue and customers write them.
  'iPhone',
  'iPad',
  'iPod',
  'Apple',
  'Android',
  'Google',
  'Pixel',
  'Galaxy',
  'Samsung',
  'Xperia',
  'SONY',
  'Sony',
  'AQUOS',
  'SHARP',
  'arrows',
  'FCNT',
  'Pro',
  'Max',
  'Plus',
  'mini',
  'Air',
  'SE',
  'Ultra',
  'Lite',
  'Face',
  'Touch',
  // Abbreviations written in Latin letters in Japanese too.
  'ID',
  'URL',
  'API',
  'REST',
  'GraphQL',
  'JSON',
  'CSV',
  'PDF',
  'JPEG',
  'JPG',
  'PNG',
  'WebP',
  'SVG',
  'EXIF',
  'GPS',
  'SEO',
  'QR',
  'SIM',
  'USB',
  'OK',
  'px',
  'KB',
  'MB',
  'GB',
  'JST',
  'Asia/Tokyo',
]

/**
 * Where a screen shows what somebody typed or uploaded (titles, models, e-mail addresses, file names, JSON), not the
 * admin's own words. A title may well be in Latin letters; the labels around it may not.
 */
export const CONTENT_SELECTORS = [
  '.table td', // list rows
  '.store-dashboard__list', // post titles on the dashboard
  '.doc-header__title', // the document's title above its form
  '.step-nav__last',
  '.step-nav a', // the same title in the breadcrumbs (collections there are named in the navigation)
  '.field-type.relationship .value-container', // the documents a relationship names (device model, store)
  '.field-type.text.has-many .multi-value-label', // values typed into a list field (a device's aliases)
  '.field-type.relationship .rs__option', // the picker's options are documents
  '.relationship-list',
  '.upload-relationship-details',
  '.file-details',
  '.file-meta',
  '.thumbnail', // uploads
  '.rich-text-lexical [contenteditable]', // the body somebody wrote
  '.query-preset-bar',
  '.list-drawer .table', // documents listed in a drawer
  '.api-view',
  '.json-field',
  '.code-editor',
  '.query-inspector', // JSON shown as data
  '.html-diff',
  '.field-diff',
  '.version-diff', // a version's stored values
  '[data-testid="totp-secret"]',
  '[data-testid="recovery-codes"]', // codes, not words
  '.app-header__account', // the signed-in user's avatar initials
]

const ALLOWED_PATTERNS: RegExp[] = [
  /[\w.+-]+@[\w-]+(\.[\w-]+)+/g, // e-mail addresses
  /https?:\/\/\S*/g, // addresses, and the https:// an address field shows before one is typed
  /(^|\s)\/[\w/\-[\]=.?&%]+/g, // paths
  /[\w-]+\.(jpe?g|png|webp|svg|gif|txt)\b/gi, // file names
  /\b[a-z0-9]+(-[a-z0-9]+)+\b/g, // slugs
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, // document IDs
]

/** `text` once every allowed word and pattern is taken out: what is left in Latin letters was never translated. */
export const untranslatedRest = (text: string): string => {
  let rest = text
  for (const pattern of ALLOWED_PATTERNS) rest = rest.replace(pattern, ' ')
  for (const word of LATIN_ALLOWED)
    rest = rest.replace(new RegExp(`(?<![A-Za-z])${word.replace('/', '\\/')}(?![A-Za-z])`, 'g'), ' ')
  return /[A-Za-z]/.test(rest) ? rest.replace(/\s+/g, ' ').trim() : ''
}

/** Text in Latin letters with no Japanese beside it: a label, a button or a message the Japanese admin left in English. */
export const isLatinOnly = (text: string) =>
  /[A-Za-z]/.test(text) && !/[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/.test(text)

/**
 * Every text a user can see on the page, and the words assistive tools read out (placeholders, aria-labels,
 * titles, alt texts), outside content. Hidden elements are left out: a user never meets them.
 */
export const visibleInterfaceTexts = (page: Page): Promise<string[]> =>
  page.evaluate((contentSelectors) => {
    // `text <tag.class>`: the element named after each text, so a failure says where to look.
    const where = (element: Element) =>
      ` <${element.tagName.toLowerCase()}${[...element.classList]
        .slice(0, 2)
        .map((name) => `.${name}`)
        .join('')}>`
    const skip = `script,style,noscript,template,${contentSelectors.join(',')}`
    const isVisible = (element: Element) => {
      if (!(element instanceof HTMLElement) && !(element instanceof SVGElement)) return false
      if (element.closest('[aria-hidden="true"],[hidden]')) return false
      const style = getComputedStyle(element)
      return style.visibility !== 'hidden' && style.display !== 'none' && element.getClientRects().length > 0
    }
    const texts: string[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement
      const text = node.textContent?.trim()
      if (!text || !element || element.closest(skip) || !isVisible(element)) continue
      texts.push(text + where(element))
    }
    for (const element of document.body.querySelectorAll('[placeholder],[aria-label],[title],img[alt]')) {
      if (element.closest(skip) || !isVisible(element)) continue
      for (const name of ['placeholder', 'aria-label', 'title', 'alt']) {
        const value = element.getAttribute(name)?.trim()
        if (value) texts.push(`${value}${where(element)}`)
      }
    }
    texts.push(`${document.title} <title>`)
    return texts
  }, CONTENT_SELECTORS)

/** Remembers every toast the page shows, also those gone before anyone looks (read with `toastsShown`). */
export const recordToasts = (page: Page) =>
  page.addInitScript(() => {
    // Kept in the tab's session storage: a toast shown just before a navigation still counts.
    const seen: string[] = JSON.parse(sessionStorage.getItem('toastsShown') ?? '[]')
    new MutationObserver(() => {
      for (const toast of document.querySelectorAll('.payload-toast-item')) {
        const text = toast.textContent?.trim()
        if (text && !seen.includes(text)) seen.push(text)
      }
      sessionStorage.setItem('toastsShown', JSON.stringify(seen))
    }).observe(document, { childList: true, subtree: true, characterData: true })
  })

export const toastsShown = (page: Page): Promise<string[]> =>
  page.evaluate(() => JSON.parse(sessionStorage.getItem('toastsShown') ?? '[]'))

/** How far the page is wider than the window, and the outermost element that sticks out (`<tag.class>`). */
export const widerThanWindow = (page: Page): Promise<string | undefined> =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth
    const overflow = document.documentElement.scrollWidth - width
    if (overflow <= 0) return undefined
    const sticking = [...document.body.querySelectorAll('*')].find(
      (element) => element.getBoundingClientRect().right > width + 0.5,
    )
    const name = sticking
      ? `<${sticking.tagName.toLowerCase()}${[...sticking.classList]
          .slice(0, 2)
          .map((c) => `.${c}`)
          .join('')}>`
      : ''
    return `${overflow}px wider than the window ${name}`
  })

/** The texts of the page, or of its toasts, that the Japanese admin left untranslated: `screen: text <where>`. */
export const untranslatedOn = (screen: string, texts: string[]): string[] =>
  texts
    .filter((entry) => {
      const text = entry.replace(/ <[^<>]*>$/, '')
      return isLatinOnly(text) && untranslatedRest(text) !== ''
    })
    .map((entry) => `${screen}: ${entry}`)
