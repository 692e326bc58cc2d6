// Watchers as a desk runs them: whole processes (`node dist/cli/main.js watch`, built by npm test) against the
// local site (test/watch/feed-server.mjs, 127.0.0.1 only). A watcher killed with kill -9 in the middle of a poll
// and started again ends with the record a clean run makes; two watchers sharing one PostgreSQL record poll each
// source once per interval between them; one story carried by three outlets, watched, is one report seen three times.
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { killStarted, start } from '../cli-processes.js';
import { DIALECTS, EACH } from '../dialects.js';
import { OUTLETS, startFeedServer } from './feed-server.mjs';

type Site = Awaited<ReturnType<typeof startFeedServer>>;

let site: Site | null = null;
afterEach(async () => {
  killStarted();
  await site?.close();
  site = null;
});

/** A command run to its end, without blocking this process: it serves the site the command reads. */
async function cli(...args: string[]): Promise<{ code: number | null; out: string }> {
  return start(args).exited;
}

/** Waits until the check holds. The bound is no timing assertion, only a failure that says what never happened. */
async function until(what: string, check: () => boolean): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 60_000; await new Promise((r) => setTimeout(r, 20))) if (check()) return;
  throw new Error(`gave up waiting for ${what}`);
}

/** The generated feeds 0..n-1 of the site, watched as gen-0, gen-1, ... */
async function watchGenerated(db: string, n: number, interval = '10m'): Promise<void> {
  for (let i = 0; i < n; i++) expect((await cli('sources', 'add', `${site!.base}/generated/feed-${i}.xml`, '--name', `gen-${i}`, '--interval', interval, '--db', db)).code).toBe(0);
}

/** What the record holds: each report (id, text, times seen), and the counts of everything extracted. */
async function record(db: string) {
  const s = await openStore(db);
  try {
    const { reports } = await s.listReports({ limit: 1000 });
    const held = [];
    for (const r of reports) held.push({ id: r.id, text: (await s.getReport(r.id))!.text, sightings: r.sightings });
    held.sort((a, b) => (a.id < b.id ? -1 : 1));
    const seen = (await s.watchedSources()).map((x) => [x.name, x.items_seen, x.reports_ingested]);
    return { reports: held, counts: await s.counts(), seen };
  } finally {
    await s.close();
  }
}

describe.each(EACH)('[%s]', (_name, dialect) => {
  describe.skipIf(!dialect.available)('a watcher killed with kill -9 in the middle of a poll', () => {
    it('started again, ends with exactly the reports of a clean run: none lost, none doubled', { timeout: 120_000 }, async () => {
      // The second page gen-1 asks for is never answered the first time: the kill lands while that request is in
      // flight, after gen-1's first two items were stored and before the rest.
      site = await startFeedServer({ generatedItems: 6, holdOnce: '/generated/1/3.html' });
      const crashed = await dialect.fresh('crashed');
      await watchGenerated(crashed, 3);
      const watcher = start(['watch', '--db', crashed, '--host-delay', '0']);
      await until('the watcher asking for the held page', () => site!.hits('/generated/1/3.html') > 0);
      watcher.child.kill('SIGKILL');
      await watcher.exited;
      const partial = await record(crashed);
      expect(partial.reports.length).toBeGreaterThanOrEqual(2);
      expect(partial.reports.length).toBeLessThan(18);

      const clean = await dialect.fresh('clean');
      await watchGenerated(clean, 3);
      expect((await cli('watch', '--once', '--db', clean, '--host-delay', '0')).code).toBe(0);
      const expected = await record(clean);
      // Eighteen different stories, each seen once: which copy came first cannot change what is held.
      expect(expected.reports).toHaveLength(18);
      expect(expected.reports.every((r) => r.sightings === 1)).toBe(true);
      expect(expected.seen).toEqual([0, 1, 2].map((i) => [`gen-${i}`, 6, 6]));

      const restarted = await cli('watch', '--once', '--db', crashed, '--host-delay', '0');
      expect(restarted.code).toBe(0);
      // The dead watcher's sources are taken back at once, not when its leases run out.
      expect(restarted.out).toMatch(/took back [123] sources? held by .*, a watcher of this machine that is no longer running/);
      expect(await record(crashed)).toEqual(expected);
    });
  });

  describe.skipIf(!dialect.available)('one story at three outlets, watched', () => {
    it('is one report seen three times: three headlines, three pages', { timeout: 60_000 }, async () => {
      site = await startFeedServer();
      const db = await dialect.fresh('outlets');
      for (const name of Object.keys(OUTLETS)) expect((await cli('sources', 'add', `${site.base}/outlets/${name}.xml`, '--name', name, '--kind', 'wire', '--db', db)).code).toBe(0);
      const watched = await cli('watch', '--once', '--db', db, '--host-delay', '0');
      expect(watched.code).toBe(0);
      expect(watched.out).toContain('watched once: 3 polls, 1 new reports, 2 already held, 0 items failed, 0 polls failed');

      const s = await openStore(db);
      try {
        const { reports } = await s.listReports({ limit: 10 });
        expect(reports.map((r) => r.sightings)).toEqual([3]);
        const { sightings } = (await s.getReport(reports[0].id))!;
        expect(sightings.map((x) => [x.outlet, x.title, x.url]).sort()).toEqual(
          Object.entries(OUTLETS)
            .map(([name, o]) => [o.site, o.headline, `${site!.base}/outlets/${name}/saraqeb-market.html`])
            .sort(),
        );
        // Its events are the story's, once: one strike on Saraqeb's market.
        expect((await s.listIncidents({})).map((i) => [i.location, i.deaths_best, i.reports])).toEqual([['Saraqeb', 10, 1]]);
      } finally {
        await s.close();
      }
    });
  });
});

describe.skipIf(!DIALECTS[1].available)('two watchers on one PostgreSQL record', () => {
  it('poll each source once per interval between them: no feed is asked for twice within its interval', { timeout: 120_000 }, async () => {
    // Each feed takes 0.8 s to answer and each watcher polls one source at a time: one watcher alone cannot keep
    // six sources to a 3 s interval, so both have work from the start.
    site = await startFeedServer({ generatedItems: 2, generatedInFeed: true, feedDelayMs: 800 });
    const db = await DIALECTS[1].fresh('two-watchers');
    await watchGenerated(db, 6, '3s');
    const watchers = [0, 1].map(() => start(['watch', '--db', db, '--host-delay', '0', '--concurrency', '1']));
    const feeds = [0, 1, 2, 3, 4, 5].map((i) => `/generated/feed-${i}.xml`);
    await until('four polls of every source', () => feeds.every((f) => site!.hits(f) >= 4));
    for (const w of watchers) w.child.kill('SIGKILL');
    await Promise.all(watchers.map((w) => w.exited));

    for (const f of feeds) {
      const at = site.requests.filter((q) => q.path === f).map((q) => q.at);
      // A poll's request reaches the site a moment after the poll began, and the next poll begins an interval after
      // that at the earliest: a source polled by both watchers would be asked for twice within milliseconds.
      const gaps = at.slice(1).map((t, i) => t - at[i]);
      expect(Math.min(...gaps), f).toBeGreaterThanOrEqual(3_000 - 250);
    }
    // Both did their share.
    for (const w of watchers) expect(w.seen.out).toMatch(/^gen-\d: /m);
  });
});
