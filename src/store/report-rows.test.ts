import { describe, expect, it } from 'vitest';
import { fatalitiesBest, reportRows, textHash } from './report-rows.js';
import { handMadeReport } from '../../test/store/hand-made.js';

describe('reportRows', () => {
  it('keys everything on the hash of the normalized text', () => {
    const input = handMadeReport('Syrian army forces captured towns south of Damascus on Sunday, killing 12 rebels, the Observatory said.');
    const rows = reportRows(input, '2026-01-01T00:00:00Z');
    expect(rows.report.hash).toBe(textHash(input.text));
    expect(rows.report.id).toBe(`r${rows.report.hash.slice(0, 16)}`);
    expect(rows.events.map((e) => e.id)).toEqual([`${rows.report.id}-e1`]);
    expect(rows.eventClaims).toEqual([{ event_id: `${rows.report.id}-e1`, claim_id: `${rows.report.id}-c1`, claimant_id: 'claimant:syrian-observatory-for-human-rights', role: 'basis' }]);
    expect(rows.events[0]).toMatchObject({ month: '2015-02', admin1_key: 'rural damascus', country_key: 'syria', fatalities_best: 12, perpetrator_actor: 'Syrian army' });
    expect(rows.sources.map((s) => s.id).sort()).toEqual(['claimant:syrian-observatory-for-human-rights', 'outlet:reuters']);
  });
  it('sums best, else low, and knows when nothing was counted', () => {
    expect(fatalitiesBest([{ group: 'a', low: 50, best: null, high: null, kind: 'lower-bound' }, { group: 'b', low: 43, best: 43, high: 43, kind: 'exact' }])).toBe(93);
    expect(fatalitiesBest([{ group: 'a', low: null, best: null, high: null, kind: 'unknown' }])).toBeNull();
  });
});
