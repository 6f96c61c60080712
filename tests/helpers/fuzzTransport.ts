import type { CollectionSlug, SanitizedCollectionConfig } from 'payload'

import { formatNames, toWords } from 'payload'

import { type Data, RawJson, toJson } from './fuzzCases'
import type { TestServer } from './server'

export type Transport = 'REST' | 'GraphQL'

/**
 * One answer: the HTTP status, and the status the answer means (GraphQL: its first error's extensions.statusCode,
 * 200 without errors), the body, the new or updated document's ID, and for GraphQL whether the mutation's data is null.
 */
export type Answer = { httpStatus: number; status: number; body: any; id?: string; dataIsNull: boolean }

type TypeRef = { kind: string; name: string | null; ofType: TypeRef | null }
type SchemaType = {
  kind: string
  name: string
  inputFields: Array<{ name: string; type: TypeRef }> | null
  enumValues: Array<{ name: string }> | null
}

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }'
const INTROSPECTION = `{ __schema { types { kind name inputFields { name type { ${TYPE_REF} } } enumValues { name } } } }`

/** GraphQL spells a select value as an enum name: the time zone Asia/Tokyo becomes Asia_Tokyo (our own codes read alike). */
const enumName = (value: string) => value.replace(/[^\w]/g, '_')

/** The names Payload's GraphQL schema gives a collection (@payloadcms/graphql initCollections). */
export const graphqlNames = (config: SanitizedCollectionConfig) => {
  const singular =
    config.graphQL && config.graphQL.singularName
      ? toWords(config.graphQL.singularName, true)
      : formatNames(config.slug).singular
  return {
    create: `create${singular}`,
    update: `update${singular}`,
    createInput: `mutation${singular}Input`,
    updateInput: `mutation${singular}UpdateInput`,
  }
}

/**
 * REST and GraphQL writes to any collection, as a frontend sends them. GraphQL variables are shaped as a client
 * would shape them from the schema (select values as enum names); a copy of a read keeps only the input's fields,
 * all a GraphQL client can send. Whatever else a case holds is sent as it is.
 */
export const fuzzTransport = async (server: TestServer, token: string, image: Buffer) => {
  const { body } = await server.graphql<{ __schema: { types: SchemaType[] } }>(INTROSPECTION, { token })
  const types = new Map(body.data!.__schema.types.map((type) => [type.name, type]))

  const shape = (value: unknown, ref: TypeRef | null, prune: boolean): unknown => {
    if (!ref || value === null || value === undefined || value instanceof RawJson) return value
    if (ref.kind === 'NON_NULL') return shape(value, ref.ofType, prune)
    if (ref.kind === 'LIST')
      return Array.isArray(value)
        ? value.map((item) => shape(item, ref.ofType, prune))
        : shape(value, ref.ofType, prune)
    const type = ref.name ? types.get(ref.name) : undefined
    if (type?.kind === 'ENUM' && typeof value === 'string') {
      return type.enumValues?.find(({ name }) => name === value || name === enumName(value))?.name ?? value
    }
    if (type?.kind === 'INPUT_OBJECT' && typeof value === 'object' && !Array.isArray(value)) {
      const fields = new Map(type.inputFields!.map((field) => [field.name, field.type]))
      const entries = Object.entries(value as Data).flatMap(([key, item]): Array<[string, unknown]> => {
        const fieldType = fields.get(key)
        if (fieldType) return [[key, shape(item, fieldType, prune)]]
        return prune ? [] : [[key, item]]
      })
      return Object.fromEntries(entries)
    }
    return value
  }

  // Object.fromEntries keeps an own `__proto__` key as a plain property, so a prototype-pollution body stays one.
  const asVariables = (data: Data, inputType: string, prune: boolean) =>
    shape(data, { kind: 'INPUT_OBJECT', name: inputType, ofType: null }, prune) as Data

  /** A request, or null when the connection failed before an answer came (the server reset it). */
  const sent = (path: string, init: Parameters<TestServer['request']>[1]): Promise<Response | null> =>
    server.request(path, init).catch(() => null)

  /** No answer at all: status 0, told apart from every HTTP status. */
  const unanswered: Answer = {
    httpStatus: 0,
    status: 0,
    body: 'no answer: the connection was closed',
    dataIsNull: true,
  }

  const restAnswer = async (response: Response | null): Promise<Answer> => {
    if (!response) return unanswered
    const text = await response.text()
    let parsed: any = text
    try {
      parsed = JSON.parse(text)
    } catch {
      // Not JSON (an HTML error page, say): kept as text for the failure message.
    }
    return { httpStatus: response.status, status: response.status, body: parsed, id: parsed?.doc?.id, dataIsNull: true }
  }

  /**
   * A GraphQL answer without `data` is a request error (the spec's term: the variables did not fit the schema, so
   * nothing ran), a client's error by definition: 400. An error raised while running carries Payload's statusCode.
   */
  const graphqlAnswer = (httpStatus: number, body: any, field: string): Answer => {
    const errors: any[] = body?.errors ?? []
    const requestError = typeof body === 'object' && body !== null && !('data' in body) && errors.length > 0
    const status =
      httpStatus >= 300 || !errors.length ? httpStatus : requestError ? 400 : (errors[0]?.extensions?.statusCode ?? 500)
    return {
      httpStatus,
      status: httpStatus >= 500 ? httpStatus : status,
      body,
      id: body?.data?.[field]?.id,
      dataIsNull: (body?.data?.[field] ?? null) === null,
    }
  }

  const json = (method: string, value: unknown, token?: string): RequestInit & { token?: string } => ({
    method,
    token,
    headers: { 'Content-Type': 'application/json' },
    body: toJson(value),
  })

  const graphql = async (query: string, variables: Data, field: string, token?: string) => {
    const response = await sent('/api/graphql', json('POST', { query, variables }, token))
    if (!response) return unanswered
    const text = await response.text()
    let body: any = text
    try {
      body = JSON.parse(text)
    } catch {
      // Not JSON: kept as text for the failure message.
    }
    return graphqlAnswer(response.status, body, field)
  }

  /** The query string of a REST write: `draft=true` where asked, and any extra (malformed) query a case adds. */
  const queryString = (draft: boolean, extra?: string) => {
    const parts = [...(draft ? ['draft=true'] : []), ...(extra ? [extra] : [])]
    return parts.length ? `?${parts.join('&')}` : ''
  }

  return {
    /** `query`: a raw query string added to a REST write. */
    create: async (
      config: SanitizedCollectionConfig,
      transport: Transport,
      data: Data,
      token?: string,
      { prune = false, query }: { prune?: boolean; query?: string } = {},
    ): Promise<Answer> => {
      if (transport === 'REST') {
        const search = queryString(Boolean(config.versions?.drafts) && data._status === 'draft', query)
        if (config.upload) {
          const form = new FormData()
          form.append('file', new Blob([new Uint8Array(image)], { type: 'image/png' }), 'fuzz.png')
          form.append('_payload', toJson(data))
          return restAnswer(await sent(`/api/${config.slug}${search}`, { method: 'POST', token, body: form }))
        }
        return restAnswer(await sent(`/api/${config.slug}${search}`, json('POST', data, token)))
      }
      const names = graphqlNames(config)
      const draft = config.versions?.drafts && data._status === 'draft' ? ', draft: true' : ''
      const mutation = `mutation ($data: ${names.createInput}!) { ${names.create}(data: $data${draft}) { id } }`
      return graphql(mutation, { data: asVariables(data, names.createInput, prune) }, names.create, token)
    },

    /** `draft`: saved as a draft (Payload then skips field validation), as staff editing a post do. */
    update: async (
      config: SanitizedCollectionConfig,
      transport: Transport,
      id: string,
      data: Data,
      token?: string,
      { prune = false, draft = false, query }: { prune?: boolean; draft?: boolean; query?: string } = {},
    ): Promise<Answer> => {
      const drafts = Boolean(config.versions?.drafts) && draft
      if (transport === 'REST') {
        return restAnswer(
          await sent(`/api/${config.slug}/${id}${queryString(drafts, query)}`, json('PATCH', data, token)),
        )
      }
      const names = graphqlNames(config)
      const mutation = `mutation ($id: String!, $data: ${names.updateInput}!) { ${names.update}(id: $id, data: $data${drafts ? ', draft: true' : ''}) { id } }`
      return graphql(mutation, { id, data: asVariables(data, names.updateInput, prune) }, names.update, token)
    },

    /** Any REST write (`data` as JSON, RawJson values written as they are), for Payload's endpoints past the operations. */
    rest: async (method: 'PATCH' | 'POST', path: string, data: unknown, token?: string): Promise<Answer> =>
      restAnswer(await sent(path, json(method, data, token))),

    /**
     * The document as a REST client reads it at `depth` (the newest draft where there are drafts). Collections nobody
     * reads over the API (jobs, the key-value store) are read through the Local API at the same depth instead.
     */
    read: async (
      slug: CollectionSlug | string,
      id: string,
      depth: 0 | 1,
      token: string,
      drafts: boolean,
    ): Promise<Data> => {
      const response = await server.request(`/api/${slug}/${id}?depth=${depth}${drafts ? '&draft=true' : ''}`, {
        token,
      })
      if (response.status === 200) return response.json()
      const doc = await server.payload.findByID({
        collection: slug as CollectionSlug,
        id,
        depth,
        draft: drafts,
        overrideAccess: true,
      })
      return JSON.parse(JSON.stringify(doc)) as Data
    },
  }
}

export type FuzzTransport = Awaited<ReturnType<typeof fuzzTransport>>
