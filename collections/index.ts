import { behindSessionGate } from '../src/access/sessionGate'
import { apiTabForChainOnly } from '../src/lib/developerTools'
import { keepsEvidence } from '../src/hooks/refuseDeletingReferenced'
import { sortsStayReadable } from '../src/hooks/sortStaysReadable'
import { timestampsBySystem } from '../src/hooks/systemSetsTimestamps'
import { Articles } from './Articles'
import { AuditLog } from './AuditLog'
import { Campaigns } from './Campaigns'
import { Devices } from './Devices'
import { Media } from './Media'
import { Prices } from './Prices'
import { RepairLogs } from './RepairLogs'
import { Stores } from './Stores'
import { Users } from './Users'
import { WebhookDeliveries } from './WebhookDeliveries'

/**
 * Every collection, in the order the admin's navigation lists them, each behind the session gate: an admin or
 * HQ session that has not passed its second factor can do nothing but enrol or verify, and no session outlives its
 * absolute lifetime. None can be deleted while anything points at it (evidence is kept), only the system sets
 * timestamps, a sort reaches only what the reader may read, and only HQ and admin see a document's API tab.
 */
export const collections = [
  RepairLogs,
  Articles,
  Media,
  Campaigns,
  Prices,
  Devices,
  Stores,
  Users,
  AuditLog,
  WebhookDeliveries,
]
  .map(keepsEvidence)
  .map(timestampsBySystem)
  .map(sortsStayReadable)
  .map(behindSessionGate)
  .map(apiTabForChainOnly)
