import { describe, expect, it } from 'vitest';
import { acledColumnName, acledDate, acledRowFor, disorderType, geoPrecision, interaction, interCode, missingAcledColumns, readAcledRow, timePrecision, typeForInter, writeNotes } from './acled.js';
import type { ExportedEvent } from './store.js';

const base: ExportedEvent = {
  id: 'r1-e1', origin: 'extracted', external_id: null, report_id: 'r1', type: 'Battles', sub_type: 'Government regains territory',
  date_start: '2015-02-15', date_end: '2015-02-15', date_precision: 'day', country: 'Syria', admin1: 'Rural Damascus', admin2: null,
  location: 'south of Damascus', lat: 33.41234567, lon: 36.3, geo_precision: 'near', weapon: null, fatalities_best: 0,
  perpetrator_actor: 'Syrian army', perpetrator_bloc: 'pro-government', source: 'Reuters',
  actors: [{ name: 'Syrian army', bloc: 'pro-government', role: 'perpetrator', type: null }], claimants: ['Abu Gaiath'], notes: null, acled: null,
  scope: 'incident', fatalities: [], columns: null,
};

describe('ACLED codes', () => {
  it.each([
    ['state-force', 'opposition', 1], [null, 'pro-government', 1], [null, 'islamic-state', 2], ['militia', null, 3], ['identity-militia', null, 4],
    [null, 'civilians', 7], ['foreign-force', 'pro-government', 8], [null, 'international-coalition', 8], [null, 'unknown', null],
  ])('inter of type %s, bloc %s is %s', (type, bloc, code) => expect(interCode(type, bloc)).toBe(code));
  it('interaction puts the lower code first; one actor alone is its code times ten', () => {
    expect(interaction(7, 1)).toBe(17);
    expect(interaction(2, null)).toBe(20);
    expect(interaction(null, 3)).toBeNull();
  });
  it.each([
    ['day', '2015-02-15', '2015-02-15', 1], ['week', '2015-02-08', '2015-02-15', 2], ['range', '2015-02-08', '2015-02-15', 2],
    ['range', '2015-01-01', '2015-02-15', 3], ['month', '2015-02-01', '2015-02-28', 3], [null, null, null, 3],
  ])('time precision %s %s..%s is %s', (p, s, e, code) => expect(timePrecision(p, s, e)).toBe(code));
  it.each([['exact', 1], ['near', 2], ['admin1', 3], ['country', 3], [null, 3]])('geo precision %s is %s', (p, code) => expect(geoPrecision(p)).toBe(code));
});

describe('notes', () => {
  it('is one sentence written from the fields', () => {
    expect(writeNotes(base)).toBe('On 15 February 2015, Syrian army took control of territory south of Damascus (Rural Damascus), according to Abu Gaiath; 0 fatalities reported.');
  });
  it('names the bloc when no actor is known, a date range, and falls back to the source', () => {
    const ev = { ...base, actors: [], perpetrator_actor: null, sub_type: 'Air/drone strike', date_start: '2015-02-08', date_precision: 'range', claimants: [], fatalities_best: 1, location: 'Raqqa', admin1: 'Raqqa', perpetrator_bloc: 'international-coalition' };
    expect(writeNotes(ev)).toBe('Between 8 and 15 February 2015, the international coalition carried out air strikes in Raqqa, according to Reuters; 1 fatality reported.');
  });
});

describe('acledRowFor', () => {
  it('derives ACLED columns for an extracted event', () => {
    const r = acledRowFor(base);
    expect(r).toMatchObject({ event_id_cnty: 'r1-e1', event_date: '2015-02-15', year: '2015', time_precision: '1', actor1: 'Syrian army', inter1: '1', interaction: '10', latitude: '33.4123', longitude: '36.3', geo_precision: '2', fatalities: '0' });
  });
  it('derives the disorder type and civilian targeting, and leaves ACLED\'s own bookkeeping columns empty', () => {
    const r = acledRowFor({ ...base, type: 'Violence against civilians', sub_type: 'Attack', actors: [...base.actors, { name: 'villagers', bloc: 'civilians', role: 'victim', type: null }] });
    expect([r.disorder_type, r.civilian_targeting, r.iso, r.region, r.tags, r.timestamp]).toEqual(['Political violence', 'Civilian targeting', '', '', '', '']);
    expect(acledRowFor(base).civilian_targeting).toBe('');
  });
  it('codes an unknown initiator as ACLED does', () => {
    const r = acledRowFor({ ...base, actors: [], perpetrator_actor: null, perpetrator_bloc: null });
    expect([r.actor1, r.inter1]).toEqual(['Unidentified Armed Group (Syria)', '3']);
  });
});

describe('reading ACLED rows', () => {
  it.each([
    ['2015-02-15', '', '2015-02-15'],
    ['15 February 2015', '', '2015-02-15'],
    ['09 May 2020', '', '2020-05-09'],
    ['09-May-2020', '', '2020-05-09'],
    ['5-Feb-2015', '', '2015-02-05'],
    ['9-May-20', '2020', '2020-05-09'],
    ['9-May-20', '', '2020-05-09'],
    ['3-Sep-98', '', '1998-09-03'],
    ['3-Sept-98', '1998', '1998-09-03'],
    ['29 February 2020', '', '2020-02-29'],
    ['29 February 2019', '', null],
    ['2016-02-30', '', null],
    ['31-Apr-21', '', null],
    ['Feb 2015', '', null],
    ['2015-13-45', '', null],
    ['5-Fe-2015', '', null],
  ])('date %s (year column "%s") is %s', (s, year, d) => expect(acledDate(s, year)).toBe(d));

  const row = { event_id_cnty: 'X1', event_date: '2015-02-15', event_type: 'Battles', country: 'Syria' };
  it.each([
    [{ latitude: 'north', longitude: '36.1' }, 'latitude "north" is not a number'],
    [{ latitude: '999', longitude: '36.1' }, 'latitude "999" is outside -90..90'],
    [{ latitude: '35.1' }, 'latitude is given without longitude'],
    [{ fatalities: '2.5' }, 'fatalities "2.5" is not a count'],
    [{ fatalities: '-1' }, 'fatalities "-1" is not a count'],
    [{ fatalities: '1e20' }, 'fatalities "1e20" is more than any one event\'s toll (over 10,000,000)'],
    [{ event_id_cnty: '' }, 'event_id_cnty is empty'],
    [{ event_date: '' }, 'event_date is empty'],
    [{ country: ' ' }, 'country is empty'],
    [{ event_date: '2015-02-30' }, 'event_date "2015-02-30" is not a day of the calendar (2020-05-09, 9-May-20, 09 May 2020 or 09-May-2020)'],
    [{ year: '2014' }, 'year "2014" is not the year of event_date "2015-02-15"'],
    [{ event_date: '1899-12-31', year: '1899' }, 'event_date "1899-12-31" is before 1900-01-01'],
    [{ event_date: '2090-01-01', year: '2090' }, 'event_date "2090-01-01" is after tomorrow (2024-06-02)'],
    // A cell with line breaks is quoted escaped: the failure stays the one line that names file and line.
    [{ event_date: '15 Feb\n2015' }, 'event_date "15 Feb\\n2015" is not a day of the calendar (2020-05-09, 9-May-20, 09 May 2020 or 09-May-2020)'],
    [{ latitude: '35.1\r\n', longitude: '3\n6' }, 'longitude "3\\n6" is not a number'],
  ])('refuses %o: %s', (over, error) => expect(readAcledRow({ ...row, ...over }, new Date('2024-06-01T12:00:00Z'))).toEqual({ error }));

  it('removes control characters, NUL among them, from every cell, as every door does', () => {
    const ev = readAcledRow({ ...row, notes: 'Shelling\u0000 of the\u0007 market', location: '\u001bHoms' });
    if ('error' in ev) throw new Error(ev.error);
    expect([ev.notes, ev.location]).toEqual(['Shelling of the market', 'Homs']);
  });

  it('keeps the columns the event cannot hold, and reads both kinds of inter code', () => {
    const ev = readAcledRow({ ...row, disorder_type: 'Political violence', region: 'Middle East', tags: '', data_id: '7001', actor1: 'Military Forces of Syria (2000-)', inter1: 'State forces', actor2: 'Civilians (Syria)', inter2: '7', fatalities: '' });
    if ('error' in ev) throw new Error(ev.error);
    expect(ev.columns).toEqual({ disorder_type: 'Political violence', region: 'Middle East', data_id: '7001' });
    expect(ev.actors.map((a) => [a.name, a.type, a.role])).toEqual([
      ['Military Forces of Syria (2000-)', 'state-force', 'perpetrator'],
      ['Civilians (Syria)', 'civilians', 'participant'],
    ]);
    expect(ev.fatalities).toEqual([{ group: 'unknown', low: 0, best: 0, high: 0, kind: 'exact' }]);
  });

  it('reads a code it does not know, even one every object inherits ("__proto__", "constructor"), as no code', () => {
    expect(readAcledRow({ ...row, geo_precision: '__proto__', time_precision: 'constructor' })).toMatchObject({ geo_precision: 'unknown', date_precision: 'day' });
    expect(acledColumnName('__proto__')).toBe('__proto__');
  });

  it('reports the required columns a header lacks, whatever its case', () => {
    expect(missingAcledColumns(['event_id_cnty', 'Event_Date', 'notes'])).toEqual(['event_type', 'country']);
    expect(missingAcledColumns(['EVENT_ID_CNTY', 'EVENT_DATE', 'EVENT_TYPE', 'COUNTRY'])).toEqual([]);
  });
  it('reads older column names as today\'s', () => expect(['ALLY_ACTOR_1', 'ally_actor_2', 'Admin3'].map(acledColumnName)).toEqual(['assoc_actor_1', 'assoc_actor_2', 'admin3']));
  it.each([['1', 'state-force'], ['State forces', 'state-force'], ['Rebel group', 'rebel-group'], ['External/Other forces', 'external'], ['9', null], ['', null]])('inter %s is a %s', (code, type) => expect(typeForInter(code)).toBe(type));
  it.each([
    ['Battles', 'Armed clash', 'Political violence'],
    ['Protests', 'Peaceful protest', 'Demonstrations'],
    ['Protests', 'Excessive force against protesters', 'Political violence; Demonstrations'],
    ['Riots', 'Violent demonstration', 'Demonstrations'],
    ['Riots', 'Mob violence', 'Political violence'],
    ['Strategic developments', 'Arrests', 'Strategic developments'],
  ])('disorder type of %s / %s is %s', (type, sub, disorder) => expect(disorderType(type, sub)).toBe(disorder));
});
