// Query parameters (snake_case, as the API speaks) to the store's EventFilter and IncidentFilter.
import type { z } from 'zod';
import type { EventFilter, IncidentFilter } from '../store/store.js';
import type { eventFilterQuery, incidentListQuery } from './schemas.js';

export function toEventFilter(q: Partial<z.output<typeof eventFilterQuery>>): EventFilter {
  const { from, to, country, admin1, place, bloc, actor, type, claimant, min_fatalities, origin, verified } = q;
  return { from, to, country, admin1, place, bloc, actor, type, claimant, minFatalities: min_fatalities, origin, review: verified === 'true' ? 'verified' : undefined };
}

export function toIncidentFilter(q: z.output<typeof incidentListQuery>): IncidentFilter {
  return { ...toEventFilter(q), status: q.status };
}
