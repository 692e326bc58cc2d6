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
    // Enough reports that the kill lands mid-batch (40 stored), few enough that three ingests fit a busy machine's minute.
    batchOf(150, batch);
    const clean = await fresh('clean');
    expect(run(['ingest', batch], clean).status).toBe(0);
    const expected = await snapshot(clean);
    expect(expected.reports).toBe(150);

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
    expect(partial.reports).toBeLessThan(150);
    // Whole reports only: every stored report has all its events and claims.
    const full = new Map(expected.perReport.map((r: any) => [r.hash, r]));
    for (const r of partial.perReport as any[]) expect(r).toEqual(full.get(r.hash));

    const rerun = run(['ingest', batch], db);
    expect(rerun.status).toBe(0);
    expect(rerun.stdout).toMatch(new RegExp(`^ingested ${150 - partial.reports} new, ${partial.reports} duplicate, 0 failed`));
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

  it('writes the record\'s own lethal events as GED rows', () => {
    const rows = parse(run(['export', '--format', 'ucdp-ged-csv'], db()).stdout, { columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(0);
    for (const x of rows) {
      expect(['1', '2', '3']).toContain(x.type_of_violence);
      expect(Number(x.low) <= Number(x.best) && Number(x.best) <= Number(x.high) && Number(x.high) > 0).toBe(true);
      expect(Number(x.deaths_a) + Number(x.deaths_b) + Number(x.deaths_civilians) + Number(x.deaths_unknown)).toBe(Number(x.best));
    }
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
    const original = parse(readFileSync(src, 'utf8'), { columns: true }) as Record<string, string>[];
    // The sample has ACLED's 2019-2023 columns: those come back as they were, the later ones empty.
    const back = key(parse(exported, { columns: true }) as Record<string, string>[]);
    expect(back.map((r) => Object.fromEntries(Object.keys(original[0]).map((c) => [c, r[c]])))).toEqual(key(original));
    expect(new Set(back.flatMap((r) => ['disorder_type', 'iso', 'region', 'admin3', 'tags', 'timestamp'].map((c) => r[c])))).toEqual(new Set(['']));
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
      'observatory: test/fixtures/store/acled-bad-rows.csv: line 3: event_date "not a date" is not a day of the calendar (2020-05-09, 9-May-20, 09 May 2020 or 09-May-2020)',
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

describe.skipIf(!dialect.available)('the field\'s real files', () => {
  const imports = 'test/fixtures/imports';
  const csv = (text: string) => parse(text, { columns: true, bom: true }) as Record<string, string>[];
  const byId = (rows: Record<string, string>[], id: string) => Object.fromEntries([...rows].sort((a, b) => a[id].localeCompare(b[id])).map((r) => [r[id], r]));

  it.each([
    // ACLED's current columns, dates as a spreadsheet saves them, a byte-order mark, CRLF and a note over two lines.
    ['acled-current.csv', { NIG20101: '2020-05-09', MLI20102: '2020-05-12', SOM20103: '2020-06-01', MEX20104: '2020-06-30' }],
    // 2019-2023 columns (data_id, iso, event_id_no_cnty, region, admin3, timestamp, iso3), dates as "03 March 2019".
    ['acled-2019.csv', { YEM40101: '2019-03-03', AFG40102: '2019-02-28' }],
    // Before 2019: capitals, ally_actor_N, no sub-event type, dates as "09-May-2014".
    ['acled-2014.csv', { SUD1201: '2014-05-09', SOM1202: '2013-12-21' }],
  ])('imports %s and exports the same values in ACLED\'s columns', async (file, dates: Record<string, string>) => {
    const db = await fresh('acledfmt');
    const src = join(imports, file);
    const r = run(['import', 'acled', src], db);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`imported ${Object.keys(dates).length} new ACLED events, 0 duplicate, 0 failed\n`);
    const exported = run(['export', '--reports', '--format', 'acled-csv'], db).stdout;
    const back = byId(csv(exported), 'event_id_cnty');
    const original = csv(readFileSync(src, 'utf8')).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k.toLowerCase().replace(/^ally_/, 'assoc_'), v])));
    expect(Object.keys(back)).toEqual(Object.keys(dates).sort());
    for (const row of original) {
      const out = back[row.event_id_cnty];
      expect(out.event_date).toBe(dates[row.event_id_cnty]);
      for (const c of ACLED_COLUMNS) if (c !== 'event_date' && c in row) expect([c, out[c]]).toEqual([c, row[c]]);
    }
    // Columns ACLED no longer writes are kept too, and come out in the JSONL export.
    const jsonl = run(['export', '--reports', '--format', 'jsonl'], db).stdout.trim().split('\n').map((l) => JSON.parse(l));
    if (file === 'acled-2019.csv') expect(jsonl.find((e) => e.external_id === 'YEM40101').columns).toMatchObject({ data_id: '7100231', event_id_no_cnty: '40101', iso3: 'YEM' });
    if (file === 'acled-2014.csv') expect(jsonl.find((e) => e.external_id === 'SUD1201').columns).toMatchObject({ gwno: '625', event_id_no_cnty: '1201' });
    // A second generation changes nothing.
    const again = join(dir, `again-${file}`);
    writeFileSync(again, exported);
    const db2 = await fresh('acledfmt2');
    expect(run(['import', 'acled', again], db2).stderr).toBe('');
    expect(run(['export', '--reports', '--format', 'acled-csv'], db2).stdout).toBe(exported);
  });

  it('refuses bad values row by row, naming file and line, and stores none of them', async () => {
    const db = await fresh('acledvals');
    const r = run(['import', 'acled', `${imports}/acled-bad-values.csv`], db);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      `observatory: ${imports}/acled-bad-values.csv: line 3: event_date "2021-02-30" is not a day of the calendar (2020-05-09, 9-May-20, 09 May 2020 or 09-May-2020)`,
      `observatory: ${imports}/acled-bad-values.csv: line 4: latitude "999" is outside -90..90`,
      `observatory: ${imports}/acled-bad-values.csv: line 5: fatalities "100000000000000000000" is more than any one event's toll (over 10,000,000)`,
      `observatory: ${imports}/acled-bad-values.csv: line 6: country is empty`,
      `observatory: ${imports}/acled-bad-values.csv: line 7: event_date "31-Apr-21" is not a day of the calendar (2020-05-09, 9-May-20, 09 May 2020 or 09-May-2020)`,
      `observatory: ${imports}/acled-bad-values.csv: line 8: year "2020" is not the year of event_date "2021-04-07"`,
      'observatory: 6 rows failed (listed above, and kept in the failures table)',
    ]);
    expect(r.stdout).toBe('imported 2 new ACLED events, 0 duplicate, 6 failed\n');
    expect(csv(run(['export', '--reports', '--format', 'acled-csv'], db).stdout).map((x) => x.event_id_cnty)).toEqual(['KEN30001', 'KEN30008']);
  });

  it('refuses a file that is not ACLED\'s, or not GED\'s, with one line', async () => {
    const db = await fresh('notours');
    const asAcled = run(['import', 'acled', `${imports}/ucdp-ged.csv`], db);
    expect([asAcled.status, asAcled.stdout, asAcled.stderr]).toEqual([1, '', `observatory: ${imports}/ucdp-ged.csv: line 1: not an ACLED export, the header lacks event_id_cnty, event_date, event_type\n`]);
    const asGed = run(['import', 'ucdp', `${imports}/acled-current.csv`], db);
    expect([asGed.status, asGed.stdout, asGed.stderr]).toEqual([1, '', `observatory: ${imports}/acled-current.csv: line 1: not a UCDP GED file: no header naming id, type_of_violence, date_start, and 31 fields where GED has 49\n`]);
    expect(run(['export', '--format', 'jsonl'], db).stdout).toBe('');
  });

  it('imports a GED file with and without its header, and exports the same rows', async () => {
    const src = `${imports}/ucdp-ged.csv`;
    const db = await fresh('ged');
    const r = run(['import', 'ucdp', src], db);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('imported 4 new UCDP GED events, 0 duplicate, 0 failed\n');
    const exported = run(['export', '--reports', '--format', 'ucdp-ged-csv'], db).stdout;
    expect(byId(csv(exported), 'id')).toEqual(byId(csv(readFileSync(src, 'utf8')), 'id'));
    const bare = await fresh('gedbare');
    expect(run(['import', 'ucdp', `${imports}/ucdp-ged-no-header.csv`], bare).stdout).toBe('imported 4 new UCDP GED events, 0 duplicate, 0 failed\n');
    expect(run(['export', '--reports', '--format', 'ucdp-ged-csv'], bare).stdout).toBe(exported);
    expect(run(['import', 'ucdp', src], db).stdout).toBe('imported 0 new UCDP GED events, 4 duplicate, 0 failed\n');
    // GED's events count in the record like any other: listed, and in the tallies with GED's low, best and high.
    expect(JSON.parse(run(['events', '--origin', 'ucdp', '--format', 'json'], db).stdout).map((e: { id: string }) => e.id).sort()).toEqual(['ucdp-900001', 'ucdp-900002', 'ucdp-900003', 'ucdp-900004']);
    const tally = JSON.parse(run(['tally', '--by', 'country', '--format', 'json'], db).stdout);
    expect(tally.rows.find((x: { key: string }) => x.key === 'Syria')).toMatchObject({ low: 12, best: 14, high: 20 });
  });

  it('refuses bad GED rows with file and line, and imports the rest', async () => {
    const db = await fresh('gedbad');
    const r = run(['import', 'ucdp', `${imports}/ucdp-ged-bad-rows.csv`], db);
    expect(r.stderr.trim().split('\n').map((l) => l.replace(`observatory: ${imports}/ucdp-ged-bad-rows.csv: `, ''))).toEqual([
      'line 3: type_of_violence "4" is not 1 (state-based), 2 (non-state) or 3 (one-sided)',
      'line 4: date_start "2018-02-30" is not a day of the calendar (YYYY-MM-DD)',
      'line 5: longitude "-999" is outside -180..180',
      'line 6: best "100000000000000000000" is more than any one event\'s toll (over 10,000,000)',
      'line 7: low 20, best 12 and high 12 are not in order (low <= best <= high)',
      'line 8: deaths_a, deaths_b, deaths_civilians and deaths_unknown add up to 13, not to best 12',
      'line 9: country is empty',
      'line 10: date_end "2018-04-13" is before date_start "2018-04-15"',
      'observatory: 8 rows failed (listed above, and kept in the failures table)',
    ]);
    expect(r.stdout).toBe('imported 1 new UCDP GED events, 0 duplicate, 8 failed\n');
  });

});
});
