// Picks the backend for a database location: a postgres:// (or postgresql://) URL is PostgreSQL, anything else a SQLite file.
import type { Store } from './store.js';
import { isPostgresUrl } from './dialect.js';
import type { KyselyStore } from './kysely-store.js';

export const DEFAULT_DB = '.observatory/observatory.sqlite';

/** `read`: for a command that only reads, which must find a record and never make one (see NoRecordError). */
export async function openStore(location: string, options: { read?: boolean } = {}): Promise<KyselyStore> {
  // Each driver is loaded only when used: a laptop on SQLite never loads pg, a worker never loads better-sqlite3.
  if (isPostgresUrl(location)) return (await import('./postgres.js')).openPostgresStore(location, options);
  return (await import('./sqlite.js')).openSqliteStore(location, options);
}

/** The location with any password hidden, for messages. */
export function displayLocation(location: string): string {
  return isPostgresUrl(location) ? location.replace(/(\/\/[^:/@]+):[^@]*@/, '$1:***@') : location;
}
