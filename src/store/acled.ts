// ACLED's format, both ways: an exported event to an ACLED row, and an ACLED row to an event to store.
// Pure functions: reading and writing the CSV happens at the command line's edge.
import type { DatePrecision, PlacePrecision } from '../domain/types.js';
import { calendarDay, cleanCells, coordinates, count, dayOutOfRange, failed, quoted } from '../domain/input-rules.js';
import type { AcledCodingValues, DatasetEvent, ExportedEvent } from './store.js';
import { ownEntry } from '../domain/own-entry.js';

/** ACLED's columns as its current exports write them, in ACLED's order: what an export writes. */
export const ACLED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'tags',
  'timestamp',
] as const;

export type AcledColumn = (typeof ACLED_COLUMNS)[number];
export type AcledRow = Record<AcledColumn, string>;

/** Columns the events table and acled_codings hold; every other column of a file is kept as it was written. */
const HELD = new Set<string>([
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'event_type', 'sub_event_type', 'actor1', 'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2',
  'interaction', 'country', 'admin1', 'admin2', 'location', 'latitude', 'longitude', 'geo_precision', 'source', 'source_scale', 'notes', 'fatalities',
]);

/** Older exports' names for columns ACLED renamed (before 2019 an associated actor was an "ally"). */
const RENAMED: Record<string, string> = { ally_actor_1: 'assoc_actor_1', ally_actor_2: 'assoc_actor_2' };

/** Columns an import cannot do without. */
const REQUIRED: string[] = ['event_id_cnty', 'event_date', 'event_type', 'country'];

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
  return (type ? ownEntry(TYPE_INTER, type) : undefined) ?? (bloc ? ownEntry(BLOC_INTER, bloc) : undefined) ?? null;
}

/** The actor type an inter code stands for, so an imported actor gets a type the export maps back to the same code.
 * ACLED wrote the codes as numbers until 2024 and as category names since ("State forces", "Rebel group"). */
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
  const byName: [RegExp, string][] = [
    [/^state forces?$/, '1'],
    [/^rebel groups?$/, '2'],
    [/^political militias?$/, '3'],
    [/^identity militias?$/, '4'],
    [/^rioters$/, '5'],
    [/^protesters$/, '6'],
    [/^civilians$/, '7'],
    [/^external\/other forces?$/, '8'],
  ];
  const c = code?.trim().toLowerCase();
  if (!c) return null;
  return ownEntry(byCode, c) ?? ownEntry(byCode, byName.find(([re]) => re.test(c))?.[1] ?? '') ?? null;
}

/** ACLED's disorder type of an event type (and of the sub-event types that differ from their type's). */
const DISORDER_BY_TYPE: Record<string, string> = {
  Battles: 'Political violence',
  'Explosions/Remote violence': 'Political violence',
  'Violence against civilians': 'Political violence',
  Riots: 'Political violence',
  Protests: 'Demonstrations',
  'Strategic developments': 'Strategic developments',
};
const DISORDER_BY_SUB_TYPE: Record<string, string> = {
  'Violent demonstration': 'Demonstrations',
  'Excessive force against protesters': 'Political violence; Demonstrations',
};

export function disorderType(type: string, subType: string): string {
  return ownEntry(DISORDER_BY_SUB_TYPE, subType) ?? ownEntry(DISORDER_BY_TYPE, type) ?? '';
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
  const perpetrator = first?.name ?? (ev.perpetrator_bloc ? ownEntry(BLOC_WORDS, ev.perpetrator_bloc) : undefined) ?? 'unidentified actors';
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
  const kept = (k: string) => (c ? ev.columns?.[k] ?? '' : '');
  const first = firstActor(ev);
  const other = ev.actors.find((a) => a.name !== first?.name) ?? null;
  // ACLED's own convention for an unknown initiator: an unidentified armed group of the country, a political militia (3).
  const unidentified = `Unidentified Armed Group (${ev.country ?? 'International'})`;
  const actor1 = c ? str(ev.perpetrator_actor) : first?.name ?? unidentified;
  const i1 = c ? null : first ? interCode(first.type, first.bloc) : INTER.politicalMilitia;
  const i2 = c || !other ? null : interCode(other.type, other.bloc);
  const targetsCivilians = ev.actors.some((a) => (a.role === 'victim' || a.role === 'target') && (a.bloc === 'civilians' || a.type === 'civilians'));
  const date = ev.date_start ?? '';
  return {
    event_id_cnty: ev.external_id ?? ev.id,
    event_date: date,
    year: date.slice(0, 4),
    time_precision: c ? str(c.time_precision) : String(timePrecision(ev.date_precision, ev.date_start, ev.date_end)),
    disorder_type: c ? kept('disorder_type') : disorderType(ev.type, ev.sub_type),
    event_type: ev.type,
    sub_event_type: ev.sub_type,
    actor1,
    assoc_actor_1: c ? str(c.assoc_actor_1) : '',
    inter1: c ? str(c.inter1) : str(i1),
    actor2: c ? str(c.actor2) : str(other?.name),
    assoc_actor_2: c ? str(c.assoc_actor_2) : '',
    inter2: c ? str(c.inter2) : str(i2),
    interaction: c ? str(c.interaction) : str(interaction(i1, i2)),
    civilian_targeting: c ? kept('civilian_targeting') : targetsCivilians ? 'Civilian targeting' : '',
    iso: kept('iso'),
    region: kept('region'),
    country: str(ev.country),
    admin1: str(ev.admin1),
    admin2: str(ev.admin2),
    admin3: kept('admin3'),
    location: str(ev.location),
    latitude: coordinate(ev.lat),
    longitude: coordinate(ev.lon),
    geo_precision: c ? str(c.geo_precision) : String(geoPrecision(ev.geo_precision)),
    source: str(ev.source),
    source_scale: c ? str(c.source_scale) : '',
    // An ACLED row without notes stays without, so import then export gives the row back.
    notes: c ? str(ev.notes) : ev.notes ?? writeNotes(ev),
    fatalities: String(ev.fatalities_best),
    tags: kept('tags'),
    timestamp: kept('timestamp'),
  };
}

/** Which required columns a header lacks: an import refuses the file rather than read it wrong. */
export function missingAcledColumns(header: string[]): string[] {
  const have = new Set(header.map(acledColumnName));
  return REQUIRED.filter((c) => !have.has(c));
}

/** A header cell as the column it names: ACLED's older exports wrote names in capitals and some under older names. */
export function acledColumnName(h: string): string {
  const k = h.trim().toLowerCase();
  return ownEntry(RENAMED, k) ?? k;
}

const MONTH_INDEX = new Map(MONTHS.map((m, i) => [m.toLowerCase(), i + 1]));

/** ACLED's coverage starts in 1997: a two-digit year from 97 up is of the 1900s, below it of the 2000s. */
const FIRST_ACLED_YEAR = 1997;

/**
 * ACLED's dates in every form its files have used: 2020-05-09 (the API), 9-May-20 (CSV exports opened and saved
 * by spreadsheets), 09 May 2020 and 09-May-2020 (older exports). A two-digit year takes its century from the
 * row's year column when there is one. Null when it is not a day of the calendar.
 */
export function acledDate(s: string, yearColumn = ''): string | null {
  const t = s.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (iso) return calendarDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const m = /^(\d{1,2})[ -]([A-Za-z]+)\.?[ -](\d{2}|\d{4})$/.exec(t);
  if (!m) return null;
  const name = m[2].toLowerCase();
  const month = MONTH_INDEX.get(name) ?? (name.length >= 3 ? [...MONTH_INDEX].find(([k]) => k.startsWith(name))?.[1] : undefined);
  if (!month) return null;
  let year = Number(m[3]);
  if (m[3].length === 2) {
    const stated = Number(yearColumn.trim());
    const pivot = FIRST_ACLED_YEAR % 100;
    year = Number.isInteger(stated) && stated % 100 === year ? stated : year + (year >= pivot ? 1900 : 2000);
  }
  return calendarDay(year, month, Number(m[1]));
}

/** An ACLED row (columns named as acledColumnName names them) to an event, or the reason it cannot be one (the caller adds file and line). */
export function readAcledRow(cells: Record<string, string>, now: Date = new Date()): DatasetEvent | { error: string } {
  const row = cleanCells(cells);
  const get = (k: string) => (row[k] ?? '').trim();
  const opt = (k: string) => get(k) || null;
  const id = get('event_id_cnty');
  if (!id) return { error: 'event_id_cnty is empty' };
  if (!get('event_date')) return { error: 'event_date is empty' };
  const date = acledDate(get('event_date'), get('year'));
  if (!date) return { error: `event_date ${quoted(get('event_date'))} is not a day of the calendar (2020-05-09, 9-May-20, 09 May 2020 or 09-May-2020)` };
  if (get('year') && get('year') !== date.slice(0, 4)) return { error: `year ${quoted(get('year'))} is not the year of event_date ${quoted(get('event_date'))}` };
  const outOfRange = dayOutOfRange('event_date', date, now);
  if (outOfRange) return { error: outOfRange };
  if (!get('event_type')) return { error: 'event_type is empty' };
  if (!get('country')) return { error: 'country is empty' };
  const place = coordinates('latitude', get('latitude'), 'longitude', get('longitude'));
  if (failed(place)) return place;
  const fatalities = count('fatalities', get('fatalities'));
  if (failed(fatalities)) return fatalities;
  const n = fatalities ?? 0;
  const actor = (name: string, inter: string, role: 'perpetrator' | 'participant') => (get(name) ? [{ name: get(name), type: typeForInter(get(inter)), bloc: 'unknown', role }] : []);
  const columns: Record<string, string> = {};
  for (const [k, v] of Object.entries(row)) if (!HELD.has(k) && v !== '') columns[k] = v;
  return {
    id: `acled-${id}`,
    dataset: 'acled',
    external_id: id,
    type: get('event_type'),
    sub_type: get('sub_event_type'),
    date_start: date,
    date_end: date,
    date_precision: ownEntry(PRECISION_BY_TIME, get('time_precision')) ?? 'day',
    country: get('country'),
    admin1: opt('admin1'),
    admin2: opt('admin2'),
    location: opt('location'),
    lat: place.lat,
    lon: place.lon,
    geo_precision: ownEntry(PRECISION_BY_GEO, get('geo_precision')) ?? 'unknown',
    fatalities: [{ group: 'unknown', low: n, best: n, high: n, kind: 'exact' }],
    actors: [...actor('actor1', 'inter1', 'perpetrator'), ...actor('actor2', 'inter2', 'participant')],
    source: opt('source'),
    notes: opt('notes'),
    acled: {
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
    columns,
  };
}
