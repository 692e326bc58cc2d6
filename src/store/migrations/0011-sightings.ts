// One story, many outlets: where each report was seen (report_sightings), and the similarity sketch that finds a
// story the record holds when another outlet carries it (report_sketches, and report_bands, its index). Every
// report already held gets its sketch and one sighting (its publisher, at its ingestion), so a story ingested
// before this version is recognised like any other.
import type { Kysely } from 'kysely';
import { sketchText } from '../../extract/sketch-text.js';
import type { Database } from '../schema.js';
import { sightingRow, sketchRows, writeSketch } from '../sightings.js';

const PAGE = 500;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_sightings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('cascade'))
    .addColumn('outlet', 'text')
    .addColumn('url', 'text')
    .addColumn('title', 'text')
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addColumn('text_hash', 'text', (c) => c.notNull())
    .addColumn('similarity', 'double precision', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_sightings_report').on('report_sightings').columns(['report_id', 'seen_at']).execute();
  await db.schema.createIndex('report_sightings_text').on('report_sightings').column('text_hash').execute();

  await db.schema
    .createTable('report_sketches')
    .addColumn('report_id', 'text', (c) => c.primaryKey().references('reports.id').onDelete('cascade'))
    .addColumn('words', 'integer', (c) => c.notNull())
    .addColumn('minhash', 'text', (c) => c.notNull())
    .addColumn('shingles', 'text', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .execute();

  // The key (key, at, report_id) is also the lookup's order: a band's most recent reports first.
  await db.schema
    .createTable('report_bands')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('report_bands_pk', ['key', 'at', 'report_id'])
    .execute();
  await db.schema.createIndex('report_bands_report').on('report_bands').column('report_id').execute();

  const d = db as Kysely<Database>;
  let after = '';
  for (;;) {
    const page = await d.selectFrom('reports').select(['id', 'hash', 'text', 'title', 'publisher', 'ingested_at']).where('id', '>', after).orderBy('id').limit(PAGE).execute();
    for (const r of page) {
      await writeSketch(d, sketchRows(r.id, sketchText(r.text), r.ingested_at));
      await d.insertInto('report_sightings').values(sightingRow(r.id, { outlet: r.publisher, url: null, title: r.title, seenAt: r.ingested_at }, r.hash, 1)).execute();
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1].id;
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_bands').execute();
  await db.schema.dropTable('report_sketches').execute();
  await db.schema.dropTable('report_sightings').execute();
}
