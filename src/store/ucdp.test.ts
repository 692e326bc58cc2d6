import { describe, expect, it } from 'vitest';
import type { ExportedEvent } from './store.js';
import { eventFigures, gedRowFor, isGedHeader, missingGedColumns, priogridCell, readGedRow, spreadRange, violenceOf } from './ucdp.js';

// An invented GED row: a clash between a government and an insurgent group, 14 dead (low 12, high 20).
const row: Record<string, string> = {
  id: '800001', year: '2016', type_of_violence: '1', conflict_name: 'Syria: Government', side_a: 'Government of Syria', side_b: 'Syrian insurgents',
  source_office: 'Invented Wire', where_prec: '2', where_coordinates: 'Ariha town', adm_1: 'Idlib governorate', adm_2: 'Ariha district',
  latitude: '35.8134', longitude: '36.6061', country: 'Syria', date_prec: '1', date_start: '2016-03-07', date_end: '2016-03-07',
  deaths_a: '3', deaths_b: '9', deaths_civilians: '2', deaths_unknown: '0', best: '14', high: '20', low: '12',
};

describe('reading GED rows', () => {
  it('maps a state-based clash onto an event with its sides and its figures by group', () => {
    const ev = readGedRow(row);
    if ('error' in ev) throw new Error(ev.error);
    expect(ev).toMatchObject({ id: 'ucdp-800001', dataset: 'ucdp', type: 'Battles', sub_type: 'Armed clash', date_precision: 'day', geo_precision: 'near', location: 'Ariha town', admin1: 'Idlib governorate', lat: 35.8134, source: 'Invented Wire' });
    expect(ev.actors.map((a) => [a.name, a.type, a.role])).toEqual([
      ['Government of Syria', 'state-force', 'perpetrator'],
      ['Syrian insurgents', 'armed-group', 'participant'],
    ]);
    expect(ev.fatalities.map((f) => [f.group, f.low, f.best, f.high])).toEqual([
      ['Government of Syria', 2, 3, 4],
      ['Syrian insurgents', 8, 9, 13],
      ['civilians', 2, 2, 3],
    ]);
    expect(eventFigures(ev.fatalities)).toEqual({ low: 12, best: 14, high: 20 });
    expect(ev.columns).toEqual({ year: '2016', type_of_violence: '1', conflict_name: 'Syria: Government', where_prec: '2', date_prec: '1' });
  });

  it('makes one-sided violence an attack on civilians, the victims the second side', () => {
    const ev = readGedRow({ ...row, type_of_violence: '3', side_a: 'IS', side_b: 'Civilians', deaths_a: '0', deaths_b: '0', deaths_civilians: '6', best: '6', low: '6', high: '6', date_prec: '4', date_start: '2017-06-01 00:00:00.000', date_end: '2017-06-30 00:00:00.000' });
    if ('error' in ev) throw new Error(ev.error);
    expect([ev.type, ev.sub_type, ev.date_start, ev.date_end, ev.date_precision]).toEqual(['Violence against civilians', 'Attack', '2017-06-01', '2017-06-30', 'month']);
    expect(ev.actors[1]).toEqual({ name: 'Civilians', type: 'civilians', bloc: 'civilians', role: 'victim' });
    expect(ev.fatalities).toEqual([{ group: 'civilians', low: 6, best: 6, high: 6, kind: 'exact' }]);
  });

  it('reads a precision it does not know, even "toString", as none; a violence code every object inherits is refused', () => {
    expect(readGedRow({ ...row, where_prec: 'toString', date_prec: 'constructor' })).toMatchObject({ geo_precision: 'unknown', date_precision: 'day' });
    expect(readGedRow({ ...row, type_of_violence: '__proto__' })).toHaveProperty('error');
  });

  it('keeps an event with no best estimate but a high one', () => {
    const ev = readGedRow({ ...row, deaths_a: '0', deaths_b: '0', deaths_civilians: '0', best: '0', low: '0', high: '2' });
    if ('error' in ev) throw new Error(ev.error);
    expect(ev.fatalities).toEqual([{ group: 'unknown', low: 0, best: 0, high: 2, kind: 'approximate' }]);
  });

  it.each([
    [{ id: '' }, 'id is empty'],
    [{ type_of_violence: '4' }, 'type_of_violence "4" is not 1 (state-based), 2 (non-state) or 3 (one-sided)'],
    [{ date_start: '' }, 'date_start is empty'],
    [{ date_start: '2016-02-30' }, 'date_start "2016-02-30" is not a day of the calendar (YYYY-MM-DD)'],
    [{ date_end: '2016-03-01' }, 'date_end "2016-03-01" is before date_start "2016-03-07"'],
    [{ country: '' }, 'country is empty'],
    [{ latitude: '999' }, 'latitude "999" is outside -90..90'],
    [{ best: '' }, 'best is empty'],
    [{ best: '1e20' }, 'best "1e20" is more than any one event\'s toll (over 10,000,000)'],
    [{ deaths_b: 'nine' }, 'deaths_b "nine" is not a number'],
    [{ low: '15' }, 'low 15, best 14 and high 20 are not in order (low <= best <= high)'],
    [{ deaths_unknown: '1' }, 'deaths_a, deaths_b, deaths_civilians and deaths_unknown add up to 15, not to best 14'],
    [{ date_start: '1850-01-01', date_end: '2016-03-07' }, 'date_start "1850-01-01" is before 1900-01-01'],
    [{ date_end: '9999-12-31' }, 'date_end "9999-12-31" is after tomorrow (2024-06-02)'],
    // A cell with line breaks is quoted escaped: the failure stays the one line that names file and line.
    [{ type_of_violence: '1\nDROP' }, 'type_of_violence "1\\nDROP" is not 1 (state-based), 2 (non-state) or 3 (one-sided)'],
    [{ best: '14\r\n15' }, 'best "14\\r\\n15" is not a number'],
  ])('refuses %o: %s', (over, error) => expect(readGedRow({ ...row, ...over }, new Date('2024-06-01T12:00:00Z'))).toEqual({ error }));

  it('tells a header from a first row, and names the columns a header lacks', () => {
    expect(isGedHeader(['id', 'relid', 'year', 'type_of_violence'])).toBe(true);
    expect(isGedHeader(['800001', 'SYR-2016-1', '2016', '1'])).toBe(false);
    expect(missingGedColumns(['ID', 'type_of_violence', 'date_start'])).toEqual(['country', 'best']);
  });
});

describe('spreading low and high over the groups', () => {
  it('adds up to the event\'s figures, and no group\'s low passes its best', () => {
    const fs = spreadRange([{ group: 'a', best: 1 }, { group: 'b', best: 1 }, { group: 'c', best: 1 }], 2, 3, 10);
    expect(fs.map((f) => [f.low, f.high])).toEqual([[1, 4], [1, 3], [0, 3]]);
    expect(eventFigures(fs)).toEqual({ low: 2, best: 3, high: 10 });
  });
  it('is exact when the three figures agree', () => expect(spreadRange([{ group: 'a', best: 4 }], 4, 4, 4)).toEqual([{ group: 'a', low: 4, best: 4, high: 4, kind: 'exact' }]));
});

const extracted: ExportedEvent = {
  id: 'r1-e1', origin: 'extracted', external_id: null, report_id: 'r1', type: 'Explosions/Remote violence', sub_type: 'Air/drone strike',
  date_start: '2016-03-07', date_end: '2016-03-07', date_precision: 'day', country: 'Syria', admin1: 'Idlib', admin2: null, location: 'Ariha',
  lat: 35.8134, lon: 36.6061, geo_precision: 'exact', weapon: 'air_strike', fatalities_best: 9, perpetrator_actor: 'Syrian army', perpetrator_bloc: 'pro-government', source: 'Reuters',
  actors: [
    { name: 'Syrian army', bloc: 'pro-government', role: 'perpetrator', type: 'state-force' },
    { name: 'rebels', bloc: 'opposition', role: 'target', type: null },
  ],
  claimants: ['a monitoring group', 'state media'], notes: null, acled: null, columns: null, scope: 'incident',
  fatalities: [
    { group: 'opposition', low: 5, best: 7, high: 7, kind: 'approximate' },
    { group: 'civilians', low: 2, best: 2, high: 2, kind: 'exact' },
    { group: 'pro-government', low: 3, best: null, high: 10, kind: 'vague' },
  ],
};

describe('writing GED rows for the record\'s events', () => {
  it('derives the sides, the deaths by side and the three figures', () => {
    const r = gedRowFor(extracted)!;
    expect(r).toMatchObject({ id: 'r1-e1', year: '2016', type_of_violence: '1', side_a: 'Syrian army', side_b: 'rebels', dyad_name: 'Syrian army - rebels', where_prec: '1', date_prec: '1' });
    // The vague figure's low stands for its best, as UCDP counts.
    expect([r.deaths_a, r.deaths_b, r.deaths_civilians, r.deaths_unknown, r.low, r.best, r.high]).toEqual(['3', '7', '2', '0', '10', '12', '19']);
    expect([r.number_of_sources, r.source_office, r.source_original]).toEqual(['2', 'Reuters', 'a monitoring group; state media']);
    expect([r.geom_wkt, r.priogrid_gid]).toEqual(['POINT (36.6061 35.8134)', String(priogridCell(35.8134, 36.6061))]);
  });
  it('leaves out what GED does not hold: events without deaths, period totals and tolls', () => {
    expect(gedRowFor({ ...extracted, fatalities: [] })).toBeNull();
    expect(gedRowFor({ ...extracted, scope: 'period-total' })).toBeNull();
    expect(gedRowFor({ ...extracted, scope: 'cumulative-toll' })).toBeNull();
  });
  it.each([
    [[{ name: 'gunmen', bloc: 'unknown', role: 'perpetrator', type: null }, { name: 'villagers', bloc: 'civilians', role: 'victim', type: null }], '3'],
    [[{ name: 'Islamic State', bloc: 'islamic-state', role: 'perpetrator', type: 'armed-group' }, { name: 'SDF', bloc: 'kurdish-forces', role: 'target', type: 'armed-group' }], '2'],
    [[{ name: 'Government of Mali', bloc: 'unknown', role: 'participant', type: null }], '1'],
  ])('type of violence of %o is %s', (actors, code) => expect(violenceOf({ ...extracted, type: 'Battles', actors })).toBe(code));
  it.each([
    [-90, -180, 1],
    [-89.9, -179.9, 1],
    [-90, -179.4, 2],
    [-89.5, -180, 721],
    [89.99, 179.99, 259200],
  ])('PRIO-GRID cell of %f, %f is %i', (lat, lon, gid) => expect(priogridCell(lat, lon)).toBe(gid));
});
