// Sources the record watches (feeds, article pages, folders) and every item seen from each, so that every
// machine sees the same list, and a watcher killed at any moment and started again neither loses nor
// repeats an item: an item's seen-mark is written in the transaction that stores its report.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('watched_sources')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('location', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('country', 'text')
    .addColumn('interval_seconds', 'integer', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('next_due_at', 'text', (c) => c.notNull())
    .addColumn('last_fetch_at', 'text')
    .addColumn('last_ok_at', 'text')
    .addColumn('last_outcome', 'text')
    .addColumn('last_error', 'text')
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .execute();
  // Watchers look for due sources on every tick.
  await db.schema.createIndex('watched_sources_due').on('watched_sources').columns(['next_due_at', 'name']).execute();

  await db.schema
    .createTable('watched_items')
    .addColumn('source', 'text', (c) => c.notNull().references('watched_sources.name').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('report_id', 'text')
    .addColumn('url', 'text')
    .addColumn('title', 'text')
    .addColumn('author', 'text')
    .addColumn('published', 'text')
    .addColumn('outlet', 'text')
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('watched_items_pk', ['source', 'key'])
    .execute();
  // A source's items per day, and its latest ones, read off an index.
  await db.schema.createIndex('watched_items_seen').on('watched_items').columns(['source', 'seen_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('watched_items').execute();
  await db.schema.dropTable('watched_sources').execute();
}
