// Moves a whole record from one database to another (SQLite to PostgreSQL and back): every table, in an order
// that keeps foreign keys satisfied, read in key order a page at a time (memory stays flat on millions of rows)
// and written in one transaction, so an interrupted copy leaves the destination empty, not half full.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/** Tables in dependency order, with the key each is paged on. */
export const COPY_TABLES: { table: keyof Database; key: string[] }[] = [
  { table: 'sources', key: ['id'] },
  { table: 'reports', key: ['id'] },
  { table: 'actors', key: ['id'] },
  { table: 'places', key: ['id'] },
  { table: 'claims', key: ['id'] },
  { table: 'events', key: ['id'] },
  { table: 'event_actors', key: ['event_id', 'actor_id', 'role'] },
  { table: 'event_claims', key: ['event_id', 'claim_id'] },
  { table: 'acled_codings', key: ['event_id'] },
  { table: 'dataset_columns', key: ['event_id'] },
  { table: 'failures', key: ['path', 'line'] },
  { table: 'link_decisions', key: ['id'] },
  { table: 'actor_month_totals', key: ['actor', 'month'] },
  { table: 'incidents', key: ['id'] },
  { table: 'incident_events', key: ['event_id'] },
  { table: 'api_tokens', key: ['id'] },
  { table: 'event_edits', key: ['id'] },
  // Sealed identities travel as ciphertext: a copy is no more readable than its source without the key.
  { table: 'field_sources', key: ['id'] },
  { table: 'report_field_sources', key: ['report_id'] },
  { table: 'field_source_reads', key: ['id'] },
  { table: 'incident_reviews', key: ['incident_id'] },
  { table: 'review_log', key: ['id'] },
  { table: 'watched_sources', key: ['name'] },
  { table: 'watched_items', key: ['source', 'key'] },
  { table: 'report_sightings', key: ['id'] },
  { table: 'report_sketches', key: ['report_id'] },
  { table: 'report_bands', key: ['key', 'at', 'report_id'] },
  { table: 'alerts', key: ['id'] },
  { table: 'alert_states', key: ['alert_id', 'incident_id'] },
  { table: 'alert_deliveries', key: ['id'] },
  { table: 'alert_attempts', key: ['id'] },
  { table: 'settings', key: ['name'] },
];

const PAGE = 5_000;
const MAX_PARAMS = 30_000;

export type CopyCounts = Partial<Record<keyof Database, number>>;

export async function tableCounts(db: Kysely<Database>): Promise<CopyCounts> {
  const out: CopyCounts = {};
  for (const { table } of COPY_TABLES) out[table] = Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return out;
}

export async function copyRecord(from: Kysely<Database>, to: Kysely<Database>, onTable?: (table: string, rows: number) => void): Promise<CopyCounts> {
  const held = await tableCounts(to);
  const busy = COPY_TABLES.filter(({ table }) => (held[table] ?? 0) > 0).map(({ table }) => `${held[table]} ${table}`);
  if (busy.length) throw new Error(`the destination is not empty (${busy.join(', ')}); copy goes into an empty record only`);
  const copied: CopyCounts = {};
  await to.transaction().execute(async (trx) => {
    for (const { table, key } of COPY_TABLES) {
      let n = 0;
      let after: unknown[] | null = null;
      for (;;) {
        let q = from.selectFrom(table).selectAll();
        if (after) {
          const last = after;
          q = key.length === 1 ? q.where(key[0] as any, '>', last[0] as any) : q.where((eb) => eb((eb as any).refTuple(...key), '>', (eb as any).tuple(...last)));
        }
        for (const k of key) q = q.orderBy(k as any);
        const rows = (await q.limit(PAGE).execute()) as Record<string, unknown>[];
        if (rows.length === 0) break;
        await insertRows(trx, table, rows);
        n += rows.length;
        if (rows.length < PAGE) break;
        const lastRow = rows[rows.length - 1];
        after = key.map((k) => lastRow[k]);
      }
      copied[table] = n;
      onTable?.(table, n);
    }
  });
  return copied;
}

async function insertRows(trx: Transaction<Database>, table: keyof Database, rows: Record<string, unknown>[]): Promise<void> {
  const per = Math.max(1, Math.floor(MAX_PARAMS / Object.keys(rows[0]).length));
  for (let i = 0; i < rows.length; i += per) await trx.insertInto(table).values(rows.slice(i, i + per) as any).execute();
}
