// Events read back as observations, the form reconciliation reads: one event with the claims behind it.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { ConflictEvent, DateValue, EventActor, EventLocation, Fatalities } from '../domain/types.js';
import type { Observation } from '../domain/observation.js';
import type { Database, EventsTable } from './schema.js';

type ObservedClaimRow = {
  id: string;
  report_id: string | null;
  publisher: string | null;
  claimant: string;
  claimant_kind: string;
  bloc: string | null;
  measure: string;
  scope: string;
  fatalities: string;
  sentence: string | null;
};

export function dateOf(e: Selectable<EventsTable>): DateValue | null {
  return e.date_start ? { start: e.date_start, end: e.date_end ?? e.date_start, precision: e.date_precision as DateValue['precision'] } : null;
}

export function locationOf(e: Selectable<EventsTable>): EventLocation | null {
  if (!e.location && !e.admin1 && !e.country) return null;
  return { name: e.location ?? e.admin1 ?? e.country ?? '', admin1: e.admin1, country: e.country, lat: e.lat, lon: e.lon, precision: (e.geo_precision ?? 'unknown') as EventLocation['precision'] };
}

function observationOf(e: Selectable<EventsTable>, claims: ObservedClaimRow[]): Observation {
  return {
    id: e.id,
    reportId: e.report_id,
    type: e.type,
    subType: e.sub_type,
    date: dateOf(e),
    location: locationOf(e),
    actors: JSON.parse(e.actors) as EventActor[],
    weapon: e.weapon as ConflictEvent['weapon'],
    scope: (e.scope ?? 'incident') as ConflictEvent['scope'],
    claims: claims.map((c) => ({
      id: c.id,
      reportId: c.report_id,
      publisher: c.publisher,
      claimant: c.claimant,
      claimantKind: c.claimant_kind as Observation['claims'][number]['claimantKind'],
      claimantBloc: c.bloc,
      measure: c.measure,
      scope: c.scope as ConflictEvent['scope'],
      fatalities: JSON.parse(c.fatalities) as Fatalities[],
      sentence: c.sentence ?? '',
    })),
  };
}

/** The observations of these event rows, their claims read in one query. */
export async function observationsOf(db: Kysely<Database> | Transaction<Database>, rows: Selectable<EventsTable>[]): Promise<Observation[]> {
  if (rows.length === 0) return [];
  const claims = await db
    .selectFrom('event_claims')
    .innerJoin('claims', 'claims.id', 'event_claims.claim_id')
    .leftJoin('sources', 'sources.id', 'claims.claimant_id')
    .select(['event_claims.event_id', 'claims.id', 'claims.report_id', 'claims.publisher', 'claims.claimant', 'claims.claimant_kind', 'sources.bloc', 'claims.measure', 'claims.scope', 'claims.fatalities', 'claims.sentence'])
    .where('event_claims.event_id', 'in', rows.map((r) => r.id))
    .execute();
  const byEvent = new Map<string, ObservedClaimRow[]>();
  for (const c of claims) {
    const list = byEvent.get(c.event_id);
    if (list) list.push(c);
    else byEvent.set(c.event_id, [c]);
  }
  return rows.map((row) => observationOf(row, byEvent.get(row.id) ?? []));
}
