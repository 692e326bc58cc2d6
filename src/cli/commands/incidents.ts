// `observatory incidents`: the reconciled incidents matching a filter, newest first, one row however many
// reports tell each: when, where, what, who, deaths low / best / high per group and in total, status, and
// how many reports and claimants. Period totals and cumulative tolls are never incidents: --totals lists
// them apart, as the claims they are.
import type { Writable } from 'node:stream';
import type { EventFilter, IncidentRow, Store } from '../../store/store.js';
import { csvRow } from '../csv-row.js';
import { filterFrom, type FilterOpts } from '../event-filter.js';
import { leftOutLine } from '../left-out.js';
import { dateSpan, placeName } from '../labels.js';
import { textTable } from '../text-table.js';
import { exitQuietlyOnClosedPipe } from '../closed-pipe.js';
import { UserError } from '../user-error.js';
import { withStore } from '../with-store.js';

export interface IncidentsOpts extends FilterOpts {
  db?: string;
  format: string;
  limit?: string;
  totals?: boolean;
  rebuild?: boolean;
  /** CSV cells as they are, formulas unescaped (see csv-row.ts). */
  raw?: boolean;
}

const FORMATS = ['table', 'json', 'csv'];
const TABLE_LIMIT = 50;
const CSV_COLUMNS = [
  'id', 'date_start', 'date_end', 'date_precision', 'country', 'admin1', 'location', 'lat', 'lon', 'geo_precision', 'type', 'sub_type',
  'perpetrator_actor', 'perpetrator_bloc', 'deaths_low', 'deaths_best', 'deaths_high', 'deaths_vague', 'groups', 'status', 'reports', 'claimants',
] as const;
const TOTAL_SCOPES = ['period-total', 'cumulative-toll'];

/** "14 / 14 / 17", with ? for a bound nobody gives. */
const range = (low: number | null, best: number | null, high: number | null) => [low, best, high].map((v) => v ?? '?').join(' / ');

/** "civilians 14/14/17; opposition ?/?/40": every group's range in one cell. */
export function groupsCell(r: IncidentRow): string {
  return r.groups.map((g) => `${g.group} ${[g.low, g.best, g.high].map((v) => v ?? '?').join('/')}${g.vague ? ' (vague)' : ''}`).join('; ');
}

const dates = (r: IncidentRow) => dateSpan(r.date_start, r.date_end);
const place = (r: IncidentRow) => placeName(r.location, r.admin1, r.country);

export async function runIncidents(opts: IncidentsOpts, out: Writable = process.stdout): Promise<void> {
  if (!FORMATS.includes(opts.format)) throw new UserError(`--format must be one of ${FORMATS.join(', ')}, got "${opts.format}"`);
  const limit = opts.limit === undefined ? undefined : Number(opts.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new UserError(`--limit must be a positive whole number, got "${opts.limit}"`);
  const filter = filterFrom(opts);
  if (filter.origin && filter.origin !== 'extracted') {
    throw new UserError(`--origin ${filter.origin}: imported events are the dataset's own coding, not reconciled incidents; use observatory events --origin ${filter.origin}`);
  }
  exitQuietlyOnClosedPipe(out);
  // Only --rebuild writes: listing never creates a record, and reads one that cannot be written.
  await withStore(opts.db, async (store) => {
    if (opts.rebuild) {
      out.write(`rebuilt ${await store.rebuildIncidents()} incidents from the whole record; every id whose first event is still in its incident is kept\n`);
      return;
    }
    if (opts.totals) return totals(store, filter, opts.format, limit, out, opts.raw);
    if (opts.format === 'table') {
      const rows = await store.listIncidents(filter, { limit: limit ?? TABLE_LIMIT });
      const total = await store.countIncidents(filter);
      out.write(
        textTable(
          ['id', 'date', 'place', 'type', 'perpetrator', 'deaths low / best / high', 'by group', 'status', 'reports', 'claimants'],
          rows.map((r) => [r.id, dates(r), place(r), r.sub_type, r.perpetrator_actor ?? r.perpetrator_bloc ?? '', range(r.deaths_low, r.deaths_best, r.deaths_high), groupsCell(r), r.status, String(r.reports), String(r.claimants.length)]),
          40,
        ),
      );
      out.write(`${rows.length} of ${total} incidents${rows.length < total ? ' (newest first; --limit N for more)' : ''}\n`);
      const leftOut = await leftOutLine(store, filter);
      if (leftOut) out.write(`${leftOut}\n`);
      const apart = await Promise.all(TOTAL_SCOPES.map((scope) => store.countEvents({ ...filter, scope })));
      const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
      if (apart[0] + apart[1]) out.write(`${count(apart[0], 'period total')} and ${count(apart[1], 'cumulative toll')} are claims, not incidents: --totals lists them\n`);
      return;
    }
    if (opts.format === 'csv') out.write(csvRow(CSV_COLUMNS));
    else out.write('[');
    let n = 0;
    // With --limit: the newest N, as the table shows them; without: every match, oldest first, in keyset pages.
    const rows: AsyncIterable<IncidentRow> | IncidentRow[] = limit !== undefined ? await store.listIncidents(filter, { limit }) : store.exportIncidents(filter);
    for await (const r of rows) {
      const chunk =
        opts.format === 'csv'
          ? csvRow(CSV_COLUMNS.map((c) => (c === 'groups' ? groupsCell(r) : c === 'claimants' ? r.claimants.join('; ') : c === 'deaths_vague' ? String(r.deaths_vague) : r[c])), opts.raw)
          : `${n ? ',' : ''}\n${JSON.stringify(r)}`;
      if (!out.write(chunk)) await new Promise((res) => out.once('drain', res));
      n++;
    }
    if (opts.format === 'json') out.write(n ? '\n]\n' : ']\n');
  }, { read: !opts.rebuild });
}

/** Period totals and cumulative tolls: who said how many died over what span, never summed with incidents. */
async function totals(store: Store, filter: EventFilter, format: string, limit: number | undefined, out: Writable, raw = false): Promise<void> {
  const rows = [];
  for (const scope of TOTAL_SCOPES) {
    for (const r of await store.listEvents({ ...filter, scope }, { limit: limit ?? 1000 })) {
      const claimants = [...new Set((await store.getEvent(r.id))?.claims.map((c) => c.claimant) ?? [])];
      rows.push({ id: r.id, scope, date_start: r.date_start, date_end: r.date_end, country: r.country, admin1: r.admin1, location: r.location, sub_type: r.sub_type, deaths: r.fatalities_best, claimants });
    }
  }
  rows.sort((x, y) => (y.date_start ?? '').localeCompare(x.date_start ?? '') || y.id.localeCompare(x.id));
  if (format === 'json') out.write(JSON.stringify(rows, null, 2) + '\n');
  else if (format === 'csv') {
    out.write(csvRow(['id', 'scope', 'date_start', 'date_end', 'country', 'admin1', 'location', 'deaths', 'claimants']));
    for (const r of rows) out.write(csvRow([r.id, r.scope, r.date_start, r.date_end, r.country, r.admin1, r.location, r.deaths, r.claimants.join('; ')], raw));
  }
  else {
    out.write(textTable(['event', 'kind', 'period', 'place', 'deaths stated', 'claimants'], rows.map((r) => [r.id, r.scope, r.date_start === r.date_end ? r.date_start ?? '' : `${r.date_start ?? '?'}..${r.date_end ?? '?'}`, [r.location, r.country].filter(Boolean).join(', '), String(r.deaths), r.claimants.join(', ')])));
    out.write(`${rows.length} period totals and cumulative tolls: claims over a span, never incidents, never added to incidents' deaths\n`);
  }
}
