// Pairs the record's incidents with the events of one of the field's datasets (ACLED, UCDP GED) that tell the same
// thing: in the same country, on days that can be the same (each side's date widened by its precision), at the same
// place (two points within a few km, or the same first-level region when either side knows no more), and of types
// the same incident can be coded as. One incident pairs with at most one event and the other way round; the best
// pairs are taken first (closest dates, then closest places, then closest tolls), so the result does not depend on
// the order of the input. Only items that can match are ever compared: those of one country that share a day and
// either lie in neighbouring cells of a grid as wide as the distance allowed, or name the same region when one side
// knows no more; so the work grows with the record, not with its square, however dense a war's days are.
import { distanceKm } from './link-incidents.js';

/** What matching reads of an item on either side. The caller puts places and dates in one form for both sides. */
export interface MatchSide {
  id: string;
  /** One key per country, however each side spells its name; null matches nothing. */
  country: string | null;
  /** One key per first-level region of the country, however each side spells it. */
  admin1: string | null;
  lat: number | null;
  lon: number | null;
  /** The place is a point (a town, or near one); otherwise only its region is known. */
  point: boolean;
  /** The days it may have happened on, first and last inclusive, counted from 1970-01-01; null when undated. */
  firstDay: number | null;
  lastDay: number | null;
  /** Deaths as that side counts them (the incident's best, ACLED's fatalities, GED's best); null when none is given. */
  deaths: number | null;
}

export interface RecordSide extends MatchSide {
  /** Observatory's event type and sub-type (ACLED's taxonomy). */
  type: string;
  subType: string;
}

export interface DatasetSide extends MatchSide {
  /** What compatibility is checked against: ACLED's event type, GED's type_of_violence. */
  kind: string;
}

export interface MatchRules {
  /** Two points further apart than this are different places. */
  km: number;
  /** The dataset kinds an incident of this type and sub-type can be coded as. */
  kinds(type: string, subType: string): readonly string[];
}

export interface Match<R, D> {
  record: R;
  dataset: D;
  /** Days between the middles of the two sides' spans of days. */
  days: number;
  /** Distance between the two places; null when either is not located. */
  km: number | null;
  /** How the places agree: two points near each other, or one region. */
  place: 'distance' | 'region';
}

export interface Matching<R, D> {
  matches: Match<R, D>[];
  unmatchedRecord: R[];
  unmatchedDataset: D[];
}

/** The one-to-one pairing of the record's incidents with a dataset's events; see the file's head. */
export function matchDatasetEvents<R extends RecordSide, D extends DatasetSide>(record: R[], dataset: D[], rules: MatchRules): Matching<R, D> {
  const grid = gridFor(rules.km);
  // Blocks of one country and one day, by grid cell for located points and by region for every item naming one;
  // an event goes into every day its span covers (a month-long span into thirty).
  const cells = new Map<string, D[]>();
  const regionPoints = new Map<string, D[]>();
  const regionOthers = new Map<string, D[]>();
  for (const d of dataset) {
    if (d.country === null || d.firstDay === null || d.lastDay === null) continue;
    const cell = located(d) ? cellOf(grid, d.lat!, d.lon!) : null;
    for (let day = d.firstDay; day <= d.lastDay; day++) {
      const at = `${d.country}\u0000${day}\u0000`;
      if (cell !== null) add(cells, at + cell, d);
      if (d.admin1 !== null) add(cell !== null ? regionPoints : regionOthers, at + d.admin1, d);
    }
  }
  const candidates: Match<R, D>[] = [];
  for (const r of record) {
    if (r.country === null || r.firstDay === null || r.lastDay === null) continue;
    const kinds = new Set(rules.kinds(r.type, r.subType));
    if (kinds.size === 0) continue;
    const near = located(r) ? cellsNear(grid, rules.km, r.lat!, r.lon!) : null;
    // An event met on several of the incident's days is weighed once.
    const seen = r.firstDay === r.lastDay ? null : new Set<D>();
    const weigh = (ds: D[] | undefined) => {
      for (const d of ds ?? []) {
        if (seen) {
          if (seen.has(d)) continue;
          seen.add(d);
        }
        if (!kinds.has(d.kind)) continue;
        const m = pairOf(r, d, rules.km);
        if (m) candidates.push(m);
      }
    };
    for (let day = r.firstDay; day <= r.lastDay; day++) {
      const at = `${r.country}\u0000${day}\u0000`;
      // A point meets the points near it, and the events of its region that are not points; a place known only
      // to its region meets every event of the region.
      if (near) for (const c of near) weigh(cells.get(at + c));
      if (r.admin1 !== null) {
        weigh(regionOthers.get(at + r.admin1));
        if (!near) weigh(regionPoints.get(at + r.admin1));
      }
    }
  }
  candidates.sort(better);
  const taken = new Set<MatchSide>();
  const matches: Match<R, D>[] = [];
  for (const m of candidates) {
    if (taken.has(m.record) || taken.has(m.dataset)) continue;
    taken.add(m.record);
    taken.add(m.dataset);
    matches.push(m);
  }
  return {
    matches,
    unmatchedRecord: record.filter((r) => !taken.has(r)),
    unmatchedDataset: dataset.filter((d) => !taken.has(d)),
  };
}

function add<T>(blocks: Map<string, T[]>, key: string, x: T): void {
  const list = blocks.get(key);
  if (list) list.push(x);
  else blocks.set(key, [x]);
}

const located = (x: MatchSide) => x.point && x.lat !== null && x.lon !== null;

const EARTH_KM = 6371;

interface Grid {
  /** Degrees a cell spans, north-south and east-west. */
  step: number;
  columns: number;
}

/** Cells a little more than `km` tall: a degree of latitude is at least 110 km, so two points within `km` of
 * each other are never more than one row apart. */
function gridFor(km: number): Grid {
  const step = km / 110;
  return { step, columns: Math.ceil(360 / step) };
}

function cellOf(g: Grid, lat: number, lon: number): string {
  return `${Math.floor((lat + 90) / g.step)}:${column(g, Math.floor((lon + 180) / g.step))}`;
}

/** Columns wrap around at the antimeridian. */
function column(g: Grid, c: number): number {
  return ((c % g.columns) + g.columns) % g.columns;
}

/** The cells a point within `km` of (lat, lon) can lie in: the rows either side, and as many columns either side
 * as the parallels narrow to at the latitude furthest from the equator such a point can have (every column near
 * a pole). From the haversine: sin(dLon / 2) <= sin(km / 2R) / cos(that latitude). */
function cellsNear(g: Grid, km: number, lat: number, lon: number): string[] {
  const row = Math.floor((lat + 90) / g.step);
  const col = Math.floor((lon + 180) / g.step);
  const furthest = Math.min(90, Math.abs(lat) + g.step) * (Math.PI / 180);
  const ratio = Math.sin(km / (2 * EARTH_KM)) / Math.cos(furthest);
  const span = ratio >= 1 ? Infinity : Math.ceil((2 * Math.asin(ratio) * (180 / Math.PI)) / g.step);
  const cols = 2 * span + 1 >= g.columns ? [...Array(g.columns).keys()] : Array.from({ length: 2 * span + 1 }, (_, i) => column(g, col - span + i));
  const out: string[] = [];
  for (let r = row - 1; r <= row + 1; r++) for (const c of cols) out.push(`${r}:${c}`);
  return out;
}

/** The pair when the two can be one incident (same country, dates that overlap, the same place); null otherwise. */
function pairOf<R extends RecordSide, D extends DatasetSide>(r: R, d: D, km: number): Match<R, D> | null {
  if (r.country !== d.country) return null;
  if (r.lastDay! < d.firstDay! || d.lastDay! < r.firstDay!) return null;
  // The distance also ranks region-level pairs, when both sides have coordinates.
  const apart = r.lat !== null && r.lon !== null && d.lat !== null && d.lon !== null ? distanceKm(r.lat, r.lon, d.lat, d.lon) : null;
  let place: Match<R, D>['place'];
  if (located(r) && located(d)) {
    if (apart! > km) return null;
    place = 'distance';
  } else {
    // One side knows only the region (or a point without coordinates): the region must be the same one.
    if (r.admin1 === null || r.admin1 !== d.admin1) return null;
    place = 'region';
  }
  const days = Math.abs(r.firstDay! + r.lastDay! - d.firstDay! - d.lastDay!) / 2;
  return { record: r, dataset: d, days, km: apart, place };
}

function deathsGap(m: Match<MatchSide, MatchSide>): number {
  return m.record.deaths === null || m.dataset.deaths === null ? Infinity : Math.abs(m.record.deaths - m.dataset.deaths);
}

/** Closest dates first, then closest places (unlocated last), then closest tolls (none given last); ids settle the rest. */
function better(a: Match<MatchSide, MatchSide>, b: Match<MatchSide, MatchSide>): number {
  return (
    ascending(a.days, b.days) ||
    ascending(a.km ?? Infinity, b.km ?? Infinity) ||
    ascending(deathsGap(a), deathsGap(b)) ||
    ascending(a.record.id, b.record.id) ||
    ascending(a.dataset.id, b.dataset.id)
  );
}

function ascending<T extends number | string>(x: T, y: T): number {
  return x === y ? 0 : x < y ? -1 : 1;
}
