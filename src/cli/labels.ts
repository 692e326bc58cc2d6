// How a date span and a place are shown in the command line's tables, the same in every command.

/** "2017-03-04", or "2017-03-01..2017-03-07" for a span. */
export const dateSpan = (start: string | null, end: string | null): string => (start === end || !end ? start ?? '' : `${start}..${end}`);

/** "Atarib, Aleppo, Syria"; a name told at region or country level once ("Syria", not "Syria, Syria"). */
export const placeName = (location: string | null, admin1: string | null, country: string | null): string =>
  [...new Set([location, admin1, country].filter((x): x is string => Boolean(x)))].join(', ');
