// For a record of millions of events on either database: an index for "events near a point", the
// per-actor per-month totals that make "top actors by fatalities" a read of a small table instead of a
// scan of every event (kept up to date by ingestReport and importAcled, filled here from what is held),
// and the one index only PostgreSQL needs (see dialect.ts).
import { sql, type Kysely } from 'kysely';
import { dialectOf, POSTGRES_INDEXES } from '../dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('events_lat_lon').on('events').columns(['lat', 'lon']).execute();

  // '' stands for "no actor" and "no month": a primary key column cannot be null on PostgreSQL.
  await db.schema
    .createTable('actor_month_totals')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('events', 'integer', (c) => c.notNull())
    .addColumn('fatalities', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('actor_month_totals_pk', ['actor', 'month'])
    .execute();
  await db
    .insertInto('actor_month_totals')
    .columns(['actor', 'month', 'events', 'fatalities'])
    .expression((eb) =>
      eb
        .selectFrom('events')
        .select([
          sql<string>`coalesce(perpetrator_actor, '')`.as('actor'),
          sql<string>`coalesce(month, '')`.as('month'),
          sql<number>`count(*)`.as('events'),
          sql<number>`coalesce(sum(case when scope = 'cumulative-toll' then 0 else fatalities_best end), 0)`.as('fatalities'),
        ])
        .groupBy([sql`coalesce(perpetrator_actor, '')`, sql`coalesce(month, '')`]),
    )
    .execute();

  if (dialectOf(db) === 'postgres') for (const ddl of Object.values(POSTGRES_INDEXES)) await sql.raw(ddl).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') for (const name of Object.keys(POSTGRES_INDEXES)) await sql.raw(`drop index if exists ${name}`).execute(db);
  await db.schema.dropTable('actor_month_totals').execute();
  await db.schema.dropIndex('events_lat_lon').execute();
}
