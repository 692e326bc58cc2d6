// SQLite with another process writing to the same record (an import, a second ingest): the desk's reads go on
// answering while that process holds the write lock, and the desk's own writes wait for it without stopping the
// server (their wait is a timer, not a sleep in the thread), then go in; one that waits too long is a 503 saying why.
// The other process is a second better-sqlite3 connection in a child process, holding BEGIN IMMEDIATE.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDesk, type SampleDesk } from '../desk-setup.js';

const root = join(import.meta.dirname, '..', '..');

/** A process that takes the record's write lock, writes a row it has not committed, and holds on until told. */
const HOLDER = `
const db = new (require('better-sqlite3'))(process.env.HOLD_DB);
db.exec('BEGIN IMMEDIATE');
db.prepare("insert into failures (path, line, error, failed_at) values ('other-process', ?, 'written by another process', '2016-02-14T00:00:00.000Z')").run(Number(process.env.HOLD_LINE));
process.stdout.write('holding\\n');
process.stdin.once('data', () => { db.exec('COMMIT'); db.close(); process.stdout.write('committed\\n', () => process.exit(0)); });
`;

interface Holder {
  child: ChildProcess;
  release(): Promise<void>;
}

let holders = 0;

async function holdWriteLock(db: string): Promise<Holder> {
  const env = { ...process.env, HOLD_DB: db, HOLD_LINE: String(++holders) };
  const child = spawn(process.execPath, ['-e', HOLDER], { cwd: root, env, stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  const said = (word: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => out.includes(word) && resolve();
      child.stdout!.on('data', (b) => {
        out += b;
        check();
      });
      child.once('exit', (code) => reject(new Error(`the holding process ended (${code}) before saying "${word}"`)));
      check();
    });
  await said('holding');
  return {
    child,
    async release() {
      child.stdin!.write('go\n');
      await said('committed');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

let d: SampleDesk;
beforeAll(async () => {
  d = await sampleDesk();
});
afterAll(async () => d?.close());

async function call(method: string, path: string, token: string, body?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await d.app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
}

const REPORT = { text: 'Shelling killed 6 civilians in Harasta on Sunday, the Syrian Observatory for Human Rights said.', published: '2016-02-14', source: 'AFP' };

describe('[sqlite] another process holding the write lock', () => {
  it('the record is in WAL mode, where a reader never waits for a writer', () => {
    const db = new BetterSqlite3(d.db, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('reads answer while the lock is held; a report submitted meanwhile waits for it, then goes in', async () => {
    const [event] = await d.store.listEvents({}, { limit: 1 });
    const holder = await holdWriteLock(d.db);
    let submitted: Awaited<ReturnType<typeof call>> | null = null;
    // The viewer's token has never been used: its first use would stamp it, a write; the read must not wait for that.
    const post = call('POST', '/api/reports', d.tokens.analyst, REPORT).then((r) => (submitted = r));
    try {
      const reads = ['/api/events', `/api/events/${encodeURIComponent(event.id)}`, '/api/reports', '/api/tallies?by=bloc', '/api/control', '/api/me', '/readyz', '/healthz'];
      for (const path of reads) {
        const r = await call('GET', path, d.tokens.viewer);
        expect([path, r.status]).toEqual([path, 200]);
      }
      expect((await call('GET', '/api/events?count=true', d.tokens.viewer)).body.total).toBe(18);
      // Every read above answered while the submitted report was still waiting for the lock.
      expect(submitted).toBeNull();
    } finally {
      await holder.release();
    }
    const r = await post;
    expect([r.status, r.body.status]).toEqual([201, 'new']);
    expect((await d.store.counts()).reports).toBe(13);
    // The other process's write went in too.
    expect((await d.store.listFailures()).map((f) => f.path)).toContain('other-process');
  });

  it('a write that waits past its patience is a 503 saying why, and the server goes on', async () => {
    const [event] = await d.store.listEvents({}, { limit: 1 });
    const holder = await holdWriteLock(d.db);
    try {
      const r = await call('PATCH', `/api/events/${encodeURIComponent(event.id)}`, d.tokens.analyst, { notes: 'checked against the monitor' });
      expect(r.status).toBe(503);
      expect(r.retryAfter).toBe('5');
      expect(r.body.error.message).toBe('the record is busy: another writer held it for over 10 s (an import?); try again shortly');
      expect((await call('GET', '/api/events', d.tokens.viewer)).status).toBe(200);
    } finally {
      await holder.release();
    }
    expect((await call('PATCH', `/api/events/${encodeURIComponent(event.id)}`, d.tokens.analyst, { notes: 'checked against the monitor' })).status).toBe(200);
  });
});
