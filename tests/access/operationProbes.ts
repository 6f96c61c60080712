/**
 * How the exhaustive access test performs each operation over REST and GraphQL as one actor on one document, and
 * how it tells whether the operation happened: by what the database holds afterwards (a write) or by what came back
 * (a read), never by the status alone. A 5xx, or an answer that contradicts the expectation table where the
 * operation reports rights (docAccess, access), is a problem whatever the cell expects.
 */
import type { CollectionSlug, Payload } from 'payload'

import { randomBytes } from 'node:crypto'

import { uploadForm } from '../helpers/images'
import type { TestServer } from '../helpers/server'
import type { Actor, Scene, Target } from './accessScene'
import { MARKED_FIELD, newestVersion, stillStored, storedMark } from './accessScene'
import { EXPECTATIONS, type Role, rolesOf, type Rule, type Scope } from './expectations'
import { type Api, graphqlNames } from './servedOperations'

/** `heard`: the operation answers about the caller's own state, so a 4xx after it was allowed is an answer, not a refusal. */
export type Outcome = { allowed: boolean; status: number; problem?: string; heard?: boolean }
export type Cell = { api: Api; collection: string; operation: string; scope: Scope; role: Role }

type Answer = { status: number; body: any }
type Probe = (cell: Cell, actor: Actor) => Promise<Outcome>

/** What the site-settings probes save: the required fields, so an allowed save succeeds whatever the global held. */
const SITE_SETTINGS = { siteName: 'アクセス確認のサイト', shortName: 'アクセス確認' }

/** A version ID the global never had: a refused caller is refused before it is looked up, an allowed one meets a 404. */
const NO_SUCH_VERSION = '00000000-0000-4000-8000-000000000000'

const strongPassword = () => `Exhaustive-${randomBytes(12).toString('base64url')}`

export const operationProbes = (server: TestServer, scene: Scene) => {
  const payload: Payload = server.payload
  /** The last answer's status and first error message, to explain a cell that disagrees with the table. */
  let last = ''
  const remember = (status: number, body: any) => {
    const error = body?.errors?.[0]
    last = `${status}${error ? ` ${String(error.message).slice(0, 200)}` : ''}`
  }

  /** What the actor sends besides a session token: a frontend's API key. */
  const credentialsOf = (actor: Actor): Record<string, string> =>
    actor.authorization ? { Authorization: actor.authorization } : {}

  const rest = async (
    path: string,
    actor: Actor,
    init: { method?: string; json?: unknown; body?: FormData } = {},
  ): Promise<Answer> => {
    const response = await server.request(path, {
      method: init.method,
      token: actor.token,
      headers: credentialsOf(actor),
      json: init.json,
      body: init.body,
    })
    const text = await response.text()
    let body: any = null
    try {
      body = text ? JSON.parse(text) : null
    } catch {
      body = text
    }
    remember(response.status, body)
    return { status: response.status, body }
  }

  /** GraphQL: the status is the first error's statusCode (200 without errors), as Payload reports refusals. */
  const graphql = async (
    query: string,
    actor: Actor,
    variables: Record<string, unknown> = {},
  ): Promise<Answer & { data: any }> => {
    const response = await server.request('/api/graphql', {
      method: 'POST',
      token: actor.token,
      headers: credentialsOf(actor),
      json: { query, variables },
    })
    const { status } = response
    const body = await response.json()
    const error = body.errors?.[0]
    const answer = error ? (error.extensions?.statusCode ?? (status === 200 ? 500 : status)) : status
    remember(answer, body)
    return { status: answer, body, data: body.data }
  }

  const config = (collection: string) => payload.collections[collection as CollectionSlug].config
  const hasDrafts = (collection: string) =>
    Boolean((config(collection).versions as { drafts?: unknown } | undefined)?.drafts)
  const draftQuery = (collection: string) => (hasDrafts(collection) ? '&draft=true' : '')
  /** Reads ask for the newest draft, except of a published document: its published version is what the public reads. */
  const readDraftQuery = (cell: Cell) => (cell.scope === 'published' ? '' : draftQuery(cell.collection))
  const readDraftArg = (cell: Cell) => (cell.scope === 'published' ? '' : draftArg(cell.collection))
  /** The version a cell reads or restores: the newest, or the newest published one of a published document. */
  const versionOf = (cell: Cell, id: string) => newestVersion(payload, cell.collection, id, cell.scope === 'published')
  const names = (collection: string) => graphqlNames(config(collection))!
  const marker = (cell: Cell) =>
    `${cell.operation} ${cell.scope} ${cell.role} ${cell.api} ${randomBytes(3).toString('hex')}`
  /** GraphQL arguments for drafts, where the collection has them. */
  const draftArg = (collection: string) => (hasDrafts(collection) ? ', draft: true' : '')

  const target = (cell: Cell, purpose: 'keep' | 'consume' = 'keep'): Promise<Target> =>
    scene.target(cell.collection, cell.scope, cell.role, purpose)

  const storedWithMark = async (collection: string, mark: string) => {
    const { totalDocs } = await payload.count({
      collection: collection as CollectionSlug,
      where: { [MARKED_FIELD[collection]!]: { equals: mark } },
      overrideAccess: true,
    })
    if (totalDocs > 0 || !hasDrafts(collection)) return totalDocs
    // A draft of a new document may live only in its versions.
    const versions = await payload.countVersions({
      collection: collection as CollectionSlug,
      where: { [`version.${MARKED_FIELD[collection]}`]: { equals: mark } },
      overrideAccess: true,
    })
    return versions.totalDocs
  }

  /** A copy happened when there is one more document (an upload's copy keeps the original's fields whatever is sent). */
  const documentCount = async (collection: string) =>
    (await payload.count({ collection: collection as CollectionSlug, overrideAccess: true })).totalDocs

  const has = (docs: unknown, id: string) =>
    Array.isArray(docs) && docs.some((doc) => String((doc as { id: unknown }).id) === id)

  /** Data marking an update: a document lock's globalSlug, a preference's key, ... */
  const markData = (collection: string, mark: string) => ({ [MARKED_FIELD[collection]!]: mark })

  /** An update happened when the stored document carries the mark. */
  const updated = async (cell: Cell, id: string, mark: string, status: number): Promise<Outcome> => ({
    allowed: (await storedMark(payload, cell.collection, id)) === mark,
    status,
  })

  /** A delete happened when the document is gone; the scope then gets a new document for the next cell. */
  const deleted = async (cell: Cell, id: string, status: number): Promise<Outcome> => {
    const gone = !(await stillStored(payload, cell.collection, id))
    if (gone) scene.consumed(cell.collection, cell.scope, cell.role)
    return { allowed: gone, status }
  }

  /** The rules the table grants `role` on `scope` of a collection. */
  const granted = (collection: string, rule: Rule, scope: Scope, role: Role) =>
    rolesOf(EXPECTATIONS[collection]?.rules[rule]?.[scope] ?? '').includes(role)
  const grantedSomewhere = (collection: string, rule: Rule, role: Role) =>
    Object.values(EXPECTATIONS[collection]?.rules[rule] ?? {}).some((who) => rolesOf(who ?? '').includes(role))

  const permitted = (value: unknown) =>
    value === true ||
    (typeof value === 'object' && value !== null && (value as { permission?: unknown }).permission === true)

  /**
   * docAccess reports the caller's rights on one document; what it says of reading it and its history must be what the
   * table says (else it would tell of documents the caller cannot see). Its update and delete are not compared: Payload
   * asks those rules with the stored document as the change (a lock's holder then reads as a takeover in another's
   * name), and rules beyond access (evidence) refuse later; the cells of those operations say who may.
   */
  const docAccessProblem = (cell: Cell, reported: Record<string, unknown>): string | undefined => {
    const wrong: string[] = []
    for (const rule of ['read', 'readVersions'] as const) {
      if (EXPECTATIONS[cell.collection]?.rules[rule]?.[cell.scope] === undefined) continue
      const expected = granted(cell.collection, rule, cell.scope, cell.role)
      const actual = permitted(reported[rule])
      if (actual !== expected) wrong.push(`${rule}: reported ${actual}, table ${expected}`)
    }
    return wrong.length ? `docAccess ${wrong.join('; ')}` : undefined
  }

  const versioned = (collection: string) => Boolean(config(collection).versions)

  /** The slug of a cell's document, and of the store it belongs to: what the lookups by slug are asked with. */
  const slugsOf = async (cell: Cell, id: string) => {
    const doc = (await payload.findByID({
      collection: cell.collection as CollectionSlug,
      id,
      draft: true,
      depth: 1,
      overrideAccess: true,
    })) as { slug?: unknown; store?: { slug?: unknown } }
    return { slug: String(doc.slug), store: String(doc.store?.slug) }
  }

  // ---- Payload's document operations ----

  const restDocument: Record<string, Probe> = {
    find: async (cell, actor) => {
      const { id } = await target(cell)
      const { status, body } = await rest(
        `/api/${cell.collection}?where[id][equals]=${id}&depth=0${readDraftQuery(cell)}`,
        actor,
      )
      return { allowed: status === 200 && has(body?.docs, id), status }
    },
    findByID: async (cell, actor) => {
      const { id } = await target(cell)
      const { status, body } = await rest(`/api/${cell.collection}/${id}?depth=0${readDraftQuery(cell)}`, actor)
      return { allowed: status === 200 && String(body?.id) === id, status }
    },
    findBySlug: async (cell, actor) => {
      const { id } = await target(cell)
      const { slug } = await slugsOf(cell, id)
      const { status, body } = await rest(`/api/${cell.collection}/slug/${slug}?depth=0${readDraftQuery(cell)}`, actor)
      return { allowed: status === 200 && String(body?.id) === id, status }
    },
    count: async (cell, actor) => {
      const { id } = await target(cell)
      const { status, body } = await rest(`/api/${cell.collection}/count?where[id][equals]=${id}`, actor)
      return { allowed: status === 200 && body?.totalDocs === 1, status }
    },
    versions: async (cell, actor) => {
      const { id } = await target(cell)
      const { status, body } = await rest(`/api/${cell.collection}/versions?where[parent][equals]=${id}&depth=0`, actor)
      return { allowed: status === 200 && Array.isArray(body?.docs) && body.docs.length > 0, status }
    },
    versionByID: async (cell, actor) => {
      const { id } = await target(cell)
      const version = await versionOf(cell, id)
      const { status, body } = await rest(`/api/${cell.collection}/versions/${version}?depth=0`, actor)
      return { allowed: status === 200 && String(body?.id) === version, status }
    },
    restoreVersion: async (cell, actor) => {
      const { id } = await target(cell)
      const before = await versionOf(cell, id)
      const newestBefore = await newestVersion(payload, cell.collection, id)
      const { status } = await rest(`/api/${cell.collection}/versions/${before}?depth=0`, actor, { method: 'POST' })
      return { allowed: (await newestVersion(payload, cell.collection, id)) !== newestBefore, status }
    },
    create: async (cell, actor) => {
      const mark = marker(cell)
      const data = scene.newDocument(cell.collection, cell.scope, mark, cell.role)
      const { status } =
        cell.collection === 'media'
          ? await rest('/api/media', actor, {
              method: 'POST',
              body: uploadForm(scene.image, 'upload.png', 'image/png', data),
            })
          : await rest(`/api/${cell.collection}${data._status === 'draft' ? '?draft=true' : ''}`, actor, {
              method: 'POST',
              json: data,
            })
      return { allowed: (await storedWithMark(cell.collection, mark)) > 0, status }
    },
    duplicate: async (cell, actor) => {
      const { id } = await target(cell)
      const before = await documentCount(cell.collection)
      const { status } = await rest(`/api/${cell.collection}/${id}/duplicate?depth=0`, actor, {
        method: 'POST',
        json: scene.newDocument(cell.collection, cell.scope, marker(cell), cell.role),
      })
      return { allowed: (await documentCount(cell.collection)) > before, status }
    },
    updateByID: async (cell, actor) => {
      const { id } = await target(cell)
      const mark = marker(cell)
      const { status } = await rest(`/api/${cell.collection}/${id}?depth=0${draftQuery(cell.collection)}`, actor, {
        method: 'PATCH',
        json: markData(cell.collection, mark),
      })
      return updated(cell, id, mark, status)
    },
    updateWhere: async (cell, actor) => {
      const { id } = await target(cell)
      const mark = marker(cell)
      const { status } = await rest(
        `/api/${cell.collection}?where[id][equals]=${id}&depth=0${draftQuery(cell.collection)}`,
        actor,
        { method: 'PATCH', json: markData(cell.collection, mark) },
      )
      return updated(cell, id, mark, status)
    },
    deleteByID: async (cell, actor) => {
      const { id } = await target(cell, 'consume')
      const { status } = await rest(`/api/${cell.collection}/${id}?depth=0`, actor, { method: 'DELETE' })
      return deleted(cell, id, status)
    },
    deleteWhere: async (cell, actor) => {
      const { id } = await target(cell, 'consume')
      const { status } = await rest(`/api/${cell.collection}?where[id][equals]=${id}&depth=0`, actor, {
        method: 'DELETE',
      })
      return deleted(cell, id, status)
    },
    docAccess: async (cell, actor) => {
      const { id } = await target(cell)
      const { status, body } = await rest(`/api/${cell.collection}/access/${id}`, actor, { method: 'POST' })
      return {
        allowed: status === 200,
        status,
        problem: status === 200 ? docAccessProblem(cell, body ?? {}) : undefined,
      }
    },
  }

  const graphqlDocument: Record<string, Probe> = {
    find: async (cell, actor) => {
      const { id } = await target(cell)
      const { many } = names(cell.collection)
      const { status, data } = await graphql(
        `{ list: ${many}(where: { id: { equals: "${id}" } }${readDraftArg(cell)}) { docs { id } } }`,
        actor,
      )
      return { allowed: has(data?.list?.docs, id), status }
    },
    findByID: async (cell, actor) => {
      const { id } = await target(cell)
      const { one } = names(cell.collection)
      const { status, data } = await graphql(
        `query ($id: String!) { one: ${one}(id: $id${readDraftArg(cell)}) { id } }`,
        actor,
        { id },
      )
      return { allowed: String(data?.one?.id) === id, status }
    },
    findBySlug: async (cell, actor) => {
      const { id } = await target(cell)
      const { one } = names(cell.collection)
      const { slug } = await slugsOf(cell, id)
      const { status, data } = await graphql(
        `query ($slug: String!) { one: ${one}BySlug(slug: $slug${readDraftArg(cell)}) { id } }`,
        actor,
        { slug },
      )
      return { allowed: String(data?.one?.id) === id, status }
    },
    findByStore: async (cell, actor) => {
      const { id } = await target(cell)
      const { many } = names(cell.collection)
      const { store } = await slugsOf(cell, id)
      const { status, data } = await graphql(
        `query ($store: String!) { list: Store${many}(store: $store, where: { id: { equals: "${id}" } }${readDraftArg(cell)}) { docs { id } } }`,
        actor,
        { store },
      )
      return { allowed: has(data?.list?.docs, id), status }
    },
    count: async (cell, actor) => {
      const { id } = await target(cell)
      const { many } = names(cell.collection)
      const { status, data } = await graphql(
        `{ count: count${many}(where: { id: { equals: "${id}" } }) { totalDocs } }`,
        actor,
      )
      return { allowed: data?.count?.totalDocs === 1, status }
    },
    versions: async (cell, actor) => {
      const { id } = await target(cell)
      const { many } = names(cell.collection)
      const { status, data } = await graphql(
        `{ list: versions${many}(where: { parent: { equals: "${id}" } }) { docs { id } } }`,
        actor,
      )
      return { allowed: Array.isArray(data?.list?.docs) && data.list.docs.length > 0, status }
    },
    versionByID: async (cell, actor) => {
      const { id } = await target(cell)
      const version = await versionOf(cell, id)
      const { one } = names(cell.collection)
      const { status, data } = await graphql(`query ($id: String!) { one: version${one}(id: $id) { id } }`, actor, {
        id: version,
      })
      return { allowed: String(data?.one?.id) === version, status }
    },
    restoreVersion: async (cell, actor) => {
      const { id } = await target(cell)
      const before = await versionOf(cell, id)
      const newestBefore = await newestVersion(payload, cell.collection, id)
      const { one } = names(cell.collection)
      const { status } = await graphql(`mutation ($id: String!) { restoreVersion${one}(id: $id) { id } }`, actor, {
        id: before,
      })
      return { allowed: (await newestVersion(payload, cell.collection, id)) !== newestBefore, status }
    },
    create: async (cell, actor) => {
      const mark = marker(cell)
      const data = scene.newDocument(cell.collection, cell.scope, mark, cell.role)
      const { one } = names(cell.collection)
      const draft = data._status === 'draft' ? ', draft: true' : ''
      const { status } = await graphql(
        `mutation ($data: mutation${one}Input!) { create${one}(data: $data${draft}) { id } }`,
        actor,
        { data },
      )
      return { allowed: (await storedWithMark(cell.collection, mark)) > 0, status }
    },
    duplicate: async (cell, actor) => {
      const { id } = await target(cell)
      const before = await documentCount(cell.collection)
      const { one } = names(cell.collection)
      const data = scene.newDocument(cell.collection, cell.scope, marker(cell), cell.role)
      const { status } = await graphql(
        `mutation ($id: String!, $data: mutation${one}Input!) { duplicate${one}(id: $id, data: $data) { id } }`,
        actor,
        { id, data },
      )
      return { allowed: (await documentCount(cell.collection)) > before, status }
    },
    updateByID: async (cell, actor) => {
      const { id } = await target(cell)
      const mark = marker(cell)
      const { one } = names(cell.collection)
      const { status } = await graphql(
        `mutation ($id: String!, $data: mutation${one}UpdateInput!) { update${one}(id: $id, data: $data${draftArg(cell.collection)}) { id } }`,
        actor,
        { id, data: markData(cell.collection, mark) },
      )
      return updated(cell, id, mark, status)
    },
    deleteByID: async (cell, actor) => {
      const { id } = await target(cell, 'consume')
      const { one } = names(cell.collection)
      const { status } = await graphql(`mutation ($id: String!) { delete${one}(id: $id) { id } }`, actor, { id })
      return deleted(cell, id, status)
    },
    docAccess: async (cell, actor) => {
      const { id } = await target(cell)
      const { one } = names(cell.collection)
      const versions = versioned(cell.collection) ? 'readVersions { permission }' : ''
      const { status, data } = await graphql(
        `query ($id: String!) { rights: docAccess${one}(id: $id) { read { permission } update { permission } delete { permission } ${versions} } }`,
        actor,
        { id },
      )
      return {
        allowed: Boolean(data?.rights),
        status,
        problem: data?.rights ? docAccessProblem(cell, data.rights) : undefined,
      }
    },
  }

  // ---- accounts, uploads, our endpoints and the root ----

  const users = '/api/users'
  /** Refused for who the caller is: unauthenticated, or forbidden; an answer about the caller's own state is not. */
  const refusedForWho = ({ status, body }: Answer) =>
    status === 403 || (status === 401 && !body?.errors?.[0]?.data?.errors?.[0]?.path)
  const answered = (answer: Answer): Outcome => ({
    allowed: !refusedForWho(answer) && answer.status < 500,
    status: answer.status,
    heard: true,
  })
  const ok = ({ status }: { status: number }): Outcome => ({ allowed: status >= 200 && status < 300, status })

  /** A second session of the actor's own account, for the operations that end one. */
  const spareSession = async (actor: Actor): Promise<Actor> => {
    if (!actor.email) return actor
    if (actor.role === 'pending') {
      const answer = await rest(
        `${users}/login`,
        { role: 'anonymous' },
        { method: 'POST', json: { email: actor.email, password: actor.password } },
      )
      return { ...actor, token: answer.body.token }
    }
    return { ...actor, token: await server.login(actor.email, actor.password!) }
  }
  const signedOut = async (session: Actor) => (await rest(`${users}/me`, session)).body?.user == null

  const bystander = () => scene.bystander
  const preferenceOf = async (actor: Actor, key: string) =>
    (
      await payload.find({
        collection: 'payload-preferences',
        where: { and: [{ key: { equals: key } }, { 'user.value': { equals: actor.id ?? '' } }] },
        depth: 0,
        overrideAccess: true,
      })
    ).docs[0] as { value?: { marker?: string } } | undefined
  const preferenceKey = (cell: Cell) => `exhaustive-${cell.role}-${cell.api}`
  const setPreference = async (actor: Actor, key: string, mark: string) => {
    if (!actor.id) return
    await payload.db.upsert({
      collection: 'payload-preferences',
      data: { key, value: { marker: mark }, user: { relationTo: 'users', value: actor.id } },
      where: { and: [{ key: { equals: key } }, { 'user.value': { equals: actor.id } }] },
      req: {} as never,
    })
  }

  /** The root access answer overstates nothing: every right it reports, the table grants somewhere. */
  const accessProblem = (role: Role, collections: Record<string, Record<string, unknown>>): string | undefined => {
    const wrong: string[] = []
    for (const [slug, rights] of Object.entries(collections)) {
      for (const rule of ['read', 'readVersions', 'create', 'update', 'delete'] as const) {
        if (permitted(rights?.[rule]) && !grantedSomewhere(slug, rule, role)) wrong.push(`${slug}.${rule}`)
      }
    }
    return wrong.length ? `access reports rights the table does not grant: ${wrong.join(', ')}` : undefined
  }

  const special: Record<string, Partial<Record<Api, Probe>>> = {
    'users me': {
      REST: async (_cell, actor) => {
        const answer = await rest(`${users}/me`, actor)
        return {
          allowed: answer.status === 200 && String(answer.body?.user?.id ?? '') === (actor.id ?? ''),
          status: answer.status,
        }
      },
      GraphQL: async (_cell, actor) => {
        const { status, data } = await graphql('{ meUser { user { id } } }', actor)
        return { allowed: status === 200 && String(data?.meUser?.user?.id ?? '') === (actor.id ?? ''), status }
      },
    },
    'users login': {
      REST: async (_cell, actor) => {
        const answer = await rest(`${users}/login`, actor, {
          method: 'POST',
          json: { email: bystander().email, password: bystander().password },
        })
        return { allowed: answer.status === 200 && typeof answer.body?.token === 'string', status: answer.status }
      },
      GraphQL: async (_cell, actor) => {
        const { status, data } = await graphql(
          'mutation ($email: String!, $password: String) { loginUser(email: $email, password: $password) { token } }',
          actor,
          {
            email: bystander().email,
            password: bystander().password,
          },
        )
        return { allowed: typeof data?.loginUser?.token === 'string', status }
      },
    },
    'users logout': {
      REST: async (_cell, actor) => {
        const session = await spareSession(actor)
        const { status } = await rest(`${users}/logout`, session, { method: 'POST' })
        return { allowed: status === 200 && session.token !== undefined && (await signedOut(session)), status }
      },
      GraphQL: async (_cell, actor) => {
        const session = await spareSession(actor)
        const { status } = await graphql('mutation { logoutUser }', session)
        return { allowed: status === 200 && session.token !== undefined && (await signedOut(session)), status }
      },
    },
    'users refreshToken': {
      REST: async (_cell, actor) => {
        const answer = await rest(`${users}/refresh-token`, actor, { method: 'POST' })
        return {
          allowed: answer.status === 200 && typeof answer.body?.refreshedToken === 'string',
          status: answer.status,
        }
      },
      GraphQL: async (_cell, actor) => {
        const { status, data } = await graphql('mutation { refreshTokenUser { refreshedToken } }', actor)
        return { allowed: typeof data?.refreshTokenUser?.refreshedToken === 'string', status }
      },
    },
    'users forgotPassword': {
      REST: async (_cell, actor) =>
        ok(await rest(`${users}/forgot-password`, actor, { method: 'POST', json: { email: bystander().email } })),
      GraphQL: async (_cell, actor) => {
        const { status, data } = await graphql(
          'mutation ($email: String!) { forgotPasswordUser(email: $email) }',
          actor,
          { email: bystander().email },
        )
        return { allowed: data?.forgotPasswordUser === true, status }
      },
    },
    'users resetPassword': {
      REST: async (_cell, actor) =>
        ok(
          await rest(`${users}/reset-password`, actor, {
            method: 'POST',
            json: { token: randomBytes(20).toString('hex'), password: strongPassword() },
          }),
        ),
      GraphQL: async (_cell, actor) => {
        const { status, data } = await graphql(
          'mutation ($token: String, $password: String) { resetPasswordUser(token: $token, password: $password) { token } }',
          actor,
          {
            token: randomBytes(20).toString('hex'),
            password: strongPassword(),
          },
        )
        return { allowed: Boolean(data?.resetPasswordUser), status }
      },
    },
    'users unlock': {
      REST: async (_cell, actor) =>
        ok(await rest(`${users}/unlock`, actor, { method: 'POST', json: { email: bystander().email } })),
      GraphQL: async (_cell, actor) => {
        const { status, data } = await graphql('mutation ($email: String!) { unlockUser(email: $email) }', actor, {
          email: bystander().email,
        })
        return { allowed: data?.unlockUser === true, status }
      },
    },
    'users verifyEmail': {
      GraphQL: async (_cell, actor) => {
        const { status, data } = await graphql('mutation ($token: String) { verifyEmailUser(token: $token) }', actor, {
          token: randomBytes(20).toString('hex'),
        })
        return { allowed: data?.verifyEmailUser === true, status }
      },
    },
    'users firstRegister': {
      REST: async (_cell, actor) => {
        const email = `first-${randomBytes(5).toString('hex')}@example.com`
        const { status } = await rest(`${users}/first-register`, actor, {
          method: 'POST',
          json: { email, password: strongPassword(), name: 'first', role: 'admin' },
        })
        const { totalDocs } = await payload.count({
          collection: 'users',
          where: { email: { equals: email } },
          overrideAccess: true,
        })
        return { allowed: totalDocs > 0, status }
      },
    },
    'users init': {
      REST: async (_cell, actor) => {
        const answer = await rest(`${users}/init`, actor)
        return { allowed: answer.status === 200 && answer.body?.initialized === true, status: answer.status }
      },
      GraphQL: async (_cell, actor) => {
        const { status, data } = await graphql('{ initializedUser }', actor)
        return { allowed: data?.initializedUser === true, status }
      },
    },
    'users GET /second-factor': { REST: async (_cell, actor) => ok(await rest(`${users}/second-factor`, actor)) },
    'users POST /second-factor/enrol': {
      REST: async (_cell, actor) => answered(await rest(`${users}/second-factor/enrol`, actor, { method: 'POST' })),
    },
    'users POST /second-factor/confirm': {
      REST: async (_cell, actor) =>
        answered(await rest(`${users}/second-factor/confirm`, actor, { method: 'POST', json: { code: '000000' } })),
    },
    'users POST /second-factor/verify': {
      REST: async (_cell, actor) =>
        answered(await rest(`${users}/second-factor/verify`, actor, { method: 'POST', json: { code: '000000' } })),
    },
    'users POST /second-factor/recovery-codes': {
      REST: async (_cell, actor) =>
        answered(
          await rest(`${users}/second-factor/recovery-codes`, actor, { method: 'POST', json: { code: '000000' } }),
        ),
    },
    'users POST /:id/second-factor/remove': {
      REST: async (_cell, actor) =>
        ok(await rest(`${users}/${bystander().id}/second-factor/remove`, actor, { method: 'POST' })),
    },
    'users POST /sessions/end-others': {
      REST: async (_cell, actor) => ok(await rest(`${users}/sessions/end-others`, actor, { method: 'POST' })),
    },
    'users POST /:id/sessions/end': {
      REST: async (_cell, actor) =>
        ok(await rest(`${users}/${bystander().id}/sessions/end`, actor, { method: 'POST' })),
    },

    'media file': {
      REST: async (cell, actor) => {
        const { file } = await target(cell)
        const response = await server.request(`/api/media/file/${file}`, {
          token: actor.token,
          headers: credentialsOf(actor),
        })
        await response.arrayBuffer()
        return ok(response)
      },
    },

    'stores GET /:slug/campaigns/active': {
      REST: async (cell, actor) =>
        ok(await rest(`/api/stores/${cell.scope === 'own store' ? 'own' : 'other'}/campaigns/active`, actor)),
    },
    'stores GET /:slug/prices': {
      REST: async (cell, actor) =>
        ok(await rest(`/api/stores/${cell.scope === 'own store' ? 'own' : 'other'}/prices`, actor)),
    },
    'stores GET /:slug/prices/history': {
      REST: async (cell, actor) =>
        ok(
          await rest(
            `/api/stores/${cell.scope === 'own store' ? 'own' : 'other'}/prices/history?device=${scene.deviceSlug}`,
            actor,
          ),
        ),
    },
    '(root) ActiveCampaigns': {
      GraphQL: async (cell, actor) => {
        const { status, data } = await graphql(
          'query ($store: String!) { ActiveCampaigns(store: $store) { id } }',
          actor,
          { store: cell.scope === 'own store' ? 'own' : 'other' },
        )
        return { allowed: Array.isArray(data?.ActiveCampaigns), status }
      },
    },
    '(root) StorePriceList': {
      GraphQL: async (cell, actor) => {
        const { status, data } = await graphql(
          'query ($store: String!) { StorePriceList(store: $store) { date } }',
          actor,
          { store: cell.scope === 'own store' ? 'own' : 'other' },
        )
        return { allowed: Boolean(data?.StorePriceList?.date), status }
      },
    },
    'site-settings GET /': { REST: async (_cell, actor) => ok(await rest('/api/globals/site-settings', actor)) },
    'site-settings POST /': {
      REST: async (_cell, actor) =>
        ok(await rest('/api/globals/site-settings', actor, { method: 'POST', json: SITE_SETTINGS })),
    },
    'site-settings POST /access': {
      REST: async (_cell, actor) => ok(await rest('/api/globals/site-settings/access', actor, { method: 'POST' })),
    },
    'site-settings GET /versions': {
      REST: async (_cell, actor) => ok(await rest('/api/globals/site-settings/versions', actor)),
    },
    'site-settings GET /versions/:id': {
      REST: async (_cell, actor) => ok(await rest(`/api/globals/site-settings/versions/${NO_SUCH_VERSION}`, actor)),
    },
    'site-settings POST /versions/:id': {
      REST: async (_cell, actor) =>
        ok(await rest(`/api/globals/site-settings/versions/${NO_SUCH_VERSION}`, actor, { method: 'POST' })),
    },
    'site-settings SiteSetting': {
      GraphQL: async (_cell, actor) => {
        const { status, data } = await graphql('{ SiteSetting { siteName } }', actor)
        return { allowed: typeof data?.SiteSetting?.siteName === 'string', status }
      },
    },
    'site-settings updateSiteSetting': {
      GraphQL: async (_cell, actor) => {
        const { status, data } = await graphql(
          'mutation ($data: mutationSiteSettingInput!) { updateSiteSetting(data: $data) { siteName } }',
          actor,
          { data: SITE_SETTINGS },
        )
        return { allowed: Boolean(data?.updateSiteSetting), status }
      },
    },
    'site-settings docAccessSiteSetting': {
      GraphQL: async (_cell, actor) => {
        const { status, data } = await graphql(
          '{ docAccessSiteSetting { fields { siteName { read { permission } } } } }',
          actor,
        )
        return { allowed: Boolean(data?.docAccessSiteSetting), status }
      },
    },
    '(root) GET /labels': { REST: async (_cell, actor) => ok(await rest('/api/labels?collection=stores', actor)) },
    '(root) Labels': {
      GraphQL: async (_cell, actor) => {
        const { status, data } = await graphql('{ Labels(collection: "stores") { code } }', actor)
        return { allowed: Array.isArray(data?.Labels), status }
      },
    },
    '(root) access': {
      REST: async (_cell, actor) => {
        const { status, body } = await rest('/api/access', actor)
        return {
          allowed: status === 200,
          status,
          problem: status === 200 ? accessProblem(actor.role, body?.collections ?? {}) : undefined,
        }
      },
      GraphQL: async (_cell, actor) => {
        const selections = payload.config.collections
          .filter((collection) => graphqlNames(collection) && EXPECTATIONS[collection.slug]?.rules.read)
          .map((collection) => {
            const versions = collection.versions ? 'readVersions { permission }' : ''
            return `${collection.slug.replaceAll('-', '_')} { read { permission } create { permission } update { permission } delete { permission } ${versions} }`
          })
        const { status, data } = await graphql(`{ Access { ${selections.join(' ')} } }`, actor)
        const collections = Object.fromEntries(
          Object.entries(data?.Access ?? {}).map(([field, rights]) => [
            field.replaceAll('_', '-'),
            rights as Record<string, unknown>,
          ]),
        )
        return {
          allowed: Boolean(data?.Access),
          status,
          problem: data?.Access ? accessProblem(actor.role, collections) : undefined,
        }
      },
    },

    'payload-preferences GET /:key': {
      REST: async (cell, actor) => {
        const key = preferenceKey(cell)
        const mark = marker(cell)
        await setPreference(actor, key, mark)
        const answer = await rest(`/api/payload-preferences/${key}`, actor)
        return { allowed: answer.status === 200 && answer.body?.value?.marker === mark, status: answer.status }
      },
    },
    'payload-preferences POST /:key': {
      REST: async (cell, actor) => {
        const key = preferenceKey(cell)
        const mark = marker(cell)
        const { status } = await rest(`/api/payload-preferences/${key}`, actor, {
          method: 'POST',
          json: { value: { marker: mark } },
        })
        return { allowed: actor.id !== undefined && (await preferenceOf(actor, key))?.value?.marker === mark, status }
      },
    },
    'payload-preferences DELETE /:key': {
      REST: async (cell, actor) => {
        const key = preferenceKey(cell)
        await setPreference(actor, key, marker(cell))
        const { status } = await rest(`/api/payload-preferences/${key}`, actor, { method: 'DELETE' })
        return { allowed: actor.id !== undefined && (await preferenceOf(actor, key)) === undefined, status }
      },
    },
    'payload-jobs GET /run': { REST: async (_cell, actor) => ok(await rest('/api/payload-jobs/run', actor)) },
  }

  return {
    /** The probe of a served operation over one API; undefined when this test does not know how to perform it. */
    probeOf: (api: Api, collection: string, operation: string): Probe | undefined =>
      special[`${collection} ${operation}`]?.[api] ?? (api === 'REST' ? restDocument : graphqlDocument)[operation],
    lastAnswer: () => last,
  }
}
