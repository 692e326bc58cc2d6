// The SQLite backend: the one place that knows the database is SQLite (file, pragmas, driver).
// Everything else is the portable KyselyStore, which a PostgreSQL backend will reuse with PostgresDialect.
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type SqliteDialectConfig } from 'kysely';
import { migratedStore, NoRecordError, readableStore, type KyselyStore } from './kysely-store.js';
import type { Database } from './schema.js';

// Lets a read-only database be opened immutable by URI (see openForReading); the driver reads this when it first
// loads, and a plain path is read as before.
process.env.SQLITE_USE_URI ??= '1';

/** While opening and migrating, another process's write lock is waited for in the thread: nothing is served yet. */
const OPENING_BUSY_TIMEOUT_MS = 10_000;
/**
 * Once open, SQLite's own wait for a lock (a sleep in the thread, which stops a server's event loop) is a few
 * milliseconds; a write that meets a lock held longer fails with SQLITE_BUSY at once and the store runs it again
 * after a timer (kysely-store.ts, retrying), so reads go on answering meanwhile.
 */
const SERVING_BUSY_TIMEOUT_MS = 5;

export async function openSqliteStore(file: string, options: { read?: boolean } = {}): Promise<KyselyStore> {
  if (options.read) return openForReading(file);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma(`busy_timeout = ${OPENING_BUSY_TIMEOUT_MS}`);
  // WAL lets readers read while another connection (another process) writes; synchronous=NORMAL in WAL mode loses
  // no committed transaction when the process is killed (only on power loss), which is the crash the record must survive.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  const store = await migratedStore(kysely(sqlite), file);
  sqlite.pragma(`busy_timeout = ${SERVING_BUSY_TIMEOUT_MS}`);
  return store;
}

/**
 * Kysely's SQLite driver with transactions that take the write lock as they begin (BEGIN IMMEDIATE; every
 * transaction the store opens writes). A writer that meets another process's lock then fails before it has done
 * anything, and its retry waits outside the connection, which reads keep using; a deferred BEGIN would instead
 * fail halfway, on its first write, or on the lock upgrade after a read (SQLITE_BUSY_SNAPSHOT).
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

function kysely(sqlite: BetterSqlite3.Database): Kysely<Database> {
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
}

/**
 * For a command that only reads: a missing file is refused, never made; a file or folder that cannot be written
 * (chmod 444, a read-only mount) is opened read-only. A WAL database read-only needs its -shm file or a writable
 * folder; with neither, it is opened immutable (no locks), which is sound because nothing can write there.
 */
function openForReading(file: string): Promise<KyselyStore> {
  if (file !== ':memory:' && !existsSync(file)) throw new NoRecordError('no such database');
  const writable = file === ':memory:' || (canWrite(file) && canWrite(dirname(resolve(file))));
  let sqlite: BetterSqlite3.Database;
  if (writable) {
    sqlite = new BetterSqlite3(file, { fileMustExist: file !== ':memory:' });
    sqlite.pragma('busy_timeout = 10000');
    return readableStore(kysely(sqlite), true, file);
  }
  sqlite = openedOrNull(file) ?? new BetterSqlite3(`file:${resolve(file).split(sep).map(encodeURIComponent).join('/')}?immutable=1`, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 10000');
  return readableStore(kysely(sqlite), false, file);
}

/** The file opened read-only with locks as usual, or null when SQLite cannot (a WAL file without -shm in a read-only folder). */
function openedOrNull(file: string): BetterSqlite3.Database | null {
  let sqlite: BetterSqlite3.Database | null = null;
  try {
    sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    sqlite.pragma('schema_version');
    return sqlite;
  } catch {
    sqlite?.close();
    return null;
  }
}

function canWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
