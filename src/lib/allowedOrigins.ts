import { type Environment, environment } from './env'

/**
 * Origins whose pages may use a session cookie (Payload's `csrf` list): the public SERVER_URL, extra ones in
 * CSRF_ALLOWED_ORIGINS (comma-separated), and on a machine without SERVER_URL the local addresses of `npm start`.
 * A cookie-carrying request from any other origin is treated as signed out.
 */
export const allowedOrigins = (env: Environment = environment()): string[] => {
  const port = env.PORT
  const origins = [
    ...(env.SERVER_URL ? [env.SERVER_URL] : [`http://localhost:${port}`, `http://127.0.0.1:${port}`]),
    ...env.CSRF_ALLOWED_ORIGINS,
  ]
  return [...new Set(origins.map((origin) => origin.trim().replace(/\/+$/, '')).filter(Boolean))]
}
