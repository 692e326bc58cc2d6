// HTTP benchmark (not a test: prints figures, asserts nothing). Requests per second and latency
// percentiles of GET /api/events over a record of 1,000,000 events, from autocannon on loopback,
// about 10 s of load in all (two runs of 5 s: the newest page, and a filtered page).
// Run: npm run build && node bench/http.mjs
// The record: OBSERVATORY_BENCH_HTTP_DB if set; else the events.sqlite that bench/store.mjs leaves in
// OBSERVATORY_BENCH_DIR (run it once with that set, it keeps its folder); else this script has bench/store.mjs
// build one in a temporary folder first (about 15 minutes for a million events on two cores) and removes it after.
// The server runs in its own process (observatory serve), so the load generator does not share its event loop.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const SECONDS = Number(process.env.OBSERVATORY_BENCH_HTTP_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.OBSERVATORY_BENCH_HTTP_CONNECTIONS ?? 10);

let db = process.env.OBSERVATORY_BENCH_HTTP_DB;
let made = null;
if (!db && process.env.OBSERVATORY_BENCH_DIR && existsSync(join(process.env.OBSERVATORY_BENCH_DIR, 'events.sqlite'))) db = join(process.env.OBSERVATORY_BENCH_DIR, 'events.sqlite');
if (!db) {
  made = mkdtempSync(join(tmpdir(), 'observatory-http-bench-'));
  console.log(`http bench: building a record of ${process.env.OBSERVATORY_BENCH_EVENTS ?? '1,000,000'} events with bench/store.mjs in ${made} (slow; set OBSERVATORY_BENCH_HTTP_DB to reuse one)`);
  const r = spawnSync(process.execPath, [join(root, 'bench', 'store.mjs')], { stdio: 'inherit', env: { ...process.env, OBSERVATORY_BENCH_DIR: made, OBSERVATORY_BENCH_REPORTS: '12' } });
  if (r.status) process.exit(r.status);
  db = join(made, 'events.sqlite');
}

const token = spawnSync(process.execPath, [cli, 'token', 'create', '--role', 'viewer', '--name', 'http-bench', '--db', db], { encoding: 'utf8' });
if (token.status) {
  process.stderr.write(token.stderr);
  process.exit(1);
}
const server = spawn(process.execPath, [cli, 'serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
try {
  const base = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (b) => {
      out += b;
      const m = /http:\/\/[^/\s]+\//.exec(out);
      if (m) resolve(m[0]);
    });
    server.once('exit', (code) => reject(new Error(`observatory serve exited with ${code}`)));
  });
  const headers = { authorization: `Bearer ${token.stdout.trim()}` };
  const total = (await (await fetch(`${base}api/events?limit=1`, { headers })).json()).total;
  console.log(`http bench: GET /api/events on ${total.toLocaleString('en')} events, ${CONNECTIONS} connections, ${SECONDS} s a run, loopback`);
  const runs = {
    'newest 100 (no filter, with the total)': 'api/events?limit=100',
    'country + 30 days, newest 100': 'api/events?limit=100&country=Syria&from=2015-03-01&to=2015-03-31',
  };
  for (const [name, path] of Object.entries(runs)) {
    const warm = await fetch(base + path, { headers });
    if (!warm.ok) throw new Error(`${path}: ${warm.status} ${await warm.text()}`);
    const r = await autocannon({ url: base + path, headers, connections: CONNECTIONS, duration: SECONDS });
    const bad = r.errors + r.timeouts + r.non2xx;
    console.log(
      `  ${name.padEnd(40)} ${r.requests.average.toFixed(0).padStart(6)} req/s   p50 ${String(r.latency.p50).padStart(5)} ms   p99 ${String(r.latency.p99).padStart(5)} ms   max ${String(r.latency.max).padStart(5)} ms   (${r.requests.total.toLocaleString('en')} requests${bad ? `, ${bad} failed` : ''})`,
    );
  }
} finally {
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  await exited;
  if (made) rmSync(made, { recursive: true, force: true });
}
