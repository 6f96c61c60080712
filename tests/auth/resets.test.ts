import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { RESET_TOKEN_LIFETIME_MS } from '../../src/lib/auth/resetMail'
import { createUser } from '../helpers/payload'
import { startServer, type TestServer } from '../helpers/server'

let server: TestServer

beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  await server?.stop()
})

const forgot = (body: unknown, headers: Record<string, string> = {}) =>
  server.request('/api/users/forgot-password', { method: 'POST', json: body, headers })
const reset = (token: string, password: string) =>
  server.request('/api/users/reset-password', { method: 'POST', json: { token, password } })
const newMails = (before: number) => server.outbox().slice(before)
const tokenIn = (html = '') => /\/admin\/reset\/([0-9a-f]+)/.exec(html)?.[1] ?? ''
const signedInAs = async (token: string) =>
  (await (await server.request('/api/users/me', { token })).json()).user?.email ?? null

describe('password resets', { timeout: 60_000 }, () => {
  it('mail one link to the registered address only, however the request names or dresses the address', async () => {
    const victim = await createUser(server.payload, 'staff')
    const attacker = 'attacker@evil.example'
    const before = server.outbox().length
    const requests = [
      { email: victim.email, to: attacker },
      { email: ` ${victim.email.toUpperCase()} `, cc: attacker },
      { email: `${victim.email},${attacker}` },
      { email: `${victim.email}\r\nBcc: ${attacker}` },
      { email: [victim.email, attacker] },
      { email: attacker },
    ]
    const answers = await Promise.all(requests.map(async (body) => (await forgot(body)).status))
    const mails = newMails(before)
    expect(mails.flatMap((mail) => mail.to).filter((to) => to !== victim.email)).toEqual([])
    expect(JSON.stringify(mails)).not.toContain('evil.example')
    expect(mails.length).toBeGreaterThanOrEqual(1)
    // Malformed addresses are refused as bad input; none of the answers is an error of the server.
    expect(answers.every((status) => status === 200 || status === 400)).toBe(true)
  })

  it('build the link from SERVER_URL, never from a forwarded host the requester chose', async () => {
    const user = await createUser(server.payload, 'staff')
    const before = server.outbox().length
    // (A foreign Origin no longer reaches Payload at all: src/server/crossSite.ts refuses it with 403.)
    await forgot({ email: user.email }, { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' })
    const [mail] = newMails(before)
    expect(mail!.to).toEqual([user.email])
    expect(mail!.html).toMatch(/href="http:\/\/localhost:\d+\/admin\/reset\/[0-9a-f]+"/)
    expect(mail!.html).not.toContain('evil.example')
  })

  it('issue a token that lives 30 minutes, works once, and fails once expired', async () => {
    const user = await createUser(server.payload, 'staff')
    const before = server.outbox().length
    const askedAt = Date.now()
    await forgot({ email: user.email })
    const token = tokenIn(newMails(before)[0]?.html)
    const stored = await server.payload.db.findOne<{ id: string; resetPasswordExpiration: string }>({
      collection: 'users',
      where: { id: { equals: user.id } },
    })
    const lifetime = new Date(stored!.resetPasswordExpiration).getTime() - askedAt
    expect(lifetime).toBeGreaterThan(RESET_TOKEN_LIFETIME_MS - 60_000)
    expect(lifetime).toBeLessThanOrEqual(RESET_TOKEN_LIFETIME_MS + 1000)
    expect(RESET_TOKEN_LIFETIME_MS).toBe(30 * 60 * 1000)

    expect((await reset(token, `${user.password}-first-renewal`)).status).toBe(200)
    expect((await reset(token, `${user.password}-second-renewal`)).status).not.toBe(200)

    const later = server.outbox().length
    // Payload refuses a second reset mail within 15 s of the last one.
    await new Promise((resolve) => setTimeout(resolve, 15_500))
    await forgot({ email: user.email })
    const expiring = tokenIn(newMails(later)[0]?.html)
    await server.payload.db.updateOne({
      collection: 'users',
      where: { id: { equals: user.id } },
      data: { resetPasswordExpiration: new Date(Date.now() - 1000).toISOString() },
    })
    expect((await reset(expiring, `${user.password}-too-late-renewal`)).status).not.toBe(200)
  })

  it('keep only a hash of the token in the database: a copy of the database resets no account', async () => {
    const user = await createUser(server.payload, 'staff')
    const before = server.outbox().length
    await forgot({ email: user.email })
    const token = tokenIn(newMails(before)[0]?.html)
    const stored = await server.payload.db.findOne<{ id: string; resetPasswordToken: string }>({
      collection: 'users',
      where: { id: { equals: user.id } },
    })
    expect(token).not.toBe('')
    expect(stored!.resetPasswordToken).not.toContain(token)
    expect((await reset(stored!.resetPasswordToken, `${user.password}-from-a-stolen-copy`)).status).not.toBe(200)
    expect((await reset(token, `${user.password}-from-the-mail`)).status).toBe(200)
  })

  it('end every earlier session and tell the account holder', async () => {
    const user = await createUser(server.payload, 'staff')
    const [first, second] = [
      await server.login(user.email, user.password),
      await server.login(user.email, user.password),
    ]
    expect(await signedInAs(first)).toBe(user.email)
    const before = server.outbox().length
    await forgot({ email: user.email })
    const response = await reset(tokenIn(newMails(before)[0]?.html), `${user.password}-after-reset`)
    const { token: fresh } = await response.json()
    expect(await signedInAs(first)).toBeNull()
    expect(await signedInAs(second)).toBeNull()
    expect(await signedInAs(fresh)).toBe(user.email)
    expect(
      newMails(before).map((mail) => [mail.to, mail.subject.includes('パスワードが変更されました')]),
    ).toContainEqual([[user.email], true])
  })
})

describe('credential changes', { timeout: 60_000 }, () => {
  it('a password change keeps the session that made it, ends the others, and sends a notice', async () => {
    const user = await createUser(server.payload, 'staff')
    const [mine, stolen] = [
      await server.login(user.email, user.password),
      await server.login(user.email, user.password),
    ]
    const before = server.outbox().length
    const changed = await server.request(`/api/users/${user.id}`, {
      method: 'PATCH',
      token: mine,
      json: { password: `${user.password}-changed`, currentPassword: user.password },
    })
    expect(changed.status).toBe(200)
    expect(await signedInAs(mine)).toBe(user.email)
    expect(await signedInAs(stolen)).toBeNull()
    expect(newMails(before).map((mail) => mail.to)).toEqual([[user.email]])
  })

  it('an e-mail change notifies the old and the new address', async () => {
    const user = await createUser(server.payload, 'staff')
    const token = await server.login(user.email, user.password)
    const moved = `moved-${user.email}`
    const before = server.outbox().length
    const changed = await server.request(`/api/users/${user.id}`, {
      method: 'PATCH',
      token,
      json: { email: moved, currentPassword: user.password },
    })
    expect(changed.status).toBe(200)
    expect(
      newMails(before)
        .flatMap((mail) => mail.to)
        .sort(),
    ).toEqual([moved, user.email].sort())
  })
})
