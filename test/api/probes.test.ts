// The desk's probes on every database in DIALECTS: /healthz answers while the process is up, whatever the database
// does; /readyz answers 200 only when the record can serve (the database answers, every migration has run), and
// 503 with the reason otherwise. Neither needs a token. (A database that cannot be reached at all: see
// test/database-loss.test.ts, which cuts PostgreSQL off under a running server.)
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { openDesk } from '../../src/api/open-desk.js';
import { runIngest } from '../../src/cli/commands/ingest.js';
import { isPostgresUrl } from '../../src/store/dialect.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { EACH } from '../dialects.js';
import { SAMPLE } from '../desk-setup.js';

/** One statement on the record, written around the Store (as an operator's hand or an older program would). */
async function execute(location: string, statement: string, params: unknown[] = []): Promise<void> {
  if (isPostgresUrl(location)) {
    const c = new pg.Client({ connectionString: location });
    await c.connect();
    try {
      await c.query(statement, params);
    } finally {
      await c.end();
    }
  } else {
    const db = new BetterSqlite3(location);
    try {
      db.prepare(statement.replace(/\$\d+/g, '?')).run(...params);
    } finally {
      db.close();
    }
  }
}

const NEWEST = Object.keys(MIGRATIONS).sort().at(-1)!;

describe.each(EACH)('[%s] the probes', (_name, dialect) => {
  let db: string;
  let store: Store;
  let app: ReturnType<typeof createApp>;
  const logged: string[] = [];
  beforeAll(async () => {
    if (!dialect.available) return;
    db = await dialect.fresh('probes');
    await runIngest([SAMPLE], { db, progress: false });
    store = await openStore(db);
    app = createApp(openDesk(store, { publicRead: false }), { log: (m) => logged.push(m) });
  });
  afterAll(async () => store?.close());

  const probe = async (path: string) => {
    const r = await app.request(path);
    return { status: r.status, retryAfter: r.headers.get('retry-after'), body: await r.json() };
  };

  it.skipIf(!dialect.available)('answers both without a token on a record that can serve, while the API itself wants one', async () => {
    expect(await probe('/healthz')).toEqual({ status: 200, retryAfter: null, body: { status: 'up' } });
    expect(await probe('/readyz')).toEqual({ status: 200, retryAfter: null, body: { status: 'ready' } });
    expect((await app.request('/api/events')).status).toBe(401);
  });

  it.skipIf(!dialect.available)('says not ready, naming the migration, while the schema is behind the program; the process is still up', async () => {
    await execute(db, 'delete from kysely_migration where name = $1', [NEWEST]);
    const behind = await probe('/readyz');
    expect(behind.status).toBe(503);
    expect(behind.retryAfter).toBe('5');
    expect(behind.body.error.message).toBe(`not ready: the record's schema is behind this program: migration ${NEWEST} not run (any write command, or a restart, runs them)`);
    expect((await probe('/healthz')).status).toBe(200);

    await execute(db, 'insert into kysely_migration (name, timestamp) values ($1, $2)', [NEWEST, new Date().toISOString()]);
    expect(await probe('/readyz')).toMatchObject({ status: 200, body: { status: 'ready' } });
    expect(logged).toEqual([]);
  });

  it.skipIf(!dialect.available)('are described in the OpenAPI document, open to anyone, /readyz with its 503', async () => {
    const doc = (await probe('/openapi.json')).body;
    expect(doc.paths['/healthz'].get).toMatchObject({ description: 'Open to anyone.' });
    expect(doc.paths['/healthz'].get.security).toBeUndefined();
    expect(Object.keys(doc.paths['/healthz'].get.responses)).toEqual(['200']);
    expect(Object.keys(doc.paths['/readyz'].get.responses).sort()).toEqual(['200', '503']);
    // Every route that asks the database may answer 503 when it cannot.
    expect(Object.keys(doc.paths['/api/events'].get.responses)).toContain('503');
  });
});
