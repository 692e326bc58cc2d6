import { describe, expect, it } from 'vitest';
import { sketchText } from '../extract/sketch-text.js';
import { figuresDiffer, jaccard, judgeSameStory, summariesDiffer } from './same-story.js';

const sets = (...xs: number[][]) => xs.map((x) => Uint32Array.from(x).sort());

describe('jaccard', () => {
  it('is |A ∩ B| / |A ∪ B| on ascending hash sets', () => {
    const [a, b, c, none] = sets([1, 2, 3, 4], [3, 4, 5, 6], [1, 2, 3, 4], []);
    expect(jaccard(a, b)).toBeCloseTo(2 / 6);
    expect(jaccard(a, c)).toBe(1);
    expect(jaccard(a, none)).toBe(0);
  });
});

describe('figuresDiffer: a figure or date differs where both texts have one', () => {
  // Rows: what the held text says, what the new one says, whether they differ there.
  const rows: [string, string, boolean][] = [
    ['The strike killed 10 people in the town.', 'The strike killed 12 people in the town.', true],
    ['Clashes broke out on Monday near the airport.', 'Clashes broke out on Tuesday near the airport.', true],
    ['The strike killed 10 people in the town.', 'The strike killed ten people in the town.', false],
    // A figure only one text has (a background paragraph) is no difference.
    ['The strike killed 10 people in the town.', 'The strike killed 10 people in the town. The war has killed 500,000 since 2011.', false],
    ['The strike killed 10 people in the town.', 'The strike killed 10 people in the town and 3 more later in the town.', false],
    // The same figure worded elsewhere: no common place to compare (rule 3 is for this).
    ['The strike killed 10 people in the town.', 'The toll of the strike rose to 12, the monitor said.', false],
  ];
  for (const [held, fresh, differ] of rows) {
    it(`${differ ? 'differ' : 'agree'}: "${fresh}"`, () => {
      expect(figuresDiffer(sketchText(fresh).figures, sketchText(held).figures) !== null).toBe(differ);
    });
  }
});

describe('summariesDiffer: the headline figures the engine read', () => {
  it('differ when both give a figure and they are not the same', () => {
    expect(summariesDiffer({ killed: 10, wounded: 25 }, { killed: 12, wounded: 25 })).toBe('killed 10 / 12');
    expect(summariesDiffer({ killed: 10, killed_civilians: 10 }, { killed: 10, killed_civilians: 8 })).toBe('civilians killed 10 / 8');
  });
  it('differ when only one gives a death toll', () => {
    expect(summariesDiffer({ killed: null }, { killed: 3 })).toBe('killed none / 3');
  });
  it('agree when a lesser figure is given by one only, or when a reading is missing', () => {
    expect(summariesDiffer({ killed: 10, wounded: null }, { killed: 10, wounded: 25 })).toBeNull();
    expect(summariesDiffer(null, { killed: 10 })).toBeNull();
  });
});

describe('judgeSameStory', () => {
  const base = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
  const reading = (text: string, killed: number | null = 10) => ({ sketch: sketchText(text), summary: { killed } });

  it('takes a copy with a short extra paragraph for the same story', () => {
    const v = judgeSameStory(reading(`${base}\n\nextra words at the end of it`), reading(base));
    expect(v.same).toBe(true);
    expect(v.jaccard).toBeGreaterThanOrEqual(0.8);
  });
  it('refuses a text too unlike the held one', () => {
    expect(judgeSameStory(reading(`${base} ${base.replace(/word/g, 'other')}`), reading(base))).toMatchObject({ same: false, why: expect.stringMatching(/^Jaccard 0\.\d\d < 0\.8$/) });
  });
  it('refuses the same wording with another toll, whatever the similarity', () => {
    const v = judgeSameStory(reading(`${base} killed 12 people ${base}`), reading(`${base} killed 10 people ${base}`));
    expect(v).toMatchObject({ same: false, why: expect.stringMatching(/^a figure differs at/) });
    expect(v.jaccard).toBeGreaterThan(0.9);
    expect(judgeSameStory(reading(base, 12), reading(base, 10))).toMatchObject({ same: false, why: 'the headline figures differ: killed 12 / 10' });
  });
});
