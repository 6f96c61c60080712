import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`webhook_deliveries\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`delivery_id\` text NOT NULL,
  	\`event\` text NOT NULL,
  	\`document_collection\` text NOT NULL,
  	\`document_id\` text NOT NULL,
  	\`url\` text NOT NULL,
  	\`attempt\` numeric NOT NULL,
  	\`status_code\` numeric,
  	\`error\` text,
  	\`duration_ms\` numeric,
  	\`delivered_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`webhook_deliveries_delivery_id_idx\` ON \`webhook_deliveries\` (\`delivery_id\`);`)
  await db.run(sql`CREATE INDEX \`webhook_deliveries_document_id_idx\` ON \`webhook_deliveries\` (\`document_id\`);`)
  await db.run(sql`CREATE INDEX \`webhook_deliveries_updated_at_idx\` ON \`webhook_deliveries\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`webhook_deliveries_created_at_idx\` ON \`webhook_deliveries\` (\`created_at\`);`)
  await db.run(sql`ALTER TABLE \`repair_logs\` ADD \`body_html\` text;`)
  await db.run(sql`ALTER TABLE \`repair_logs\` ADD \`body_text\` text;`)
  await db.run(
    sql`CREATE INDEX \`_status_publishedAt_createdAt_idx\` ON \`repair_logs\` (\`_status\`,\`published_at\`,\`created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`store__status_publishedAt_createdAt_idx\` ON \`repair_logs\` (\`store_id\`,\`_status\`,\`published_at\`,\`created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`device__status_publishedAt_createdAt_idx\` ON \`repair_logs\` (\`device_id\`,\`_status\`,\`published_at\`,\`created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`repairMenu__status_publishedAt_createdAt_idx\` ON \`repair_logs\` (\`repair_menu\`,\`_status\`,\`published_at\`,\`created_at\`);`,
  )
  await db.run(sql`ALTER TABLE \`_repair_logs_v\` ADD \`version_body_html\` text;`)
  await db.run(sql`ALTER TABLE \`_repair_logs_v\` ADD \`version_body_text\` text;`)
  await db.run(
    sql`CREATE INDEX \`version__status_version_publishedAt_version_createdAt_idx\` ON \`_repair_logs_v\` (\`version__status\`,\`version_published_at\`,\`version_created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`compound_index_idx\` ON \`_repair_logs_v\` (\`version_store_id\`,\`version__status\`,\`version_published_at\`,\`version_created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`compound_index_1_idx\` ON \`_repair_logs_v\` (\`version_device_id\`,\`version__status\`,\`version_published_at\`,\`version_created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`compound_index_2_idx\` ON \`_repair_logs_v\` (\`version_repair_menu\`,\`version__status\`,\`version_published_at\`,\`version_created_at\`);`,
  )
  await db.run(sql`ALTER TABLE \`articles\` ADD \`body_html\` text;`)
  await db.run(sql`ALTER TABLE \`articles\` ADD \`body_text\` text;`)
  await db.run(
    sql`CREATE INDEX \`_status_publishedAt_createdAt_1_idx\` ON \`articles\` (\`_status\`,\`published_at\`,\`created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`store__status_publishedAt_createdAt_1_idx\` ON \`articles\` (\`store_id\`,\`_status\`,\`published_at\`,\`created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`category__status_publishedAt_createdAt_idx\` ON \`articles\` (\`category\`,\`_status\`,\`published_at\`,\`created_at\`);`,
  )
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_body_html\` text;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` ADD \`version_body_text\` text;`)
  await db.run(
    sql`CREATE INDEX \`version__status_version_publishedAt_version_createdAt_1_idx\` ON \`_articles_v\` (\`version__status\`,\`version_published_at\`,\`version_created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`compound_index_3_idx\` ON \`_articles_v\` (\`version_store_id\`,\`version__status\`,\`version_published_at\`,\`version_created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`compound_index_4_idx\` ON \`_articles_v\` (\`version_category\`,\`version__status\`,\`version_published_at\`,\`version_created_at\`);`,
  )
  await db.run(sql`ALTER TABLE \`users\` ADD \`enable_a_p_i_key\` integer;`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`api_key\` text;`)
  await db.run(sql`ALTER TABLE \`users\` ADD \`api_key_index\` text;`)
  await db.run(
    sql`CREATE INDEX \`_status_priority_createdAt_idx\` ON \`campaigns\` (\`_status\`,\`priority\`,\`created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`version__status_version_priority_version_createdAt_idx\` ON \`_campaigns_v\` (\`version__status\`,\`version_priority\`,\`version_created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_status_validFrom_createdAt_idx\` ON \`prices\` (\`_status\`,\`valid_from\`,\`created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`device__status_validFrom_createdAt_idx\` ON \`prices\` (\`device_id\`,\`_status\`,\`valid_from\`,\`created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`store__status_validFrom_createdAt_idx\` ON \`prices\` (\`store_id\`,\`_status\`,\`valid_from\`,\`created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`version__status_version_validFrom_version_createdAt_idx\` ON \`_prices_v\` (\`version__status\`,\`version_valid_from\`,\`version_created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`compound_index_5_idx\` ON \`_prices_v\` (\`version_device_id\`,\`version__status\`,\`version_valid_from\`,\`version_created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`compound_index_6_idx\` ON \`_prices_v\` (\`version_store_id\`,\`version__status\`,\`version_valid_from\`,\`version_created_at\`);`,
  )
  await db.run(sql`CREATE INDEX \`releaseYear_createdAt_idx\` ON \`devices\` (\`release_year\`,\`created_at\`);`)
  await db.run(
    sql`CREATE INDEX \`brand_releaseYear_createdAt_idx\` ON \`devices\` (\`brand\`,\`release_year\`,\`created_at\`);`,
  )
  await db.run(sql`CREATE INDEX \`name_createdAt_idx\` ON \`stores\` (\`name\`,\`created_at\`);`)
  await db.run(
    sql`CREATE INDEX \`prefecture_name_createdAt_idx\` ON \`stores\` (\`prefecture\`,\`name\`,\`created_at\`);`,
  )
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`webhook_deliveries\`;`)
  await db.run(sql`DROP INDEX \`_status_publishedAt_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`store__status_publishedAt_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`device__status_publishedAt_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`repairMenu__status_publishedAt_createdAt_idx\`;`)
  await db.run(sql`ALTER TABLE \`repair_logs\` DROP COLUMN \`body_html\`;`)
  await db.run(sql`ALTER TABLE \`repair_logs\` DROP COLUMN \`body_text\`;`)
  await db.run(sql`DROP INDEX \`version__status_version_publishedAt_version_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`compound_index_idx\`;`)
  await db.run(sql`DROP INDEX \`compound_index_1_idx\`;`)
  await db.run(sql`DROP INDEX \`compound_index_2_idx\`;`)
  await db.run(sql`ALTER TABLE \`_repair_logs_v\` DROP COLUMN \`version_body_html\`;`)
  await db.run(sql`ALTER TABLE \`_repair_logs_v\` DROP COLUMN \`version_body_text\`;`)
  await db.run(sql`DROP INDEX \`_status_publishedAt_createdAt_1_idx\`;`)
  await db.run(sql`DROP INDEX \`store__status_publishedAt_createdAt_1_idx\`;`)
  await db.run(sql`DROP INDEX \`category__status_publishedAt_createdAt_idx\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`body_html\`;`)
  await db.run(sql`ALTER TABLE \`articles\` DROP COLUMN \`body_text\`;`)
  await db.run(sql`DROP INDEX \`version__status_version_publishedAt_version_createdAt_1_idx\`;`)
  await db.run(sql`DROP INDEX \`compound_index_3_idx\`;`)
  await db.run(sql`DROP INDEX \`compound_index_4_idx\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_body_html\`;`)
  await db.run(sql`ALTER TABLE \`_articles_v\` DROP COLUMN \`version_body_text\`;`)
  await db.run(sql`DROP INDEX \`_status_priority_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`version__status_version_priority_version_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`_status_validFrom_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`device__status_validFrom_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`store__status_validFrom_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`version__status_version_validFrom_version_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`compound_index_5_idx\`;`)
  await db.run(sql`DROP INDEX \`compound_index_6_idx\`;`)
  await db.run(sql`DROP INDEX \`releaseYear_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`brand_releaseYear_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`name_createdAt_idx\`;`)
  await db.run(sql`DROP INDEX \`prefecture_name_createdAt_idx\`;`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`enable_a_p_i_key\`;`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`api_key\`;`)
  await db.run(sql`ALTER TABLE \`users\` DROP COLUMN \`api_key_index\`;`)
}
