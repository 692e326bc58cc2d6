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
 * Errors after which the same transaction, run again, can succeed: on PostgreSQL a deadlock (40P01) or a
 * serialization failure (40001) between writers; on SQLite a busy database past its busy_timeout.
 */
export function isTransient(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001' || code === 'SQLITE_BUSY';
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
