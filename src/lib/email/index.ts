import type { EmailAdapter } from 'payload'

import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import path from 'node:path'

import { type Environment, environment } from '../env'
import { DATA_DIR } from '../paths'
import { outboxAdapter } from './outboxAdapter'
import { senderFromEnvironment } from './sender'

export const OUTBOX_DIR = path.resolve(environment().MAIL_OUTBOX_DIR ?? path.join(DATA_DIR, 'outbox'))

/**
 * SMTP_URL set: real mail over SMTP through Payload's official nodemailer adapter (the URL is nodemailer's own
 * connection string, e.g. smtps://user:pass@smtp.example.jp:465); otherwise the outbox folder. A deployment must set
 * SMTP_URL (see deployment.ts). The adapter checks the connection at start and logs, without stopping, when it fails.
 */
export const emailAdapter = (env: Environment = environment()): EmailAdapter | Promise<EmailAdapter> => {
  const sender = senderFromEnvironment(env)
  const smtpUrl = env.SMTP_URL
  if (!smtpUrl) return outboxAdapter(OUTBOX_DIR, sender)
  return nodemailerAdapter({
    defaultFromAddress: sender.address,
    defaultFromName: sender.name,
    // nodemailer takes a connection URL wherever it takes options; the adapter's type names only the object form.
    transportOptions: smtpUrl as never,
  })
}
