// The figures of a comparison, checked on pairs small enough to count by hand.
import { describe, expect, it } from 'vitest';
import type { Match, Matching } from './match-dataset-events.js';
import { summarizeComparison, type Counted } from './summarize-comparison.js';

interface Item extends Counted {
  id: string;
}

const item = (id: string, deaths: number | null, inRange = true): Item => ({
  id,
  country: 'SY',
  admin1: null,
  lat: null,
  lon: null,
  point: false,
  firstDay: 0,
  lastDay: 0,
  deaths,
  inRange,
});

const pair = (ours: Item, theirs: Item): Match<Item, Item> => ({ record: ours, dataset: theirs, days: 0, km: 0, place: 'distance' });

describe('a comparison of the record with a dataset', () => {
  // Our toll against theirs, pair by pair: what each counts as.
  const matching: Matching<Item, Item> = {
    matches: [
      pair(item('i:douma', 4), item('e:douma', 4)), // exact
      pair(item('i:saraqeb', 21), item('e:saraqeb', 26)), // 5 apart, within a quarter of 26
      pair(item('i:atarib', 40), item('e:atarib', 14)), // ours far higher
      pair(item('i:azaz', 9), item('e:azaz', 30)), // ours far lower
      pair(item('i:protest', null), item('e:protest', 0)), // we give no toll: nothing to compare
    ],
    unmatchedRecord: [item('i:mayadin', 12), item('i:last-year', 3, false)],
    unmatchedDataset: [item('e:palmyra', 15), item('e:daraa', 6), item('e:next-month', 1, false)],
  };
  const c = summarizeComparison(matching, 0.25);

  it('counts coverage both ways, only inside the period asked about', () => {
    expect(c.record).toEqual({ total: 6, matched: 5, unmatched: 1 });
    expect(c.dataset).toEqual({ total: 7, matched: 5, unmatched: 2 });
    expect(c.unmatchedRecord.map((r) => r.id)).toEqual(['i:mayadin']);
    expect(c.unmatchedDataset.map((d) => d.id)).toEqual(['e:palmyra', 'e:daraa']);
  });

  it('sorts the tolls of the pairs into exact, within a quarter, ours higher and ours lower', () => {
    expect(c.fatalities).toEqual({
      pairs: 5,
      compared: 4,
      exact: 1,
      within: 1,
      recordHigher: 1,
      recordLower: 1,
      noFigure: 1,
      // (0 + 5 + 26 + 21) / 4
      meanAbsoluteDifference: 13,
    });
  });

  it('lists the disagreements largest first, and not the pairs that agree', () => {
    expect(c.disagreements.map((p) => `${p.record.id} ${p.record.deaths} / ${p.dataset.deaths}`)).toEqual(['i:atarib 40 / 14', 'i:azaz 9 / 30', 'i:saraqeb 21 / 26']);
  });

  it('counts a pair across the border of the period on the side that lies inside it', () => {
    const across = summarizeComparison({ matches: [pair(item('i:31-march', 7), item('e:1-april', 7, false))], unmatchedRecord: [], unmatchedDataset: [] }, 0.25);
    expect(across.record).toEqual({ total: 1, matched: 1, unmatched: 0 });
    expect(across.dataset).toEqual({ total: 0, matched: 0, unmatched: 0 });
    expect(across.fatalities.exact).toBe(1);
  });

  it('has no mean difference when no pair gives two tolls', () => {
    const none = summarizeComparison({ matches: [pair(item('i:x', null), item('e:x', 3))], unmatchedRecord: [], unmatchedDataset: [] }, 0.25);
    expect(none.fatalities).toMatchObject({ pairs: 1, compared: 0, noFigure: 1, meanAbsoluteDifference: null });
    expect(none.disagreements).toEqual([]);
  });
});
