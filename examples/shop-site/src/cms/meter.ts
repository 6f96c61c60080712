/**
 * What one page costs the CMS and the network: the requests it made, the bytes they brought, and how many of those
 * bytes the page used. "Used" is measured, not guessed: every JSON answer is handed to the page wrapped in a proxy
 * that records each value the page reads; the used bytes are the size of the JSON holding only those values.
 */
export type PageCost = { requests: number; bytesFetched: number; bytesUsed: number; urls: string[] }

type Path = Array<{ key: string; inArray: boolean }>

export class Meter {
  private readonly urls: string[] = []
  private bytesFetched = 0
  private readonly used: Record<string, unknown> = {}

  /** `apiKey`: the CMS's frontend key; with it the CMS never counts the site's reads against its rate limit. */
  constructor(
    private readonly cmsUrl: string,
    private readonly apiKey?: string,
  ) {}

  /** Fetches JSON from the CMS; the answer comes back recorded. */
  async fetchJson(path: string, init: RequestInit = {}): Promise<{ status: number; json: any }> {
    // Counted when sent: a page that stops at its first 404 still made the requests already on their way.
    this.urls.push(`${init.method ?? 'GET'} ${path}`)
    const answer = this.urls.length - 1
    const response = await fetch(`${this.cmsUrl}${path}`, {
      ...init,
      headers: {
        Accept: 'application/json',
        ...(this.apiKey ? { Authorization: `users API-Key ${this.apiKey}` } : {}),
        ...init.headers,
      },
    })
    const text = await response.text()
    this.bytesFetched += Buffer.byteLength(text)
    const json = text ? JSON.parse(text) : null
    return { status: response.status, json: this.track(json, [{ key: String(answer), inArray: false }]) }
  }

  cost(): PageCost {
    return {
      requests: this.urls.length,
      bytesFetched: this.bytesFetched,
      bytesUsed: Buffer.byteLength(JSON.stringify(this.used)),
      urls: [...this.urls],
    }
  }

  private track(value: unknown, path: Path): any {
    if (value === null || typeof value !== 'object') return value
    return new Proxy(value as object, {
      get: (target, key, receiver) => {
        const child = Reflect.get(target, key, receiver)
        if (typeof key !== 'string' || !Object.prototype.hasOwnProperty.call(target, key)) return child
        const childPath = [...path, { key, inArray: Array.isArray(target) }]
        if (child === null || typeof child !== 'object') {
          this.markUsed(childPath, child)
          return child
        }
        return this.track(child, childPath)
      },
    })
  }

  private markUsed(path: Path, value: unknown) {
    let node: Record<string, unknown> = this.used
    path.forEach(({ key }, index) => {
      const next = path[index + 1]
      if (!next) {
        node[key] = value
        return
      }
      node[key] ??= next.inArray ? [] : {}
      node = node[key] as Record<string, unknown>
    })
  }
}
