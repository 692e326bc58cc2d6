// Picks the backend for a database location. Only SQLite files for now; a postgres:// URL goes here later.
import type { Store } from './store.js';
import { openSqliteStore } from './sqlite.js';

export const DEFAULT_DB = '.observatory/observatory.sqlite';

export async function openStore(location: string): Promise<Store> {
  if (/^postgres(?:ql)?:\/\//.test(location)) throw new Error(`${location}: PostgreSQL is not supported yet; give a SQLite file path`);
  return openSqliteStore(location);
}
