import type { Payload, PayloadRequest } from 'payload'

import type { LimiterFactory } from './rateLimiterStore'

import { recordAudit } from '../lib/audit'
import { CLIENT_ADDRESS_HEADER } from '../lib/clientAddress'

export type ThrottledAttempt = { address: string; userAgent?: string; accounts: string[]; route: string }

/**
 * Records a throttled client in the audit log: once per address per block, not once per refused request, so an
 * attacker hammering the login cannot flood the log.
 */
export const auditThrottling = (payload: Payload, limiters: LimiterFactory, blockSeconds: number) => {
  const recorded = limiters({ keyPrefix: 'audit-throttled', points: 1, duration: blockSeconds, blockDuration: 0 })
  return async ({ address, userAgent, accounts, route }: ThrottledAttempt): Promise<void> => {
    try {
      await recorded.consume(address)
    } catch {
      return
    }
    const headers = new Headers({ [CLIENT_ADDRESS_HEADER]: address, ...(userAgent ? { 'user-agent': userAgent } : {}) })
    await recordAudit({ payload, headers } as PayloadRequest, { event: 'throttled', subject: accounts[0] ?? address, details: { route, accounts } }, { outsideTransaction: true })
  }
}
