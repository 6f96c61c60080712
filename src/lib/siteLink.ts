/**
 * A link the chain's settings may give every shop site: an https address elsewhere, or a path of the site itself
 * (`/stores/{store}/prices`, where `{store}` stands for the store's slug). Never `//host` (another site without a
 * scheme), never whitespace or control characters (browsers drop them, which hides a scheme).
 */
export const isSiteLink = (value: string): boolean => {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u009f\s\\]/u.test(value)) return false
  if (value.startsWith('/')) return !value.startsWith('//')
  try {
    const url = new URL(value)
    return url.protocol === 'https:' && url.hostname.includes('.')
  } catch {
    return false
  }
}
