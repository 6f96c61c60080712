import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`site_settings_navigation\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`label\` text NOT NULL,
  	\`url\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`site_settings\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`site_settings_navigation_order_idx\` ON \`site_settings_navigation\` (\`_order\`);`)
  await db.run(
    sql`CREATE INDEX \`site_settings_navigation_parent_id_idx\` ON \`site_settings_navigation\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`site_settings_group_sites\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text(36) NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`label\` text NOT NULL,
  	\`url\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`site_settings\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`site_settings_group_sites_order_idx\` ON \`site_settings_group_sites\` (\`_order\`);`)
  await db.run(
    sql`CREATE INDEX \`site_settings_group_sites_parent_id_idx\` ON \`site_settings_group_sites\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`site_settings\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`site_name\` text NOT NULL,
  	\`short_name\` text NOT NULL,
  	\`seo_title_suffix\` text,
  	\`seo_description\` text,
  	\`contact_label\` text,
  	\`contact_url\` text,
  	\`booking_online_call_to_action\` text,
  	\`headings_store_repair_logs\` text,
  	\`headings_chain_repair_logs\` text,
  	\`footer\` text,
  	\`updated_at\` text,
  	\`created_at\` text
  );
  `)
  await db.run(sql`ALTER TABLE \`stores\` ADD \`short_name\` text;`)
  await db.run(sql`ALTER TABLE \`stores\` ADD \`booking_link_text\` text;`)
  await db.run(sql`ALTER TABLE \`stores\` ADD \`seo_keyword\` text;`)
  await db.run(sql`ALTER TABLE \`stores\` ADD \`seo_title\` text;`)
  await db.run(sql`ALTER TABLE \`stores\` ADD \`seo_description\` text;`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`public_name\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`site_settings_navigation\`;`)
  await db.run(sql`DROP TABLE \`site_settings_group_sites\`;`)
  await db.run(sql`DROP TABLE \`site_settings\`;`)
  await db.run(sql`ALTER TABLE \`stores\` DROP COLUMN \`short_name\`;`)
  await db.run(sql`ALTER TABLE \`stores\` DROP COLUMN \`booking_link_text\`;`)
  await db.run(sql`ALTER TABLE \`stores\` DROP COLUMN \`seo_keyword\`;`)
  await db.run(sql`ALTER TABLE \`stores\` DROP COLUMN \`seo_title\`;`)
  await db.run(sql`ALTER TABLE \`stores\` DROP COLUMN \`seo_description\`;`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`public_name\`;`)
}
