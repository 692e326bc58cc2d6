// `observatory sources` and `observatory watch --once` as a desk runs them, against a local site
// (test/watch/feed-server.mjs, 127.0.0.1 only), on every database in DIALECTS: every feed format, article pages
// and entries carried in full, conditional requests on the next poll, failing sources backed off while the others
// go on, robots.txt, items retried a few times, and watched folders (new and changed files, growing batches).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runAlerts } from '../../src/cli/commands/alerts.js';
import { runSources, type SourcesOpts } from '../../src/cli/commands/sources.js';
import { runWatch, type WatchOpts } from '../../src/cli/commands/watch.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { EACH } from '../dialects.js';
import { startFeedServer } from './feed-server.mjs';

type Server = Awaited<ReturnType<typeof startFeedServer>>;

let site: Server;
let dirs: string[] = [];
beforeAll(async () => {
  site = await startFeedServer();
});
afterAll(async () => {
  await site?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Runs `sources ACTION` and gives back what it printed, or the one-line error it failed with. */
async function sources(db: string, action: string, target?: string, opts: SourcesOpts = {}): Promise<string> {
  let out = '';
  const sink = new Writable({ write: (chunk, _enc, done) => ((out += String(chunk)), done()) });
  try {
    await runSources(action, target, { db, ...opts }, sink);
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
  return out;
}

/** One `watch --once`, polite to nobody (the local site is ours): its log lines, and its error if it ended with one. */
async function watchOnce(db: string, opts: Partial<WatchOpts> = {}): Promise<{ lines: string[]; error: string | null }> {
  const lines: string[] = [];
  try {
    await runWatch({ db, once: true, hostDelay: '0', timeout: '10s', maxSize: '1MB', ...opts }, (l) => lines.push(l));
    return { lines, error: null };
  } catch (e) {
    return { lines, error: (e as Error).message };
  }
}

const days = (ms: number) => new Date(Date.now() - ms);

describe.each(EACH)('[%s]', (_name, dialect) => {
  let db: string;
  let store: Store | null = null;
  const open = async () => (store = await openStore(db));

  beforeEach(async () => {
    if (!dialect.available) return;
    db = await dialect.fresh('watch');
  });
  afterEach(async () => {
    await store?.close();
    store = null;
  });

  describe.skipIf(!dialect.available)('sources', () => {
    it('add, list, show and remove, as a desk runs them', async () => {
      expect(await sources(db, 'add', `${site.base}/feeds/rss.xml`, { name: 'levant', kind: 'wire', country: 'Syria', interval: '15m' })).toBe(
        `watching "levant": ${site.base}/feeds/rss.xml, wire, Syria, every 15m; due now (observatory watch polls it)\n`,
      );
      expect(await sources(db, 'add', `${site.base}/feeds/atom.xml`)).toMatch(/^watching "127\.0\.0\.1": .*, unknown, every 10m/);
      const list = await sources(db, 'list');
      expect(list.split('\n')[0]).toMatch(/^name\s+kind\s+every\s+status\s+last fetch\s+next due\s+items\s+reports\s+last day\s+failed\s+last error$/);
      expect(list).toMatch(/\nlevant\s+wire\s+15m\s+new\s/);
      expect(list).toContain('2 sources; times are UTC');
      const shown = await sources(db, 'show', 'levant');
      expect(shown).toContain(`levant: URL ${site.base}/feeds/rss.xml`);
      expect(shown).toContain('kind wire, country Syria, polled every 15m');
      expect(shown).toContain('last fetch: never');
      expect(shown).toContain('items seen 0: 0 new reports, 0 already held, 0 failed');
      expect(JSON.parse(await sources(db, 'list', undefined, { json: true })).map((s: { name: string }) => s.name)).toEqual(['127.0.0.1', 'levant']);
      expect(await sources(db, 'remove', 'levant')).toBe('no longer watching "levant"; the reports read from it stay in the record\n');
      expect(await sources(db, 'show', 'levant')).toBe('error: no source named "levant" (observatory sources list shows them)');
    });

    it('refuses what cannot be watched, in one line each', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'observatory-watch-'));
      dirs.push(folder);
      writeFileSync(join(folder, 'a.txt'), 'text');
      await sources(db, 'add', `${site.base}/feeds/rss.xml`, { name: 'levant' });
      await sources(db, 'add', `${site.base}/feeds/atom.xml`);
      for (const [target, opts, error] of [
        [`${site.base}/feeds/rss.xml`, { name: 'again' }, `error: ${site.base}/feeds/rss.xml is already watched, as "levant"`],
        [`${site.base}/feeds/rss-private.xml`, {}, 'error: a source named "127.0.0.1" is already watched (give another with --name)'],
        [`${site.base}/feeds/atom.xml`, { name: 'levant' }, 'error: a source named "levant" is already watched'],
        [`${site.base}/feeds/atom.xml`, { kind: 'blogger' }, 'error: --kind must be one of monitor, wire, state-media, party-media, official, armed-group, witness, unknown, got "blogger"'],
        [`${site.base}/feeds/atom.xml`, { interval: 'often' }, 'error: --interval must be a duration of at least 1s (90s, 10m, 1h), got "often"'],
        ['ftp://site.test/feed', {}, 'error: ftp://site.test/feed: only http and https sources are watched'],
        [join(folder, 'missing'), {}, `error: ${join(folder, 'missing')}: neither an http(s) URL nor an existing folder`],
        [join(folder, 'a.txt'), {}, `error: ${join(folder, 'a.txt')}: a file; a watched source is a feed or page URL, or a folder (observatory ingest reads single files)`],
      ] as const)
        expect(await sources(db, 'add', target, opts)).toBe(error);
      expect(await sources(db, 'frobnicate')).toBe('error: sources: the action must be add, list, show or remove, got "frobnicate"');
    });
  });

  describe.skipIf(!dialect.available)('watch --once', () => {
    it('reads RSS, Atom, JSON Feed and an article page: entries in full from the feed, the others from their pages, with their metadata', async () => {
      await sources(db, 'add', `${site.base}/feeds/rss.xml`, { name: 'levant', kind: 'wire' });
      await sources(db, 'add', `${site.base}/feeds/atom.xml`, { name: 'yemen-monitor', kind: 'monitor' });
      await sources(db, 'add', `${site.base}/feeds/feed.json`, { name: 'sahel-watch', kind: 'monitor' });
      await sources(db, 'add', `${site.base}/articles/standalone.html`, { name: 'tigris', kind: 'official' });
      const before = site.requests.length;
      const r = await watchOnce(db);
      expect(r.error).toBeNull();
      expect(r.lines).toEqual(
        expect.arrayContaining([
          'levant: 3 items: 3 new reports, 0 already held, 0 failed',
          'yemen-monitor: 2 items: 2 new reports, 0 already held, 0 failed',
          'sahel-watch: 2 items: 2 new reports, 0 already held, 0 failed',
          'tigris: 1 item: 1 new report, 0 already held, 0 failed',
          'watched once: 4 polls, 8 new reports, 0 already held, 0 items failed, 0 polls failed',
        ]),
      );
      // Entries carried in full were not fetched; teasers' pages were, once each.
      const paths = site.requests.slice(before).map((q) => q.path);
      expect(paths.filter((p) => p.startsWith('/articles/')).sort()).toEqual(['/articles/cluttered.html', '/articles/jisr-mortar.html', '/articles/standalone.html']);
      expect(paths).not.toContain('/bulletins/saada-strikes');
      expect(paths).not.toContain('/sahel/mopti-attack');

      const s = await open();
      const { reports } = await s.listReports({ limit: 20 });
      const byTitle = new Map(reports.map((x) => [x.title, x]));
      expect([...byTitle.keys()].sort()).toEqual([
        'Air strikes kill five in Saada governorate',
        'Car bomb kills four at a checkpoint near Kirkuk',
        'Clashes kill six fighters near Tal Rifaat',
        'Gunmen kill nine villagers in central Mali',
        'Mortar fire kills two in Jisr al-Shughur',
        'Shelling wounds four in Taiz',
        'Soldiers killed in ambush in northern Burkina Faso',
        'Strike on a clinic in Maarat al-Numan wounds nurses',
      ]);
      // The outlet is the page's own name where it gives one, else the source's; the day as the feed or page wrote it.
      expect(byTitle.get('Mortar fire kills two in Jisr al-Shughur')).toMatchObject({ publisher: 'Levant Wire', published: '2024-03-11' });
      expect(byTitle.get('Strike on a clinic in Maarat al-Numan wounds nurses')).toMatchObject({ publisher: 'Idlib Daily', published: '2024-03-12' });
      expect(byTitle.get('Clashes kill six fighters near Tal Rifaat')).toMatchObject({ publisher: 'levant', published: '2024-03-13' });
      expect(byTitle.get('Car bomb kills four at a checkpoint near Kirkuk')).toMatchObject({ publisher: 'Tigris Report', published: '2024-06-18' });
      expect(byTitle.get('Shelling wounds four in Taiz')).toMatchObject({ publisher: 'yemen-monitor', published: '2024-04-03' });

      // The cluttered page: the article's text, none of the page around it.
      const clinic = await s.getReport(byTitle.get('Strike on a clinic in Maarat al-Numan wounds nurses')!.id);
      expect(clinic!.text).toContain('wounding three nurses and a patient');
      for (const clutter of ['Cheap flights', 'Accept all', 'Most read', 'INJECTED', 'Share this story']) expect(clinic!.text).not.toContain(clutter);
      expect((globalThis as { __observatoryFixtureRan?: unknown }).__observatoryFixtureRan).toBeUndefined();

      // Each item is kept with what was read of it: canonical URL, author, the outlet.
      const levant = await s.watchedSource('levant');
      expect(levant).toMatchObject({ items_seen: 3, reports_ingested: 3, last_outcome: 'fetched', failures: 0, last_error: null });
      expect(levant!.etag).toMatch(/^"[0-9a-f]{16}"$/);
      const jisr = levant!.recent.find((i) => i.key === 'id:levant-wire-2024-0311-jisr');
      expect(jisr).toMatchObject({ status: 'new', url: `${site.base}/news/2024/03/11/jisr-al-shughur-mortar`, author: 'Staff reporter', outlet: 'Levant Wire', published: '2024-03-11' });
    });

    it('posts the alerts its new reports raise: a webhook gets one signed delivery per incident that meets the alert', async () => {
      const got: { signature: string | undefined; body: { alert: { name: string }; incident: { id: string } } }[] = [];
      const hook = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          got.push({ signature: req.headers['x-observatory-signature'] as string | undefined, body: JSON.parse(body) });
          res.writeHead(200).end();
        });
      });
      await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
      try {
        const told = new Writable({ write: (_c, _e, done) => done() });
        await runAlerts('add', undefined, { db, name: 'any death', when: 'killed >= 1', webhook: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook` }, told, told);
        await sources(db, 'add', `${site.base}/feeds/rss.xml`, { name: 'levant', kind: 'wire' });
        const r = await watchOnce(db);
        expect(r.error).toBeNull();
        const delivered = r.lines.find((l) => l.startsWith('observatory: alerts: '));
        expect(delivered).toMatch(/^observatory: alerts: [1-9]\d* delivered, 0 failed, 0 to be retried$/);
        expect(got.length).toBe(Number(/(\d+) delivered/.exec(delivered!)![1]));
        expect(new Set(got.map((g) => g.body.incident.id)).size).toBe(got.length);
        expect(got.every((g) => g.body.alert.name === 'any death' && /^sha256=[0-9a-f]{64}$/.test(g.signature ?? ''))).toBe(true);
      } finally {
        await new Promise((r) => hook.close(r));
      }
    });

    it('polls again with the validators: unchanged feeds answer 304 and nothing is read twice', async () => {
      await sources(db, 'add', `${site.base}/feeds/rss.xml`, { name: 'levant', interval: '1s' });
      await sources(db, 'add', `${site.base}/feeds/feed.json`, { name: 'sahel', interval: '1s' });
      expect((await watchOnce(db)).error).toBeNull();
      await new Promise((r) => setTimeout(r, 1_100));
      const before = site.requests.length;
      const second = await watchOnce(db);
      expect(second.lines).toEqual(expect.arrayContaining(['levant: not modified', 'sahel: not modified', 'watched once: 2 polls, 0 new reports, 0 already held, 0 items failed, 0 polls failed']));
      const asked = site.requests.slice(before).filter((q) => q.path.startsWith('/feeds/'));
      expect(asked).toHaveLength(2);
      for (const q of asked) expect(q.headers['if-none-match']).toMatch(/^"[0-9a-f]{16}"$/);
      expect(site.requests.slice(before).filter((q) => q.path.startsWith('/articles/'))).toEqual([]);
      const s = await open();
      expect((await s.counts()).reports).toBe(5);
      expect(await s.watchedSource('levant')).toMatchObject({ last_outcome: 'not-modified', items_seen: 3, reports_ingested: 3 });
    });

    it('a source that fails backs off and keeps its error; the others go on', async () => {
      const failing = {
        'five-hundred': [`${site.base}/status/500`, `${site.base}/status/500: HTTP 500`],
        'never-answers': [`${site.base}/slow`, `${site.base}/slow: no complete answer within 1 s`],
        'cut-off': [`${site.base}/feeds/malformed.xml`, `${site.base}/feeds/malformed.xml: not a readable feed (Invalid feed format): malformed XML or JSON, or not RSS, Atom or JSON Feed`],
        'too-big': [`${site.base}/huge`, `${site.base}/huge: 52428800 bytes announced, over the limit of 1048576; not read`],
        'too-big-unannounced': [`${site.base}/huge-chunked`, `${site.base}/huge-chunked: cut off past 1048576 bytes, the size limit`],
        'loops': [`${site.base}/loop/a`, `redirect loop: ${site.base}/loop/a -> ${site.base}/loop/b -> ${site.base}/loop/a`],
        'an-image': [`${site.base}/image.png`, `${site.base}/image.png: content type image/png is neither a feed nor a web page`],
        'disallowed': [`${site.base}/private/leak.html`, `${site.base}/robots.txt line 3 disallows /private/leak.html for ObservatoryBot`],
      };
      for (const [name, [url]] of Object.entries(failing)) await sources(db, 'add', url, { name });
      await sources(db, 'add', `${site.base}/feeds/atom.xml`, { name: 'yemen' });
      const started = Date.now();
      const r = await watchOnce(db, { timeout: '1s' });
      expect(r.error).toBe('8 sources could not be polled (shown above; observatory sources show NAME keeps the error)');
      expect(r.lines).toContain('yemen: 2 items: 2 new reports, 0 already held, 0 failed');
      const s = await open();
      const all = new Map((await s.watchedSources()).map((x) => [x.name, x]));
      for (const [name, [, error]] of Object.entries(failing)) {
        const src = all.get(name)!;
        expect(src, name).toMatchObject({ last_outcome: 'error', last_error: error, failures: 1, last_ok_at: null });
        expect(r.lines, name).toContain(`${name}: failed (1 in a row): ${error}; next try in 20m`);
        // Backed off: twice the interval from the failure, not the interval.
        const wait = Date.parse(src.next_due_at) - started;
        expect(wait, name).toBeGreaterThanOrEqual(20 * 60_000 - 1000);
      }
      expect(site.hits('/private/leak.html')).toBe(0);
      expect(all.get('yemen')).toMatchObject({ failures: 0, last_error: null, reports_ingested: 2 });
      // Nothing is due now: the failing sources wait their back-off, the good one its interval.
      expect((await watchOnce(db)).lines).toEqual(['watched once: 0 polls, 0 new reports, 0 already held, 0 items failed, 0 polls failed']);
      expect(await sources(db, 'show', 'too-big')).toContain('(backed off after 1 failure in a row)');
    });

    it('an entry whose page robots.txt disallows fails alone, is tried on later polls three times at most, and its error stays', async () => {
      await sources(db, 'add', `${site.base}/feeds/rss-private.xml`, { name: 'mixed', interval: '1s' });
      const first = await watchOnce(db);
      expect(first.error).toBeNull();
      expect(first.lines).toContain(`mixed: 2 items: 1 new report, 0 already held, 1 failed; 1 item failed, the last: ${site.base}/robots.txt line 3 disallows /private/leak.html for ObservatoryBot`);
      const s = await open();
      for (let poll = 2; poll <= 4; poll++) {
        await new Promise((r) => setTimeout(r, 1_100));
        await watchOnce(db);
      }
      expect(await s.seenItems('mixed', ['id:mixed-private-1', 'id:mixed-open-2'])).toEqual(
        new Map([
          ['id:mixed-private-1', { status: 'failed', attempts: 3 }],
          ['id:mixed-open-2', { status: 'new', attempts: 1 }],
        ]),
      );
      const mixed = await s.watchedSource('mixed');
      expect(mixed!.failed).toMatchObject([{ key: 'id:mixed-private-1', url: `${site.base}/private/leak.html`, error: `${site.base}/robots.txt line 3 disallows /private/leak.html for ObservatoryBot` }]);
      // Once nothing is left to retry, the feed's validators are kept again: the fourth poll was a 304.
      expect(mixed).toMatchObject({ last_outcome: 'not-modified', items_failed: 1, reports_ingested: 1 });
      expect(site.hits('/private/leak.html')).toBe(0);
      expect(await sources(db, 'show', 'mixed')).toContain(`  ${site.base}/private/leak.html: ${site.base}/robots.txt line 3 disallows /private/leak.html for ObservatoryBot (3 attempts)`);
    });
  });

  describe.skipIf(!dialect.available)('a watched folder', () => {
    let folder: string;
    const write = (name: string, text: string, ageMs = 60_000) => {
      const p = join(folder, name);
      writeFileSync(p, text);
      utimesSync(p, days(ageMs), days(ageMs));
    };
    beforeEach(() => {
      folder = mkdtempSync(join(tmpdir(), 'observatory-watched-'));
      dirs.push(folder);
    });

    it('reads new and changed files, and the new lines of a growing batch; unchanged files are not read again', async () => {
      write('one.txt', 'Title: Ambush near Djibo\nPublished: 2024-05-07\n\nFive soldiers were killed in an ambush near Djibo in northern Burkina Faso on Tuesday.\n');
      write('two.txt', 'Shelling killed three civilians in Douma on Sunday, the Syrian Observatory for Human Rights said.\n');
      write('batch.jsonl', `${JSON.stringify({ id: 'b1', text: 'A car bomb killed four soldiers near Kirkuk on Tuesday.', published: '2024-06-18' })}\n`);
      await sources(db, 'add', folder, { name: 'drop', kind: 'official', interval: '1s' });
      expect((await watchOnce(db)).lines).toContain('drop: 3 items: 3 new reports, 0 already held, 0 failed');

      await new Promise((r) => setTimeout(r, 1_100));
      write('two.txt', 'Shelling killed four civilians in Douma on Sunday, the Syrian Observatory for Human Rights said, raising its toll.\n', 30_000);
      write('three.txt', 'Gunmen killed nine villagers near Bandiagara in central Mali on Monday, officials said.\n', 30_000);
      write('batch.jsonl', `${JSON.stringify({ id: 'b1', text: 'A car bomb killed four soldiers near Kirkuk on Tuesday.', published: '2024-06-18' })}\n${JSON.stringify({ id: 'b2', text: 'Rocket fire wounded six people in Erbil on Wednesday.', published: '2024-06-19' })}\n`, 30_000);
      // A file written a moment ago may still be growing: it waits for the next poll.
      write('fresh.txt', 'Half a report', 0);
      expect((await watchOnce(db)).lines).toContain('drop: 5 items: 3 new reports, 0 already held, 0 failed');

      const s = await open();
      const reports = (await s.listReports({ limit: 20 })).reports;
      expect(reports.map((r) => r.title).filter(Boolean)).toEqual(['Ambush near Djibo']);
      expect(reports).toHaveLength(6);
      expect(await s.watchedSource('drop')).toMatchObject({ items_seen: 6, reports_ingested: 6 });
      // Nobody is quoted in the ambush report: its figure is the publisher's, of the kind the source was given.
      const ambush = await s.getReport(reports.find((r) => r.title === 'Ambush near Djibo')!.id);
      expect(ambush!.published).toBe('2024-05-07');
      expect(ambush!.extracted.claims.map((c) => [c.claimant, c.claimant_kind])).toEqual([['drop', 'official']]);
    });

    it('follows no symbolic link and says so; the rest of the folder goes in', async () => {
      write('good.txt', 'Shelling killed three civilians in Douma on Sunday.\n');
      const outside = mkdtempSync(join(tmpdir(), 'observatory-outside-'));
      dirs.push(outside);
      writeFileSync(join(outside, 'secret.txt'), 'Not for the record.');
      symlinkSync(join(outside, 'secret.txt'), join(folder, 'link.txt'));
      mkdirSync(join(folder, 'sub'));
      await sources(db, 'add', folder, { name: 'drop' });
      const r = await watchOnce(db);
      expect(r.lines).toContain(`drop: 2 items: 1 new report, 0 already held, 1 failed; 1 item failed, the last: ${join(folder, 'link.txt')}: a symbolic link, not followed`);
      const s = await open();
      expect((await s.counts()).reports).toBe(1);
    });

    it('a folder that is gone is the source failing, and backed off', async () => {
      await sources(db, 'add', folder, { name: 'drop' });
      rmSync(folder, { recursive: true });
      const r = await watchOnce(db);
      expect(r.lines).toContain(`drop: failed (1 in a row): ${folder}: no such folder; next try in 20m`);
    });
  });
});
