// Watched sources in the record, on every database in DIALECTS: adding and removing them, taking due ones by lease
// (each due source to one watcher, however many ask at once), how a poll ends, items marked seen in the
// transaction of their report (and not when it fails), the desk's counts, and copy.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyRecord } from '../../src/store/copy.js';
import { openStore } from '../../src/store/open-store.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import type { NewWatchedSource, WatchedItem } from '../../src/store/store.js';
import { EACH } from '../dialects.js';
import { handMadeReport } from './hand-made.js';

const feed = (name: string, over: Partial<NewWatchedSource> = {}): NewWatchedSource => ({ name, location: `http://site.test/${name}.xml`, type: 'url', kind: 'monitor', country: 'Syria', interval_seconds: 600, ...over });
const item = (source: string, key: string): WatchedItem => ({ source, key, url: `http://site.test/${key}`, title: `Title ${key}`, author: null, published: '2024-03-11', outlet: 'Levant Wire' });
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(EACH)('[%s]', (_name, dialect) => {
  let location: string;
  let store: KyselyStore;

  beforeEach(async () => {
    if (!dialect.available) return;
    location = await dialect.fresh('watched');
    store = await openStore(location);
  });
  afterEach(async () => {
    await store?.close();
  });

  describe.skipIf(!dialect.available)('the list of sources', () => {
    it('a new source is due at once; a second one with the same name or location is refused, naming the first', async () => {
      const added = await store.addWatchedSource(feed('sohr'));
      expect(added).toMatchObject({ name: 'sohr', failures: 0, last_fetch_at: null, lease_owner: null });
      expect(added.next_due_at).toBe(added.added_at);
      await expect(store.addWatchedSource(feed('sohr', { location: 'http://other.test/' }))).rejects.toThrow('a source named "sohr" is already watched');
      await expect(store.addWatchedSource(feed('sohr-again', { location: 'http://site.test/sohr.xml' }))).rejects.toThrow('http://site.test/sohr.xml is already watched, as "sohr"');
      expect((await store.watchedSources()).map((s) => s.name)).toEqual(['sohr']);
    });

    it('removing a source forgets its items, and the reports read from it stay', async () => {
      await store.addWatchedSource(feed('sohr'));
      await store.ingestReport({ ...handMadeReport('Shelling killed three in Douma.'), seen: item('sohr', 'id:1') });
      expect(await store.removeWatchedSource('sohr')).toBe(true);
      expect(await store.removeWatchedSource('sohr')).toBe(false);
      expect(await store.watchedSources()).toEqual([]);
      expect(await store.seenItems('sohr', ['id:1'])).toEqual(new Map());
      expect((await store.counts()).reports).toBe(1);
    });
  });

  describe.skipIf(!dialect.available)('taking due sources', () => {
    it('a due source goes to the first watcher asking; the next gets nothing until the lease passes or is let go', async () => {
      await store.addWatchedSource(feed('a'));
      await store.addWatchedSource(feed('b'));
      const now = Date.now() + 1000;
      const first = await store.claimDueSources('w1', iso(now), iso(now + 60_000), 10);
      expect(first.map((s) => [s.name, s.lease_owner])).toEqual([['a', 'w1'], ['b', 'w1']]);
      expect(await store.claimDueSources('w2', iso(now), iso(now + 60_000), 10)).toEqual([]);
      // A watcher that died stops renewing: after its lease, another takes the source where the schedule left it.
      expect((await store.claimDueSources('w2', iso(now + 61_000), iso(now + 120_000), 10)).map((s) => s.name)).toEqual(['a', 'b']);
      expect(await store.renewLeases('w1', ['a', 'b'], iso(now + 200_000))).toEqual([]);
      expect((await store.renewLeases('w2', ['a', 'b'], iso(now + 200_000))).sort()).toEqual(['a', 'b']);
      expect(await store.releaseLeases('w2')).toBe(2);
      expect((await store.claimDueSources('w3', iso(now), iso(now + 60_000), 1)).map((s) => s.name)).toEqual(['a']);
    });

    it('a finished poll sets the next time; a watcher that lost the lease cannot write over the one that holds it', async () => {
      await store.addWatchedSource(feed('a'));
      const now = Date.now() + 1000;
      await store.claimDueSources('w1', iso(now), iso(now + 1000), 1);
      await store.claimDueSources('w2', iso(now + 2000), iso(now + 60_000), 1);
      const outcome = { at: iso(now + 3000), outcome: 'fetched' as const, error: null, failures: 0, next_due_at: iso(now + 600_000), etag: '"v1"', last_modified: null };
      expect(await store.finishPoll('a', 'w1', outcome)).toBe(false);
      expect(await store.finishPoll('a', 'w2', outcome)).toBe(true);
      const [a] = await store.watchedSources();
      expect(a).toMatchObject({ last_outcome: 'fetched', last_fetch_at: outcome.at, last_ok_at: outcome.at, etag: '"v1"', lease_owner: null, next_due_at: outcome.next_due_at });
      expect(await store.claimDueSources('w3', iso(now + 10_000), iso(now + 70_000), 1)).toEqual([]);
      expect(await store.claimDueSources('w3', iso(now + 600_000), iso(now + 660_000), 1)).toHaveLength(1);
    });

    it('a failed poll keeps its error and count of failures, and the last good fetch and validators stay', async () => {
      await store.addWatchedSource(feed('a'));
      const now = Date.now() + 1000;
      await store.claimDueSources('w', iso(now), iso(now + 60_000), 1);
      await store.finishPoll('a', 'w', { at: iso(now), outcome: 'fetched', error: null, failures: 0, next_due_at: iso(now), etag: '"v1"', last_modified: 'Wed, 03 Apr 2024 12:00:00 GMT' });
      await store.claimDueSources('w', iso(now + 1), iso(now + 60_000), 1);
      await store.finishPoll('a', 'w', { at: iso(now + 5000), outcome: 'error', error: 'http://site.test/a.xml: HTTP 500', failures: 1, next_due_at: iso(now + 1_200_000) });
      const [a] = await store.watchedSources();
      expect(a).toMatchObject({ last_outcome: 'error', last_error: 'http://site.test/a.xml: HTTP 500', failures: 1, last_ok_at: iso(now), last_fetch_at: iso(now + 5000), etag: '"v1"' });
    });

    it('many watchers asking at once: each due source goes to exactly one of them', async () => {
      for (let i = 0; i < 30; i++) await store.addWatchedSource(feed(`s${String(i).padStart(2, '0')}`));
      const watchers = await Promise.all(Array.from({ length: 6 }, () => openStore(location)));
      try {
        const now = Date.now() + 1000;
        const taken = await Promise.all(watchers.map((w, i) => w.claimDueSources(`w${i}`, iso(now), iso(now + 60_000), 8)));
        const names = taken.flat().map((s) => s.name);
        expect(names).toHaveLength(30);
        expect(new Set(names).size).toBe(30);
        const owners = new Map((await store.watchedSources()).map((s) => [s.name, s.lease_owner]));
        taken.forEach((got, i) => got.forEach((s) => expect(owners.get(s.name)).toBe(`w${i}`)));
      } finally {
        await Promise.all(watchers.map((w) => w.close()));
      }
    });
  });

  describe.skipIf(!dialect.available)('seen items', () => {
    it('an item is marked seen with its report, in the same transaction; held text marks it a duplicate of that report', async () => {
      await store.addWatchedSource(feed('sohr'));
      await store.addWatchedSource(feed('wire'));
      const r = await store.ingestReport({ ...handMadeReport('Shelling killed three in Douma.'), seen: item('sohr', 'id:1') });
      const again = await store.ingestReport({ ...handMadeReport('Shelling killed three in Douma.'), seen: item('wire', 'id:77') });
      expect(again).toMatchObject({ status: 'duplicate', reportId: r.reportId });
      expect(await store.seenItems('sohr', ['id:1', 'id:2'])).toEqual(new Map([['id:1', { status: 'new', attempts: 1 }]]));
      expect(await store.seenItems('wire', ['id:77'])).toEqual(new Map([['id:77', { status: 'duplicate', attempts: 1 }]]));
      const detail = await store.watchedSource('sohr');
      expect(detail!.recent).toMatchObject([{ key: 'id:1', status: 'new', report_id: r.reportId, title: 'Title id:1', outlet: 'Levant Wire', published: '2024-03-11' }]);
    });

    it('a report that fails to store leaves its item unseen, to be read again', async () => {
      await store.addWatchedSource(feed('sohr'));
      const input = handMadeReport('A report whose event cannot be written.');
      (input.extraction.events[0] as { type: unknown }).type = null;
      await expect(store.ingestReport({ ...input, seen: item('sohr', 'id:broken') })).rejects.toThrow();
      expect(await store.seenItems('sohr', ['id:broken'])).toEqual(new Map());
      expect((await store.counts()).reports).toBe(0);
    });

    it('a failed item counts its attempts and keeps its last error; a later success replaces it', async () => {
      await store.addWatchedSource(feed('sohr'));
      await store.markItem(item('sohr', 'id:9'), 'failed', { error: 'http://site.test/9: HTTP 500' });
      await store.markItem(item('sohr', 'id:9'), 'failed', { error: 'http://site.test/9: no complete answer within 30 s' });
      expect(await store.seenItems('sohr', ['id:9'])).toEqual(new Map([['id:9', { status: 'failed', attempts: 2 }]]));
      expect((await store.watchedSource('sohr'))!.failed).toMatchObject([{ key: 'id:9', error: 'http://site.test/9: no complete answer within 30 s', attempts: 2 }]);
      await store.ingestReport({ ...handMadeReport('Shelling killed four in Harasta.'), seen: item('sohr', 'id:9') });
      expect(await store.seenItems('sohr', ['id:9'])).toEqual(new Map([['id:9', { status: 'new', attempts: 3 }]]));
      expect((await store.watchedSource('sohr'))!.failed).toEqual([]);
    });

    it('counts items seen, reports, duplicates and failures per source, and items per day; a batch file read is no item', async () => {
      await store.addWatchedSource(feed('sohr'));
      await store.addWatchedSource(feed('quiet'));
      await store.ingestReport({ ...handMadeReport('Shelling killed three in Douma.'), seen: item('sohr', 'id:1') });
      await store.ingestReport({ ...handMadeReport('Shelling killed four in Harasta.'), seen: item('sohr', 'id:2') });
      await store.ingestReport({ ...handMadeReport('Shelling killed three in Douma.'), seen: item('sohr', 'id:3') });
      await store.markItem(item('sohr', 'id:4'), 'failed', { error: 'HTTP 500' });
      await store.markItem(item('sohr', 'file:batch.jsonl@10:1'), 'read');
      const [quiet, sohr] = await store.watchedSources();
      expect(sohr).toMatchObject({ items_seen: 4, reports_ingested: 2, duplicates: 1, items_failed: 1, items_last_day: 4 });
      expect(sohr.per_day).toHaveLength(7);
      expect(sohr.per_day.at(-1)).toEqual({ day: new Date().toISOString().slice(0, 10), items: 4 });
      expect(sohr.per_day.slice(0, 6).every((d) => d.items === 0)).toBe(true);
      expect(quiet).toMatchObject({ items_seen: 0, reports_ingested: 0, items_last_day: 0 });
    });
  });

  describe.skipIf(!dialect.available)('copy', () => {
    it('carries the sources and their seen items', async () => {
      await store.addWatchedSource(feed('sohr'));
      await store.ingestReport({ ...handMadeReport('Shelling killed three in Douma.'), seen: item('sohr', 'id:1') });
      await store.markItem(item('sohr', 'id:2'), 'failed', { error: 'HTTP 500' });
      const to = await openStore(await dialect.fresh('watched-copy'));
      try {
        expect(await copyRecord(store.db, to.db)).toMatchObject({ watched_sources: 1, watched_items: 2 });
        expect(await to.watchedSources()).toEqual(await store.watchedSources());
        expect(await to.watchedSource('sohr')).toEqual(await store.watchedSource('sohr'));
      } finally {
        await to.close();
      }
    });
  });
});
