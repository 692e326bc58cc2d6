// What reconciliation reads: one event as one report told it, with the claims behind it.
// The store turns its rows into these; everything in src/reconcile/ is pure over them.
import type { Claim, ClaimantKind, ClaimScope, DateValue, EventActor, EventLocation, Fatalities, Weapon } from './types.js';

export interface ObservedClaim {
  /** Unique across the record (the store's claim id). */
  id: string;
  reportId: string | null;
  publisher: string | null;
  claimant: string;
  claimantKind: ClaimantKind;
  /** The side the claimant speaks for, when it is partisan (state media, a group's spokesman). */
  claimantBloc: string | null;
  measure: string;
  scope: ClaimScope;
  fatalities: Fatalities[];
  sentence: string;
}

export interface Observation {
  /** The store's event id. */
  id: string;
  reportId: string | null;
  type: string;
  subType: string;
  date: DateValue | null;
  location: EventLocation | null;
  actors: EventActor[];
  weapon: Weapon | null;
  scope: ClaimScope;
  claims: ObservedClaim[];
}

/** A claim as reconciliation reads it, under the id and report the record gives it. */
export function observedClaim(c: Claim, id: string, reportId: string | null, publisher: string | null): ObservedClaim {
  return {
    id,
    reportId,
    publisher: c.publisher ?? publisher,
    claimant: c.claimant,
    claimantKind: c.claimant_kind,
    claimantBloc: c.claimant_bloc ?? null,
    measure: c.measure,
    scope: c.scope,
    fatalities: c.fatalities,
    sentence: c.sentence,
  };
}

export const perpetratorOf = (o: Observation): string | null => o.actors.find((a) => a.role === 'perpetrator')?.bloc ?? null;

/** Territory changes are kept apart: they link to each other, never to attacks. */
export const isControl = (o: Observation): boolean => /territory/i.test(o.subType);
