// Hostile and careless input, run as a user runs the commands (`node dist/cli/main.js`, built by npm test) on
// every database in DIALECTS: exports safe to open in a spreadsheet, an ingest walk that a bad folder entry cannot
// stop or lead outside its folder, one validation at every door, and read commands that never create a record.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EACH } from '../dialects.js';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const imports = join(root, 'test', 'fixtures', 'imports');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'observatory-safety-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], options: { input?: string } = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, input: options.input, env: { ...process.env, CI: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const csv = (text: string) => parse(text, { columns: true, bom: true }) as Record<string, string>[];

describe.each(EACH)('[%s]', (_name, dialect) => {
  describe.skipIf(!dialect.available)('exports safe to open in a spreadsheet', () => {
    it('escapes formula cells in ACLED CSV; --raw gives the imported rows back', async () => {
      const db = await dialect.fresh('formulas');
      const src = join(imports, 'acled-formulas.csv');
      expect(run(['import', 'acled', src, '--db', db]).stdout).toBe('imported 2 new ACLED events, 0 duplicate, 0 failed\n');

      const safe = csv(run(['export', '--format', 'acled-csv', '--db', db]).stdout);
      const first = safe.find((r) => r.event_id_cnty === 'XFM0001')!;
      expect([first.actor1, first.source, first.notes]).toEqual([`'=HYPERLINK("http://example.invalid/x","open me")`, `'@SUM(1+1)`, `'+2+3 gunmen attacked a village market.`]);
      expect([first.longitude, first.fatalities]).toEqual(['-3.3167', '2']);
      expect(safe.find((r) => r.event_id_cnty === 'XFM0002')!.actor1).toBe(`'-Unidentified Armed Group (Mali)`);

      const raw = csv(run(['export', '--format', 'acled-csv', '--raw', '--db', db]).stdout);
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
});
