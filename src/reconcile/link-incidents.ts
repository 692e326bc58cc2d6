// Links observations of the same incident from different reports (and from the title and lead of
// one report) into incidents. Blocking keeps it near-linear: an observation is only compared with
// others of the same country and region within a day of it. Every link says why it was made, and an
// analyst's decisions (link / unlink) override the rules.
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

export function linkIncidents(observations: Observation[], decisions: AnalystDecision[] = []): Incident[] {
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

  // Blocking: country + region + day. An observation with a coarser date goes into every day it covers, up to a week.
  const blocks = new Map<string, Observation[]>();
  for (const o of linkable) {
    for (const key of blockKeys(o)) {
      const list = blocks.get(key);
      if (list) list.push(o);
      else blocks.set(key, [o]);
    }
  }
  const seen = new Set<string>();
  for (const list of blocks.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i];
        const b = list[j];
        const k = pairKey(a.id, b.id);
        if (seen.has(k)) continue;
        seen.add(k);
        const why = sameIncident(a, b);
        if (why) union(a.id, b.id, why, 'rule');
      }
    }
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
  if (a.type === b.type) return true;
  // A generic "armed clash" reading of one report may be another report's shelling or strike.
  const generic = (o: Observation) => o.subType === 'Armed clash' && (!o.weapon || o.weapon === 'clash' || o.weapon === 'gunfire' || o.weapon === 'shooting');
  return generic(a) || generic(b);
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
