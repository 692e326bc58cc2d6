import { describe, expect, it } from 'vitest';
import { findHeadlineBreaks } from './find-headline-breaks.js';

// Row: text written for this test, its title (if any), and the text before each break.
const table: [string, string | null, string[]][] = [
  ['Six dead in strike on depot Jets killed six people.', 'Six dead in strike on depot', ['Six dead in strike on depot']],
  ['Six dead in strike AFP Sunday 1 Feb 2015 Jets killed six.', null, ['Six dead in strike AFP Sunday 1 Feb 2015']],
  ['Published July 5 2015 Jets killed six.', null, ['Published July 5 2015']],
  ['24.08.2013 Jets killed six.', null, ['24.08.2013']],
  ['Thursday 31 July 2014 10:59 Jets killed six.', null, ['Thursday 31 July 2014 10:59']],
];

// Negative cases: no headline to break off.
const none: [string, string | null][] = [
  ['Jets killed six people on Sunday.', null],
  ['Jets killed six people.', 'Short'],
  ['Jets killed six people.', 'A title that is not in the text at all'],
  ['On 4 June 2021, gunmen burned the market.', null],
  ['Gunmen burned the market on 4 June 2021 and fled.', null],
  ['4 June 2021 saw the worst fighting of the year.', null],
];

describe('findHeadlineBreaks', () => {
  for (const [text, title, want] of table) {
    it(text, () => expect(findHeadlineBreaks(text, title).map((b) => text.slice(0, b))).toEqual(want));
  }
  for (const [text, title] of none) it(`none: ${text} (${title})`, () => expect(findHeadlineBreaks(text, title)).toEqual([]));
  it('finds a title whatever its case', () => {
    expect(findHeadlineBreaks('SIX DEAD IN STRIKE ON DEPOT Jets struck.', 'Six dead in strike on depot')).toEqual([27]);
  });
});
