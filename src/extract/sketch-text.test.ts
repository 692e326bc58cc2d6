import { describe, expect, it } from 'vitest';
import { bandKeys, BANDS, MINHASHES } from '../domain/text-sketch.js';
import { estimatedJaccard, jaccard } from '../reconcile/same-story.js';
import { sketchText, storyWords } from './sketch-text.js';

// A paragraph written for these tests, and the lines outlets wrap such a story in.
const STORY =
  'Shelling on the old quarter of the town killed seven people and wounded a dozen on Thursday, residents said, ' +
  'as fighting for the hills to the north entered its third week. A teacher said the shells fell near a school ' +
  'that had been turned into a shelter for families who fled the villages along the front line earlier this month.';

describe('storyWords: what an outlet adds around a story is left out', () => {
  const wrapped: [string, string][] = [
    ['a social prompt', 'Follow us on Telegram for the latest updates.'],
    ['a prompt in brackets and quotes', '("Follow our live coverage on X")'],
    ['a copyright line', '© 2024 The Evening Courier. All rights reserved.'],
    ['a rights line without the sign', 'Copyright 2024 Some Agency'],
    ['an agency credit line', '(Reporting by two correspondents; Editing by the night desk)'],
    ['a newsletter prompt', 'Sign up for our morning briefing.'],
    ['a related-stories line', 'Read more: Ceasefire talks stall again'],
  ];
  for (const [what, line] of wrapped) {
    it(what, () => {
      expect(storyWords(`${STORY}\n\n${line}`)).toEqual(storyWords(STORY));
      expect(storyWords(`${line}\n${STORY}`)).toEqual(storyWords(STORY));
    });
  }

  it('keeps a paragraph of the story that starts like a prompt, or is too long to be one', () => {
    const story = 'Follow-up strikes hit the same street an hour later, killing two rescuers.';
    expect(storyWords(story)).toContain('rescuers');
    const long = `Follow us on ${'the long road north through the valley and '.repeat(6)}you will see the ruins.`;
    expect(storyWords(long).length).toBeGreaterThan(40);
  });

  it('folds case and accents, and keeps numbers whole', () => {
    expect(storyWords('Más de 1,200 DESPLAZADOS, 3.5 km')).toEqual(['mas', 'de', '1200', 'desplazados', '3.5', 'km']);
  });
});

describe('sketchText', () => {
  it('reads figures and dates where they stand, number words as digits', () => {
    const words = sketchText('An air strike killed ten people on Monday.').figures;
    const digits = sketchText('An air strike killed 10 people on Monday.').figures;
    expect(words).toEqual(digits);
    expect(digits).toEqual([
      ['strike killed|people on', '10'],
      ['people on|', 'monday'],
    ]);
    expect(sketchText('Talks resumed in Geneva.').figures).toEqual([]);
  });

  it('gives the same text the same sketch and the same bands, and another text other bands', () => {
    const a = sketchText(STORY);
    const b = sketchText(STORY);
    expect(a.minhash).toEqual(b.minhash);
    expect(a.minhash.length).toBe(MINHASHES);
    expect(bandKeys(a.minhash)).toEqual(bandKeys(b.minhash));
    expect(new Set(bandKeys(a.minhash)).size).toBe(BANDS);
    const other = sketchText('Talks between the two delegations resumed in Geneva on Friday after a pause of three weeks, diplomats said.');
    expect(bandKeys(other.minhash).filter((k) => bandKeys(a.minhash).includes(k))).toEqual([]);
  });

  it('estimates the Jaccard similarity of two texts from their MinHash values', () => {
    const words = storyWords(STORY);
    // The story with every k-th word changed: from nearly the same text to a very different one.
    for (const k of [40, 20, 10, 5, 3]) {
      const changed = words.map((w, i) => (i % k === 0 ? `changed${i}` : w)).join(' ');
      const x = sketchText(words.join(' '));
      const y = sketchText(changed);
      const exact = jaccard(x.shingles, y.shingles);
      expect(Math.abs(estimatedJaccard(x.minhash, y.minhash) - exact)).toBeLessThan(0.15);
    }
  });

  it('has nothing to sketch in a text of boilerplate only', () => {
    const s = sketchText('Follow us on Telegram.\n© 2024 The Evening Courier.');
    expect([s.words, s.shingles.length, s.figures.length]).toEqual([0, 0, 0]);
  });

  it('makes one shingle of a text shorter than a shingle', () => {
    expect(sketchText('Two killed.').shingles.length).toBe(1);
    expect(sketchText('Two killed.').shingles).not.toEqual(sketchText('Three killed.').shingles);
  });
});
