/**
 * One code, once, across instances: each instance checks a code against the account it read, so two instances
 * reading the account at the same moment would both accept the same code unless the write is a compare-and-set in
 * the database. The second instance is played here by handing the check the account as it was read before the
 * first check was written (what a second process would hold).
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { confirmEnrolment, SecondFactorError, startEnrolment, verifySecondFactor } from '../src/lib/auth/secondFactor'
import { createUser, startPayload, type TestPayload } from './helpers/payload'
import { totpCode } from './helpers/totp'

let context: TestPayload
beforeAll(async () => {
  context = await startPayload()
})
afterAll(async () => {
  await context?.stop()
})

/** Runs `check` while every read of the account answers `snapshot`, as on an instance that read it earlier. */
const withStaleRead = async <T>(snapshot: unknown, check: () => Promise<T>): Promise<T> => {
  const { payload } = context
  const findByID = payload.findByID.bind(payload)
  payload.findByID = (async () => snapshot) as typeof payload.findByID
  try {
    return await check()
  } finally {
    payload.findByID = findByID
  }
}

const readAccount = (id: string) =>
  context.payload.findByID({ collection: 'users', id, depth: 0, overrideAccess: true, showHiddenFields: true })

it('a TOTP code accepted on one instance is refused on another that read the account at the same time', async () => {
  const { payload } = context
  const user = await createUser(payload, 'hq')
  const { secret } = await startEnrolment(payload, user.id)
  await confirmEnrolment(payload, user.id, randomUUID(), totpCode(secret, Date.now() - 30_000))
  const code = totpCode(secret)

  const readByBothInstances = await readAccount(user.id)
  await verifySecondFactor(payload, user.id, randomUUID(), { code })
  await expect(
    withStaleRead(readByBothInstances, () => verifySecondFactor(payload, user.id, randomUUID(), { code })),
  ).rejects.toBeInstanceOf(SecondFactorError)
})

it('a recovery code spent on one instance is refused on another that read the account at the same time', async () => {
  const { payload } = context
  const user = await createUser(payload, 'hq')
  const { secret } = await startEnrolment(payload, user.id)
  const [recoveryCode] = await confirmEnrolment(payload, user.id, randomUUID(), totpCode(secret))

  const readByBothInstances = await readAccount(user.id)
  await verifySecondFactor(payload, user.id, randomUUID(), { recoveryCode })
  await expect(
    withStaleRead(readByBothInstances, () => verifySecondFactor(payload, user.id, randomUUID(), { recoveryCode })),
  ).rejects.toBeInstanceOf(SecondFactorError)
  expect(((await readAccount(user.id)).secondFactor as { recoveryCodes: string[] }).recoveryCodes).toHaveLength(9)
})
