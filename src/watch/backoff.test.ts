import { describe, expect, it } from 'vitest';
import { nextDueAfterFailure, nextDueAfterSuccess } from './backoff.js';

const T0 = new Date('2024-06-01T12:00:00Z');
const minutesAfter = (d: Date) => (d.getTime() - T0.getTime()) / 60_000;

describe('when a source is due again', () => {
  it('one interval after the poll began, when it went well', () => {
    expect(minutesAfter(nextDueAfterSuccess(T0, 600))).toBe(10);
  });

  it.each([
    [1, 20],
    [2, 40],
    [3, 80],
    [6, 640],
    [20, 1440],
  ])('after %d failures in a row of a 10-minute source: %d minutes (a day at most)', (failures, minutes) => {
    expect(minutesAfter(nextDueAfterFailure(T0, 600, failures))).toBe(minutes);
  });

  it('a source polled less than daily backs off from its own interval', () => {
    expect(minutesAfter(nextDueAfterFailure(T0, 2 * 86_400, 3))).toBe(2 * 1440);
  });

  it("never sooner than the site's Retry-After, never later because of it than the back-off", () => {
    expect(minutesAfter(nextDueAfterFailure(T0, 60, 1, 7200))).toBe(120);
    expect(minutesAfter(nextDueAfterFailure(T0, 600, 3, 30))).toBe(80);
  });
});
