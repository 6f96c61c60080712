/** An absolute https address with a host name (a dot in it): what a link to the public may be. */
export const isHttpsUrl = (value: string): boolean => {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' && url.hostname.includes('.')
  } catch {
    return false
  }
}

/**
 * A link the chain's settings may give every shop site: an https address elsewhere, or a path of the site itself
 * (`/stores/{store}/prices`, where `{store}` stands for the store's slug). Never `//host` (another site without a
 * scheme), never whitespace or control characters (browsers drop them, which hides a scheme).
 */
export const isSiteLink = (value: string): boolean => {
  if (/[\u0000-\u0020\u007f-\u009f\s\\]/u.test(value)) return false
  if (value.startsWith('/')) return !value.startsWith('//')
  return isHttpsUrl(value)
}
