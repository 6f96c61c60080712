import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

/*
 * Every code the API returns has one spelling on REST and GraphQL: select values that joined words with hyphens
 * (trade-in) read as enum names over GraphQL (trade_in), so they are stored with underscores now. The tables are
 * rebuilt only for the articles' default category; the rest is data: each column that holds one of these codes, in
 * the collections' tables and their version tables (version_…), is rewritten. No hasMany select and no JSON column
 * holds them (the audit log's details keep roles, stores and draft/published only; webhook deliveries keep
 * publish/unpublish/delete), and the audit log's entries keep their meaning, only the code's spelling changes.
 * The codes are written out here, not read from the collections, so the migration stays what it was when it ran.
 * MongoDB has no migrations here and no deployment yet: a MongoDB database made before this change needs the same
 * renames by hand.
 */
const RENAMED: Array<{ columns: Array<[table: string, column: string]>; codes: string[] }> = [
  { columns: [['stores', 'status']], codes: ['coming-soon'] },
  {
    columns: [
      ['campaigns', 'kind'],
      ['_campaigns_v', 'version_kind'],
    ],
    codes: ['trade-in', 'free-shipping', 'student-discount', 'fixed-yen-off', 'percent-off'],
  },
  {
    columns: [
      ['articles', 'category'],
      ['_articles_v', 'version_category'],
    ],
    codes: ['iphone-tips', 'smartphone-tips'],
  },
  {
    columns: [
      ['repair_logs', 'repair_menu'],
      ['_repair_logs_v', 'version_repair_menu'],
      ['prices', 'repair_menu'],
      ['_prices_v', 'version_repair_menu'],
    ],
    codes: ['back-glass', 'charging-port', 'water-damage', 'data-recovery'],
  },
  {
    columns: [['audit_log', 'event']],
    codes: [
      'sign-in-success',
      'sign-in-failure',
      'lock-out',
      'password-change',
      'email-change',
      'second-factor-change',
      'sessions-ended',
      'role-change',
      'stores-change',
      'delete-refused',
    ],
  },
]

const underscored = (code: string) => code.replaceAll('-', '_')

/** Rewrites every listed code from one spelling to the other, in every column that holds it. */
const respell = async (db: MigrateUpArgs['db'], from: (code: string) => string, to: (code: string) => string) => {
  for (const { columns, codes } of RENAMED) {
    for (const [table, column] of columns) {
      for (const code of codes) {
        await db.run(
          sql`UPDATE ${sql.identifier(table)} SET ${sql.identifier(column)} = ${to(code)} WHERE ${sql.identifier(column)} = ${from(code)};`,
        )
      }
    }
  }
}

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_articles\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`category\` text DEFAULT 'iphone_tips',
  	\`published_at\` text,
  	\`publishedat_tz\` text DEFAULT 'Asia/Tokyo',
  	\`store_id\` text(36),
  	\`author_id\` text(36),
  	\`slug\` text,
  	\`hero_image_id\` text(36),
  	\`body\` text,
  	\`body_html\` text,
  	\`body_text\` text,
  	\`excerpt\` text,
  	\`seo_title\` text,
  	\`seo_description\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`store_id\`) REFERENCES \`stores\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`author_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`hero_image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_articles\`("id", "title", "category", "published_at", "publishedat_tz", "store_id", "author_id", "slug", "hero_image_id", "body", "body_html", "body_text", "excerpt", "seo_title", "seo_description", "updated_at", "created_at", "_status") SELECT "id", "title", "category", "published_at", "publishedat_tz", "store_id", "author_id", "slug", "hero_image_id", "body", "body_html", "body_text", "excerpt", "seo_title", "seo_description", "updated_at", "created_at", "_status" FROM \`articles\`;`,
  )
  await db.run(sql`DROP TABLE \`articles\`;`)
  await db.run(sql`ALTER TABLE \`__new_articles\` RENAME TO \`articles\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`articles_category_idx\` ON \`articles\` (\`category\`);`)
  await db.run(sql`CREATE INDEX \`articles_published_at_idx\` ON \`articles\` (\`published_at\`);`)
  await db.run(sql`CREATE INDEX \`articles_store_idx\` ON \`articles\` (\`store_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_author_idx\` ON \`articles\` (\`author_id\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`articles_slug_idx\` ON \`articles\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`articles_hero_image_idx\` ON \`articles\` (\`hero_image_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_updated_at_idx\` ON \`articles\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`articles_created_at_idx\` ON \`articles\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`articles__status_idx\` ON \`articles\` (\`_status\`);`)
  await db.run(
    sql`CREATE INDEX \`_status_publishedAt_createdAt_1_idx\` ON \`articles\` (\`_status\`,\`published_at\`,\`created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`store__status_publishedAt_createdAt_1_idx\` ON \`articles\` (\`store_id\`,\`_status\`,\`published_at\`,\`created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`category__status_publishedAt_createdAt_idx\` ON \`articles\` (\`category\`,\`_status\`,\`published_at\`,\`created_at\`);`,
  )
  await db.run(sql`CREATE TABLE \`__new__articles_v\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`parent_id\` text(36),
  	\`version_title\` text,
  	\`version_category\` text DEFAULT 'iphone_tips',
  	\`version_published_at\` text,
  	\`version_publishedat_tz\` text DEFAULT 'Asia/Tokyo',
  	\`version_store_id\` text(36),
  	\`version_author_id\` text(36),
  	\`version_slug\` text,
  	\`version_hero_image_id\` text(36),
  	\`version_body\` text,
  	\`version_body_html\` text,
  	\`version_body_text\` text,
  	\`version_excerpt\` text,
  	\`version_seo_title\` text,
  	\`version_seo_description\` text,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_store_id\`) REFERENCES \`stores\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_author_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_hero_image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new__articles_v\`("id", "parent_id", "version_title", "version_category", "version_published_at", "version_publishedat_tz", "version_store_id", "version_author_id", "version_slug", "version_hero_image_id", "version_body", "version_body_html", "version_body_text", "version_excerpt", "version_seo_title", "version_seo_description", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest") SELECT "id", "parent_id", "version_title", "version_category", "version_published_at", "version_publishedat_tz", "version_store_id", "version_author_id", "version_slug", "version_hero_image_id", "version_body", "version_body_html", "version_body_text", "version_excerpt", "version_seo_title", "version_seo_description", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest" FROM \`_articles_v\`;`,
  )
  await db.run(sql`DROP TABLE \`_articles_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__articles_v\` RENAME TO \`_articles_v\`;`)
  await db.run(sql`CREATE INDEX \`_articles_v_parent_idx\` ON \`_articles_v\` (\`parent_id\`);`)
  await db.run(
    sql`CREATE INDEX \`_articles_v_version_version_category_idx\` ON \`_articles_v\` (\`version_category\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_articles_v_version_version_published_at_idx\` ON \`_articles_v\` (\`version_published_at\`);`,
  )
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_store_idx\` ON \`_articles_v\` (\`version_store_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_author_idx\` ON \`_articles_v\` (\`version_author_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_slug_idx\` ON \`_articles_v\` (\`version_slug\`);`)
  await db.run(
    sql`CREATE INDEX \`_articles_v_version_version_hero_image_idx\` ON \`_articles_v\` (\`version_hero_image_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_articles_v_version_version_updated_at_idx\` ON \`_articles_v\` (\`version_updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_articles_v_version_version_created_at_idx\` ON \`_articles_v\` (\`version_created_at\`);`,
  )
  await db.run(sql`CREATE INDEX \`_articles_v_version_version__status_idx\` ON \`_articles_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_created_at_idx\` ON \`_articles_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_updated_at_idx\` ON \`_articles_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_latest_idx\` ON \`_articles_v\` (\`latest\`);`)
  await db.run(
    sql`CREATE INDEX \`version__status_version_publishedAt_version_createdAt_1_idx\` ON \`_articles_v\` (\`version__status\`,\`version_published_at\`,\`version_created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`compound_index_3_idx\` ON \`_articles_v\` (\`version_store_id\`,\`version__status\`,\`version_published_at\`,\`version_created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`compound_index_4_idx\` ON \`_articles_v\` (\`version_category\`,\`version__status\`,\`version_published_at\`,\`version_created_at\`);`,
  )
  await respell(db, (code) => code, underscored)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await respell(db, underscored, (code) => code)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_articles\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`category\` text DEFAULT 'iphone-tips',
  	\`published_at\` text,
  	\`publishedat_tz\` text DEFAULT 'Asia/Tokyo',
  	\`store_id\` text(36),
  	\`author_id\` text(36),
  	\`slug\` text,
  	\`hero_image_id\` text(36),
  	\`body\` text,
  	\`body_html\` text,
  	\`body_text\` text,
  	\`excerpt\` text,
  	\`seo_title\` text,
  	\`seo_description\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`store_id\`) REFERENCES \`stores\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`author_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`hero_image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_articles\`("id", "title", "category", "published_at", "publishedat_tz", "store_id", "author_id", "slug", "hero_image_id", "body", "body_html", "body_text", "excerpt", "seo_title", "seo_description", "updated_at", "created_at", "_status") SELECT "id", "title", "category", "published_at", "publishedat_tz", "store_id", "author_id", "slug", "hero_image_id", "body", "body_html", "body_text", "excerpt", "seo_title", "seo_description", "updated_at", "created_at", "_status" FROM \`articles\`;`,
  )
  await db.run(sql`DROP TABLE \`articles\`;`)
  await db.run(sql`ALTER TABLE \`__new_articles\` RENAME TO \`articles\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`articles_category_idx\` ON \`articles\` (\`category\`);`)
  await db.run(sql`CREATE INDEX \`articles_published_at_idx\` ON \`articles\` (\`published_at\`);`)
  await db.run(sql`CREATE INDEX \`articles_store_idx\` ON \`articles\` (\`store_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_author_idx\` ON \`articles\` (\`author_id\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`articles_slug_idx\` ON \`articles\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`articles_hero_image_idx\` ON \`articles\` (\`hero_image_id\`);`)
  await db.run(sql`CREATE INDEX \`articles_updated_at_idx\` ON \`articles\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`articles_created_at_idx\` ON \`articles\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`articles__status_idx\` ON \`articles\` (\`_status\`);`)
  await db.run(
    sql`CREATE INDEX \`_status_publishedAt_createdAt_1_idx\` ON \`articles\` (\`_status\`,\`published_at\`,\`created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`store__status_publishedAt_createdAt_1_idx\` ON \`articles\` (\`store_id\`,\`_status\`,\`published_at\`,\`created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`category__status_publishedAt_createdAt_idx\` ON \`articles\` (\`category\`,\`_status\`,\`published_at\`,\`created_at\`);`,
  )
  await db.run(sql`CREATE TABLE \`__new__articles_v\` (
  	\`id\` text(36) PRIMARY KEY NOT NULL,
  	\`parent_id\` text(36),
  	\`version_title\` text,
  	\`version_category\` text DEFAULT 'iphone-tips',
  	\`version_published_at\` text,
  	\`version_publishedat_tz\` text DEFAULT 'Asia/Tokyo',
  	\`version_store_id\` text(36),
  	\`version_author_id\` text(36),
  	\`version_slug\` text,
  	\`version_hero_image_id\` text(36),
  	\`version_body\` text,
  	\`version_body_html\` text,
  	\`version_body_text\` text,
  	\`version_excerpt\` text,
  	\`version_seo_title\` text,
  	\`version_seo_description\` text,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`articles\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_store_id\`) REFERENCES \`stores\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_author_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_hero_image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new__articles_v\`("id", "parent_id", "version_title", "version_category", "version_published_at", "version_publishedat_tz", "version_store_id", "version_author_id", "version_slug", "version_hero_image_id", "version_body", "version_body_html", "version_body_text", "version_excerpt", "version_seo_title", "version_seo_description", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest") SELECT "id", "parent_id", "version_title", "version_category", "version_published_at", "version_publishedat_tz", "version_store_id", "version_author_id", "version_slug", "version_hero_image_id", "version_body", "version_body_html", "version_body_text", "version_excerpt", "version_seo_title", "version_seo_description", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "latest" FROM \`_articles_v\`;`,
  )
  await db.run(sql`DROP TABLE \`_articles_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__articles_v\` RENAME TO \`_articles_v\`;`)
  await db.run(sql`CREATE INDEX \`_articles_v_parent_idx\` ON \`_articles_v\` (\`parent_id\`);`)
  await db.run(
    sql`CREATE INDEX \`_articles_v_version_version_category_idx\` ON \`_articles_v\` (\`version_category\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_articles_v_version_version_published_at_idx\` ON \`_articles_v\` (\`version_published_at\`);`,
  )
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_store_idx\` ON \`_articles_v\` (\`version_store_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_author_idx\` ON \`_articles_v\` (\`version_author_id\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_version_version_slug_idx\` ON \`_articles_v\` (\`version_slug\`);`)
  await db.run(
    sql`CREATE INDEX \`_articles_v_version_version_hero_image_idx\` ON \`_articles_v\` (\`version_hero_image_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_articles_v_version_version_updated_at_idx\` ON \`_articles_v\` (\`version_updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`_articles_v_version_version_created_at_idx\` ON \`_articles_v\` (\`version_created_at\`);`,
  )
  await db.run(sql`CREATE INDEX \`_articles_v_version_version__status_idx\` ON \`_articles_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_created_at_idx\` ON \`_articles_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_updated_at_idx\` ON \`_articles_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_articles_v_latest_idx\` ON \`_articles_v\` (\`latest\`);`)
  await db.run(
    sql`CREATE INDEX \`version__status_version_publishedAt_version_createdAt_1_idx\` ON \`_articles_v\` (\`version__status\`,\`version_published_at\`,\`version_created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`compound_index_3_idx\` ON \`_articles_v\` (\`version_store_id\`,\`version__status\`,\`version_published_at\`,\`version_created_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`compound_index_4_idx\` ON \`_articles_v\` (\`version_category\`,\`version__status\`,\`version_published_at\`,\`version_created_at\`);`,
  )
}
