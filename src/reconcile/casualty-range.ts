// Low / best / high deaths per group for one incident, by written rules in the spirit of UCDP's:
//  1. Only incident figures count: period totals and cumulative tolls never add in.
//  2. The same claimant giving the same figure in several reports counts once (a quote repeated by wires).
//  3. A partisan claimant's figure for its enemy's losses only widens `high`.
//  4. best = the figure of the most reliable claimant kind (monitor, then wire, witness, official,
//     unknown, state media, party media, armed group); among equals, the largest (tolls rise).
//     With the track-record rule on (RangeRules, off by default), a claimant whose figures agreed with
//     enough verified incidents comes before every kind: what it has been right about outweighs what it is.
//  5. low = the lowest credible figure; high = the highest figure anyone gives.
//  6. Vague words alone ("dozens") give a range whose best is its low, the least the words say (as UCDP
//     codes them); an unknown count gives nothing.
//  7. Subsets ("including 12 officers") are never added; groups are not added to a "people" total.
//  8. Two claimants whose ranges do not overlap make the incident contested, whoever they are (a
//     partisan claim included, though it only widens high); a vague word's range counts too.
// Every figure names the claims that made it.
import type { ClaimantKind, Fatalities } from '../domain/types.js';
import type { Incident } from './link-incidents.js';
import type { ObservedClaim } from '../domain/observation.js';
import type { TrackRecord } from './track-record.js';

export const RELIABILITY: ClaimantKind[] = ['monitor', 'wire', 'witness', 'official', 'unknown', 'state-media', 'party-media', 'armed-group'];

export interface Figure {
  value: number | null;
  claims: string[];
}

export interface GroupRange {
  group: string;
  low: Figure;
  best: Figure;
  high: Figure;
  /** The best rests on vague words only ("dozens"): it is their low. */
  vague: boolean;
  /** How the range was reached, in words. */
  reasoning: string[];
}

/** One claimant's figure in a disagreement: `high` null is open ("more than 40", "many"). */
export interface Stance {
  claimant: string;
  claimantKind: ClaimantKind;
  claim: string;
  low: number | null;
  high: number | null;
  /** How the text gave it: exact, approximate, vague, ... */
  kind: Fatalities['kind'];
}

/** Two claimants whose figures for the same group cannot both be right. */
export interface Disagreement {
  group: string;
  a: Stance;
  b: Stance;
}

export interface IncidentFigures {
  groups: GroupRange[];
  /** The incident's total: a "people" count or the sum of the counted groups, whichever is larger. */
  total: { low: number | null; best: number | null; high: number | null; vague: boolean };
  status: 'single-source' | 'corroborated' | 'contested' | 'no-figures';
  claimants: string[];
  disagreements: Disagreement[];
  /** Claims dropped as repeats of the same claimant's same figure. */
  repeats: string[];
}

/** Rules a desk may turn on; none is on by default. */
export interface RangeRules {
  /** Best from a proven claimant: one with at least `minIncidents` verified incidents, agreeing in `minAgreement` of them. */
  trackRecord?: { records: ReadonlyMap<string, TrackRecord>; minIncidents: number; minAgreement: number };
}

/** The claimant's record when it is proven under the rules, else null. */
export function provenRecord(claimant: string, rules: RangeRules): TrackRecord | null {
  const t = rules.trackRecord;
  const r = t?.records.get(claimant);
  return t && r && r.incidents >= t.minIncidents && r.agreement >= t.minAgreement ? r : null;
}

interface Reading {
  claim: ObservedClaim;
  f: Fatalities;
  enemy: boolean;
}

const NON_COMBATANT_GROUPS = new Set(['civilians', 'people', 'unknown']);

/** `measure`: the same rules read the wounded or the captured when asked (an alert on "wounded >= 25"). */
export function casualtyRange(incident: Incident, measure: 'killed' | 'wounded' | 'captured' = 'killed', rules: RangeRules = {}): IncidentFigures {
  const claims = incident.observations.flatMap((o) => o.claims).filter((c) => c.measure === measure && c.scope === 'incident');
  const { kept, repeats } = dropRepeats(claims);
  const byGroup = new Map<string, Reading[]>();
  for (const claim of kept) {
    for (const f of claim.fatalities) {
      const enemy = isEnemyClaim(claim, f.group);
      const list = byGroup.get(f.group);
      const r = { claim, f, enemy };
      if (list) list.push(r);
      else byGroup.set(f.group, [r]);
    }
  }
  const groups = [...byGroup.entries()].map(([group, readings]) => rangeOf(group, readings, rules));
  const claimants = [...new Set(kept.map((c) => c.claimant))];
  const disagreements = findDisagreements(byGroup);
  const counted = groups.some((g) => g.best.value !== null || g.low.value !== null || g.high.value !== null);
  const status = !counted ? 'no-figures' : claimants.length < 2 ? 'single-source' : disagreements.length ? 'contested' : 'corroborated';
  return { groups, total: totalOf(groups), status, claimants, disagreements, repeats };
}

function dropRepeats(claims: ObservedClaim[]): { kept: ObservedClaim[]; repeats: string[] } {
  const seen = new Map<string, ObservedClaim>();
  const repeats: string[] = [];
  for (const c of claims) {
    const key = `${c.claimant}|${c.fatalities.map((f) => `${f.group}:${f.low}:${f.best}:${f.high}`).sort().join(',')}`;
    if (seen.has(key)) repeats.push(c.id);
    else seen.set(key, c);
  }
  return { kept: [...seen.values()], repeats };
}

/** A partisan claimant counting the losses of the other side ("heavy losses on the terrorists"). */
function isEnemyClaim(claim: ObservedClaim, group: string): boolean {
  if (!claim.claimantBloc || NON_COMBATANT_GROUPS.has(group)) return false;
  return !group.split('+').includes(claim.claimantBloc);
}

const counted = (f: Fatalities) => f.kind !== 'vague' && f.kind !== 'unknown' && (f.best !== null || f.low !== null);
/** A figure that bounds the count at all: a number, or vague words with a floor. */
const bounded = (f: Fatalities) => counted(f) || (f.kind === 'vague' && f.low !== null);
const rank = (c: ObservedClaim) => RELIABILITY.indexOf(c.claimantKind);
/** A counted figure's low, never above its best: "more than 200" reads low 201, best 200, and adds 200 at least. */
const floorOf = (f: Fatalities) => Math.min(f.low ?? f.best!, f.best ?? f.low!);

function rangeOf(group: string, readings: Reading[], rules: RangeRules): GroupRange {
  const reasoning: string[] = [];
  const credible = readings.filter((r) => !r.enemy && counted(r.f));
  const enemy = readings.filter((r) => r.enemy && bounded(r.f));
  const vague = readings.filter((r) => !r.enemy && r.f.kind === 'vague');
  for (const r of enemy) reasoning.push(`${r.claim.claimant} (${r.claim.claimantKind}, speaks for ${r.claim.claimantBloc}) counts its enemy's dead: widens high only`);

  const best: Figure = { value: null, claims: [] };
  const low: Figure = { value: null, claims: [] };
  const high: Figure = { value: null, claims: [] };
  if (credible.length) {
    const proven = credible.map((r) => ({ r, record: provenRecord(r.claim.claimant, rules) })).filter((x) => x.record !== null);
    const topAgreement = Math.max(...proven.map((x) => x.record!.agreement));
    const top = Math.min(...credible.map((r) => rank(r.claim)));
    const pool = proven.length ? proven.filter((x) => x.record!.agreement === topAgreement).map((x) => x.r) : credible.filter((r) => rank(r.claim) === top);
    const chosen = pool.reduce((x, y) => ((y.f.best ?? y.f.low!) > (x.f.best ?? x.f.low!) ? y : x));
    best.value = chosen.f.best ?? chosen.f.low;
    best.claims = pool.filter((r) => (r.f.best ?? r.f.low) === best.value).map((r) => r.claim.id);
    const record = provenRecord(chosen.claim.claimant, rules);
    reasoning.push(
      record
        ? `best ${best.value}: ${chosen.claim.claimant}, whose figure agreed with ${record.agreed} of ${record.incidents} verified incidents (track-record rule)`
        : `best ${best.value}: ${chosen.claim.claimant}, the most reliable kind here (${chosen.claim.claimantKind})`,
    );
    const lows = credible.map((r) => ({ v: floorOf(r.f), id: r.claim.id }));
    low.value = Math.min(...lows.map((x) => x.v));
    low.claims = lows.filter((x) => x.v === low.value).map((x) => x.id);
  } else if (vague.length) {
    const lows = vague.filter((r) => r.f.low !== null);
    if (lows.length) {
      low.value = Math.min(...lows.map((r) => r.f.low!));
      low.claims = lows.filter((r) => r.f.low === low.value).map((r) => r.claim.id);
      // Sums stay in order (low <= best <= high) only if a vague incident adds to best as well.
      best.value = low.value;
      best.claims = low.claims;
      reasoning.push(`only vague words: best ${best.value} is the least they say`);
    } else reasoning.push('only vague words: a range, no best figure');
  }
  // A vague word with no upper bound ("many") leaves high open rather than capping it at its low.
  const highs = [...credible, ...enemy, ...vague]
    .map((r) => ({ v: r.f.kind === 'vague' ? r.f.high : (r.f.high ?? r.f.best ?? r.f.low), id: r.claim.id }))
    .filter((x): x is { v: number; id: string } => x.v !== null);
  if (highs.length) {
    high.value = Math.max(...highs.map((x) => x.v));
    high.claims = highs.filter((x) => x.v === high.value).map((x) => x.id);
    if (best.value !== null && high.value < best.value) high.value = best.value;
  }
  return { group, low, best, high, vague: !credible.length && best.value !== null, reasoning };
}

function totalOf(groups: GroupRange[]): IncidentFigures['total'] {
  const people = groups.find((g) => g.group === 'people');
  const named = groups.filter((g) => g.group !== 'people');
  const sum = (pick: (g: GroupRange) => number | null) => {
    const vals = named.map(pick).filter((v): v is number => v !== null);
    return vals.length ? vals.reduce((a, b) => a + b, 0) : null;
  };
  const max = (x: number | null, y: number | null) => (x === null ? y : y === null ? x : Math.max(x, y));
  const best = max(people?.best.value ?? null, sum((g) => g.best.value));
  const fromPeople = people?.best.value != null && people.best.value === best;
  return {
    low: max(people?.low.value ?? null, sum((g) => g.low.value)),
    best,
    // An open high ("many") counts as its best, so the sum of highs never falls below the sum of bests.
    high: max(people?.high.value ?? people?.best.value ?? null, sum((g) => g.high.value ?? g.best.value)),
    vague: fromPeople ? people!.vague : named.some((g) => g.vague),
  };
}

/** Claimants whose ranges for a group do not overlap (a small tolerance for rounding), vague words included. */
function findDisagreements(byGroup: Map<string, Reading[]>): Disagreement[] {
  const out: Disagreement[] = [];
  for (const [group, readings] of byGroup) {
    const stances = readings.filter((r) => bounded(r.f)).map(stanceOf);
    for (let i = 0; i < stances.length; i++) {
      for (let j = i + 1; j < stances.length; j++) {
        const [x, y] = [stances[i], stances[j]];
        if (x.claimant !== y.claimant && !overlap(x, y)) out.push({ group, a: x, b: y });
      }
    }
  }
  return out;
}

function stanceOf(r: Reading): Stance {
  const f = r.f;
  const high = f.kind === 'vague' ? f.high : (f.high ?? (f.kind === 'lower-bound' ? null : f.best));
  return { claimant: r.claim.claimant, claimantKind: r.claim.claimantKind, claim: r.claim.id, low: f.low ?? f.best, high, kind: f.kind };
}

function overlap(x: { low: number | null; high: number | null }, y: { low: number | null; high: number | null }): boolean {
  const slack = (v: number) => Math.max(2, Math.round(v * 0.1));
  const xl = x.low ?? 0;
  const yl = y.low ?? 0;
  const xh = x.high === null ? Infinity : x.high + slack(x.high);
  const yh = y.high === null ? Infinity : y.high + slack(y.high);
  return xl <= yh && yl <= xh;
}
