import type { IncomingMessage } from 'node:http'

import { carriesCredential, GRAPHQL_PATH } from './anonymousRead'
import type { GraphqlOperation } from './graphqlOperation'

/**
 * Largest anonymous GraphQL POST body read in the listener to look its answer up before Express (queries are a few
 * hundred bytes; anything larger goes to Express and its body limit as it came).
 */
const LISTENER_BODY_LIMIT_BYTES = 16 * 1024

const bodies = new WeakMap<IncomingMessage, string>()

/**
 * Whether the listener may read this request's body to look for a cached GraphQL answer: an anonymous JSON POST to
 * the GraphQL path with a declared length within the limit, from a client that sends no Origin. A browser's POST
 * carries Origin, and Express's cross-site check answers those: reading them here could answer one it refuses.
 */
export const isListenerGraphqlPost = (req: IncomingMessage, sessionCookie: string): boolean => {
  if (req.method !== 'POST' || req.url !== GRAPHQL_PATH || req.headers.origin !== undefined) return false
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return false
  const length = Number(req.headers['content-length'])
  return (
    Number.isInteger(length) &&
    length > 0 &&
    length <= LISTENER_BODY_LIMIT_BYTES &&
    !carriesCredential(req.headers, sessionCookie)
  )
}

/** Reads the body the listener looks up by, and keeps it for Payload's route, which can no longer read the stream. */
export const readListenerBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.once('error', reject)
    req.once('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      bodies.set(req, text)
      resolve(text)
    })
  })

/** The body the listener already read, if it did. */
export const listenerBodyOf = (req: IncomingMessage): string | undefined => bodies.get(req)

/** A POST GraphQL body worth keying: JSON with a query string. Anything else goes to Payload as it came. */
export const parsedOperation = (text: string): GraphqlOperation | undefined => {
  try {
    const body = JSON.parse(text) as Partial<GraphqlOperation> | null
    return body && typeof body === 'object' && typeof body.query === 'string' ? (body as GraphqlOperation) : undefined
  } catch {
    return undefined
  }
}
