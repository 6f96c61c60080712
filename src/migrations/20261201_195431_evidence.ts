import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`devices\` ADD \`status\` text DEFAULT 'current';`)
  await db.run(sql`CREATE INDEX \`devices_status_idx\` ON \`devices\` (\`status\`);`)
  await db.run(sql`ALTER TABLE \`audit_log\` ADD \`actor_email\` text;`)
  await db.run(sql`ALTER TABLE \`audit_log\` ADD \`actor_role\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`devices_status_idx\`;`)
  await db.run(sql`ALTER TABLE \`devices\` DROP COLUMN \`status\`;`)
  await db.run(sql`ALTER TABLE \`audit_log\` DROP COLUMN \`actor_email\`;`)
  await db.run(sql`ALTER TABLE \`audit_log\` DROP COLUMN \`actor_role\`;`)
}
