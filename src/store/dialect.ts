// The one place that knows SQLite and PostgreSQL apart. Everything else in src/store is portable Kysely;
// what follows is only what the two databases truly do differently.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

export function isPostgresUrl(location: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(location);
}

export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Errors after which the same transaction, run again, can succeed, and nothing of the failed run was kept: on
 * PostgreSQL a deadlock (40P01) or a serialization failure (40001) between writers; on SQLite a lock another
 * process holds, in any of its forms (SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, ...).
 */
export function isTransient(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001' || (typeof code === 'string' && code.startsWith('SQLITE_BUSY'));
}

/** What the network says when a server cannot be reached or a connection is cut. */
const NETWORK_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** What the pg driver says, with no code, when the connection under a query ends or broke before it. */
const DRIVER_CONNECTION_ERRORS = /^Connection terminated|connection error and is not queryable|^timeout expired/;

/**
 * PostgreSQL cannot be reached, or the connection was cut: the server is down, restarting (57P03) or shut down
 * (57P01 is also a backend ended by pg_terminate_backend), the network failed (class 08, socket errors).
 * A transaction cut off this way may or may not have committed, so only one that does the same done twice may be
 * run again.
 */
export function isConnectionLost(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown; cause?: unknown } | null;
  const code = err?.code;
  if (typeof code === 'string' && (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || NETWORK_ERRORS.has(code))) return true;
  if (typeof err?.message === 'string' && DRIVER_CONNECTION_ERRORS.test(err.message)) return true;
  // An error that wraps one (a failed migration's) is what it wraps.
  return err?.cause !== undefined && err.cause !== e && isConnectionLost(err.cause);
}

/**
 * Indexes only PostgreSQL needs. Both databases read "newest first, undated last" (date_start DESC NULLS LAST);
 * SQLite gets that order from a plain index read backwards, PostgreSQL needs the index built in that order.
 */
export const POSTGRES_INDEXES: Record<string, string> = {
  events_date_desc: 'create index if not exists events_date_desc on events (date_start desc nulls last, id desc)',
};

/**
 * Holds, until the transaction ends, the right to regroup the incidents of these countries: two PostgreSQL
 * writers regrouping one neighbourhood would otherwise each write the memberships they read before the
 * other's. Keys are taken in order, so two writers cannot deadlock on them. SQLite has one writer at a time.
 */
export async function lockRegrouping(db: Kysely<any>, keys: string[]): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  for (const k of [...new Set(keys)].sort()) await sql`select pg_advisory_xact_lock(hashtext(${`incidents:${k}`}))`.execute(db);
}
