import * as migration_20261125_140916_initial from './20261125_140916_initial'
import * as migration_20261125_151544_audit_log from './20261125_151544_audit_log'
import * as migration_20261125_163600_second_factor from './20261125_163600_second_factor'
import * as migration_20261201_195431_evidence from './20261201_195431_evidence'
import * as migration_20261201_230722_delivery from './20261201_230722_delivery'
import * as migration_20261202_014139_production from './20261202_014139_production'
import * as migration_20261202_034002_admin_day from './20261202_034002_admin_day'
import * as migration_20261202_075435_site_content from './20261202_075435_site_content'
import * as migration_20261202_075555_codes_one_spelling from './20261202_075555_codes_one_spelling'

export const migrations = [
  {
    up: migration_20261125_140916_initial.up,
    down: migration_20261125_140916_initial.down,
    name: '20261125_140916_initial',
  },
  {
    up: migration_20261125_151544_audit_log.up,
    down: migration_20261125_151544_audit_log.down,
    name: '20261125_151544_audit_log',
  },
  {
    up: migration_20261125_163600_second_factor.up,
    down: migration_20261125_163600_second_factor.down,
    name: '20261125_163600_second_factor',
  },
  {
    up: migration_20261201_195431_evidence.up,
    down: migration_20261201_195431_evidence.down,
    name: '20261201_195431_evidence',
  },
  {
    up: migration_20261201_230722_delivery.up,
    down: migration_20261201_230722_delivery.down,
    name: '20261201_230722_delivery',
  },
  {
    up: migration_20261202_014139_production.up,
    down: migration_20261202_014139_production.down,
    name: '20261202_014139_production',
  },
  {
    up: migration_20261202_034002_admin_day.up,
    down: migration_20261202_034002_admin_day.down,
    name: '20261202_034002_admin_day',
  },
  {
    up: migration_20261202_075435_site_content.up,
    down: migration_20261202_075435_site_content.down,
    name: '20261202_075435_site_content',
  },
  {
    up: migration_20261202_075555_codes_one_spelling.up,
    down: migration_20261202_075555_codes_one_spelling.down,
    name: '20261202_075555_codes_one_spelling',
  },
]
