import type { EmailAdapter } from 'payload'

import path from 'node:path'

import { DATA_DIR } from '../paths'
import { outboxAdapter } from './outboxAdapter'
import { senderFromEnvironment } from './sender'
import { smtpAdapter } from './smtpAdapter'

export const OUTBOX_DIR = path.resolve(process.env.MAIL_OUTBOX_DIR ?? path.join(DATA_DIR, 'outbox'))

/** SMTP_URL set: real mail over SMTP; otherwise the outbox folder. A deployment must set SMTP_URL (see deployment.ts). */
export const emailAdapter = (): EmailAdapter => {
  const sender = senderFromEnvironment()
  return process.env.SMTP_URL ? smtpAdapter(process.env.SMTP_URL, sender) : outboxAdapter(OUTBOX_DIR, sender)
}
