/** One API call: `json` becomes the body, `token` signs in as a user. */
export type ApiRequest = (path: string, init?: RequestInit & { token?: string; json?: unknown }) => Promise<Response>

export type GraphqlRequest = <T = any>(
  query: string,
  options?: { variables?: Record<string, unknown>; token?: string },
) => Promise<{ status: number; body: { data?: T; errors?: any[] } }>

/** REST, GraphQL and sign-in against a running CMS: the in-process test server or the e2e production server. */
export const httpClient = (baseUrl: string) => {
  const request: ApiRequest = (path, { token, json, headers, ...init } = {}) =>
    fetch(`${baseUrl}${path}`, {
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

  const login = async (email: string, password: string) => {
    const response = await request('/api/users/login', { method: 'POST', json: { email, password } })
    const body = await response.json()
    if (!body.token) throw new Error(`login failed for ${email}: ${response.status} ${JSON.stringify(body)}`)
    return body.token as string
  }

  return { request, graphql, login }
}
