// PostgreSQL benchmark (not a test; prints figures, asserts nothing). Needs a server:
//   OBSERVATORY_BENCH_PG=postgres://postgres@127.0.0.1:5432/postgres npm run build && node bench/postgres.mjs
// (bench/run.mjs runs it too when OBSERVATORY_BENCH_PG is set.) It creates and drops its own databases.
//   1. ingest with extraction of N reports (default 10,000; the dev set's texts, else the sample, each made
//      unique): SQLite in one process, then PostgreSQL through the queue with 1 and with 2 workers; reports/s
//      and each worker's peak RSS.
//   2. M synthetic events (default 10,000,000) loaded in SQL (generate_series), then p50/p95 of the common
//      queries through the Store, and the database size per million events.
// Knobs: OBSERVATORY_BENCH_REPORTS, OBSERVATORY_BENCH_PG_EVENTS, OBSERVATORY_BENCH_PG_KEEP=1 (keep the databases),
// OBSERVATORY_BENCH_PG_SKIP_INGEST=1, OBSERVATORY_BENCH_PG_SKIP_QUERIES=1, OBSERVATORY_BENCH_PG_REUSE=1 (queries
// against a kept events database).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { timeQuery } from './time-query.mjs';

const self = fileURLToPath(import.meta.url);
const root = join(dirname(self), '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const server = process.env.OBSERVATORY_BENCH_PG;
if (!server) {
  console.log('postgres bench: skipped, OBSERVATORY_BENCH_PG is not set (a postgres:// URL of a server where databases may be created)');
} else {
  await main();
}

async function main() {
  const load = (p) => import(pathToFileURL(join(root, 'dist', p)).href);
  const { splitReportHeader } = await load('cli/report-header.js');
  const { default: pg } = await import('pg');
  const keep = Boolean(process.env.OBSERVATORY_BENCH_PG_KEEP);
  const admin = async (q) => {
    const c = new pg.Client({ connectionString: server });
    await c.connect();
    try {
      return await c.query(q);
    } finally {
      await c.end();
    }
  };
  const urlFor = (name) => {
    const u = new URL(server);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const fresh = async (name) => {
    await admin(`drop database if exists ${name} with (force)`);
    await admin(`create database ${name}`);
    return urlFor(name);
  };
  const dir = mkdtempSync(join(tmpdir(), 'observatory-pgbench-'));
  const made = [];
  try {
    if (!process.env.OBSERVATORY_BENCH_PG_SKIP_INGEST) {
      const nReports = Number(process.env.OBSERVATORY_BENCH_REPORTS ?? 10_000);
      const devPath = join(root, '..', 'shared', 'eval', 'fakes-dev.jsonl');
      const items = existsSync(devPath)
        ? readFileSync(devPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))
        : readdirSync(join(root, 'sample', 'reports')).map((f) => {
            const { meta, body } = splitReportHeader(readFileSync(join(root, 'sample', 'reports', f), 'utf8'));
            return { text: body, ...meta };
          });
      const batch = join(dir, 'ingest.jsonl');
      writeFileSync(batch, Array.from({ length: nReports }, (_, i) => {
        const it = items[i % items.length];
        return JSON.stringify({ id: `bench-${i}`, text: `${it.text}\n\n[${i}]`, published: it.published ?? null, source: it.source ?? null, title: it.title ?? null });
      }).join('\n') + '\n');
      console.log(`postgres bench, ingest: ${nReports} reports (${items.length} distinct texts, ${existsSync(devPath) ? 'fakes-dev' : 'sample'}), extraction included, ${(await import('node:os')).cpus().length} cores`);

      const t0 = performance.now();
      const s = await cmd(['ingest', batch, '--db', join(dir, 'ingest.sqlite'), '--no-progress']);
      const sqliteSecs = (performance.now() - t0) / 1000;
      console.log(`  SQLite, one process (observatory ingest): ${sqliteSecs.toFixed(1)} s, ${(nReports / sqliteSecs).toFixed(0)} reports/s; peak RSS ${s.maxRssMiB} MiB`);

      for (const workers of [1, 2]) {
        const name = `observatory_bench_ingest_${workers}`;
        const url = await fresh(name);
        made.push(name);
        const te = performance.now();
        await cmd(['enqueue', batch, '--db', url]);
        const enqSecs = (performance.now() - te) / 1000;
        const tw = performance.now();
        const w = await cmd(['worker', '--db', url, '--until-empty', '--concurrency', String(workers)]);
        const secs = (performance.now() - tw) / 1000;
        const rss = [...w.out.matchAll(/^worker(?: \d+)?: .*peak RSS (\d+) MiB/gm)].map((m) => `${m[1]} MiB`);
        console.log(`  PostgreSQL, ${workers} worker${workers > 1 ? 's' : ''}: enqueue ${enqSecs.toFixed(1)} s; workers ${secs.toFixed(1)} s (start-up included), ${(nReports / secs).toFixed(0)} reports/s; peak RSS per worker ${rss.join(', ')}`);
      }
    }

    if (!process.env.OBSERVATORY_BENCH_PG_SKIP_QUERIES) await queries(pg, fresh, urlFor, made);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (!keep) for (const name of made) await admin(`drop database if exists ${name} with (force)`);
  }
}

async function queries(pg, fresh, urlFor, made) {
  const { openPostgresStore } = await import(pathToFileURL(join(root, 'dist', 'store', 'postgres.js')).href);
  const nEvents = Number(process.env.OBSERVATORY_BENCH_PG_EVENTS ?? 10_000_000);
  const name = `observatory_bench_events_${nEvents}`;
  const reuse = Boolean(process.env.OBSERVATORY_BENCH_PG_REUSE);
  const url = reuse ? urlFor(name) : await fresh(name);
  if (!reuse) made.push(name);
  let store = await openPostgresStore(url);
  if (!reuse) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const t0 = performance.now();
    // Load without the events indexes, then build them: what a bulk load does.
    const { rows: idx } = await c.query(`select indexname, indexdef from pg_indexes where tablename = 'events' and indexname <> 'events_pkey'`);
    for (const { indexname } of idx) await c.query(`drop index ${indexname}`);
    const admins = ['Aleppo', 'Idlib', 'Hama', 'Homs', 'Damascus', 'Rural Damascus', 'Daraa', 'Quneitra', 'Deir ez-Zor', 'Raqqa', 'Hasakah', 'Latakia', 'Tartus', 'Suwayda', 'Nineveh', 'Anbar', 'Salah al-Din', 'Kirkuk', 'Diyala', 'Baghdad', 'Babil', 'Basra', 'Taiz', 'Al Hudaydah', 'Marib', 'Sanaa', 'Aden', 'Saada', 'Al Jawf', 'Hajjah', 'Helmand', 'Kandahar', 'Kunduz', 'Nangarhar', 'Ghazni', 'Kabul', 'Faryab', 'Balkh'];
    const countries = admins.map((_, i) => (i < 14 ? 'Syria' : i < 22 ? 'Iraq' : i < 30 ? 'Yemen' : 'Afghanistan'));
    const arr = (xs) => `array[${xs.map((x) => `'${x}'`).join(',')}]`;
    const types = [['Battles', 'Armed clash'], ['Explosions/Remote violence', 'Air/drone strike'], ['Explosions/Remote violence', 'Shelling/artillery/missile attack'], ['Violence against civilians', 'Attack'], ['Explosions/Remote violence', 'Remote explosive/landmine/IED']];
    const blocs = ['pro-government', 'opposition', 'islamic-state', 'kurdish-forces', 'international-coalition', 'unknown'];
    await c.query('select setseed(0.42)');
    const step = 1_000_000;
    for (let lo = 1; lo <= nEvents; lo += step) {
      const hi = Math.min(nEvents, lo + step - 1);
      await c.query(`
        insert into events (id, report_id, origin, external_id, type, sub_type, date_start, date_end, date_precision, month, country, country_key,
          admin1, admin1_key, location, lat, lon, geo_precision, fatalities_best, fatalities, perpetrator_actor, perpetrator_bloc, actors, scope, sentence, span_start, span_end, source)
        select 'syn-' || lpad(g::text, 9, '0'), null, 'acled', null, (${arr(types.map((t) => t[0]))})[r.ti], (${arr(types.map((t) => t[1]))})[r.ti],
          r.d::text, r.d::text, 'day', to_char(r.d, 'YYYY-MM'), (${arr(countries)})[r.ai], lower((${arr(countries)})[r.ai]),
          (${arr(admins)})[r.ai], lower((${arr(admins)})[r.ai]), (${arr(admins)})[r.ai] || ' town ' || (g % 40), r.lat, r.lon, 'exact', r.n,
          '[{"group":"unknown","low":' || r.n || ',"best":' || r.n || ',"high":' || r.n || ',"kind":"exact"}]',
          'Actor ' || r.actor, (${arr(blocs)})[1 + r.actor % ${blocs.length}], '[{"name":"Actor ' || r.actor || '","bloc":"x","role":"perpetrator"}]', 'incident', 'Synthetic event.', 0, 9, 'Bench Wire'
        from generate_series(${lo}, ${hi}) g
        cross join lateral (select g as gg, 1 + floor(random() * ${admins.length})::int as ai, 1 + floor(random() * ${types.length})::int as ti,
          date '2011-03-01' + floor(random() * 3650)::int as d, case when random() < 0.4 then 0 else floor(-ln(1 - random()) * 6)::int end as n,
          floor(random() * 300)::int as actor, 12 + random() * 30 as lat, 25 + random() * 40 as lon) r`);
      process.stdout.write(`\r  loading: ${hi.toLocaleString('en')} events`);
    }
    const loaded = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    for (const { indexdef } of idx) await c.query(indexdef);
    await c.query('truncate actor_month_totals');
    await c.query(`insert into actor_month_totals (actor, month, events, fatalities)
      select coalesce(perpetrator_actor, ''), coalesce(month, ''), count(*), coalesce(sum(case when scope = 'cumulative-toll' then 0 else fatalities_best end), 0) from events group by 1, 2`);
    await c.query('vacuum analyze');
    console.log(`\r  loaded ${nEvents.toLocaleString('en')} synthetic events in ${loaded.toFixed(0)} s (generate_series, 1M a statement), indexes and totals built and vacuumed in ${((performance.now() - t1) / 1000).toFixed(0)} s`);
    await c.end();
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows: [sz] } = await c.query(`select pg_database_size(current_database()) as db, pg_total_relation_size('events') as events, pg_relation_size('events') as heap, (select count(*) from events) as n`);
  await c.end();
  const mib = (x) => Number(x) / 1048576;
  const perM = 1_000_000 / Number(sz.n);
  console.log(`postgres bench, queries: ${Number(sz.n).toLocaleString('en')} events; database ${(mib(sz.db) / 1024).toFixed(1)} GiB; events table with its indexes ${(mib(sz.events) * perM).toFixed(0)} MiB per million events (rows alone ${(mib(sz.heap) * perM).toFixed(0)} MiB)`);

  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const admins = ['Aleppo', 'Idlib', 'Hama', 'Nineveh', 'Anbar', 'Taiz', 'Marib', 'Helmand', 'Kabul', 'Balkh'];
  const day0 = Date.parse('2011-03-01');
  const month = () => {
    const d = new Date(day0 + Math.floor(rnd() * 3650) * 86_400_000);
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth();
    return [new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10), new Date(Date.UTC(y, m + 1, 0)).toISOString().slice(0, 10), y];
  };
  const qs = {
    'date range (one month, newest 100)': () => { const [from, to] = month(); return store.listEvents({ from, to }, { limit: 100 }); },
    'date range count (one month)': () => { const [from, to] = month(); return store.countEvents({ from, to }); },
    'admin1 + month (events, newest 100)': () => { const [from, to] = month(); return store.listEvents({ admin1: pick(admins), from, to }, { limit: 100 }); },
    'admin1 by month (tally over all months)': () => store.tally({ admin1: pick(admins) }, 'month', 1000),
    'top 10 actors by fatalities (one month)': () => { const [from, to] = month(); return store.tally({ from, to }, 'actor', 10); },
    'top 10 actors by fatalities (one year)': () => { const [, , y] = month(); return store.tally({ from: `${y}-01-01`, to: `${y}-12-31` }, 'actor', 10); },
    'top 10 actors by fatalities (all time)': () => store.tally({}, 'actor', 10),
    'top 10 actors, 10 days (from the events)': () => { const [from] = month(); return store.tally({ from, to: from.slice(0, 8) + '10' }, 'actor', 10); },
    'events near a point (25 km, newest 100)': () => store.listEvents({ near: { lat: 12 + rnd() * 30, lon: 25 + rnd() * 40, km: 25 } }, { limit: 100 }),
    'events near a point (25 km, count)': () => store.countEvents({ near: { lat: 12 + rnd() * 30, lon: 25 + rnd() * 40, km: 25 } }),
    'newest 100, no filter': () => store.listEvents({}, { limit: 100 }),
  };
  for (const [label, q] of Object.entries(qs)) await timeQuery(label, q, 100);
  await store.close();
}

function cmd(args) {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '%M', process.execPath, cli, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      const maxRssMiB = Math.round(Number(err.trim().split('\n').pop()) / 1024);
      if (code) reject(new Error(`observatory ${args[0]} exited ${code}: ${err}`));
      else resolve({ out, maxRssMiB });
    });
  });
}
