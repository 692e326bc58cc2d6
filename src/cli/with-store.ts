// Opens the record for a command and always closes it. The location: --db, else OBSERVATORY_DB, else the default file.
import { DEFAULT_DB, displayLocation, openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { UserError } from './user-error.js';

export function databaseLocation(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return option || env.OBSERVATORY_DB || DEFAULT_DB;
}

export async function withStore<T>(option: string | undefined, run: (store: Store) => Promise<T>): Promise<T> {
  const location = databaseLocation(option);
  let store: Store;
  try {
    store = await openStore(location);
  } catch (e) {
    throw new UserError(`${displayLocation(location)}: cannot open the database: ${(e as Error).message}`);
  }
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}
