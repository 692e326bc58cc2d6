import { describe, expect, it } from 'vitest';
import type { DateValue, Sentence } from '../domain/types.js';
import { analyze, extractReport } from './pipeline.js';
import { recognizeDates } from './recognize-dates.js';

// Published on a Sunday.
const PUB = '2015-02-15';

function sentencesOf(text: string): Sentence[] {
  // Test texts keep one sentence per line.
  const out: Sentence[] = [];
  let start = 0;
  text.split('\n').forEach((line, index) => {
    out.push({ start, end: start + line.length, index, text: line, paragraph: 0 });
    start += line.length + 1;
  });
  return out;
}

interface Row {
  text: string;
  start: string;
  end: string;
  precision: DateValue['precision'];
  rule?: string;
}

function run(text: string, published = PUB): Row[] {
  return recognizeDates(text, sentencesOf(text), published).map((d) => {
    return { text: d.text, start: d.date.start, end: d.date.end, precision: d.date.precision, rule: d.rule };
  });
}

const day = (text: string, date: string, rule?: string): Row => ({ text, start: date, end: date, precision: 'day', ...(rule ? { rule } : {}) });
const loose = (rows: Row[]) => rows.map(({ rule, ...r }) => r);

// Each row: a text written for this test (one sentence per line) and the mentions it must yield.
const table: [string, Row[]][] = [
  ['Gunmen raided the depot on Sunday.', [day('on Sunday', '2015-02-15')]],
  ['The mayor was shot on Monday.', [day('on Monday', '2015-02-09')]],
  ['Talks broke down late on Friday.', [day('on Friday', '2015-02-13')]],
  ['A car bomb went off Tuesday night.', [day('Tuesday night', '2015-02-10')]],
  ['Police said the blast was last Sunday.', [day('last Sunday', '2015-02-08')]],
  ['The port reopened on January 26.', [day('January 26', '2015-01-26')]],
  ['The port reopened on 26 January.', [day('on 26 January', '2015-01-26')]],
  ['The port reopened on Jan. 26.', [day('Jan. 26', '2015-01-26')]],
  ['The dam burst on December 30.', [day('December 30', '2014-12-30')]],
  ['Troops first entered the valley last September.', [{ text: 'September', start: '2014-09-01', end: '2014-09-30', precision: 'month' }]],
  ['Aid stopped in March 2011.', [{ text: 'March 2011', start: '2011-03-01', end: '2011-03-31', precision: 'month' }]],
  ['The bridge was built in 2013.', [{ text: 'in 2013', start: '2013-01-01', end: '2013-12-31', precision: 'year' }]],
  ['Looting has gone on since March 2011.', [{ text: 'since March 2011', start: '2011-03-01', end: '2015-02-15', precision: 'month' }]],
  ['Raids rose in the past week.', [{ text: 'in the past week', start: '2015-02-08', end: '2015-02-15', precision: 'week' }]],
  ['Raids rose over the past week.', [{ text: 'over the past week', start: '2015-02-08', end: '2015-02-15', precision: 'week' }]],
  ['The siege began last week.', [{ text: 'last week', start: '2015-02-08', end: '2015-02-14', precision: 'week' }]],
  ['Talks resumed earlier this week.', [{ text: 'earlier this week', start: '2015-02-09', end: '2015-02-15', precision: 'week' }]],
  ['Prices fell in recent days.', [{ text: 'in recent days', start: '2015-02-08', end: '2015-02-15', precision: 'range' }]],
  ['Rain fell in the past few days.', [{ text: 'in the past few days', start: '2015-02-10', end: '2015-02-15', precision: 'range' }]],
  ['Shelling eased in the past two days.', [{ text: 'in the past two days', start: '2015-02-13', end: '2015-02-15', precision: 'range' }]],
  ['Nine arrests came in the past 24 hours.', [{ text: 'in the past 24 hours', start: '2015-02-14', end: '2015-02-15', precision: 'range' }]],
  ['The group grew in recent months.', [{ text: 'in recent months', start: '2014-11-17', end: '2015-02-15', precision: 'range' }]],
  ['Sales dropped in the past month.', [{ text: 'in the past month', start: '2015-01-15', end: '2015-02-15', precision: 'range' }]],
  ['The vote was held last month.', [{ text: 'last month', start: '2015-01-01', end: '2015-01-31', precision: 'month' }]],
  ['A fire broke out yesterday.', [day('yesterday', '2015-02-14')]],
  ['Sirens sounded last night.', [day('last night', '2015-02-14')]],
  ['Jets flew overnight.', [day('overnight', '2015-02-14')]],
  ['Crowds gathered this morning.', [day('this morning', '2015-02-15')]],
  ['Officials met today.', [day('today', '2015-02-15')]],
  ['The clinic was hit three days ago.', [day('three days ago', '2015-02-12')]],
  // Publication-date headers are absolute, whatever the publication date.
  ['Sat 04 Jul 2015', [day('Sat 04 Jul 2015', '2015-07-04', 'absolute')]],
  ['Published July 5 2015', [day('July 5 2015', '2015-07-05', 'absolute')]],
  ['Date of publication 3 July 2015', [day('3 July 2015', '2015-07-03', 'absolute')]],
  ['Posted 2015-06-30', [day('2015-06-30', '2015-06-30', 'absolute')]],
];

// Negative cases: none of these hold a date (after chrono's own negative_cases tests).
const negatives = [
  'Gunmen killed 10 people at the market.',
  'They fired at 5 and left.',
  'More soldiers may have been captured.',
  'Crowds joined a march on the capital.',
  'The 2nd brigade withdrew to the hills.',
  'Turnout reached 40 percent.',
  'The app moved to version 2.1.3 this spring.',
  'Around 3-4 soldiers were hurt.',
  'Only 5/6 of the wells work.',
  'A force of 2000 men holds the ridge.',
  'The four-year conflict goes on.',
  'The second convoy arrived safely.',
  'The score was 12:30 at the break.',
  'Prime Minister May said nothing.',
  'Fighters will attack next Monday.',
  'Families will return tomorrow.',
  'They are moving in the morning.',
];

describe('recognizeDates', () => {
  for (const [text, expected] of table) {
    it(text, () => {
      const published = /2015-0[67]|Jul 2015|July/.test(text) ? '2015-07-06' : PUB;
      const got = run(text, published);
      expect(expected.some((r) => r.rule) ? got : loose(got)).toEqual(expected.some((r) => r.rule) ? expected : loose(expected));
    });
  }

  for (const text of negatives) {
    it(`no date: ${text}`, () => {
      expect(run(text)).toEqual([]);
    });
  }

  it('anchors "the previous day" on the date mentioned just before', () => {
    const text = 'Jets struck the town on Sunday.\nGround troops had moved in the previous day.';
    expect(run(text)).toEqual([
      day('on Sunday', '2015-02-15', 'weekday-on-or-before-publication'),
      day('the previous day', '2015-02-14', 'previous-day'),
    ]);
  });

  it('anchors relative days on publication when nothing came before', () => {
    expect(run('Rebels withdrew the day before.')).toEqual([day('the day before', '2015-02-14', 'previous-day-from-publication')]);
  });

  it('counts days forward from an earlier date and drops what lands after publication', () => {
    const text = 'The dam burst on February 3.\nThe water fell two days later.\nRepairs start three days later.';
    expect(loose(run('The dam burst on February 3.\nThe water fell two days later.'))).toEqual(
      loose([day('February 3', '2015-02-03'), day('two days later', '2015-02-05')]),
    );
    // From publication (no earlier date would be after it) nothing in the future is kept.
    expect(run('Repairs start three days later.')).toEqual([]);
    expect(run(text).every((d) => d.end <= PUB)).toBe(true);
  });

  it('treats the weekday of publication as that same day', () => {
    expect(loose(run('Voting ended on Wednesday.', '2015-02-18'))).toEqual(loose([day('on Wednesday', '2015-02-18')]));
    expect(loose(run('Voting began on Monday.', '2015-02-18'))).toEqual(loose([day('on Monday', '2015-02-16')]));
  });

  it('marks a date that starts a "since ... began" clause as running to publication', () => {
    const [d] = run('Over 900 have died since the revolt began with strikes in June 2012.');
    expect(d).toMatchObject({ text: 'June 2012', start: '2012-06-01', end: PUB, precision: 'month', rule: 'since-event-began' });
  });

  it('never returns a date after publication', () => {
    const text = 'The talks are set for March 3 2016.\nThe pact was signed in 2015.\nFighting went on this month.';
    for (const d of run(text)) {
      expect(d.start <= PUB).toBe(true);
      expect(d.end <= PUB).toBe(true);
    }
  });

  it('gives character offsets into the whole text', () => {
    const text = 'Quiet day.\nShelling resumed on Sunday.';
    const [m] = recognizeDates(text, sentencesOf(text), PUB);
    const span = { start: m.start, end: m.end };
    expect(text.slice(span.start, span.end)).toBe('on Sunday');
    expect(m.sentence).toBe(1);
  });

  it('never throws on odd input', () => {
    const odd = ['', '\u0000', '9'.repeat(3000), 'Sunday '.repeat(400), '1/1/1/1/1/1', '2015-99-99', 'on 31 February'];
    for (const s of odd) expect(() => recognizeDates(s, sentencesOf(s), PUB)).not.toThrow();
    expect(recognizeDates('on Sunday', sentencesOf('on Sunday'), 'not a date')).toEqual([]);
    expect(recognizeDates(undefined as unknown as string, [], PUB)).toEqual([]);
  });

  it('reads every date of a dense article', () => {
    const lines = [
      'Rockets hit the northern district on Sunday, residents said.',
      'At least 14 people died and 30 were hurt, a medic said on Saturday.',
      'The army said it had retaken two villages in the past week.',
      'Militants seized the town last September and held it until January 26.',
      'Since March 2011 more than 200,000 people have died in the war.',
      'The previous day, jets struck a bakery in the same area.',
      'Aid groups warned of shortages in recent months as roads closed.',
      'A truce agreed last week collapsed within two days, officials said.',
    ];
    const text = [...lines, ...lines, ...lines].join('\n');
    // Speed is for `npm run bench`; here only that a dense text is read whole, date by date.
    const found = recognizeDates(text, sentencesOf(text), PUB);
    expect(found.length).toBeGreaterThanOrEqual(lines.length * 3);
  });
});

describe('recognizeDates: date forms and numeric order', () => {
  // Row: sentence, day first?, the day it names. Published 2021-12-01.
  const rows: [string, boolean, string][] = [
    ['Gunmen raided the post on 11/02/2019.', true, '2019-02-11'],
    ['Gunmen raided the post on 11/02/2019.', false, '2019-11-02'],
    ['Gunmen raided the post on 4 June 2021.', true, '2021-06-04'],
    ['Gunmen raided the post on June 4, 2021.', true, '2021-06-04'],
    ['Gunmen raided the post on 2021-06-04.', false, '2021-06-04'],
    ['Gunmen raided the post on Nov. 2.', true, '2021-11-02'],
    ['Gunmen raided the post on the night of March 3.', true, '2021-03-03'],
    ['Gunmen raided the post in the early hours of 5 May 2020.', true, '2020-05-05'],
  ];
  for (const [text, dayFirst, date] of rows) {
    it(`${text} (${dayFirst ? 'day first' : 'month first'})`, () => {
      const got = recognizeDates(text, sentencesOf(text), '2021-12-01', { dayFirst });
      expect(got.map((d) => [d.date.start, d.date.precision])).toEqual([[date, 'day']]);
    });
  }
  it('keeps "the night of" out of a sentence that names no date', () => {
    expect(run('The night of violence ended at dawn.')).toEqual([]);
  });
});

describe('recognizeDates: anchored on the dateline', () => {
  // Through the pipeline: the dateline's date, not the given publication date, anchors relative words.
  const dated = (text: string, published: string | null) =>
    analyze(text, { published, source: null, title: null }).dates.map((d) => [d.text, d.date.start]);

  it('dates a weekday as the one on or before the dateline date (Saturday 3 March 2012)', () => {
    const text = 'KANDAHAR, Afghanistan (March 3, 2012) - Afghan and coalition forces searched a compound in Zharay district Monday.';
    expect(dated(text, null)).toEqual([['Monday', '2012-02-27']]);
    // A crawl date given with the report does not move it.
    expect(dated(text, '2012-03-20')).toEqual([['Monday', '2012-02-27']]);
  });

  it('reads yesterday, last night, this morning and earlier today from the dateline date', () => {
    const text =
      'KABUL, Afghanistan (Feb. 8, 2011) - A patrol was hit yesterday. Two men were detained last night.\nThe area was quiet this morning, and shops reopened earlier today.';
    expect(dated(text, null)).toEqual([
      ['yesterday', '2011-02-07'],
      ['last night', '2011-02-07'],
      ['this morning', '2011-02-08'],
      ['earlier today', '2011-02-08'],
    ]);
  });

  it('keeps the dateline date out of the sentences and gives it as the anchor', () => {
    const a = analyze('BAGHDAD, Iraq (June 2, 2014) - A bomb went off on Sunday.', { published: null, source: null, title: null });
    expect(a.published).toBe('2014-06-02');
    expect(a.sentences.map((s) => s.text)).toEqual(['A bomb went off on Sunday.']);
    expect(a.dates.map((d) => d.date.start)).toEqual(['2014-06-01']);
  });

  it('counts the date of a sentence that opens with "On 4 June 2021,"', () => {
    const a = analyze('On 4 June 2021, gunmen burned the market. Police arrived a day later.', { published: '2021-06-10', source: null, title: null });
    expect(a.header.parts).toEqual([]);
    expect(a.dates.map((d) => [d.sentence, d.date.start])).toEqual([[0, '2021-06-04'], [1, '2021-06-05']]);
  });

  it('uses a page stamp only when no publication date is given', () => {
    const text = 'Posted on April 4 2017\nA shell hit a school on Monday.';
    expect(analyze(text, { published: null, source: null, title: null }).published).toBe('2017-04-04');
    expect(analyze(text, { published: '2017-04-05', source: null, title: null }).published).toBe('2017-04-05');
  });

  it('dates the summary by the headline incident, not by the dateline', () => {
    const text = 'KABUL, Afghanistan (March 3, 2012) - An Afghan and coalition force killed two insurgents in Khost province Thursday.';
    expect(extractReport(text).summary.date).toBe('2012-03-01');
  });
});
