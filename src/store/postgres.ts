// The PostgreSQL backend: the pg driver with a connection pool, behind the same KyselyStore as SQLite.
// Nothing here but the connection: the schema is the same migrations, the queries the same portable Kysely.
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { migratedStore, NoRecordError, readableStore, type KyselyStore } from './kysely-store.js';
import type { Database } from './schema.js';

export interface PostgresOptions {
  /** Connections in the pool (default 10). */
  max?: number;
  /** For a command that only reads: a database holding no record is refused, not migrated into one. */
  read?: boolean;
}

export function postgresPool(url: string, options: PostgresOptions = {}): pg.Pool {
  // keepAlive: a connection whose server or network is gone is found out, not waited on forever.
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, application_name: 'observatory', keepAlive: true });
  // A connection that dies (the server restarts, its backend is terminated, the network is cut) emits 'error';
  // with no listener that would end the process. Idle, it reaches the pool's listener: the pool has dropped it
  // already and connects anew on the next query, so one line says what happened.
  pool.on('error', (e) => process.stderr.write(`observatory: a pooled database connection was lost (${e.message}); the next query opens another\n`));
  // Taken out of the pool (mid-transaction, between two queries), it reaches this listener: the query in flight, or
  // the client's next one, fails with the error (the store retries or reports it), and the pool drops the client
  // when it comes back.
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<KyselyStore> {
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: postgresPool(url, options) }) });
  if (options.read) {
    return readableStore(db, true, url).catch((e) => {
      // 3D000: the URL names a database the server does not have.
      throw (e as { code?: string }).code === '3D000' ? new NoRecordError('no such database') : e;
    });
  }
  // Kysely takes an advisory lock around migrations, so workers starting together migrate once.
  return migratedStore(db, url);
}
