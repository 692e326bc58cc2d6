// Indexes for the substring filters read from the names' side (src/store/substring-filters.ts): a claimant's claims
// by id, and an event's date by its id, each answered from the index alone, so sorting thousands of matches by
// date reads no table row.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('claims_claimant_id').on('claims').columns(['claimant_id', 'id']).execute();
  await db.schema.createIndex('events_id_date').on('events').columns(['id', 'date_start']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('events_id_date').execute();
  await db.schema.dropIndex('claims_claimant_id').execute();
}
