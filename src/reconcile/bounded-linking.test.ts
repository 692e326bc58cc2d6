// Linking stays near-linear on the densest blocks a report can make: one figure repeated thousands of times
// in one town on one day, and hundreds of towns of one region struck on the same day. The counts asserted
// are comparisons made (the work), never time.
import { describe, expect, it } from 'vitest';
import type { Observation } from '../domain/observation.js';
import { extractReport } from '../extract/pipeline.js';
import { casualtyRange } from './casualty-range.js';
import { observationsFrom } from './from-extraction.js';
import { linkIncidents, type LinkingWork } from './link-incidents.js';

describe('a report that repeats one sentence 5,600 times', () => {
  const text = 'Three shepherds killed in Manbij. '.repeat(5_600);
  const observations = observationsFrom(extractReport(text, { published: '2016-03-10', source: 'Valley Courier', title: null }), 'r-dense', 'Valley Courier');

  it('is one incident of three dead, read with fewer comparisons than it has events', () => {
    expect(observations).toHaveLength(5_600);
    const work: LinkingWork = { comparisons: 0 };
    const incidents = linkIncidents(observations, [], work);
    expect(incidents).toHaveLength(1);
    expect(incidents[0].observations).toHaveLength(5_600);
    expect(casualtyRange(incidents[0]).total).toEqual({ low: 3, best: 3, high: 3, vague: false });
    // All pairs would be 15.7 million.
    expect(work.comparisons).toBeLessThan(observations.length);
  });
});

/** One report of a strike on a village: its own id, a town on the grid, the day, an air strike. */
function strike(report: string, town: number, lat: number, day = '2017-04-02'): Observation {
  return {
    id: `${report}:e1`,
    reportId: report,
    type: 'Explosions/Remote violence',
    subType: 'Air/drone strike',
    date: { start: day, end: day, precision: 'day' },
    location: { name: `Village ${town}`, admin1: 'Idlib', country: 'Syria', lat, lon: 36.6, precision: 'exact' },
    actors: [],
    weapon: 'air_strike',
    scope: 'incident',
    claims: [],
  };
}

describe('three hundred villages of one region struck on one day, each told by three outlets', () => {
  // Villages 3 km apart on a line north to south: each is its own incident (different names, over 2 km apart).
  const villages = Array.from({ length: 300 }, (_, k) => k);
  const observations = villages.flatMap((k) => ['a', 'b', 'c'].map((outlet) => strike(`${outlet}${k}`, k, 34.0 + k * 0.027)));
  const regionOnly: Observation = { ...strike('vague', -1, 0), location: { name: 'Idlib', admin1: 'Idlib', country: 'Syria', lat: null, lon: null, precision: 'admin1' } };

  it('keeps every village apart, and the report naming only the region joins one of them', () => {
    const work: LinkingWork = { comparisons: 0 };
    const incidents = linkIncidents([...observations, regionOnly], [], work);
    expect(incidents).toHaveLength(300);
    for (const i of incidents) expect(new Set(i.observations.filter((o) => o !== regionOnly).map((o) => o.location!.name)).size).toBe(1);
    expect(incidents.filter((i) => i.observations.includes(regionOnly)).map((i) => i.observations.length)).toEqual([4]);
    // Each village meets only its neighbours within reach on the grid, and the region's report; all pairs would be 405,450.
    expect(work.comparisons).toBeLessThan(10 * observations.length);
  });

  it('still links a village told on the same day by outlets whose readings differ', () => {
    const other: Observation = { ...strike('d7', 7, 34.0 + 7 * 0.027), subType: 'Shelling/artillery/missile attack', weapon: 'shelling' };
    const incidents = linkIncidents([...observations, other]);
    const seventh = incidents.find((i) => i.observations.includes(other))!;
    expect(seventh.observations.map((o) => o.reportId).sort()).toEqual(['a7', 'b7', 'c7', 'd7']);
  });

  it('keeps the same village on another day apart', () => {
    const later = strike('later', 7, 34.0 + 7 * 0.027, '2017-04-05');
    const incidents = linkIncidents([...observations, later]);
    expect(incidents.find((i) => i.observations.includes(later))!.observations).toEqual([later]);
  });
});
