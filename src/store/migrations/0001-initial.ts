// The first schema: sources, reports, claims, events and what links them.
// Portable DDL only (Kysely's schema builder, text/integer/double precision), so PostgreSQL runs it unchanged.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('bloc', 'text')
    .execute();

  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('publisher', 'text')
    .addColumn('publisher_id', 'text', (c) => c.references('sources.id'))
    .addColumn('published', 'text')
    .addColumn('language', 'text')
    .addColumn('ingested_at', 'text', (c) => c.notNull())
    .addColumn('origin_path', 'text')
    .addColumn('origin_line', 'integer')
    .addColumn('origin_id', 'text')
    .addColumn('summary', 'text')
    .execute();
  await db.schema.createIndex('reports_published').on('reports').column('published').execute();

  await db.schema
    .createTable('claims')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.references('reports.id').onDelete('cascade'))
    .addColumn('claimant', 'text', (c) => c.notNull())
    .addColumn('claimant_id', 'text', (c) => c.references('sources.id'))
    .addColumn('claimant_kind', 'text', (c) => c.notNull())
    .addColumn('publisher', 'text')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('fatalities', 'text', (c) => c.notNull())
    .addColumn('fatalities_best', 'integer')
    .addColumn('date_start', 'text')
    .addColumn('date_end', 'text')
    .addColumn('date_precision', 'text')
    .addColumn('weapon', 'text')
    .addColumn('span_start', 'integer')
    .addColumn('span_end', 'integer')
    .addColumn('sentence', 'text')
    .addColumn('rule', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('claims_report').on('claims').column('report_id').execute();
  await db.schema.createIndex('claims_claimant').on('claims').column('claimant_id').execute();

  await db.schema
    .createTable('actors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('bloc', 'text')
    .addColumn('type', 'text')
    .execute();

  await db.schema
    .createTable('places')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('admin1', 'text')
    .addColumn('country', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('precision', 'text')
    .execute();

  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.references('reports.id').onDelete('cascade'))
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('sub_type', 'text', (c) => c.notNull())
    .addColumn('date_start', 'text')
    .addColumn('date_end', 'text')
    .addColumn('date_precision', 'text')
    .addColumn('month', 'text')
    .addColumn('country', 'text')
    .addColumn('country_key', 'text')
    .addColumn('admin1', 'text')
    .addColumn('admin1_key', 'text')
    .addColumn('admin2', 'text')
    .addColumn('location', 'text')
    .addColumn('place_id', 'text', (c) => c.references('places.id'))
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('geo_precision', 'text')
    .addColumn('weapon', 'text')
    .addColumn('fatalities_best', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fatalities', 'text', (c) => c.notNull())
    .addColumn('perpetrator_actor', 'text')
    .addColumn('perpetrator_actor_id', 'text', (c) => c.references('actors.id'))
    .addColumn('perpetrator_bloc', 'text')
    .addColumn('actors', 'text', (c) => c.notNull())
    .addColumn('scope', 'text')
    .addColumn('sentence', 'text')
    .addColumn('span_start', 'integer')
    .addColumn('span_end', 'integer')
    .addColumn('source', 'text')
    .addColumn('notes', 'text')
    .execute();
  // Each index serves one of the common queries; every one ends in date_start so a filter plus a date
  // range, and the listing order (newest first), come from the index alone.
  await db.schema.createIndex('events_date').on('events').columns(['date_start', 'id']).execute();
  await db.schema.createIndex('events_admin1_month').on('events').columns(['admin1_key', 'month', 'scope', 'fatalities_best']).execute();
  await db.schema.createIndex('events_admin1_date').on('events').columns(['admin1_key', 'date_start']).execute();
  await db.schema.createIndex('events_country_date').on('events').columns(['country_key', 'date_start']).execute();
  await db.schema.createIndex('events_type_date').on('events').columns(['type', 'date_start']).execute();
  // Covering index for "top actors by fatalities" within a date range.
  await db.schema.createIndex('events_date_actor').on('events').columns(['date_start', 'perpetrator_actor', 'scope', 'fatalities_best']).execute();
  await db.schema.createIndex('events_actor_date').on('events').columns(['perpetrator_actor_id', 'date_start']).execute();
  await db.schema.createIndex('events_report').on('events').column('report_id').execute();
  await db.schema.createIndex('events_place').on('events').column('place_id').execute();
  await db.schema.createIndex('events_external').on('events').column('external_id').execute();

  await db.schema
    .createTable('event_actors')
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('actor_id', 'text', (c) => c.notNull().references('actors.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_actors_pk', ['event_id', 'actor_id', 'role'])
    .execute();
  await db.schema.createIndex('event_actors_actor').on('event_actors').columns(['actor_id', 'event_id']).execute();

  await db.schema
    .createTable('event_claims')
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('claim_id', 'text', (c) => c.notNull().references('claims.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_claims_pk', ['event_id', 'claim_id'])
    .execute();
  await db.schema.createIndex('event_claims_claim').on('event_claims').columns(['claim_id', 'event_id']).execute();

  await db.schema
    .createTable('acled_codings')
    .addColumn('event_id', 'text', (c) => c.primaryKey().references('events.id').onDelete('cascade'))
    .addColumn('assoc_actor_1', 'text')
    .addColumn('inter1', 'text')
    .addColumn('actor2', 'text')
    .addColumn('assoc_actor_2', 'text')
    .addColumn('inter2', 'text')
    .addColumn('interaction', 'text')
    .addColumn('time_precision', 'text')
    .addColumn('geo_precision', 'text')
    .addColumn('source_scale', 'text')
    .execute();

  await db.schema
    .createTable('failures')
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('error', 'text', (c) => c.notNull())
    .addColumn('failed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('failures_pk', ['path', 'line'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['failures', 'acled_codings', 'event_claims', 'event_actors', 'events', 'places', 'actors', 'claims', 'reports', 'sources']) {
    await db.schema.dropTable(t).execute();
  }
}
