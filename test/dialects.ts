// Every store test runs once per database in DIALECTS, with the same cases (as Kysely's own suite does).
// SQLite always; PostgreSQL when OBSERVATORY_TEST_PG names a server (a postgres:// URL whose user may create
// databases). Each PostgreSQL case gets a database of its own, created here and dropped when the file ends.
// Without the variable the PostgreSQL cases are skipped, and test/pg-global-setup.ts says so in one line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll } from 'vitest';

export interface TestDialect {
  name: 'sqlite' | 'postgres';
  /** false: the cases are skipped (PostgreSQL without OBSERVATORY_TEST_PG). */
  available: boolean;
  /** A location for --db / openStore naming a new, empty database. */
  fresh(label?: string): Promise<string>;
}

export const PG_URL = process.env.OBSERVATORY_TEST_PG || null;

const dirs: string[] = [];
const databases: string[] = [];
let counter = 0;

function admin(): pg.Client {
  return new pg.Client({ connectionString: PG_URL!, application_name: 'observatory-tests' });
}

/** The server URL with another database name. */
export function pgUrlFor(database: string): string {
  const u = new URL(PG_URL!);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function createPgDatabase(label = 't'): Promise<string> {
  const name = `obs_test_${process.pid}_${Date.now().toString(36)}_${counter++}_${label.replace(/\W/g, '').slice(0, 20)}`.toLowerCase();
  const c = admin();
  await c.connect();
  try {
    await c.query(`create database "${name}"`);
  } finally {
    await c.end();
  }
  databases.push(name);
  return pgUrlFor(name);
}

export async function dropPgDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const c = admin();
  await c.connect();
  try {
    await c.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await c.end();
  }
}

export const DIALECTS: TestDialect[] = [
  {
    name: 'sqlite',
    available: true,
    async fresh(label = 'test') {
      const dir = mkdtempSync(join(tmpdir(), 'observatory-test-'));
      dirs.push(dir);
      return join(dir, 'db', `${label}.sqlite`);
    },
  },
  {
    name: 'postgres',
    available: PG_URL !== null,
    fresh: (label) => createPgDatabase(label),
  },
];

/** describe.each over DIALECTS: `[sqlite]` and `[postgres]` in every test's name. */
export const EACH = DIALECTS.map((d) => [d.name, d] as const);

afterAll(async () => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  if (PG_URL && databases.length) {
    const c = admin();
    await c.connect();
    try {
      for (const name of databases.splice(0)) await c.query(`drop database if exists "${name}" with (force)`);
    } finally {
      await c.end();
    }
  }
});
