import type { Field, SanitizedConfig, TabAsField } from 'payload'

import { traverseFields } from 'payload'

/** Fields of an auth collection Payload marks as having no component and still shows, in its own account block. */
const AUTH_FIELDS_SHOWN = new Set(['email', 'username', 'enableAPIKey', 'apiKey'])

/**
 * Calls `visit` with every field of every collection and global the admin shows, nested ones (groups, rows, tabs,
 * arrays) included, and its path (`campaigns.endsAt`). Hidden collections (Payload's jobs, preferences, migrations)
 * have no form; hidden, disabled and component-less fields (but the auth fields Payload shows in its account block) (timestamps, the reset and lock-out times, the sessions
 * array and what it holds) are never shown.
 */
export const forEachShownField = (
  config: SanitizedConfig,
  visit: (field: Field | TabAsField, path: string) => void,
): void => {
  for (const entity of [...config.collections, ...config.globals]) {
    if (entity.admin?.hidden === true) continue
    traverseFields({
      config,
      fields: entity.fields,
      callback: ({ field, next, parentPath }) => {
        const { admin } = field as {
          admin?: { disabled?: boolean; hidden?: boolean; components?: { Field?: unknown } }
        }
        const noComponent =
          admin?.components?.Field === false && !('name' in field && AUTH_FIELDS_SHOWN.has(field.name ?? ''))
        const notShown = admin?.hidden === true || admin?.disabled === true || noComponent
        if (('hidden' in field && field.hidden === true) || notShown) return next?.()
        visit(field, `${entity.slug}.${parentPath}${'name' in field ? field.name : ''}`)
      },
    })
  }
}
