// One story, many outlets, on every database: the same wire story carried by three outlets under three
// headlines (one adds a background paragraph, one its credit line, social prompt and copyright) is one report
// seen three times, its events counted once; a rewrite with new figures is a report of its own; two stories on the
// same town and day stay apart; and finding the story held reads a few candidates, not the record.
// The stories are written for the project (test/fixtures/syndication/).
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { ingestItem, type IngestJob } from '../../src/cli/commands/ingest.js';
import { runReports } from '../../src/cli/commands/reports.js';
import { copyRecord } from '../../src/store/copy.js';
import { migrator } from '../../src/store/migrate.js';
import { openStore } from '../../src/store/open-store.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import type { ReportInput } from '../../src/store/store.js';
import { EACH } from '../dialects.js';

const story = (name: string) => readFileSync(new URL(`../fixtures/syndication/${name}.txt`, import.meta.url), 'utf8');

/** The story as an outlet carried it: the same published day, its own headline and page. */
function copy(name: string, outlet: string, title: string, url: string, seenAt: string): IngestJob {
  return { path: `${outlet}.txt`, line: 0, id: null, text: story(name), meta: { published: '2017-03-07', source: outlet, title }, url, seenAt };
}

const WIRE = copy('wire-story', 'Reuters', 'Air strike kills 10 at Syrian market', 'https://wire.example/syria-strike', '2017-03-07T09:00:00.000Z');
const DAILY = copy('trailing-paragraph', 'Levant Daily Mirror', 'Market strike in Idlib town leaves 10 dead, monitor says', 'https://levant.example/news/4411', '2017-03-07T10:30:00.000Z');
const GULF = copy('boilerplate', 'Gulf Evening Post', 'Ten civilians killed as jets hit Saraqeb market', 'https://gulf.example/world/saraqeb', '2017-03-07T11:15:00.000Z');

describe.each(EACH)('[%s]', (_name, dialect) => {
  let location: string;
  let store: KyselyStore;

  beforeEach(async () => {
    if (!dialect.available) return;
    location = await dialect.fresh('sightings');
    store = await openStore(location);
  });
  afterEach(async () => {
    await store?.close();
  });

  const reports = async () => (await store.listReports({ limit: 100 })).reports;

  describe.skipIf(!dialect.available)('one story, many outlets', () => {
    it('is one report seen three times: three headlines, three pages, its events counted once', async () => {
      expect(await ingestItem(store, WIRE)).toBe('new');
      const alone = await store.counts();
      const incidentsAlone = await store.listIncidents({});
      expect(await ingestItem(store, DAILY)).toBe('sighting');
      expect(await ingestItem(store, GULF)).toBe('sighting');

      const [report] = await reports();
      expect((await reports()).length).toBe(1);
      expect(report.sightings).toBe(3);
      const detail = (await store.getReport(report.id))!;
      expect(detail.title).toBe(WIRE.meta.title);
      expect(detail.sightings.map((s) => [s.outlet, s.title, s.url, s.seen_at])).toEqual([
        ['Reuters', WIRE.meta.title, WIRE.url, WIRE.seenAt],
        ['Levant Daily Mirror', DAILY.meta.title, DAILY.url, DAILY.seenAt],
        ['Gulf Evening Post', GULF.meta.title, GULF.url, GULF.seenAt],
      ]);
      // The wire's own text is itself; the added paragraph leaves the copy a little apart; the boilerplate, not at all.
      const [own, daily, gulf] = detail.sightings.map((s) => s.similarity);
      expect(own).toBe(1);
      expect(daily).toBeGreaterThanOrEqual(0.8);
      expect(daily).toBeLessThan(1);
      expect(gulf).toBe(1);
      // Nothing counted twice: the same events, claims and incident as with the wire alone.
      expect(await store.counts()).toEqual(alone);
      expect(await store.listIncidents({})).toEqual(incidentsAlone);
      expect(incidentsAlone.map((i) => [i.location, i.deaths_best, i.reports])).toEqual([['Saraqeb', 10, 1]]);
    });

    it('observatory reports show ID prints where the report was seen', async () => {
      for (const c of [WIRE, DAILY, GULF]) await ingestItem(store, c);
      const [held] = await reports();
      let text = '';
      const out = new Writable({ write: (chunk, _e, cb) => ((text += String(chunk)), cb()) });
      await runReports('show', held.id, { db: location }, out);
      expect(text).toMatch(/^Seen at 3 outlets or pages, first seen first/m);
      for (const c of [WIRE, DAILY, GULF]) expect(text).toContain(c.url);
      expect(text).toMatch(/Levant Daily Mirror .* 8\d%$/m);
    });

    it('changes nothing when the same copies are read again, and knows them before extraction', async () => {
      for (const c of [WIRE, DAILY, GULF]) await ingestItem(store, c);
      const before = { counts: await store.counts(), reports: await reports() };
      for (const c of [WIRE, DAILY, GULF]) expect(await ingestItem(store, c)).toBe('duplicate');
      // The Daily's copy, read again from another page, is known by its text alone: a sighting without extraction.
      const again = await store.sightReport((await import('../../src/store/report-rows.js')).textHash(story('trailing-paragraph')), { outlet: 'Levant Daily Mirror', title: 'Updated', url: 'https://levant.example/amp/4411' });
      expect(again).toMatchObject({ status: 'sighting', reportId: before.reports[0].id });
      expect(await store.counts()).toEqual(before.counts);
      expect((await reports())[0].sightings).toBe(4);
    });

    it('finds the story whichever copy came first', async () => {
      expect(await ingestItem(store, GULF)).toBe('new');
      expect(await ingestItem(store, DAILY)).toBe('sighting');
      expect(await ingestItem(store, WIRE)).toBe('sighting');
      expect((await reports()).map((r) => [r.publisher, r.sightings])).toEqual([['Gulf Evening Post', 3]]);
    });
  });

  describe.skipIf(!dialect.available)('a rewrite with new figures is a new report', () => {
    it('the toll changed in place ("killed 12" for "killed 10"): a figure differs where both texts have one', async () => {
      await ingestItem(store, WIRE);
      expect(await ingestItem(store, copy('toll-rises', 'Reuters', 'Toll from Syrian market strike rises to 12', 'https://wire.example/syria-strike-2', '2017-03-07T15:00:00.000Z'))).toBe('new');
      expect((await reports()).length).toBe(2);
    });

    it('the lead rewritten ("rose to 12"): the headline figures the engine reads differ', async () => {
      await ingestItem(store, WIRE);
      expect(await ingestItem(store, copy('toll-rewritten', 'Reuters', 'Death toll in Saraqeb rises to 12', 'https://wire.example/syria-strike-3', '2017-03-07T18:00:00.000Z'))).toBe('new');
      const held = await reports();
      expect(held.length).toBe(2);
      // Two reports of one strike: reconciliation joins them into one incident, where the monitor's raised toll stands.
      const [incident] = await store.listIncidents({});
      expect([incident.reports, incident.deaths_best]).toEqual([2, 12]);
    });

    it('the same text with another day ("on Tuesday" for "on Monday") is another story', async () => {
      await ingestItem(store, WIRE);
      const tuesday = { ...WIRE, text: story('wire-story').replace('on Monday', 'on Tuesday'), url: 'https://wire.example/other' };
      expect(await ingestItem(store, tuesday)).toBe('new');
    });
  });

  describe.skipIf(!dialect.available)('different stories stay apart', () => {
    it('two stories on the same town and day, written apart, are two reports', async () => {
      await ingestItem(store, WIRE);
      expect(await ingestItem(store, copy('same-town-other-story', 'AFP', 'Saraqeb residents protest detentions', 'https://afp.example/saraqeb', '2017-03-07T12:00:00.000Z'))).toBe('new');
      expect((await reports()).map((r) => r.sightings)).toEqual([1, 1]);
    });
  });

  describe.skipIf(!dialect.available)('the lookup reads an index, not the record', () => {
    /** Reports in one house style (the same phrases over and over), unlike one another in their particulars. */
    function bulletin(i: number): ReportInput {
      const towns = ['Saraqeb', 'Ariha', 'Maarat al-Numan', 'Jisr al-Shughur', 'Kafr Nabl', 'Khan Shaykhun', 'Binnish', 'Taftanaz'];
      const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
      const text = [
        `Shelling hit the town of ${towns[i % 8]} in Idlib province on ${days[i % 7]}, killing ${(i % 13) + 2} people, the monitor said in bulletin number ${i}.`,
        `The monitor said the shells were fired from positions ${(i % 9) + 3} kilometres to the ${['north', 'south', 'east', 'west'][i % 4]} and that ${(i % 5) + 1} houses were destroyed.`,
        `Rescue workers said they were still searching for people under the rubble of building ${i * 7} late in the evening.`,
      ].join('\n\n');
      return { text, meta: { published: '2017-03-07', source: 'Bulletin', title: null }, extraction: { summary: { killed: (i % 13) + 2 }, events: [], claims: [] } as unknown as ReportInput['extraction'] };
    }

    it('compares a handful of candidates whether the record holds 40 reports or 400', async () => {
      const examined = async (held: number) => {
        const from = (await store.counts()).reports;
        // Ten at a time: PostgreSQL takes them on ten connections (SQLite one after another).
        for (let i = from; i < held; i += 10) {
          const batch = Array.from({ length: Math.min(10, held - i) }, (_, k) => store.ingestReport(bulletin(i + k)));
          for (const r of await Promise.all(batch)) expect(r.status).toBe('new');
        }
        const fresh = await store.ingestReport({ ...bulletin(100_000 + held), meta: { published: '2017-03-08', source: 'Bulletin', title: null } });
        expect(fresh.status).toBe('new');
        return fresh.examined;
      };
      const small = await examined(40);
      const large = await examined(400);
      // Every bulletin shares most of its phrases with every other, and none is the same story: a scan would compare
      // all of them. The bands name only those alike enough to share five MinHash values in a row.
      expect(large).toBeLessThanOrEqual(10);
      expect(large).toBeLessThan(400 / 20);
      expect(small).toBeLessThanOrEqual(10);
    });

    it('still finds the story held among many', async () => {
      for (let i = 0; i < 200; i++) await store.ingestReport(bulletin(i));
      await ingestItem(store, WIRE);
      for (let i = 200; i < 300; i++) await store.ingestReport(bulletin(i));
      const r = await store.ingestReport({ text: story('trailing-paragraph'), meta: DAILY.meta, extraction: { summary: { killed: 10 }, events: [], claims: [] } as unknown as ReportInput['extraction'] });
      expect(r.status).toBe('sighting');
      expect(r.examined).toBeGreaterThanOrEqual(1);
      expect(r.examined).toBeLessThanOrEqual(10);
    });
  });

  describe.skipIf(!dialect.available)('records from before, and copies', () => {
    it('sketches the reports a record held before sightings existed, so their stories are recognised too', async () => {
      await ingestItem(store, WIRE);
      // Back to the schema before this feature (its tables dropped), then up again: the migration sketches what is held.
      const m = migrator(store.db);
      expect((await m.migrateTo('0006-desk-tables')).error).toBeUndefined();
      expect((await store.db.introspection.getTables()).map((t) => t.name)).not.toContain('report_sightings');
      expect((await m.migrateToLatest()).error).toBeUndefined();
      const [held] = await reports();
      expect((await store.getReport(held.id))!.sightings.map((s) => [s.outlet, s.title, s.url])).toEqual([['Reuters', WIRE.meta.title, null]]);
      expect(await ingestItem(store, GULF)).toBe('sighting');
    });

    it('copy carries the sightings and the sketches: the copy recognises the story too', async () => {
      await ingestItem(store, WIRE);
      await ingestItem(store, DAILY);
      const other = await openStore(await dialect.fresh('sightings-copy'));
      try {
        expect(await copyRecord(store.db, other.db)).toMatchObject({ report_sightings: 2, report_sketches: 1, report_bands: 20 });
        expect(await ingestItem(other, GULF)).toBe('sighting');
        expect((await other.listReports({})).reports.map((r) => r.sightings)).toEqual([3]);
      } finally {
        await other.close();
      }
    });
  });
});
