// Intake benchmark (not a test): 200 feeds of 50 items each on a local site (test/watch/feed-server.mjs, on
// 127.0.0.1: generated bulletins, a teaser in the feed and the text on an article page), read by
// `observatory watch --once` as a desk runs it (host delay 0: the site is ours) into a fresh SQLite record: every
// feed and page fetched, read with Readability, extracted and stored. Items per second from the site's first request
// to the watcher's exit, and the watcher's peak RSS.
// OBSERVATORY_BENCH_FEEDS and OBSERVATORY_BENCH_FEED_ITEMS shrink it for a quick run.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { runSources } = await import(pathToFileURL(join(root, 'dist', 'cli', 'commands', 'sources.js')).href);
const { startFeedServer } = await import(pathToFileURL(join(root, 'test', 'watch', 'feed-server.mjs')).href);

const feeds = Number(process.env.OBSERVATORY_BENCH_FEEDS ?? 200);
const perFeed = Number(process.env.OBSERVATORY_BENCH_FEED_ITEMS ?? 50);
const dir = mkdtempSync(join(tmpdir(), 'observatory-intake-'));
const db = join(dir, 'intake.sqlite');
const site = await startFeedServer({ generatedItems: perFeed });
try {
  const quiet = new Writable({ write: (_c, _e, done) => done() });
  for (let n = 0; n < feeds; n++) await runSources('add', `${site.base}/generated/feed-${n}.xml`, { db, name: `feed-${n}` }, quiet);

  const child = spawn(process.execPath, [join(root, 'dist', 'cli', 'main.js'), 'watch', '--once', '--db', db, '--host-delay', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  // The kernel's high-water mark of the watcher's resident memory, read while it runs (Linux).
  let peakKb = null;
  const sample = () => {
    try {
      peakKb = Number(/^VmHWM:\s+(\d+)/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]);
    } catch {
      // Not Linux, or the watcher has just exited: the last reading stands.
    }
  };
  const sampler = setInterval(sample, 100);
  const started = Date.now();
  const code = await new Promise((resolve) => child.on('exit', resolve));
  const ended = Date.now();
  clearInterval(sampler);
  if (code !== 0) throw new Error(`watch --once ended with ${code}:\n${out.slice(-2000)}`);

  const first = site.requests[0].at;
  const pages = site.requests.filter((q) => /^\/generated\/\d+\/\d+\.html$/.test(q.path)).length;
  const totals = /watched once: .*/.exec(out)?.[0] ?? '(no totals line)';
  const items = feeds * perFeed;
  const secs = (ended - first) / 1000;
  console.log(`intake: ${feeds} feeds x ${perFeed} items on a local site, ${pages} article pages fetched, by watch --once into SQLite`);
  console.log(`  ${(items / secs).toFixed(0)} items/s from the first request to the last report stored (${secs.toFixed(1)} s; ${((ended - started) / 1000).toFixed(1)} s with the watcher's start)`);
  console.log(`  ${totals}`);
  console.log(`  peak RSS of the watcher: ${peakKb === null ? 'not measured (no /proc)' : `${(peakKb / 1024).toFixed(0)} MiB`}`);
} finally {
  await site.close();
  rmSync(dir, { recursive: true, force: true });
}
