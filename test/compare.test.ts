// `observatory compare` from the command line on every database in DIALECTS: a small record of five reports held
// against a small ACLED file and a small UCDP GED file, as a monitor checks itself against the field. Written for
// the project: the places are real; the reports, the rows, their ids, tolls and sources' figures are invented.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EACH } from './dialects.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'obs-compare-'));
const path = (name: string) => join(dir, name);

// What the record holds, one incident a report:
//   Saraqeb   4 March  air strike             21 dead (the monitor)
//   Douma     6 March  shelling                4 dead (the monitor)
//   Mayadin   8 March  clash                  12 dead (the monitor)
//   Idlib    10 March  protest                 no deaths given
//   Manbij   10 March  roadside bomb           3 dead (an official)
const REPORTS: Record<string, string> = {
  'saraqeb.txt': 'Title: Jets strike Saraqeb market\nPublished: 2017-03-05\nSource: Reuters\n\nAir strikes hit a vegetable market in Saraqeb on Saturday, killing 21 civilians, the Syrian Observatory for Human Rights said.\n',
  'douma.txt': 'Title: Shells fall on Douma\nPublished: 2017-03-07\nSource: AFP\n\nGovernment shelling killed four civilians in Douma on Monday, the Syrian Observatory for Human Rights said.\n',
  'mayadin.txt': 'Title: Fighting near Mayadin\nPublished: 2017-03-09\nSource: dpa\n\nClashes between Islamic State fighters and government forces near Al-Mayadin on Wednesday killed 12 fighters, the Syrian Observatory for Human Rights said.\n',
  'protest.txt': 'Title: Protest in Idlib\nPublished: 2017-03-11\nSource: AFP\n\nHundreds of people protested in the city of Idlib on Friday against the rebel administration, witnesses said.\n',
  'manbij.txt': 'Title: Bomb in Manbij\nPublished: 2017-03-11\nSource: Reuters\n\nA roadside bomb exploded in Manbij on Friday, killing three civilians, a local official said.\n',
};

// ACLED's rows, in its own spellings (Saraqab, Idleb, Duma, Menbij, Tadmor):
//   SYR90001  the Saraqeb strike, 35 dead: a match, and the biggest disagreement
//   SYR90002  the Douma shelling, coded to the province only (geo_precision 3): a match by region, 4 dead
//   SYR90003  an air strike in Idlib city the day of the protest: a strike is not a protest
//   SYR90004  a clash at Palmyra the day of the Mayadin clash: 200 km away
//   SYR90005  a roadside bomb in Manbij a week after ours, both to the day
//   SYR90006  a clash in Daraa the record never heard of
const ACLED = `event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,actor2,country,admin1,location,latitude,longitude,geo_precision,source,fatalities
SYR90001,04 March 2017,2017,1,Explosions/Remote violence,Air/drone strike,Military Forces of Russia (2000-),Civilians (Syria),Syria,Idleb,Saraqab,35.8623,36.8041,1,Syrian Civil Defence; Step News Agency,35
SYR90002,06 March 2017,2017,1,Explosions/Remote violence,Shelling/artillery/missile attack,Military Forces of Syria (2000-),Civilians (Syria),Syria,Rural Damascus,Duma,33.55,36.75,3,Syrian Observatory for Human Rights,4
SYR90003,10 March 2017,2017,1,Explosions/Remote violence,Air/drone strike,Military Forces of Syria (2000-),,Syria,Idleb,Idleb,35.9306,36.6339,1,Smart News Agency,2
SYR90004,08 March 2017,2017,1,Battles,Armed clash,Military Forces of Syria (2000-),Islamic State (Syria),Syria,Homs,Tadmor,34.5601,38.2672,1,SANA,9
SYR90005,17 March 2017,2017,1,Explosions/Remote violence,Remote explosive/landmine/IED,Unidentified Armed Group (Syria),Civilians (Syria),Syria,Aleppo,Menbij,36.5281,37.9549,1,ANHA,3
SYR90006,12 March 2017,2017,1,Battles,Armed clash,Military Forces of Syria (2000-),Hayat Tahrir al Sham,Syria,Dara,Dara,32.6189,36.1021,1,Nabaa Media,6
`;

// GED's rows, in its own spellings (governorates, "town"):
//   900101  the Saraqeb strike, best 26: a match within a quarter
//   900102  the Douma shelling, coded to Rif Dimashq governorate (where_prec 4): a match by region, 4 dead
//   900103  a battle at Palmyra the day of the Mayadin clash: 200 km away
//   900104  one-sided violence in Manbij a week after our bomb
//   900105  state-based violence in Idlib city the day of the protest: GED codes no protests
const GED = `id,year,type_of_violence,side_a,side_b,source_office,where_prec,where_coordinates,adm_1,latitude,longitude,country,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low
900101,2017,1,Government of Syria,Syrian insurgents,Reuters;Syrian Network for Human Rights,1,Saraqib town,Idlib governorate,35.8623,36.8041,Syria,1,2017-03-04,2017-03-04,0,0,26,0,26,30,21
900102,2017,1,Government of Syria,Syrian insurgents,Agence France Presse,4,Rif Dimashq governorate,Rif Dimashq governorate,33.6,36.6,Syria,1,2017-03-06,2017-03-06,0,0,4,0,4,4,4
900103,2017,1,Government of Syria,IS,SANA,1,Tadmur town,Hims governorate,34.5601,38.2672,Syria,1,2017-03-08,2017-03-08,3,12,0,0,15,15,15
900104,2017,3,Syrian insurgents,Civilians,Hawar News Agency,1,Manbij town,Halab governorate,36.5281,37.9549,Syria,1,2017-03-17,2017-03-17,0,0,3,0,3,3,3
900105,2017,1,Government of Syria,Syrian insurgents,Smart News Agency,1,Idlib town,Idlib governorate,35.9306,36.6339,Syria,1,2017-03-10,2017-03-10,0,0,5,0,5,5,5
`;

interface Pair {
  incident: string;
  event: string;
  place: string;
  record_deaths: number | null;
  dataset_deaths: number | null;
  claimants: string[];
  source: string | null;
}
interface Listed {
  id: string;
  place: string;
  deaths: number | null;
}
interface Compared {
  record: { total: number; matched: number; unmatched: number };
  dataset_events: { total: number; matched: number; unmatched: number };
  fatalities: Record<string, number | null>;
  matches: Pair[];
  unmatched_record: Listed[];
  unmatched_dataset: Listed[];
  disagreements: Pair[];
}

describe.each(EACH)('[%s]', (_name, dialect) => {
  let db = '';
  const run = (...args: string[]) => execFileSync('node', [CLI, ...args, '--db', db], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const failure = (...args: string[]) => {
    try {
      run(...args);
    } catch (e) {
      return String((e as { stderr: string }).stderr);
    }
    throw new Error(`observatory ${args.join(' ')} did not fail`);
  };
  const compare = (...args: string[]): Compared => JSON.parse(run('compare', '--format', 'json', ...args));
  /** Each of the record's incidents by its town, so a pair reads "Saraqeb = SYR90001". */
  let town: Map<string, string>;
  const pairs = (c: Compared) => c.matches.map((m) => `${town.get(m.incident)} = ${m.event}`).sort();

  describe.skipIf(!dialect.available)('the record against the field', () => {
    beforeAll(async () => {
      for (const [name, text] of Object.entries(REPORTS)) writeFileSync(path(name), text);
      writeFileSync(path('acled.csv'), ACLED);
      writeFileSync(path('ged.csv'), GED);
      db = await dialect.fresh('compare');
      run('ingest', ...Object.keys(REPORTS).map(path), '--no-progress');
      const incidents = JSON.parse(run('incidents', '--format', 'json')) as { id: string; location: string }[];
      town = new Map(incidents.map((i) => [i.id, i.location.replace(/^near /, '')]));
      expect([...town.values()].sort()).toEqual(['Douma', 'Idlib', 'Manbij', 'Mayadin', 'Saraqeb']);
    });

    it('refuses to compare with a dataset the record holds none of, in one line', () => {
      expect(failure('compare', '--with', 'acled')).toMatch(/^observatory: the record holds no ACLED events to compare with; import a file first: observatory import acled FILE\.csv\n$/);
      expect(failure('compare', '--with', 'gtd')).toMatch(/--with must be acled or ucdp, got "gtd"/);
    });

    describe('against ACLED', () => {
      let c: Compared;
      beforeAll(() => {
        run('import', 'acled', path('acled.csv'), '--no-progress');
        c = compare('--with', 'acled');
      });

      it('matches the Saraqeb strike by distance and the Douma shelling by its province', () => {
        expect(pairs(c)).toEqual(['Douma = SYR90002', 'Saraqeb = SYR90001']);
        expect(Object.fromEntries(c.matches.map((m) => [m.event, m.place]))).toEqual({ SYR90001: 'distance', SYR90002: 'region' });
      });

      it('counts what each side has that the other lacks', () => {
        expect(c.record).toEqual({ total: 5, matched: 2, unmatched: 3 });
        expect(c.dataset_events).toEqual({ total: 6, matched: 2, unmatched: 4 });
        expect(c.unmatched_record.map((r) => town.get(r.id)).sort()).toEqual(['Idlib', 'Manbij', 'Mayadin']);
        expect(c.unmatched_dataset.map((e) => e.id).sort()).toEqual(['SYR90003', 'SYR90004', 'SYR90005', 'SYR90006']);
      });

      it('matches no event 200 km away, a week apart, or of another kind: they are gaps on both sides', () => {
        // Palmyra for Mayadin (same day, 200 km), Manbij a week later (both to the day), a strike for a protest.
        const gaps = new Set(c.unmatched_dataset.map((e) => e.id));
        for (const id of ['SYR90004', 'SYR90005', 'SYR90003']) expect(gaps).toContain(id);
      });

      it('grades the tolls of the pairs: Douma exact, Saraqeb the record far lower', () => {
        expect(c.fatalities).toMatchObject({ pairs: 2, compared: 2, exact: 1, within: 0, record_higher: 0, record_lower: 1, no_figure: 0, mean_absolute_difference: 7 });
      });

      it('names both sources of the biggest disagreement', () => {
        expect(c.disagreements).toHaveLength(1);
        expect(c.disagreements[0]).toMatchObject({
          event: 'SYR90001',
          record_deaths: 21,
          dataset_deaths: 35,
          claimants: ['Syrian Observatory for Human Rights'],
          source: 'Syrian Civil Defence; Step News Agency',
        });
        const table = run('compare', '--with', 'acled');
        expect(table).toMatch(/^record incidents\s+5\s+2\s+3$/m);
        expect(table).toMatch(/^ACLED events\s+6\s+2\s+4$/m);
        expect(table).toMatch(/^Fatalities of 2 matched pairs: 1 exact, 0 within 25%, 0 record higher, 1 record lower; mean absolute difference 7\.0$/m);
        expect(table).toMatch(/^i:\S+\s+SYR90001\s+2017-03-04\s+Saraqeb, Idlib, Syria\s+21\s+Syrian Observatory for Human Rights\s+35\s+Syrian Civil Defence; Step News Agency\s+-14$/m);
      });

      it('compares a period and a country, however the country is spelled', () => {
        const later = compare('--with', 'acled', '--from', '2017-03-05', '--to', '2017-03-31', '--country', 'Syrian Arab Republic');
        expect(later.record).toEqual({ total: 4, matched: 1, unmatched: 3 });
        expect(later.dataset_events).toEqual({ total: 5, matched: 1, unmatched: 4 });
        expect(pairs(later)).toEqual(['Douma = SYR90002']);
        const elsewhere = compare('--with', 'acled', '--country', 'Iraq');
        expect([elsewhere.record.total, elsewhere.dataset_events.total]).toEqual([0, 0]);
      });
    });

    describe('against UCDP GED', () => {
      let c: Compared;
      beforeAll(() => {
        run('import', 'ucdp', path('ged.csv'), '--no-progress');
        c = compare('--with', 'ucdp');
      });

      it('matches the Saraqeb strike and the Douma shelling coded to Rif Dimashq governorate, and nothing else', () => {
        expect(pairs(c)).toEqual(['Douma = 900102', 'Saraqeb = 900101']);
        expect(c.record).toEqual({ total: 5, matched: 2, unmatched: 3 });
        expect(c.dataset_events).toEqual({ total: 5, matched: 2, unmatched: 3 });
        expect(c.unmatched_dataset.map((e) => e.id).sort()).toEqual(['900103', '900104', '900105']);
      });

      it('grades Saraqeb within a quarter, and names GED\'s source office against the monitor', () => {
        expect(c.fatalities).toMatchObject({ pairs: 2, compared: 2, exact: 1, within: 1, record_higher: 0, record_lower: 0, mean_absolute_difference: 2.5 });
        expect(c.disagreements.map((d) => [d.event, d.record_deaths, d.dataset_deaths, d.claimants, d.source])).toEqual([
          ['900101', 21, 26, ['Syrian Observatory for Human Rights'], 'Reuters;Syrian Network for Human Rights'],
        ]);
        expect(run('compare', '--with', 'ucdp')).toMatch(/^900105\s+2017-03-10\s+Idlib town, Idlib governorate, Syria\s+state-based \(type_of_violence 1\)\s+5\s+Smart News Agency$/m);
      });

      it('leaves the ACLED comparison as it was: each dataset is held against the record on its own', () => {
        expect(pairs(compare('--with', 'acled'))).toEqual(['Douma = SYR90002', 'Saraqeb = SYR90001']);
      });
    });
  });
});
