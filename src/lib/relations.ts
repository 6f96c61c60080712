/** A relationship value as Payload returns it: an ID at depth 0, the related document when populated, or empty. */
export type RelationValue = string | { id: string } | null | undefined

/** The related document's ID whether or not it was populated; null when the relationship is empty. */
export const relationId = (value: RelationValue): string | null => {
  if (value === null || value === undefined) return null
  return typeof value === 'object' ? String(value.id) : String(value)
}
