// Field sources (people on the ground) and who may read them. An identity is stored sealed (see
// src/store/source-vault.ts) with a keyed hash of the name; reports point to it; every read of an identity is
// a row of field_source_reads. Tokens gain an expiry and the source-handler capability, which no role implies.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('field_sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The pseudonym's number ("field source 7"): never reused, never changed, even by a key rotation.
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('blind', 'text', (c) => c.notNull().unique())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('report_field_sources')
    .addColumn('report_id', 'text', (c) => c.primaryKey().references('reports.id').onDelete('cascade'))
    .addColumn('field_source_id', 'text', (c) => c.notNull().references('field_sources.id'))
    .execute();
  await db.schema.createIndex('report_field_sources_source').on('report_field_sources').column('field_source_id').execute();
  await db.schema
    .createTable('field_source_reads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('field_source_id', 'text', (c) => c.notNull().references('field_sources.id'))
    .addColumn('reader', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('field_source_reads_source').on('field_source_reads').columns(['field_source_id', 'read_at']).execute();
  await db.schema.alterTable('api_tokens').addColumn('source_handler', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('api_tokens').addColumn('expires_at', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('api_tokens').dropColumn('expires_at').execute();
  await db.schema.alterTable('api_tokens').dropColumn('source_handler').execute();
  await db.schema.dropTable('field_source_reads').execute();
  await db.schema.dropTable('report_field_sources').execute();
  await db.schema.dropTable('field_sources').execute();
}
