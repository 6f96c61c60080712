import path from 'node:path'
import { buildConfig, defaultLoggerOptions } from 'payload'
import sharp from 'sharp'

import { collections } from './collections'
import { globals } from './globals'
import { permissionQueries } from './src/access/graphqlPermissions'
import { jobsAccess } from './src/access/jobs'
import { absentFeatureMutations, servePresentFeaturesOnly } from './src/access/presentFeaturesOnly'
import { closeByDefault } from './src/access/sessionGate'
import { MAX_UPLOAD_BYTES } from './collections/Media'
import { invalidateOnChange } from './src/delivery/invalidateOnChange'
import { labelsEndpoint } from './src/endpoints/labels'
import { labelsQuery } from './src/endpoints/labelsQuery'
import { slugQueries } from './src/endpoints/slugQueries'
import { storeQueries } from './src/endpoints/storeQueries'
import { operationLimits } from './src/graphql/operationLimits'
import { answerConstraintViolations } from './src/hooks/answerConstraintViolations'
import { recordFailedSignIn } from './collections/Users/hooks/auditAccounts'
import { countDatabaseErrors } from './src/hooks/countDatabaseErrors'
import { guardEveryWrite } from './src/hooks/guardEveryWrite'
import { answerSignInRefusals } from './collections/Users/hooks/signInRefusals'
import { adminLanguages } from './src/lib/adminTranslations'
import { ADMIN_NAME, FAVICON_PATH } from './src/lib/brand'
import { allowedOrigins } from './src/lib/allowedOrigins'
import { databaseAdapter } from './src/lib/database'
import { emailAdapter } from './src/lib/email'
import { environment } from './src/lib/env'
import { CHAIN_TIME_ZONE } from './src/lib/jst'
import { mediaStorage } from './src/lib/mediaStorage'
import { PROJECT_ROOT } from './src/lib/paths'
import { richTextEditor } from './src/lib/richText/editor'
import { payloadSecret } from './src/lib/secret'
import { logLineRequestId } from './src/lib/requestId'
import { webhooks } from './src/webhooks/plugin'

const env = environment()

export default buildConfig({
  // The admin's own requests and links follow the address it is opened at unless SERVER_URL names one; media URLs
  // are absolute either way (src/hooks/absoluteFileUrls.ts), mails' links too (src/lib/serverUrl.ts).
  serverURL: env.SERVER_URL ?? '',
  secret: payloadSecret(),
  // Requests signed in by cookie count only from these origins (SERVER_URL, CSRF_ALLOWED_ORIGINS): a CSRF allow-list.
  csrf: allowedOrigins(),
  email: emailAdapter(),
  db: databaseAdapter(),
  collections,
  // The label tables of every code the public API returns, in Japanese and English (GraphQL: Labels).
  endpoints: [labelsEndpoint],
  globals,
  // Payload's own collections get named rules and, like every endpoint, meet the same session gate as ours; every
  // collection's writes refuse malformed input, unknown references and foreign row IDs (no input gives a 5xx).
  onInit: (payload) => {
    guardEveryWrite(payload)
    closeByDefault(payload)
    // Operations of features a collection lacks (versions, e-mail verification, ...) answered 500: not served.
    servePresentFeaturesOnly(payload)
  },
  // Failed sign-ins run no collection hook; this is where REST and GraphQL both report them, and where every
  // refused sign-in gets one answer (429 over the sign-in budget, else the generic 401). Errors of the database are
  // counted for /metrics first.
  hooks: { afterError: [countDatabaseErrors, recordFailedSignIn, answerSignInRefusals, answerConstraintViolations] },
  editor: richTextEditor,
  sharp,
  admin: {
    user: 'users',
    // Offline shop PCs cannot reach Gravatar.
    avatar: 'default',
    dateFormat: 'yyyy/MM/dd HH:mm',
    timezones: {
      supportedTimezones: [{ label: '日本時間 (Asia/Tokyo)', value: CHAIN_TIME_ZONE }],
      defaultTimezone: CHAIN_TIME_ZONE,
    },
    // The chain's mark as the favicon, in place of Payload's (public/ is Next's static folder).
    meta: { titleSuffix: ` | ${ADMIN_NAME}`, icons: [{ rel: 'icon', type: 'image/svg+xml', url: FAVICON_PATH }] },
    importMap: { baseDir: PROJECT_ROOT },
    components: {
      graphics: { Logo: '/src/components/ChainMark#ChainLogo', Icon: '/src/components/ChainMark#ChainIcon' },
      // Hides the take-over of a locked document from staff and managers (Payload has no option for it).
      header: ['/src/components/TakeOverForChainOnly#TakeOverForChainOnly'],
      // The few texts Payload's packages write in English only (toasts, aria-labels, tooltips), said in Japanese.
      providers: ['/src/components/PackageTranslations#PackageTranslations'],
      beforeDashboard: ['/src/components/HqDashboard#HqDashboard', '/src/components/StoreDashboard#StoreDashboard'],
      // Where the admin sends a session that may not act yet: enrol or pass the second factor there.
      views: { unauthorized: { Component: '/src/components/SecondFactorView#SecondFactorView' } },
    },
    routes: { unauthorized: '/second-factor' },
  },
  i18n: {
    supportedLanguages: adminLanguages,
    fallbackLanguage: 'ja',
  },
  graphQL: {
    // Payload's own estimate, kept as a backstop; operationLimits prices lists by their limit and each alias and root
    // field as a query, caps aliases and root fields, and puts the time and rate budgets on the resolvers.
    maxComplexity: 1000,
    validationRules: operationLimits,
    // ActiveCampaigns and StorePriceList: the GraphQL side of the store endpoints; StoreBySlug, ArticleBySlug, …
    // and StoreArticles, StoreRepairLogs: the lookups by slug; Access and docAccess<Collection> answered in the shape
    // their schema asks (Payload's answered 500); Labels: the label tables of GET /api/labels.
    queries: (GraphQL, context) => ({
      ...storeQueries(GraphQL, context),
      ...slugQueries(GraphQL, context),
      ...labelsQuery(GraphQL, context),
      ...permissionQueries(GraphQL, context),
    }),
    // verifyEmail<User> refuses: e-mail verification is off (Payload generates it anyway and answered 500).
    mutations: absentFeatureMutations,
  },
  typescript: { outputFile: path.join(PROJECT_ROOT, 'src/payload-types.ts') },
  jobs: {
    access: jobsAccess,
    // Scheduled publishing works out of the box: every instance looks for due jobs on this cron (seconds
    // first) and Payload locks each job, so several instances never publish twice.
    autoRun: [{ cron: env.JOBS_AUTORUN_CRON, queue: 'default', limit: 20 }],
    shouldAutoRun: () => environment().JOBS_AUTORUN,
  },
  // Phone photos are a few MB; anything far larger is a mistake or an attack.
  upload: { limits: { fileSize: MAX_UPLOAD_BYTES } },
  telemetry: false,
  // Signed events to static and ISR frontends on publish, unpublish and delete (WEBHOOK_URLS, README "Webhooks").
  // Every change of content empties the response cache before its answer leaves (src/delivery/invalidateOnChange.ts).
  // Media files go to an S3 bucket when S3_BUCKET is set, else to MEDIA_DIR (src/lib/mediaStorage.ts).
  plugins: [webhooks(), invalidateOnChange, mediaStorage()],
  // LOG_LEVEL=debug for more; tests run with `fatal` so their output shows only the results.
  // Readable lines on a terminal, JSON lines for log collectors everywhere else; a line written while a request is
  // handled carries its id (requestId, sent back in X-Request-Id), one access line per request at info.
  logger: {
    options: { level: env.LOG_LEVEL, mixin: logLineRequestId },
    destination: process.stdout.isTTY ? defaultLoggerOptions : undefined,
  },
})
