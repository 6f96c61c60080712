import { uploadForm } from '../helpers/images'
import type { TestServer } from '../helpers/server'

export type Api = 'REST' | 'GraphQL'
export type Data = Record<string, unknown>

/** What came back: the status (GraphQL: the error's extensions.statusCode, 200 without error), the ID, the message. */
export type Outcome = { status: number; id?: string; message?: string }

/** Per collection: GraphQL names, whether it has drafts, a text field an edit can write and the field naming its stores. */
export const COLLECTIONS: Record<
  string,
  { one: string; list: string; drafts: boolean; text: string; stores?: string }
> = {
  articles: { one: 'Article', list: 'Articles', drafts: true, text: 'title', stores: 'store' },
  'repair-logs': { one: 'RepairLog', list: 'RepairLogs', drafts: true, text: 'title', stores: 'store' },
  prices: { one: 'Price', list: 'Prices', drafts: true, text: 'notes', stores: 'store' },
  campaigns: { one: 'Campaign', list: 'Campaigns', drafts: true, text: 'title', stores: 'targetStores' },
  devices: { one: 'Device', list: 'Devices', drafts: false, text: 'model' },
  media: { one: 'Media', list: 'allMedia', drafts: false, text: 'alt' },
  stores: { one: 'Store', list: 'Stores', drafts: false, text: 'name' },
  users: { one: 'User', list: 'Users', drafts: false, text: 'name', stores: 'stores' },
}

type GraphQLBody = {
  data?: Record<string, { id?: string } | null>
  errors?: Array<{ message: string; extensions?: { statusCode?: number } }>
}

const graphqlOutcome = (body: GraphQLBody, field: string): Outcome => ({
  status: body.errors?.length ? (body.errors[0].extensions?.statusCode ?? 500) : 200,
  id: body.data?.[field]?.id ?? undefined,
  message: body.errors?.[0]?.message,
})

const restOutcome = async (response: Response): Promise<Outcome> => {
  const body = await response.json()
  return { status: response.status, id: body.doc?.id, message: body.errors?.[0]?.message }
}

/**
 * Read, create, update and delete over REST or GraphQL, the same calls a frontend or the admin makes. Documents
 * of collections with drafts are read and edited as drafts; a create is a draft when its data says so.
 * `image` is the file a REST media upload sends (GraphQL carries no file).
 */
export const apiClient = (server: TestServer, api: Api, image: Buffer) => {
  const rest = {
    read: async (collection: string, id: string, token?: string) => {
      const draft = COLLECTIONS[collection].drafts ? 'draft=true' : ''
      const one = await server.request(`/api/${collection}/${id}?${draft}`, { token })
      const list = await server.request(`/api/${collection}?where[id][equals]=${id}&${draft}`, { token })
      const listed = list.status === 200 && (await list.json()).docs.some((doc: { id: string }) => doc.id === id)
      return { status: one.status, found: one.status === 200 && (await one.json()).id === id, listed }
    },
    create: async (collection: string, data: Data, token?: string): Promise<Outcome> =>
      restOutcome(
        collection === 'media'
          ? await server.request('/api/media', {
              method: 'POST',
              token,
              body: uploadForm(image, 'upload.png', 'image/png', data),
            })
          : await server.request(`/api/${collection}${data._status === 'draft' ? '?draft=true' : ''}`, {
              method: 'POST',
              token,
              json: data,
            }),
      ),
    update: async (collection: string, id: string, data: Data, token?: string): Promise<Outcome> => {
      const draft = COLLECTIONS[collection].drafts ? '?draft=true' : ''
      return restOutcome(
        await server.request(`/api/${collection}/${id}${draft}`, { method: 'PATCH', token, json: data }),
      )
    },
    delete: async (collection: string, id: string, token?: string): Promise<Outcome> =>
      restOutcome(await server.request(`/api/${collection}/${id}`, { method: 'DELETE', token })),
  }

  const graphql = {
    read: async (collection: string, id: string, token?: string) => {
      const { one, list, drafts } = COLLECTIONS[collection]
      const draft = drafts ? ', draft: true' : ''
      const { body } = await server.graphql(
        `query ($id: String!) { one: ${one}(id: $id${draft}) { id } list: ${list}(where: { id: { equals: $id } }${draft}) { docs { id } } }`,
        { variables: { id }, token },
      )
      const found = body.data?.one?.id === id
      const listed = Boolean(body.data?.list?.docs?.some((doc: { id: string }) => doc.id === id))
      return { status: found ? 200 : graphqlOutcome(body, 'one').status, found, listed }
    },
    create: async (collection: string, data: Data, token?: string): Promise<Outcome> => {
      const { one } = COLLECTIONS[collection]
      const draft = data._status === 'draft' ? ', draft: true' : ''
      const { body } = await server.graphql(
        `mutation ($data: mutation${one}Input!) { create${one}(data: $data${draft}) { id } }`,
        {
          variables: { data },
          token,
        },
      )
      return graphqlOutcome(body, `create${one}`)
    },
    update: async (collection: string, id: string, data: Data, token?: string): Promise<Outcome> => {
      const { one, drafts } = COLLECTIONS[collection]
      const { body } = await server.graphql(
        `mutation ($id: String!, $data: mutation${one}UpdateInput!) { update${one}(id: $id, data: $data${drafts ? ', draft: true' : ''}) { id } }`,
        { variables: { id, data }, token },
      )
      return graphqlOutcome(body, `update${one}`)
    },
    delete: async (collection: string, id: string, token?: string): Promise<Outcome> => {
      const { one } = COLLECTIONS[collection]
      const { body } = await server.graphql(`mutation ($id: String!) { delete${one}(id: $id) { id } }`, {
        variables: { id },
        token,
      })
      return graphqlOutcome(body, `delete${one}`)
    },
  }

  return api === 'REST' ? rest : graphql
}

export type ApiClient = ReturnType<typeof apiClient>
