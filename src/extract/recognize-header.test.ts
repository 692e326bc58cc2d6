import { describe, expect, it } from 'vitest';
import { blankParts, recognizeHeader, type HeaderPartKind } from './recognize-header.js';

// Each row: a report's opening (written for this test), the header parts it must yield in order,
// and where the story then starts.
const parts: [string, Array<[HeaderPartKind, string]>, string][] = [
  [
    'KANDAHAR, Afghanistan (March 3, 2012) - Afghan troops cleared a bazaar in Zharay district yesterday.',
    [['dateline', 'KANDAHAR, Afghanistan (March 3, 2012) - ']],
    'Afghan troops',
  ],
  ['KABUL, Afghanistan - A patrol found a weapons cache on Tuesday.', [['dateline', 'KABUL, Afghanistan - ']], 'A patrol'],
  ['BEIRUT (Reuters) - Shelling hit a market in the north.', [['dateline', 'BEIRUT (Reuters) - ']], 'Shelling'],
  ['Beirut, Feb 15 (AFP) - Two rockets fell near the port.', [['dateline', 'Beirut, Feb 15 (AFP) - ']], 'Two rockets'],
  ['Aleppo, SANA - A mortar round hit a school.', [['dateline', 'Aleppo, SANA - ']], 'A mortar'],
  ['11/02/2019: Gunmen stormed a checkpoint outside the town.', [['stamp', '11/02/2019']], 'Gunmen'],
  ['Sun 05 Jul 2015 Nine dead in raid on depot. Nine people died ...', [['stamp', 'Sun 05 Jul 2015']], 'Nine dead'],
  ['Posted on April 4 2017 by Jane Doe Rockets hit the depot.', [['stamp', 'Posted on April 4 2017'], ['byline', 'by Jane Doe']], 'Rockets'],
  [
    'For Immediate Release\nRelease No. 2012-03-CA-005\nKABUL, Afghanistan (March 3, 2012) - A force detained two men.',
    [['page', 'For Immediate Release'], ['release-number', 'Release No. 2012-03-CA-005'], ['dateline', 'KABUL, Afghanistan (March 3, 2012) - ']],
    'A force',
  ],
  [
    'ISAF Joint Command - Afghanistan\n20120303-012\nDownload PDF | Print | Share\nKABUL - A patrol was hit by a roadside bomb.',
    [['page', 'ISAF Joint Command - Afghanistan'], ['release-number', '20120303-012'], ['page', 'Download PDF'], ['page', 'Print'], ['page', 'Share'], ['dateline', 'KABUL - ']],
    'A patrol',
  ],
  [
    'Morning operational update\nBy John Smith\nKABUL, Afghanistan - Forces detained a facilitator.',
    [['page', 'Morning operational update'], ['byline', 'By John Smith'], ['dateline', 'KABUL, Afghanistan - ']],
    'Forces',
  ],
  // A headline line above the dateline stays: it is the headline, not template.
  [
    'Forces arrest bomb maker in Khost\nKABUL, Afghanistan (Sept. 10, 2012) - A force arrested a bomb maker.',
    [['dateline', 'KABUL, Afghanistan (Sept. 10, 2012) - ']],
    'A force',
  ],
];

// Openings that have no header: a sentence that starts with a place or a date is a sentence.
const negatives: string[] = [
  'Kandahar, the old capital, saw three bombings last week.',
  'Kabul police said two officers were shot on Monday.',
  'KABUL police said two officers were shot on Monday.',
  'On 4 June 2021, gunmen burned the market of the town.',
  '4 June 2021 saw the worst fighting of the year.',
  'ISIS-held villages came under fire overnight.',
  'NATO said its aircraft struck a compound.',
  'Warning: the following report describes violence.',
  'Print shops and a school were damaged in the blast.',
  // An event's name before a colon, words joined by a dash, a section label before an agency.
  'Dalori, Nigeria Raid: gunmen burned the camp.',
  'Herat-Kandahar highway ambush: six drivers were seized.',
  'Mogadishu: a car bomb went off near the port.',
  'Regional NNA - Jets struck the hills overnight.',
];

const kinds = (text: string) => recognizeHeader(text).parts.map((p) => [p.kind, p.text] as [HeaderPartKind, string]);

describe('recognizeHeader: header parts', () => {
  for (const [text, expected, body] of parts) {
    it(text.split('\n').join(' | ').slice(0, 70), () => {
      const header = recognizeHeader(text);
      expect(kinds(text)).toEqual(expected);
      expect(text.slice(header.end).replace(/^[\s:|-]+/, '')).toMatch(new RegExp(`^${body}`));
    });
  }
});

describe('recognizeHeader: openings that are the story', () => {
  for (const text of negatives) {
    it(text, () => {
      const header = recognizeHeader(text);
      expect(header.parts.filter((p) => p.kind !== 'footer' && p.kind !== 'contact')).toEqual([]);
      expect(header.dateline).toBeNull();
    });
  }
});

describe('recognizeHeader: the dateline', () => {
  it('gives the city, the country with its code and the date', () => {
    const d = recognizeHeader('KANDAHAR, Afghanistan (March 3, 2012) - Troops cleared a bazaar.').dateline!;
    expect(d.city.text).toBe('KANDAHAR');
    expect(d.country).toMatchObject({ text: 'Afghanistan', cc: 'AF' });
    expect(d.date).toBe('2012-03-03');
    expect(d.agency).toBeNull();
  });
  it('keeps the agency and completes a date without a year from the publication date', () => {
    const d = recognizeHeader('Beirut, Feb 15 (AFP) - Two rockets fell.', { published: '2013-02-16' }).dateline!;
    expect(d).toMatchObject({ agency: 'AFP', date: '2013-02-15', country: null });
    expect(d.city.text).toBe('Beirut');
  });
  it('with no publication date, takes the year of a dateline date from the header', () => {
    expect(recognizeHeader('Release No. 2011-09-CA-123\nKABUL, Afghanistan (Sept. 14) - A force detained two men.').dateline!.date).toBe('2011-09-14');
    expect(recognizeHeader('20110914-012\nKABUL, Afghanistan (Sept. 13) - A force detained two men.').dateline!.date).toBe('2011-09-13');
    expect(recognizeHeader('Operational update, Sept. 14, 2011\nKABUL, Afghanistan (Sept. 14) - A force detained two men.').dateline!.date).toBe('2011-09-14');
  });
  it('takes a date a few days ahead of publication as last year\'s', () => {
    expect(recognizeHeader('MOSUL, Iraq (Dec. 30) - A bomb exploded.', { published: '2017-01-02' }).dateline!.date).toBe('2016-12-30');
  });
  it('finds a dateline run in after a headline with no line break', () => {
    const text = 'Forces arrest bomb maker in Khost KABUL, Afghanistan (Sept. 10, 2012) - A force arrested a bomb maker.';
    const d = recognizeHeader(text).dateline!;
    expect(d.city.text).toBe('KABUL');
    expect(text.slice(d.end)).toBe('A force arrested a bomb maker.');
  });
  it('takes the template run in between a headline and its dateline', () => {
    const text = 'Forces detain bomb maker ISAF Joint Command - Afghanistan 2011-09-CA-123 For Immediate Release KABUL, Afghanistan (Sept. 14) - A force detained a bomb maker.';
    expect(recognizeHeader(text).parts.map((p) => p.kind)).toEqual(['page', 'release-number', 'page', 'dateline']);
    expect(text.slice(0, recognizeHeader(text).parts[0].start).trim()).toBe('Forces detain bomb maker');
  });
  it('reads a capitals city that lost its dash in run-in copy only when it is a known place', () => {
    expect(recognizeHeader('BEIRUT Syrian forces shelled the suburb.').dateline?.city.text).toBe('BEIRUT');
    expect(recognizeHeader('SAWT Syrian forces shelled the suburb.').dateline).toBeNull();
  });
});

describe('recognizeHeader: numeric dates', () => {
  // Row: opening, source, the date of its stamp.
  const rows: [string, string | null, string][] = [
    ['11/02/2019: Gunmen stormed a checkpoint.', null, '2019-02-11'],
    ['11/02/2019: Gunmen stormed a checkpoint.', 'U.S. Central Command', '2019-11-02'],
    ['ISAF Joint Command\n11/02/2011\nA patrol was attacked.', null, '2011-11-02'],
    ['25/02/2019: Gunmen stormed a checkpoint.', 'U.S. Central Command', '2019-02-25'],
    ['24.08.2013 State media accused rebels.', null, '2013-08-24'],
    ['2021-06-04 Gunmen stormed a checkpoint.', null, '2021-06-04'],
    ['June 4, 2021 - Gunmen stormed a checkpoint.', null, '2021-06-04'],
    ['Last updated at Apr 152017 Rockets hit the depot.', null, '2017-04-15'],
  ];
  for (const [text, source, date] of rows) {
    it(`${text.split('\n').join(' | ').slice(0, 40)} (${source ?? 'no source'})`, () => {
      expect(recognizeHeader(text, { source }).stamp).toBe(date);
    });
  }
});

describe('recognizeHeader: closing lines', () => {
  it('drops a contact line and what follows it', () => {
    const text = 'KABUL, Afghanistan - A force detained two men in Khost. They were taken for questioning.\nFor more information contact the press desk at 0700.';
    const h = recognizeHeader(text);
    expect(h.parts.map((p) => p.kind)).toEqual(['dateline', 'contact']);
    expect(h.parts[1].text.startsWith('For more information')).toBe(true);
  });
  it('drops a related-stories list at the end', () => {
    const text = 'A car bomb killed four people in the city on Sunday. Police sealed off the area.\nRelated Articles\nTen killed in market blast';
    const h = recognizeHeader(text);
    expect(h.parts.map((p) => [p.kind, p.text])).toEqual([['footer', 'Related Articles\nTen killed in market blast']]);
  });
  it('keeps "related" inside a sentence', () => {
    expect(recognizeHeader('Police said the two attacks were related. Related arrests followed on Monday.').parts).toEqual([]);
  });
});

describe('blankParts', () => {
  it('blanks the header and keeps every offset', () => {
    const text = 'BEIRUT (Reuters) - Shelling hit Homs.';
    const out = blankParts(text, recognizeHeader(text).parts);
    expect(out.length).toBe(text.length);
    expect(out.trimStart()).toBe('Shelling hit Homs.');
    expect(out.indexOf('Homs')).toBe(text.indexOf('Homs'));
  });
});
