import { type ArgumentNode, Kind, parse, visit } from 'graphql'

/** What an attempt tries: sign in, have a reset mailed, or reset with a token. */
export type AttemptKind = 'forgot-password' | 'login' | 'reset-password'

/** One attempt in a request; a GraphQL request may hold several (aliases, batches). */
export type AuthAttempt = {
  kind: AttemptKind
  /** The e-mail address tried, lower-cased and trimmed; absent for resets and unreadable bodies. */
  account?: string
  /** The response key of a GraphQL field (its alias or name); absent on REST. */
  responseKey?: string
}

const GRAPHQL_FIELDS: Record<string, AttemptKind> = {
  loginUser: 'login',
  forgotPasswordUser: 'forgot-password',
  resetPasswordUser: 'reset-password',
}

export const normaliseAccount = (email: unknown): string | undefined =>
  typeof email === 'string' && email.trim() ? email.trim().toLowerCase() : undefined

/** The fields Payload reads from a REST body: JSON, or multipart form data with a `_payload` JSON field. */
export const restBodyData = async (body: Buffer, contentType = ''): Promise<Record<string, unknown>> => {
  try {
    if (contentType.startsWith('application/json')) return JSON.parse(body.toString('utf8'))
    if (contentType.includes('multipart/')) {
      const form = await new Response(new Uint8Array(body), { headers: { 'Content-Type': contentType } }).formData()
      const fields = form.get('_payload')
      return typeof fields === 'string' ? JSON.parse(fields) : {}
    }
  }
  catch {
    // Unreadable: Payload refuses it too; the attempt still counts against the client address.
  }
  return {}
}

const argumentValue = (argument: ArgumentNode | undefined, variables: Record<string, unknown>): unknown => {
  if (!argument) return undefined
  if (argument.value.kind === Kind.STRING) return argument.value.value
  if (argument.value.kind === Kind.VARIABLE) return variables[argument.value.name.value]
  return undefined
}

/**
 * Every loginUser, forgotPasswordUser and resetPasswordUser field in a GraphQL body, aliases and every
 * operation of a batch included. Counting every occurrence in the document (unused fragments and operations
 * too) can only over-count, never let an attempt through uncounted.
 */
export const graphqlAttempts = (body: Buffer): AuthAttempt[] => {
  let json: unknown
  try {
    json = JSON.parse(body.toString('utf8'))
  }
  catch {
    return []
  }
  const operations = Array.isArray(json) ? json : [json]
  const attempts: AuthAttempt[] = []
  for (const operation of operations) {
    const { query, variables } = (operation ?? {}) as { query?: unknown; variables?: unknown }
    if (typeof query !== 'string') continue
    const values = variables && typeof variables === 'object' ? (variables as Record<string, unknown>) : {}
    try {
      visit(parse(query), {
        Field(field) {
          const kind = GRAPHQL_FIELDS[field.name.value]
          if (!kind) return
          const email = field.arguments?.find((argument) => argument.name.value === 'email')
          attempts.push({
            kind,
            account: kind === 'reset-password' ? undefined : normaliseAccount(argumentValue(email, values)),
            responseKey: field.alias?.value ?? field.name.value,
          })
        },
      })
    }
    catch {
      // A query that does not parse is refused by Payload before anything runs.
    }
  }
  return attempts
}
