// The desk's record kept by the Store, on every database in DIALECTS: an analyst's corrected date moves the
// event in the per-actor monthly totals (the fast tally) as in the events (the slow one); tokens and the edit
// history go with `copy` from SQLite to PostgreSQL and back; a record whose desk tables an older version made
// opens with its tokens and edits.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import type { Desk } from '../../src/api/desk.js';
import { openDesk } from '../../src/api/open-desk.js';
import { copyRecord } from '../../src/store/copy.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { openStore } from '../../src/store/open-store.js';
import type { EventFilter } from '../../src/store/store.js';
import { DIALECTS, EACH } from '../dialects.js';
import { handMadeReport } from './hand-made.js';
import { toOldDeskLayout } from './old-desk-layout.js';

const sqlite = DIALECTS.find((d) => d.name === 'sqlite')!;
const postgres = DIALECTS.find((d) => d.name === 'postgres')!;

/** Three reports from February 2015: the army twice (12 and 5 dead), Islamic State once (20). */
async function februaryRecord(store: KyselyStore): Promise<void> {
  await store.ingestReport(handMadeReport('Army shelling on a village killed twelve.', { actor: 'Syrian army' }));
  await store.ingestReport(handMadeReport('Army raid left five dead.', { actor: 'Syrian army', fatalities: 5 }));
  await store.ingestReport(handMadeReport('An Islamic State attack killed twenty.', { actor: 'Islamic State', fatalities: 20 }));
}

async function eventOf(store: KyselyStore, text: string): Promise<string> {
  const rows = await store.listEvents({});
  for (const r of rows) if ((await store.getEvent(r.id))!.event.sentence === text) return r.id;
  throw new Error(`no event read from "${text}"`);
}

const FEBRUARY: EventFilter = { from: '2015-02-01', to: '2015-02-28' };
const APRIL: EventFilter = { from: '2015-04-01', to: '2015-04-30' };

describe.each(EACH)('[%s]', (_name, dialect) => {
  let store: KyselyStore;
  beforeEach(async () => {
    if (dialect.available) store = await openStore(await dialect.fresh('desk'));
  });
  // The desk's worker threads hold connections of their own: they end before the store does.
  let desk: Desk | null = null;
  afterEach(async () => {
    await desk?.work.close();
    desk = null;
    await store?.close();
  });

  /** The desk over the store, called as the dashboard calls it, by an analyst. */
  async function api(method: string, path: string, body?: unknown) {
    desk ??= openDesk(store, { threads: 1 });
    const { token } = await desk.tokens.create('alice', 'analyst');
    const app = createApp(desk, { webRoot: null, log: () => {} });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const res = await app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    expect(res.status).toBe(200);
    return res.json() as Promise<any>;
  }
  const patch = (id: string, body: unknown) => api('PATCH', `/api/events/${encodeURIComponent(id)}`, body);

  async function expectTalliesAgree() {
    for (const f of [{}, FEBRUARY, APRIL, { from: '2015-01-01', to: '2015-12-31' }]) expect(await store.tally(f, 'actor', 50), JSON.stringify(f)).toEqual(await store.tallyEvents(f, 'actor', 50));
  }

  describe.skipIf(!dialect.available)('a date corrected on the desk', () => {
    it('moves the event to its new month in the stored totals as in the events', async () => {
      await februaryRecord(store);
      const raid = await eventOf(store, 'Army raid left five dead.');
      await patch(raid, { date: { start: '2015-04-03', end: '2015-04-03', precision: 'day' } });
      await expectTalliesAgree();
      expect((await api('GET', '/api/tallies/record?by=actor&from=2015-04-01&to=2015-04-30')).rows).toEqual([{ key: 'Syrian army', events: 1, fatalities: 5 }]);
      expect(await store.tally(FEBRUARY, 'actor')).toEqual([
        { key: 'Islamic State', events: 1, fatalities: 20 },
        { key: 'Syrian army', events: 1, fatalities: 12 },
      ]);
    });

    it('leaves no empty month behind, and takes an event out of every month when its date is removed', async () => {
      await februaryRecord(store);
      const attack = await eventOf(store, 'An Islamic State attack killed twenty.');
      await patch(attack, { date: { start: '2015-04-20', end: '2015-04-20', precision: 'day' } });
      expect((await store.tally(FEBRUARY, 'actor')).map((r) => r.key)).toEqual(['Syrian army']);
      await patch(attack, { date: null });
      await expectTalliesAgree();
      expect(await store.tally(APRIL, 'actor')).toEqual([]);
      expect((await store.tally({}, 'actor')).find((r) => r.key === 'Islamic State')).toEqual({ key: 'Islamic State', events: 1, fatalities: 20 });
    });

    it('changes nothing in the totals for a new day in the same month or a new type, and logs each edit', async () => {
      await februaryRecord(store);
      const shelling = await eventOf(store, 'Army shelling on a village killed twelve.');
      const before = await store.tally({}, 'actor');
      await patch(shelling, { date: { start: '2015-02-27', end: '2015-02-27', precision: 'day' } });
      await patch(shelling, { sub_type: 'Shelling/artillery/missile attack' });
      expect(await store.tally({}, 'actor')).toEqual(before);
      await expectTalliesAgree();
      expect((await store.eventEdits(shelling)).map((e) => Object.keys(e.changes))).toEqual([['date'], ['sub_type']]);
    });
  });

  describe.skipIf(!dialect.available)('a record from before the desk tables were migrations', () => {
    it('opens with its tokens and its edit history, and keeps them in step from then on', async () => {
      const location = await dialect.fresh('old-desk');
      const old = await openStore(location);
      await februaryRecord(old);
      const raid = await eventOf(old, 'Army raid left five dead.');
      await toOldDeskLayout(old.db);
      const db = old.db as any;
      await db.insertInto('api_tokens').values({ id: 'tok_old', name: 'omar', role: 'admin', hash: 'ab'.repeat(32), created_at: '2024-05-01T10:00:00.000Z', last_used_at: null, revoked_at: null }).execute();
      await db.insertInto('event_edits').values({ id: 'edit-old', event_id: raid, editor: 'omar', edited_at: '2024-05-02T09:00:00.000Z', changes: JSON.stringify({ notes: [null, 'checked'] }) }).execute();
      await old.close();

      const reopened = await openStore(location);
      try {
        expect(await reopened.listTokens()).toEqual([{ id: 'tok_old', name: 'omar', role: 'admin', created_at: '2024-05-01T10:00:00.000Z', last_used_at: null, revoked_at: null, source_handler: false, expires_at: null }]);
        expect(await reopened.liveToken('ab'.repeat(32), new Date().toISOString())).toMatchObject({ id: 'tok_old' });
        expect(await reopened.eventEdits(raid)).toEqual([{ id: 'edit-old', event_id: raid, editor: 'omar', edited_at: '2024-05-02T09:00:00.000Z', changes: { notes: [null, 'checked'] } }]);
        const tables = (await reopened.db.introspection.getTables()).map((t) => t.name);
        expect(tables.filter((t) => t.startsWith('desk_migration'))).toEqual([]);
        expect(await reopened.updateEvent(raid, { date: { start: '2015-03-01', end: '2015-03-01', precision: 'day' } }, 'omar')).toBe(true);
        expect((await reopened.eventEdits(raid)).map((e) => e.id)[0]).toBe('edit-old');
        expect(await reopened.eventEdits(raid)).toHaveLength(2);
        const march = { from: '2015-03-01', to: '2015-03-31' };
        expect(await reopened.tally(march, 'actor')).toEqual([{ key: 'Syrian army', events: 1, fatalities: 5 }]);
        expect(await reopened.tally(march, 'actor')).toEqual(await reopened.tallyEvents(march, 'actor'));
      } finally {
        await reopened.close();
      }
    });
  });
});

describe.skipIf(!postgres.available)('[postgres] copy of the desk record', () => {
  it('carries tokens and the edit history from SQLite to PostgreSQL and back', async () => {
    const [a, b, c] = [await openStore(await sqlite.fresh('desk-a')), await openStore(await postgres.fresh('desk-b')), await openStore(await sqlite.fresh('desk-c'))];
    try {
      await februaryRecord(a);
      const desk = openDesk(a);
      const { token } = await desk.tokens.create('alice', 'analyst');
      await desk.tokens.create('old laptop', 'viewer').then(({ info }) => desk.tokens.revoke(info.id));
      const raid = await eventOf(a, 'Army raid left five dead.');
      await a.updateEvent(raid, { notes: 'the council gave the date' }, 'alice');
      await a.updateEvent(raid, { date: { start: '2015-04-03', end: '2015-04-03', precision: 'day' } }, 'alice');

      expect(await copyRecord(a.db, b.db)).toMatchObject({ api_tokens: 2, event_edits: 2 });
      expect(await copyRecord(b.db, c.db)).toMatchObject({ api_tokens: 2, event_edits: 2 });
      for (const s of [b, c]) {
        expect(await s.listTokens()).toEqual(await a.listTokens());
        expect(await s.eventEdits(raid)).toEqual(await a.eventEdits(raid));
        expect(await openDesk(s).tokens.verify(token)).toMatchObject({ name: 'alice', role: 'analyst' });
        expect(await s.tally(APRIL, 'actor')).toEqual([{ key: 'Syrian army', events: 1, fatalities: 5 }]);
      }
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });
});
