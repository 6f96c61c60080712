/** Who mails come from: MAIL_FROM_ADDRESS and MAIL_FROM_NAME. */
export type Sender = { address: string; name: string }

export const senderFromEnvironment = (): Sender => ({
  address: process.env.MAIL_FROM_ADDRESS || 'no-reply@localhost',
  name: process.env.MAIL_FROM_NAME || '修理チェーンCMS',
})
