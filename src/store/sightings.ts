// One story, many outlets: the rows that let the record recognise a report it holds when another outlet
// carries it (report_sketches, report_bands), and the sightings that say where each report was seen.
// Finding the same story reads an index: the new sketch's 20 band keys, at most PER_BAND reports each (the most
// recent), then the MinHash estimate on those, then the exact comparison (src/reconcile/same-story.ts) on the few
// above ESTIMATE_FLOOR. Nothing here grows with the size of the record.
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { bandKeys, type TextSketch } from '../domain/text-sketch.js';
import type { ReportSummary } from '../domain/types.js';
import { ESTIMATE_FLOOR, estimatedJaccard, judgeSameStory } from '../reconcile/same-story.js';
import { dialectOf } from './dialect.js';
import type { Database, ReportBandsTable, ReportSightingsTable, ReportSketchesTable } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Reports read per band key, most recent first: a story is carried again within days, and a band shared by
 * many reports (a template's wording) cannot make the lookup read them all. */
export const PER_BAND = 16;

export function encodeHashes(a: Uint32Array): string {
  const b = Buffer.alloc(a.length * 4);
  for (let i = 0; i < a.length; i++) b.writeUInt32LE(a[i], i * 4);
  return b.toString('base64');
}

export function decodeHashes(s: string): Uint32Array {
  const b = Buffer.from(s, 'base64');
  const a = new Uint32Array(b.length >>> 2);
  for (let i = 0; i < a.length; i++) a[i] = b.readUInt32LE(i * 4);
  return a;
}

export function sketchRows(reportId: string, sketch: TextSketch, at: string): { sketch: ReportSketchesTable; bands: ReportBandsTable[] } {
  return {
    sketch: { report_id: reportId, words: sketch.words, minhash: encodeHashes(sketch.minhash), shingles: encodeHashes(sketch.shingles), figures: JSON.stringify(sketch.figures) },
    bands: sketch.words === 0 ? [] : bandKeys(sketch.minhash).map((key) => ({ key, at, report_id: reportId })),
  };
}

export async function writeSketch(db: Db, rows: { sketch: ReportSketchesTable; bands: ReportBandsTable[] }): Promise<void> {
  await db.insertInto('report_sketches').values(rows.sketch).execute();
  if (rows.bands.length) await db.insertInto('report_bands').values(rows.bands).execute();
}

export interface Seen {
  outlet: string | null;
  url: string | null;
  title: string | null;
  seenAt: string;
}

export function sightingRow(reportId: string, seen: Seen, textHash: string, similarity: number): ReportSightingsTable {
  const id = createHash('sha256').update(JSON.stringify([reportId, seen.outlet ?? '', seen.url ?? ''])).digest('hex').slice(0, 32);
  return { id: `s${id}`, report_id: reportId, outlet: seen.outlet, url: seen.url, title: seen.title, seen_at: seen.seenAt, text_hash: textHash, similarity };
}

/** True when the sighting is new (the same outlet's same page again changes nothing). */
export async function addSighting(db: Db, row: ReportSightingsTable): Promise<boolean> {
  const r = await db.insertInto('report_sightings').values(row).onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The report a text with this hash belongs to: the report itself, or one it was found to repeat. */
export async function reportForText(db: Db, hash: string): Promise<string | null> {
  const own = await db.selectFrom('reports').select('id').where('hash', '=', hash).executeTakeFirst();
  if (own) return own.id;
  const seen = await db.selectFrom('report_sightings').select('report_id').where('text_hash', '=', hash).limit(1).executeTakeFirst();
  return seen?.report_id ?? null;
}

/**
 * Two PostgreSQL writers storing two copies of one story at once would each look, find nothing and store both:
 * each takes its bands' locks first, so the second waits, then finds the first. Taken in key order in one
 * statement; a deadlock, should one happen anyway, is retried by the caller. SQLite has one writer at a time.
 */
export async function lockBands(db: Db, sketch: TextSketch): Promise<void> {
  if (dialectOf(db as Kysely<any>) !== 'postgres' || sketch.words === 0) return;
  const keys = [...bandKeys(sketch.minhash)].sort();
  await sql`select ${sql.join(keys.map((k) => sql`pg_advisory_xact_lock(hashtext(${`story:${k}`}))`))}`.execute(db);
}

export interface SameStory {
  /** The held report this text repeats, and how alike the two are; null when it repeats none. */
  match: { reportId: string; similarity: number } | null;
  /** Reports whose sketches were compared: bounded by 20 bands x PER_BAND, whatever the size of the record. */
  examined: number;
}

/** The held report this sketch repeats (see src/reconcile/same-story.ts), if any; `except`: the caller's own row. */
export async function findSameStory(db: Db, sketch: TextSketch, summary: Partial<ReportSummary> | null, except: string): Promise<SameStory> {
  if (sketch.words === 0) return { match: null, examined: 0 };
  const perBand = bandKeys(sketch.minhash).map((key) =>
    db.selectFrom((eb) => eb.selectFrom('report_bands').select('report_id').where('key', '=', key).orderBy('at', 'desc').limit(PER_BAND).as('b')).select('b.report_id'),
  );
  const rows = await perBand.slice(1).reduce((q, next) => q.unionAll(next), perBand[0]).execute();
  const ids = [...new Set(rows.map((r) => r.report_id))].filter((id) => id !== except);
  if (ids.length === 0) return { match: null, examined: 0 };
  const estimates = await db.selectFrom('report_sketches').select(['report_id', 'minhash']).where('report_id', 'in', ids).execute();
  const likely = estimates
    .map((r) => ({ id: r.report_id, estimate: estimatedJaccard(sketch.minhash, decodeHashes(r.minhash)) }))
    .filter((r) => r.estimate >= ESTIMATE_FLOOR)
    .sort((a, b) => b.estimate - a.estimate || (a.id < b.id ? -1 : 1));
  if (likely.length === 0) return { match: null, examined: ids.length };
  const held = await db
    .selectFrom('report_sketches')
    .innerJoin('reports', 'reports.id', 'report_sketches.report_id')
    .select(['report_sketches.report_id', 'report_sketches.shingles', 'report_sketches.figures', 'reports.summary'])
    .where('report_sketches.report_id', 'in', likely.map((l) => l.id))
    .execute();
  const byId = new Map(held.map((h) => [h.report_id, h]));
  let best: SameStory['match'] = null;
  for (const { id } of likely) {
    const h = byId.get(id);
    if (!h) continue;
    const verdict = judgeSameStory(
      { sketch, summary },
      { sketch: { shingles: decodeHashes(h.shingles), figures: JSON.parse(h.figures) }, summary: h.summary ? (JSON.parse(h.summary) as ReportSummary) : null },
    );
    if (verdict.same && (!best || verdict.jaccard > best.similarity)) best = { reportId: id, similarity: verdict.jaccard };
  }
  return { match: best, examined: ids.length };
}
