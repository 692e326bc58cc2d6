// A record as versions before migration 0006-desk-tables left it: the store's schema up to 0004, and the desk's
// tables made by the desk's own migration history (desk_migration), as src/api/desk-tables.ts made them then.
import { Migrator, type Kysely, type Migration } from 'kysely';
import { migrator } from '../../src/store/migrate.js';

const OLD_DESK_MIGRATIONS: Record<string, Migration> = {
  '0001-tokens-and-edits': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('api_tokens')
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
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
        .addColumn('editor', 'text', (c) => c.notNull())
        .addColumn('edited_at', 'text', (c) => c.notNull())
        .addColumn('changes', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('event_edits_event').on('event_edits').columns(['event_id', 'edited_at']).execute();
    },
    async down() {},
  },
};

/** Takes a migrated record back to the old layout: the store's schema at 0004 (rows kept), the desk's tables beside it. */
export async function toOldDeskLayout(db: Kysely<any>): Promise<void> {
  const back = await migrator(db).migrateTo('0004-dataset-columns');
  if (back.error) throw back.error;
  const desk = new Migrator({
    db,
    provider: { getMigrations: async () => OLD_DESK_MIGRATIONS },
    migrationTableName: 'desk_migration',
    migrationLockTableName: 'desk_migration_lock',
  });
  const made = await desk.migrateToLatest();
  if (made.error) throw made.error;
}
