import type { Payload } from 'payload'

/**
 * Writes a post's body straight into the database, as one saved before bodies were checked: no hook or
 * validation runs. Drafts are read from their newest version, so that version gets the body too.
 */
export const writeBodyUnchecked = async (
  payload: Payload,
  collection: 'articles' | 'repair-logs',
  id: string,
  body: unknown,
) => {
  await payload.db.updateOne({ collection, id, data: { body } })
  const { docs } = await payload.db.findVersions({
    collection,
    where: { parent: { equals: id } },
    sort: '-updatedAt',
    limit: 1,
  })
  const [newest] = docs as Array<{ id: string; version: Record<string, unknown> }>
  if (newest)
    await payload.db.updateVersion({
      collection,
      id: newest.id,
      versionData: { ...newest, version: { ...newest.version, body } } as never,
    })
}
