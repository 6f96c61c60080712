import type { ServerFunction, ServerFunctionClient } from 'payload'

import config from '@payload-config'
import '@payloadcms/next/css'
import { handleServerFunctions, RootLayout } from '@payloadcms/next/layouts'
import { copyDataFromLocaleHandler } from '@payloadcms/ui/rsc'
import { buildFormStateHandler } from '@payloadcms/ui/utilities/buildFormState'
import { schedulePublishHandler } from '@payloadcms/ui/utilities/schedulePublishHandler'
import React from 'react'

import {
  type CheckedServerFunctionName,
  guardServerFunction,
  isKnownServerFunction,
  UnknownServerFunction,
} from '../../access/serverFunctionGuard'
import { importMap } from './admin/importMap.js'
import './custom.scss'

type Args = { children: React.ReactNode }

/** Payload's own handlers of the server functions that write to a document the browser names. */
const CHECKED_HANDLERS: Record<CheckedServerFunctionName, ServerFunction<any, any>> = {
  'form-state': buildFormStateHandler,
  'schedule-publish': schedulePublishHandler,
  'copy-data-from-locale': copyDataFromLocaleHandler,
}

/**
 * The admin's one entry to the server: a name the guard does not list is refused before Payload reads the session,
 * and a function that writes runs its check (src/access/serverFunctionGuard.ts) with the signed-in request first.
 */
const serverFunction: ServerFunctionClient = async function ({ name, args }) {
  'use server'
  if (!isKnownServerFunction(name)) throw new UnknownServerFunction(name)
  const handler = Object.hasOwn(CHECKED_HANDLERS, name)
    ? CHECKED_HANDLERS[name as CheckedServerFunctionName]
    : undefined
  // Payload looks up `serverFunctions` before its own table, with the request it built from the session.
  const serverFunctions: Record<string, ServerFunction<any, any>> | undefined = handler && {
    [name]: async (payloadArgs) => {
      await guardServerFunction({ name, args: payloadArgs, req: payloadArgs.req })
      return handler(payloadArgs)
    },
  }
  return handleServerFunctions({ name, args, config, importMap, serverFunctions })
}

const Layout = ({ children }: Args) => (
  <RootLayout config={config} importMap={importMap} serverFunction={serverFunction}>
    {children}
  </RootLayout>
)

export default Layout
