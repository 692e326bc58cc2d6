// Extraction benchmark (not a test): throughput over the dev set repeated to >= 5,000 articles,
// on one core, plus per-article latency percentiles and peak memory. Then the store benchmark, if present.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { extractReport } = await import(pathToFileURL(join(root, 'dist/extract/pipeline.js')).href);

const devPath = process.env.OBSERVATORY_BENCH_SET ?? join(root, '..', 'shared', 'eval', 'fakes-dev.jsonl');
// Without the shared dev set, the bundled sample reports (text after their header lines).
const items = existsSync(devPath)
  ? readFileSync(devPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
  : readdirSync(join(root, 'sample', 'reports')).map((f) => {
      const raw = readFileSync(join(root, 'sample', 'reports', f), 'utf8');
      const published = /^Published:\s*(\S+)/m.exec(raw)?.[1] ?? null;
      return { text: raw.replace(/^(?:\w+:.*\n)+\n/, ''), published, source: null, title: null };
    });
const target = Number(process.env.OBSERVATORY_BENCH_ARTICLES ?? 5000);

// Warm-up: data files, chrono and the JIT.
for (const it of items.slice(0, 50)) extractReport(it.text, { published: it.published, source: it.source, title: it.title });

let peak = process.memoryUsage().rss;
const lat = [];
let bytes = 0;
const t0 = performance.now();
for (let n = 0; n < target; n++) {
  const it = items[n % items.length];
  const s = performance.now();
  extractReport(it.text, { published: it.published, source: it.source, title: it.title });
  lat.push(performance.now() - s);
  bytes += Buffer.byteLength(it.text);
  if (n % 250 === 0) peak = Math.max(peak, process.memoryUsage().rss);
}
const secs = (performance.now() - t0) / 1000;
lat.sort((a, b) => a - b);
const pct = (p) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))].toFixed(2);
console.log(`extraction: ${target} articles (${items.length} distinct) in ${secs.toFixed(2)} s on one core`);
console.log(`  throughput: ${(target / secs).toFixed(0)} articles/s, ${(bytes / 1e6 / secs).toFixed(2)} MB/s`);
console.log(`  latency per article: p50 ${pct(50)} ms, p95 ${pct(95)} ms, p99 ${pct(99)} ms`);
console.log(`  peak RSS: ${(peak / 1048576).toFixed(0)} MiB`);

if (!process.env.OBSERVATORY_BENCH_EXTRACT_ONLY) {
  await import(pathToFileURL(join(root, 'bench', 'reconcile.mjs')).href);
  await import(pathToFileURL(join(root, 'bench', 'compare.mjs')).href);
  await import(pathToFileURL(join(root, 'bench', 'intake.mjs')).href);
  await import(pathToFileURL(join(root, 'bench', 'sightings.mjs')).href);
  // A million events (ten million on PostgreSQL with OBSERVATORY_BENCH_PG_MILLION_EVENTS): incidents, substring
  // filters, tallies, the events list over HTTP, and reads beside a writer.
  await import(pathToFileURL(join(root, 'bench', 'million.mjs')).href);
  const store = join(root, 'bench', 'store.mjs');
  if (existsSync(store)) await import(pathToFileURL(store).href);
  // PostgreSQL: only with a server to use (OBSERVATORY_BENCH_PG=postgres://...); it says so when skipped.
  await import(pathToFileURL(join(root, 'bench', 'postgres.mjs')).href);
}
