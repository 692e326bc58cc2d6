// The desk's heavy work (reading a report, storing it, reconciling) runs on worker threads under a time
// budget: a request whose work outruns it is answered 503, saying what happened and when to try again, its
// thread is replaced, and the other requests go on being answered meanwhile. To make a request outrun its
// budget for certain, the test holds the record's write lock from outside, as another program writing would.
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/api/app.js';
import type { Desk } from '../../src/api/desk.js';
import { openDesk } from '../../src/api/open-desk.js';
import { ingestItem } from '../../src/cli/commands/ingest.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { openStore } from '../../src/store/open-store.js';
import { EACH, type TestDialect } from '../dialects.js';

/** A long report (68 KB): seconds of reading, during which the lock is taken. */
const LONG = 'Three shepherds killed in Manbij. '.repeat(2_000);

/** Holds the record's write lock from another connection; the function returned lets it go. */
async function holdWrites(dialect: TestDialect, location: string): Promise<() => Promise<void>> {
  if (dialect.name === 'sqlite') {
    const db = new BetterSqlite3(location);
    db.exec('BEGIN IMMEDIATE');
    return async () => {
      db.exec('ROLLBACK');
      db.close();
    };
  }
  const c = new pg.Client({ connectionString: location });
  await c.connect();
  await c.query('begin');
  // Storing a report ends by regrouping incidents, which now waits; reading events does not.
  await c.query('lock table incidents in access exclusive mode');
  return async () => {
    await c.query('rollback');
    await c.end();
  };
}

describe.each(EACH)('[%s]', (_name, dialect) => {
  describe.skipIf(!dialect.available)('a request over its budget', () => {
    let store: KyselyStore;
    let desk: Desk;
    let app: ReturnType<typeof createApp>;
    let token: string;
    const submit = (text: string) =>
      app.request('/api/reports', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text, published: '2016-03-10', source: 'Valley Courier' }),
      });
    const reportsHeld = async () => ((await (await app.request('/api/reports')).json()) as { total: number }).total;

    beforeAll(async () => {
      store = await openStore(await dialect.fresh('budget'));
      await ingestItem(store, { path: 'douma.txt', line: 0, id: null, text: 'Shelling killed four civilians in Douma on Sunday, the Syrian Observatory for Human Rights said.', meta: { published: '2016-02-15', source: 'Wire', title: null } });
      // As serve has it: threads load the extractor before taking work, so a short report fits the tiny budget.
      desk = openDesk(store, { publicRead: true, budgetSeconds: 2, threads: 1, preload: true });
      token = (await desk.tokens.create('alice', 'analyst')).token;
      app = createApp(desk, { webRoot: null, log: () => {} });
      await desk.work.warm();
    });
    afterAll(async () => {
      await desk?.work.close();
      await store?.close();
    });

    it('is answered 503 with what happened and when to try again, while another GET is answered', async () => {
      let settled = false;
      const post = submit(LONG).finally(() => {
        settled = true;
      });
      await vi.waitFor(() => expect(desk.work.running).toBe(1), { timeout: 30_000, interval: 5 });
      const release = await holdWrites(dialect, store.location);
      try {
        const list = await app.request('/api/events?count=true');
        expect(list.status).toBe(200);
        expect(((await list.json()) as { total: number }).total).toBe(1);
        expect(settled).toBe(false);

        const res = await post;
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBe('2');
        expect(await res.json()).toEqual({
          error: {
            status: 503,
            message:
              'reading and storing this report took more than 2 s, the budget for one request, and was stopped; a report is stored whole or not at all, so submit it again later (a stored one answers "duplicate") or split it into shorter reports',
          },
        });
      } finally {
        await release();
      }
    });

    it('stored nothing of the stopped report, and the thread that replaced its own takes the next one', async () => {
      await desk.work.warm();
      expect(await reportsHeld()).toBe(1);
      const res = await submit('Three shepherds were killed in Manbij on Thursday, a local council said.');
      expect(res.status).toBe(201);
      expect(await reportsHeld()).toBe(2);
      const tally = await app.request('/api/tallies?by=admin1');
      expect(tally.status).toBe(200);
      expect(((await tally.json()) as { rows: { key: string }[] }).rows.map((r) => r.key).sort()).toEqual(['Aleppo', 'Rural Damascus']);
    });
  });
}, 180_000);
