// Reading both sides of a comparison: one name for a country or region however the record, ACLED and GED spell
// it; the days each precision code allows; and a matching file that names only types the datasets have.
import { describe, expect, it } from 'vitest';
import { readDataJson } from '../extract/data-dir.js';
import type { ExportedEvent } from '../store/store.js';
import { loadMatching, MATCHING_FILE, PlaceKeys, SideReader, windowAround } from './dataset-sides.js';

const places = new PlaceKeys();
const day = (iso: string) => Date.parse(iso) / 86_400_000;
const iso = (d: number) => new Date(d * 86_400_000).toISOString().slice(0, 10);

describe('one key per place, however each side spells it', () => {
  it.each([
    ['the record', 'Syria', 'ACLED', 'Syria'],
    ['the record', 'Syria', 'an official name', 'Syrian Arab Republic'],
    ['the record', 'Yemen', 'GED, with its former name', 'Yemen (North Yemen)'],
    ['the record', 'Democratic Republic of the Congo', 'GED', 'DR Congo (Zaire)'],
    ['the record', 'Democratic Republic of the Congo', 'ACLED', 'Democratic Republic of Congo'],
    ['the record', 'Myanmar', 'GED', 'Myanmar (Burma)'],
  ])('%s\'s "%s" is %s\'s "%s"', (_a, ours, _b, theirs) => {
    expect(places.country(theirs)).toBe(places.country(ours));
  });

  it('keeps two countries apart', () => {
    expect(places.country('Syria')).not.toBe(places.country('Iraq'));
  });

  it.each([
    ['Idlib', 'Idleb'],
    ['Idlib', 'Idlib governorate'],
    ['Rural Damascus', 'Rif Dimashq governorate'],
    ['Aleppo', 'Halab governorate'],
    ['Deir ez-Zor', 'Deir-ez-Zor'],
    ['Hasakeh', 'Al Hasakeh'],
  ])('the record\'s region "%s" is the datasets\' "%s"', (ours, theirs) => {
    const sy = places.country('Syria');
    expect(places.admin1(sy, theirs)).toBe(places.admin1(sy, ours));
  });

  it('keeps Hama and Homs apart, and a region the gazetteer lacks is still compared by its name', () => {
    const sy = places.country('Syria');
    expect(places.admin1(sy, 'Hama')).not.toBe(places.admin1(sy, 'Homs'));
    expect(places.admin1(sy, 'Nowhere Province')).toBe(places.admin1(sy, 'Nowhere'));
  });
});

describe('the days a precision code allows', () => {
  const span = (w: Parameters<typeof windowAround>[1], d: string) => windowAround(day(d), w).map(iso);

  it.each([
    ['the day', 'day' as const, '2017-03-04', ['2017-03-04', '2017-03-04']],
    ['three days either side', { days: 3 }, '2017-03-01', ['2017-02-26', '2017-03-04']],
    ['the calendar month, February of a common year', 'month' as const, '2017-02-15', ['2017-02-01', '2017-02-28']],
    ['the calendar year', 'year' as const, '2017-06-30', ['2017-01-01', '2017-12-31']],
  ])('%s', (_what, w, d, expected) => {
    expect(span(w, d)).toEqual(expected);
  });

  const event = (over: Partial<ExportedEvent>): ExportedEvent => ({
    id: 'e',
    origin: 'acled',
    external_id: 'SYR1',
    report_id: null,
    type: 'Battles',
    sub_type: 'Armed clash',
    date_start: '2017-03-15',
    date_end: '2017-03-15',
    date_precision: 'day',
    country: 'Syria',
    admin1: 'Idleb',
    admin2: null,
    location: 'Saraqab',
    lat: 35.86,
    lon: 36.8,
    geo_precision: 'exact',
    weapon: null,
    fatalities_best: 3,
    perpetrator_actor: null,
    perpetrator_bloc: null,
    source: 'SOHR',
    actors: [],
    claimants: [],
    notes: null,
    scope: 'incident',
    fatalities: [],
    acled: null,
    columns: null,
    ...over,
  });
  const coding = (time: string | null, geo: string | null) => ({ assoc_actor_1: null, inter1: null, actor2: null, assoc_actor_2: null, inter2: null, interaction: null, time_precision: time, geo_precision: geo, source_scale: null });
  const acled = new SideReader('acled', {});
  const ucdp = new SideReader('ucdp', {});
  const days = (x: { firstDay: number | null; lastDay: number | null }) => [iso(x.firstDay!), iso(x.lastDay!)];

  it('reads ACLED time_precision 2 as the week around the date, 3 as its month', () => {
    expect(days(acled.event(event({ acled: coding('1', '1') })))).toEqual(['2017-03-15', '2017-03-15']);
    expect(days(acled.event(event({ acled: coding('2', '1') })))).toEqual(['2017-03-12', '2017-03-18']);
    expect(days(acled.event(event({ acled: coding('3', '1') })))).toEqual(['2017-03-01', '2017-03-31']);
  });

  it('reads ACLED geo_precision 3 as the region only, and 1 as a point', () => {
    expect(acled.event(event({ acled: coding('1', '3') }))).toMatchObject({ point: false, admin1: places.admin1(places.country('Syria'), 'Idlib') });
    expect(acled.event(event({ acled: coding('1', '1') }))).toMatchObject({ point: true });
  });

  it('reads GED by its own start and end dates when they differ, else by date_prec', () => {
    const ged = (start: string, end: string, prec: string) =>
      event({ origin: 'ucdp', date_start: start, date_end: end, columns: { date_prec: prec, where_prec: '1', type_of_violence: '1' } });
    expect(days(ucdp.event(ged('2017-03-10', '2017-03-16', '3')))).toEqual(['2017-03-10', '2017-03-16']);
    expect(days(ucdp.event(ged('2017-03-10', '2017-03-10', '4')))).toEqual(['2017-03-01', '2017-03-31']);
    expect(ucdp.event(ged('2017-03-10', '2017-03-10', '1')).kind).toBe('1');
  });

  it('places nothing for a GED event known only to its country', () => {
    const e = ucdp.event(event({ origin: 'ucdp', admin1: null, columns: { date_prec: '1', where_prec: '6', type_of_violence: '1' } }));
    expect(e).toMatchObject({ point: false, admin1: null });
  });
});

describe('the matching file', () => {
  const file = loadMatching();
  const taxonomy = readDataJson<{ acled: { eventTypes: { event_type: string; sub_event_types: string[] }[] } }>('lexicon/triggers.json').acled.eventTypes;
  const types = taxonomy.map((t) => t.event_type);
  const subTypes = taxonomy.flatMap((t) => t.sub_event_types);

  it(`gives every Observatory event type a line for ACLED and for GED (${MATCHING_FILE})`, () => {
    expect(Object.keys(file.acled.types).sort()).toEqual([...types].sort());
    expect(Object.keys(file.ucdp.types).sort()).toEqual([...types].sort());
  });

  it('names only sub-types Observatory has, ACLED event types that exist and GED types of violence 1 to 3', () => {
    for (const d of ['acled', 'ucdp'] as const) for (const k of Object.keys(file[d].sub_types)) expect(subTypes).toContain(k);
    for (const list of [...Object.values(file.acled.types), ...Object.values(file.acled.sub_types)]) for (const t of list) expect(types).toContain(t);
    for (const list of [...Object.values(file.ucdp.types), ...Object.values(file.ucdp.sub_types)]) for (const t of list) expect(['1', '2', '3']).toContain(t);
  });

  it('lets every type be coded as itself by ACLED, and keeps protests apart from air strikes', () => {
    for (const t of types) expect(file.acled.types[t]).toContain(t);
    expect(file.acled.types.Protests).not.toContain('Explosions/Remote violence');
    expect(file.acled.types['Explosions/Remote violence']).not.toContain('Protests');
  });
});
