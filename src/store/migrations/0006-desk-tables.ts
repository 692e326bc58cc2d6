// The desk's tables (API tokens, the log of analysts' edits) join the record's schema, so `copy` and
// migrateDown see them like any other. Records served by an older version already hold both tables, made by
// the desk's own migration history (desk_migration): they are adopted as they are, rows kept, and that
// separate history is dropped. The tables it made are the ones made here, column for column.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('api_tokens')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema
    .createTable('event_edits')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('editor', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('event_edits_event').ifNotExists().on('event_edits').columns(['event_id', 'edited_at']).execute();
  await db.schema.dropTable('desk_migration').ifExists().execute();
  await db.schema.dropTable('desk_migration_lock').ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('event_edits').execute();
  await db.schema.dropTable('api_tokens').execute();
}
