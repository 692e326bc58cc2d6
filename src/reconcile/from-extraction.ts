// Observations from one report's extraction, for reconciling reports before (or without) a store.
import type { ReportExtraction } from '../domain/types.js';
import { observedClaim, type Observation } from '../domain/observation.js';

export function observationsFrom(x: ReportExtraction, reportId: string, publisher: string | null): Observation[] {
  const claims = new Map(x.claims.map((c) => [c.id, c]));
  return x.events.map((e) => ({
    id: `${reportId}:${e.id}`,
    reportId,
    type: e.type,
    subType: e.sub_type,
    date: e.date,
    location: e.location,
    actors: e.actors,
    weapon: e.weapon,
    scope: e.scope,
    claims: e.claims
      .map((id) => claims.get(id))
      .filter((c) => c !== undefined)
      .map((c) => observedClaim(c, reportId + ':' + c.id, reportId, publisher)),
  }));
}
