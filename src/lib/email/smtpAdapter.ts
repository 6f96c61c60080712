import type { EmailAdapter } from 'payload'

import nodemailer from 'nodemailer'

import type { Sender } from './sender'

/**
 * Mail through an SMTP server (SMTP_URL, e.g. smtps://user:pass@smtp.example.jp:465), with nodemailer. Written
 * here rather than taken from @payloadcms/email-nodemailer, which is published only up to 3.90.1: Payload refuses to
 * start with mixed versions of its packages.
 */
export const smtpAdapter =
  (smtpUrl: string, sender: Sender): EmailAdapter =>
  () => {
    const transport = nodemailer.createTransport(smtpUrl)
    return {
      name: 'smtp',
      defaultFromAddress: sender.address,
      defaultFromName: sender.name,
      sendEmail: (message) => transport.sendMail({ from: { name: sender.name, address: sender.address }, ...message }),
    }
  }
