// UCDP's Georeferenced Event Dataset (GED), both ways: a GED row to an event to store, and an exported event to a
// GED row. Pure functions: reading and writing the CSV happens at the command line's edge.
import type { DatePrecision, Fatalities, PlacePrecision } from '../domain/types.js';
import { cleanCells, coordinates, count, dayOutOfRange, failed, isoDay, quoted } from '../domain/input-rules.js';
import type { DatasetEvent, ExportedEvent } from './store.js';
import { ownEntry } from '../domain/own-entry.js';

/** GED's columns in the order of its CSV releases: what an export writes, and how a file without a header is read. */
export const GED_COLUMNS = [
  'id',
  'relid',
  'year',
  'active_year',
  'code_status',
  'type_of_violence',
  'conflict_dset_id',
  'conflict_new_id',
  'conflict_name',
  'dyad_dset_id',
  'dyad_new_id',
  'dyad_name',
  'side_a_dset_id',
  'side_a_new_id',
  'side_a',
  'side_b_dset_id',
  'side_b_new_id',
  'side_b',
  'number_of_sources',
  'source_article',
  'source_office',
  'source_date',
  'source_headline',
  'source_original',
  'where_prec',
  'where_coordinates',
  'where_description',
  'adm_1',
  'adm_2',
  'latitude',
  'longitude',
  'geom_wkt',
  'priogrid_gid',
  'country',
  'country_id',
  'region',
  'event_clarity',
  'date_prec',
  'date_start',
  'date_end',
  'deaths_a',
  'deaths_b',
  'deaths_civilians',
  'deaths_unknown',
  'best',
  'high',
  'low',
  'gwnoa',
  'gwnob',
] as const;

export type GedColumn = (typeof GED_COLUMNS)[number];
export type GedRow = Record<GedColumn, string>;

/** Columns a GED file cannot do without. */
const REQUIRED: GedColumn[] = ['id', 'type_of_violence', 'date_start', 'country', 'best'];

/** Columns the events table holds; every other column is kept as the file wrote it. */
const HELD = new Set<string>([
  'id', 'side_a', 'side_b', 'source_office', 'where_coordinates', 'adm_1', 'adm_2', 'latitude', 'longitude', 'country', 'date_start', 'date_end',
  'deaths_a', 'deaths_b', 'deaths_civilians', 'deaths_unknown', 'best', 'high', 'low',
]);

/** GED's three kinds of organized violence as the record's (ACLED's) event types. */
const VIOLENCE: Record<string, { type: string; sub_type: string; name: string }> = {
  '1': { type: 'Battles', sub_type: 'Armed clash', name: 'state-based' },
  '2': { type: 'Battles', sub_type: 'Armed clash', name: 'non-state' },
  '3': { type: 'Violence against civilians', sub_type: 'Attack', name: 'one-sided' },
};

/** GED's name of a type_of_violence code ("state-based"), or null for a code GED does not use. */
export function violenceName(code: string): string | null {
  return ownEntry(VIOLENCE, code)?.name ?? null;
}

/** GED's date_prec: 1 the day, 2 a span of 2-6 days, 3 a week, 4 a month, 5 more than a month within the year. */
const DATE_PRECISION: Record<string, DatePrecision> = { '1': 'day', '2': 'range', '3': 'week', '4': 'month', '5': 'range' };
/** GED's where_prec: 1 the place, 2 within 25 km, 3 a district (second-order unit), 4 a province, 5 a line or
 * area between places, 6 the country, 7 waters, airspace or unclear. */
const PLACE_PRECISION: Record<string, PlacePrecision | 'unknown'> = { '1': 'exact', '2': 'near', '3': 'near', '4': 'admin1', '5': 'near', '6': 'country', '7': 'unknown' };

/** UCDP names a state's side "Government of X". */
const isGovernment = (side: string) => /^government of /i.test(side);

/** Which required columns a header lacks. */
export function missingGedColumns(header: string[]): string[] {
  const have = new Set(header.map((h) => h.trim().toLowerCase()));
  return REQUIRED.filter((c) => !have.has(c));
}

/** Whether a file's first record is GED's header (else it is the first row of a file without one). */
export function isGedHeader(record: string[]): boolean {
  const cells = new Set(record.map((h) => h.trim().toLowerCase()));
  return cells.has('id') && (cells.has('date_start') || cells.has('type_of_violence') || cells.has('best'));
}

/**
 * GED gives one best, low and high per event and the best split by side. Each group's low and high are its best
 * scaled by the event's low/best and high/best, rounded so the groups add up to the event's three figures and
 * the tallies hold them.
 */
export function spreadRange(groups: { group: string; best: number }[], low: number, best: number, high: number): Fatalities[] {
  const kind: Fatalities['kind'] = low === best && best === high ? 'exact' : 'approximate';
  const parts = groups.filter((g) => g.best > 0);
  if (best === 0 || parts.length === 0) return [{ group: 'unknown', low, best, high, kind }];
  // Largest remainders (Hamilton's method): whole numbers that add up to the total, none below its floor or above
  // its ceiling, so a group's low never passes its best.
  const scaled = (to: number) => {
    const exact = parts.map((g) => (g.best * to) / best);
    const xs = exact.map(Math.floor);
    const left = to - xs.reduce((s, x) => s + x, 0);
    const order = exact.map((x, i) => i).sort((i, j) => exact[j] - xs[j] - (exact[i] - xs[i]) || parts[j].best - parts[i].best || i - j);
    for (const i of order.slice(0, left)) xs[i]++;
    return xs;
  };
  const lows = scaled(low);
  const highs = scaled(high);
  return parts.map((g, i) => ({ group: g.group, low: lows[i], best: g.best, high: highs[i], kind }));
}

/** A GED row (columns by GED's names) to an event, or the reason it cannot be one (the caller adds file and line). */
export function readGedRow(cells: Record<string, string>, now: Date = new Date()): DatasetEvent | { error: string } {
  const row = cleanCells(cells);
  const get = (k: string) => (row[k] ?? '').trim();
  const id = get('id');
  if (!id) return { error: 'id is empty' };
  const violence = ownEntry(VIOLENCE, get('type_of_violence'));
  if (!violence) return { error: `type_of_violence ${quoted(get('type_of_violence'))} is not 1 (state-based), 2 (non-state) or 3 (one-sided)` };
  if (!get('date_start')) return { error: 'date_start is empty' };
  const start = isoDay(get('date_start'));
  if (!start) return { error: `date_start ${quoted(get('date_start'))} is not a day of the calendar (YYYY-MM-DD)` };
  const end = get('date_end') ? isoDay(get('date_end')) : start;
  if (!end) return { error: `date_end ${quoted(get('date_end'))} is not a day of the calendar (YYYY-MM-DD)` };
  if (end < start) return { error: `date_end ${quoted(get('date_end'))} is before date_start ${quoted(get('date_start'))}` };
  const outOfRange = dayOutOfRange('date_start', start, now) ?? dayOutOfRange('date_end', end, now);
  if (outOfRange) return { error: outOfRange };
  if (!get('country')) return { error: 'country is empty' };
  const place = coordinates('latitude', get('latitude'), 'longitude', get('longitude'));
  if (failed(place)) return place;
  if (!get('best')) return { error: 'best is empty' };
  const figures: Record<string, number> = {};
  for (const k of ['best', 'low', 'high', 'deaths_a', 'deaths_b', 'deaths_civilians', 'deaths_unknown']) {
    const n = count(k, get(k));
    if (failed(n)) return n;
    figures[k] = n ?? (k === 'low' || k === 'high' ? figures.best : 0);
  }
  const { best, low, high } = figures;
  if (!(low <= best && best <= high)) return { error: `low ${low}, best ${best} and high ${high} are not in order (low <= best <= high)` };
  const split = figures.deaths_a + figures.deaths_b + figures.deaths_civilians + figures.deaths_unknown;
  if (split !== best) return { error: `deaths_a, deaths_b, deaths_civilians and deaths_unknown add up to ${split}, not to best ${best}` };
  const sideA = get('side_a');
  const sideB = get('side_b');
  const oneSided = get('type_of_violence') === '3';
  const actors: DatasetEvent['actors'] = [];
  if (sideA) actors.push({ name: sideA, type: isGovernment(sideA) ? 'state-force' : 'armed-group', bloc: 'unknown', role: 'perpetrator' });
  if (sideB) {
    actors.push(
      oneSided
        ? { name: sideB, type: 'civilians', bloc: 'civilians', role: 'victim' }
        : { name: sideB, type: isGovernment(sideB) ? 'state-force' : 'armed-group', bloc: 'unknown', role: 'participant' },
    );
  }
  const groups = [
    { group: sideA || 'side a', best: figures.deaths_a },
    { group: sideB || 'side b', best: figures.deaths_b },
    { group: 'civilians', best: figures.deaths_civilians },
    { group: 'unknown', best: figures.deaths_unknown },
  ];
  const columns: Record<string, string> = {};
  for (const [k, v] of Object.entries(row)) if (!HELD.has(k) && v !== '') columns[k] = v;
  return {
    id: `ucdp-${id}`,
    dataset: 'ucdp',
    external_id: id,
    type: violence.type,
    sub_type: violence.sub_type,
    date_start: start,
    date_end: end,
    date_precision: ownEntry(DATE_PRECISION, get('date_prec')) ?? (start === end ? 'day' : 'range'),
    country: get('country'),
    admin1: get('adm_1') || null,
    admin2: get('adm_2') || null,
    location: get('where_coordinates') || null,
    lat: place.lat,
    lon: place.lon,
    geo_precision: ownEntry(PLACE_PRECISION, get('where_prec')) ?? 'unknown',
    fatalities: spreadRange(groups, low, best, high),
    actors,
    source: get('source_office') || null,
    notes: null,
    acled: null,
    columns,
  };
}

/** An event's low, best and high over its groups; a vague figure's low stands for its best, as UCDP counts. */
export function eventFigures(fs: Fatalities[]): { low: number; best: number; high: number } {
  let low = 0;
  let best = 0;
  let high = 0;
  for (const f of fs) {
    const l = f.low ?? f.best ?? 0;
    const b = Math.max(l, f.kind === 'vague' || f.kind === 'unknown' ? l : f.best ?? l);
    low += l;
    best += b;
    high += Math.max(b, f.high ?? b);
  }
  return { low, best, high };
}

/** GED's type of violence for an event the record extracted: one-sided when civilians are its target, state-based when a state fights. */
export function violenceOf(ev: ExportedEvent): '1' | '2' | '3' {
  const civilians = ev.type === 'Violence against civilians' || ev.actors.some((a) => (a.role === 'victim' || a.role === 'target') && (a.bloc === 'civilians' || a.type === 'civilians'));
  if (civilians) return '3';
  const state = ev.actors.some((a) => a.type === 'state-force' || a.bloc === 'government' || a.bloc === 'pro-government' || isGovernment(a.name));
  return state ? '1' : '2';
}

function datePrecCode(ev: ExportedEvent): string {
  const p = ev.date_precision;
  if (p === 'day') return '1';
  if (p === 'week') return '3';
  if (p === 'month') return '4';
  if (p === 'year') return '5';
  const days = ev.date_start && ev.date_end ? Math.round((Date.parse(ev.date_end) - Date.parse(ev.date_start)) / 86_400_000) : 0;
  return days === 0 ? '1' : days <= 6 ? '2' : days <= 7 ? '3' : days <= 31 ? '4' : '5';
}

const WHERE_PREC: Record<string, string> = { exact: '1', near: '2', admin1: '4', country: '6' };

/** PRIO-GRID's cell of a point: half-degree cells numbered from 1 at (-90, -180), eastward then northward. */
export function priogridCell(lat: number, lon: number): number {
  const row = Math.min(359, Math.floor((lat + 90) * 2));
  const col = Math.min(719, Math.floor((lon + 180) * 2));
  return row * 720 + col + 1;
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/**
 * The GED row for an event, or null when GED would not hold it: GED codes lethal events of organized violence,
 * so an event without deaths, a period total and a cumulative toll are left out. An event imported from GED gets
 * its own columns back; one the record extracted gets them derived.
 */
export function gedRowFor(ev: ExportedEvent): GedRow | null {
  const { low, best, high } = eventFigures(ev.fatalities);
  const own = ev.origin === 'ucdp' ? ev.columns ?? {} : null;
  if (!own && (high === 0 || (ev.scope !== null && ev.scope !== 'incident'))) return null;
  const first = ev.actors.find((a) => a.role === 'perpetrator') ?? ev.actors.find((a) => a.role === 'participant') ?? null;
  const other = ev.actors.find((a) => a !== first) ?? null;
  const violence = own ? own.type_of_violence ?? '' : violenceOf(ev);
  const sideA = own ? str(first?.name) : str(first?.name ?? ev.perpetrator_actor) || 'Unidentified armed group';
  const sideB = own ? str(other?.name) : violence === '3' ? 'Civilians' : str(other?.name);
  // Whose deaths each group counts: GED's own side names for its events, the sides' blocs for the record's.
  const aKeys = own ? [sideA] : [first?.bloc, sideA].filter((k): k is string => Boolean(k) && k !== 'unknown');
  const bKeys = own ? [sideB] : [other?.bloc, sideB].filter((k): k is string => Boolean(k) && k !== 'unknown' && k !== 'civilians');
  const deaths = { a: 0, b: 0, civilians: 0, unknown: 0 };
  for (const f of ev.fatalities) {
    const n = eventFigures([f]).best;
    if (f.group === 'civilians') deaths.civilians += n;
    else if (aKeys.includes(f.group)) deaths.a += n;
    else if (bKeys.includes(f.group)) deaths.b += n;
    else deaths.unknown += n;
  }
  const located = ev.lat !== null && ev.lon !== null;
  const date = ev.date_start ?? '';
  const derived: GedRow = {
    id: ev.external_id ?? ev.id,
    relid: '',
    year: date.slice(0, 4),
    active_year: '',
    code_status: '',
    type_of_violence: violence,
    conflict_dset_id: '',
    conflict_new_id: '',
    conflict_name: '',
    dyad_dset_id: '',
    dyad_new_id: '',
    dyad_name: sideB ? `${sideA} - ${sideB}` : sideA,
    side_a_dset_id: '',
    side_a_new_id: '',
    side_a: sideA,
    side_b_dset_id: '',
    side_b_new_id: '',
    side_b: sideB,
    number_of_sources: String(Math.max(ev.claimants.length, ev.source ? 1 : 0)),
    source_article: '',
    source_office: str(ev.source),
    source_date: '',
    source_headline: '',
    source_original: ev.claimants.join('; '),
    where_prec: WHERE_PREC[ev.geo_precision ?? ''] ?? '7',
    where_coordinates: str(ev.location),
    where_description: '',
    adm_1: str(ev.admin1),
    adm_2: str(ev.admin2),
    latitude: str(ev.lat),
    longitude: str(ev.lon),
    geom_wkt: located ? `POINT (${ev.lon} ${ev.lat})` : '',
    priogrid_gid: located ? String(priogridCell(ev.lat!, ev.lon!)) : '',
    country: str(ev.country),
    country_id: '',
    region: '',
    event_clarity: '',
    date_prec: datePrecCode(ev),
    date_start: date,
    date_end: ev.date_end ?? date,
    deaths_a: String(deaths.a),
    deaths_b: String(deaths.b),
    deaths_civilians: String(deaths.civilians),
    deaths_unknown: String(deaths.unknown),
    best: String(best),
    high: String(high),
    low: String(low),
    gwnoa: '',
    gwnob: '',
  };
  if (!own) return derived;
  // GED's own columns as the file wrote them; what the events table holds comes from the event.
  const kept = Object.fromEntries(GED_COLUMNS.map((c) => [c, HELD.has(c) ? derived[c] : own[c] ?? ''])) as GedRow;
  return { ...kept, id: ev.external_id ?? ev.id };
}
