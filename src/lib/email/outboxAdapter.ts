import type { EmailAdapter, SendEmailOptions } from 'payload'

import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { writePrivateFile } from '../privateFiles'
import type { Sender } from './sender'

/** A mail as the outbox keeps it: one JSON file per mail. */
export type OutboxMail = {
  id: string
  sentAt: string
  from: string
  to: string[]
  subject: string
  text?: string
  html?: string
}

const addresses = (value: SendEmailOptions['to']): string[] => {
  if (!value) return []
  if (typeof value === 'string')
    return value
      .split(',')
      .map((address) => address.trim())
      .filter(Boolean)
  if (Array.isArray(value)) return value.flatMap((entry) => addresses(entry as SendEmailOptions['to']))
  return value.address ? [value.address] : []
}

/**
 * Development and tests: mails are not sent but written to a folder (MAIL_OUTBOX_DIR, default data/outbox), one JSON
 * file each, where a developer opens them and tests read them (readOutbox), from this process or another.
 */
export const outboxAdapter =
  (directory: string, sender: Sender): EmailAdapter<OutboxMail> =>
  ({ payload }) => ({
    name: 'outbox',
    defaultFromAddress: sender.address,
    defaultFromName: sender.name,
    sendEmail: async (message) => {
      const mail: OutboxMail = {
        id: randomUUID(),
        sentAt: new Date().toISOString(),
        from: `${sender.name} <${sender.address}>`,
        to: addresses(message.to),
        subject: String(message.subject ?? ''),
        text: typeof message.text === 'string' ? message.text : undefined,
        html: typeof message.html === 'string' ? message.html : undefined,
      }
      // Mails carry reset links and sign-in notices: owner-only, like the database.
      await writePrivateFile(
        path.join(directory, `${mail.sentAt.replace(/[:.]/g, '-')}-${mail.id}.json`),
        JSON.stringify(mail, null, 2),
      )
      payload.logger.info(`Mail to ${mail.to.join(', ')} kept in the outbox (${directory}): ${mail.subject}`)
      return mail
    },
  })

/** Every mail in an outbox folder, oldest first. */
export const readOutbox = (directory: string): OutboxMail[] => {
  if (!fs.existsSync(directory)) return []
  return fs
    .readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(fs.readFileSync(path.join(directory, name), 'utf8')) as OutboxMail)
}
