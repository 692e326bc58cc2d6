import { describe, expect, it } from 'vitest';
import { agrees, trackRecords } from './track-record.js';

const claim = (incident: string, claimant: string, figure: number | null, published: string | null, verifiedBest = 20) => ({ incident, verifiedBest, claimant, figure, published });

describe('a claimant\'s track record on verified incidents', () => {
  it('counts a figure within a tenth of the verified best (or one death) as agreeing', () => {
    expect([agrees(20, 20), agrees(22, 20), agrees(23, 20), agrees(3, 2), agrees(4, 2)]).toEqual([true, true, false, true, false]);
  });

  it('tells the monitor that keeps agreeing from the ministry that does not, and who reported first', () => {
    const records = trackRecords([
      claim('i1', 'monitor', 20, '2016-03-01'),
      claim('i1', 'ministry', 95, '2016-03-02'),
      claim('i2', 'monitor', 11, '2016-04-02', 12),
      claim('i2', 'ministry', 12, '2016-04-01', 12),
      claim('i3', 'monitor', null, '2016-05-01'),
    ]);
    expect(records).toEqual([
      { claimant: 'monitor', incidents: 2, agreed: 2, first: 1, agreement: 1 },
      { claimant: 'ministry', incidents: 2, agreed: 1, first: 1, agreement: 0.5 },
    ]);
  });

  it('says nothing about a claimant that gave no number', () => {
    expect(trackRecords([claim('i1', 'witness', null, '2016-03-01')])).toEqual([]);
  });
});
