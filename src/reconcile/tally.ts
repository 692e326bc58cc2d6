// Running tallies over reconciled incidents, by side, place, actor or month: low / best / high with
// the number of incidents and claimants behind each row, and how many of those incidents give only
// vague words (their low counts as best, so low <= best <= high holds). A period total a report
// states ("more than 50 rebels killed in the past week") is set against the sum of the incidents in
// that period.
import { casualtyRange, type IncidentFigures, type RangeRules } from './casualty-range.js';
import type { Incident } from './link-incidents.js';
import { perpetratorOf, type Observation } from '../domain/observation.js';

export type TallyBy = 'bloc' | 'admin1' | 'country' | 'actor' | 'month';

export interface TallyFilter {
  from?: string;
  to?: string;
  country?: string;
}

export interface TallyLine {
  key: string;
  low: number;
  best: number;
  high: number;
  incidents: number;
  /** Incidents whose best here rests on vague words only ("dozens killed"): their low is counted as best. */
  vague: number;
  claimants: number;
  /** The claims whose figures make the row, so every number traces back. */
  claims: string[];
}

export interface ReckonedIncident {
  incident: Incident;
  figures: IncidentFigures;
  date: string | null;
  country: string | null;
  admin1: string | null;
  perpetrator: string | null;
}

export function reckon(incidents: Incident[], rules: RangeRules = {}): ReckonedIncident[] {
  return incidents.map((incident) => {
    const first = incident.observations[0];
    const located = incident.observations.find((o) => o.location?.precision === 'exact') ?? incident.observations.find((o) => o.location) ?? first;
    const perp = incident.observations.map(perpetratorOf).find((p) => p && p !== 'unknown') ?? null;
    return {
      incident,
      figures: casualtyRange(incident, 'killed', rules),
      date: first.date?.start ?? null,
      country: located.location?.country ?? null,
      admin1: located.location?.admin1 ?? null,
      perpetrator: perp,
    };
  });
}

export function tally(reckoned: ReckonedIncident[], by: TallyBy, filter: TallyFilter = {}): TallyLine[] {
  const rows = new Map<string, { line: TallyLine; claimants: Set<string> }>();
  const add = (key: string, low: number | null, best: number | null, high: number | null, vague: boolean, r: ReckonedIncident, claims: string[]) => {
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { line: { key, low: 0, best: 0, high: 0, incidents: 0, vague: 0, claimants: 0, claims: [] }, claimants: new Set() }));
    row.line.low += low ?? 0;
    row.line.best += best ?? 0;
    // An open high ("many killed") adds at least its best.
    row.line.high += high ?? best ?? 0;
    row.line.incidents++;
    if (vague) row.line.vague++;
    for (const c of r.figures.claimants) row.claimants.add(c);
    row.line.claims.push(...claims);
  };
  for (const r of reckoned) {
    if (!inFilter(r, filter)) continue;
    if (r.figures.status === 'no-figures') continue;
    if (by === 'bloc') {
      for (const g of r.figures.groups) add(g.group, g.low.value, g.best.value, g.high.value, g.vague, r, [...g.low.claims, ...g.best.claims, ...g.high.claims]);
      continue;
    }
    const key = by === 'admin1' ? r.admin1 : by === 'country' ? r.country : by === 'actor' ? r.perpetrator : r.date?.slice(0, 7) ?? null;
    const t = r.figures.total;
    const claims = r.figures.groups.flatMap((g) => [...g.best.claims, ...g.low.claims, ...g.high.claims]);
    add(key ?? '(unknown)', t.low, t.best, t.high, t.vague, r, claims);
  }
  return [...rows.values()]
    .map(({ line, claimants }) => ({ ...line, claimants: claimants.size, claims: [...new Set(line.claims)] }))
    .sort((x, y) => y.best - x.best || x.key.localeCompare(y.key));
}

function inFilter(r: ReckonedIncident, f: TallyFilter): boolean {
  if (f.from && (!r.date || r.date < f.from)) return false;
  if (f.to && (!r.date || r.date > f.to)) return false;
  if (f.country && r.country?.toLowerCase() !== f.country.toLowerCase()) return false;
  return true;
}

export interface PeriodCheck {
  claim: string;
  claimant: string;
  sentence: string;
  group: string;
  period: { start: string; end: string };
  place: string;
  stated: { low: number | null; best: number | null; high: number | null };
  incidents: number;
  sumOfIncidents: number;
  /** stated best (or low) minus the sum of the incidents: what the record is missing, or over-counts. */
  gap: number | null;
}

/** Each stated period total against the incidents the record holds for the same period, place and side. */
export function checkPeriodTotals(observations: Observation[], reckoned: ReckonedIncident[]): PeriodCheck[] {
  const out: PeriodCheck[] = [];
  for (const o of observations) {
    if (o.scope !== 'period-total' || !o.date) continue;
    for (const claim of o.claims) {
      if (claim.measure !== 'killed') continue;
      for (const f of claim.fatalities) {
        const inside = reckoned.filter(
          (r) =>
            r.date !== null &&
            r.date >= o.date!.start &&
            r.date <= o.date!.end &&
            (!o.location?.country || r.country === o.location.country) &&
            (!o.location?.admin1 || o.location.precision === 'country' || r.admin1 === o.location.admin1),
        );
        const sum = inside.reduce((s, r) => s + (r.figures.groups.find((g) => g.group === f.group)?.best.value ?? 0), 0);
        const stated = f.best ?? f.low;
        out.push({
          claim: claim.id,
          claimant: claim.claimant,
          sentence: claim.sentence,
          group: f.group,
          period: { start: o.date.start, end: o.date.end },
          place: o.location?.admin1 ?? o.location?.country ?? '(unknown)',
          stated: { low: f.low, best: f.best, high: f.high },
          incidents: inside.length,
          sumOfIncidents: sum,
          gap: stated === null ? null : stated - sum,
        });
      }
    }
  }
  return out;
}
