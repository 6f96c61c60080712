/** A relationship value as Payload returns it: an ID at depth 0, the related document when populated, or empty. */
export type RelationValue = string | { id: string } | null | undefined

/**
 * The related document's ID whether or not Payload populated it (REST reads at depth ≥ 1, GraphQL and hooks at
 * depth 0); null when the relationship is empty. Numeric IDs (MongoDB-free SQL with serial keys) come back as text.
 */
export const relationId = (value: unknown): string | null => {
  if (typeof value === 'string' && value !== '') return value
  if (typeof value === 'number') return String(value)
  if (value && typeof value === 'object' && 'id' in value) return relationId(value.id)
  return null
}

/** The IDs of a hasMany relationship value (null, IDs or populated documents). */
export const relationIds = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(relationId).filter((id): id is string => id !== null) : []
