import { describe, expect, it } from 'vitest';
import { dayInText, dayOf, firstDay } from './publication-day.js';

const NOW = new Date('2024-07-01T00:00:00Z');

describe('the day an article was published', () => {
  it.each([
    ['2024-03-11T07:40:00+02:00', '2024-03-11'],
    ['2024-03-11', '2024-03-11'],
    ['Mon, 11 Mar 2024 23:40:00 -0500', '2024-03-11'],
    ['11 March 2024', '2024-03-11'],
    ['Tue, 12 Mar 2024 01:15:00 +0300', '2024-03-12'],
  ])('%s is read as written: %s', (raw, day) => expect(dayOf(raw, NOW)).toBe(day));

  it.each([
    ['2024-02-30T10:00:00Z', 'not a day of the calendar'],
    ['2031-01-01T00:00:00Z', 'after tomorrow'],
    ['1066-10-14', 'before 1900'],
    ['last Tuesday', 'no date'],
    ['', 'empty'],
  ])('%s gives none (%s)', (raw) => expect(dayOf(raw, NOW)).toBeNull());

  it('takes the first candidate that reads, in the order given (feed, page metadata, <time>)', () => {
    expect(firstDay([null, 'garbage', '2024-05-06T20:30:00Z', '2024-05-01'], NOW)).toBe('2024-05-06');
    expect(firstDay([undefined, null], NOW)).toBeNull();
  });

  it("falls back on the text's dateline, as extraction reads it", () => {
    expect(dayInText('ALEPPO, Syria (March 13, 2024) - Six fighters were killed near Tal Rifaat, a monitor said.', null, NOW)).toBe('2024-03-13');
    expect(dayInText('June 4, 2024 - Gunmen stormed a checkpoint near Bandiagara.', null, NOW)).toBe('2024-06-04');
    expect(dayInText('Six fighters were killed near Tal Rifaat, a monitor said.', null, NOW)).toBeNull();
  });
});
