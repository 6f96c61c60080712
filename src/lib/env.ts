import proxyAddr from 'proxy-addr'

/**
 * Every environment variable the CMS reads, declared once: its meaning, its default and how its text becomes a
 * setting. The README's environment table has a row for each (tests/unit/env.test.ts checks it), and no other
 * module reads process.env: they read `environment()`.
 *
 * An empty value counts as unset everywhere (a Compose file's `${NAME:-}` passes one), so it takes the default.
 */

type Source = Record<string, string | undefined>

type Declaration<T> = {
  /** What the variable sets, in a few words; the README row says more. */
  description: string
  /** The setting for the variable's text (undefined when unset or empty), default included; throws on a bad value, naming the variable. */
  parse: (value: string | undefined, name: string) => T
}

const declare = <T>(description: string, parse: Declaration<T>['parse']): Declaration<T> => ({ description, parse })

/** A text without a default: undefined when unset. */
const text = (description: string) => declare(description, (value) => value)

const textOr = (fallback: string, description: string) => declare(description, (value) => value ?? fallback)

/** Comma-separated entries, each trimmed, empty ones dropped. */
const listOr = (fallback: readonly string[], description: string) =>
  declare(description, (value): readonly string[] =>
    value === undefined
      ? fallback
      : value
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
  )

/** On unless the value is `off`. */
const onUnlessOff = (description: string) => declare(description, (value) => value !== 'off')

/** On only when the value is `true`. */
const onWhenTrue = (description: string) => declare(description, (value) => value === 'true')

const wholeNumber = (value: string, name: string, least: number, rule: string): number => {
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < least) throw new Error(`${name} must be ${rule}, not "${value}"`)
  return parsed
}

/** A positive whole number, or `fallback` when unset; anything else stops the start with the variable's name. */
const positiveOr = (fallback: number, unit: string, description: string) =>
  declare(description, (value, name) =>
    value === undefined ? fallback : wholeNumber(value, name, 1, `a positive whole number${unit ? ` of ${unit}` : ''}`),
  )

/** Whether a setting is an http:// or https:// URL. */
export const isHttpUrl = (value: string): boolean => {
  try {
    const { protocol } = new URL(value)
    return protocol === 'https:' || protocol === 'http:'
  } catch {
    return false
  }
}

/**
 * The listed origins, each checked to be an origin (scheme, host, optional port, nothing else): a `*` or a path
 * in the list is a configuration error that stops the start rather than opening or silently closing the API.
 */
export const corsOriginsOf = (setting: string | undefined): ReadonlySet<string> => {
  const origins = new Set<string>()
  for (const entry of (setting ?? '').split(',')) {
    const origin = entry.trim().replace(/\/+$/, '')
    if (!origin) continue
    let parsed: URL | null = null
    try {
      parsed = new URL(origin)
    } catch {
      // reported below
    }
    if (!parsed || parsed.origin !== origin || !/^https?:$/.test(parsed.protocol)) {
      throw new Error(
        `CORS_ORIGINS: "${entry.trim()}" is not an origin such as https://shop.example.jp (scheme and host, no path, no wildcard).`,
      )
    }
    origins.add(origin)
  }
  return origins
}

/** The entries of METRICS_ALLOWED_ADDRESSES, checked by the parser that will match them (proxy-addr, as TRUST_PROXY). */
const metricsAddresses = (value: string | undefined): readonly string[] => {
  const entries = (value || 'loopback')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  try {
    proxyAddr.compile(entries)
  } catch (error) {
    throw new Error(
      `METRICS_ALLOWED_ADDRESSES must list addresses, CIDR ranges or loopback/linklocal/uniquelocal: ${(error as Error).message}`,
    )
  }
  return entries
}

/** The declarations, in the README table's order. */
const VARIABLES = {
  NODE_ENV: text('production for the production build; set by the npm scripts and the image'),
  PORT: declare('where Express listens', (value, name) =>
    value === undefined ? 3000 : wholeNumber(value, name, 0, 'a port number'),
  ),
  HOST: textOr('0.0.0.0', 'the address Express listens on'),
  DATABASE_URI: text('the database: empty or file:… for SQLite (data/cms.db by default), mongodb://… for MongoDB'),
  PAYLOAD_SECRET: text('the key that signs sessions; generated into data/.payload-secret when unset'),
  SERVER_URL: text('the public https address of the CMS'),
  DATA_DIR: textOr('data', 'folder of the embedded database and local media, from the project root'),
  MEDIA_DIR: text('where uploads are stored; DATA_DIR/media when unset'),
  BACKUP_DIR: text('where backups are written when given no path; DATA_DIR/backups when unset'),
  S3_BUCKET: text('an S3 bucket for media instead of MEDIA_DIR'),
  S3_REGION: text('the bucket’s region'),
  S3_ACCESS_KEY_ID: text('the key id for the bucket'),
  S3_SECRET_ACCESS_KEY: text('the key secret for the bucket'),
  S3_ENDPOINT: text('an S3-compatible store’s URL; AWS when unset'),
  S3_FORCE_PATH_STYLE: text('true: path-style object URLs (checked with the other S3 settings)'),
  S3_PREFIX: textOr('', 'folder of the media objects in the bucket'),
  MEDIA_ORPHAN_MIN_AGE_MINUTES: positiveOr(
    10,
    'minutes',
    'age from which a media file no document names is moved aside',
  ),
  SEED_ADMIN_EMAIL: textOr('admin@example.com', 'the first admin account'),
  SEED_ADMIN_PASSWORD: text('its password; generated and printed once when unset'),
  SEED_HQ_PASSWORD: text('the HQ demo accounts’ password; generated when unset'),
  SEED_MANAGER_PASSWORD: text('the manager demo accounts’ password; generated when unset'),
  SEED_STAFF_PASSWORD: text('the staff demo accounts’ password; generated when unset'),
  API_RATE_LIMIT_PER_MINUTE: declare('points per client address per minute on /api (0: off)', (value, name) =>
    value === undefined ? 600 : wholeNumber(value, name, 0, 'a whole number (0: off)'),
  ),
  API_BODY_LIMIT_BYTES: positiveOr(1024 * 1024, '', 'largest /api body but uploads'),
  GRAPHQL_MAX_COST: positiveOr(1000, '', 'highest cost of one GraphQL operation'),
  GRAPHQL_MAX_ROOT_FIELDS: positiveOr(10, '', 'root fields of one GraphQL operation'),
  GRAPHQL_MAX_ALIASES: positiveOr(15, '', 'aliased fields of one GraphQL operation'),
  GRAPHQL_COST_PER_RATE_POINT: positiveOr(20, '', 'GraphQL cost units per point of the /api budget'),
  GRAPHQL_TIME_BUDGET_MS: positiveOr(10_000, '', 'milliseconds one GraphQL request may run'),
  GRAPHQL_MAX_CONCURRENT: positiveOr(4, '', 'GraphQL operations one instance runs at once'),
  GRAPHQL_MAX_QUEUED: positiveOr(32, '', 'GraphQL requests that may wait for a slot'),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: positiveOr(5, '', 'failed checks of one account’s secrets within the window'),
  LOGIN_MAX_FAILURES_PER_ADDRESS: positiveOr(10, '', 'failed checks from one client address within the window'),
  LOGIN_MAX_ATTEMPTS_PER_ADDRESS: positiveOr(
    50,
    '',
    'all sign-in and reset attempts from one client address within the window',
  ),
  LOGIN_WINDOW_SECONDS: positiveOr(900, '', 'the sign-in counting window'),
  LOGIN_BLOCK_SECONDS: positiveOr(900, '', 'how long a spent sign-in budget stays blocked'),
  REDIS_URL: text('Redis for the counters and change announcements; the database when unset'),
  CONTENT_VERSION_POLL_MS: positiveOr(
    250,
    'milliseconds',
    'without REDIS_URL: how often an instance reads the content version',
  ),
  API_ONLY: onWhenTrue('true: the API without Next.js'),
  RESPONSE_CACHE: onUnlessOff('off: no response cache'),
  RESPONSE_CACHE_MAX_MB: positiveOr(64, 'megabytes', 'memory the response cache may hold'),
  CACHE_CONTROL_PUBLIC: textOr('public, max-age=0, must-revalidate', 'Cache-Control of anonymous JSON answers'),
  TRUST_PROXY: declare('Express’s trust proxy: a hop count or a list', (value) =>
    value !== undefined && /^\d+$/.test(value) ? Number(value) : value,
  ),
  LOG_LEVEL: textOr('info', 'pino log level'),
  METRICS: onUnlessOff('off: no /metrics and no request metrics'),
  METRICS_ALLOWED_ADDRESSES: declare('client addresses that may read /metrics; loopback when unset', metricsAddresses),
  METRICS_TOKEN: text('a bearer token that opens /metrics from any address'),
  SMTP_URL: text('mail over SMTP; the outbox folder when unset'),
  MAIL_FROM_ADDRESS: textOr('no-reply@localhost', 'sender address of mails'),
  MAIL_FROM_NAME: textOr('修理チェーンCMS', 'sender name of mails'),
  MAIL_OUTBOX_DIR: text('without SMTP_URL: the folder mails are written to; DATA_DIR/outbox when unset'),
  SESSION_IDLE_SECONDS: positiveOr(30 * 60, 'seconds', 'idle timeout of a session'),
  SESSION_MAX_AGE_SECONDS: positiveOr(12 * 60 * 60, 'seconds', 'absolute lifetime of a session'),
  CSRF_ALLOWED_ORIGINS: listOr([], 'more origins whose pages may use the session cookie'),
  CORS_ORIGINS: declare('origins whose pages may read /api from the browser', corsOriginsOf),
  WEBHOOK_URLS: listOr([], 'receivers of signed content events'),
  WEBHOOK_SECRET: text('the key of the events’ signature'),
  WEBHOOK_ATTEMPTS: positiveOr(10, '', 'tries per delivery'),
  WEBHOOK_BACKOFF_MS: positiveOr(10_000, 'milliseconds', 'wait before the first retry'),
  WEBHOOK_TIMEOUT_MS: positiveOr(10_000, 'milliseconds', 'how long a receiver may take'),
  WEBHOOK_LOG_DAYS: positiveOr(30, 'days', 'how long the delivery log keeps an attempt'),
  WEBHOOK_CRON: textOr('* * * * * *', 'how often due deliveries are sent'),
  JOBS_AUTORUN: declare('false: this instance runs no background jobs', (value) => value !== 'false'),
  JOBS_AUTORUN_CRON: textOr('*/10 * * * * *', 'how often the job queue runs'),
  NEXT_BUILD_CHECK: onUnlessOff('off: a production start serves .next as it is'),
  LOCAL_DEFAULTS: onWhenTrue('true: the production build on one machine with generated defaults'),
} satisfies Record<string, Declaration<unknown>>

export type VariableName = keyof typeof VARIABLES

/** Every setting of the environment, by variable name. */
export type Environment = { readonly [Name in VariableName]: ReturnType<(typeof VARIABLES)[Name]['parse']> }

/** The names and descriptions of every variable. */
export const declaredVariables = (): { name: VariableName; description: string }[] =>
  (Object.keys(VARIABLES) as VariableName[]).map((name) => ({ name, description: VARIABLES[name].description }))

/** One or more variables have values the CMS cannot run with; the message has one line for each. */
export class EnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'))
    this.name = 'EnvironmentError'
  }
}

const given = (value: string | undefined): string | undefined => (value === '' ? undefined : value)

/** The settings of `source`, frozen; every bad value is reported at once. */
export const parseEnvironment = (source: Source = process.env): Environment => {
  const settings: Record<string, unknown> = {}
  const problems: string[] = []
  for (const name of Object.keys(VARIABLES) as VariableName[]) {
    try {
      settings[name] = VARIABLES[name].parse(given(source[name]), name)
    } catch (error) {
      problems.push((error as Error).message)
    }
  }
  if (problems.length > 0) throw new EnvironmentError(problems)
  return Object.freeze(settings) as Environment
}

/**
 * Where the process keeps the environment it loaded: on globalThis, so the copy of this module inside Next's server
 * bundle (the admin, in the same process) finds the one the entry loaded.
 */
const LOADED = Symbol.for('cms.environment')
type Holder = { [LOADED]?: Environment }

/** Reads and checks process.env once, for the rest of the process (the entry does this first). */
export const loadEnvironment = (): Environment => ((globalThis as Holder)[LOADED] ??= parseEnvironment(process.env))

/**
 * A process that loaded none (tests, the CLI, `next build`) reads each setting from process.env when it is read, with
 * the same parser: a test can change a variable between steps, as it could before there was one module.
 */
const currentSettings = Object.freeze(
  Object.defineProperties(
    {},
    Object.fromEntries(
      (Object.keys(VARIABLES) as VariableName[]).map((name) => [
        name,
        { enumerable: true, get: () => VARIABLES[name].parse(given(process.env[name]), name) },
      ]),
    ),
  ),
) as Environment

/** The environment of this process: the one loaded at start, else the current values. */
export const environment = (): Environment => (globalThis as Holder)[LOADED] ?? currentSettings
