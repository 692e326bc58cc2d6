// Re-reading a report keeps what people decided: a table of stored events, fresh events, and what survives.
import { describe, expect, it } from 'vitest';
import { carryCorrections, type StoredEvent } from './carry-corrections.js';
import type { EventsTable } from './schema.js';

const row = (id: string, over: Partial<EventsTable> = {}): EventsTable => ({
  id, report_id: 'r', origin: 'extracted', external_id: null, type: 'Explosions/Remote violence', sub_type: 'Shelling/artillery/missile attack',
  date_start: '2019-05-13', date_end: '2019-05-13', date_precision: 'day', month: '2019-05', country: 'Syria', country_key: 'syria', admin1: 'Idlib', admin1_key: 'idlib',
  admin2: null, location: 'Ariha', place_id: 'p', lat: 35.8, lon: 36.6, geo_precision: 'town', weapon: null, fatalities_best: 7, fatalities: '[]', perpetrator_actor: null,
  perpetrator_actor_id: null, perpetrator_bloc: 'pro-government', actors: '[]', scope: 'incident', sentence: 'Shelling killed seven in Ariha.', span_start: 0, span_end: 30, source: null, notes: null,
  ...over,
});
const stored = (r: EventsTable, corrected: StoredEvent['corrected'] = {}, decided = false): StoredEvent => ({ row: r, corrected, decided });

describe('carrying corrections onto a fresh reading', () => {
  it('keeps the id of an event read again from the same span, and takes the engine\'s new reading of what nobody corrected', () => {
    const c = carryCorrections([stored(row('r-e1'))], [row('r-e1', { fatalities_best: 8 })]);
    expect(c.events.map((e) => [e.id, e.fatalities_best])).toEqual([['r-e1', 8]]);
    expect(c).toMatchObject({ kept: 1, added: 0, gone: [], changed: 0, conflicts: [], heldBack: false });
  });

  it("keeps an analyst's corrected field, with no conflict when the engine reads it as before", () => {
    const before = row('r-e1', { sub_type: 'Air/drone strike' });
    const c = carryCorrections([stored(before, { sub_type: 'Shelling/artillery/missile attack' })], [row('r-e1')]);
    expect(c.events[0].sub_type).toBe('Air/drone strike');
    expect(c.conflicts).toEqual([]);
  });

  it('lists a conflict when the engine now reads a corrected field otherwise, and still keeps the analyst\'s value', () => {
    const corrected = row('r-e1', { date_start: '2019-05-12', date_end: '2019-05-12', month: '2019-05' });
    const c = carryCorrections([stored(corrected, { date: { start: '2019-05-10', end: '2019-05-10', precision: 'day' } })], [row('r-e1')]);
    expect(c.events[0].date_start).toBe('2019-05-12');
    expect(c.conflicts).toEqual([{ event: 'r-e1', field: 'date', engineBefore: { start: '2019-05-10', end: '2019-05-10', precision: 'day' }, engineNow: { start: '2019-05-13', end: '2019-05-13', precision: 'day' }, kept: { start: '2019-05-12', end: '2019-05-12', precision: 'day' } }]);
  });

  it('matches on the sentence when the span moved, and numbers a new event clear of the stored ids', () => {
    const old = row('r-e1', { span_start: 5, span_end: 40 });
    const fresh = [row('r-e1', { span_start: 0, span_end: 20, sentence: 'Another sentence.', sub_type: 'Armed clash' }), row('r-e2')];
    const c = carryCorrections([stored(old)], fresh);
    expect(c.events.map((e) => e.id)).toEqual(['r-e1-2', 'r-e1']);
    expect(c).toMatchObject({ kept: 1, added: 1, gone: [] });
  });

  it('lets an event nobody decided about go when the engine no longer reads it', () => {
    const c = carryCorrections([stored(row('r-e1')), stored(row('r-e2', { span_start: 50, span_end: 80, sentence: 'A misread.' }))], [row('r-e1')]);
    expect(c).toMatchObject({ gone: ['r-e2'], heldBack: false, conflicts: [] });
  });

  it('holds the report back when an event someone corrected or reviewed is no longer read', () => {
    const gone = row('r-e2', { span_start: 50, span_end: 80, sentence: 'A clash north of the town.', sub_type: 'Armed clash' });
    for (const s of [stored(gone, { notes: null }), stored(gone, {}, true)]) {
      const c = carryCorrections([stored(row('r-e1')), s], [row('r-e1')]);
      expect(c.heldBack).toBe(true);
      expect(c.conflicts).toEqual([{ event: 'r-e2', field: 'event', engineBefore: 'Armed clash', engineNow: null, kept: 'Armed clash' }]);
    }
  });
});
