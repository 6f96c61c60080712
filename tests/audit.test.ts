import type { CollectionSlug, Payload } from 'payload'

import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { AuditLog } from '../src/payload-types'

import { plainTextToLexical } from '../src/lib/lexicalText'
import { ownOtherStoresAndDevice, type SignedInUser, storeData } from './helpers/fixtures'
import { createUser } from './helpers/payload'
import { roleAccounts } from './helpers/roleAccounts'
import { startServer, type TestServer } from './helpers/server'

let server: TestServer
let payload: Payload
const ids = { own: '', other: '', device: '' }
let accounts: Record<'staff' | 'manager' | 'hq' | 'admin', SignedInUser>

const USER_AGENT = 'audit-test/1.0'

beforeAll(async () => {
  server = await startServer()
  payload = server.payload
  Object.assign(ids, await ownOtherStoresAndDevice(payload))
  accounts = await roleAccounts(server, ids, ['staff', 'manager', 'hq', 'admin'])
})
afterAll(async () => {
  await server?.stop()
})

/** Entries about `subject`, oldest first, as stored. */
const entriesAbout = async (subject: string): Promise<AuditLog[]> =>
  (
    await payload.find({
      collection: 'audit-log',
      where: { subject: { equals: subject } },
      sort: 'createdAt',
      depth: 0,
      pagination: false,
      overrideAccess: true,
    })
  ).docs

const eventsAbout = async (subject: string) => (await entriesAbout(subject)).map((entry) => entry.event).sort()

const auditCount = async () => (await payload.count({ collection: 'audit-log', overrideAccess: true })).totalDocs

/** No secret appears anywhere in an entry, and its details hold no field named like one. */
const expectNoSecrets = (entry: AuditLog, ...secrets: string[]) => {
  const text = JSON.stringify(entry)
  for (const secret of secrets) expect(text, text).not.toContain(secret)
  expect(Object.keys(entry.details ?? {}).filter((key) => /password|hash|salt|token/i.test(key))).toEqual([])
}

/** The stored hash and salt of an account, which no entry may contain. */
const storedSecrets = async (id: string) => {
  const stored = await payload.db.findOne<{ id: string; hash: string; salt: string }>({
    collection: 'users',
    where: { id: { equals: id } },
  })
  return [stored?.hash ?? '', stored?.salt ?? ''].filter(Boolean)
}

const restLogin = (email: string, password: string, headers: Record<string, string> = {}) =>
  server.request('/api/users/login', {
    method: 'POST',
    json: { email, password },
    headers: { 'User-Agent': USER_AGENT, ...headers },
  })

const LOGIN_MUTATION =
  'mutation ($email: String!, $password: String!) { loginUser(email: $email, password: $password) { token } }'

describe('sign-ins', () => {
  it('a successful sign-in is recorded with its user, client address and user agent', async () => {
    const user = await createUser(payload, 'staff', { stores: [ids.own] })
    // A client cannot choose the address recorded: Express sets the header Payload reads, over whatever was sent.
    const response = await restLogin(user.email, user.password, {
      'X-Client-Address': '203.0.113.66',
      'X-Forwarded-For': '203.0.113.77',
    })
    expect(response.status).toBe(200)
    const token = (await response.json()).token as string
    const [entry] = await entriesAbout(`users/${user.id}`)
    expect(entry).toMatchObject({ event: 'sign_in_success', actor: user.id, ip: '127.0.0.1', userAgent: USER_AGENT })
    expectNoSecrets(entry, user.password, token)
  })

  it('a failed sign-in over REST is recorded although the login failed: the email tried, no actor, no password', async () => {
    const user = await createUser(payload, 'staff', { stores: [ids.own] })
    const wrongPassword = `wrong-${randomBytes(6).toString('hex')}`
    expect((await restLogin(user.email, wrongPassword)).status).toBe(401)
    const unknownEmail = `nobody-${randomBytes(4).toString('hex')}@example.com`
    expect((await restLogin(unknownEmail, wrongPassword)).status).toBe(401)

    for (const email of [user.email, unknownEmail]) {
      const entries = await entriesAbout(email)
      expect(entries.map(({ event, actor, ip, userAgent }) => ({ event, actor, ip, userAgent }))).toEqual([
        { event: 'sign_in_failure', actor: null, ip: '127.0.0.1', userAgent: USER_AGENT },
      ])
      expectNoSecrets(entries[0], wrongPassword)
    }
  })

  it('a refused sign-in of a disabled account is recorded as a failure', async () => {
    const user = await createUser(payload, 'staff', { stores: [ids.own] })
    await payload.update({ collection: 'users', id: user.id, data: { disabled: true }, overrideAccess: true })
    expect((await restLogin(user.email, user.password)).status).toBe(401)
    expect(await eventsAbout(user.email)).toEqual(['sign_in_failure'])
  })

  it('failed sign-ins over GraphQL are recorded, each with its own email, also several in one request', async () => {
    const [first, second, third] = await Promise.all(
      [1, 2, 3].map(() => createUser(payload, 'staff', { stores: [ids.own] })),
    )
    const single = await server.graphql(LOGIN_MUTATION, {
      variables: { email: first.email, password: 'wrong-password-1' },
    })
    expect(single.body.errors?.[0]?.extensions?.statusCode).toBe(401)
    expect(await eventsAbout(first.email)).toEqual(['sign_in_failure'])

    // Aliases: a failure, a success and a failure in one request.
    const batch = await server.graphql(
      `mutation ($a: String!, $b: String!, $c: String!, $pb: String!) {
        a: loginUser(email: $a, password: "wrong-password-a") { token }
        b: loginUser(email: $b, password: $pb) { token }
        c: loginUser(email: $c, password: "wrong-password-c") { token }
      }`,
      { variables: { a: first.email, b: second.email, c: third.email, pb: second.password } },
    )
    expect(batch.body.data?.b?.token).toEqual(expect.any(String))
    expect(batch.body.errors).toHaveLength(2)
    expect(await eventsAbout(first.email)).toEqual(['sign_in_failure', 'sign_in_failure'])
    expect(await eventsAbout(third.email)).toEqual(['sign_in_failure'])
    expect(await eventsAbout(second.email)).toEqual([])
    expect(await eventsAbout(`users/${second.id}`)).toEqual(['sign_in_success'])
  })

  it('a sign-in refused because the account is locked is recorded as a lock-out', async () => {
    const user = await createUser(payload, 'staff', { stores: [ids.own] })
    // Locked as Payload locks it after too many failures (maxLoginAttempts), without spending the attempts here.
    await payload.db.updateOne({
      collection: 'users',
      id: user.id,
      data: { loginAttempts: 5, lockUntil: new Date(Date.now() + 600_000).toISOString() },
    })
    expect((await restLogin(user.email, user.password)).status).toBe(401)
    const graphql = await server.graphql(LOGIN_MUTATION, { variables: { email: user.email, password: user.password } })
    expect(graphql.body.errors?.[0]?.extensions?.statusCode).toBe(401)
    const entries = await entriesAbout(user.email)
    expect(entries.map((entry) => entry.event)).toEqual(['lock_out', 'lock_out'])
    entries.forEach((entry) => expectNoSecrets(entry, user.password))
  })
})

describe('account changes', () => {
  const patchUser = (id: string, data: Record<string, unknown>, token = accounts.admin.token) =>
    server.request(`/api/users/${id}`, { method: 'PATCH', token, json: data })

  it('a password change is recorded with who made it, without the password or its hash', async () => {
    const user = await createUser(payload, 'staff', { stores: [ids.own] })
    const newPassword = randomBytes(18).toString('base64url')
    const response = await patchUser(user.id, { password: newPassword })
    expect(response.status, await response.text()).toBe(200)
    const [entry] = await entriesAbout(`users/${user.id}`)
    expect(entry).toMatchObject({ event: 'password_change', actor: accounts.admin.id })
    expectNoSecrets(entry, newPassword, user.password, ...(await storedSecrets(user.id)))
  })

  it('a password reset with an emailed token is recorded as a password change, without token or password', async () => {
    const user = await createUser(payload, 'staff', { stores: [ids.own] })
    const token = await payload.forgotPassword({ collection: 'users', data: { email: user.email }, disableEmail: true })
    const newPassword = randomBytes(18).toString('base64url')
    const response = await server.request('/api/users/reset-password', {
      method: 'POST',
      json: { token, password: newPassword },
    })
    expect(response.status, await response.text()).toBe(200)
    const entries = await entriesAbout(`users/${user.id}`)
    // The reset signs the user in, which is recorded too.
    expect(entries.map((entry) => entry.event).sort()).toEqual(['password_change', 'sign_in_success'])
    const change = entries.find((entry) => entry.event === 'password_change') as AuditLog
    expect(change).toMatchObject({ actor: user.id, details: { by: 'reset-token' } })
    expectNoSecrets(change, newPassword, String(token), ...(await storedSecrets(user.id)))
  })

  it('an email change is recorded from → to', async () => {
    const user = await createUser(payload, 'staff', { stores: [ids.own] })
    const newEmail = `renamed-${randomBytes(4).toString('hex')}@example.com`
    expect((await patchUser(user.id, { email: newEmail })).status).toBe(200)
    const [entry] = await entriesAbout(`users/${user.id}`)
    expect(entry).toMatchObject({
      event: 'email_change',
      actor: accounts.admin.id,
      details: { from: user.email, to: newEmail },
    })
  })

  it('role and stores changes are recorded from → to; an edit that changes neither records nothing', async () => {
    const user = await createUser(payload, 'staff', { stores: [ids.own] })
    expect((await patchUser(user.id, { name: 'renamed only' })).status).toBe(200)
    expect(await entriesAbout(`users/${user.id}`)).toEqual([])

    expect((await patchUser(user.id, { role: 'manager', stores: [ids.own, ids.other] })).status).toBe(200)
    const entries = await entriesAbout(`users/${user.id}`)
    expect(
      entries
        .map(({ event, actor, details }) => ({ event, actor, details }))
        .sort((a, b) => a.event.localeCompare(b.event)),
    ).toEqual([
      { event: 'role_change', actor: accounts.admin.id, details: { from: 'staff', to: 'manager' } },
      { event: 'stores_change', actor: accounts.admin.id, details: { from: [ids.own], to: [ids.own, ids.other] } },
    ])
  })
})

describe('publishing', () => {
  const body = plainTextToLexical([['本文']])
  const publishedAt = '2026-04-01T10:00:00+09:00'
  const CONTENT: Array<{
    collection: CollectionSlug
    text: string
    data: () => Record<string, unknown>
    unpublishable: boolean
  }> = [
    {
      collection: 'articles',
      text: 'title',
      data: () => ({ title: '記事', category: 'iphone_tips', publishedAt, store: ids.own, body }),
      unpublishable: true,
    },
    {
      collection: 'repair-logs',
      text: 'title',
      data: () => ({ title: '修理', publishedAt, store: ids.own, device: ids.device, repairMenu: 'battery', body }),
      unpublishable: true,
    },
    {
      collection: 'campaigns',
      text: 'title',
      data: () => ({ title: 'キャンペーン', kind: 'free_shipping', startsAt: '2026-04-01T00:00:00+09:00' }),
      unpublishable: true,
    },
    // A published price is evidence: it is never unpublished or deleted (publishedPricesAreEvidence).
    {
      collection: 'prices',
      text: 'notes',
      data: () => ({
        device: ids.device,
        repairMenu: 'screen',
        priceYen: 9800,
        validFrom: '2026-04-01T00:00:00+09:00',
        store: ids.own,
      }),
      unpublishable: false,
    },
  ]

  it.each(CONTENT)(
    '$collection: publish, unpublish and delete are recorded with the actor; saving a draft records nothing',
    async ({ collection, text, data, unpublishable }) => {
      // Store staff write their own store's posts; HQ writes campaigns and prices.
      const actor = collection === 'articles' || collection === 'repair-logs' ? accounts.staff : accounts.hq
      const api = (path: string, method: string, json?: unknown) =>
        server.request(`/api/${collection}${path}`, { method, token: actor.token, json })

      const created = await api('?draft=true', 'POST', { ...data(), _status: 'draft' })
      expect(created.status, await created.clone().text()).toBe(201)
      const id = (await created.json()).doc.id as string
      const subject = `${collection}/${id}`
      expect(await eventsAbout(subject)).toEqual([])

      expect((await api(`/${id}?draft=true`, 'PATCH', { _status: 'published' })).status).toBe(200)
      expect(await eventsAbout(subject)).toEqual(['publish'])
      const [publish] = await entriesAbout(subject)
      expect(publish).toMatchObject({ actor: actor.id, ip: '127.0.0.1' })

      if (unpublishable) {
        // A new draft over a published document leaves it published.
        expect((await api(`/${id}?draft=true`, 'PATCH', { [text]: 'next draft', _status: 'draft' })).status).toBe(200)
        expect(await eventsAbout(subject)).toEqual(['publish'])
        expect((await api(`/${id}`, 'PATCH', { _status: 'draft' })).status).toBe(200)
        expect(await eventsAbout(subject)).toEqual(['publish', 'unpublish'])
      } else {
        expect((await api(`/${id}`, 'PATCH', { _status: 'draft' })).status).toBe(403)
        expect(await eventsAbout(subject)).toEqual(['publish'])
      }

      const deletable = unpublishable
        ? id
        : (
            await payload.create({
              collection,
              data: { ...data(), _status: 'draft' } as never,
              draft: true,
              overrideAccess: true,
            })
          ).id
      expect((await api(`/${deletable}`, 'DELETE')).status).toBe(200)
      const [deletion] = await entriesAbout(`${collection}/${deletable}`).then((entries) =>
        entries.filter((entry) => entry.event === 'delete'),
      )
      expect(deletion).toMatchObject({ actor: actor.id, details: { status: 'draft' } })
    },
  )

  it('a document created published is recorded as published', async () => {
    const response = await server.request('/api/campaigns', {
      method: 'POST',
      token: accounts.hq.token,
      json: { title: '公開で作成', kind: 'free_shipping', startsAt: '2026-04-01T00:00:00+09:00', _status: 'published' },
    })
    expect(response.status).toBe(201)
    expect(await eventsAbout(`campaigns/${(await response.json()).doc.id}`)).toEqual(['publish'])
  })

  it('a failed content update (400) records nothing and leaves the log as it was', async () => {
    const article = await payload.create({
      collection: 'articles',
      data: { title: '検証', category: 'iphone_tips', publishedAt, store: ids.own, body, _status: 'draft' },
      draft: true,
      overrideAccess: true,
    })
    const before = await payload.find({ collection: 'audit-log', depth: 0, pagination: false, overrideAccess: true })
    const response = await server.request(`/api/articles/${article.id}`, {
      method: 'PATCH',
      token: accounts.staff.token,
      json: { title: '', _status: 'published' },
    })
    expect(response.status).toBe(400)
    const after = await payload.find({ collection: 'audit-log', depth: 0, pagination: false, overrideAccess: true })
    expect(after.docs).toEqual(before.docs)
  })
})

describe('who acted, as they were then', () => {
  it('an entry keeps the actor’s e-mail address and role of the moment, whatever the account becomes; a failed sign-in names none', async () => {
    const user = await createUser(payload, 'manager', { stores: [ids.own] })
    expect((await restLogin(user.email, user.password)).status).toBe(200)
    expect((await restLogin(user.email, 'not-the-password')).status).toBe(401)
    const newEmail = `later-${randomBytes(4).toString('hex')}@example.com`
    const response = await server.request(`/api/users/${user.id}`, {
      method: 'PATCH',
      token: accounts.admin.token,
      json: { email: newEmail, role: 'staff' },
    })
    expect(response.status).toBe(200)

    const [signIn] = await entriesAbout(`users/${user.id}`)
    expect(signIn).toMatchObject({
      event: 'sign_in_success',
      actor: user.id,
      actorEmail: user.email,
      actorRole: 'manager',
    })
    const roleChange = (await entriesAbout(`users/${user.id}`)).find((entry) => entry.event === 'role_change')
    expect(roleChange).toMatchObject({ actor: accounts.admin.id, actorEmail: accounts.admin.email, actorRole: 'admin' })
    const [failure] = await entriesAbout(user.email)
    expect(failure).toMatchObject({ event: 'sign_in_failure', actor: null, actorEmail: null, actorRole: null })
  })

  it('a refused delete is recorded with who tried and what still points at the document', async () => {
    const store = await payload.create({
      collection: 'stores',
      data: { ...storeData(`audited-${randomBytes(3).toString('hex')}`) },
      overrideAccess: true,
    })
    await payload.create({
      collection: 'prices',
      data: {
        device: ids.device,
        repairMenu: 'screen',
        priceYen: 1,
        validFrom: '2026-04-01T00:00:00+09:00',
        store: store.id,
        _status: 'published',
      },
      overrideAccess: true,
    })
    const response = await server.request(`/api/stores/${store.id}`, {
      method: 'DELETE',
      token: accounts.admin.token,
      headers: { 'User-Agent': USER_AGENT },
    })
    expect(response.status).toBe(409)
    expect(await entriesAbout(`stores/${store.id}`)).toEqual([
      expect.objectContaining({
        event: 'delete_refused',
        actor: accounts.admin.id,
        actorRole: 'admin',
        userAgent: USER_AGENT,
        details: { referencedBy: [{ collection: 'prices', path: 'store', documents: 1, versions: 1 }] },
      }),
    ])
  })
})

describe('who reads and writes the log', () => {
  const someEntryId = async () =>
    (await payload.find({ collection: 'audit-log', limit: 1, depth: 0, overrideAccess: true })).docs[0].id

  it('admin reads it over REST and GraphQL, newest first', async () => {
    const list = await server.request('/api/audit-log?limit=5', { token: accounts.admin.token })
    expect(list.status).toBe(200)
    const { docs } = await list.json()
    expect(docs.length).toBeGreaterThan(0)
    const times = docs.map((doc: AuditLog) => doc.createdAt)
    expect(times).toEqual([...times].sort().reverse())
    expect((await server.request(`/api/audit-log/${docs[0].id}`, { token: accounts.admin.token })).status).toBe(200)

    const { body } = await server.graphql('{ AuditLogs(limit: 5) { docs { id event subject createdAt } } }', {
      token: accounts.admin.token,
    })
    expect(body.errors).toBeUndefined()
    expect(body.data.AuditLogs.docs.length).toBeGreaterThan(0)
  })

  it.each(['hq', 'manager', 'staff', 'anonymous'] as const)('%s cannot read it over REST or GraphQL', async (role) => {
    const token = role === 'anonymous' ? undefined : accounts[role].token
    const id = await someEntryId()
    expect((await server.request('/api/audit-log', { token })).status).toBe(403)
    expect((await server.request(`/api/audit-log/${id}`, { token })).status).toBe(403)
    const list = await server.graphql('{ AuditLogs { docs { id } } }', { token })
    expect(list.body.errors?.[0]?.extensions?.statusCode).toBe(403)
    const one = await server.graphql('query ($id: String!) { AuditLog(id: $id) { id } }', { token, variables: { id } })
    expect(one.body.errors?.[0]?.extensions?.statusCode).toBe(403)
  })

  it.each(['admin', 'hq', 'staff', 'anonymous'] as const)(
    '%s cannot create, update or delete entries over REST or GraphQL',
    async (role) => {
      const token = role === 'anonymous' ? undefined : accounts[role].token
      const id = await someEntryId()
      const original = await payload.findByID({ collection: 'audit-log', id, depth: 0, overrideAccess: true })
      const count = await auditCount()
      const forged = { event: 'publish', subject: 'articles/forged' }

      expect((await server.request('/api/audit-log', { method: 'POST', token, json: forged })).status).toBe(403)
      expect(
        (await server.request(`/api/audit-log/${id}`, { method: 'PATCH', token, json: { subject: 'rewritten' } }))
          .status,
      ).toBe(403)
      expect((await server.request(`/api/audit-log/${id}`, { method: 'DELETE', token })).status).toBe(403)

      const mutations = [
        server.graphql('mutation { createAuditLog(data: { event: publish, subject: "articles/forged" }) { id } }', {
          token,
        }),
        server.graphql('mutation ($id: String!) { updateAuditLog(id: $id, data: { subject: "rewritten" }) { id } }', {
          token,
          variables: { id },
        }),
        server.graphql('mutation ($id: String!) { deleteAuditLog(id: $id) { id } }', { token, variables: { id } }),
      ]
      for (const { body } of await Promise.all(mutations))
        expect(body.errors?.[0]?.extensions?.statusCode, JSON.stringify(body)).toBe(403)

      expect(
        await payload.find({
          collection: 'audit-log',
          where: { subject: { equals: 'articles/forged' } },
          overrideAccess: true,
        }),
      ).toMatchObject({ totalDocs: 0 })
      expect(await auditCount()).toBe(count)
      expect(await payload.findByID({ collection: 'audit-log', id, depth: 0, overrideAccess: true })).toEqual(original)
    },
  )

  it('not even the Local API with overrideAccess updates or deletes an entry', async () => {
    const id = await someEntryId()
    const original = await payload.findByID({ collection: 'audit-log', id, depth: 0, overrideAccess: true })
    await expect(
      payload.update({ collection: 'audit-log', id, data: { subject: 'rewritten' }, overrideAccess: true }),
    ).rejects.toMatchObject({ status: 403 })
    await expect(
      payload.update({
        collection: 'audit-log',
        where: { id: { equals: id } },
        data: { subject: 'rewritten' },
        overrideAccess: true,
      }),
    ).resolves.toMatchObject({ docs: [], errors: [expect.objectContaining({ id })] })
    await expect(payload.delete({ collection: 'audit-log', id, overrideAccess: true })).rejects.toMatchObject({
      status: 403,
    })
    await expect(
      payload.delete({ collection: 'audit-log', where: { id: { equals: id } }, overrideAccess: true }),
    ).resolves.toMatchObject({ docs: [], errors: [expect.objectContaining({ id })] })
    expect(await payload.findByID({ collection: 'audit-log', id, depth: 0, overrideAccess: true })).toEqual(original)
  })
})
