import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { currentGeneration } from '../../src/delivery/contentGeneration'
import { NOT_PUBLIC_CONTENT } from '../../src/delivery/invalidateOnChange'
import { createUser, startPayload, type TestPayload } from '../helpers/payload'

let context: TestPayload

beforeAll(async () => {
  context = await startPayload()
})
afterAll(async () => {
  await context?.stop()
})

/** An ID no document has: a change of nothing still runs the operation, its hooks included. */
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000'

describe('every change of content empties the response cache (closed by default)', () => {
  it('advances the content generation on a change of every collection, unless it is named as not public content', async () => {
    const { payload } = context
    const silent: string[] = []
    for (const { slug } of payload.config.collections) {
      if (slug in NOT_PUBLIC_CONTENT) continue
      for (const change of [
        () =>
          payload.update({
            collection: slug as 'stores',
            where: { id: { equals: NO_SUCH_ID } },
            data: {},
            overrideAccess: true,
          }),
        () =>
          payload.delete({ collection: slug as 'stores', where: { id: { equals: NO_SUCH_ID } }, overrideAccess: true }),
      ]) {
        const before = currentGeneration()
        await change()
        if (currentGeneration() === before) silent.push(slug)
      }
    }
    expect(silent, 'collections whose changes leave cached answers be: give them the hooks or a reason').toEqual([])
  })

  it('names only collections that exist, each with a reason', () => {
    const slugs = context.payload.config.collections.map((collection) => collection.slug)
    for (const [slug, reason] of Object.entries(NOT_PUBLIC_CONTENT)) {
      expect(slugs, slug).toContain(slug)
      expect(reason.length, slug).toBeGreaterThan(20)
    }
  })

  it('advances the content generation on a change of every global', async () => {
    const { payload } = context
    for (const { slug, flattenedFields } of payload.config.globals) {
      const before = currentGeneration()
      // The least a save accepts: every required top-level text, whatever the global holds yet.
      const data = Object.fromEntries(
        flattenedFields.filter((field) => field.type === 'text' && field.required).map((field) => [field.name, '変更']),
      )
      await payload.updateGlobal({ slug: slug as never, data: data as never, overrideAccess: true })
      expect(currentGeneration(), slug).toBeGreaterThan(before)
    }
  })

  it('advances after each change returns, so a read that started meanwhile is not kept', async () => {
    const { payload } = context
    const store = await payload.create({
      collection: 'stores',
      data: {
        name: '佐賀店',
        slug: 'saga',
        status: 'open',
        postalCode: '100-0001',
        prefecture: 'tokyo',
        city: '千代田区',
        addressLine: '千代田1-1',
        phone: '03-1234-5678',
      },
      overrideAccess: true,
    })
    let seenByLastHook = -1
    const hooks = payload.collections.stores.config.hooks
    const remember = () => {
      seenByLastHook = currentGeneration()
    }
    hooks.afterChange.push(remember)
    try {
      await payload.update({ collection: 'stores', id: store.id, data: { name: '佐賀駅前店' }, overrideAccess: true })
      expect(currentGeneration()).toBeGreaterThan(seenByLastHook)
    } finally {
      hooks.afterChange.splice(hooks.afterChange.indexOf(remember), 1)
    }
  })

  it('leaves cached answers be on a sign-in, which changes no content', async () => {
    const { payload } = context
    const staff = await createUser(payload, 'staff')
    const before = currentGeneration()
    const { token } = await payload.login({
      collection: 'users',
      data: { email: staff.email, password: staff.password },
    })
    expect(token).toBeTruthy()
    expect(currentGeneration()).toBe(before)
    // A change of the account itself still does: an author's name is shown with their posts.
    await payload.update({ collection: 'users', id: staff.id, data: { name: '改名 太郎' }, overrideAccess: true })
    expect(currentGeneration()).toBeGreaterThan(before)
  })
})
