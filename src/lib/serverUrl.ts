import { type Environment, environment } from './env'

/** The address a server listening on every interface is reached at on its own machine. */
const WILDCARD_HOSTS = new Set(['', '0.0.0.0', '::', '[::]'])

/**
 * The CMS's public address, which every URL it hands out starts with (media files and their sizes, pictures in
 * rendered bodies, links in mails): SERVER_URL, which a deployment must set (src/lib/deployment.ts); without it,
 * where `npm start` and tests listen (HOST and PORT), so a frontend on another origin still gets usable URLs.
 * Never a header of the request, which anyone can set.
 */
export const publicBaseUrl = (env: Environment = environment()): string => {
  const serverUrl = env.SERVER_URL
  if (serverUrl) return serverUrl.replace(/\/+$/, '')
  const host = env.HOST.trim()
  return `http://${WILDCARD_HOSTS.has(host) ? 'localhost' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${env.PORT}`
}
