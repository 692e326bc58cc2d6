// ACLED's format, both ways: an exported event to an ACLED row, and an ACLED row to an event to store.
// Pure functions: reading and writing the CSV happens at the command line's edge.
import type { DatePrecision, PlacePrecision } from '../domain/types.js';
import type { AcledCodingValues, ExportedEvent } from './store.js';

/** The columns ACLED tooling reads, in ACLED's order. */
export const ACLED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'country',
  'admin1',
  'admin2',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
] as const;

export type AcledColumn = (typeof ACLED_COLUMNS)[number];
export type AcledRow = Record<AcledColumn, string>;

/** Columns an import cannot do without. */
const REQUIRED: AcledColumn[] = ['event_id_cnty', 'event_date', 'event_type', 'country'];

/** ACLED's actor categories (the classic numeric inter codes). */
export const INTER = { state: 1, rebel: 2, politicalMilitia: 3, identityMilitia: 4, rioters: 5, protesters: 6, civilians: 7, external: 8 } as const;

const TYPE_INTER: Record<string, number> = {
  'state-force': INTER.state,
  political: INTER.state,
  'armed-group': INTER.rebel,
  'rebel-group': INTER.rebel,
  militia: INTER.politicalMilitia,
  'political-militia': INTER.politicalMilitia,
  'identity-militia': INTER.identityMilitia,
  rioters: INTER.rioters,
  protesters: INTER.protesters,
  civilians: INTER.civilians,
  'foreign-force': INTER.external,
  coalition: INTER.external,
  external: INTER.external,
};

const BLOC_INTER: Record<string, number> = {
  'pro-government': INTER.state,
  government: INTER.state,
  opposition: INTER.rebel,
  'jihadist-opposition': INTER.rebel,
  'islamic-state': INTER.rebel,
  'kurdish-forces': INTER.rebel,
  insurgents: INTER.rebel,
  'international-coalition': INTER.external,
  civilians: INTER.civilians,
};

/** The inter code of an actor: from its type when the record knows it, else from its bloc; null when neither says. */
export function interCode(type: string | null | undefined, bloc: string | null | undefined): number | null {
  if (type && TYPE_INTER[type] !== undefined) return TYPE_INTER[type];
  if (bloc && BLOC_INTER[bloc] !== undefined) return BLOC_INTER[bloc];
  return null;
}

/** The actor type an inter code stands for, so an imported actor gets a type the export maps back to the same code. */
export function typeForInter(code: string | null | undefined): string | null {
  const byCode: Record<string, string> = {
    '1': 'state-force',
    '2': 'rebel-group',
    '3': 'political-militia',
    '4': 'identity-militia',
    '5': 'rioters',
    '6': 'protesters',
    '7': 'civilians',
    '8': 'external',
  };
  return code ? byCode[code.trim()] ?? null : null;
}

/** ACLED's interaction: the two inter codes, lower first (12, 17, 27); one actor alone gives its code times ten. */
export function interaction(inter1: number | null, inter2: number | null): number | null {
  if (inter1 === null) return null;
  if (inter2 === null) return inter1 * 10;
  return Math.min(inter1, inter2) * 10 + Math.max(inter1, inter2);
}

/** ACLED time_precision: 1 the day is known, 2 within a week, 3 within a month or vaguer. */
export function timePrecision(precision: string | null, start: string | null, end: string | null): 1 | 2 | 3 {
  if (precision === 'day') return 1;
  if (precision === 'week') return 2;
  if (precision === 'range' && start && end) return daysBetween(start, end) <= 7 ? 2 : 3;
  return 3;
}

/** ACLED geo_precision: 1 the place itself, 2 near it or part of a small area, 3 a larger region. */
export function geoPrecision(precision: string | null): 1 | 2 | 3 {
  if (precision === 'exact') return 1;
  if (precision === 'near') return 2;
  return 3;
}

const PRECISION_BY_TIME: Record<string, DatePrecision> = { '1': 'day', '2': 'week', '3': 'month' };
const PRECISION_BY_GEO: Record<string, PlacePrecision> = { '1': 'exact', '2': 'near', '3': 'admin1' };

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

export function datePhrase(start: string | null, end: string | null, precision: string | null): string {
  if (!start) return 'On an unstated date';
  const [y, m] = start.split('-');
  if (precision === 'year') return `In ${y}`;
  if (precision === 'month') return `In ${MONTHS[Number(m) - 1]} ${y}`;
  if (precision === 'week') return `In the week of ${longDate(start)}`;
  if (precision === 'range' && end && end !== start) {
    const [ey, em, ed] = end.split('-');
    const [, , sd] = start.split('-');
    if (ey === y && em === m) return `Between ${Number(sd)} and ${Number(ed)} ${MONTHS[Number(m) - 1]} ${y}`;
    return `Between ${longDate(start)} and ${longDate(end)}`;
  }
  return `On ${longDate(start)}`;
}

export const BLOC_WORDS: Record<string, string> = {
  'pro-government': 'pro-government forces',
  government: 'government forces',
  opposition: 'opposition fighters',
  'jihadist-opposition': 'jihadist fighters',
  'islamic-state': 'Islamic State',
  'kurdish-forces': 'Kurdish forces',
  'international-coalition': 'the international coalition',
  insurgents: 'insurgents',
  civilians: 'civilians',
};

export function actPhrase(subType: string, weapon: string | null, target: string | null): string {
  switch (subType) {
    case 'Government regains territory':
    case 'Non-state actor overtakes territory':
      return 'took control of territory';
    case 'Air/drone strike':
      return weapon === 'drone_strike' ? 'carried out a drone strike' : 'carried out air strikes';
    case 'Shelling/artillery/missile attack':
      return 'carried out shelling';
    case 'Armed clash':
      return target ? `clashed with ${target}` : 'fought in armed clashes';
    case 'Attack':
      return `attacked ${target ?? 'civilians'}`;
    case 'Remote explosive/landmine/IED':
      return 'set off an explosive device';
    case 'Suicide bomb':
      return 'carried out a suicide bombing';
    case 'Abduction/forced disappearance':
      return 'abducted people';
    case 'Arrests':
      return 'made arrests';
  }
  if (weapon === 'execution') return 'carried out executions';
  return `took part in an event coded as ${subType.toLowerCase()}`;
}

export function placePhrase(location: string | null, admin1: string | null, country: string | null): string {
  if (!location) return admin1 ? ` in ${admin1}` : country ? ` in ${country}` : '';
  // "south of Damascus" reads as it is; a plain name needs "in".
  const where = /^(?:north|south|east|west|near|outside|around)/i.test(location) ? ` ${location}` : ` in ${location}`;
  const region = admin1 && admin1.toLowerCase() !== location.toLowerCase() ? admin1 : admin1 ? null : country;
  return region ? `${where} (${region})` : where;
}

export function listWords(xs: string[]): string {
  if (xs.length <= 1) return xs.join('');
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

/** ACLED's actor1 is the side that acted: the perpetrator, else the first participant named. */
export function firstActor(ev: ExportedEvent): ExportedEvent['actors'][number] | null {
  return ev.actors.find((a) => a.role === 'perpetrator') ?? ev.actors.find((a) => a.role === 'participant') ?? null;
}

/** One sentence written from the event's fields, never from the article's words. */
export function writeNotes(ev: ExportedEvent): string {
  const first = firstActor(ev);
  const perpetrator = first?.name ?? (ev.perpetrator_bloc ? BLOC_WORDS[ev.perpetrator_bloc] : undefined) ?? 'unidentified actors';
  const target = ev.actors.find((a) => a.name !== first?.name && (a.role === 'target' || a.role === 'victim' || a.role === 'participant'))?.name ?? null;
  const who = ev.claimants.length ? ev.claimants : ev.source ? [ev.source] : [];
  const according = who.length ? `, according to ${listWords(who)}` : '';
  const deaths = `${ev.fatalities_best} ${ev.fatalities_best === 1 ? 'fatality' : 'fatalities'} reported`;
  return `${datePhrase(ev.date_start, ev.date_end, ev.date_precision)}, ${perpetrator} ${actPhrase(ev.sub_type, ev.weapon, target)}${placePhrase(ev.location, ev.admin1, ev.country)}${according}; ${deaths}.`;
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** Coordinates as ACLED writes them: at most four decimals, no trailing zeros added. */
function coordinate(x: number | null): string {
  return x === null ? '' : String(Math.round(x * 10_000) / 10_000);
}

/** The ACLED row for an event: ACLED's own coding where the event came from ACLED, else derived from the record. */
export function acledRowFor(ev: ExportedEvent): AcledRow {
  const c: AcledCodingValues | null = ev.acled;
  const first = firstActor(ev);
  const other = ev.actors.find((a) => a.name !== first?.name) ?? null;
  // ACLED's own convention for an unknown initiator: an unidentified armed group of the country, a political militia (3).
  const unidentified = `Unidentified Armed Group (${ev.country ?? 'International'})`;
  const actor1 = c ? str(ev.perpetrator_actor) : first?.name ?? unidentified;
  const i1 = c ? null : first ? interCode(first.type, first.bloc) : INTER.politicalMilitia;
  const i2 = c || !other ? null : interCode(other.type, other.bloc);
  const date = ev.date_start ?? '';
  return {
    event_id_cnty: ev.external_id ?? ev.id,
    event_date: date,
    year: date.slice(0, 4),
    time_precision: c ? str(c.time_precision) : String(timePrecision(ev.date_precision, ev.date_start, ev.date_end)),
    event_type: ev.type,
    sub_event_type: ev.sub_type,
    actor1,
    assoc_actor_1: c ? str(c.assoc_actor_1) : '',
    inter1: c ? str(c.inter1) : str(i1),
    actor2: c ? str(c.actor2) : str(other?.name),
    assoc_actor_2: c ? str(c.assoc_actor_2) : '',
    inter2: c ? str(c.inter2) : str(i2),
    interaction: c ? str(c.interaction) : str(interaction(i1, i2)),
    country: str(ev.country),
    admin1: str(ev.admin1),
    admin2: str(ev.admin2),
    location: str(ev.location),
    latitude: coordinate(ev.lat),
    longitude: coordinate(ev.lon),
    geo_precision: c ? str(c.geo_precision) : String(geoPrecision(ev.geo_precision)),
    source: str(ev.source),
    source_scale: c ? str(c.source_scale) : '',
    // An ACLED row without notes stays without, so import then export gives the row back.
    notes: c ? str(ev.notes) : ev.notes ?? writeNotes(ev),
    fatalities: String(ev.fatalities_best),
  };
}

/** An ACLED row read for storage. */
export interface AcledEvent {
  id: string;
  external_id: string;
  type: string;
  sub_type: string;
  date: string;
  date_precision: DatePrecision;
  country: string;
  admin1: string | null;
  admin2: string | null;
  location: string | null;
  lat: number | null;
  lon: number | null;
  geo_precision: PlacePrecision | 'unknown';
  fatalities: number;
  actor1: { name: string; type: string | null } | null;
  actor2: { name: string; type: string | null } | null;
  source: string | null;
  notes: string | null;
  coding: AcledCodingValues;
}

/** Which required columns a header lacks: an import refuses the file rather than read it wrong. */
export function missingAcledColumns(header: string[]): string[] {
  const have = new Set(header.map((h) => h.trim().toLowerCase()));
  return REQUIRED.filter((c) => !have.has(c));
}

const MONTH_INDEX = new Map(MONTHS.map((m, i) => [m.toLowerCase(), i + 1]));

/** ACLED dates come as 2015-02-15 (API) or "15 February 2015" (older exports). */
export function acledDate(s: string): string | null {
  const t = s.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return Number.isNaN(Date.parse(t)) ? null : t;
  const m = /^(\d{1,2})[ -]([A-Za-z]+)[ -](\d{4})$/.exec(t);
  if (!m) return null;
  const month = MONTH_INDEX.get(m[2].toLowerCase()) ?? [...MONTH_INDEX].find(([k]) => k.startsWith(m[2].toLowerCase()) && m[2].length >= 3)?.[1];
  if (!month) return null;
  return `${m[3]}-${String(month).padStart(2, '0')}-${m[1].padStart(2, '0')}`;
}

/** An ACLED row to an event, or the reason it cannot be one (the caller adds file and line). */
export function readAcledRow(row: Record<string, string>): AcledEvent | { error: string } {
  const get = (k: AcledColumn) => (row[k] ?? '').trim();
  const opt = (k: AcledColumn) => get(k) || null;
  const id = get('event_id_cnty');
  if (!id) return { error: 'event_id_cnty is empty' };
  const date = acledDate(get('event_date'));
  if (!date) return { error: `event_date "${get('event_date')}" is not a date (YYYY-MM-DD or "15 February 2015")` };
  if (!get('event_type')) return { error: 'event_type is empty' };
  if (!get('country')) return { error: 'country is empty' };
  const num = (k: AcledColumn): number | null | { error: string } => {
    const v = get(k);
    if (!v) return null;
    const n = Number(v);
    return Number.isFinite(n) ? n : { error: `${k} "${v}" is not a number` };
  };
  const lat = num('latitude');
  const lon = num('longitude');
  const fatalities = num('fatalities');
  for (const v of [lat, lon, fatalities]) if (v !== null && typeof v === 'object') return v;
  if (typeof fatalities === 'number' && (fatalities < 0 || !Number.isInteger(fatalities))) return { error: `fatalities "${get('fatalities')}" is not a count` };
  const actor = (name: AcledColumn, inter: AcledColumn) => (get(name) ? { name: get(name), type: typeForInter(get(inter)) } : null);
  return {
    id: `acled-${id}`,
    external_id: id,
    type: get('event_type'),
    sub_type: get('sub_event_type'),
    date,
    date_precision: PRECISION_BY_TIME[get('time_precision')] ?? 'day',
    country: get('country'),
    admin1: opt('admin1'),
    admin2: opt('admin2'),
    location: opt('location'),
    lat: lat as number | null,
    lon: lon as number | null,
    geo_precision: PRECISION_BY_GEO[get('geo_precision')] ?? 'unknown',
    fatalities: (fatalities as number | null) ?? 0,
    actor1: actor('actor1', 'inter1'),
    actor2: actor('actor2', 'inter2'),
    source: opt('source'),
    notes: opt('notes'),
    coding: {
      assoc_actor_1: opt('assoc_actor_1'),
      inter1: opt('inter1'),
      actor2: opt('actor2'),
      assoc_actor_2: opt('assoc_actor_2'),
      inter2: opt('inter2'),
      interaction: opt('interaction'),
      time_precision: opt('time_precision'),
      geo_precision: opt('geo_precision'),
      source_scale: opt('source_scale'),
    },
  };
}
