import { totpCode } from './totp'

/** One API call: `json` becomes the body, `token` signs in as a user. */
export type ApiRequest = (path: string, init?: RequestInit & { token?: string; json?: unknown }) => Promise<Response>

export type GraphqlRequest = <T = any>(
  query: string,
  options?: { variables?: Record<string, unknown>; token?: string },
) => Promise<{ status: number; body: { data?: T; errors?: any[] } }>

/** Second factors the tests' accounts enrolled, by e-mail address: their TOTP secret and unused recovery codes. */
const secondFactors = new Map<string, { secret: string; recoveryCodes: string[] }>()

const pathOf = (url: string) => {
  const { pathname, search } = new URL(url)
  return `${pathname}${search}`
}

/** REST, GraphQL and sign-in against a running CMS: the in-process test server or the e2e production server. */
export const httpClient = (baseUrl: string) => {
  // A URL the CMS handed out (a media file's) is absolute: its path is asked of this server.
  const request: ApiRequest = (path, { token, json, headers, ...init } = {}) =>
    fetch(`${baseUrl}${/^https?:/.test(path) ? pathOf(path) : path}`, {
      ...init,
      headers: {
        ...(json === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(token ? { Authorization: `JWT ${token}` } : {}),
        ...headers,
      },
      body: json === undefined ? init.body : JSON.stringify(json),
    })

  const graphql: GraphqlRequest = async (query, { variables, token } = {}) => {
    const response = await request('/api/graphql', { method: 'POST', token, json: { query, variables } })
    return { status: response.status, body: await response.json() }
  }

  /** Enrols the session's account on its first sign-in, and passes the second factor with a recovery code later. */
  const passSecondFactor = async (email: string, token: string) => {
    const { status } = await (await request('/api/users/second-factor', { token })).json()
    if (status === 'enrol') {
      const { secret } = await (await request('/api/users/second-factor/enrol', { method: 'POST', token })).json()
      const confirmed = await request('/api/users/second-factor/confirm', {
        method: 'POST',
        token,
        json: { code: totpCode(secret) },
      })
      if (!confirmed.ok) throw new Error(`enrolment failed for ${email}: ${confirmed.status} ${await confirmed.text()}`)
      secondFactors.set(email, { secret, recoveryCodes: (await confirmed.json()).recoveryCodes })
    }
    if (status === 'verify') {
      const recoveryCode = secondFactors.get(email)?.recoveryCodes.pop()
      if (!recoveryCode) throw new Error(`no recovery code left for ${email}`)
      const verified = await request('/api/users/second-factor/verify', {
        method: 'POST',
        token,
        json: { recoveryCode },
      })
      if (!verified.ok)
        throw new Error(`second factor failed for ${email}: ${verified.status} ${await verified.text()}`)
    }
  }

  /** Signs in over REST and, for admin and HQ, through the second factor, as the admin would. */
  const login = async (email: string, password: string) => {
    const response = await request('/api/users/login', { method: 'POST', json: { email, password } })
    const body = await response.json()
    if (!body.token) throw new Error(`login failed for ${email}: ${response.status} ${JSON.stringify(body)}`)
    await passSecondFactor(email, body.token)
    return body.token as string
  }

  return { request, graphql, login }
}
