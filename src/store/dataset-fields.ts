// Checks shared by the readers of the field's datasets (ACLED, UCDP GED): a value either reads as what its column
// means or comes back as the reason it does not, worded for the line the importer prints. Pure functions.

export type Checked<T> = T | { error: string };

export const failed = <T>(v: Checked<T>): v is { error: string } => typeof v === 'object' && v !== null && 'error' in v;

/** More deaths than any one coded event holds (the largest, genocide aggregates, are in the hundreds of thousands):
 * a bigger figure is a damaged cell, and would not fit the databases' integer columns either. */
export const MAX_EVENT_DEATHS = 10_000_000;

/** YYYY-MM-DD for a day that exists on the calendar (no 30 February), else null. */
export function calendarDay(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > last) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** An ISO date, optionally followed by a time of day as database dumps write it ("2016-03-07 00:00:00.000"). */
export function isoDay(s: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(s.trim());
  return m ? calendarDay(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** A count of people: empty is null; words, fractions, negatives and absurd sizes are refused. */
export function count(column: string, raw: string): Checked<number | null> {
  const v = raw.trim();
  if (!v) return null;
  const n = Number(v);
  if (!Number.isFinite(n)) return { error: `${column} "${v}" is not a number` };
  if (n < 0 || !Number.isInteger(n)) return { error: `${column} "${v}" is not a count` };
  if (n > MAX_EVENT_DEATHS) return { error: `${column} "${v}" is more than any one event's toll (over ${MAX_EVENT_DEATHS.toLocaleString('en')})` };
  return n;
}

/** Latitude and longitude together, in range; both empty is an event without coordinates. */
export function coordinates(latColumn: string, lat: string, lonColumn: string, lon: string): Checked<{ lat: number | null; lon: number | null }> {
  const a = lat.trim();
  const b = lon.trim();
  if (!a && !b) return { lat: null, lon: null };
  if (!a || !b) return { error: `${a ? latColumn : lonColumn} is given without ${a ? lonColumn : latColumn}` };
  const x = Number(a);
  const y = Number(b);
  if (!Number.isFinite(x)) return { error: `${latColumn} "${a}" is not a number` };
  if (!Number.isFinite(y)) return { error: `${lonColumn} "${b}" is not a number` };
  if (x < -90 || x > 90) return { error: `${latColumn} "${a}" is outside -90..90` };
  if (y < -180 || y > 180) return { error: `${lonColumn} "${b}" is outside -180..180` };
  return { lat: x, lon: y };
}

/** A NUL character: PostgreSQL refuses it in text, so the row is refused on both databases alike. */
export function nulColumn(row: Record<string, string>): string | null {
  for (const [k, v] of Object.entries(row)) if (v.includes('\u0000')) return k;
  return null;
}
