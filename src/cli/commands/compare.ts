// `observatory compare --with acled|ucdp`: the record's incidents (from reports, never imported rows) held against
// the events of an imported ACLED or UCDP GED file: how much of each the other has, how far the tolls of the pairs
// agree, and the pairs that disagree most, each side's sources named. This is how a monitor checks itself against
// the field. Matching is src/reconcile/match-dataset-events.ts; what it knows of the datasets is in
// data/compare/dataset-matching.json.
import type { Writable } from 'node:stream';
import { matchDatasetEvents, type Match } from '../../reconcile/match-dataset-events.js';
import { summarizeComparison, type Comparison } from '../../reconcile/summarize-comparison.js';
import type { Dataset, EventFilter } from '../../store/store.js';
import { exitQuietlyOnClosedPipe } from '../closed-pipe.js';
import { SideReader, type DatasetItem, type RecordItem } from '../dataset-sides.js';
import { filterFrom } from '../event-filter.js';
import { textTable } from '../text-table.js';
import { UserError } from '../user-error.js';
import { withReadStore } from '../with-store.js';

export interface CompareOpts {
  db?: string;
  with: string;
  from?: string;
  to?: string;
  country?: string;
  format: string;
  limit?: string;
}

const DATASETS: Record<Dataset, string> = { acled: 'ACLED', ucdp: 'UCDP GED' };
const FORMATS = ['table', 'json'];
const TABLE_LIMIT = 20;
/** Read this far beyond the period either side, so an item near its border finds a counterpart just outside it
 * (every window of the datasets' precision codes but GED's year fits in a month). */
const MARGIN_DAYS = 31;

const shift = (date: string | undefined, days: number) => (date ? new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10) : undefined);

type Result = Comparison<RecordItem, DatasetItem>;

export async function runCompare(opts: CompareOpts, out: Writable = process.stdout): Promise<void> {
  if (!(opts.with in DATASETS)) throw new UserError(`--with must be acled or ucdp, got "${opts.with}"`, 2);
  const dataset = opts.with as Dataset;
  if (!FORMATS.includes(opts.format)) throw new UserError(`--format must be one of ${FORMATS.join(', ')}, got "${opts.format}"`, 2);
  const limit = opts.limit === undefined ? undefined : Number(opts.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) throw new UserError(`--limit must be a whole number, got "${opts.limit}"`, 2);
  const { from, to } = filterFrom({ from: opts.from, to: opts.to });
  if (from && to && from > to) throw new UserError(`--from ${from} is after --to ${to}`, 2);
  exitQuietlyOnClosedPipe(out);

  const sides = new SideReader(dataset, { from, to });
  // Countries are compared by the gazetteer's key, so "DR Congo", ACLED's and GED's spellings of a country are one.
  const country = opts.country ? sides.places.country(opts.country) : null;
  const read: EventFilter = { from: shift(from, -MARGIN_DAYS), to: shift(to, MARGIN_DAYS) };
  const record: RecordItem[] = [];
  const events: DatasetItem[] = [];
  await withReadStore(opts.db, async (store) => {
    for await (const inc of store.exportIncidents(read)) {
      const r = sides.record(inc);
      if (!country || r.country === country) record.push(r);
    }
    for await (const ev of store.exportEvents({ ...read, origin: dataset })) {
      const d = sides.event(ev);
      if (!country || d.country === country) events.push(d);
    }
    if (events.length === 0 && (await store.listEvents({ origin: dataset }, { limit: 1 })).length === 0) {
      throw new UserError(`the record holds no ${DATASETS[dataset]} events to compare with; import a file first: observatory import ${dataset} FILE.csv`);
    }
  });
  const result = summarizeComparison(matchDatasetEvents(record, events, sides.rules), sides.withinShare);
  const heading = { dataset, from: from ?? null, to: to ?? null, country: opts.country ?? null };
  if (opts.format === 'json') out.write(JSON.stringify(asJson(heading, result, sides.withinShare, limit), null, 2) + '\n');
  else out.write(asTable(heading, result, sides.withinShare, limit ?? TABLE_LIMIT));
}

interface Heading {
  dataset: Dataset;
  from: string | null;
  to: string | null;
  country: string | null;
}

const km = (m: Match<RecordItem, DatasetItem>) => (m.km === null ? null : Math.round(m.km * 10) / 10);
const deaths = (n: number | null) => (n === null ? '?' : String(n));
const listed = <T>(xs: T[], limit: number | undefined) => (limit === undefined ? xs : xs.slice(0, limit));

function pairJson(m: Match<RecordItem, DatasetItem>) {
  return {
    incident: m.record.id,
    event: m.dataset.externalId,
    days_apart: m.days,
    km: km(m),
    place: m.place,
    record_deaths: m.record.deaths,
    dataset_deaths: m.dataset.deaths,
    difference: m.record.deaths === null || m.dataset.deaths === null ? null : m.record.deaths - m.dataset.deaths,
    claimants: m.record.claimants,
    source: m.dataset.source,
  };
}

const recordJson = (r: RecordItem) => ({ id: r.id, date: r.date, place: r.place, type: r.subType, deaths: r.deaths, claimants: r.claimants });
const eventJson = (d: DatasetItem) => ({ id: d.externalId, date: d.date, place: d.place, type: d.typeLabel, deaths: d.deaths, source: d.source });

/** For programs: every list whole unless --limit says otherwise. */
function asJson(h: Heading, c: Result, withinShare: number, limit: number | undefined) {
  const f = c.fatalities;
  return {
    ...h,
    record: c.record,
    dataset_events: c.dataset,
    fatalities: {
      pairs: f.pairs,
      compared: f.compared,
      exact: f.exact,
      within_share: withinShare,
      within: f.within,
      record_higher: f.recordHigher,
      record_lower: f.recordLower,
      no_figure: f.noFigure,
      mean_absolute_difference: f.meanAbsoluteDifference,
    },
    matches: listed(c.matches, limit).map(pairJson),
    unmatched_record: listed(c.unmatchedRecord, limit).map(recordJson),
    unmatched_dataset: listed(c.unmatchedDataset, limit).map(eventJson),
    disagreements: listed(c.disagreements, limit).map(pairJson),
  };
}

/** For people: the figures, then the biggest disagreements and what each side lacks, up to the limit. */
function asTable(h: Heading, c: Result, withinShare: number, limit: number): string {
  const name = DATASETS[h.dataset];
  const period = h.from && h.to ? `${h.from} to ${h.to}` : h.from ? `from ${h.from}` : h.to ? `until ${h.to}` : 'all dates';
  const lines: string[] = [`The record against ${name}: ${period}${h.country ? `, ${h.country}` : ''}`, ''];
  lines.push(
    textTable(
      ['', 'in range', 'matched', 'no counterpart'],
      [
        ['record incidents', String(c.record.total), String(c.record.matched), String(c.record.unmatched)],
        [`${name} events`, String(c.dataset.total), String(c.dataset.matched), String(c.dataset.unmatched)],
      ],
    ),
  );
  const f = c.fatalities;
  const pct = Math.round(withinShare * 100);
  const mean = f.meanAbsoluteDifference === null ? 'none compared' : `mean absolute difference ${f.meanAbsoluteDifference.toFixed(1)}`;
  lines.push(
    `Fatalities of ${f.pairs} matched pair${f.pairs === 1 ? '' : 's'}: ${f.exact} exact, ${f.within} within ${pct}%, ${f.recordHigher} record higher, ${f.recordLower} record lower` +
      `${f.noFigure ? `, ${f.noFigure} with no figure on one side` : ''}; ${mean}`,
    '',
  );
  const section = <T>(title: string, xs: T[], header: string[], row: (x: T) => string[]) => {
    if (xs.length === 0) return;
    lines.push(`${title} (${Math.min(limit, xs.length)} of ${xs.length}${xs.length > limit ? '; --limit N for more' : ''}):`);
    if (limit > 0) lines.push(textTable(header, xs.slice(0, limit).map(row), 60));
    else lines.push('');
  };
  section('Biggest disagreements', c.disagreements, ['incident', `${name} event`, 'date', 'place', 'record', 'claimants', name, 'source', 'difference'], (m) => [
    m.record.id,
    m.dataset.externalId,
    m.record.date,
    m.record.place,
    deaths(m.record.deaths),
    m.record.claimants.join('; '),
    deaths(m.dataset.deaths),
    m.dataset.source ?? '',
    `${m.record.deaths! > m.dataset.deaths! ? '+' : ''}${m.record.deaths! - m.dataset.deaths!}`,
  ]);
  section(`Record incidents with no ${name} counterpart`, c.unmatchedRecord, ['incident', 'date', 'place', 'type', 'deaths', 'claimants'], (r) => [
    r.id,
    r.date,
    r.place,
    r.subType,
    deaths(r.deaths),
    r.claimants.join('; '),
  ]);
  section(`${name} events with no counterpart in the record`, c.unmatchedDataset, ['event', 'date', 'place', 'type', 'deaths', 'source'], (d) => [
    d.externalId,
    d.date,
    d.place,
    d.typeLabel,
    deaths(d.deaths),
    d.source ?? '',
  ]);
  return lines.join('\n').replace(/\n+$/, '\n');
}
