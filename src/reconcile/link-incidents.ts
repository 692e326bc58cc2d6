// Links observations of the same incident from different reports (and from the title and lead of
// one report) into incidents. The work stays near-linear whatever the input: observations that read
// the same for linking (type, date, place, perpetrator) are one class, linked once, so a report telling
// one figure thousands of times costs one comparison a repeat; classes are compared only inside blocks
// of country, region and day; and inside a block a named town is compared only with the towns within
// reach on a grid, the other reports naming the same place, and the reports that name only the region.
// Every link says why it was made, and an analyst's decisions (link / unlink) override the rules.
import { isControl, perpetratorOf, type Observation } from '../domain/observation.js';

export interface LinkReason {
  a: string;
  b: string;
  why: string;
  by: 'rule' | 'analyst';
}

export interface Incident {
  id: string;
  observations: Observation[];
  links: LinkReason[];
}

export interface AnalystDecision {
  a: string;
  b: string;
  decision: 'link' | 'unlink';
  note?: string;
}

/** An analyst's decision as the record keeps it: every one, oldest first. */
export interface DecisionRecord {
  a: string;
  b: string;
  decision: 'link' | 'unlink';
  note?: string | null;
}

/** The latest decision on each pair rules; earlier ones stay in the history. */
export function currentDecisions(history: DecisionRecord[]): AnalystDecision[] {
  const latest = new Map<string, DecisionRecord>();
  for (const d of history) latest.set(`${d.a}|${d.b}`, d);
  return [...latest.values()].map((d) => ({ a: d.a, b: d.b, decision: d.decision, note: d.note ?? undefined }));
}

/** Two named places further apart than this are different incidents. */
const SAME_PLACE_KM = 10;
const DAY = 86_400_000;

/** How much linking did: pairs of observations compared (tests and benchmarks read it). */
export interface LinkingWork {
  comparisons: number;
}

export function linkIncidents(observations: Observation[], decisions: AnalystDecision[] = [], work?: LinkingWork): Incident[] {
  const linkable = observations.filter((o) => o.scope === 'incident');
  const byId = new Map(linkable.map((o) => [o.id, o]));
  const parent = new Map<string, string>(linkable.map((o) => [o.id, o.id]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    while (parent.get(x) !== r) {
      const next = parent.get(x)!;
      parent.set(x, r);
      x = next;
    }
    return r;
  };
  const reasons: LinkReason[] = [];
  // Named, located places held by each group, to keep distinct towns apart.
  const spots = new Map<string, Spot[]>(linkable.map((o) => [o.id, spotOf(o)]));
  const vetoed = new Set(decisions.filter((d) => d.decision === 'unlink').map((d) => pairKey(d.a, d.b)));
  const union = (a: string, b: string, why: string, by: LinkReason['by']) => {
    if (vetoed.has(pairKey(a, b))) return;
    // An analyst's "these are different" also holds between the groups the two already belong to.
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    for (const d of vetoed) {
      const [x, y] = d.split('|');
      if (!byId.has(x) || !byId.has(y)) continue;
      const [fx, fy] = [find(x), find(y)];
      if ((fx === ra && fy === rb) || (fx === rb && fy === ra)) return;
    }
    // Nor may a region-only report chain two different towns into one incident.
    if (by === 'rule' && !placesAgree(spots.get(ra)!, spots.get(rb)!)) return;
    parent.set(ra, rb);
    spots.set(rb, mergeSpots(spots.get(rb)!, spots.get(ra)!));
    reasons.push({ a, b, why, by });
  };

  for (const d of decisions) if (d.decision === 'link' && byId.has(d.a) && byId.has(d.b)) union(d.a, d.b, d.note ?? 'linked by an analyst', 'analyst');

  // Cluster by key: members of a class link to each other exactly when they can link to anything at all
  // (sameIncident of two identical readings fails only for an undated or unplaced one), so each joins its
  // class's first member, and only the first members go on to be compared. An observation an analyst
  // decided on stays a class of its own, so the decision is weighed as it was made.
  const decided = new Set(decisions.flatMap((d) => [d.a, d.b]));
  const classes = new Map<string, { first: Observation; why: string | null | undefined }>();
  const firsts: Observation[] = [];
  for (const o of linkable) {
    if (!canLink(o)) continue;
    const key = decided.has(o.id) ? `\u0001${o.id}` : linkingKey(o);
    const c = classes.get(key);
    if (!c) {
      classes.set(key, { first: o, why: undefined });
      firsts.push(o);
      continue;
    }
    if (c.why === undefined) {
      if (work) work.comparisons++;
      c.why = sameIncident(c.first, o);
    }
    if (c.why) union(c.first.id, o.id, c.why, 'rule');
  }

  // Blocking: country + region + day. An observation with a coarser date goes into every day it covers, up to a week.
  const blocks = new Map<string, number[]>();
  const spans = new Uint8Array(firsts.length);
  firsts.forEach((o, i) => {
    const keys = blockKeys(o);
    spans[i] = keys.length;
    for (const key of keys) {
      const list = blocks.get(key);
      if (list) list.push(i);
      else blocks.set(key, [i]);
    }
  });
  // A pair of week-long observations meets in up to seven blocks: compared in the first only.
  const seen = new Set<number>();
  for (const list of blocks.values()) {
    forCandidatePairs(list, firsts, (i, j) => {
      if (spans[i] > 1 && spans[j] > 1) {
        const k = i * firsts.length + j;
        if (seen.has(k)) return;
        seen.add(k);
      }
      const a = firsts[i];
      const b = firsts[j];
      if (find(a.id) === find(b.id)) return;
      if (work) work.comparisons++;
      const why = sameIncident(a, b);
      if (why) union(a.id, b.id, why, 'rule');
    });
  }

  const groups = new Map<string, Observation[]>();
  for (const o of linkable) {
    const r = find(o.id);
    const g = groups.get(r);
    if (g) g.push(o);
    else groups.set(r, [o]);
  }
  const linksOf = new Map<string, LinkReason[]>();
  for (const r of reasons) {
    const root = find(r.a);
    const list = linksOf.get(root);
    if (list) list.push(r);
    else linksOf.set(root, [r]);
  }
  const incidents: Incident[] = [];
  for (const [root, obs] of groups) {
    obs.sort((x, y) => (x.date?.start ?? '').localeCompare(y.date?.start ?? '') || x.id.localeCompare(y.id));
    incidents.push({ id: `i:${obs[0].id}`, observations: obs, links: linksOf.get(root) ?? [] });
  }
  incidents.sort((x, y) => x.id.localeCompare(y.id));
  return incidents;
}

interface Spot {
  name: string;
  lat: number;
  lon: number;
}

function spotOf(o: Observation): Spot[] {
  const l = o.location;
  if (!l || (l.precision !== 'exact' && l.precision !== 'near') || l.lat === null || l.lon === null) return [];
  return [{ name: l.name, lat: l.lat, lon: l.lon }];
}

/** One spot a name: a group of forty reports of one town keeps one spot, so checks stay cheap. */
function mergeSpots(xs: Spot[], ys: Spot[]): Spot[] {
  const out = [...xs];
  for (const y of ys) if (!out.some((x) => x.name === y.name)) out.push(y);
  return out;
}

function placesAgree(xs: Spot[], ys: Spot[]): boolean {
  for (const x of xs) for (const y of ys) if (x.name !== y.name && distanceKm(x.lat, x.lon, y.lat, y.lon) > 2) return false;
  return true;
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

const exactish = (precision: string) => precision === 'exact' || precision === 'near';

/** Whether the rules can link this observation to anything: it needs a date, and a town or a region. */
function canLink(o: Observation): boolean {
  const l = o.location;
  return o.date !== null && l !== null && (exactish(l.precision) || Boolean(l.admin1));
}

/** Everything sameIncident reads (and writes into its reason): two observations with the same key are interchangeable. */
function linkingKey(o: Observation): string {
  const l = o.location!;
  const town = exactish(l.precision);
  return JSON.stringify([
    o.type,
    o.subType,
    genericClash(o),
    o.date!.start,
    o.date!.end,
    l.country,
    l.admin1,
    town,
    town ? l.name : null,
    town ? l.lat : null,
    town ? l.lon : null,
    perpetratorOf(o),
    isControl(o) ? (o.actors[0]?.bloc ?? null) : null,
  ]);
}

/** Blocks this small are compared pair by pair: indexing them would cost more than it saves. */
const SMALL_BLOCK = 24;
/** Grid cells of a tenth of a degree: a cell is 11 km high, more than SAME_PLACE_KM. */
const CELL_DEG = 0.1;
const COLS = 3600;

/**
 * The pairs of a block (indices into `obs`, the first before the second as the block lists them) whose places
 * can agree: a town with the towns in reach and the reports naming it without coordinates, and a report naming
 * only the region with everything. Every other pair fails samePlace, so leaving it out changes nothing.
 */
function forCandidatePairs(list: number[], obs: Observation[], visit: (i: number, j: number) => void): void {
  if (list.length <= SMALL_BLOCK) {
    for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) visit(list[x], list[y]);
    return;
  }
  const regions: number[] = [];
  const grid = new Map<number, number[]>();
  const pointsByName = new Map<string, number[]>();
  const namedByName = new Map<string, number[]>();
  const add = <K>(m: Map<K, number[]>, k: K, i: number) => {
    const l = m.get(k);
    if (l) l.push(i);
    else m.set(k, [i]);
  };
  for (const i of list) {
    const l = obs[i].location!;
    if (!exactish(l.precision)) regions.push(i);
    else if (l.lat !== null && l.lon !== null) {
      add(grid, cellOf(l.lat, l.lon), i);
      add(pointsByName, l.name, i);
    } else add(namedByName, l.name, i);
  }
  const after = (xs: number[] | undefined, i: number, out: number[]) => {
    if (xs) for (const j of xs) if (j > i) out.push(j);
  };
  for (const i of list) {
    const l = obs[i].location!;
    const out: number[] = [];
    if (!exactish(l.precision)) after(list, i, out);
    else {
      after(regions, i, out);
      if (l.lat !== null && l.lon !== null) {
        for (const cell of cellsInReach(l.lat, l.lon)) after(grid.get(cell), i, out);
        after(namedByName.get(l.name), i, out);
      } else {
        after(pointsByName.get(l.name), i, out);
        after(namedByName.get(l.name), i, out);
      }
      out.sort((x, y) => x - y);
    }
    for (const j of out) visit(i, j);
  }
}

const rowOf = (lat: number) => Math.floor(lat / CELL_DEG);
const colOf = (lon: number) => (((Math.floor(lon / CELL_DEG) % COLS) + COLS) % COLS);
const cellOf = (lat: number, lon: number) => rowOf(lat) * COLS + colOf(lon);

/** The cells holding every point within SAME_PLACE_KM of this one (columns widen toward the poles, and wrap at 180 degrees). */
function cellsInReach(lat: number, lon: number): number[] {
  // Within d km, latitudes differ by under d/R radians (less than one row), and longitudes by at most
  // 2 asin(sin(d/2R) / cos(the larger latitude)), from the haversine formula.
  const c = Math.cos((Math.min(90, Math.abs(lat) + CELL_DEG) * Math.PI) / 180);
  const s = Math.sin(SAME_PLACE_KM / (2 * 6371)) / c;
  const reachDeg = s >= 1 || c <= 0 ? 180 : (2 * Math.asin(s) * 180) / Math.PI;
  const span = Math.min(Math.ceil(reachDeg / CELL_DEG), COLS / 2);
  const row = rowOf(lat);
  const col = colOf(lon);
  const cols = new Set<number>();
  for (let k = -span; k <= span; k++) cols.add((((col + k) % COLS) + COLS) % COLS);
  const cells: number[] = [];
  for (let r = row - 1; r <= row + 1; r++) for (const k of cols) cells.push(r * COLS + k);
  return cells;
}

function blockKeys(o: Observation): string[] {
  const place = `${o.location?.country ?? '?'}|${o.location?.admin1 ?? '?'}|${isControl(o) ? 'control' : 'attack'}`;
  if (!o.date) return [`${place}|undated`];
  const start = Date.parse(o.date.start);
  const end = Math.min(Date.parse(o.date.end), start + 6 * DAY);
  const keys: string[] = [];
  for (let t = start; t <= end; t += DAY) keys.push(`${place}|${new Date(t).toISOString().slice(0, 10)}`);
  return keys;
}

/** Why two observations are one incident, or null when they are not. */
export function sameIncident(a: Observation, b: Observation): string | null {
  if (isControl(a) !== isControl(b)) return null;
  if (!compatibleTypes(a, b)) return null;
  const days = dateGap(a, b);
  if (days === null || days > 1) return null;
  const place = samePlace(a, b);
  if (!place) return null;
  const pa = perpetratorOf(a);
  const pb = perpetratorOf(b);
  if (pa && pb && pa !== pb && pa !== 'unknown' && pb !== 'unknown') return null;
  if (isControl(a)) {
    const ta = a.actors[0]?.bloc;
    const tb = b.actors[0]?.bloc;
    if (ta && tb && ta !== tb) return null;
  }
  const when = days === 0 ? `same date (${a.date?.start})` : `dates within a day (${a.date?.start}, ${b.date?.start})`;
  const who = pa && pb && pa === pb ? `, same perpetrator (${pa})` : '';
  return `${when}, ${place}, ${a.subType === b.subType ? `both ${a.subType}` : `${a.subType} / ${b.subType}`}${who}`;
}

function compatibleTypes(a: Observation, b: Observation): boolean {
  return a.type === b.type || genericClash(a) || genericClash(b);
}

/** A generic "armed clash" reading of one report may be another report's shelling or strike. */
function genericClash(o: Observation): boolean {
  return o.subType === 'Armed clash' && (!o.weapon || o.weapon === 'clash' || o.weapon === 'gunfire' || o.weapon === 'shooting');
}

/** Days between the two date ranges (0 when they overlap), or null when either is undated. */
function dateGap(a: Observation, b: Observation): number | null {
  if (!a.date || !b.date) return null;
  const [as, ae, bs, be] = [a.date.start, a.date.end, b.date.start, b.date.end].map((d) => Date.parse(d));
  if (as <= be && bs <= ae) return 0;
  return Math.round((Math.max(as, bs) - Math.min(ae, be)) / DAY);
}

function samePlace(a: Observation, b: Observation): string | null {
  const la = a.location;
  const lb = b.location;
  if (!la || !lb) return null;
  if (la.country !== lb.country) return null;
  const exact = (p: string) => p === 'exact' || p === 'near';
  if (exact(la.precision) && exact(lb.precision)) {
    if (la.lat !== null && la.lon !== null && lb.lat !== null && lb.lon !== null) {
      const km = distanceKm(la.lat, la.lon, lb.lat, lb.lon);
      if (km > SAME_PLACE_KM) return null;
      // Two different named towns a few km apart are two incidents unless their names agree.
      if (la.name !== lb.name && km > 2) return null;
      return `same place (${la.name}${la.name === lb.name ? '' : ` / ${lb.name}`}, ${km.toFixed(1)} km)`;
    }
    return la.name === lb.name ? `same place (${la.name})` : null;
  }
  // One side only knows the region: the same region is enough, the name says nothing against it.
  if (la.admin1 && la.admin1 === lb.admin1) return `same region (${la.admin1})`;
  return null;
}

export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
