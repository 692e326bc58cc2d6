// The Store with hand-made extractions, on every database in DIALECTS: idempotence, filters, detail,
// export paging, migrations, and two writers racing on the same reports.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAcledRow } from '../../src/store/acled.js';
import { migrateDown } from '../../src/store/migrate.js';
import { openStore } from '../../src/store/open-store.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import type { DatasetEvent } from '../../src/store/store.js';
import { EACH } from '../dialects.js';
import { handMadeReport } from './hand-made.js';

describe.each(EACH)('[%s]', (_name, dialect) => {
let location: string;
let store: KyselyStore;

beforeEach(async () => {
  if (!dialect.available) return;
  location = await dialect.fresh('store');
  store = await openStore(location);
});
afterEach(async () => {
  await store?.close();
});

function acled(i: number, over: Record<string, string> = {}): DatasetEvent {
  const day = String((i % 28) + 1).padStart(2, '0');
  const r = readAcledRow({ event_id_cnty: `SYR${i}`, event_date: `2016-0${(i % 9) + 1}-${day}`, event_type: 'Battles', sub_event_type: 'Armed clash', actor1: i % 2 ? 'Military Forces of Syria (2000-)' : 'Opposition Rebels (Syria)', inter1: i % 2 ? '1' : '2', country: 'Syria', admin1: i % 3 ? 'Idlib' : 'Aleppo', location: 'Ariha', latitude: '35.81', longitude: '36.61', source: i % 2 ? 'SOHR' : 'SANA', fatalities: String(i % 5), time_precision: '1', geo_precision: '1', ...over });
  if ('error' in r) throw new Error(r.error);
  return r;
}

describe.skipIf(!dialect.available)('ingestReport', () => {
  it('stores a report once: the same text again is a sighting at most, never a second report', async () => {
    const input = handMadeReport('Syrian army forces captured towns south of Damascus on Sunday, killing 12 rebels.');
    const first = await store.ingestReport(input);
    expect(first).toMatchObject({ status: 'new', events: 1, claims: 1 });
    const before = await store.counts();
    const elsewhere = { ...input, meta: { ...input.meta, source: 'Another Outlet' } };
    expect(await store.ingestReport(elsewhere)).toEqual({ status: 'sighting', reportId: first.reportId, events: 0, claims: 0, examined: 0 });
    expect(await store.ingestReport(elsewhere)).toEqual({ status: 'duplicate', reportId: first.reportId, events: 0, claims: 0, examined: 0 });
    expect(await store.ingestReport(input)).toMatchObject({ status: 'duplicate', reportId: first.reportId });
    expect(await store.counts()).toEqual(before);
    expect((await store.getReport(first.reportId))!.sightings.map((s) => s.outlet).sort()).toEqual(['Another Outlet', 'Reuters']);
    expect(before).toMatchObject({ reports: 1, events: 1, claims: 1, actors: 2, places: 1, sources: 2 });
  });

  it('rolls the whole report back when one row fails', async () => {
    const input = handMadeReport('A report whose event points at a place row that cannot be written.');
    // A NOT NULL column left null makes the events insert fail after the report row went in.
    (input.extraction.events[0] as { type: unknown }).type = null;
    await expect(store.ingestReport(input)).rejects.toThrow();
    expect(await store.counts()).toMatchObject({ reports: 0, events: 0, claims: 0 });
  });
});

describe.skipIf(!dialect.available)('queries', () => {
  beforeEach(async () => {
    await store.ingestReport(handMadeReport('Report one about Damascus.', { fatalities: 3, claimant: 'SANA' }));
    await store.ingestReport(handMadeReport('Report two about Aleppo.', { fatalities: 20, admin1: 'Aleppo', actor: 'Islamic State' }));
    await store.importDataset([acled(1), acled(2), acled(3)]);
  });

  it('filters on every field the command line offers', async () => {
    const ids = async (f: Parameters<typeof store.listEvents>[0]) => (await store.listEvents(f)).map((e) => e.id).sort();
    expect(await ids({ admin1: 'aleppo' })).toHaveLength(2);
    expect(await ids({ admin1: 'ALEPPO', origin: 'extracted' })).toHaveLength(1);
    expect(await ids({ country: 'syria' })).toHaveLength(5);
    expect(await ids({ from: '2016-01-01', to: '2016-12-31' })).toEqual(['acled-SYR1', 'acled-SYR2', 'acled-SYR3']);
    expect(await ids({ actor: 'islamic' })).toHaveLength(1);
    expect(await ids({ claimant: 'sana' })).toHaveLength(2);
    expect(await ids({ claimant: '100%_' })).toHaveLength(0);
    expect(await ids({ minFatalities: 4 })).toHaveLength(1);
    expect(await ids({ type: 'armed clash' })).toHaveLength(5);
    expect(await ids({ place: 'ariha' })).toHaveLength(3);
    expect(await ids({ bloc: 'pro-government' })).toHaveLength(2);
    expect(await store.countEvents({ country: 'Syria', minFatalities: 1 })).toBe(5);
  });

  it('tallies by key and month', async () => {
    expect(await store.tally({}, 'admin1')).toEqual([
      { key: 'Aleppo', events: 2, fatalities: 23 },
      { key: 'Idlib', events: 2, fatalities: 3 },
      { key: 'Rural Damascus', events: 1, fatalities: 3 },
    ]);
    expect((await store.tally({ origin: 'acled' }, 'month')).map((r) => r.key)).toEqual(['2016-04', '2016-03', '2016-02']);
  });

  it('gives an event with its claims and their reports', async () => {
    const [row] = await store.listEvents({ actor: 'islamic' });
    const d = await store.getEvent(row.id);
    expect(d?.claims).toHaveLength(1);
    expect(d?.reports[0].text).toBe('Report two about Aleppo.');
    expect(d?.event.fatalities[0].best).toBe(20);
    expect(await store.getEvent('no-such-event')).toBeNull();
  });
});

describe.skipIf(!dialect.available)('exportEvents', () => {
  it('reads every event once, in date order, across pages', async () => {
    const n = 4_500;
    await store.importDataset(Array.from({ length: n }, (_, i) => acled(i)));
    await store.ingestReport(handMadeReport('One extracted report.'));
    const seen: string[] = [];
    let last = '';
    for await (const ev of store.exportEvents({})) {
      seen.push(ev.id);
      expect(ev.date_start! >= last).toBe(true);
      last = ev.date_start!;
    }
    expect(seen).toHaveLength(n + 1);
    expect(new Set(seen).size).toBe(n + 1);
  });

  it('importing the same ACLED events twice adds nothing', async () => {
    expect(await store.importDataset([acled(1), acled(2)])).toEqual({ added: 2, duplicate: 0 });
    expect(await store.importDataset([acled(1), acled(2)])).toEqual({ added: 0, duplicate: 2 });
  });
});

describe.skipIf(!dialect.available)('failures and migrations', () => {
  it('records a failure once per path and line, and forgets it', async () => {
    await store.recordFailure('a.jsonl', 3, 'a.jsonl: line 3: not valid JSON');
    await store.recordFailure('a.jsonl', 3, 'a.jsonl: line 3: still not valid JSON');
    expect((await store.listFailures()).map((f) => f.error)).toEqual(['a.jsonl: line 3: still not valid JSON']);
    await store.clearFailure('a.jsonl', 3);
    expect(await store.listFailures()).toEqual([]);
  });

  it('migrates down to nothing and up again', async () => {
    await migrateDown(store.db);
    const tables = await store.db.introspection.getTables();
    expect(tables.map((t) => t.name).filter((t) => !t.startsWith('kysely_'))).toEqual([]);
    await store.close();
    store = await openStore(location);
    expect((await store.counts()).events).toBe(0);
  });
});

describe.skipIf(!dialect.available)('scale', () => {
  it('answers top actors from the totals table exactly as from the events', async () => {
    await store.ingestReport(handMadeReport('Report one.', { fatalities: 3, actor: 'Syrian army' }));
    await store.ingestReport(handMadeReport('Report two.', { fatalities: 20, actor: 'Islamic State' }));
    await store.ingestReport(handMadeReport('Report three.', { fatalities: 5, actor: 'Syrian army' }));
    await store.importDataset(Array.from({ length: 30 }, (_, i) => acled(i)));
    for (const f of [{}, { from: '2016-02-01', to: '2016-04-30' }, { from: '2015-02-01' }, { to: '2016-01-31' }]) {
      const fast = await store.tally(f, 'actor', 50);
      expect(fast).toEqual(await store.tallyEvents(f, 'actor', 50));
      expect(fast.length).toBeGreaterThan(0);
    }
  });

  it('finds events near a point', async () => {
    await store.importDataset([acled(1), acled(2, { latitude: '36.2', longitude: '37.15', location: 'Aleppo' })]);
    expect((await store.listEvents({ near: { lat: 35.8, lon: 36.6, km: 10 } })).map((e) => e.id)).toEqual(['acled-SYR1']);
    expect(await store.countEvents({ near: { lat: 36, lon: 36.9, km: 60 } })).toBe(2);
  });

  it('lists undated events last', async () => {
    const undated = handMadeReport('An undated report.');
    undated.extraction.events[0].date = null;
    await store.ingestReport(undated);
    await store.importDataset([acled(1), acled(2)]);
    const rows = await store.listEvents({});
    expect(rows.map((r) => r.date_start)).toEqual(['2016-03-03', '2016-02-02', null]);
  });

  it('stores each report once when two writers race on the same reports', async () => {
    // PostgreSQL: two pools, as two workers would be. SQLite: one connection (in one process a second
    // connection would wait on the first inside the same thread); across processes the file lock orders them.
    const other = dialect.name === 'postgres' ? await openStore(location) : store;
    try {
      const inputs = Array.from({ length: 60 }, (_, i) => handMadeReport(`Race report ${i}.`, { actor: `Actor ${i % 4}`, claimant: `Claimant ${i % 3}` }));
      const [a, b] = await Promise.all([Promise.all(inputs.map((x) => store.ingestReport(x))), Promise.all([...inputs].reverse().map((x) => other.ingestReport(x)))]);
      const statuses = [...a, ...b].map((r) => r.status);
      expect(statuses.filter((x) => x === 'new')).toHaveLength(60);
      expect(statuses.filter((x) => x === 'duplicate')).toHaveLength(60);
      expect(await store.counts()).toMatchObject({ reports: 60, events: 60, claims: 60 });
      expect((await store.tally({}, 'actor', 10)).reduce((n, r) => n + r.events, 0)).toBe(60);
    } finally {
      if (other !== store) await other.close();
    }
  });
});
});
