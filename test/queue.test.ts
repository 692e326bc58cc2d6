// The queue and its workers on PostgreSQL (the queue lives there; on SQLite these cases are skipped with the
// rest of the PostgreSQL half): two workers racing on the same 5,000 reports store each once; a worker killed
// with kill -9 mid-batch loses nothing and doubles nothing; a report that keeps failing is kept with its error;
// and `copy` moves a whole record from SQLite to PostgreSQL and back unchanged.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI as cli, FAST, killStarted, queueJson, ROOT as root, run, shortBatch, start } from './cli-processes.js';
import { DIALECTS, PG_URL } from './dialects.js';
import { snapshot } from './store/snapshot.js';

const sqlite = DIALECTS.find((d) => d.name === 'sqlite')!;
const postgres = DIALECTS.find((d) => d.name === 'postgres')!;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'observatory-queue-'));
});
afterAll(() => {
  killStarted();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!postgres.available)('[postgres] queue and workers', () => {
  it('two workers on the same 5,000 reports at once: each report stored once, the same record as one clean run', async () => {
    const batch = join(dir, 'five-thousand.jsonl');
    shortBatch(5_000, batch);
    const clean = await postgres.fresh('clean5k');
    expect(run(['ingest', batch, '--db', clean, '--no-progress']).status).toBe(0);
    const expected = await snapshot(clean);
    expect(expected.reports).toBe(5_000);

    // Every report is queued twice, so the two workers race on each of them.
    const db = await postgres.fresh('race5k');
    expect(run(['enqueue', batch, '--db', db]).stdout).toMatch(/^enqueued 5000 reports/);
    expect(run(['enqueue', batch, '--db', db]).status).toBe(0);
    const a = start(['worker', '--db', db, '--until-empty', '--batch', '25']);
    const b = start(['worker', '--db', db, '--until-empty', '--batch', '25']);
    const [ra, rb] = await Promise.all([a.exited, b.exited]);
    expect(ra.code, ra.out).toBe(0);
    expect(rb.code, rb.out).toBe(0);
    const newOf = (out: string) => Number(/(\d+) new/.exec(out)![1]);
    const dupOf = (out: string) => Number(/(\d+) duplicate/.exec(out)![1]);
    expect(newOf(ra.out) + newOf(rb.out)).toBe(5_000);
    expect(dupOf(ra.out) + dupOf(rb.out)).toBe(5_000);
    expect(newOf(ra.out)).toBeGreaterThan(0);
    expect(newOf(rb.out)).toBeGreaterThan(0);
    expect(await snapshot(db)).toEqual(expected);
    expect(await queueJson(db)).toMatchObject({ pending: 0, running: 0, done: 10_000, failed: 0 });

    // Two plain ingest processes racing on the same file: the same again.
    const twice = await postgres.fresh('ingest2');
    const [ia, ib] = await Promise.all([start(['ingest', batch, '--db', twice, '--no-progress']).exited, start(['ingest', batch, '--db', twice, '--no-progress']).exited]);
    expect([ia.code, ib.code]).toEqual([0, 0]);
    expect(await snapshot(twice)).toEqual(expected);
  }, 600_000);

  it('a worker killed with kill -9 mid-batch: another finishes its jobs, and the record is a clean run\'s', async () => {
    const batch = join(dir, 'crash.jsonl');
    shortBatch(800, batch);
    const clean = await postgres.fresh('cleancrash');
    expect(run(['ingest', batch, '--db', clean, '--no-progress']).status).toBe(0);
    const expected = await snapshot(clean);

    const db = await postgres.fresh('crash');
    expect(run(['enqueue', batch, '--db', db], FAST).status).toBe(0);
    const first = start(['worker', '--db', db, '--batch', '20'], FAST);
    let stored = 0;
    for (let i = 0; i < 1200 && stored < 100; i++) {
      await new Promise((r) => setTimeout(r, 50));
      stored = (await snapshot(db)).reports;
    }
    first.child.kill('SIGKILL');
    await first.exited;
    const q = await queueJson(db);
    expect(stored).toBeGreaterThanOrEqual(100);
    expect(q.done).toBeLessThan(800);

    const second = start(['worker', '--db', db, '--until-empty'], FAST);
    const r = await second.exited;
    expect(r.code, r.out).toBe(0);
    expect(await snapshot(db)).toEqual(expected);
    expect(await queueJson(db)).toMatchObject({ pending: 0, running: 0, done: 800, failed: 0 });
  }, 300_000);

  it('retries a report that fails, then keeps it as failed with its error, in the queue and in the record', async () => {
    const db = await postgres.fresh('poison');
    const batch = join(dir, 'poison.jsonl');
    shortBatch(20, batch);
    // The database refuses one report's events: a failure outside the worker's control.
    const c = new pg.Client({ connectionString: db });
    await c.connect();
    expect(run(['enqueue', batch, '--db', db], { ...FAST, OBSERVATORY_QUEUE_RETRY_LIMIT: '2' }).status).toBe(0);
    await c.query(`alter table reports add constraint no_report_7 check (text not like '%(Report 7.)%')`);
    await c.end();
    const r = run(['worker', '--db', db, '--until-empty'], FAST);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/poison\.jsonl: line 8: .*no_report_7.*\(failed 3 times; kept as failed\)/);
    expect(r.stdout).toMatch(/19 new, 0 duplicate, 1 failed/);
    const q = await queueJson(db);
    expect(q).toMatchObject({ pending: 0, running: 0, done: 19, failed: 1 });
    expect(q.failedJobs[0]).toMatchObject({ line: 8, attempts: 3 });
    expect(q.failedJobs[0].error).toMatch(/no_report_7/);
    expect(run(['queue', '--db', db]).stdout).toMatch(/^pending 0, running 0, done 19, failed 1\n\nfailed .*\n  .*poison\.jsonl: line 8/);
    expect((await snapshot(db)).failures).toBe(1);
  }, 120_000);

  it('refuses a SQLite file: the queue lives in PostgreSQL', () => {
    const r = run(['worker', '--db', join(dir, 'x.sqlite')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/the queue lives in PostgreSQL/);
  });
});

describe.skipIf(!postgres.available)('[postgres] copy', () => {
  it('SQLite to PostgreSQL and back: the same events, claims, tallies and decisions', async () => {
    const a = await sqlite.fresh('copy-a');
    const cliRun = (args: string[], db: string) => execFileSync(process.execPath, [cli, ...args, '--db', db], { cwd: root, encoding: 'utf8' });
    run(['ingest', 'sample/', 'test/fixtures/store/empty.txt', '--db', a, '--no-progress']);
    cliRun(['import', 'acled', 'test/fixtures/store/acled-sample.csv', '--no-progress'], a);
    const [e1, e2] = JSON.parse(cliRun(['events', '--format', 'json', '--limit', '2'], a)).map((e: { id: string }) => e.id);
    cliRun(['unlink', e1, e2, '--analyst', 'test', '--note', 'copy test'], a);
    cliRun(['token', 'create', '--role', 'admin', '--name', 'copy test'], a);
    const b = await postgres.fresh('copy-b');
    const c = await sqlite.fresh('copy-c');
    expect(run(['copy', '--from', a, '--to', b]).stdout).toMatch(/^copied 12 reports, \d+ events, \d+ claims, 1 link decisions, 1 failures, 0 event edits, 1 tokens /);
    expect(run(['copy', '--from', b, '--to', c]).status).toBe(0);
    const views = (db: string) => ({
      events: cliRun(['export', '--format', 'jsonl'], db),
      csv: cliRun(['export', '--format', 'acled-csv'], db),
      tally: cliRun(['tally', '--by', 'admin1', '--format', 'json'], db),
      byActor: cliRun(['events', '--by', 'actor', '--format', 'json'], db),
      links: cliRun(['links'], db),
      show: cliRun(['show', e1, '--json'], db),
      tokens: cliRun(['token', 'list'], db),
    });
    const before = views(a);
    expect(views(b)).toEqual(before);
    expect(views(c)).toEqual(before);
    expect(await snapshot(c)).toEqual(await snapshot(a));
    // Into a record that holds something: refused, nothing written.
    const r = run(['copy', '--from', a, '--to', c]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/the destination is not empty/);
  }, 120_000);
});

it.runIf(!PG_URL)('[postgres] queue, workers and copy: skipped, OBSERVATORY_TEST_PG is not set', () => {});
