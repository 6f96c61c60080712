/** The schemes a link in a body may use: the web, mail and a phone call. Every other scheme is refused. */
const LINK_SCHEMES = new Set(['http', 'https', 'mailto', 'tel'])

/** A URL's scheme as browsers read it (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`, then a colon). */
const SCHEME = /^([a-z][a-z\d+.-]*):/i

/** Longer than any address staff paste; longer ones are a mistake or an attack. */
export const MAX_LINK_URL_LENGTH = 2048

/**
 * Where a link or image in a body may point: http(s), mailto, tel, or a relative path or anchor on the same site.
 * javascript:, data:, vbscript:, file: and the rest are refused, and so is any whitespace or control character:
 * browsers drop tabs, line breaks and control characters from URLs, which is how `java\tscript:` hides its scheme.
 */
export const isSafeLinkUrl = (url: unknown): url is string => {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_LINK_URL_LENGTH) return false
  if (/[\u0000-\u0020\u007f-\u009f\s]/u.test(url)) return false
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase()
  if (scheme === undefined) return true
  if (!LINK_SCHEMES.has(scheme)) return false
  try {
    new URL(url)
    return true
  } catch {
    return false
  }
}
