import { Articles } from './Articles'
import { AuditLog } from './AuditLog'
import { Campaigns } from './Campaigns'
import { Devices } from './Devices'
import { Media } from './Media'
import { Prices } from './Prices'
import { RepairLogs } from './RepairLogs'
import { Stores } from './Stores'
import { Users } from './Users'

/** Every collection, in the order the admin's navigation lists them. */
export const collections = [RepairLogs, Articles, Media, Campaigns, Prices, Devices, Stores, Users, AuditLog]
