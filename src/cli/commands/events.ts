// `observatory events`: the events matching a filter, as a table for people or JSON/CSV for programs;
// with --by, a tally (events and fatalities) per month, region, actor, ...
import type { Writable } from 'node:stream';
import type { EventRow, Store, TallyKey } from '../../store/store.js';
import { csvRow } from '../csv-row.js';
import { filterFrom, type FilterOpts } from '../event-filter.js';
import { textTable } from '../text-table.js';
import { exitQuietlyOnClosedPipe } from '../closed-pipe.js';
import { UserError } from '../user-error.js';
import { withReadStore } from '../with-store.js';

export interface EventsOpts extends FilterOpts {
  db?: string;
  format: string;
  limit?: string;
  by?: string;
  /** CSV cells as they are, formulas unescaped: for programs (see csv-row.ts). */
  raw?: boolean;
}

const FORMATS = ['table', 'json', 'csv'];
const TALLY_KEYS: TallyKey[] = ['month', 'admin1', 'country', 'actor', 'bloc', 'type'];
const CSV_COLUMNS: (keyof EventRow)[] = [
  'id', 'origin', 'external_id', 'report_id', 'type', 'sub_type', 'date_start', 'date_end', 'date_precision', 'country', 'admin1', 'admin2',
  'location', 'lat', 'lon', 'geo_precision', 'weapon', 'fatalities_best', 'perpetrator_actor', 'perpetrator_bloc', 'source',
];
const TABLE_LIMIT = 50;

export async function runEvents(opts: EventsOpts, out: Writable = process.stdout): Promise<void> {
  if (!FORMATS.includes(opts.format)) throw new UserError(`--format must be one of ${FORMATS.join(', ')}, got "${opts.format}"`);
  if (opts.by !== undefined && !TALLY_KEYS.includes(opts.by as TallyKey)) throw new UserError(`--by must be one of ${TALLY_KEYS.join(', ')}, got "${opts.by}"`);
  const limit = opts.limit === undefined ? undefined : Number(opts.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new UserError(`--limit must be a positive whole number, got "${opts.limit}"`);
  const filter = filterFrom(opts);
  exitQuietlyOnClosedPipe(out);
  await withReadStore(opts.db, async (store) => {
    if (opts.by) return tally(store, filter, opts.by as TallyKey, opts.format, limit, out, opts.raw === true);
    if (opts.format === 'table') {
      const rows = await store.listEvents(filter, { limit: limit ?? TABLE_LIMIT });
      const total = await store.countEvents(filter);
      out.write(
        textTable(
          ['id', 'date', 'event type', 'sub-type', 'location', 'admin1', 'country', 'actor', 'fatalities', 'source'],
          rows.map((r) => [r.id, r.date_start ?? '', r.type, r.sub_type, r.location ?? '', r.admin1 ?? '', r.country ?? '', r.perpetrator_actor ?? r.perpetrator_bloc ?? '', String(r.fatalities_best), r.source ?? '']),
          32,
        ),
      );
      out.write(`${rows.length} of ${total} events${rows.length < total ? ' (newest first; --limit N for more, observatory show ID for one)' : ''}\n`);
      return;
    }
    if (opts.format === 'csv') out.write(csvRow(CSV_COLUMNS));
    else out.write('[');
    let n = 0;
    // With --limit: the newest N, as the table shows them; without: every match, oldest first, read in keyset pages.
    const rows: AsyncIterable<EventRow> | EventRow[] = limit !== undefined ? await store.listEvents(filter, { limit }) : store.exportEvents(filter);
    for await (const r of rows) {
      const row = Object.fromEntries(CSV_COLUMNS.map((c) => [c, r[c]]));
      const chunk = opts.format === 'csv' ? csvRow(CSV_COLUMNS.map((c) => r[c]), opts.raw) : `${n ? ',' : ''}\n${JSON.stringify(row)}`;
      if (!out.write(chunk)) await new Promise((res) => out.once('drain', res));
      n++;
    }
    if (opts.format === 'json') out.write(n ? '\n]\n' : ']\n');
  });
}

async function tally(store: Store, filter: ReturnType<typeof filterFrom>, by: TallyKey, format: string, limit: number | undefined, out: Writable, raw: boolean): Promise<void> {
  const rows = await store.tally(filter, by, limit ?? (by === 'month' ? 1000 : 20));
  if (format === 'json') out.write(JSON.stringify(rows, null, 2) + '\n');
  else if (format === 'csv') out.write([[by, 'events', 'fatalities'], ...rows.map((r) => [r.key, r.events, r.fatalities])].map((cells) => csvRow(cells, raw)).join(''));
  else out.write(textTable([by, 'events', 'fatalities'], rows.map((r) => [r.key ?? '(unknown)', String(r.events), String(r.fatalities)]), 48));
}
