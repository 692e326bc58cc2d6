// Makes a synthetic record (bench/synthetic-record.mjs) in a new SQLite file or PostgreSQL database, for the
// query benchmarks or by hand: node bench/make-record.mjs EVENTS LOCATION (a file path, or a postgres:// URL of
// a database that exists and is empty). Prints how long it took.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fillRecord } from './synthetic-record.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const load = (p) => import(pathToFileURL(join(root, 'dist', p)).href);

/** Fills `location` with about `events` events; returns how many were written and the seconds taken. */
export async function makeRecord(location, events, onProgress = () => {}) {
  const t0 = performance.now();
  let written;
  if (/^postgres(ql)?:\/\//.test(location)) {
    const { openPostgresStore } = await load('store/postgres.js');
    await (await openPostgresStore(location)).close();
    const { default: pg } = await import('pg');
    const c = new pg.Client({ connectionString: location });
    await c.connect();
    try {
      // A bulk load: the bulk tables' secondary indexes are dropped and built again after, in one pass each.
      const { rows: idx } = await c.query(`select indexname, indexdef from pg_indexes i where schemaname = 'public'
        and tablename in ('events', 'claims', 'reports', 'event_actors', 'event_claims', 'incidents', 'incident_events')
        and not exists (select 1 from pg_constraint k where k.conname = i.indexname)`);
      for (const { indexname } of idx) await c.query(`drop index ${indexname}`);
      written = await fillRecord('postgres', async (sql) => (await c.query(sql)).rows, events, onProgress);
      for (const { indexdef } of idx) await c.query(indexdef);
      await c.query('vacuum analyze');
    } finally {
      await c.end();
    }
  } else {
    const { openSqliteStore } = await load('store/sqlite.js');
    await (await openSqliteStore(location)).close();
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(location);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = OFF');
      db.pragma('cache_size = -500000');
      const idx = db.prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null
        and tbl_name in ('events', 'claims', 'reports', 'event_actors', 'event_claims', 'incidents', 'incident_events')`).all();
      for (const { name } of idx) db.exec(`drop index ${name}`);
      written = await fillRecord('sqlite', (sql) => {
        const st = db.prepare(sql);
        return st.reader ? st.all() : (st.run(), []);
      }, events, onProgress);
      for (const { sql } of idx) db.exec(sql);
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
  }
  return { written, seconds: (performance.now() - t0) / 1000 };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [events, location] = [Number(process.argv[2]), process.argv[3]];
  if (!events || !location) {
    console.error('usage: node bench/make-record.mjs EVENTS LOCATION');
    process.exit(2);
  }
  const r = await makeRecord(location, events, (n) => process.stdout.write(`\r  ${n.toLocaleString('en')} events`));
  console.log(`\n${r.written.toLocaleString('en')} events in ${r.seconds.toFixed(0)} s`);
}
