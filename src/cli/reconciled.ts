// Reads the record's events as observations and reconciles them: the one place the commands that
// need incidents (tally, control, incident) get them from.
import type { Observation } from '../domain/observation.js';
import type { RangeRules } from '../reconcile/casualty-range.js';
import { currentDecisions, linkIncidents, type Incident } from '../reconcile/link-incidents.js';
import type { EventFilter, Store } from '../store/store.js';

export interface Reconciled {
  observations: Observation[];
  incidents: Incident[];
  /** The casualty-range rules the desk turned on. */
  rules: RangeRules;
}

export async function reconcile(store: Store, filter: EventFilter): Promise<Reconciled> {
  const observations: Observation[] = [];
  for await (const o of store.observations(filter)) observations.push(o);
  const incidents = linkIncidents(observations, currentDecisions(await store.linkDecisions()));
  return { observations, incidents, rules: await store.rangeRules() };
}
