import { describe, expect, it } from 'vitest';
import { calendarDay, coordinates, count, isoDay } from './dataset-fields.js';

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
});
