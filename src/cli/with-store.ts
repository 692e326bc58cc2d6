// Opens the record for a command and always closes it. The location: --db, else OBSERVATORY_DB, else the default file.
import { NoRecordError } from '../store/kysely-store.js';
import { DEFAULT_DB, displayLocation, openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { UserError } from './user-error.js';

export function databaseLocation(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return option || env.OBSERVATORY_DB || DEFAULT_DB;
}

export async function withStore<T>(option: string | undefined, run: (store: Store) => Promise<T>, options: { read?: boolean } = {}): Promise<T> {
  const location = databaseLocation(option);
  let store: Store;
  try {
    store = await openStore(location, options);
  } catch (e) {
    // A mistyped --db on a read command is a usage error (exit 2), and it made nothing.
    if (e instanceof NoRecordError) throw new UserError(`${displayLocation(location)}: ${e.message}; a read command creates none (check --db or OBSERVATORY_DB)`, 2);
    throw new UserError(`${displayLocation(location)}: cannot open the database: ${(e as Error).message}`);
  }
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

/** For a command that only reads the record: it must exist, and is read even where it cannot be written. */
export function withReadStore<T>(option: string | undefined, run: (store: Store) => Promise<T>): Promise<T> {
  return withStore(option, run, { read: true });
}
