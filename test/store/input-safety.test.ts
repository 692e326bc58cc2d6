// Hostile and careless input, run as a user runs the commands (`node dist/cli/main.js`, built by npm test) on
// every database in DIALECTS: exports safe to open in a spreadsheet, an ingest walk that a bad folder entry cannot
// stop or lead outside its folder, one validation at every door, and read commands that never create a record.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import pg from 'pg';
import { createApp } from '../../src/api/app.js';
import { openDesk } from '../../src/api/open-desk.js';
import { ingestItem } from '../../src/cli/commands/ingest.js';
import { openStore } from '../../src/store/open-store.js';
import { createPgDatabase, dropPgDatabase, EACH, PG_URL, pgUrlFor } from '../dialects.js';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const imports = join(root, 'test', 'fixtures', 'imports');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'observatory-safety-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `as`: a user id to run as; the tests run as root in some setups, and root reads and writes past chmod. */
function run(args: string[], options: { input?: string; as?: number } = {}) {
  const user = options.as === undefined ? {} : { uid: options.as, gid: options.as };
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, input: options.input, env: { ...process.env, CI: '1' }, ...user });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const csv = (text: string) => parse(text, { columns: true, bom: true }) as Record<string, string>[];

describe.each(EACH)('[%s]', (_name, dialect) => {
  describe.skipIf(!dialect.available)('exports safe to open in a spreadsheet', () => {
    it('escapes formula cells in ACLED CSV; --raw gives the imported rows back', async () => {
      const db = await dialect.fresh('formulas');
      const src = join(imports, 'acled-formulas.csv');
      expect(run(['import', 'acled', src, '--db', db]).stdout).toBe('imported 2 new ACLED events, 0 duplicate, 0 failed\n');

      const safe = csv(run(['export', '--reports', '--format', 'acled-csv', '--db', db]).stdout);
      const first = safe.find((r) => r.event_id_cnty === 'XFM0001')!;
      expect([first.actor1, first.source, first.notes]).toEqual([`'=HYPERLINK("http://example.invalid/x","open me")`, `'@SUM(1+1)`, `'+2+3 gunmen attacked a village market.`]);
      expect([first.longitude, first.fatalities]).toEqual(['-3.3167', '2']);
      expect(safe.find((r) => r.event_id_cnty === 'XFM0002')!.actor1).toBe(`'-Unidentified Armed Group (Mali)`);

      const raw = csv(run(['export', '--reports', '--format', 'acled-csv', '--raw', '--db', db]).stdout);
      const original = csv(readFileSync(src, 'utf8'));
      const key = (rows: Record<string, string>[]) => [...rows].sort((a, b) => a.event_id_cnty.localeCompare(b.event_id_cnty));
      expect(key(raw).map((r) => Object.fromEntries(Object.keys(original[0]).map((c) => [c, r[c]])))).toEqual(key(original));
    });

    it('escapes formula cells in events --format csv and its tallies, not with --raw', async () => {
      const db = await dialect.fresh('eventscsv');
      run(['import', 'acled', join(imports, 'acled-formulas.csv'), '--db', db]);
      const rows = csv(run(['events', '--format', 'csv', '--db', db]).stdout);
      expect(rows.map((r) => [r.perpetrator_actor, r.source, r.lon]).sort()).toEqual([
        [`'-Unidentified Armed Group (Mali)`, 'Radio Ouagadougou', '-5.9929'],
        [`'=HYPERLINK("http://example.invalid/x","open me")`, `'@SUM(1+1)`, '-3.3167'],
      ]);
      expect(csv(run(['events', '--format', 'csv', '--raw', '--db', db]).stdout).map((r) => r.source).sort()).toEqual(['@SUM(1+1)', 'Radio Ouagadougou']);
      expect(csv(run(['events', '--format', 'csv', '--by', 'actor', '--db', db]).stdout).map((r) => r.actor).sort()).toEqual([
        `'-Unidentified Armed Group (Mali)`,
        `'=HYPERLINK("http://example.invalid/x","open me")`,
      ]);
    });
  });

  describe.skipIf(!dialect.available)('an ingest walk that bad entries cannot stop or lead out', () => {
    it('ingests the folder\'s report, names each bad entry in one line, never hangs on a pipe, never reads outside', async () => {
      const top = mkdtempSync(join(dir, 'walk-'));
      const box = join(top, 'box');
      mkdirSync(box);
      writeFileSync(join(box, 'report.txt'), 'Published: 2023-04-02\n\nThree civilians were killed when a shell hit a bus near Bakhmut on Saturday.\n');
      writeFileSync(join(top, 'secret.txt'), 'Outside the folder: a line no ingest of box/ may store.\n');
      symlinkSync(join(top, 'secret.txt'), join(box, 'outside.txt'));
      symlinkSync(join(box, 'gone.txt'), join(box, 'dangling.txt'));
      symlinkSync(join(box, 'loop.txt'), join(box, 'loop.txt'));
      execFileSync('mkfifo', [join(box, 'pipe.jsonl')]);
      const db = await dialect.fresh('walk');
      // The second run, following links, still holds 1 report: the file outside was not stored.
      for (const follow of [[], ['--follow-symlinks']]) {
        const r = run(['ingest', box, '--no-progress', '--db', db, ...follow]);
        expect(r.status).toBe(1);
        expect(r.stdout).toMatch(follow.length ? /^ingested 0 new, 1 duplicate, 4 failed, 0 seen again [^;]*; the record holds 1 reports/ : /^ingested 1 new, 0 duplicate, 4 failed, 0 seen again [^;]*; the record holds 1 reports/);
        const lines = r.stderr.trim().split('\n');
        expect(lines.slice(0, 4).map((l) => l.replace(`${box}/`, ''))).toEqual([
          `observatory: dangling.txt: a symbolic link to ${join(box, 'gone.txt')}, which does not exist; skipped`,
          'observatory: loop.txt: a symbolic link loop; skipped',
          follow.length ? `observatory: outside.txt: a symbolic link to ${join(top, 'secret.txt')}, outside ${box}; not followed` : `observatory: outside.txt: a symbolic link, not followed (--follow-symlinks follows links that stay inside ${box})`,
          'observatory: pipe.jsonl: a named pipe (FIFO), not a file; skipped',
        ]);
      }
    });
  });

  describe.skipIf(!dialect.available)('one validation at every door', () => {
    const ZWSP = '\u200b\u200b \u200b';

    it('ingest of a JSONL batch: control characters removed, bad dates and letterless text fail alone, each in one line', async () => {
      const db = await dialect.fresh('jsonl');
      const batch = join(dir, `doors-${dialect.name}.jsonl`);
      const lines = [
        { id: 'a', text: 'Two soldiers were killed by a roadside bomb near Gao on Monday.', published: '2022-03-08' },
        { id: 'b', text: 'A drone strike\u0000 hit a fuel depot in Kherson, killing one guard.', published: '2022-11-20', source: 'Wire\u0000 desk' },
        { id: 'c', text: 'Gunmen stormed a village in Zamfara.', published: '0000-01-01' },
        { id: 'd', text: 'Troops shelled a ridge in Tigray.', published: '9999-12-31' },
        { id: 'e', text: ZWSP },
        { id: 'f', text: 'Police fired on protesters in Mandalay, killing three.', published: '1899-12-31' },
        { id: 'g', text: 'Militants ambushed a convoy in Borno, killing four soldiers.', published: '2021-07-01' },
      ];
      writeFileSync(batch, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
      const r = run(['ingest', batch, '--no-progress', '--db', db]);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/^ingested 3 new, 0 duplicate, 4 failed/);
      expect(r.stderr.trim().split('\n').slice(0, 4)).toEqual([
        `observatory: ${batch}: line 3: published "0000-01-01" is not a day of the calendar`,
        `observatory: ${batch}: line 4: published "9999-12-31" is after tomorrow (${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)})`,
        `observatory: ${batch}: line 5: the text has no letters (only spaces, marks or invisible characters): it is empty`,
        `observatory: ${batch}: line 6: published "1899-12-31" is before 1900-01-01`,
      ]);
      const sources = run(['events', '--format', 'json', '--db', db]).stdout;
      expect(sources).toContain('"Wire desk"');
      expect(sources).not.toContain('\\u0000');
    });

    it('ingest of a text file and --published: the same rules', async () => {
      const db = await dialect.fresh('textfile');
      const file = join(dir, `late-${dialect.name}.txt`);
      writeFileSync(file, 'Published: 2999-01-01\n\nA bridge near Kupiansk was destroyed by shelling.\n');
      expect(run(['ingest', file, '--no-progress', '--db', db]).stderr).toMatch(/late-\w+\.txt: published "2999-01-01" is after tomorrow/);
      const r = run(['ingest', join(root, 'sample'), '--published', '1066-10-14', '--db', db]);
      expect([r.status, r.stderr]).toEqual([1, 'observatory: --published "1066-10-14" is before 1900-01-01\n']);
    });

    it('the queue\'s door (a worker\'s job): cleaned, or refused with the reason', async () => {
      const store = await openStore(await dialect.fresh('job'));
      try {
        await expect(ingestItem(store, { path: 'queued', line: 1, id: null, text: ZWSP, meta: { published: null, source: null, title: null } })).rejects.toThrow('the text has no letters');
        await expect(ingestItem(store, { path: 'queued', line: 2, id: null, text: 'A clash in Marib left six fighters dead.', meta: { published: '3000-01-01', source: null, title: null } })).rejects.toThrow('published "3000-01-01" is after tomorrow');
        expect(await ingestItem(store, { path: 'queued', line: 3, id: null, text: 'A clash\u0000 in Marib left six fighters dead.', meta: { published: '2020-02-02', source: 'Local\u0001 radio', title: null } })).toBe('new');
        expect((await store.counts()).reports).toBe(1);
        // A lone surrogate is stored as U+FFFD, and the text is known again by the same hash: a duplicate, not a second report.
        const half = { path: 'queued', line: 4, id: null, text: 'Shelling hit Taiz \udfff on Monday.', meta: { published: '2020-02-02', source: null, title: null } };
        expect(await ingestItem(store, half)).toBe('new');
        expect(await ingestItem(store, { ...half, line: 5 })).toBe('duplicate');
        expect((await store.listReports({})).reports.length).toBe(2);
        const held = await Promise.all((await store.listReports({})).reports.map((r) => store.getReport(r.id)));
        expect(held.map((r) => r!.text)).toContain('Shelling hit Taiz \ufffd on Monday.');
      } finally {
        await store.close();
      }
    });

    it('POST /api/reports: control characters refused with a 400, bad dates and letterless text too, on this database as on the other', async () => {
      const store = await openStore(await dialect.fresh('api'));
      try {
        const desk = openDesk(store, { publicRead: false, threads: 1 });
        onTestFinished(() => desk.work.close());
        const { token } = await desk.tokens.create('alice', 'analyst');
        const app = createApp(desk, { webRoot: null, log: () => {} });
        const post = async (body: unknown) => {
          const res = await app.request('/api/reports', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
          return { status: res.status, message: ((await res.json()) as { error?: { message: string } }).error?.message };
        };
        expect(await post({ text: 'Shells hit\u0000 a school in Idlib.' })).toEqual({ status: 400, message: 'body.text: must not hold control characters (NUL, escape, ...) or lone UTF-16 surrogates; tabs and line ends are fine' });
        expect(await post({ text: 'Shells hit a school in Idlib \ud800.' })).toMatchObject({ status: 400, message: expect.stringMatching(/^body.text: must not hold control characters .* or lone UTF-16 surrogates/) });
        expect(await post({ text: 'Shells hit a school in Idlib.', source: 'x\u001b[31m' })).toMatchObject({ status: 400 });
        expect(await post({ text: ZWSP })).toEqual({ status: 400, message: 'body: the text has no letters (only spaces, marks or invisible characters): it is empty' });
        expect(await post({ text: 'Shells hit a school in Idlib.', published: '9999-12-31' })).toMatchObject({ status: 400, message: expect.stringMatching(/^body: published "9999-12-31" is after tomorrow/) });
        expect(await post({ text: 'Shells hit a school in Idlib.', published: '1850-01-01' })).toEqual({ status: 400, message: 'body: published "1850-01-01" is before 1900-01-01' });
        const bad = await app.request('/api/events?actor=a%00b', { headers: { authorization: `Bearer ${token}` } });
        expect(bad.status).toBe(400);
        expect((await post({ text: 'Shells hit a school in Idlib.\tTwo children died.', published: '2020-01-05' })).status).toBe(201);
      } finally {
        await store.close();
      }
    });

    it('ACLED import: control characters removed (a NUL in its first 8 KB refuses the file as binary), an event dated before 1900 or after tomorrow fails alone', async () => {
      const db = await dialect.fresh('acledrange');
      const src = readFileSync(join(imports, 'acled-formulas.csv'), 'utf8').trim().split('\n');
      const file = join(dir, `acled-range-${dialect.name}.csv`);
      const row2 = src[2].replace('XFM0002,2021-04-05,2021', 'XFM0003,1850-04-05,1850');
      const row3 = src[2].replace('XFM0002,2021-04-05,2021', 'XFM0004,2091-04-05,2091');
      writeFileSync(file, [src[0], src[1].replace('Local partner', 'Local\u0001 partner'), row2, row3, src[2]].join('\n') + '\n');
      const r = run(['import', 'acled', file, '--db', db]);
      expect(r.stdout).toBe('imported 2 new ACLED events, 0 duplicate, 2 failed\n');
      expect(r.stderr.trim().split('\n').slice(0, 2)).toEqual([
        `observatory: ${file}: line 3: event_date "1850-04-05" is before 1900-01-01`,
        `observatory: ${file}: line 4: event_date "2091-04-05" is after tomorrow (${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)})`,
      ]);
      expect(csv(run(['export', '--reports', '--format', 'acled-csv', '--raw', '--db', db]).stdout).map((e) => e.source_scale).sort()).toEqual(['Local partner', 'National']);
    });
  });

  describe.skipIf(!dialect.available)('read commands never create a record', () => {
    const READS = [['events'], ['show', 'x-e1'], ['tally'], ['incident', 'x-e1'], ['export', '--format', 'jsonl'], ['control'], ['links']];

    it.each(READS)('%s on a missing database is one line, exit 2, and makes nothing', async (...args) => {
      const missing = dialect.name === 'sqlite' ? join(dir, 'typo', 'record.sqlite') : pgUrlFor(`obs_no_such_${process.pid}`);
      const r = run([...args, '--db', missing]);
      expect([r.status, r.stdout, r.stderr]).toEqual([2, '', `observatory: ${missing}: no such database; a read command creates none (check --db or OBSERVATORY_DB)\n`]);
      if (dialect.name === 'sqlite') expect(existsSync(join(dir, 'typo'))).toBe(false);
    });

    it('refuses a database that holds no record, and leaves it as it was', async () => {
      if (dialect.name === 'sqlite') {
        mkdirSync(join(dir, 'empty'));
        const file = join(dir, 'empty', 'blank.sqlite');
        spawnSync(process.execPath, ['-e', `new (require('better-sqlite3'))(${JSON.stringify(file)}).close()`], { cwd: root });
        const r = run(['events', '--db', file]);
        expect([r.status, r.stderr]).toEqual([2, `observatory: ${file}: holds no Observatory record; a read command creates none (check --db or OBSERVATORY_DB)\n`]);
        expect(readFileSync(file).length).toBe(0);
      } else {
        const url = await createPgDatabase('blank');
        expect(run(['tally', '--db', url]).status).toBe(2);
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        const { rows } = await c.query(`select count(*)::int as n from information_schema.tables where table_schema = 'public'`);
        await c.end();
        expect(rows[0].n).toBe(0);
      }
    });

    it.skipIf(dialect.name !== 'postgres')('reads the record as a role that may only select', async () => {
      const url = await createPgDatabase('readonly');
      const role = `obs_reader_${process.pid}`;
      expect(run(['import', 'acled', join(imports, 'acled-formulas.csv'), '--db', url]).status).toBe(0);
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`create role ${role} login`);
        await admin.query(`grant usage on schema public to ${role}; grant select on all tables in schema public to ${role}`);
        const asReader = new URL(url);
        asReader.username = role;
        for (const read of [['events', '--format', 'csv'], ['tally', '--format', 'json'], ['export', '--format', 'acled-csv'], ['links']]) {
          const r = run([...read, '--db', asReader.toString()]);
          expect([read[0], r.status, r.stderr]).toEqual([read[0], 0, '']);
        }
      } finally {
        await admin.end();
        await dropPgDatabase(url);
        const server = new pg.Client({ connectionString: PG_URL! });
        await server.connect();
        await server.query(`drop role if exists ${role}`);
        await server.end();
      }
    });

    it.skipIf(dialect.name !== 'sqlite')('reads a database file chmod 444 in a read-only folder, with every read command', async () => {
      const folder = mkdtempSync(join(dir, 'ro-'));
      const file = join(folder, 'record.sqlite');
      expect(run(['import', 'acled', join(imports, 'acled-formulas.csv'), '--db', file]).status).toBe(0);
      const as = process.getuid?.() === 0 ? 65534 : undefined;
      chmodSync(dir, 0o755);
      chmodSync(file, 0o444);
      for (const mode of [0o755, 0o555]) {
        chmodSync(folder, mode);
        const r = run(['events', '--format', 'csv', '--db', file], { as });
        expect([r.status, r.stderr]).toEqual([0, '']);
        expect(csv(r.stdout).map((e) => e.id).sort()).toEqual(['acled-XFM0001', 'acled-XFM0002']);
        for (const read of [['tally', '--format', 'json'], ['incident', 'acled-XFM0001'], ['export', '--format', 'acled-csv']]) expect(run([...read, '--db', file], { as }).status).toBe(0);
      }
      expect(readdirSync(folder)).toEqual(['record.sqlite']);
      chmodSync(folder, 0o755);
    });
  });
});
