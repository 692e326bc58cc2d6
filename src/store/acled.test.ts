import { describe, expect, it } from 'vitest';
import { acledDate, acledRowFor, geoPrecision, interaction, interCode, missingAcledColumns, readAcledRow, timePrecision, writeNotes } from './acled.js';
import type { ExportedEvent } from './store.js';

const base: ExportedEvent = {
  id: 'r1-e1', origin: 'extracted', external_id: null, report_id: 'r1', type: 'Battles', sub_type: 'Government regains territory',
  date_start: '2015-02-15', date_end: '2015-02-15', date_precision: 'day', country: 'Syria', admin1: 'Rural Damascus', admin2: null,
  location: 'south of Damascus', lat: 33.41234567, lon: 36.3, geo_precision: 'near', weapon: null, fatalities_best: 0,
  perpetrator_actor: 'Syrian army', perpetrator_bloc: 'pro-government', source: 'Reuters',
  actors: [{ name: 'Syrian army', bloc: 'pro-government', role: 'perpetrator', type: null }], claimants: ['Abu Gaiath'], notes: null, acled: null,
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
  it('codes an unknown initiator as ACLED does', () => {
    const r = acledRowFor({ ...base, actors: [], perpetrator_actor: null, perpetrator_bloc: null });
    expect([r.actor1, r.inter1]).toEqual(['Unidentified Armed Group (Syria)', '3']);
  });
});

describe('reading ACLED rows', () => {
  it.each([['2015-02-15', '2015-02-15'], ['15 February 2015', '2015-02-15'], ['5-Feb-2015', '2015-02-05'], ['Feb 2015', null], ['2015-13-45', null]])('date %s is %s', (s, d) => expect(acledDate(s)).toBe(d));
  it('names what is wrong with a row', () => {
    expect(readAcledRow({ event_id_cnty: 'X1', event_date: '2015-02-15', event_type: 'Battles', country: 'Syria', latitude: 'north' })).toEqual({ error: 'latitude "north" is not a number' });
    expect(readAcledRow({ event_id_cnty: '', event_date: '2015-02-15' })).toEqual({ error: 'event_id_cnty is empty' });
    expect(readAcledRow({ event_id_cnty: 'X1', event_date: '2015-02-15', event_type: 'Battles', country: 'Syria', fatalities: '2.5' })).toEqual({ error: 'fatalities "2.5" is not a count' });
  });
  it('reports the required columns a header lacks', () => expect(missingAcledColumns(['event_id_cnty', 'Event_Date', 'notes'])).toEqual(['event_type', 'country']));
});
