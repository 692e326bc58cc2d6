// The record's commands, run as a user runs them: `node dist/cli/main.js` in a child process (npm test builds dist/),
// on every database in DIALECTS (a SQLite file, a PostgreSQL URL).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACLED_COLUMNS } from '../../src/store/acled.js';
import { splitReportHeader } from '../../src/cli/report-header.js';
import { EACH } from '../dialects.js';
import { failureRows, snapshot } from './snapshot.js';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const fixtures = join(root, 'test', 'fixtures', 'store');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'observatory-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], db: string) {
  const r = spawnSync(process.execPath, [cli, ...args, '--db', db], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Sample report texts, each made unique with a counter, as one JSONL batch. */
function batchOf(n: number, path: string): void {
  const reports = readdirSync(join(root, 'sample', 'reports'))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => splitReportHeader(readFileSync(join(root, 'sample', 'reports', f), 'utf8')));
  const lines = Array.from({ length: n }, (_, i) => {
    const r = reports[i % reports.length];
    return JSON.stringify({ id: `item-${i}`, text: `${r.body}\n\n(Item ${i}.)`, published: r.meta.published, source: r.meta.source, title: r.meta.title });
  });
  writeFileSync(path, lines.join('\n') + '\n');
}

describe.each(EACH)('[%s]', (_name, dialect) => {
const fresh = (label: string) => dialect.fresh(label);

describe.skipIf(!dialect.available)('observatory ingest', () => {
  it('is idempotent: the same reports twice are stored once, and the second run changes nothing', async () => {
    const db = await fresh('idem');
    const first = run(['ingest', 'sample/'], db);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/^ingested 12 new, 0 duplicate, 0 failed/);
    const before = await snapshot(db);
    const second = run(['ingest', 'sample/', 'sample/reports/01-aleppo-shelling.txt'], db);
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/^ingested 0 new, 13 duplicate, 0 failed/);
    expect(await snapshot(db)).toEqual(before);
    expect(before.reports).toBe(12);
  });

  it('records bad files and lines with one clear line each, and goes on with the batch', async () => {
    const db = await fresh('bad');
    const files = ['binary.txt', 'empty.txt', 'good.txt', 'latin1.txt', 'batch-broken.jsonl'].map((f) => join('test/fixtures/store', f));
    const r = run(['ingest', ...files, 'test/fixtures/store/missing.txt'], db);
    expect(r.status).toBe(1);
    const errors = r.stderr.trim().split('\n');
    expect(errors).toEqual([
      expect.stringMatching(/^observatory: test\/fixtures\/store\/binary\.txt: looks like a binary file/),
      'observatory: test/fixtures/store/empty.txt: the file is empty',
      expect.stringMatching(/^observatory: test\/fixtures\/store\/latin1\.txt: is not valid UTF-8 \(first bad byte on line 5\)/),
      expect.stringMatching(/^observatory: test\/fixtures\/store\/batch-broken\.jsonl: line 2: not valid JSON/),
      'observatory: test/fixtures/store/batch-broken.jsonl: line 4: "published" must be YYYY-MM-DD',
      'observatory: test/fixtures/store/missing.txt: no such file or folder',
      'observatory: 6 items failed (listed above, and kept in the failures table)',
    ]);
    expect(r.stdout).toMatch(/^ingested 3 new, 0 duplicate, 6 failed/);
    expect(await failureRows(db)).toEqual([
      { path: 'test/fixtures/store/batch-broken.jsonl', line: 2 },
      { path: 'test/fixtures/store/batch-broken.jsonl', line: 4 },
      { path: 'test/fixtures/store/binary.txt', line: 0 },
      { path: 'test/fixtures/store/empty.txt', line: 0 },
      { path: 'test/fixtures/store/latin1.txt', line: 0 },
      { path: 'test/fixtures/store/missing.txt', line: 0 },
    ]);
    // Again: the good ones are duplicates, the failures are the same six rows, not twelve.
    const again = run(['ingest', ...files, 'test/fixtures/store/missing.txt'], db);
    expect(again.stdout).toMatch(/^ingested 0 new, 3 duplicate, 6 failed/);
    expect((await snapshot(db)).failures).toBe(6);
  });

  it('survives SIGKILL mid-batch: a second run finishes, nothing lost, nothing doubled', async () => {
    const batch = join(dir, 'crash.jsonl');
    batchOf(300, batch);
    const clean = await fresh('clean');
    expect(run(['ingest', batch], clean).status).toBe(0);
    const expected = await snapshot(clean);
    expect(expected.reports).toBe(300);

    const db = await fresh('crash');
    const child = spawn(process.execPath, [cli, 'ingest', batch, '--db', db, '--no-progress'], { cwd: root, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    let stored = 0;
    for (let i = 0; i < 600 && stored < 40; i++) {
      await new Promise((r) => setTimeout(r, 25));
      try {
        stored = (await snapshot(db)).reports;
      } catch {
        // The database file or its tables are not there yet.
      }
    }
    child.kill('SIGKILL');
    await exited;
    const partial = await snapshot(db);
    expect(partial.reports).toBeGreaterThanOrEqual(40);
    expect(partial.reports).toBeLessThan(300);
    // Whole reports only: every stored report has all its events and claims.
    const full = new Map(expected.perReport.map((r: any) => [r.hash, r]));
    for (const r of partial.perReport as any[]) expect(r).toEqual(full.get(r.hash));

    const rerun = run(['ingest', batch], db);
    expect(rerun.status).toBe(0);
    expect(rerun.stdout).toMatch(new RegExp(`^ingested ${300 - partial.reports} new, ${partial.reports} duplicate, 0 failed`));
    expect(await snapshot(db)).toEqual(expected);
  });
});

describe.skipIf(!dialect.available)('observatory events, show, export', () => {
  let location = '';
  const db = () => location;
  beforeAll(async () => {
    location = await fresh('query');
    expect(run(['ingest', 'sample/'], db()).status).toBe(0);
  });

  it('lists events as a table, JSON and CSV', () => {
    const table = run(['events', '--country', 'yemen'], db());
    expect(table.stdout).toMatch(/^id +date +event type/);
    expect(table.stdout).toMatch(/\n\d+ of \d+ events/);
    const json = JSON.parse(run(['events', '--format', 'json', '--country', 'Yemen'], db()).stdout);
    expect(json.length).toBeGreaterThan(0);
    expect(json.every((e: any) => e.country === 'Yemen')).toBe(true);
    const csv = parse(run(['events', '--format', 'csv', '--from', '2018-01-01', '--to', '2018-12-31'], db()).stdout, { columns: true });
    expect(csv.length).toBeGreaterThan(0);
    expect(csv.every((e: any) => e.date_start >= '2018-01-01' && e.date_start <= '2018-12-31')).toBe(true);
  });

  it('refuses a bad filter in one line', () => {
    const r = run(['events', '--from', '2018-13-01'], db());
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('observatory: --from must be a date YYYY-MM-DD, got "2018-13-01"\n');
  });

  it('shows an event with its claims and the span marked', () => {
    const [ev] = JSON.parse(run(['events', '--format', 'json', '--limit', '1', '--country', 'Syria'], db()).stdout);
    const r = run(['show', ev.id], db());
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(ev.id);
    expect(r.stdout).toMatch(/claims? behind it:/);
    expect(r.stdout).toMatch(/\[\[[^\]]+\]\]/);
    expect(run(['show', 'nope'], db()).stderr).toBe('observatory: no event "nope" in the record (observatory events lists them)\n');
  });

  it('exports incidents as ACLED CSV, GeoJSON and JSONL, one row each', () => {
    const rows = parse(run(['export', '--format', 'acled-csv'], db()).stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual([...ACLED_COLUMNS]);
    for (const r of rows) {
      expect(r.event_id_cnty).toMatch(/^i:/);
      expect(r.notes).toMatch(/^(On|In|Between) .*; (\d+ fatalit(y|ies)|at least \d+ fatalit(y|ies) \(only vague figures reported\)|no fatality figure reported)( \(reported \d+ to (\d+|an open number)\))?(, according to .*)?(; the figures are contested)?\.$/);
      expect(['1', '2', '3']).toContain(r.time_precision);
      expect(['1', '2', '3']).toContain(r.geo_precision);
    }
    const out = join(dir, 'incidents.geojson');
    expect(run(['export', '--format', 'geojson', '--output', out], db()).status).toBe(0);
    const geo = JSON.parse(readFileSync(out, 'utf8'));
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features.length).toBe(rows.filter((r) => r.latitude !== '').length);
    const lines = run(['export', '--format', 'jsonl'], db()).stdout.trim().split('\n');
    expect(lines).toHaveLength(rows.length);
  });

  it('exports report events with --reports: ACLED CSV, GeoJSON and JSONL', () => {
    const rows = parse(run(['export', '--format', 'acled-csv', '--reports'], db()).stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual([...ACLED_COLUMNS]);
    for (const r of rows) {
      expect(r.notes).toMatch(/^(On|In|Between) .*; \d+ fatalit(y|ies) reported\.$/);
      expect(['1', '2', '3']).toContain(r.time_precision);
      expect(['1', '2', '3']).toContain(r.geo_precision);
    }
    const out = join(dir, 'events.geojson');
    expect(run(['export', '--format', 'geojson', '--reports', '--output', out], db()).status).toBe(0);
    const geo = JSON.parse(readFileSync(out, 'utf8'));
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features.length).toBe(rows.filter((r) => r.latitude !== '').length);
    expect(geo.features[0].geometry.coordinates).toHaveLength(2);
    const lines = run(['export', '--format', 'jsonl', '--reports'], db()).stdout.trim().split('\n');
    expect(lines).toHaveLength(rows.length);
  });
});

describe.skipIf(!dialect.available)('observatory import acled', () => {
  it('round trip: import then export gives the same rows for the ACLED columns', async () => {
    const db = await fresh('acled');
    const src = join(fixtures, 'acled-sample.csv');
    const r = run(['import', 'acled', src], db);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('imported 5 new ACLED events, 0 duplicate, 0 failed\n');
    const exported = run(['export', '--format', 'acled-csv', '--reports', '--origin', 'acled'], db).stdout;
    const key = (rows: Record<string, string>[]) => [...rows].sort((a, b) => a.event_id_cnty.localeCompare(b.event_id_cnty));
    const original = parse(readFileSync(src, 'utf8'), { columns: true });
    expect(key(parse(exported, { columns: true }))).toEqual(key(original));
    expect(run(['import', 'acled', src], db).stdout).toBe('imported 0 new ACLED events, 5 duplicate, 0 failed\n');
    // Exported back in, the file is the same again (a second generation changes nothing).
    const copy = join(dir, 'exported.csv');
    writeFileSync(copy, exported);
    const db2 = await fresh('acled2');
    expect(run(['import', 'acled', copy], db2).status).toBe(0);
    expect(run(['export', '--format', 'acled-csv', '--reports'], db2).stdout).toBe(exported);
  });

  it('records bad rows with file and line and imports the rest', async () => {
    const db = await fresh('acledbad');
    const r = run(['import', 'acled', 'test/fixtures/store/acled-bad-rows.csv'], db);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      'observatory: test/fixtures/store/acled-bad-rows.csv: line 3: event_date "not a date" is not a date (YYYY-MM-DD or "15 February 2015")',
      'observatory: test/fixtures/store/acled-bad-rows.csv: line 4: 9 fields where the header has 24',
      'observatory: test/fixtures/store/acled-bad-rows.csv: line 5: fatalities "many" is not a number',
      'observatory: 3 rows failed (listed above, and kept in the failures table)',
    ]);
    expect(r.stdout).toBe('imported 2 new ACLED events, 0 duplicate, 3 failed\n');
  });

  it('refuses a file that is not an ACLED export', async () => {
    const db = await fresh('aclednot');
    const notAcled = join(dir, 'not-acled.csv');
    writeFileSync(notAcled, 'a,b,c\n1,2,3\n');
    expect(run(['import', 'acled', notAcled], db).stderr).toBe(`observatory: ${notAcled}: line 1: not an ACLED export, the header lacks event_id_cnty, event_date, event_type, country\n`);
    copyFileSync(join(fixtures, 'binary.txt'), join(dir, 'binary.csv'));
    expect(run(['import', 'acled', join(dir, 'binary.csv')], db).stderr).toMatch(/binary\.csv: looks like a binary file/);
  });
});
});
