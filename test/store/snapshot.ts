// Reads a record without opening it as a Store (no migrations, nothing written), on either database:
// what "nothing lost, nothing doubled" compares.
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { isPostgresUrl } from '../../src/store/dialect.js';
import type { Database } from '../../src/store/schema.js';

export function reader(location: string): Kysely<Database> {
  if (isPostgresUrl(location)) return new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: location, max: 2 }) }) });
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(location, { readonly: true, fileMustExist: true }) }) });
}

export interface Snapshot {
  reports: number;
  events: number;
  claims: number;
  event_claims: number;
  failures: number;
  perReport: { hash: string; events: number; claims: number }[];
}

/** Rows per table, and each report's event and claim counts. */
export async function snapshot(location: string): Promise<Snapshot> {
  const db = reader(location);
  try {
    const n = async (t: keyof Database) => Number((await db.selectFrom(t).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const perReport = await db
      .selectFrom('reports as r')
      .select((eb) => [
        'r.hash',
        eb.selectFrom('events as e').whereRef('e.report_id', '=', 'r.id').select(sql<number>`count(*)`.as('n')).as('events'),
        eb.selectFrom('claims as c').whereRef('c.report_id', '=', 'r.id').select(sql<number>`count(*)`.as('n')).as('claims'),
      ])
      .orderBy('r.hash')
      .execute();
    return {
      reports: await n('reports'),
      events: await n('events'),
      claims: await n('claims'),
      event_claims: await n('event_claims'),
      failures: await n('failures'),
      perReport: perReport.map((r) => ({ hash: r.hash, events: Number(r.events), claims: Number(r.claims) })),
    };
  } finally {
    await db.destroy();
  }
}

export async function failureRows(location: string): Promise<{ path: string; line: number }[]> {
  const db = reader(location);
  try {
    return await db.selectFrom('failures').select(['path', 'line']).orderBy('path').orderBy('line').execute();
  } finally {
    await db.destroy();
  }
}
