import { type Environment, environment, isHttpUrl } from './env'
import { s3Problems } from './mediaStorage'
import { MIN_SECRET_LENGTH } from './secret'

/**
 * A deployment is NODE_ENV=production without LOCAL_DEFAULTS=true. `npm start` sets LOCAL_DEFAULTS to run the
 * production build on one machine with generated defaults; the image (`npm run serve`) does not.
 */
export const isDeployment = (env: Environment = environment()): boolean =>
  env.NODE_ENV === 'production' && !env.LOCAL_DEFAULTS

/** What keeps WEBHOOK_URLS and WEBHOOK_SECRET from working; the server refuses to start while anything is listed. */
export const webhookProblems = (env: Environment = environment()): string[] => {
  const urls = env.WEBHOOK_URLS
  const problems = urls
    .filter((url) => !isHttpUrl(url))
    .map((url) => `WEBHOOK_URLS lists "${url}", which is not an http:// or https:// URL.`)
  if (urls.length === 0) return problems
  if (!env.WEBHOOK_SECRET)
    problems.push(
      `WEBHOOK_SECRET is not set (a random string of ${MIN_SECRET_LENGTH}+ characters signs every event sent to WEBHOOK_URLS).`,
    )
  else if (env.WEBHOOK_SECRET.length < MIN_SECRET_LENGTH)
    problems.push(`WEBHOOK_SECRET is shorter than ${MIN_SECRET_LENGTH} characters.`)
  return problems
}

/** What a deployment lacks to run safely; it refuses to start while anything is listed. */
export const deploymentProblems = (env: Environment = environment()): string[] => {
  const problems: string[] = []
  if (!env.PAYLOAD_SECRET)
    problems.push(
      `PAYLOAD_SECRET is not set (a random string of ${MIN_SECRET_LENGTH}+ characters signs every session).`,
    )
  else if (env.PAYLOAD_SECRET.length < MIN_SECRET_LENGTH)
    problems.push(`PAYLOAD_SECRET is shorter than ${MIN_SECRET_LENGTH} characters.`)
  if (!env.SERVER_URL)
    problems.push('SERVER_URL is not set (the public https address: links in mails and the CSRF allow-list).')
  else if (!env.SERVER_URL.startsWith('https://'))
    problems.push('SERVER_URL must be an https:// address (session cookies are Secure, HSTS is sent).')
  if (!env.SMTP_URL) problems.push('SMTP_URL is not set (password-reset and account-notice mails).')
  // With receivers configured, WEBHOOK_SECRET must be set (the signature is what receivers trust).
  problems.push(...webhookProblems(env))
  // With S3_BUCKET set, media go to the bucket: its region and key must be there before the first upload needs them.
  problems.push(...s3Problems(env))
  // The token opens /metrics from any address: no shorter than the session secret.
  if (env.METRICS_TOKEN !== undefined && env.METRICS_TOKEN.length < MIN_SECRET_LENGTH)
    problems.push(`METRICS_TOKEN is shorter than ${MIN_SECRET_LENGTH} characters.`)
  return problems
}
