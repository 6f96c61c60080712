/** HTML the page may insert as it is: built by `html` below, or rendered and escaped by the CMS (a body's `bodyHtml`). */
export class Html {
  constructor(readonly value: string) {}
  toString() {
    return this.value
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export const escape = (text: string) => text.replace(/[&<>"']/g, (character) => ESCAPES[character]!)

const piece = (value: unknown): string => {
  if (value === null || value === undefined || value === false) return ''
  if (value instanceof Html) return value.value
  if (Array.isArray(value)) return value.map(piece).join('')
  return escape(String(value))
}

/** A template whose every interpolated value is escaped, except `Html` (and arrays of it); null and false print nothing. */
export const html = (strings: TemplateStringsArray, ...values: unknown[]): Html =>
  new Html(
    strings.reduce((out, string, index) => out + string + (index < values.length ? piece(values[index]) : ''), ''),
  )

/** The CMS's rendered HTML of a body: its converters escape text and allow only safe links and pictures. */
export const trusted = (value: string | null | undefined) => new Html(value ?? '')
