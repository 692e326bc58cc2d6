import { describe, expect, it } from 'vitest';
import type { Quantity, Sentence } from '../domain/types.js';
import { recognizeQuantities } from './recognize-quantities.js';

function one(text: string): Sentence[] {
  return [{ start: 0, end: text.length, index: 0, text, paragraph: 0 }];
}

type Expect = Pick<Quantity, 'text' | 'low' | 'best' | 'high' | 'kind'> & { unit?: Quantity['unit'] };

function pick(q: Quantity): Expect {
  const e: Expect = { text: q.text, low: q.low, best: q.best, high: q.high, kind: q.kind };
  if (q.unit) e.unit = q.unit;
  return e;
}

const ex = (text: string, n: number, unit?: Quantity['unit']): Expect => ({
  text,
  low: n,
  best: n,
  high: n,
  kind: 'exact',
  ...(unit ? { unit } : {}),
});

// Each row: a sentence written for this test, and every quantity it must yield, in order.
const table: [string, Expect[]][] = [
  ['Four militiamen were wounded near the bridge.', [ex('Four', 4)]],
  ['Twenty-three villagers and eighty-seven soldiers were counted.', [ex('Twenty-three', 23), ex('eighty-seven', 87)]],
  ['One soldier was killed on Dec. 28 in the east.', [ex('One', 1), ex('28', 28, 'time')]],
  ['He was dismissed over the 2011 killing of five women.', [ex('2011', 2011, 'year'), ex('five', 5)]],
  ['Multiple rockets hit the camp.', [{ text: 'Multiple', low: 2, best: null, high: null, kind: 'vague' }]],
  ['Troops said twelve soldiers went missing.', [ex('twelve', 12)]],
  ['The camp now shelters 210,000 people.', [ex('210,000', 210000)]],
  ['Aid reached 210000 displaced families.', [ex('210000', 210000)]],
  ['A dozen shells landed on the market.', [{ text: 'A dozen', low: null, best: 12, high: null, kind: 'approximate' }]],
  ['Half a dozen guards fled.', [{ text: 'Half a dozen', low: null, best: 6, high: null, kind: 'approximate' }]],
  ['The raid killed more than 50 gunmen.', [{ text: 'more than 50', low: 51, best: 50, high: null, kind: 'lower-bound' }]],
  ['Over 70 homes burned.', [{ text: 'Over 70', low: 71, best: 70, high: null, kind: 'lower-bound' }]],
  ['Medics counted at least 112 bodies.', [{ text: 'at least 112', low: 112, best: 112, high: null, kind: 'lower-bound' }]],
  ['No fewer than 9 guards died.', [{ text: 'No fewer than 9', low: 9, best: 9, high: null, kind: 'lower-bound' }]],
  ['A 50-plus toll was feared.', [{ text: '50-plus', low: 50, best: 50, high: null, kind: 'lower-bound' }]],
  ['They lost 60 or more vehicles.', [{ text: '60 or more', low: 60, best: 60, high: null, kind: 'lower-bound' }]],
  ['The unit has around 5,000 men.', [{ text: 'around 5,000', low: null, best: 5000, high: null, kind: 'approximate' }]],
  ['Some 300 families left.', [{ text: 'Some 300', low: null, best: 300, high: null, kind: 'approximate' }]],
  ['Up to 30 prisoners may have escaped.', [{ text: 'Up to 30', low: null, best: 30, high: 30, kind: 'upper-bound' }]],
  ['As many as 80 were hurt.', [{ text: 'As many as 80', low: null, best: 80, high: 80, kind: 'upper-bound' }]],
  ['Fewer than 10 survived.', [{ text: 'Fewer than 10', low: null, best: 10, high: 9, kind: 'upper-bound' }]],
  ['Nearly 300 were detained.', [{ text: 'Nearly 300', low: null, best: 300, high: 300, kind: 'upper-bound' }]],
  ['The bombing killed scores of worshippers.', [{ text: 'scores of', low: 40, best: null, high: 199, kind: 'vague' }]],
  ['Dozens of tents were flattened.', [{ text: 'Dozens of', low: 24, best: null, high: 99, kind: 'vague' }]],
  ['Tens of thousands of residents fled.', [{ text: 'Tens of thousands of', low: 20000, best: null, high: 99999, kind: 'vague' }]],
  ['Several checkpoints fell.', [{ text: 'Several', low: 3, best: null, high: 9, kind: 'vague' }]],
  ['The strike killed many guards.', [{ text: 'many', low: 3, best: null, high: null, kind: 'vague' }]],
  ['It is unclear how many people remain.', [{ text: 'unclear how many', low: null, best: null, high: null, kind: 'unknown' }]],
  ['The militia suffered heavy losses.', [{ text: 'heavy losses', low: null, best: null, high: null, kind: 'vague' }]],
  [
    'Guards died too, but exact numbers were not known.',
    [{ text: 'exact numbers were not known', low: null, best: null, high: null, kind: 'unknown' }],
  ],
  [
    'An unknown number of miners are trapped.',
    [{ text: 'An unknown number', low: null, best: null, high: null, kind: 'unknown' }],
  ],
  [
    'The death toll wasn’t immediately known.',
    [{ text: 'death toll wasn’t immediately known', low: null, best: null, high: null, kind: 'unknown' }],
  ],
  [
    'Jets struck again, with no information on casualties.',
    [{ text: 'no information on casualties', low: null, best: null, high: null, kind: 'unknown' }],
  ],
  ['Police found the 12-year-old unharmed.', [ex('12-year-old', 12, 'age')]],
  ['A 7-year-old girl was hurt.', [ex('7-year-old', 7, 'age')]],
  ['The victim, aged 64, was a farmer.', [ex('aged 64', 64, 'age')]],
  ['The dam was built in 2013.', [ex('2013', 2013, 'year')]],
  ['Prices rose 40 percent and then 12% more.', [ex('40 percent', 40, 'percent'), ex('12%', 12, 'percent')]],
  ['The convoy was 60 kilometres from the coast, or 35 miles.', [ex('60 kilometres', 60, 'distance'), ex('35 miles', 35, 'distance')]],
  ['Talks lasted two days.', [ex('two days', 2, 'duration')]],
  ['The four-year siege ended.', [ex('four-year', 4, 'duration')]],
  ['A 48-hour truce began.', [ex('48-hour', 48, 'duration')]],
  ['Twenty-three fishermen vanished.', [ex('Twenty-three', 23)]],
  ['Forty five sailors drowned.', [ex('Forty five', 45)]],
  ['Two hundred and fifty tents arrived.', [ex('Two hundred and fifty', 250)]],
  ['Three thousand sheep died.', [ex('Three thousand', 3000)]],
  ['A hundred volunteers helped.', [ex('A hundred', 100)]],
  ['The fund lost 1.5 million.', [ex('1.5 million', 1500000)]],
  ['Some 2 million people are hungry.', [{ text: 'Some 2 million', low: null, best: 2000000, high: null, kind: 'approximate' }]],
  ['The donor gave $5 million.', [ex('$5 million', 5000000, 'money')]],
  ['The ransom was 3 million dollars.', [ex('3 million dollars', 3000000, 'money')]],
  ['The blast came at 10:30 and a second at 3 pm.', [ex('10:30', 10, 'time'), ex('3 pm', 3, 'time')]],
  ['The 2nd battalion withdrew.', [ex('2nd', 2, 'ordinal')]],
  ['The first convoy left.', []],
  ['Between 20 and 30 fishermen are missing.', [{ text: 'Between 20 and 30', low: 20, best: null, high: 30, kind: 'approximate' }]],
  ['About 20-30 houses were hit.', [{ text: 'About 20-30', low: 20, best: null, high: 30, kind: 'approximate' }]],
  ['Two or three drones crashed.', [{ text: 'Two or three', low: 2, best: null, high: 3, kind: 'approximate' }]],
  ['A single shell hit the clinic.', [ex('A single', 1)]],
  ['One guard was shot.', [ex('One', 1)]],
  ['It is one of the oldest towns.', []],
  ['No one was hurt.', []],
  ['The T-72 tanks and F-16 jets were seen.', []],
  ['They run version 2.1.3 of the app.', []],
  ['Fighting over two days left the town empty.', [ex('two days', 2, 'duration')]],
  ['The ceasefire held for a few hours.', [{ text: 'a few hours', low: 2, best: null, high: 6, kind: 'vague', unit: 'duration' }]],
  ['Rebels took the hill on March 3.', [ex('3', 3, 'time')]],
];

describe('recognizeQuantities', () => {
  for (const [sentence, expected] of table) {
    it(sentence, () => {
      expect(recognizeQuantities(sentence, one(sentence)).map(pick)).toEqual(expected);
    });
  }

  it('gives offsets into the whole text and sentence indexes', () => {
    const text = 'Calm returned. Then 14 boats sank and 9 crews were lost.';
    const sentences: Sentence[] = [
      { start: 0, end: 14, index: 0, text: text.slice(0, 14), paragraph: 0 },
      { start: 15, end: text.length, index: 1, text: text.slice(15), paragraph: 0 },
    ];
    const qs = recognizeQuantities(text, sentences);
    expect(qs.map((q) => [q.text, q.sentence, text.slice(q.start, q.end)])).toEqual([
      ['14', 1, '14'],
      ['9', 1, '9'],
    ]);
  });

  it('sorts by start even when sentences come out of order', () => {
    const text = 'Five died. Six fled.';
    const sentences: Sentence[] = [
      { start: 11, end: 20, index: 1, text: 'Six fled.', paragraph: 0 },
      { start: 0, end: 10, index: 0, text: 'Five died.', paragraph: 0 },
    ];
    expect(recognizeQuantities(text, sentences).map((q) => q.best)).toEqual([5, 6]);
  });

  it('never throws on odd input', () => {
    const odd = ['', '   ', '\u0000\u0001', '1,2,3,4,5', '-'.repeat(500), '9'.repeat(400), 'a a a a a', "n't n't", '$$$ %%% ,,,', '🙂 12 🙂'];
    for (const s of odd) expect(() => recognizeQuantities(s, one(s))).not.toThrow();
    expect(() => recognizeQuantities('abc', [{ start: -5, end: 999, index: 0, text: '', paragraph: 0 }])).not.toThrow();
    expect(recognizeQuantities(undefined as unknown as string, [])).toEqual([]);
  });

  it('stays linear on long repetitive input', () => {
    const long = 'more than '.repeat(5000) + 'twenty '.repeat(5000) + 'a hundred and '.repeat(3000);
    // A hang guard, not a speed test: catastrophic backtracking would take minutes.
    const t = performance.now();
    recognizeQuantities(long, one(long));
    expect(performance.now() - t).toBeLessThan(10_000);
  });
});
