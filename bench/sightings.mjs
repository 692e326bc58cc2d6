// Near-duplicate benchmark (not a test): a SQLite record of 100,000 synthetic reports (the generated bulletins of
// test/watch/feed-server.mjs: one house style, every one a story of its own) with their MinHash sketches and LSH
// bands as ingest writes them, then the check a new report goes through before it is stored: its sketch, and the
// lookup of the held report it repeats (src/store/sightings.ts findSameStory). Timed for 500 new stories and 500
// copies of held ones with a line added, at 10,000 reports and at 100,000: the time per report should not grow.
// OBSERVATORY_BENCH_SIGHTINGS_REPORTS shrinks it for a quick run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const load = (p) => import(pathToFileURL(join(root, p)).href);
const { openSqliteStore } = await load('dist/store/sqlite.js');
const { sketchText } = await load('dist/extract/sketch-text.js');
const { findSameStory, sketchRows, writeSketch } = await load('dist/store/sightings.js');
const { reportIdFor, textHash } = await load('dist/store/report-rows.js');
const { bulletin } = await load('test/watch/feed-server.mjs');

const total = Number(process.env.OBSERVATORY_BENCH_SIGHTINGS_REPORTS ?? 100_000);
const PROBES = 500;
const PER_TX = 1_000;

/** Held report i: bulletin i of the generator (50 a feed), and the figure the engine would read as its toll. */
const story = (i) => {
  const b = bulletin(Math.floor(i / 50), i % 50);
  return { text: b.text, published: b.day, killed: Number(/\b(\d+)\b/.exec(b.text)[1]) };
};

const dir = mkdtempSync(join(tmpdir(), 'observatory-sightings-'));
const store = await openSqliteStore(join(dir, 'sightings.sqlite'));
try {
  let held = 0;
  let fillMs = 0;
  const fill = async (upTo) => {
    const t = performance.now();
    for (; held < upTo; ) {
      const end = Math.min(upTo, held + PER_TX);
      await store.db.transaction().execute(async (trx) => {
        for (let i = held; i < end; i++) {
          const s = story(i);
          const hash = textHash(s.text);
          const id = reportIdFor(hash);
          const at = new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString();
          await trx
            .insertInto('reports')
            .values({ id, hash, text: s.text, title: null, publisher: 'Bulletin', publisher_id: null, published: s.published, language: 'en', ingested_at: at, origin_path: null, origin_line: null, origin_id: null, summary: JSON.stringify({ killed: s.killed }) })
            .execute();
          await writeSketch(trx, sketchRows(id, sketchText(s.text), at));
        }
      });
      held = end;
    }
    fillMs += performance.now() - t;
  };

  const probe = async () => {
    const sketchMs = [];
    const lookupMs = [];
    let examined = 0;
    let copiesFound = 0;
    let newTakenForCopies = 0;
    for (let p = 0; p < 2 * PROBES; p++) {
      const copy = p % 2 === 0;
      // A copy: a held report (spread over the whole record) with a line an outlet added; else a story not held.
      const s = copy ? story(Math.floor((p / 2) * (held / PROBES))) : story(10_000_000 + p);
      const text = copy ? `${s.text}\n\nAid groups say many families have left.` : s.text;
      let t = performance.now();
      const sketch = sketchText(text);
      sketchMs.push(performance.now() - t);
      t = performance.now();
      const r = await findSameStory(store.db, sketch, { killed: s.killed }, '');
      lookupMs.push(performance.now() - t);
      examined += r.examined;
      if (copy && r.match) copiesFound++;
      if (!copy && r.match) newTakenForCopies++;
    }
    const pct = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))].toFixed(2);
    const mean = (xs) => (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(2);
    console.log(
      `  at ${held.toLocaleString('en')} reports: sketch ${mean(sketchMs)} ms + lookup p50 ${pct(lookupMs, 0.5)} ms, p95 ${pct(lookupMs, 0.95)} ms (mean ${mean(lookupMs)}) per report; ` +
        `${(examined / (2 * PROBES)).toFixed(1)} held reports compared on average; copies found ${copiesFound}/${PROBES}, new stories taken for copies ${newTakenForCopies}/${PROBES}`,
    );
  };

  console.log(`near-duplicate check (MinHash, 20 LSH bands), ${2 * PROBES} new reports checked against a SQLite record:`);
  await fill(Math.min(10_000, total));
  await probe();
  if (total > 10_000) {
    await fill(total);
    await probe();
  }
  console.log(`  (the record of ${held.toLocaleString('en')} synthetic reports, sketches and bands written in ${(fillMs / 1000).toFixed(0)} s)`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
