// The watched sources and their seen items, in portable Kysely (the Store's methods call these). Taking due
// sources is one UPDATE over a sub-select: atomic on SQLite (one writer at a time), and on PostgreSQL the
// sub-select locks the rows it takes and skips those another watcher is taking (FOR UPDATE SKIP LOCKED), so
// each due source goes to exactly one watcher however many run, on however many machines.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { ClaimantKind } from '../domain/types.js';
import { dialectOf } from './dialect.js';
import type { Database, WatchedItemsTable, WatchedSourcesTable } from './schema.js';
import type {
  NewWatchedSource,
  PollOutcome,
  WatchedItem,
  WatchedItemRow,
  WatchedItemStatus,
  WatchedSource,
  WatchedSourceDetail,
  WatchedSourceStatus,
  WatchedSourceType,
} from './store.js';

type Db = Kysely<Database> | Transaction<Database>;

const DAY_MS = 86_400_000;
/** Days in a source's items-per-day line. */
const DAYS = 7;
/** Keys per lookup: well under either database's parameter limit. */
const KEYS_PER_QUERY = 1_000;

function sourceOf(r: Selectable<WatchedSourcesTable>): WatchedSource {
  return { ...r, type: r.type as WatchedSourceType, kind: r.kind as ClaimantKind, last_outcome: r.last_outcome as WatchedSource['last_outcome'] };
}

function itemOf(r: Selectable<WatchedItemsTable>): WatchedItemRow {
  return { ...r, status: r.status as WatchedItemStatus };
}

export async function addWatchedSource(db: Kysely<Database>, s: NewWatchedSource, now: string): Promise<WatchedSource> {
  const named = await db.selectFrom('watched_sources').select('name').where('name', '=', s.name).executeTakeFirst();
  if (named) throw new Error(`a source named "${s.name}" is already watched`);
  const same = await db.selectFrom('watched_sources').select('name').where('location', '=', s.location).executeTakeFirst();
  if (same) throw new Error(`${s.location} is already watched, as "${same.name}"`);
  const row: WatchedSourcesTable = {
    ...s,
    added_at: now,
    next_due_at: now,
    last_fetch_at: null,
    last_ok_at: null,
    last_outcome: null,
    last_error: null,
    failures: 0,
    etag: null,
    last_modified: null,
    lease_owner: null,
    lease_until: null,
  };
  await db.insertInto('watched_sources').values(row).execute();
  return sourceOf(row);
}

export async function removeWatchedSource(db: Kysely<Database>, name: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('watched_items').where('source', '=', name).execute();
    const r = await trx.deleteFrom('watched_sources').where('name', '=', name).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  });
}

/** The sources (all, or the one named) with their items' counts at `now`. */
export async function watchedSourceStatus(db: Kysely<Database>, now: Date, name?: string): Promise<WatchedSourceStatus[]> {
  let q = db.selectFrom('watched_sources').selectAll().orderBy('name');
  if (name !== undefined) q = q.where('name', '=', name);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const names = rows.map((r) => r.name);
  const counted = await db
    .selectFrom('watched_items')
    .select(['source', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('source', 'in', names)
    .groupBy(['source', 'status'])
    .execute();
  const lastDay = new Date(now.getTime() - DAY_MS).toISOString();
  const recent = await db
    .selectFrom('watched_items')
    .select(['source', (eb) => eb.fn.countAll<number>().as('n')])
    .where('source', 'in', names)
    .where('status', '!=', 'read')
    .where('seen_at', '>', lastDay)
    .groupBy('source')
    .execute();
  const days = Array.from({ length: DAYS }, (_, i) => new Date(now.getTime() - (DAYS - 1 - i) * DAY_MS).toISOString().slice(0, 10));
  const day = sql<string>`substr(${sql.ref('seen_at')}, 1, 10)`;
  const perDay = await db
    .selectFrom('watched_items')
    .select(['source', day.as('day'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('source', 'in', names)
    .where('status', '!=', 'read')
    .where('seen_at', '>=', days[0])
    .groupBy(['source', day])
    .execute();
  return rows.map((r) => {
    const n = (status: WatchedItemStatus) => Number(counted.find((c) => c.source === r.name && c.status === status)?.n ?? 0);
    return {
      ...sourceOf(r),
      items_seen: n('new') + n('duplicate') + n('failed'),
      reports_ingested: n('new'),
      duplicates: n('duplicate'),
      items_failed: n('failed'),
      items_last_day: Number(recent.find((c) => c.source === r.name)?.n ?? 0),
      per_day: days.map((d) => ({ day: d, items: Number(perDay.find((c) => c.source === r.name && c.day === d)?.n ?? 0) })),
    };
  });
}

export async function watchedSourceDetail(db: Kysely<Database>, name: string, now: Date, recent: number): Promise<WatchedSourceDetail | null> {
  const [status] = await watchedSourceStatus(db, now, name);
  if (!status) return null;
  const items = db.selectFrom('watched_items').selectAll().where('source', '=', name).where('status', '!=', 'read');
  const [latest, failed] = await Promise.all([
    items.orderBy('seen_at', 'desc').orderBy('key').limit(recent).execute(),
    items.where('status', '=', 'failed').orderBy('done_at', 'desc').orderBy('key').limit(recent).execute(),
  ]);
  return { ...status, recent: latest.map(itemOf), failed: failed.map(itemOf) };
}

export async function claimDueSources(db: Kysely<Database>, owner: string, now: string, until: string, limit: number): Promise<WatchedSource[]> {
  let due = db
    .selectFrom('watched_sources')
    .select('name')
    .where('next_due_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .orderBy('next_due_at')
    .orderBy('name')
    .limit(limit);
  if (dialectOf(db) === 'postgres') due = due.forUpdate().skipLocked();
  const rows = await db.updateTable('watched_sources').set({ lease_owner: owner, lease_until: until }).where('name', 'in', due).returningAll().execute();
  return rows.map(sourceOf).sort((a, b) => (a.next_due_at < b.next_due_at ? -1 : a.next_due_at > b.next_due_at ? 1 : a.name < b.name ? -1 : 1));
}

export async function renewLeases(db: Kysely<Database>, owner: string, names: string[], until: string): Promise<string[]> {
  if (names.length === 0) return [];
  const rows = await db.updateTable('watched_sources').set({ lease_until: until }).where('lease_owner', '=', owner).where('name', 'in', names).returning('name').execute();
  return rows.map((r) => r.name);
}

export async function releaseLeases(db: Kysely<Database>, owner: string): Promise<number> {
  const r = await db.updateTable('watched_sources').set({ lease_owner: null, lease_until: null }).where('lease_owner', '=', owner).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function finishPoll(db: Kysely<Database>, name: string, owner: string, o: PollOutcome): Promise<boolean> {
  const set: Partial<WatchedSourcesTable> = {
    last_fetch_at: o.at,
    last_outcome: o.outcome,
    last_error: o.error,
    failures: o.failures,
    next_due_at: o.next_due_at,
    lease_owner: null,
    lease_until: null,
  };
  if (o.outcome !== 'error') set.last_ok_at = o.at;
  if (o.etag !== undefined) set.etag = o.etag;
  if (o.last_modified !== undefined) set.last_modified = o.last_modified;
  const r = await db.updateTable('watched_sources').set(set).where('name', '=', name).where('lease_owner', '=', owner).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function seenItems(db: Kysely<Database>, source: string, keys: string[]): Promise<Map<string, Pick<WatchedItemRow, 'status' | 'attempts'>>> {
  const out = new Map<string, Pick<WatchedItemRow, 'status' | 'attempts'>>();
  for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
    const rows = await db
      .selectFrom('watched_items')
      .select(['key', 'status', 'attempts'])
      .where('source', '=', source)
      .where('key', 'in', keys.slice(i, i + KEYS_PER_QUERY))
      .execute();
    for (const r of rows) out.set(r.key, { status: r.status as WatchedItemStatus, attempts: r.attempts });
  }
  return out;
}

/** Records what came of an item: the first sighting keeps its time, each further attempt counts. */
export async function writeItemMark(db: Db, item: WatchedItem, status: WatchedItemStatus, reportId: string | null, error: string | null, at: string): Promise<void> {
  const row: WatchedItemsTable = { ...item, status, report_id: reportId, error, attempts: 1, seen_at: at, done_at: at };
  await db
    .insertInto('watched_items')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['source', 'key']).doUpdateSet((eb) => ({
        status,
        report_id: reportId,
        error,
        done_at: at,
        attempts: eb('watched_items.attempts', '+', 1),
        url: item.url,
        title: item.title,
        author: item.author,
        published: item.published,
        outlet: item.outlet,
      })),
    )
    .execute();
}
