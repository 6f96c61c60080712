/**
 * A setting that is a positive whole number: the variable's value, or `fallback` when it is unset or empty. Anything
 * else stops the caller (the server at start) with the variable's name, rather than running with a guess.
 */
export const positiveWholeNumber = (name: string, fallback: number, unit = ''): number => {
  const value = process.env[name]
  if (value === undefined || value === '') return fallback
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${name} must be a positive whole number${unit ? ` of ${unit}` : ''}, not "${value}"`)
  return parsed
}
