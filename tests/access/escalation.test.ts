import type { CollectionSlug, Payload } from 'payload'

import { randomBytes } from 'node:crypto'
import { isEntityHidden } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { plainTextToLexical } from '../../src/lib/lexicalText'
import { relationIds } from '../../src/lib/relations'
import { ownOtherStoresAndDevice, type SignedInUser, signedInUser, storeData } from '../helpers/fixtures'
import { pngImage } from '../helpers/images'
import { createUser } from '../helpers/payload'
import { roleAccounts } from '../helpers/roleAccounts'
import { startServer, type TestServer } from '../helpers/server'
import { type Api, type ApiClient, apiClient } from './apiClient'

let server: TestServer
let payload: Payload
const ids = { own: '', other: '', device: '' }
const accounts = {} as Record<'staff' | 'manager' | 'hq' | 'admin' | 'hqAtOwnStore', SignedInUser>
const clients = {} as Record<Api, ApiClient>
const APIS: Api[] = ['REST', 'GraphQL']

beforeAll(async () => {
  server = await startServer()
  payload = server.payload
  Object.assign(ids, await ownOtherStoresAndDevice(payload))
  const [shared, hqAtOwnStore] = await Promise.all([
    roleAccounts(server, ids, ['staff', 'manager', 'hq', 'admin']),
    signedInUser(server, 'hq', [ids.own]),
  ])
  Object.assign(accounts, shared, { hqAtOwnStore })
  const image = await pngImage()
  for (const api of APIS) clients[api] = apiClient(server, api, image)
})
afterAll(async () => {
  await server?.stop()
})

const storedUser = (id: string) => payload.findByID({ collection: 'users', id, depth: 0, overrideAccess: true })

/** The e-mail address and password hash as stored (the hash never leaves the server otherwise). */
const storedCredentials = async (id: string) => {
  const stored = await payload.db.findOne<{ id: string; email: string; hash: string }>({
    collection: 'users',
    where: { id: { equals: id } },
  })
  return { email: stored?.email, hash: stored?.hash }
}

const article = (store: string, title: string) =>
  payload.create({
    collection: 'articles',
    data: { title, store, body: plainTextToLexical([['本文']]), _status: 'draft' },
    draft: true,
    overrideAccess: true,
  })

const countWhere = async (collection: CollectionSlug, field: string, value: string) =>
  (await payload.count({ collection, where: { [field]: { equals: value } }, overrideAccess: true })).totalDocs

describe.each(APIS)('nobody raises their own rights (%s)', (api) => {
  it.each([
    ['staff', 'admin'],
    ['manager', 'hq'],
    ['hq', 'admin'],
  ] as const)('refuses a %s changing their own role to %s with 403, and keeps it', async (role, wanted) => {
    const { id, token } = accounts[role]
    const outcome = await clients[api].update('users', id, { role: wanted }, token)
    expect(outcome.status, outcome.message).toBe(403)
    expect(outcome.message).toBe('権限を変更できるのは管理者だけです。')
    expect((await storedUser(id)).role).toBe(role)
  })

  it.each([
    ['staff', 'another store', () => [ids.own, ids.other]],
    ['manager', 'another store', () => [ids.own, ids.other]],
    ['manager', 'no store left', () => []],
    ['hq', 'a store', () => [ids.own]],
  ] as const)('refuses a %s changing their own stores (%s) with 403, and keeps them', async (role, _change, stores) => {
    const { id, token } = accounts[role]
    const before = relationIds((await storedUser(id)).stores)
    const outcome = await clients[api].update('users', id, { stores: stores() }, token)
    expect(outcome.status, outcome.message).toBe(403)
    expect(relationIds((await storedUser(id)).stores)).toEqual(before)
  })

  it.each(['staff', 'manager', 'hq'] as const)(
    'lets a %s save their own account with role and stores unchanged, as the admin form sends them',
    async (role) => {
      const { id, token } = accounts[role]
      const { role: ownRole, stores } = await storedUser(id)
      const name = `${role} renamed via ${api}`
      const outcome = await clients[api].update(
        'users',
        id,
        { name, role: ownRole, stores: relationIds(stores) },
        token,
      )
      expect(outcome.status, outcome.message).toBe(200)
      expect((await storedUser(id)).name).toBe(name)
    },
  )

  it('answers in English when the request asks for it', async () => {
    const { id, token } = accounts.staff
    const response = await server.request(`/api/users/${id}`, {
      method: 'PATCH',
      token,
      json: { role: 'admin' },
      headers: { 'Accept-Language': 'en' },
    })
    expect(response.status).toBe(403)
    expect((await response.json()).errors[0].message).toBe('Only an admin can change roles.')
  })
})

describe.each(APIS)('a manager and the accounts of their store (%s)', (api) => {
  const newAccount = (role: string, stores: string[]) => ({
    email: `new-${api.toLowerCase()}-${randomBytes(4).toString('hex')}@example.com`,
    password: randomBytes(16).toString('base64url'),
    name: `new ${role} via ${api}`,
    role,
    stores,
  })

  it.each([
    ['an hq user', 'hq', () => [ids.own]],
    ['a manager', 'manager', () => [ids.own]],
    ['an admin', 'admin', () => [ids.own]],
    ['staff of another store', 'staff', () => [ids.other]],
    ['staff of no store', 'staff', () => []],
  ] as const)('refuses creating %s with 403, and creates nothing', async (_who, role, stores) => {
    const data = newAccount(role, stores())
    const outcome = await clients[api].create('users', data, accounts.manager.token)
    expect(outcome.status, outcome.message).toBe(403)
    expect(await countWhere('users', 'email', data.email)).toBe(0)
  })

  it('creates staff of their own store', async () => {
    const data = newAccount('staff', [ids.own])
    const outcome = await clients[api].create('users', data, accounts.manager.token)
    expect(outcome.status, outcome.message).toBe(api === 'REST' ? 201 : 200)
    const created = await storedUser(outcome.id!)
    expect({ role: created.role, stores: relationIds(created.stores) }).toEqual({ role: 'staff', stores: [ids.own] })
  })

  it('refuses promoting their staff, or giving them another store, with 403', async () => {
    const staff = await createUser(payload, 'staff', { stores: [ids.own] })
    for (const data of [{ role: 'manager' }, { stores: [ids.own, ids.other] }]) {
      const outcome = await clients[api].update('users', staff.id, data, accounts.manager.token)
      expect(outcome.status, JSON.stringify(data)).toBe(403)
    }
    const stored = await storedUser(staff.id)
    expect({ role: stored.role, stores: relationIds(stored.stores) }).toEqual({ role: 'staff', stores: [ids.own] })
  })

  it('refuses editing an HQ user of their own store with 403', async () => {
    const outcome = await clients[api].update(
      'users',
      accounts.hqAtOwnStore.id,
      { name: 'renamed by a manager' },
      accounts.manager.token,
    )
    expect(outcome.status).toBe(403)
    expect((await storedUser(accounts.hqAtOwnStore.id)).name).toBe('hq user')
  })
  it('disables a staff member of their store and enables them again', async () => {
    const staff = await createUser(payload, 'staff', { stores: [ids.own] })
    for (const disabled of [true, false]) {
      const outcome = await clients[api].update('users', staff.id, { disabled }, accounts.manager.token)
      expect(outcome.status, outcome.message).toBe(200)
      expect((await storedUser(staff.id)).disabled).toBe(disabled)
    }
  })

  it('cannot set their staff’s e-mail address or password, even knowing it: the values are dropped (a reset mail does that)', async () => {
    const staff = await createUser(payload, 'staff', { stores: [ids.own] })
    const before = await storedCredentials(staff.id)
    const data = {
      email: `moved-${randomBytes(4).toString('hex')}@example.com`,
      password: randomBytes(18).toString('base64url'),
      currentPassword: staff.password,
    }
    const outcome = await clients[api].update('users', staff.id, data, accounts.manager.token)
    expect(outcome.status, outcome.message).toBe(200)
    expect(await storedCredentials(staff.id)).toEqual(before)
  })

  it('leaves an admin setting them', async () => {
    const staff = await createUser(payload, 'staff', { stores: [ids.own] })
    const before = await storedCredentials(staff.id)
    const email = `by-admin-${api.toLowerCase()}-${randomBytes(4).toString('hex')}@example.com`
    const outcome = await clients[api].update(
      'users',
      staff.id,
      { email, password: randomBytes(18).toString('base64url') },
      accounts.admin.token,
    )
    expect(outcome.status, outcome.message).toBe(200)
    const after = await storedCredentials(staff.id)
    expect(after.email).toBe(email)
    expect(after.hash).not.toBe(before.hash)
  })
})

describe.each(APIS)('a post is written in its writer’s name (%s)', (api) => {
  const colleagueOf = { staff: 'manager', manager: 'staff' } as const
  const newArticle = (title: string, extra: Record<string, unknown> = {}) => ({
    title,
    category: 'news',
    publishedAt: '2026-04-01T10:00:00+09:00',
    store: ids.own,
    body: plainTextToLexical([['本文']]),
    _status: 'published',
    ...extra,
  })
  const storedAuthor = async (id: string) =>
    (await payload.findByID({ collection: 'articles', id, draft: true, depth: 0, overrideAccess: true })).author
  const articleBy = async (author: string, title: string) =>
    (
      await payload.create({
        collection: 'articles',
        data: newArticle(title, { author }) as never,
        overrideAccess: true,
      })
    ).id

  it.each(['staff', 'manager'] as const)(
    'refuses a %s publishing an article in a colleague’s name with 403, and creates nothing',
    async (role) => {
      const data = newArticle(`in a colleague’s name by ${role} via ${api}`, { author: accounts[colleagueOf[role]].id })
      const outcome = await clients[api].create('articles', data, accounts[role].token)
      expect(outcome.status, outcome.message).toBe(403)
      expect(outcome.message).toBe('投稿者を自分以外にできるのは本部と管理者だけです。')
      expect(await countWhere('articles', 'title', data.title)).toBe(0)
    },
  )

  it.each(['staff', 'manager'] as const)(
    'makes a %s the author of an article they create without naming one',
    async (role) => {
      const outcome = await clients[api].create(
        'articles',
        newArticle(`own article by ${role} via ${api}`),
        accounts[role].token,
      )
      expect(outcome.status, outcome.message).toBe(api === 'REST' ? 201 : 200)
      expect(await storedAuthor(outcome.id!)).toBe(accounts[role].id)
    },
  )

  it.each(['staff', 'manager'] as const)(
    'refuses a %s taking over a colleague’s article, or leaving it without author, with 403',
    async (role) => {
      const id = await articleBy(accounts[colleagueOf[role]].id, `colleague’s article for ${role} via ${api}`)
      for (const author of [accounts[role].id, null]) {
        const outcome = await clients[api].update('articles', id, { author }, accounts[role].token)
        expect(outcome.status, `${author}: ${outcome.message}`).toBe(403)
      }
      expect(await storedAuthor(id)).toBe(accounts[colleagueOf[role]].id)
    },
  )

  it('lets staff edit a colleague’s article with its author sent back unchanged, as the admin form does', async () => {
    const id = await articleBy(accounts.manager.id, `manager’s article edited via ${api}`)
    const outcome = await clients[api].update(
      'articles',
      id,
      { title: `edited via ${api}`, author: accounts.manager.id },
      accounts.staff.token,
    )
    expect(outcome.status, outcome.message).toBe(200)
    expect(await storedAuthor(id)).toBe(accounts.manager.id)
  })

  it.each(['hq', 'admin'] as const)('lets %s name any author, and change it', async (role) => {
    const created = await clients[api].create(
      'articles',
      newArticle(`by ${role} for staff via ${api}`, { author: accounts.staff.id }),
      accounts[role].token,
    )
    expect(created.status, created.message).toBe(api === 'REST' ? 201 : 200)
    expect(await storedAuthor(created.id!)).toBe(accounts.staff.id)
    const moved = await clients[api].update(
      'articles',
      created.id!,
      { author: accounts.manager.id },
      accounts[role].token,
    )
    expect(moved.status, moved.message).toBe(200)
    expect(await storedAuthor(created.id!)).toBe(accounts.manager.id)
  })
})

describe('a copy of a colleague’s post', () => {
  it('is the copier’s', async () => {
    const original = await payload.create({
      collection: 'articles',
      data: {
        title: 'to copy',
        category: 'news',
        publishedAt: '2026-04-01T10:00:00+09:00',
        store: ids.own,
        author: accounts.manager.id,
        body: plainTextToLexical([['本文']]),
        _status: 'draft',
      },
      draft: true,
      overrideAccess: true,
    })
    const response = await server.request(`/api/articles/${original.id}/duplicate?draft=true`, {
      method: 'POST',
      token: accounts.staff.token,
      json: {},
    })
    expect(response.status, await response.clone().text()).toBe(200)
    expect((await response.json()).doc.author).toMatchObject({ id: accounts.staff.id })
  })
})

describe.each(APIS)('a manager keeps their store’s public details, not its slug or status (%s)', (api) => {
  const storedStore = (id: string) => payload.findByID({ collection: 'stores', id, depth: 0, overrideAccess: true })

  it('updates its phone and reservation note with slug and status sent back unchanged, as the admin form does', async () => {
    const { slug, status } = await storedStore(ids.own)
    const reservationNote = `予約は前日まで (${api})`
    const outcome = await clients[api].update(
      'stores',
      ids.own,
      { phone: '03-9876-5432', reservationNote, slug, status },
      accounts.manager.token,
    )
    expect(outcome.status, outcome.message).toBe(200)
    expect(await storedStore(ids.own)).toMatchObject({ phone: '03-9876-5432', reservationNote, slug, status })
  })

  it.each([
    ['slug', 'moved-elsewhere', '店舗のスラッグ（URL）を変更できるのは本部と管理者だけです。'],
    ['status', 'closed', '店舗の状態（開店・閉店）を変更できるのは管理者だけです。'],
  ])('refuses changing its %s with 403, and keeps it', async (field, value, message) => {
    const before = await storedStore(ids.own)
    const outcome = await clients[api].update('stores', ids.own, { [field]: value }, accounts.manager.token)
    expect(outcome.status, outcome.message).toBe(403)
    expect(outcome.message).toBe(message)
    expect(await storedStore(ids.own)).toMatchObject({ slug: before.slug, status: before.status })
  })

  it('leaves the slug to HQ and admin, and opening and closing to the admin', async () => {
    const store = (
      await payload.create({
        collection: 'stores',
        data: storeData(`identity-${api.toLowerCase()}`),
        overrideAccess: true,
      })
    ).id
    expect(
      (await clients[api].update('stores', store, { slug: `renamed-${api.toLowerCase()}` }, accounts.hq.token)).status,
    ).toBe(200)
    expect((await clients[api].update('stores', store, { status: 'coming_soon' }, accounts.hq.token)).status).toBe(403)
    expect((await clients[api].update('stores', store, { status: 'closed' }, accounts.admin.token)).status).toBe(200)
    expect(await storedStore(store)).toMatchObject({ slug: `renamed-${api.toLowerCase()}`, status: 'closed' })
  })
})

describe('system fields are set by the system only', () => {
  const LONG_AGO = '2001-01-01T00:00:00.000Z'
  /** A valid new document of each collection an admin writes, as the API takes it. */
  const NEW_DOCUMENTS: Record<string, (api: Api) => Record<string, unknown>> = {
    articles: () => ({
      title: `timestamps ${randomBytes(3).toString('hex')}`,
      category: 'news',
      publishedAt: '2026-04-01T10:00:00+09:00',
      store: ids.own,
      body: plainTextToLexical([['本文']]),
      _status: 'published',
    }),
    'repair-logs': () => ({
      title: `timestamps ${randomBytes(3).toString('hex')}`,
      publishedAt: '2026-04-01T10:00:00+09:00',
      store: ids.own,
      device: ids.device,
      repairMenu: 'screen',
      body: plainTextToLexical([['本文']]),
      _status: 'published',
    }),
    campaigns: () => ({
      title: `timestamps ${randomBytes(3).toString('hex')}`,
      kind: 'free_shipping',
      startsAt: '2026-04-01T00:00:00+09:00',
      _status: 'published',
    }),
    prices: () => ({
      device: ids.device,
      repairMenu: 'screen',
      priceYen: 9800,
      validFrom: '2026-04-01T00:00:00+09:00',
      _status: 'published',
    }),
    devices: () => ({ brand: 'apple', model: `timestamps ${randomBytes(3).toString('hex')}` }),
    stores: () => storeData(`timestamps-${randomBytes(3).toString('hex')}`),
    users: () => ({
      email: `timestamps-${randomBytes(3).toString('hex')}@example.com`,
      password: randomBytes(16).toString('base64url'),
      name: 'timestamps',
      role: 'staff',
      stores: [ids.own],
    }),
  }

  describe.each(APIS)('%s', (api) => {
    it.each(Object.keys(NEW_DOCUMENTS))(
      'ignores a client’s createdAt and updatedAt when a %s is created and updated',
      async (collection) => {
        const created = await clients[api].create(
          collection,
          { ...NEW_DOCUMENTS[collection](api), createdAt: LONG_AGO, updatedAt: LONG_AGO },
          accounts.admin.token,
        )
        expect(created.status, created.message).toBe(api === 'REST' ? 201 : 200)
        const slug = collection as CollectionSlug
        const stored = async () =>
          (await payload.findByID({
            collection: slug,
            id: created.id!,
            depth: 0,
            overrideAccess: true,
          })) as unknown as { createdAt: string; updatedAt: string }
        const first = await stored()
        expect([first.createdAt, first.updatedAt]).not.toContain(LONG_AGO)
        const text =
          collection === 'prices'
            ? 'notes'
            : collection === 'devices'
              ? 'model'
              : collection === 'stores' || collection === 'users'
                ? 'name'
                : 'title'
        const updated = await clients[api].update(
          collection,
          created.id!,
          { [text]: `updated ${randomBytes(3).toString('hex')}`, createdAt: LONG_AGO, updatedAt: LONG_AGO },
          accounts.admin.token,
        )
        // A published price is evidence and never edited (403); its timestamps stay all the same.
        if (collection !== 'prices') expect(updated.status, updated.message).toBe(200)
        const second = await stored()
        expect(second.createdAt).toBe(first.createdAt)
        expect(second.updatedAt).not.toBe(LONG_AGO)
      },
    )
  })

  it('an account’s second factor, sessions, lock-out counters and reset token are not written by the account itself', async () => {
    const { id, token } = accounts.staff
    const before = await payload.db.findOne<Record<string, unknown> & { id: string }>({
      collection: 'users',
      where: { id: { equals: id } },
    })
    const forged = {
      secondFactorEnabled: true,
      secondFactor: { secret: 'forged', recoveryCodes: ['forged'] },
      secondFactorSessions: ['forged'],
      sessions: [],
      loginAttempts: 99,
      lockUntil: '2099-01-01T00:00:00.000Z',
      resetPasswordToken: 'forged',
      resetPasswordExpiration: '2099-01-01T00:00:00.000Z',
      hash: 'forged',
      salt: 'forged',
    }
    const response = await server.request(`/api/users/${id}`, { method: 'PATCH', token, json: forged })
    expect(response.status).toBe(200)
    const after = await payload.db.findOne<Record<string, unknown> & { id: string }>({
      collection: 'users',
      where: { id: { equals: id } },
    })
    for (const field of Object.keys(forged)) expect(after?.[field], field).toEqual(before?.[field])
  })
})

describe.each(APIS)('content stays in its store (%s)', (api) => {
  it('refuses staff creating an article for another store with 403, and creates nothing', async () => {
    const title = `foreign article via ${api}`
    const data = {
      title,
      category: 'news',
      publishedAt: '2026-04-01T10:00:00+09:00',
      store: ids.other,
      body: plainTextToLexical([['本文']]),
      _status: 'published',
    }
    const outcome = await clients[api].create('articles', data, accounts.staff.token)
    expect(outcome.status, outcome.message).toBe(403)
    expect(outcome.message).toBe('自分の所属店舗以外は指定できません。')
    expect(await countWhere('articles', 'title', title)).toBe(0)
  })

  it('refuses staff moving their article to another store with 403, and leaves it where it was', async () => {
    const doc = await article(ids.own, `article to move via ${api}`)
    const outcome = await clients[api].update('articles', doc.id, { store: ids.other }, accounts.staff.token)
    expect(outcome.status, outcome.message).toBe(403)
    const stored = await payload.findByID({
      collection: 'articles',
      id: doc.id,
      draft: true,
      depth: 0,
      overrideAccess: true,
    })
    expect(stored.store).toBe(ids.own)
  })

  it('refuses a manager turning their store override into a chain-wide price with 403', async () => {
    const price = await payload.create({
      collection: 'prices',
      data: {
        device: ids.device,
        repairMenu: 'screen',
        priceYen: 9800,
        validFrom: '2026-04-01T00:00:00+09:00',
        store: ids.own,
        _status: 'draft',
      },
      draft: true,
      overrideAccess: true,
    })
    const outcome = await clients[api].update('prices', price.id, { store: null }, accounts.manager.token)
    expect(outcome.status, outcome.message).toBe(403)
    const stored = await payload.findByID({
      collection: 'prices',
      id: price.id,
      draft: true,
      depth: 0,
      overrideAccess: true,
    })
    expect(stored.store).toBe(ids.own)
  })

  it('lets HQ move an article to another store', async () => {
    const doc = await article(ids.own, `article HQ moves via ${api}`)
    const outcome = await clients[api].update('articles', doc.id, { store: ids.other }, accounts.hq.token)
    expect(outcome.status, outcome.message).toBe(200)
    const stored = await payload.findByID({
      collection: 'articles',
      id: doc.id,
      draft: true,
      depth: 0,
      overrideAccess: true,
    })
    expect(stored.store).toBe(ids.other)
  })
})

describe('a new document belongs to its author’s store', () => {
  it('defaults the store of a staff member’s article to their first store', async () => {
    const response = await server.request('/api/articles', {
      method: 'POST',
      token: accounts.staff.token,
      json: { title: 'store left to its default', body: plainTextToLexical([['本文']]), _status: 'published' },
    })
    expect(response.status).toBe(201)
    expect((await response.json()).doc.store).toMatchObject({ id: ids.own })
  })
})

describe('a disabled account', () => {
  const login = (email: string, password: string) =>
    server.request('/api/users/login', {
      method: 'POST',
      json: { email, password },
      headers: { 'Accept-Language': 'en' },
    })
  const graphqlLogin = (email: string, password: string) =>
    server.graphql(
      `mutation ($email: String!, $password: String!) { loginUser(email: $email, password: $password) { token } }`,
      {
        variables: { email, password },
      },
    )

  it('cannot sign in, and hears exactly what a wrong password hears, over REST and GraphQL', async () => {
    const active = await createUser(payload, 'staff', { stores: [ids.own] })
    const disabled = await createUser(payload, 'staff', { stores: [ids.own] })
    await payload.update({ collection: 'users', id: disabled.id, data: { disabled: true }, overrideAccess: true })

    const wrongPassword = await login(active.email, 'not-the-password')
    const disabledLogin = await login(disabled.email, disabled.password)
    expect(wrongPassword.status).toBe(401)
    expect(disabledLogin.status).toBe(wrongPassword.status)
    const wrongPasswordBody = await wrongPassword.json()
    expect(await disabledLogin.json()).toEqual(wrongPasswordBody)
    expect(wrongPasswordBody.errors[0].message).toBe('The email or password provided is incorrect.')

    const [graphqlWrong, graphqlDisabled] = [
      await graphqlLogin(active.email, 'not-the-password'),
      await graphqlLogin(disabled.email, disabled.password),
    ]
    expect(graphqlDisabled.body.data?.loginUser ?? null).toBeNull()
    expect(graphqlDisabled.body.errors?.[0]).toMatchObject({
      message: graphqlWrong.body.errors?.[0]?.message,
      extensions: { statusCode: 401 },
    })
  })

  it('is disabled by the manager of its store; the session it had grants nothing from then on', async () => {
    const staff = await signedInUser(server, 'staff', [ids.own])
    const disabling = await server.request(`/api/users/${staff.id}`, {
      method: 'PATCH',
      token: accounts.manager.token,
      json: { disabled: true },
    })
    expect(disabling.status).toBe(200)
    expect((await storedUser(staff.id)).disabled).toBe(true)

    const write = await server.request('/api/articles', {
      method: 'POST',
      token: staff.token,
      json: {
        title: 'written after being disabled',
        store: ids.own,
        body: plainTextToLexical([['本文']]),
        _status: 'published',
      },
    })
    expect(write.status).toBe(403)
    expect((await login(staff.email, staff.password)).status).toBe(401)
  })

  it('is not something staff can switch for themselves', async () => {
    const response = await server.request(`/api/users/${accounts.staff.id}`, {
      method: 'PATCH',
      token: accounts.staff.token,
      json: { disabled: true },
    })
    expect(response.status).toBe(200)
    expect((await storedUser(accounts.staff.id)).disabled).toBe(false)
  })
})

describe('the Local API called with a user (overrideAccess: false)', () => {
  const asStaff = async () => ({
    user: await payload.findByID({ collection: 'users', id: accounts.staff.id, overrideAccess: true }),
    overrideAccess: false,
  })

  it('refuses a staff member raising their own role', async () => {
    await expect(
      payload.update({ collection: 'users', id: accounts.staff.id, data: { role: 'admin' }, ...(await asStaff()) }),
    ).rejects.toMatchObject({ status: 403 })
    expect((await storedUser(accounts.staff.id)).role).toBe('staff')
  })

  it('refuses an article for another store and hides the other store’s drafts', async () => {
    const foreignDraft = await article(ids.other, 'draft of the other store')
    await expect(
      payload.create({
        collection: 'articles',
        data: {
          title: 'foreign',
          category: 'news',
          publishedAt: new Date().toISOString(),
          store: ids.other,
          body: plainTextToLexical([['本文']]),
          _status: 'published',
        },
        ...(await asStaff()),
      }),
    ).rejects.toMatchObject({ status: 403 })
    const { docs } = await payload.find({ collection: 'articles', draft: true, limit: 100, ...(await asStaff()) })
    expect(docs.map((doc) => doc.id)).not.toContain(foreignDraft.id)
  })
  it('refuses an article in someone else’s name', async () => {
    const data = {
      title: 'in the manager’s name',
      category: 'news',
      publishedAt: new Date().toISOString(),
      store: ids.own,
      author: accounts.manager.id,
      body: plainTextToLexical([['本文']]),
      _status: 'published',
    }
    await expect(
      payload.create({ collection: 'articles', data: data as never, ...(await asStaff()) }),
    ).rejects.toMatchObject({ status: 403 })
  })
})

describe('the admin shows each role only what it may use', () => {
  /** Collections whose "Create new" the admin shows, from the permissions it asks the API for. */
  const creatable = async (token: string) => {
    const permissions = await (await server.request('/api/access', { token })).json()
    return Object.entries(permissions.collections as Record<string, { create?: unknown }>)
      .filter(([slug, access]) => !slug.startsWith('payload-') && Boolean(access.create))
      .map(([slug]) => slug)
      .sort()
  }

  it.each([
    ['staff', ['articles', 'media', 'repair-logs']],
    ['manager', ['articles', 'media', 'prices', 'repair-logs', 'users']],
    ['hq', ['articles', 'campaigns', 'devices', 'media', 'prices', 'repair-logs']],
    ['admin', ['articles', 'campaigns', 'devices', 'media', 'prices', 'repair-logs', 'stores', 'users']],
  ] as const)('offers %s "Create new" on %j only', async (role, collections) => {
    expect(await creatable(accounts[role].token)).toEqual(collections)
  })

  it('hides the Users collection from staff, who keep their own account page', async () => {
    const hidden = payload.collections.users.config.admin.hidden
    const userOf = async (role: keyof typeof accounts) =>
      payload.findByID({ collection: 'users', id: accounts[role].id, overrideAccess: true })
    expect(isEntityHidden({ hidden, user: (await userOf('staff')) as never })).toBe(true)
    for (const role of ['manager', 'hq', 'admin'] as const)
      expect(isEntityHidden({ hidden, user: (await userOf(role)) as never })).toBe(false)
  })

  it.each([
    ['staff', 'their own account', 'staff', ['name', 'email', 'password']],
    ['manager', 'their own account', 'manager', ['name', 'email', 'password']],
    ['manager', 'the account of their staff', 'staff', ['name', 'stores', 'disabled']],
    ['admin', 'a staff account', 'staff', ['name', 'role', 'stores', 'disabled', 'email', 'password']],
  ] as const)('lets %s edit, on %s in the admin, only %j', async (actor, _whose, account, editable) => {
    const response = await server.request(`/api/users/access/${accounts[account].id}`, {
      method: 'POST',
      token: accounts[actor].token,
    })
    const { update, fields } = await response.json()
    expect(update).toBeTruthy()
    // A field the user may edit in full is given as `true`, otherwise as its operations.
    const editableNow = ['name', 'role', 'stores', 'disabled', 'email', 'password'].filter(
      (field) => fields[field] === true || Boolean(fields[field]?.update),
    )
    expect(editableNow).toEqual(editable)
  })

  it.each([
    ['manager', 'their store', ['name', 'phone']],
    ['hq', 'a store', ['name', 'slug', 'phone']],
    ['admin', 'a store', ['name', 'slug', 'status', 'phone']],
  ] as const)(
    'lets %s edit, on %s in the admin, only %j of its name, slug, status and phone',
    async (actor, _which, editable) => {
      const { fields } = await (
        await server.request(`/api/stores/access/${ids.own}`, { method: 'POST', token: accounts[actor].token })
      ).json()
      // Every field editable is given as `fields: true`.
      const editableNow = ['name', 'slug', 'status', 'phone'].filter(
        (field) => fields === true || fields[field] === true || Boolean(fields[field]?.update),
      )
      expect(editableNow).toEqual(editable)
    },
  )
})
