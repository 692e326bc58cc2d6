// The reconciled views the desk shows, all from src/reconcile over the store's observations and the
// analysts' link decisions: incidents linked across reports, their low/best/high, tallies, weekly series
// and control of places. The same reading as the CLI's tally/incident/control commands. They run on the
// desk's worker threads (desk-tasks.ts), never on the thread that answers requests.
import type { Observation } from '../domain/observation.js';
import { casualtyRange, type IncidentFigures, type RangeRules } from '../reconcile/casualty-range.js';
import { controlAt, controlTimeline, type ControlChange } from '../reconcile/control-timeline.js';
import { currentDecisions, linkIncidents, type Incident, type LinkReason } from '../reconcile/link-incidents.js';
import { checkPeriodTotals, reckon, tally, type PeriodCheck, type TallyBy, type TallyLine } from '../reconcile/tally.js';
import type { EventFilter, Store } from '../store/store.js';
import { Problem } from './problems.js';

/** Reports of one incident can date it a week apart ("last week"): the context reaches that far back. */
const CONTEXT_DAYS_BEFORE = 7;

export function dayShift(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}


export interface Reconciled {
  /** Every observation read for context (incidents may be told by events outside the filter). */
  observations: Observation[];
  /** The incidents holding at least one event that matches the filter. */
  incidents: Incident[];
  /** The casualty-range rules the desk turned on. */
  rules: RangeRules;
}

/**
 * Incidents for a filter. An incident is linked from everything in its country and region around the
 * dates (a report of the same strike can be by another claimant, or name no perpetrator), then kept when
 * any of its events matches the whole filter. `extra` joins observations the store does not list (an undated event).
 */
export async function reconciled(store: Store, reconcileLimit: number, filter: EventFilter, extra: Observation[] = []): Promise<Reconciled> {
  const context: EventFilter = {
    country: filter.country,
    admin1: filter.admin1,
    from: filter.from ? dayShift(filter.from, -CONTEXT_DAYS_BEFORE) : undefined,
    to: filter.to ? dayShift(filter.to, 1) : undefined,
  };
  const n = await store.countEvents(context);
  if (n > reconcileLimit) {
    throw new Problem(
      422,
      `${n.toLocaleString('en')} events to reconcile; reconciled figures read at most ${reconcileLimit.toLocaleString('en')}: narrow the filter (from/to, country, admin1), or use /api/tallies/record for the record's plain sums`,
    );
  }
  const observations: Observation[] = [];
  for await (const o of store.observations(context)) observations.push(o);
  for (const o of extra) if (!observations.some((x) => x.id === o.id)) observations.push(o);
  const incidents = linkIncidents(observations, currentDecisions(await store.linkDecisions()));
  const rules = await store.rangeRules();
  const narrower = Object.entries(filter).some(([k, v]) => v !== undefined && k !== 'country' && k !== 'admin1');
  if (!narrower) return { observations, incidents, rules };
  const matching = new Set<string>();
  for await (const o of store.observations(filter)) matching.add(o.id);
  return { observations, incidents: incidents.filter((i) => i.observations.some((o) => matching.has(o.id))), rules };
}

export function tallyOf(r: Reconciled, by: TallyBy, filter: EventFilter): { incidents: number; rows: TallyLine[]; periodTotals: PeriodCheck[] } {
  const reckoned = reckon(r.incidents, r.rules);
  const periodTotals = checkPeriodTotals(r.observations, reckoned).filter((p) => (!filter.from || p.period.end >= filter.from) && (!filter.to || p.period.start <= filter.to));
  return { incidents: reckoned.length, rows: tally(reckoned, by, { from: filter.from, to: filter.to }), periodTotals };
}

export interface WeekLine {
  /** The Monday the week starts on. */
  week: string;
  /** The perpetrator's bloc, as the map colours it. */
  bloc: string;
  low: number;
  best: number;
  high: number;
  incidents: number;
  /** Incidents with only vague words for a figure ("dozens killed"), counted at their low. */
  vague: number;
}

export function weekOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** Reconciled deaths per week and perpetrator bloc: an incident counts once however many reports told it. */
export function weeklyOf(r: Reconciled, filter: EventFilter): WeekLine[] {
  const rows = new Map<string, WeekLine>();
  for (const x of reckon(r.incidents, r.rules)) {
    if (!x.date || x.figures.status === 'no-figures') continue;
    if ((filter.from && x.date < filter.from) || (filter.to && x.date > filter.to)) continue;
    const week = weekOf(x.date);
    const bloc = x.perpetrator ?? 'unknown';
    const key = `${week}|${bloc}`;
    const row = rows.get(key) ?? { week, bloc, low: 0, best: 0, high: 0, incidents: 0, vague: 0 };
    const t = x.figures.total;
    row.low += t.low ?? 0;
    row.best += t.best ?? t.low ?? 0;
    row.high += t.high ?? t.best ?? t.low ?? 0;
    row.incidents++;
    if (t.vague) row.vague++;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => a.week.localeCompare(b.week) || a.bloc.localeCompare(b.bloc));
}

export function controlOf(r: Reconciled, at?: string): { changes: ControlChange[]; holders: ControlChange[] | null } {
  const timeline = controlTimeline(r.incidents);
  const changes = [...timeline.values()].flat().sort((a, b) => a.date.localeCompare(b.date) || a.place.localeCompare(b.place));
  return { changes, holders: at ? controlAt(timeline, at) : null };
}

export interface EventIncident {
  id: string;
  /** The events (of any report) linked with this one, and why. */
  events: { id: string; report_id: string | null; date: string | null; place: string | null }[];
  links: LinkReason[];
  figures: IncidentFigures;
}

/** The incident an event belongs to, with its reconciled figures; null when the event is not an incident (a period total, a cumulative toll). */
export function incidentOf(eventId: string, incidents: Incident[], rules: RangeRules): EventIncident | null {
  const incident = incidents.find((i) => i.observations.some((o) => o.id === eventId));
  if (!incident) return null;
  return {
    id: incident.id,
    events: incident.observations.map((o) => ({ id: o.id, report_id: o.reportId, date: o.date?.start ?? null, place: o.location?.name ?? null })),
    links: incident.links,
    figures: casualtyRange(incident, 'killed', rules),
  };
}
