// The SQLite backend: the one place that knows the database is SQLite (file, pragmas, driver).
// Everything else is the portable KyselyStore, which a PostgreSQL backend will reuse with PostgresDialect.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migratedStore, type KyselyStore } from './kysely-store.js';
import type { Database } from './schema.js';

export async function openSqliteStore(file: string): Promise<KyselyStore> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  // WAL keeps readers off the writer's back; synchronous=NORMAL in WAL mode loses no committed
  // transaction when the process is killed (only on power loss), which is the crash the record must survive.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return migratedStore(db);
}
