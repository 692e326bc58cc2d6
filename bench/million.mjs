// "Fast at a million" (issue 11 point 9, issue 12 point 8): a benchmark, not a test; it prints figures and
// asserts nothing. Over a synthetic record (bench/synthetic-record.mjs) in SQLite, and in PostgreSQL when
// OBSERVATORY_BENCH_PG names a server:
//   store: p50 / p95 of a month's page of incidents in one country and in one region, the newest page of events,
//          substring filters (actor, claimant, place) and one-month tallies, through the Store;
//   http:  requests/s and p50 / p99 of GET /api/events (newest page; substring filters) and of one-month tallies,
//          from autocannon against `observatory serve` in its own process; the newest page again while another
//          process ingests into the record (bench/busy-writer.mjs).
// Sizes: OBSERVATORY_BENCH_MILLION_EVENTS (SQLite, default 1,000,000) and OBSERVATORY_BENCH_PG_MILLION_EVENTS
// (default 100,000); the README's figures are 1,000,000 and 10,000,000. A record made before is reused with
// OBSERVATORY_BENCH_MILLION_DB / OBSERVATORY_BENCH_PG_MILLION_DB (node bench/make-record.mjs N LOCATION makes one).
// Run: npm run build && node bench/million.mjs
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { makeRecord } from './make-record.mjs';
import { vocabulary } from './synthetic-record.mjs';
import { timeQuery } from './time-query.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const load = (p) => import(pathToFileURL(join(root, 'dist', p)).href);
const SECONDS = Number(process.env.OBSERVATORY_BENCH_HTTP_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.OBSERVATORY_BENCH_HTTP_CONNECTIONS ?? 10);
const WARM_SECONDS = 2;

// OBSERVATORY_BENCH_MILLION_ONLY=sqlite|postgres runs one half.
const only = process.env.OBSERVATORY_BENCH_MILLION_ONLY;
if (only !== 'postgres') await onSqlite();
if (only !== 'sqlite') {
  if (process.env.OBSERVATORY_BENCH_PG) await onPostgres(process.env.OBSERVATORY_BENCH_PG);
  else console.log('million bench, PostgreSQL: skipped, OBSERVATORY_BENCH_PG is not set');
}

async function onSqlite() {
  let db = process.env.OBSERVATORY_BENCH_MILLION_DB;
  let dir = null;
  if (!db) {
    dir = mkdtempSync(join(tmpdir(), 'observatory-million-'));
    db = join(dir, 'record.sqlite');
    await made(db, Number(process.env.OBSERVATORY_BENCH_MILLION_EVENTS ?? 1_000_000));
  }
  try {
    // A server that has been running holds its record in memory: the file is read through once before timing.
    for await (const _ of createReadStream(db, { highWaterMark: 1 << 22 }));
    const { openSqliteStore } = await load('store/sqlite.js');
    await measure('SQLite', db, await openSqliteStore(db));
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

async function onPostgres(server) {
  const { default: pg } = await import('pg');
  const admin = async (q) => {
    const c = new pg.Client({ connectionString: server });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  let url = process.env.OBSERVATORY_BENCH_PG_MILLION_DB;
  let name = null;
  if (!url) {
    const n = Number(process.env.OBSERVATORY_BENCH_PG_MILLION_EVENTS ?? 100_000);
    name = `observatory_bench_million_${n}`;
    await admin(`drop database if exists ${name} with (force)`);
    await admin(`create database ${name}`);
    const u = new URL(server);
    u.pathname = `/${name}`;
    url = u.toString();
    await made(url, n);
  }
  try {
    const { openPostgresStore } = await load('store/postgres.js');
    await measure('PostgreSQL', url, await openPostgresStore(url));
  } finally {
    if (name) await admin(`drop database if exists ${name} with (force)`);
  }
}

async function made(location, n) {
  const r = await makeRecord(location, n, (k) => process.stdout.write(`\r  making a synthetic record: ${k.toLocaleString('en')} events`));
  process.stdout.write(`\r  made a synthetic record of ${r.written.toLocaleString('en')} events in ${r.seconds.toFixed(0)} s\n`);
}

async function measure(label, location, store) {
  const v = await vocabulary();
  const c = await store.counts();
  const incidents = await store.countIncidents({});
  console.log(`million bench, ${label}: ${c.events.toLocaleString('en')} events, ${incidents.toLocaleString('en')} incidents, ${c.actors.toLocaleString('en')} actors, ${c.places.toLocaleString('en')} places, ${c.sources.toLocaleString('en')} sources`);
  const rnd = mulberry32(11);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const weighted = () => {
    const x = Math.floor(rnd() * v.weight);
    return v.countries.find((k) => x >= k.lo && x <= k.hi);
  };
  const month = () => {
    const d = new Date(Date.UTC(2011, 0, 1) + Math.floor(rnd() * 5113) * 86_400_000);
    return { from: new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)).toISOString().slice(0, 10), to: new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10) };
  };
  // A region of a country drawn by weight (the gazetteer gives none in the Palestinian territories).
  const regions = v.countries.map((k) => [...new Set(k.places.map((p) => p.admin1).filter(Boolean))]);
  const region = () => {
    for (;;) {
      const held = regions[v.countries.indexOf(weighted())];
      if (held.length) return pick(held);
    }
  };
  const page = (filter) => store.listEvents(filter, { limit: 100 });
  const SUBSTRINGS = [
    ['actor=army & claimant=observatory', { actor: 'army', claimant: 'observatory' }],
    ['actor=army', { actor: 'army' }],
    ['actor=forces & place=kharkiv', { actor: 'forces', place: 'kharkiv' }],
    ['claimant=ministry', { claimant: 'ministry' }],
    ['place=al (2 letters: no trigram)', { place: 'al' }],
    ['actor=taliban', { actor: 'taliban' }],
  ];
  const queries = {
    'incidents: a month in a country, newest 100': () => store.listIncidents({ ...month(), country: weighted().name }, { limit: 100 }),
    'incidents: a month in a region, newest 100': () => store.listIncidents({ ...month(), admin1: region() }, { limit: 100 }),
    'events: newest 100, no filter': () => page({}),
    ...Object.fromEntries(SUBSTRINGS.map(([name, f]) => [`events: ${name}, newest 100`, () => page(f)])),
    'events: actor=army in a month, newest 100': () => page({ ...month(), actor: 'army' }),
    'tally: a month by region': () => store.tally(month(), 'admin1', 1000),
    'tally: a month by perpetrator bloc': () => store.tally(month(), 'bloc', 1000),
    'tally: a month by actor': () => store.tally(month(), 'actor', 20),
    'tally: a month by region, actor=army': () => store.tally({ ...month(), actor: 'army' }, 'admin1', 1000),
    'tally: a month by country, claimant=observatory': () => store.tally({ ...month(), claimant: 'observatory' }, 'country', 1000),
  };
  for (const [name, q] of Object.entries(queries)) await timeQuery(name, q, 100, 52);
  await store.close();

  const m = { from: '2016-03-01', to: '2016-03-31' };
  await http(location, {
    'events, newest 100 (no filter)': 'api/events?limit=100',
    'events, actor=army & claimant=observatory': 'api/events?limit=100&actor=army&claimant=observatory',
    'events, actor=army': 'api/events?limit=100&actor=army',
    'record tally, a month by region': `api/tallies/record?by=admin1&from=${m.from}&to=${m.to}`,
    'record tally, a month by region, actor=army': `api/tallies/record?by=admin1&from=${m.from}&to=${m.to}&actor=army`,
    'reconciled tally, a month in a country by bloc': `api/tallies?by=bloc&from=${m.from}&to=${m.to}&country=Syria`,
  });
}

async function http(location, runs) {
  const token = spawnSync(process.execPath, [cli, 'token', 'create', '--role', 'viewer', '--name', `million-bench-${Date.now()}`, '--db', location], { encoding: 'utf8' });
  if (token.status) throw new Error(token.stderr);
  const server = spawn(process.execPath, [cli, 'serve', '--db', location, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const base = await new Promise((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (b) => {
        out += b;
        const found = /http:\/\/[^/\s]+\//.exec(out);
        if (found) resolve(found[0]);
      });
      server.once('exit', (code) => reject(new Error(`observatory serve exited with ${code}`)));
    });
    const headers = { authorization: `Bearer ${token.stdout.trim()}` };
    await settled(server.pid);
    console.log(`  http: ${CONNECTIONS} connections, ${SECONDS} s a run after ${WARM_SECONDS} s of warming up, loopback; cpu: the server's (and its PostgreSQL backends') CPU time per request`);
    for (const [name, path] of Object.entries(runs)) {
      const warm = await fetch(base + path, { headers });
      if (!warm.ok) throw new Error(`${path}: ${warm.status} ${await warm.text()}`);
      // A server that has been running has compiled its hot code and cached its statements: a short run first.
      await autocannon({ url: base + path, headers, connections: CONNECTIONS, duration: WARM_SECONDS });
      const pids = [server.pid, ...(await backends(location))];
      const cpu0 = cpuSeconds(pids);
      const r = await autocannon({ url: base + path, headers, connections: CONNECTIONS, duration: SECONDS });
      const cpu = ((cpuSeconds(pids) - cpu0) * 1000) / Math.max(1, r.requests.total);
      const bad = r.errors + r.timeouts + r.non2xx;
      console.log(`  ${name.padEnd(50)} ${r.requests.average.toFixed(0).padStart(6)} req/s   p50 ${String(r.latency.p50).padStart(5)} ms   p99 ${String(r.latency.p99).padStart(5)} ms   cpu ${cpu.toFixed(2)} ms a request${bad ? `   (${bad} failed)` : ''}`);
    }
    await besideWriter(location, base + Object.values(runs)[0], headers);
  } finally {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
}

/** The first run's page again while another process ingests into the record (bench/busy-writer.mjs): reads must not wait for writes. */
async function besideWriter(location, url, headers) {
  const writer = spawn(process.execPath, [join(root, 'bench', 'busy-writer.mjs'), location], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  writer.stdout.on('data', (b) => (out += b));
  try {
    await new Promise((resolve, reject) => {
      writer.stdout.on('data', () => out.includes('writing') && resolve());
      writer.once('exit', (code) => reject(new Error(`the busy writer exited with ${code}`)));
    });
    const r = await autocannon({ url, headers, connections: CONNECTIONS, duration: SECONDS });
    const bad = r.errors + r.timeouts + r.non2xx;
    console.log(`  ${'the same, another process ingesting meanwhile'.padEnd(50)} ${r.requests.average.toFixed(0).padStart(6)} req/s   p50 ${String(r.latency.p50).padStart(5)} ms   p99 ${String(r.latency.p99).padStart(5)} ms${bad ? `   (${bad} failed)` : ''}`);
  } finally {
    const exited = new Promise((r) => writer.once('exit', r));
    writer.kill('SIGTERM');
    await exited;
    console.log(`  the writer: ${out.split('\n').find((l) => l.startsWith('stored')) ?? 'stored nothing'}`);
  }
}

/** Waits (30 s at most) until the process is idle: the server's threads load the extractor as it starts. */
async function settled(pid) {
  for (let waited = 0; waited < 30_000; waited += 500) {
    const before = cpuSeconds([pid]);
    await new Promise((r) => setTimeout(r, 500));
    if (cpuSeconds([pid]) - before < 0.05) return;
  }
}

/** CPU seconds (user and system) the processes have used so far, from /proc; 0 where it cannot be read. */
function cpuSeconds(pids) {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Not Linux, or the process is gone.
    }
  }
  return ticks / 100;
}

/** The PostgreSQL backends serving `observatory serve` (its pool names itself 'observatory'); none for SQLite. */
async function backends(location) {
  if (!/^postgres(ql)?:\/\//.test(location)) return [];
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: location });
  await c.connect();
  try {
    return (await c.query(`select pid from pg_stat_activity where application_name = 'observatory' and datname = current_database()`)).rows.map((r) => r.pid);
  } finally {
    await c.end();
  }
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
