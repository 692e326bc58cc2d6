// Before any test: says in one line whether the PostgreSQL half of the suite runs, and refuses to start when
// OBSERVATORY_TEST_PG is set but nothing answers there (CI sets it only after pg_isready said yes).
import pg from 'pg';

export default async function setup(): Promise<void> {
  const url = process.env.OBSERVATORY_TEST_PG;
  if (!url) {
    process.stdout.write('PostgreSQL half skipped: OBSERVATORY_TEST_PG is not set (a postgres:// URL runs every store test on PostgreSQL too)\n');
    return;
  }
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await c.connect();
    const { rows } = await c.query('show server_version');
    process.stdout.write(`PostgreSQL half runs: server ${rows[0].server_version} at ${url.replace(/(\/\/[^:/@]+):[^@]*@/, '$1:***@')}\n`);
  } catch (e) {
    throw new Error(`OBSERVATORY_TEST_PG=${url}: no PostgreSQL server answers (${(e as Error).message}); start one or unset the variable`);
  } finally {
    await c.end().catch(() => {});
  }
}
