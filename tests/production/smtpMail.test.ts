import type { AddressInfo } from 'node:net'

import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createUser, startPayload, type TestPayload } from '../helpers/payload'

type ReceivedMail = { from: string; to: string[]; raw: string }

/** A real SMTP peer on loopback: the CMS's mails go through Payload's official nodemailer adapter to it. */
const startSmtpPeer = async () => {
  const received: ReceivedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return { port, received, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

describe('mail over SMTP through the official nodemailer adapter', () => {
  let cms: TestPayload
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>

  beforeAll(async () => {
    smtp = await startSmtpPeer()
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}?ignoreTLS=true`
    process.env.MAIL_FROM_ADDRESS = 'no-reply@repair.example.jp'
    cms = await startPayload()
  })

  afterAll(async () => {
    delete process.env.SMTP_URL
    delete process.env.MAIL_FROM_ADDRESS
    await cms?.stop()
    await smtp?.stop()
  })

  let user: Awaited<ReturnType<typeof createUser>>

  it('uses the nodemailer adapter when SMTP_URL is set, and nothing goes to the outbox', async () => {
    expect(cms.payload.email.name).toBe('nodemailer')
    user = await createUser(cms.payload, 'staff')
    await cms.payload.forgotPassword({ collection: 'users', data: { email: user.email } })
    await expect.poll(() => smtp.received.length, { timeout: 10_000 }).toBe(1)
    expect(cms.outbox()).toEqual([])
  })

  it('delivers a password reset to the account, from the configured sender, with the reset link', async () => {
    const mail = smtp.received.at(-1)!
    expect(mail.from).toBe('no-reply@repair.example.jp')
    expect(mail.to).toEqual([user.email])
    // Quoted-printable folds long lines with a trailing "=": unfold before reading the link.
    const body = mail.raw.replace(/=\r?\n/g, '')
    expect(body).toMatch(/^Subject: =\?UTF-8\?/m)
    expect(body).toMatch(/\/admin\/reset\/[\w%-]{20,}/)
  })
})
