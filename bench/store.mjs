// Store benchmark (not a test; prints figures, asserts nothing). Run: npm run build && node bench/store.mjs
//   1. ingest, extraction included, of N reports (default 10,000): the dev set's texts (else the bundled sample)
//      repeated with a counter so every hash differs; reports/s and peak RSS (sampled every 100 ms).
//   2. a database of M synthetic events (default 1,000,000), then p50/p95 of the common queries and its size.
// Knobs: OBSERVATORY_BENCH_REPORTS, OBSERVATORY_BENCH_EVENTS, OBSERVATORY_BENCH_DIR (default: a temp folder, removed).
// When bench/run.mjs imports it, it re-runs itself in a fresh process so memory figures are its own.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { timeQuery } from './time-query.mjs';

const self = fileURLToPath(import.meta.url);
if (process.argv[1] !== self) {
  const r = spawnSync(process.execPath, [self], { stdio: 'inherit' });
  if (r.status) process.exitCode = r.status;
} else {
  await main();
}

async function main() {
  const root = join(dirname(self), '..');
  const load = (p) => import(pathToFileURL(join(root, 'dist', p)).href);
  const { runIngest } = await load('cli/commands/ingest.js');
  const { openSqliteStore } = await load('store/sqlite.js');
  const { splitReportHeader } = await load('cli/report-header.js');

  const nReports = Number(process.env.OBSERVATORY_BENCH_REPORTS ?? 10_000);
  const nEvents = Number(process.env.OBSERVATORY_BENCH_EVENTS ?? 1_000_000);
  const dir = process.env.OBSERVATORY_BENCH_DIR ?? mkdtempSync(join(tmpdir(), 'observatory-bench-'));
  const keep = Boolean(process.env.OBSERVATORY_BENCH_DIR);

  try {
    // 1. Ingest with extraction.
    const devPath = join(root, '..', 'shared', 'eval', 'fakes-dev.jsonl');
    const items = existsSync(devPath)
      ? readFileSync(devPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
      : readdirSync(join(root, 'sample', 'reports')).map((f) => {
          const { meta, body } = splitReportHeader(readFileSync(join(root, 'sample', 'reports', f), 'utf8'));
          return { text: body, ...meta };
        });
    const batch = join(dir, 'ingest.jsonl');
    writeFileSync(
      batch,
      Array.from({ length: nReports }, (_, i) => {
        const it = items[i % items.length];
        return JSON.stringify({ id: `bench-${i}`, text: `${it.text}\n\n[${i}]`, published: it.published ?? null, source: it.source ?? null, title: it.title ?? null });
      }).join('\n') + '\n',
    );
    const db1 = join(dir, 'ingest.sqlite');
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const t0 = performance.now();
    const counts = await runIngest([batch], { db: db1, progress: false });
    const secs = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(`store ingest: ${counts.new} reports (${items.length} distinct texts${existsSync(devPath) ? ', fakes-dev' : ', sample'}) with extraction in ${secs.toFixed(1)} s`);
    console.log(`  throughput: ${(counts.new / secs).toFixed(0)} reports/s; peak RSS ${(peak / 1048576).toFixed(0)} MiB; database ${(size(db1) / 1048576).toFixed(1)} MiB`);

    // 2. Synthetic events through the same ingestReport path, 200 events a report.
    const db2 = join(dir, 'events.sqlite');
    let store = await openSqliteStore(db2);
    const rnd = mulberry32(42);
    const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
    const regions = [
      ['Syria', ['Aleppo', 'Idlib', 'Hama', 'Homs', 'Damascus', 'Rural Damascus', 'Daraa', 'Quneitra', 'Deir ez-Zor', 'Raqqa', 'Hasakah', 'Latakia', 'Tartus', 'Suwayda']],
      ['Iraq', ['Nineveh', 'Anbar', 'Salah al-Din', 'Kirkuk', 'Diyala', 'Baghdad', 'Babil', 'Basra']],
      ['Yemen', ['Taiz', 'Al Hudaydah', 'Marib', 'Sanaa', 'Aden', 'Saada', 'Al Jawf', 'Hajjah']],
      ['Afghanistan', ['Helmand', 'Kandahar', 'Kunduz', 'Nangarhar', 'Ghazni', 'Kabul', 'Faryab', 'Balkh']],
    ];
    const actors = Array.from({ length: 300 }, (_, i) => ({ name: `Actor ${i}`, bloc: pick(['pro-government', 'opposition', 'islamic-state', 'kurdish-forces', 'international-coalition', 'unknown']) }));
    const types = [['Battles', 'Armed clash'], ['Explosions/Remote violence', 'Air/drone strike'], ['Explosions/Remote violence', 'Shelling/artillery/missile attack'], ['Violence against civilians', 'Attack'], ['Explosions/Remote violence', 'Remote explosive/landmine/IED']];
    const day0 = Date.parse('2011-03-01');
    const days = 365 * 10;
    const perReport = 200;
    const t1 = performance.now();
    for (let r = 0; r < nEvents / perReport; r++) {
      const events = [];
      const claims = [];
      for (let k = 1; k <= perReport; k++) {
        const [country, admins] = pick(regions);
        const admin1 = pick(admins);
        const date = new Date(day0 + Math.floor(rnd() * days) * 86_400_000).toISOString().slice(0, 10);
        const n = rnd() < 0.4 ? 0 : Math.floor(-Math.log(rnd()) * 6);
        const fatalities = [{ group: 'unknown', low: n, best: n, high: n, kind: 'exact' }];
        const [type, sub_type] = pick(types);
        const who = pick(actors);
        const sentence = `Synthetic event ${k} in ${admin1}.`;
        claims.push({ id: `c${k}`, claimant: pick(['SOHR', 'SANA', 'Local Coordination Committees', 'Ministry of Defence', 'Amaq']), claimant_kind: 'monitor', publisher: null, scope: 'incident', measure: 'killed', fatalities, date: { start: date, end: date, precision: 'day' }, weapon: null, span: { start: 0, end: 9 }, sentence, rule: 'bench:synthetic' });
        events.push({ id: `e${k}`, type, sub_type, date: { start: date, end: date, precision: 'day' }, location: { name: `${admin1} town ${Math.floor(rnd() * 40)}`, admin1, country, lat: 30 + rnd() * 8, lon: 36 + rnd() * 30, precision: 'exact' }, actors: [{ name: who.name, bloc: who.bloc, role: 'perpetrator' }], fatalities, weapon: null, claims: [`c${k}`], scope: 'incident', sentence, span: { start: 0, end: 9 } });
      }
      await store.ingestReport({ text: `synthetic report ${r}`, meta: { published: null, source: 'Bench Wire', title: null }, extraction: { summary: {}, events, claims } });
    }
    const loadSecs = (performance.now() - t1) / 1000;
    await store.close();
    store = await openSqliteStore(db2);
    const c = await store.counts();
    console.log(`store queries: ${c.events.toLocaleString('en')} synthetic events (${c.claims.toLocaleString('en')} claims) loaded through ingestReport in ${loadSecs.toFixed(0)} s (${(c.events / loadSecs).toFixed(0)} events/s)`);
    const perMillion = (size(db2) / 1048576) * (1_000_000 / c.events);
    console.log(`  database size: ${(size(db2) / 1048576).toFixed(0)} MiB, ${perMillion.toFixed(0)} MiB per million events`);

    const month = () => {
      const d = new Date(day0 + Math.floor(rnd() * days) * 86_400_000);
      const y = d.getUTCFullYear();
      const m = d.getUTCMonth();
      return [new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10), new Date(Date.UTC(y, m + 1, 0)).toISOString().slice(0, 10), y];
    };
    const anyAdmin1 = () => pick(pick(regions)[1]);
    const queries = {
      'date range (30 days, newest 100)': () => {
        const [from, to] = month();
        return store.listEvents({ from, to }, { limit: 100 });
      },
      'date range count (30 days)': () => {
        const [from, to] = month();
        return store.countEvents({ from, to });
      },
      'admin1 + month (events, newest 100)': () => {
        const [from, to] = month();
        return store.listEvents({ admin1: anyAdmin1(), from, to }, { limit: 100 });
      },
      'admin1 by month (tally over all months)': () => store.tally({ admin1: anyAdmin1() }, 'month', 1000),
      'top 10 actors by fatalities (one year)': () => {
        const [, , y] = month();
        return store.tally({ from: `${y}-01-01`, to: `${y}-12-31` }, 'actor', 10);
      },
      'top 10 actors by fatalities (one month)': () => {
        const [from, to] = month();
        return store.tally({ from, to }, 'actor', 10);
      },
      'top 10 actors by fatalities (all time)': () => store.tally({}, 'actor', 10),
    };
    for (const [name, q] of Object.entries(queries)) await timeQuery(name, q, name.includes('all time') ? 20 : 200, 42);
    await store.close();
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

function size(db) {
  return [db, `${db}-wal`].filter(existsSync).reduce((n, f) => n + statSync(f).size, 0);
}

function mulberry32(seed) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
