// Reads the record's events as observations and reconciles them: the one place the commands that
// need incidents (tally, control, incident) get them from.
import type { Observation } from '../domain/observation.js';
import { linkIncidents, type AnalystDecision, type Incident } from '../reconcile/link-incidents.js';
import type { EventFilter, LinkDecision, Store } from '../store/store.js';

export interface Reconciled {
  observations: Observation[];
  incidents: Incident[];
}

/** The latest decision on each pair rules; earlier ones stay in the history. */
export function currentDecisions(history: LinkDecision[]): AnalystDecision[] {
  const latest = new Map<string, LinkDecision>();
  for (const d of history) latest.set(`${d.a}|${d.b}`, d);
  return [...latest.values()].map((d) => ({ a: d.a, b: d.b, decision: d.decision, note: d.note ?? undefined }));
}

export async function reconcile(store: Store, filter: EventFilter): Promise<Reconciled> {
  const observations: Observation[] = [];
  for await (const o of store.observations(filter)) observations.push(o);
  const incidents = linkIncidents(observations, currentDecisions(await store.linkDecisions()));
  return { observations, incidents };
}
