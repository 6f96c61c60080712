import { type Environment, environment } from '../env'

/** Who mails come from: MAIL_FROM_ADDRESS and MAIL_FROM_NAME. */
export type Sender = { address: string; name: string }

export const senderFromEnvironment = (env: Environment = environment()): Sender => ({
  address: env.MAIL_FROM_ADDRESS,
  name: env.MAIL_FROM_NAME,
})
