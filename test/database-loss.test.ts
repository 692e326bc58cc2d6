// PostgreSQL failing under a running desk and its workers (skipped without OBSERVATORY_TEST_PG, like the rest of
// the PostgreSQL half). Backends are terminated mid-transaction with pg_terminate_backend, first at a moment the
// test chooses (a transaction held on a table lock the test owns), then again and again under load; then the
// database is cut off altogether (a relay the programs connect through stops) and comes back. Through all of it
// `serve` and `worker` stay up, /healthz answers, /readyz says 503 and then 200, a report cut off is retried
// (storing it is idempotent), and the record ends as one clean run leaves it: nothing lost, nothing counted twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAST, killStarted, queueJson, run, shortBatch, shortReport, start } from './cli-processes.js';
import { DIALECTS, PG_URL } from './dialects.js';
import { SAMPLE } from './desk-setup.js';
import { snapshot } from './store/snapshot.js';
import { TcpProxy } from './tcp-proxy.js';

const postgres = DIALECTS.find((d) => d.name === 'postgres')!;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'observatory-loss-'));
});
afterAll(() => {
  killStarted();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until the check holds. The bound is no timing assertion, only a failure that says what never happened. */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 120_000; await sleep(50)) {
    try {
      if (await check()) return;
    } catch {
      // Not yet: the server or the database may be on its way.
    }
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** `observatory serve` on a free port, with where it listens. */
async function startServe(db: string) {
  const serve = start(['serve', '--db', db, '--port', '0']);
  await until('serve to listen', async () => /http:\/\/[^/\s]+\//.test(serve.seen.out));
  const base = /http:\/\/[^/\s]+\//.exec(serve.seen.out)![0];
  return { ...serve, base };
}

/** A connection of the test's own, to the same database: one holds a lock in a transaction, another watches and
 * terminates (outside any transaction, so that pg_stat_activity is read afresh each time). */
async function admin(db: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: db, application_name: 'observatory-tests' });
  // The test's own connection is never terminated, but it should not take the test down if the server closes it.
  c.on('error', () => {});
  await c.connect();
  return c;
}

/** Terminates every backend of the programs under test; returns how many there were and how many were inside a transaction. */
async function terminateAll(c: pg.Client): Promise<{ all: number; inTransaction: number }> {
  const { rows } = await c.query<{ in_transaction: boolean }>(
    `select pg_terminate_backend(pid), xact_start is not null as in_transaction
       from pg_stat_activity where datname = current_database() and application_name like 'observatory%' and application_name <> 'observatory-tests'`,
  );
  return { all: rows.length, inTransaction: rows.filter((r) => r.in_transaction).length };
}

/** Backends of the programs under test waiting on a lock, that is inside a transaction they cannot finish. */
async function waitingOnLock(c: pg.Client): Promise<number> {
  const { rows } = await c.query(
    `select 1 from pg_stat_activity where datname = current_database() and application_name = 'observatory' and wait_event_type = 'Lock' and xact_start is not null`,
  );
  return rows.length;
}

/** Jobs the workers have completed so far. */
async function jobsDone(c: pg.Client): Promise<number> {
  const { rows } = await c.query(`select count(*)::int as n from pgboss.job where name = 'observatory-reports' and state = 'completed'`);
  return rows[0].n;
}

async function get(base: string, path: string, token?: string) {
  const r = await fetch(base + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: r.status, body: await r.json() };
}

async function post(base: string, token: string, report: object) {
  const r = await fetch(`${base}api/reports`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(report) });
  return { status: r.status, body: await r.json() };
}

async function stop(p: ReturnType<typeof start>): Promise<{ code: number | null; out: string }> {
  if (p.child.exitCode === null) p.child.kill('SIGTERM');
  return p.exited;
}

const REPORT = { text: 'Shelling killed 6 civilians in Harasta on Sunday, the Syrian Observatory for Human Rights said.', published: '2016-02-14', source: 'AFP' };

describe.skipIf(!postgres.available)('[postgres] a backend terminated mid-transaction', () => {
  it('serve: the report being stored is stored once, by a retry; reads answer meanwhile; the server stays up', async () => {
    const db = await postgres.fresh('cutserve');
    expect(run(['ingest', SAMPLE, '--db', db, '--no-progress']).status).toBe(0);
    const token = run(['token', 'create', '--role', 'analyst', '--name', 'chaos', '--db', db]).stdout.trim();
    const serve = await startServe(db);
    const [locker, c] = [await admin(db), await admin(db)];
    try {
      // The test holds the claims table: the report's transaction writes its report row, then waits here.
      await locker.query('begin');
      await locker.query('lock table claims in share mode');
      const submitted = post(serve.base, token, REPORT);
      await until('the report to wait on the lock', async () => (await waitingOnLock(c)) > 0);
      const cut = await terminateAll(c);
      expect(cut.inTransaction).toBeGreaterThanOrEqual(1);
      // The server is up and reads; its retry waits on the lock again.
      expect((await get(serve.base, 'api/events?limit=1', token)).status).toBe(200);
      await until('the retry to wait on the lock', async () => (await waitingOnLock(c)) > 0);
      await locker.query('commit');
      const r = await submitted;
      expect([r.status, r.body.status]).toEqual([201, 'new']);
      expect((await post(serve.base, token, REPORT)).body.status).toBe('duplicate');
      expect((await snapshot(db)).reports).toBe(13);
      expect(serve.child.exitCode).toBeNull();
      expect(await get(serve.base, 'readyz')).toEqual({ status: 200, body: { status: 'ready' } });
    } finally {
      await Promise.all([locker.end(), c.end()]);
      const s = await stop(serve);
      expect(s.out).not.toMatch(/Unhandled|uncaught/i);
    }
  }, 300_000);

  it('worker: the queue and the record lose their connections mid-job; the worker goes on, and the record is a clean run\'s', async () => {
    const batch = join(dir, 'cut-worker.jsonl');
    shortBatch(60, batch);
    const clean = await postgres.fresh('cutworkerclean');
    expect(run(['ingest', batch, '--db', clean, '--no-progress']).status).toBe(0);
    const expected = await snapshot(clean);

    const db = await postgres.fresh('cutworker');
    expect(run(['enqueue', batch, '--db', db], FAST).status).toBe(0);
    const [locker, c] = [await admin(db), await admin(db)];
    await locker.query('begin');
    await locker.query('lock table claims in share mode');
    const worker = start(['worker', '--db', db, '--until-empty', '--batch', '5'], FAST);
    try {
      await until('the worker to wait on the lock', async () => (await waitingOnLock(c)) > 0);
      const cut = await terminateAll(c);
      // The worker's store connection in its transaction, and its queue's connections.
      expect(cut.inTransaction).toBeGreaterThanOrEqual(1);
      expect(cut.all).toBeGreaterThanOrEqual(2);
      await until('the worker to wait on the lock again', async () => (await waitingOnLock(c)) > 0);
      await locker.query('commit');
      const w = await worker.exited;
      expect(w.code, w.out).toBe(0);
      expect(w.out).toMatch(/worker: \d+ new, \d+ duplicate, 0 failed/);
    } finally {
      await Promise.all([locker.end(), c.end()]);
      await stop(worker);
    }
    expect(await snapshot(db)).toEqual(expected);
    expect(await queueJson(db)).toMatchObject({ pending: 0, running: 0, done: 60, failed: 0 });
  }, 300_000);
});

describe.skipIf(!postgres.available)('[postgres] under load, backends terminated again and again, then the database cut off', () => {
  it('serve and worker stay up, /readyz goes 503 then 200, every job completes, and the record is a clean run\'s', async () => {
    const N = 300;
    const batch = join(dir, 'load.jsonl');
    shortBatch(N, batch);
    const clean = await postgres.fresh('loadclean');
    expect(run(['ingest', batch, '--db', clean, '--no-progress']).status).toBe(0);
    const expected = await snapshot(clean);

    const db = await postgres.fresh('load');
    expect(run(['enqueue', batch, '--db', db], FAST).status).toBe(0);
    const token = run(['token', 'create', '--role', 'analyst', '--name', 'load', '--db', db]).stdout.trim();
    // serve and worker reach the database through a relay the test can cut; the test itself goes direct.
    const proxy = await TcpProxy.start({ host: new URL(PG_URL!).hostname, port: Number(new URL(PG_URL!).port || 5432) });
    const via = proxy.url(db);
    const serve = await startServe(via);
    const worker = start(['worker', '--db', via, '--until-empty', '--batch', '10'], FAST);
    const c = await admin(db);

    // Load: readers, and an analyst submitting the batch's first 40 reports by hand (the queue has them too, so
    // each is stored once whoever comes first). A 503 is the server saying "not now": the client tries again.
    let loading = true;
    const statuses = new Map<number, number>();
    const count = (s: number) => statuses.set(s, (statuses.get(s) ?? 0) + 1);
    const readers = Array.from({ length: 3 }, async () => {
      while (loading) {
        count((await get(serve.base, 'api/events?limit=20', token).catch(() => ({ status: -1 }))).status);
        await sleep(20);
      }
    });
    const submitter = (async () => {
      for (let i = 0; i < 40; i++) {
        const { text, published, source } = shortReport(i);
        for (;;) {
          const r = await post(serve.base, token, { text, published, source }).catch(() => ({ status: -1, body: null }));
          count(r.status);
          if (r.status === 200 || r.status === 201) break;
          await sleep(100);
        }
      }
    })();

    try {
      await until('the worker to be at work', async () => (await jobsDone(c)) > 0);
      // Backends terminated every 150 ms for 3 s: many of them inside a transaction (a report being stored, a job
      // being taken or completed).
      let inTransaction = 0;
      for (let round = 0; round < 20; round++) {
        inTransaction += (await terminateAll(c)).inTransaction;
        await sleep(150);
      }
      expect(inTransaction).toBeGreaterThan(0);
      // Still at work, so that the cut below falls on a working worker.
      expect(worker.child.exitCode).toBeNull();
      expect(await jobsDone(c)).toBeLessThan(N);

      // The database unreachable: refused and reset, as when its server is down or the network is cut.
      await proxy.down();
      await until('/readyz to say 503', async () => (await get(serve.base, 'readyz')).status === 503);
      const ready = await get(serve.base, 'readyz');
      expect(ready.body.error.message).toMatch(/^not ready: the database cannot be reached: /);
      expect(await get(serve.base, 'healthz')).toEqual({ status: 200, body: { status: 'up' } });
      const read = await get(serve.base, 'api/events?limit=1', token);
      expect(read.status).toBe(503);
      expect(read.body.error.message).toMatch(/^the database cannot be reached \(.+\); try again once GET \/readyz answers 200$/);
      await until('the worker to notice', async () => /worker: the database cannot be reached while/.test(worker.seen.out));
      expect([serve.child.exitCode, worker.child.exitCode]).toEqual([null, null]);

      await proxy.up();
      await until('/readyz to say 200', async () => (await get(serve.base, 'readyz')).status === 200);
      await submitter;
      loading = false;
      await Promise.all(readers);

      const w = await worker.exited;
      expect(w.code, w.out).toBe(0);
      expect(w.out).toMatch(/worker: the database is back after/);
      expect(serve.child.exitCode).toBeNull();
      expect((await get(serve.base, 'api/events?limit=1', token)).status).toBe(200);
      // Every answer was a success or a 503: no 500, no dropped connection.
      expect([...statuses.keys()].filter((s) => s !== 200 && s !== 201 && s !== 503)).toEqual([]);
    } finally {
      loading = false;
      await c.end();
      await proxy.down();
      await stop(worker);
      const s = await stop(serve);
      expect(s.out).not.toMatch(/Unhandled|uncaught|internal error/i);
    }
    expect(await snapshot(db)).toEqual(expected);
    expect(await queueJson(db)).toMatchObject({ pending: 0, running: 0, done: N, failed: 0 });
  }, 600_000);
});

it.runIf(!PG_URL)('[postgres] database loss: skipped, OBSERVATORY_TEST_PG is not set', () => {});
