// The casualty-range rules a desk has turned on for its record (kept in `settings`, so every machine reckons
// alike), and the track records they read: each claimant's figures held against the incidents analysts verified.
import type { Kysely } from 'kysely';
import type { RangeRules } from '../reconcile/casualty-range.js';
import { trackRecords, type VerifiedClaim } from '../reconcile/track-record.js';
import type { Database } from './schema.js';

export const TRACK_RECORD_SETTING = 'range-rule:track-record';

/** The track-record rule as set: a proven claimant has at least this many verified incidents, agreeing in this share. */
export interface TrackRecordRule {
  minIncidents: number;
  minAgreement: number;
}

export async function verifiedClaimsOf(db: Kysely<Database>): Promise<VerifiedClaim[]> {
  const rows = await db
    .selectFrom('incident_reviews')
    .innerJoin('incidents', 'incidents.id', 'incident_reviews.incident_id')
    .innerJoin('incident_events', 'incident_events.incident_id', 'incidents.id')
    .innerJoin('event_claims', 'event_claims.event_id', 'incident_events.event_id')
    .innerJoin('claims', 'claims.id', 'event_claims.claim_id')
    .leftJoin('reports', 'reports.id', 'claims.report_id')
    .select(['incidents.id as incident', 'incidents.deaths_best', 'claims.claimant', 'claims.fatalities_best', 'reports.published'])
    .where('incident_reviews.state', '=', 'verified')
    .where('incidents.deaths_best', 'is not', null)
    .where('claims.scope', '=', 'incident')
    .orderBy('incidents.id')
    .orderBy('claims.id')
    .execute();
  return rows.map((r) => ({ incident: r.incident, verifiedBest: Number(r.deaths_best), claimant: r.claimant, figure: r.fatalities_best === null ? null : Number(r.fatalities_best), published: r.published }));
}

export async function trackRecordRuleOf(db: Kysely<Database>): Promise<TrackRecordRule | null> {
  const row = await db.selectFrom('settings').select('value').where('name', '=', TRACK_RECORD_SETTING).executeTakeFirst();
  return row ? (JSON.parse(row.value) as TrackRecordRule) : null;
}

/** The rules to reckon with now: none unless the desk turned one on. */
export async function rangeRulesOf(db: Kysely<Database>): Promise<RangeRules> {
  const rule = await trackRecordRuleOf(db);
  if (!rule) return {};
  const records = new Map(trackRecords(await verifiedClaimsOf(db)).map((r) => [r.claimant, r]));
  return { trackRecord: { records, ...rule } };
}

/** Turns the track-record rule on (or off, with null), recording who did it. */
export async function setTrackRecordRule(db: Kysely<Database>, rule: TrackRecordRule | null, by: string, now = new Date().toISOString()): Promise<void> {
  if (!rule) {
    await db.deleteFrom('settings').where('name', '=', TRACK_RECORD_SETTING).execute();
    return;
  }
  const value = JSON.stringify(rule);
  await db
    .insertInto('settings')
    .values({ name: TRACK_RECORD_SETTING, value, changed_by: by, changed_at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value, changed_by: by, changed_at: now }))
    .execute();
}
