// The columns of an imported dataset (ACLED, UCDP GED) that neither the event nor acled_codings holds, kept as
// the file wrote them so an import then an export gives the rows back. One JSON object per event: the datasets
// have dozens of such columns and renamed them across releases, and nothing queries them.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dataset_columns')
    .addColumn('event_id', 'text', (c) => c.primaryKey().references('events.id').onDelete('cascade'))
    .addColumn('dataset', 'text', (c) => c.notNull())
    .addColumn('columns', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('dataset_columns').execute();
}
