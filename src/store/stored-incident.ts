// An incident as the record keeps it, with the reasons its events are one: the incidents table holds who
// belongs together, and the reasons are worked out again from those events and the analysts' decisions
// (they are the reasons the incident was made with, since the same rules and decisions made it).
import { currentDecisions, linkIncidents, type Incident } from '../reconcile/link-incidents.js';
import type { Store } from './store.js';

/** The stored incident with this id, its events oldest first and every link's reason; null when there is none. */
export async function storedIncident(store: Store, incidentId: string): Promise<Incident | null> {
  const observations = await store.incidentObservations(incidentId);
  if (observations.length === 0) return null;
  const groups = linkIncidents(observations, currentDecisions(await store.linkDecisions()));
  return { id: incidentId, observations, links: groups.flatMap((g) => g.links) };
}
