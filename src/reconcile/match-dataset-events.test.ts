// Matching the record's incidents with a dataset's events, told as an analyst would check them by hand: is this
// ACLED row the strike we recorded? Places and dates are real; the incidents are invented.
import { describe, expect, it } from 'vitest';
import { matchDatasetEvents, type DatasetSide, type MatchRules, type RecordSide } from './match-dataset-events.js';

const day = (iso: string) => Date.parse(iso) / 86_400_000;

/** Towns with the coordinates a gazetteer gives them. */
const TOWNS = {
  Saraqeb: { admin1: 'Idlib', lat: 35.8645, lon: 36.8059 },
  Ariha: { admin1: 'Idlib', lat: 35.8128, lon: 36.6075 }, // 19 km west of Saraqeb
  'Maarat al-Numan': { admin1: 'Idlib', lat: 35.6436, lon: 36.6717 }, // 27 km south-west of Saraqeb
  Mayadin: { admin1: 'Deir ez-Zor', lat: 35.0198, lon: 40.4515 },
  Palmyra: { admin1: 'Homs', lat: 34.5601, lon: 38.2672 }, // 205 km from Mayadin
  // Far from the equator a degree of longitude is short: these two are 22 km apart, half a degree.
  'Arctic west': { admin1: 'Troms', lat: 69.0, lon: 20.0 },
  'Arctic east': { admin1: 'Troms', lat: 69.0, lon: 20.55 },
  // Either side of the antimeridian, 13 km apart.
  'East of 180': { admin1: 'Northern', lat: -16.8, lon: 179.95 },
  'West of 180': { admin1: 'Northern', lat: -16.8, lon: -179.93 },
  // Due north of each other, 24 km apart.
  'South point': { admin1: 'Idlib', lat: 35.5, lon: 36.5 },
  'North point': { admin1: 'Idlib', lat: 35.7158, lon: 36.5 },
};
type Town = keyof typeof TOWNS;

// The rules written for these tests (the command reads its own from data/compare).
const RULES: MatchRules = {
  km: 25,
  kinds: (type) =>
    ({
      Battles: ['Battles', 'Explosions/Remote violence'],
      'Explosions/Remote violence': ['Explosions/Remote violence', 'Battles'],
      Protests: ['Protests'],
    })[type] ?? [],
};

interface Told {
  id?: string;
  town?: Town;
  /** Only the region is known (a province-level coding). */
  region?: string;
  country?: string;
  on?: string;
  /** Days either side of `on` the date may be. */
  give?: number;
  deaths?: number | null;
}

function place(t: Told) {
  if (t.town) return { country: t.country ?? 'SY', admin1: TOWNS[t.town].admin1, lat: TOWNS[t.town].lat, lon: TOWNS[t.town].lon, point: true };
  return { country: t.country ?? 'SY', admin1: t.region ?? null, lat: null, lon: null, point: false };
}

function dates(t: Told) {
  if (t.on === undefined) return { firstDay: day('2017-03-04'), lastDay: day('2017-03-04') };
  if (t.on === '') return { firstDay: null, lastDay: null };
  return { firstDay: day(t.on) - (t.give ?? 0), lastDay: day(t.on) + (t.give ?? 0) };
}

const incident = (t: Told & { type?: string; subType?: string }): RecordSide => ({
  id: t.id ?? 'i:ours',
  ...place(t),
  ...dates(t),
  deaths: t.deaths === undefined ? 10 : t.deaths,
  type: t.type ?? 'Explosions/Remote violence',
  subType: t.subType ?? 'Air/drone strike',
});

const event = (t: Told & { kind?: string }): DatasetSide => ({
  id: t.id ?? 'acled-SYR1',
  ...place(t),
  ...dates(t),
  deaths: t.deaths === undefined ? 10 : t.deaths,
  kind: t.kind ?? 'Explosions/Remote violence',
});

describe('whether one incident and one dataset event are the same', () => {
  const cases: [string, Parameters<typeof incident>[0], Parameters<typeof event>[0], 'distance' | 'region' | null][] = [
    ['a strike on Saraqeb the same day, in both', { town: 'Saraqeb' }, { town: 'Saraqeb' }, 'distance'],
    ['the dataset placed it at a town 19 km away', { town: 'Saraqeb' }, { town: 'Ariha' }, 'distance'],
    ['the dataset placed it at a town 27 km away, both precise', { town: 'Saraqeb' }, { town: 'Maarat al-Numan' }, null],
    ['the same day but 200 km apart', { town: 'Mayadin', type: 'Battles' }, { town: 'Palmyra', kind: 'Battles' }, null],
    ['the dataset knows only the province, and it is the incident\'s', { town: 'Saraqeb' }, { region: 'Idlib' }, 'region'],
    ['the record knows only the province, and it is the event\'s', { region: 'Idlib' }, { town: 'Ariha' }, 'region'],
    ['the dataset knows only another province', { town: 'Saraqeb' }, { region: 'Hama' }, null],
    ['neither side says where beyond the country', { region: undefined }, { region: undefined }, null],
    ['the same town a week apart, both to the day', { town: 'Saraqeb', on: '2017-03-04' }, { town: 'Saraqeb', on: '2017-03-11' }, null],
    ['the same town a day apart, both to the day', { town: 'Saraqeb', on: '2017-03-04' }, { town: 'Saraqeb', on: '2017-03-05' }, null],
    ['the dataset gives the week around the 6th, the record says the 4th', { town: 'Saraqeb', on: '2017-03-04' }, { town: 'Saraqeb', on: '2017-03-06', give: 3 }, 'distance'],
    ['the record gives the past week, the dataset a day within it', { town: 'Saraqeb', on: '2017-03-01', give: 3 }, { town: 'Saraqeb', on: '2017-03-04' }, 'distance'],
    ['a protest in the record, an air strike in the dataset', { town: 'Saraqeb', type: 'Protests', subType: 'Peaceful protest' }, { town: 'Saraqeb' }, null],
    ['a clash in the record, shelling of the same front in the dataset', { town: 'Saraqeb', type: 'Battles', subType: 'Armed clash' }, { town: 'Saraqeb' }, 'distance'],
    ['two points 22 km apart where degrees of longitude are short', { town: 'Arctic west' }, { town: 'Arctic east' }, 'distance'],
    ['two points 13 km apart across the antimeridian', { town: 'East of 180' }, { town: 'West of 180' }, 'distance'],
    ['two points 24 km apart due north', { town: 'South point' }, { town: 'North point' }, 'distance'],
    ['the same coordinates filed under two countries', { town: 'Saraqeb' }, { town: 'Saraqeb', country: 'TR' }, null],
    ['an undated incident', { town: 'Saraqeb', on: '' }, { town: 'Saraqeb' }, null],
  ];

  it.each(cases)('%s', (_what, ours, theirs, expected) => {
    const m = matchDatasetEvents([incident(ours)], [event(theirs)], RULES);
    expect(m.matches.map((p) => p.place)).toEqual(expected ? [expected] : []);
    expect(m.unmatchedRecord).toHaveLength(expected ? 0 : 1);
    expect(m.unmatchedDataset).toHaveLength(expected ? 0 : 1);
  });

  it('finds a pair whose spans share only one day, the last of one and the first of the other', () => {
    const m = matchDatasetEvents([incident({ town: 'Saraqeb', on: '2017-03-12', give: 1 })], [event({ town: 'Saraqeb', on: '2017-03-08', give: 3 })], RULES);
    expect(m.matches).toHaveLength(1);
    expect(m.matches[0].days).toBe(4);
  });
});

describe('one counterpart at most, the best first', () => {
  const ids = (m: ReturnType<typeof matchDatasetEvents<RecordSide, DatasetSide>>) => m.matches.map((p) => `${p.record.id} = ${p.dataset.id}`);

  it('gives an incident the event in its own town over one 19 km away, and leaves the other unmatched', () => {
    const m = matchDatasetEvents([incident({ town: 'Saraqeb' })], [event({ id: 'near', town: 'Ariha' }), event({ id: 'here', town: 'Saraqeb' })], RULES);
    expect(ids(m)).toEqual(['i:ours = here']);
    expect(m.unmatchedDataset.map((d) => d.id)).toEqual(['near']);
  });

  it('puts the closer date before the closer place', () => {
    const m = matchDatasetEvents(
      [incident({ town: 'Saraqeb', on: '2017-03-04' })],
      [event({ id: 'same-town-week', town: 'Saraqeb', on: '2017-03-06', give: 3 }), event({ id: 'same-day-ariha', town: 'Ariha', on: '2017-03-04' })],
      RULES,
    );
    expect(ids(m)).toEqual(['i:ours = same-day-ariha']);
  });

  it('at the same date and place, takes the event whose toll is closer', () => {
    const m = matchDatasetEvents([incident({ town: 'Saraqeb', deaths: 21 })], [event({ id: 'forty', town: 'Saraqeb', deaths: 40 }), event({ id: 'twenty-three', town: 'Saraqeb', deaths: 23 })], RULES);
    expect(ids(m)).toEqual(['i:ours = twenty-three']);
  });

  it('gives a contested event to the incident that fits it best, and the other incident its second choice', () => {
    const record = [incident({ id: 'i:ariha', town: 'Ariha' }), incident({ id: 'i:saraqeb', town: 'Saraqeb' })];
    const dataset = [event({ id: 'saraqeb', town: 'Saraqeb' }), event({ id: 'idlib-province', region: 'Idlib' })];
    const m = matchDatasetEvents(record, dataset, RULES);
    expect(ids(m).sort()).toEqual(['i:ariha = idlib-province', 'i:saraqeb = saraqeb']);
  });

  it('gives the same pairs whatever order the two sides come in', () => {
    const record = [incident({ id: 'i:a', town: 'Saraqeb', deaths: 5 }), incident({ id: 'i:b', town: 'Saraqeb', deaths: 9 }), incident({ id: 'i:c', town: 'Ariha' })];
    const dataset = [event({ id: 'e1', town: 'Saraqeb', deaths: 9 }), event({ id: 'e2', town: 'Saraqeb', deaths: 5 }), event({ id: 'e3', region: 'Idlib' })];
    const forward = ids(matchDatasetEvents(record, dataset, RULES)).sort();
    const backward = ids(matchDatasetEvents([...record].reverse(), [...dataset].reverse(), RULES)).sort();
    expect(forward).toEqual(['i:a = e2', 'i:b = e1', 'i:c = e3']);
    expect(backward).toEqual(forward);
  });
});
