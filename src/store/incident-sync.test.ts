// The weeks an ingest reads again around a report's events.
import { describe, expect, it } from 'vitest';
import { stretches } from './incident-sync.js';

describe('stretches around seed dates', () => {
  it('joins dates within reach of each other into one stretch', () => {
    expect(stretches(['2017-03-04', '2017-03-10'])).toEqual([['2017-02-24', '2017-03-18']]);
  });

  it('keeps dates years apart in stretches of their own, so nothing between is read', () => {
    expect(stretches(['2019-06-01', '2012-01-15'])).toEqual([
      ['2012-01-07', '2012-01-23'],
      ['2019-05-24', '2019-06-09'],
    ]);
  });
});
