import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';

describe('durations as a desk writes them', () => {
  it.each([
    ['90s', 90],
    ['10m', 600],
    ['1h30m', 5400],
    ['2d', 172_800],
    ['0.5s', 0.5],
    ['45', 45],
    [' 10M ', 600],
  ])('%s is %d seconds', (raw, seconds) => expect(parseDuration(raw)).toBe(seconds));

  it.each(['', 'ten minutes', '10x', '-5m', 'm10', '10m5'])('"%s" is no duration', (raw) => expect(parseDuration(raw)).toBeNull());

  it.each([
    [600, '10m'],
    [5400, '1h30m'],
    [86_400, '1d'],
    [45, '45s'],
    [0, '0s'],
  ])('%d seconds reads back as %s', (seconds, text) => expect(formatDuration(seconds)).toBe(text));
});
