// The desk's own tables: API tokens and the log of analysts' edits. They live in the record's database
// but outside the store's schema, with a migration history of their own (see deskMigrations below):
// the store's runner takes its migrations from a fixed list in src/store/migrations/index.ts (checked
// against the folder by a test), so a file dropped there would neither run nor pass that test.
import { Migrator, type Kysely, type Migration } from 'kysely';

export interface ApiTokensTable {
  id: string;
  name: string;
  /** viewer | analyst | admin */
  role: string;
  /** sha256 of the token, hex: the token itself is shown once and never stored. */
  hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface EventEditsTable {
  id: string;
  event_id: string;
  /** Who edited: the token's name (a person or a program), so an edit can be traced and asked about. */
  editor: string;
  edited_at: string;
  /** { field: [before, after] } as JSON. */
  changes: string;
}

export interface DeskTables {
  api_tokens: ApiTokensTable;
  event_edits: EventEditsTable;
}

const MIGRATIONS: Record<string, Migration> = {
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
    async down(db: Kysely<any>) {
      await db.schema.dropTable('event_edits').execute();
      await db.schema.dropTable('api_tokens').execute();
    },
  },
};

/** Brings the desk's tables up to date; its own history table keeps it apart from the store's migrations. */
export async function migrateDesk(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableName: 'desk_migration',
    migrationLockTableName: 'desk_migration_lock',
  });
  const r = await migrator.migrateToLatest();
  if (r.error) throw new Error(`desk tables migration failed: ${(r.error as Error).message ?? r.error}`);
}
