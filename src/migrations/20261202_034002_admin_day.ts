import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

import { fillDeviceSearchText } from '../lib/deviceSearch'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`repair_logs\` ADD \`device_not_listed\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`repair_logs\` ADD \`unlisted_model\` text;`)
  await db.run(sql`CREATE INDEX \`repair_logs_device_not_listed_idx\` ON \`repair_logs\` (\`device_not_listed\`);`)
  await db.run(sql`ALTER TABLE \`_repair_logs_v\` ADD \`version_device_not_listed\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`_repair_logs_v\` ADD \`version_unlisted_model\` text;`)
  await db.run(
    sql`CREATE INDEX \`_repair_logs_v_version_version_device_not_listed_idx\` ON \`_repair_logs_v\` (\`version_device_not_listed\`);`,
  )
  await db.run(sql`ALTER TABLE \`devices\` ADD \`search_text\` text;`)
  await db.run(sql`CREATE INDEX \`devices_search_text_idx\` ON \`devices\` (\`search_text\`);`)
  // Devices written before the search text existed: found by alias from now on.
  await fillDeviceSearchText(payload, req)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`repair_logs_device_not_listed_idx\`;`)
  await db.run(sql`ALTER TABLE \`repair_logs\` DROP COLUMN \`device_not_listed\`;`)
  await db.run(sql`ALTER TABLE \`repair_logs\` DROP COLUMN \`unlisted_model\`;`)
  await db.run(sql`DROP INDEX \`_repair_logs_v_version_version_device_not_listed_idx\`;`)
  await db.run(sql`ALTER TABLE \`_repair_logs_v\` DROP COLUMN \`version_device_not_listed\`;`)
  await db.run(sql`ALTER TABLE \`_repair_logs_v\` DROP COLUMN \`version_unlisted_model\`;`)
  await db.run(sql`DROP INDEX \`devices_search_text_idx\`;`)
  await db.run(sql`ALTER TABLE \`devices\` DROP COLUMN \`search_text\`;`)
}
