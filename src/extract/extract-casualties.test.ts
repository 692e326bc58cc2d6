// Casualty reading as an analyst's table: one sentence of our own, what it must (and must not) yield.
import { describe, expect, it } from 'vitest';
import { extractReport } from './pipeline.js';

const PUB = '2016-03-13'; // a Sunday

function killed(text: string) {
  const x = extractReport(text, { published: PUB });
  return x.claims.filter((c) => c.measure === 'killed');
}
const totals = (text: string) => killed(text).map((c) => c.fatalities.map((f) => [f.group, f.best ?? f.low, f.kind]));

describe('figures read as deaths', () => {
  const cases: Array<[string, Array<Array<[string, number | null, string]>>]> = [
    ['Shelling killed nine civilians in the village on Saturday.', [[['civilians', 9, 'exact']]]],
    ['At least 14 people were killed when a car bomb went off near the market.', [[['people', 14, 'lower-bound']]]],
    ['More than 30 soldiers died in the assault on the airbase near Hama.', [[['pro-government', 30, 'lower-bound']]]],
    ['Eleven Islamic State fighters were killed in the raid.', [[['islamic-state', 11, 'exact']]]],
    ['Five civilians including two children were among at least 17 people killed in the strikes.', [[['people', 17, 'lower-bound']]]],
    ['The blast left 8 dead and 30 wounded.', [[['people', 8, 'exact']]]],
    ['Dozens of civilians were killed in the bombardment.', [[['civilians', 24, 'vague']]]],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(totals(text)).toEqual(expected);
  });

  it('counts named and single people with those they died with', () => {
    expect(killed('A man and his young daughter were killed when the shell hit their house in Homs.')[0].fatalities.reduce((n, f) => n + (f.best ?? 0), 0)).toBe(2);
    expect(killed('Commander Abu Khalid alongside nine of his comrades were killed in an ambush near Daraa.')[0].fatalities.reduce((n, f) => n + (f.best ?? 0), 0)).toBe(10);
    expect(totals('Raids on the market kill 21')).toEqual([[['people', 21, 'exact']]]);
  });

  it('keeps a subset inside its total: 26 including 9 children is 26', () => {
    const [c] = killed('The monitor said 26 people were killed, including nine children.');
    expect(c.fatalities).toHaveLength(1);
    expect(c.fatalities[0].best).toBe(26);
    expect(c.fatalities[0].includes).toEqual([{ what: 'children', count: 9 }]);
  });

  it('reads coordinated groups as separate lines', () => {
    const [c] = killed('The clashes near Idlib killed 12 rebels and seven soldiers.');
    expect(c.fatalities.map((f) => [f.group, f.best])).toEqual([
      ['opposition', 12],
      ['pro-government', 7],
    ]);
  });

  it('scopes period totals and cumulative tolls', () => {
    expect(killed('More than 60 fighters have been killed in the past week.')[0].scope).toBe('period-total');
    expect(killed('Over 300,000 people have been killed since the war began in 2011.')[0].scope).toBe('cumulative-toll');
    expect(killed('Two women were killed by a sniper on Friday.')[0].scope).toBe('incident');
  });

  it('keeps an unknown count unknown', () => {
    const [c] = killed('Several militants were killed, but the exact number was not known.');
    expect(c.fatalities.every((f) => f.best === null)).toBe(true);
  });
});

describe('figures that are not deaths', () => {
  const negatives = [
    'About 4,000 troops were taking part in the offensive.',
    'The army plans to deploy 2,000 more soldiers to the front.',
    'A 12-year-old boy was among the wounded.',
    'Twenty people were wounded in the shelling.',
    'The war, now in its 6th year, has displaced 11 million people.',
    'The 40-page report was published in 2015.',
    'He was sentenced to death by a court in 2014.',
    'Call the hotline on 555 0199 for information.',
    'At least 25 air strikes hit the district overnight.',
    'Rebels captured 15 soldiers near the base.',
  ];
  it.each(negatives)('%s', (text) => {
    expect(killed(text).flatMap((c) => c.fatalities.filter((f) => f.best !== null))).toEqual([]);
  });

  it('counts wounded and captured apart from the dead', () => {
    const x = extractReport('The raid killed four people and wounded 23 others.', { published: PUB });
    expect(x.claims.map((c) => [c.measure, c.fatalities[0]?.best])).toEqual([
      ['killed', 4],
      ['wounded', 23],
    ]);
  });
});
