// Schema migrations: the files in migrations/, run in name order, each exporting up and down (Kysely's Migrator).
import { Migrator, NO_MIGRATIONS, type Kysely, type MigrationResultSet } from 'kysely';
import { MIGRATIONS } from './migrations/index.js';

export function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
}

function check(r: MigrationResultSet): void {
  if (r.error) {
    const failed = r.results?.find((x) => x.status === 'Error')?.migrationName;
    // The cause is kept: a lost connection stays recognisable as one (dialect.ts, isConnectionLost).
    throw new Error(`${failed ? `database migration ${failed} failed` : 'database migrations could not run'}: ${(r.error as Error).message ?? r.error}`, { cause: r.error });
  }
}

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  check(await migrator(db).migrateToLatest());
}

/** Every migration undone, newest first: an empty database. */
export async function migrateDown(db: Kysely<any>): Promise<void> {
  check(await migrator(db).migrateTo(NO_MIGRATIONS));
}

/** How far a database's schema is: whether it holds a record at all (any migration run), and the migrations it lacks. Reads only. */
export async function schemaState(db: Kysely<any>): Promise<{ record: boolean; pending: string[] }> {
  const all = await migrator(db).getMigrations();
  const pending = all.filter((m) => !m.executedAt).map((m) => m.name);
  return { record: pending.length < all.length, pending };
}
