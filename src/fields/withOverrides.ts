import { deepMerge } from 'payload'

/**
 * A field factory's field with a caller's overrides merged in depth, so `admin: { description }` adds a description
 * without dropping the factory's own `admin` settings (its date picker, placeholder, position). Payload's deepMerge
 * (the deepmerge package): nested objects merge, a caller's value wins for the same key, arrays are joined, so a
 * caller's hooks run after the factory's instead of replacing them.
 */
export const withOverrides = <F extends object>(field: F, overrides: Partial<F>): F => deepMerge<F>(field, overrides)
