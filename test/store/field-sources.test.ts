// Field sources on every database in DIALECTS, as a handler and everyone else meet them: reports sent by people
// on the ground are stored with their identity sealed (the database holds no name in clear: the raw file and a
// PostgreSQL dump are searched), shown to everyone as "field source N", opened only by a source handler giving a
// reason, every read logged; a missing key refuses the write; key rotation; expired and revoked tokens.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import { openDesk } from '../../src/api/open-desk.js';
import { NO_KEY } from '../../src/store/source-key.js';
import { newSourceKeyText, parseSourceKey } from '../../src/store/source-vault.js';
import { openStore } from '../../src/store/open-store.js';
import { EACH } from '../dialects.js';
import { reader } from './snapshot.js';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli', 'main.js');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'observatory-field-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Identities invented for these tests; each part is searched for wherever it must not be.
const SAMIR = { name: 'Samir Touma-Qasabji', contact: 'signal 000-555-0199', place: 'Tall Qurnaya farms', relation: 'ambulance driver' };
const IDENTITY_PARTS = ['Samir', 'Touma', 'Qasabji', '555-0199', 'Qurnaya', 'ambulance driver', 'Hind Barazi', 'Barazi'];

const REPORTS = {
  shelling: 'Published: 2024-03-02\n\nShelling hit the market of a village east of Idlib on Friday, killing four civilians, a local medic said.\n',
  raid: 'Published: 2024-03-05\n\nTwo farmers were killed when an airstrike hit a farm near Saraqib on Monday, residents said.\n',
  clash: 'Published: 2024-03-07\n\nFighters clashed with government forces north of Hama on Wednesday; six fighters were killed.\n',
};

function keyFile(name: string): string {
  const file = join(dir, name);
  writeFileSync(file, newSourceKeyText(), { mode: 0o600 });
  return file;
}

function run(args: string[], db: string, env: Record<string, string> = {}) {
  const clean = { ...process.env, CI: '1', ...env };
  if (!env.OBSERVATORY_SOURCE_KEY_FILE) delete clean.OBSERVATORY_SOURCE_KEY_FILE;
  delete clean.OBSERVATORY_SOURCE_KEY;
  const r = spawnSync(process.execPath, [cli, ...args, '--db', db], { cwd: root, encoding: 'utf8', env: clean });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function reportFile(name: keyof typeof REPORTS): string {
  const file = join(dir, `${name}.txt`);
  writeFileSync(file, REPORTS[name]);
  return file;
}

/** Every byte the database holds: the SQLite file and its journal, or a pg_dump of the PostgreSQL database. */
function rawRecord(db: string): string {
  if (db.startsWith('postgres')) {
    const r = spawnSync('pg_dump', ['--data-only', db], { encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  }
  const folder = join(db, '..');
  const base = db.split('/').pop()!;
  return readdirSync(folder)
    .filter((f) => f.startsWith(base))
    .map((f) => readFileSync(join(folder, f)).toString('latin1'))
    .join('\n');
}

const expectNoIdentity = (what: string, text: string) => {
  for (const part of IDENTITY_PARTS) expect(text, `${what} holds "${part}"`).not.toContain(part);
};

describe.each(EACH)('[%s]', (_name, dialect) => {
  describe.skipIf(!dialect.available)('reports from field sources, on the command line', () => {
    let db: string;
    let key: string;
    beforeAll(async () => {
      db = await dialect.fresh('field');
      key = keyFile(`${dialect.name}-current.key`);
      const env = { OBSERVATORY_SOURCE_KEY_FILE: key };
      const samir = ['--field-source', SAMIR.name, '--field-contact', SAMIR.contact, '--field-place', SAMIR.place, '--field-relation', SAMIR.relation];
      expect(run(['ingest', reportFile('shelling'), ...samir, '--no-progress'], db, env).status).toBe(0);
      // The same person written another way: the same field source.
      expect(run(['ingest', reportFile('raid'), '--field-source', 'samir touma-qasabji', '--no-progress'], db, env).status).toBe(0);
      expect(run(['ingest', reportFile('clash'), '--field-source', 'Hind Barazi', '--field-relation', 'teacher', '--no-progress'], db, env).status).toBe(0);
    });

    it('gives each person one stable pseudonym, and lists only pseudonyms', () => {
      const list = run(['field-sources', 'list'], db);
      expect(list.status).toBe(0);
      expect(list.stdout).toMatch(/field source 1\s+2\s/);
      expect(list.stdout).toMatch(/field source 2\s+1\s/);
      expectNoIdentity('field-sources list', list.stdout);
    });

    it('keeps no name, contact or place in clear anywhere in the database', () => {
      expectNoIdentity('the raw database', rawRecord(db));
    });

    it('leaves identities out of every export and listing', () => {
      for (const args of [
        ['export', '--format', 'acled-csv'],
        ['export', '--format', 'jsonl'],
        ['export', '--format', 'geojson'],
        ['export', '--format', 'ucdp-ged-csv'],
        ['export', '--format', 'jsonl', '--reports'],
        ['events', '--format', 'json'],
        ['incidents', '--format', 'json'],
        ['tally'],
      ]) {
        const r = run(args, db);
        expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
        expectNoIdentity(args.join(' '), r.stdout + r.stderr);
      }
    });

    it('opens an identity for whoever holds the key and gives a reason, and logs the read', () => {
      const env = { OBSERVATORY_SOURCE_KEY_FILE: key };
      expect(run(['field-sources', 'show', '1'], db, env).stderr).toMatch(/--reason is needed/);
      expect(run(['field-sources', 'show', '1', '--reason', 'checking the clinic report'], db).stderr).toBe(`observatory: ${NO_KEY}\n`);
      const shown = run(['field-sources', 'show', '1', '--reason', 'checking the clinic report'], db, env);
      expect(shown.status).toBe(0);
      expect(shown.stdout).toContain(`name: ${SAMIR.name}`);
      expect(shown.stdout).toContain(`place: ${SAMIR.place}`);
      const reads = run(['field-sources', 'reads'], db);
      expect(reads.stdout).toMatch(/field source 1\s+cli \S+\s+checking the clinic report/);
      // The refused attempts (no reason, no key) opened nothing and left no read behind.
      expect(reads.stdout.match(/field source 1/g)).toHaveLength(1);
    });

    it('refuses a report from a field source without a key, in one line, and stores nothing', async () => {
      const empty = await dialect.fresh('nokey');
      const r = run(['ingest', reportFile('shelling'), '--field-source', SAMIR.name, '--no-progress'], empty);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(`observatory: ${NO_KEY}\n`);
      // Refused before the record is even opened: no file made, no table created.
      if (dialect.name === 'sqlite') expect(existsSync(empty)).toBe(false);
      else {
        const db = reader(empty);
        expect((await sql<{ r: string | null }>`select to_regclass('public.reports')::text as r`.execute(db)).rows[0].r).toBeNull();
        await db.destroy();
      }
    });

    it('rotates the key: every identity resealed, pseudonyms kept, the old key no longer opens them', () => {
      const next = keyFile(`${dialect.name}-next.key`);
      const r = run(['keys', 'rotate', '--new-key-file', next], db, { OBSERVATORY_SOURCE_KEY_FILE: key });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^resealed 2 field sources under the key [0-9a-f]{16}/);
      expect(run(['field-sources', 'show', '2', '--reason', 'after rotation'], db, { OBSERVATORY_SOURCE_KEY_FILE: key }).stderr).toMatch(/sealed under another key/);
      expect(run(['field-sources', 'show', '2', '--reason', 'after rotation'], db, { OBSERVATORY_SOURCE_KEY_FILE: next }).stdout).toContain('name: Hind Barazi');
      // The same person sending again after the rotation is still field source 1.
      writeFileSync(join(dir, 'later.txt'), 'Published: 2024-03-09\n\nA mortar round killed a child in a village east of Idlib on Saturday.\n');
      expect(run(['ingest', join(dir, 'later.txt'), '--field-source', SAMIR.name, '--no-progress'], db, { OBSERVATORY_SOURCE_KEY_FILE: next }).status).toBe(0);
      expect(run(['field-sources', 'list'], db).stdout).toMatch(/field source 1\s+3\s/);
      expectNoIdentity('the raw database after rotation', rawRecord(db));
      // A rotation with the wrong current key changes nothing.
      const wrong = run(['keys', 'rotate', '--new-key-file', keyFile(`${dialect.name}-third.key`)], db, { OBSERVATORY_SOURCE_KEY_FILE: key });
      expect(wrong.status).toBe(1);
      expect(wrong.stderr).toMatch(/^observatory: nothing was changed: this identity was sealed under another key/);
      expect(run(['field-sources', 'show', '1', '--reason', 'still there'], db, { OBSERVATORY_SOURCE_KEY_FILE: next }).stdout).toContain(`name: ${SAMIR.name}`);
    });
  });

  describe.skipIf(!dialect.available)('field sources on the desk', () => {
    const key = parseSourceKey(newSourceKeyText());
    async function deskOver(withKey: boolean) {
      const store = await openStore(await dialect.fresh('desk-field'));
      const desk = openDesk(store, { sourceKey: withKey ? key : null });
      const app = createApp(desk, { webRoot: null, log: () => {} });
      const token = async (name: string, role: 'viewer' | 'analyst' | 'admin', options = {}) => (await desk.tokens.create(name, role, options)).token;
      const call = async (tok: string, method: string, path: string, body?: unknown) => {
        const res = await app.request(path, { method, headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
        return { status: res.status, text: await res.text() };
      };
      return { store, desk, token, call };
    }
    const submission = { text: 'Shelling on a village east of Idlib killed three civilians on Friday, a medic said.', published: '2024-03-02', field_source: { name: SAMIR.name, contact: SAMIR.contact, place: SAMIR.place } };

    it('refuses a field-source report on a desk without the key, storing nothing', async () => {
      const { store, token, call } = await deskOver(false);
      const r = await call(await token('alice', 'analyst'), 'POST', '/api/reports', submission);
      expect(r.status).toBe(503);
      expect(r.text).toContain('nothing was stored');
      expect((await store.counts()).reports).toBe(0);
      await store.close();
    });

    it('shows a pseudonym to everyone and the identity to a source handler only, logging the read', async () => {
      const { store, token, call } = await deskOver(true);
      const analyst = await token('alice', 'analyst');
      const admin = await token('root', 'admin');
      const handler = await token('hana', 'analyst', { sourceHandler: true });
      const posted = await call(analyst, 'POST', '/api/reports', submission);
      expect(posted.status).toBe(201);
      const report = JSON.parse(posted.text).report;
      expect(report.field_source).toBe('field source 1');
      for (const path of ['/api/reports', `/api/reports/${encodeURIComponent(report.id)}`, '/api/events', '/api/field-sources', '/api/tallies', '/api/tallies/record']) {
        const r = await call(admin, 'GET', path);
        expect(r.status, path).toBe(200);
        expectNoIdentity(path, r.text);
      }
      expect(JSON.parse((await call(analyst, 'GET', '/api/field-sources')).text).field_sources).toEqual([{ number: 1, pseudonym: 'field source 1', reports: 1, created_at: expect.any(String) }]);
      // Not even an admin reads an identity without the capability.
      const refused = await call(admin, 'GET', '/api/field-sources/1?reason=audit');
      expect(refused.status).toBe(403);
      expectNoIdentity('the refusal', refused.text);
      expect((await call(handler, 'GET', '/api/field-sources/1')).status).toBe(400);
      const opened = await call(handler, 'GET', '/api/field-sources/1?reason=confirming+the+village');
      expect(opened.status).toBe(200);
      expect(JSON.parse(opened.text)).toMatchObject({ pseudonym: 'field source 1', name: SAMIR.name, contact: SAMIR.contact, place: SAMIR.place });
      const reads = JSON.parse((await call(handler, 'GET', '/api/field-sources/reads')).text).reads;
      expect(reads).toEqual([{ pseudonym: 'field source 1', reader: expect.stringContaining('(hana)'), reason: 'confirming the village', read_at: expect.any(String) }]);
      expect((await call(admin, 'GET', '/api/field-sources/reads')).status).toBe(403);
      expect((await call(handler, 'GET', '/api/field-sources/9?reason=x')).status).toBe(404);
      await store.close();
    });

    it('refuses an expired token and a revoked one', async () => {
      const { store, desk, token, call } = await deskOver(true);
      const expired = await token('old', 'viewer', { expiresAt: new Date(Date.now() - 60_000).toISOString() });
      const live = await token('current', 'viewer', { expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
      expect((await call(expired, 'GET', '/api/events')).status).toBe(401);
      expect((await call(live, 'GET', '/api/events')).status).toBe(200);
      const revoked = await desk.tokens.create('gone', 'viewer');
      await desk.tokens.revoke(revoked.info.id);
      expect((await call(revoked.token, 'GET', '/api/events')).status).toBe(401);
      await store.close();
    });
  });
});
