// The two sides of `observatory compare` as matching reads them: the record's incidents and a dataset's imported
// events, each with one key per country and first-level region however its side spells them (the gazetteer's),
// the days it may be on and whether its place is a point, read with the precision codes and type compatibility of
// data/compare/dataset-matching.json.
import { join } from 'node:path';
import { dataDir, readDataJson } from '../extract/data-dir.js';
import { REGION_SUFFIX } from '../extract/find-place-mentions.js';
import { loadGazetteer, normalizePlaceName, type Gazetteer } from '../extract/gazetteer.js';
import type { DatasetSide, MatchRules, RecordSide } from '../reconcile/match-dataset-events.js';
import type { Counted } from '../reconcile/summarize-comparison.js';
import type { Dataset, ExportedEvent, IncidentRow } from '../store/store.js';
import { violenceName } from '../store/ucdp.js';
import { dateSpan, placeName } from './labels.js';

export const MATCHING_FILE = 'compare/dataset-matching.json';

/** A span of days around a date: the day itself, so many days either side, or its calendar month or year. */
export type Window = 'day' | 'month' | 'year' | { days: number };

interface Precisions {
  point_precision: string[];
  region_precision: string[];
}

interface DatasetMatching extends Precisions {
  date_window: Record<string, Window>;
  types: Record<string, string[]>;
  sub_types: Record<string, string[]>;
}

export interface MatchingFile {
  place_km: number;
  fatalities_within_share: number;
  record: Precisions;
  acled: DatasetMatching;
  ucdp: DatasetMatching;
}

export interface RecordItem extends RecordSide, Counted {
  date: string;
  place: string;
  claimants: string[];
}

export interface DatasetItem extends DatasetSide, Counted {
  /** The dataset's own id (ACLED's event_id_cnty, GED's id). */
  externalId: string;
  date: string;
  place: string;
  /** ACLED's sub-event type, or GED's type of violence by name. */
  typeLabel: string;
  source: string | null;
}

const DAY = 86_400_000;

/** The matching file, checked: a mistake in it is one line naming the file and the key. */
export function loadMatching(): MatchingFile {
  const file = readDataJson<MatchingFile>(MATCHING_FILE);
  const where = join(dataDir(), MATCHING_FILE);
  const fail = (what: string): never => {
    throw new Error(`${where}: ${what}`);
  };
  for (const k of ['place_km', 'fatalities_within_share'] as const) if (!(typeof file[k] === 'number' && file[k] > 0)) fail(`${k} must be a positive number`);
  const lists = (at: string, o: Record<string, unknown> | undefined) => {
    if (!o || typeof o !== 'object') fail(`${at} is missing`);
    for (const [k, v] of Object.entries(o!)) if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) fail(`${at}.${k} must be a list of strings`);
  };
  lists('record', file.record as unknown as Record<string, unknown>);
  for (const d of ['acled', 'ucdp'] as const) {
    const m = file[d];
    if (!m) fail(`${d} is missing`);
    lists(`${d}.types`, m.types);
    lists(`${d}.sub_types`, m.sub_types);
    lists(d, { point_precision: m.point_precision, region_precision: m.region_precision });
    for (const [code, w] of Object.entries(m.date_window ?? fail(`${d}.date_window is missing`))) {
      const ok = w === 'day' || w === 'month' || w === 'year' || (typeof w === 'object' && Number.isInteger(w.days) && w.days >= 0);
      if (!ok) fail(`${d}.date_window.${code} must be "day", "month", "year" or {"days": N}`);
    }
  }
  return file;
}

/** The days a window around a day covers, first and last. */
export function windowAround(day: number, w: Window): [number, number] {
  if (w === 'day') return [day, day];
  if (typeof w === 'object') return [day - w.days, day + w.days];
  const d = new Date(day * DAY);
  const y = d.getUTCFullYear();
  if (w === 'year') return [Date.UTC(y, 0, 1) / DAY, Date.UTC(y, 11, 31) / DAY];
  return [Date.UTC(y, d.getUTCMonth(), 1) / DAY, Date.UTC(y, d.getUTCMonth() + 1, 0) / DAY];
}

const dayOf = (iso: string) => Math.floor(Date.parse(iso) / DAY);

/** One key per country and per region, however a side spells them: the gazetteer's, else the folded name. */
export class PlaceKeys {
  private countries = new Map<string, string>();
  private regions = new Map<string, string>();

  constructor(private readonly gaz: Gazetteer = loadGazetteer()) {}

  /** The country's ISO code: "Syria" and "Syrian Arab Republic" are SY; GED's "Yemen (North Yemen)" is YE. */
  country(name: string | null): string | null {
    if (!name) return null;
    let k = this.countries.get(name);
    if (k === undefined) {
      const bare = name.replace(/\s*\([^)]*\)\s*$/, '').trim();
      const c = this.gaz.countryByName(bare) ?? this.gaz.countryByName(name);
      k = c ? c.cc : normalizePlaceName(bare);
      this.countries.set(name, k);
    }
    return k;
  }

  /** The region's id in the gazetteer: ACLED's "Idleb" and GED's "Idlib governorate" are the record's Idlib. */
  admin1(country: string | null, name: string | null): string | null {
    if (!country || !name) return null;
    const key = `${country}\u0000${name}`;
    let k = this.regions.get(key);
    if (k === undefined) {
      const words = name.trim().split(/\s+/);
      const bare = words.length > 1 && REGION_SUFFIX.has(words[words.length - 1].toLowerCase()) ? words.slice(0, -1).join(' ') : name.trim();
      const r = this.gaz.region(country, name) ?? this.gaz.region(country, bare);
      k = r ? r.id : `${country}:${normalizePlaceName(bare)}`;
      this.regions.set(key, k);
    }
    return k;
  }
}

/** Reads both sides of a comparison with one dataset over a period (items dated outside it are kept, not counted). */
export class SideReader {
  readonly rules: MatchRules;
  readonly withinShare: number;
  private readonly m: DatasetMatching;

  constructor(
    readonly dataset: Dataset,
    private readonly range: { from?: string; to?: string },
    private readonly file: MatchingFile = loadMatching(),
    readonly places: PlaceKeys = new PlaceKeys(),
  ) {
    this.m = file[dataset];
    const { types, sub_types } = this.m;
    this.rules = { km: file.place_km, kinds: (type, subType) => sub_types[subType] ?? types[type] ?? [] };
    this.withinShare = file.fatalities_within_share;
  }

  private inRange(date: string | null): boolean {
    if (!date) return !this.range.from && !this.range.to;
    return (!this.range.from || date >= this.range.from) && (!this.range.to || date <= this.range.to);
  }

  /** Where an item is, given its side's precision code: a point, only a region, or (an unknown code) nowhere. A
   * row without a code is taken at its region, the least it can mean. */
  private place(p: Precisions, code: string | null, country: string | null, admin1: string | null, lat: number | null, lon: number | null) {
    const point = code !== null && p.point_precision.includes(code);
    const known = code === null || point || p.region_precision.includes(code);
    return { point: point && lat !== null && lon !== null, admin1: known ? this.places.admin1(country, admin1) : null };
  }

  record(inc: IncidentRow): RecordItem {
    const country = this.places.country(inc.country);
    const start = inc.date_start;
    return {
      id: inc.id,
      country,
      ...this.place(this.file.record, inc.geo_precision, country, inc.admin1, inc.lat, inc.lon),
      lat: inc.lat,
      lon: inc.lon,
      firstDay: start ? dayOf(start) : null,
      lastDay: start ? dayOf(inc.date_end ?? start) : null,
      deaths: inc.deaths_best,
      type: inc.type,
      subType: inc.sub_type,
      inRange: this.inRange(start),
      date: dateSpan(inc.date_start, inc.date_end),
      place: placeName(inc.location, inc.admin1, inc.country),
      claimants: inc.claimants,
    };
  }

  event(ev: ExportedEvent): DatasetItem {
    const country = this.places.country(ev.country);
    const acled = this.dataset === 'acled';
    const code = (c: string | null | undefined) => c?.trim() || null;
    const [placeCode, dateCode, kind] = acled
      ? [code(ev.acled?.geo_precision), code(ev.acled?.time_precision), ev.type]
      : [code(ev.columns?.where_prec), code(ev.columns?.date_prec), code(ev.columns?.type_of_violence) ?? ''];
    let days: [number, number] | [null, null] = [null, null];
    if (ev.date_start) {
      const [start, end] = [dayOf(ev.date_start), dayOf(ev.date_end ?? ev.date_start)];
      // A code the file does not know (or none) is taken at its word: the day the row gives.
      const around = windowAround(start, (dateCode && this.m.date_window[dateCode]) || 'day');
      // GED's own end date, when wider than its precision's window, says more.
      days = end > start && !acled ? [start, end] : around;
    }
    return {
      id: ev.id,
      country,
      ...this.place(this.m, placeCode, country, ev.admin1, ev.lat, ev.lon),
      lat: ev.lat,
      lon: ev.lon,
      firstDay: days[0],
      lastDay: days[1],
      deaths: ev.fatalities_best,
      kind,
      inRange: this.inRange(ev.date_start),
      externalId: ev.external_id ?? ev.id,
      date: dateSpan(ev.date_start, ev.date_end),
      place: placeName(ev.location, ev.admin1, ev.country),
      typeLabel: acled ? ev.sub_type || ev.type : `${violenceName(kind) ?? 'unknown'} (type_of_violence ${kind || '?'})`,
      source: ev.source,
    };
  }
}
