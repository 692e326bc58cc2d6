// Incidents as records: the reconciled incidents and each event's membership, kept in step at ingest so
// listing a month of incidents reads an index instead of reconciling the record. Filled here from what
// the record already holds.
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.js';
import { rebuildIncidents } from '../incident-sync.js';

export async function up(db: Kysely<any>): Promise<void> {
  let t = db.schema
    .createTable('incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('anchor_event', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull());
  for (const col of ['date_start', 'date_end', 'date_precision', 'country', 'country_key', 'admin1', 'admin1_key', 'location']) t = t.addColumn(col, 'text');
  t = t.addColumn('lat', 'double precision').addColumn('lon', 'double precision').addColumn('geo_precision', 'text');
  t = t.addColumn('type', 'text', (c) => c.notNull()).addColumn('sub_type', 'text', (c) => c.notNull());
  for (const col of ['weapon', 'perpetrator_actor', 'perpetrator_bloc']) t = t.addColumn(col, 'text');
  t = t.addColumn('status', 'text', (c) => c.notNull());
  for (const col of ['deaths_low', 'deaths_best', 'deaths_high']) t = t.addColumn(col, 'integer');
  t = t.addColumn('deaths_vague', 'integer', (c) => c.notNull());
  for (const col of ['groups', 'claimants', 'actors']) t = t.addColumn(col, 'text', (c) => c.notNull());
  await t.addColumn('events', 'integer', (c) => c.notNull()).addColumn('reports', 'integer', (c) => c.notNull()).execute();
  // A month's page, newest first, for the whole record or one country or region.
  await db.schema.createIndex('incidents_date').on('incidents').columns(['date_start', 'id']).execute();
  await db.schema.createIndex('incidents_country_date').on('incidents').columns(['country_key', 'date_start', 'id']).execute();
  await db.schema.createIndex('incidents_admin1_date').on('incidents').columns(['admin1_key', 'date_start', 'id']).execute();
  // Newest first with undated last, read straight off an index (see POSTGRES_INDEXES in dialect.ts).
  if (dialectOf(db) === 'postgres') await sql`create index incidents_date_desc on incidents (date_start desc nulls last, id desc)`.execute(db);

  await db.schema
    .createTable('incident_events')
    .addColumn('event_id', 'text', (c) => c.primaryKey().references('events.id'))
    .addColumn('incident_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incident_events_incident').on('incident_events').columns(['incident_id', 'event_id']).execute();

  await rebuildIncidents(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('incident_events').execute();
  await db.schema.dropTable('incidents').execute();
}
