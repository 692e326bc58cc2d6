// Incidents as records, from the command line on every database in DIALECTS: one strike told by three
// outlets is one incident in the list and in each export, with its best figure once; a weekly total is
// never an incident nor a point on the map; and an incident's id survives re-ingest, unrelated ingest,
// new reports of it, and an analyst's unlink and link.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { EACH } from './dialects.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'obs-incidents-'));

// Written for the project: the place and date are real, the strike is invented.
const REPORTS: Record<string, string> = {
  'strike-reuters.txt': 'Title: Warplanes bomb Saraqeb\nPublished: 2017-03-05\nSource: Reuters\n\nWarplanes bombed the town of Saraqeb on Saturday, killing 23 civilians, local rescue workers said.\n',
  'strike-afp.txt': 'Title: Market struck in Saraqeb\nPublished: 2017-03-05\nSource: AFP\n\nAir strikes hit a market in Saraqeb on Saturday, killing 21 civilians, the Syrian Observatory for Human Rights said.\n',
  'strike-dpa.txt': 'Title: Raid on Saraqeb\nPublished: 2017-03-06\nSource: dpa\n\nTwenty-two civilians died when jets struck Saraqeb on Saturday, the civil defence said.\n',
  'week-afp.txt': 'Title: A week in Idlib\nPublished: 2017-03-06\nSource: AFP\n\nAir strikes killed 74 civilians across Idlib province in the past week, the Syrian Observatory for Human Rights said.\n',
  'douma.txt': 'Title: Shelling in Douma\nPublished: 2017-03-07\nSource: AFP\n\nShelling killed 4 civilians in Douma on Monday, the Syrian Observatory for Human Rights said.\n',
};
const path = (name: string) => join(dir, name);

interface Listed {
  id: string;
  location: string;
  deaths_low: number;
  deaths_best: number;
  deaths_high: number;
  reports: number;
  status: string;
}

describe.each(EACH)('[%s]', (_name, dialect) => {
  let db = '';
  const run = (...args: string[]) => execFileSync('node', [CLI, ...args, '--db', db], { encoding: 'utf8' });
  const incidents = (): Listed[] => JSON.parse(run('incidents', '--format', 'json'));
  const saraqeb = () => incidents().filter((i) => i.location === 'Saraqeb');
  const eventOf = (source: string) => (JSON.parse(run('events', '--format', 'json', '--place', 'saraq')) as { id: string; source: string }[]).find((e) => e.source === source)!.id;

  describe.skipIf(!dialect.available)('incidents as records', () => {
    let first = '';
    beforeAll(async () => {
      for (const [name, text] of Object.entries(REPORTS)) writeFileSync(path(name), text);
      db = await dialect.fresh('incidents');
      // One outlet first: the incident is named then, and later reports of it must not rename it.
      run('ingest', path('strike-reuters.txt'), '--no-progress');
      [{ id: first }] = saraqeb();
      run('ingest', path('strike-afp.txt'), path('strike-dpa.txt'), path('week-afp.txt'), '--no-progress');
    });

    it('lists one strike told by three outlets as one incident, its best figure once', () => {
      const [strike, ...more] = saraqeb();
      expect(more).toEqual([]);
      // The monitor's 21 is the best; the rescuers' 23 is the high.
      expect(strike).toMatchObject({ id: first, deaths_low: 21, deaths_best: 21, deaths_high: 23, reports: 3, status: 'corroborated' });
      expect(run('incidents')).toMatch(/^i:\S+\s+2017-03-04\s+Saraqeb, Idlib, Syria\s+Air\/drone strike\s+21 \/ 21 \/ 23\s+civilians 21\/21\/23\s+corroborated\s+3\s/m);
      // The incident is found by its id or by any of its events', under the same id.
      expect(run('incident', first)).toMatch(new RegExp(`^Incident ${first}: 3 event\\(s\\) from 3 report\\(s\\); status corroborated`));
      expect(run('incident', eventOf('AFP')).split('\n')[0]).toBe(run('incident', first).split('\n')[0]);
    });

    it('exports the strike once in each format, with the best as its fatalities', () => {
      const rows = parse(run('export', '--format', 'acled-csv'), { columns: true }) as Record<string, string>[];
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ event_id_cnty: first, location: 'Saraqeb', fatalities: '21' });
      expect(rows[0].notes).toMatch(/^On 4 March 2017, .* in Saraqeb \(Idlib\); 21 fatalities \(reported 21 to 23\), according to .*Syrian Observatory for Human Rights/);
      expect(rows[0].source).toContain('Syrian Observatory for Human Rights');
      const lines = run('export', '--format', 'jsonl').trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.map((l) => [l.id, l.deaths_best, l.event_ids.length])).toEqual([[first, 21, 3]]);
      // Per report, the same strike is three rows: what --reports is for.
      expect(parse(run('export', '--format', 'acled-csv', '--reports', '--place', 'saraq'), { columns: true })).toHaveLength(3);
    });

    it('never makes the weekly total an incident, nor a point on the map', () => {
      expect(incidents().map((i) => i.location)).toEqual(['Saraqeb']);
      const geo = JSON.parse(run('export', '--format', 'geojson'));
      expect(geo.features.map((f: { properties: { incident_id: string; fatalities: number } }) => [f.properties.incident_id, f.properties.fatalities])).toEqual([[first, 21]]);
      const totals = JSON.parse(run('incidents', '--totals', '--format', 'json'));
      expect(totals).toMatchObject([{ scope: 'period-total', deaths: 74, date_end: '2017-03-06' }]);
      expect(run('incidents')).toMatch(/1 period total and 0 cumulative tolls are claims, not incidents/);
    });

    it('keeps the id through re-ingest of the same report and ingest of an unrelated one', () => {
      expect(run('ingest', path('strike-afp.txt'), '--no-progress')).toMatch(/0 new, 1 duplicate/);
      run('ingest', path('douma.txt'), '--no-progress');
      const all = incidents();
      expect(all.map((i) => i.location).sort()).toEqual(['Douma', 'Saraqeb']);
      expect(saraqeb().map((i) => i.id)).toEqual([first]);
    });

    it('filters incidents as events are filtered: on the incident, or on any of its reports', () => {
      const ids = (...f: string[]) => (JSON.parse(run('incidents', '--format', 'json', ...f)) as Listed[]).map((i) => i.location).sort();
      expect(ids('--country', 'syria', '--admin1', 'Idlib')).toEqual(['Saraqeb']);
      expect(ids('--min-fatalities', '21')).toEqual(['Saraqeb']);
      expect(ids('--min-fatalities', '22')).toEqual([]);
      // The rescuers' report is one of the strike's three.
      expect(ids('--claimant', 'civil defence')).toEqual(['Saraqeb']);
      expect(ids('--from', '2017-03-05')).toEqual(['Douma']);
      expect(() => run('incidents', '--origin', 'acled')).toThrow(/not reconciled incidents/);
    });

    it('keeps the id on the side of an unlink that holds the incident\'s first event, and again when relinked', () => {
      const [anchor, other] = [eventOf('Reuters'), eventOf('AFP')];
      run('unlink', anchor, other, '--analyst', 'test', '--note', 'two raids');
      const split = saraqeb();
      expect(split).toHaveLength(2);
      const kept = split.find((i) => i.id === first)!;
      expect(kept).toBeDefined();
      const apart = split.find((i) => i.id !== first)!;
      expect(JSON.parse(run('export', '--format', 'jsonl', '--place', 'saraq').trim().split('\n').find((l) => l.includes(apart.id))!).event_ids).toContain(other);
      run('link', anchor, other, '--analyst', 'test');
      expect(saraqeb().map((i) => i.id)).toEqual([first]);
    });
  });
});
