import { describe, expect, it } from 'vitest';
import { eventChange } from './event-patch.js';

const strike = { type: 'Explosions/Remote violence', sub_type: 'Air/drone strike', notes: null, date: { start: '2019-03-04', end: '2019-03-04', precision: 'day' as const } };

describe('eventChange', () => {
  it('moves the month with a corrected date, and logs the date before and after', () => {
    const c = eventChange(strike, { date: { start: '2019-02-27', end: '2019-02-27', precision: 'day' } });
    expect(c.set).toEqual({ date_start: '2019-02-27', date_end: '2019-02-27', date_precision: 'day', month: '2019-02' });
    expect(c.changes).toEqual({ date: [{ start: '2019-03-04', end: '2019-03-04', precision: 'day' }, { start: '2019-02-27', end: '2019-02-27', precision: 'day' }] });
  });

  it('clears the month when the date is removed', () => {
    expect(eventChange(strike, { date: null }).set).toEqual({ date_start: null, date_end: null, date_precision: null, month: null });
  });

  it('writes and logs nothing for a value the event already has', () => {
    expect(eventChange(strike, { sub_type: 'Air/drone strike', date: { start: '2019-03-04', end: '2019-03-04', precision: 'day' } })).toEqual({ set: {}, changes: {} });
  });

  it('logs only the fields that change', () => {
    const c = eventChange(strike, { sub_type: 'Shelling/artillery/missile attack', notes: 'the outlet later said artillery', type: strike.type });
    expect(Object.keys(c.changes).sort()).toEqual(['notes', 'sub_type']);
    expect(c.changes.notes).toEqual([null, 'the outlet later said artillery']);
  });
});
