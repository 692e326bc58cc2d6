// Substring filters at a million events (src/store/substring-filters.ts). An event's claimants are read off its
// event_claims rows, which now carry the claim's claimant (a claim's claimant never changes), so the claimant
// filter reads one index instead of joining every claim; and an event's date is indexed by its id, so sorting
// thousands of matches by date reads no table row.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('event_claims').addColumn('claimant_id', 'text').execute();
  await sql`update event_claims set claimant_id = (select claims.claimant_id from claims where claims.id = event_claims.claim_id)`.execute(db);
  await db.schema.createIndex('event_claims_claimant').on('event_claims').columns(['claimant_id', 'event_id']).execute();
  await db.schema.createIndex('event_claims_event_claimant').on('event_claims').columns(['event_id', 'claimant_id']).execute();
  await db.schema.createIndex('events_id_date').on('events').columns(['id', 'date_start']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('events_id_date').execute();
  await db.schema.dropIndex('event_claims_event_claimant').execute();
  await db.schema.dropIndex('event_claims_claimant').execute();
  await db.schema.alterTable('event_claims').dropColumn('claimant_id').execute();
}
