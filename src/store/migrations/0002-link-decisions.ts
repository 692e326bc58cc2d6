// Analysts' decisions on links between events: "these two reports tell one incident" (link) or
// "they do not" (unlink). Every decision is kept, so the table is the history; the latest for a pair rules.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('link_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_a', 'text', (c) => c.notNull())
    .addColumn('event_b', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('analyst', 'text')
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('link_decisions_pair').on('link_decisions').columns(['event_a', 'event_b', 'decided_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('link_decisions').execute();
}
