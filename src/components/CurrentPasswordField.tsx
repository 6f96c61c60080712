'use client'

import type { TextFieldClientComponent } from 'payload'

import { PasswordField } from '@payloadcms/ui'

/** Any value, empty included, passes in the browser: only the server knows whether it is right. */
const checkedOnTheServer = () => true as const

/** Payload's own password input, for the current password the account form sends with a new password or e-mail. */
export const CurrentPasswordField: TextFieldClientComponent = ({ field, path }) => (
  <PasswordField
    field={field}
    path={path ?? field.name}
    autoComplete="current-password"
    validate={checkedOnTheServer}
  />
)
