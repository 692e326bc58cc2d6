import { describe, expect, it } from 'vitest';
import { calendarDay, checkReport, cleanText, coordinates, count, hasControl, hasLetters, isoDay, publishedDate } from './input-rules.js';

describe('dataset fields', () => {
  it.each([
    [2020, 2, 29, '2020-02-29'],
    [2019, 2, 29, null],
    [2021, 4, 31, null],
    [2021, 13, 1, null],
    [2021, 1, 0, null],
    [1997, 12, 31, '1997-12-31'],
  ])('%i-%i-%i is %s', (y, m, d, out) => expect(calendarDay(y, m, d)).toBe(out));
  it.each([
    ['2016-03-07', '2016-03-07'],
    ['2016-03-07 00:00:00.000', '2016-03-07'],
    ['2016-03-07T00:00:00Z', '2016-03-07'],
    ['2016-02-30', null],
    ['07/03/2016', null],
    ['2016-03-07 noon', null],
  ])('ISO day %s is %s', (s, out) => expect(isoDay(s)).toBe(out));
  it.each([
    ['', null],
    [' 12 ', 12],
    ['0', 0],
    ['many', { error: 'deaths "many" is not a number' }],
    ['3.5', { error: 'deaths "3.5" is not a count' }],
    ['-2', { error: 'deaths "-2" is not a count' }],
    ['100000000000000000000', { error: 'deaths "100000000000000000000" is more than any one event\'s toll (over 10,000,000)' }],
  ])('count %s is %o', (s, out) => expect(count('deaths', s)).toEqual(out));
  it.each([
    ['', '', { lat: null, lon: null }],
    ['35.5', '-1.25', { lat: 35.5, lon: -1.25 }],
    ['', '36', { error: 'lon is given without lat' }],
    ['91', '36', { error: 'lat "91" is outside -90..90' }],
    ['35', '180.5', { error: 'lon "180.5" is outside -180..180' }],
    ['35', 'east', { error: 'lon "east" is not a number' }],
  ])('coordinates %s, %s are %o', (a, b, out) => expect(coordinates('lat', a, 'lon', b)).toEqual(out));

  it.each([
    ['Two killed\u0000 in Idlib', 'Two killed in Idlib'],
    ['a\u0007b\u001bc\u007fd\u0085e', 'abcde'],
    ['line one\r\nline\ttwo\n', 'line one\r\nline\ttwo\n'],
    ['Hama \u200b', 'Hama \u200b'],
    // A lone surrogate is no character: U+FFFD, as UTF-8 writes it; a whole pair (an emoji) stays.
    ['Idlib \ud800 \udfff', 'Idlib \ufffd \ufffd'],
    ['\udc00\ud83d\udca5\ud83d', '\ufffd\ud83d\udca5\ufffd'],
  ])('cleaning %j gives %j', (s, out) => expect(cleanText(s)).toBe(out));

  it.each([
    ['a\u0000b', true],
    ['tab\there', false],
    ['Aleppo', false],
    ['Aleppo \udfff', true],
    ['Aleppo \ud83d\udca5', false],
  ])('%j holds a control character or a lone surrogate: %s', (s, out) => expect(hasControl(s)).toBe(out));

  it.each([
    ['\u200b\u200b\u200b', false],
    ['... 12 -- 3', false],
    ['\u0301\u0301', false],
    ['دمشق', true],
    ['x', true],
  ])('%j has letters: %s', (s, out) => expect(hasLetters(s)).toBe(out));

  const now = new Date('2024-06-01T22:00:00Z');
  it.each([
    ['2024-06-02', '2024-06-02'],
    ['1900-01-01', '1900-01-01'],
    ['2024-06-03', { error: 'published "2024-06-03" is after tomorrow (2024-06-02)' }],
    ['9999-12-31', { error: 'published "9999-12-31" is after tomorrow (2024-06-02)' }],
    ['0000-01-01', { error: 'published "0000-01-01" is not a day of the calendar' }],
    ['1899-12-31', { error: 'published "1899-12-31" is before 1900-01-01' }],
    ['2023-02-29', { error: 'published "2023-02-29" is not a day of the calendar' }],
    ['3 May 2023', { error: 'published must be YYYY-MM-DD, got "3 May 2023"' }],
  ])('published %s is %o', (s, out) => expect(publishedDate('published', s, now)).toEqual(out));

  it('lets a report in cleaned, or says why not', () => {
    expect(checkReport({ text: 'Shells hit\u0000 Kharkiv.', published: '2024-05-30', source: ' \u0000 ', title: 'Night\u0007 shelling' }, now)).toEqual({
      text: 'Shells hit Kharkiv.',
      published: '2024-05-30',
      source: null,
      title: 'Night shelling',
    });
    expect(checkReport({ text: '\u200b\u200b \u200b', published: null, source: null, title: null }, now)).toEqual({ error: 'the text has no letters (only spaces, marks or invisible characters): it is empty' });
    expect(checkReport({ text: '\u0000\u0000', published: null, source: null, title: null }, now)).toEqual({ error: 'the text is empty' });
    expect(checkReport({ text: 'A convoy was ambushed.', published: '2031-01-01', source: null, title: null }, now)).toEqual({ error: 'published "2031-01-01" is after tomorrow (2024-06-02)' });
  });
});
