// The rules every door applies to what comes into the record: the command line's ingest and enqueue (text files,
// JSONL batches), the API's POST /api/reports and its query filters, the queue's workers, and the imports of the
// field's datasets (ACLED, UCDP GED). One module, so a value refused at one door is refused at every door, and the
// same on SQLite and PostgreSQL. A value either reads as what it means or comes back as the reason it does not,
// worded for the line that names the file and line (or the field). Pure functions.

export type Checked<T> = T | { error: string };

export const failed = <T>(v: Checked<T>): v is { error: string } => typeof v === 'object' && v !== null && 'error' in v;

/** More deaths than any one coded event holds (the largest, genocide aggregates, are in the hundreds of thousands):
 * a bigger figure is a damaged cell, and would not fit the databases' integer columns either. */
export const MAX_EVENT_DEATHS = 10_000_000;

/** A value as a message quotes it: in double quotes, with line breaks and invisible characters escaped, so a
 * message about a hostile cell stays the one line that names its file and line. */
export function quoted(v: string): string {
  return JSON.stringify(v);
}

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
  if (!Number.isFinite(n)) return { error: `${column} ${quoted(v)} is not a number` };
  if (n < 0 || !Number.isInteger(n)) return { error: `${column} ${quoted(v)} is not a count` };
  if (n > MAX_EVENT_DEATHS) return { error: `${column} ${quoted(v)} is more than any one event's toll (over ${MAX_EVENT_DEATHS.toLocaleString('en')})` };
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
  if (!Number.isFinite(x)) return { error: `${latColumn} ${quoted(a)} is not a number` };
  if (!Number.isFinite(y)) return { error: `${lonColumn} ${quoted(b)} is not a number` };
  if (x < -90 || x > 90) return { error: `${latColumn} ${quoted(a)} is outside -90..90` };
  if (y < -180 || y > 180) return { error: `${lonColumn} ${quoted(b)} is outside -180..180` };
  return { lat: x, lon: y };
}

// C0 controls but tab, line feed and carriage return; DEL; C1 controls. NUL among them: PostgreSQL refuses it in
// text and SQLite keeps it, so it must go before either sees it. Text laid out with tabs and line ends keeps them.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

// Half of a UTF-16 surrogate pair without its other half: no character at all. JSON can spell one ("\ud800"), UTF-8
// (which both databases store) cannot: SQLite kept three bytes that read back as three U+FFFD, PostgreSQL one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text without control characters (see CONTROL), a lone surrogate written as U+FFFD as every UTF-8 writer does. */
export function cleanText(s: string): string {
  return s.replace(CONTROL, '').replace(LONE_SURROGATE, '\ufffd');
}

/** Whether text holds a control character or a lone surrogate, for the API, which refuses rather than silently changes. */
export function hasControl(s: string): boolean {
  return new RegExp(CONTROL.source).test(s) || new RegExp(LONE_SURROGATE.source).test(s);
}

/** Every cell of a dataset row, cleaned. */
export function cleanCells(row: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, cleanText(v)]));
}

/** Text a person could read: at least one letter of any script. Zero-width spaces, marks or punctuation alone are empty. */
export function hasLetters(s: string): boolean {
  return /\p{L}/u.test(s);
}

/** The earliest day the record takes: before it, a date is a damaged cell or a typo (0000-01-01, 1066 for 2066). */
export const EARLIEST_DAY = '1900-01-01';

/** Tomorrow (UTC): the latest day a report can be dated, as somewhere on Earth it already is. */
export function latestDay(now: Date = new Date()): string {
  return new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
}

/** Why a calendar day (YYYY-MM-DD) is outside the record's range, or null when it is inside. */
export function dayOutOfRange(column: string, day: string, now: Date = new Date()): string | null {
  if (day < EARLIEST_DAY) return `${column} ${quoted(day)} is before ${EARLIEST_DAY}`;
  const latest = latestDay(now);
  if (day > latest) return `${column} ${quoted(day)} is after tomorrow (${latest})`;
  return null;
}

/** A publication date as a person or program writes it: YYYY-MM-DD, a day of the calendar, in range. */
export function publishedDate(column: string, raw: string, now: Date = new Date()): Checked<string> {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
  if (!m) return { error: `${column} must be YYYY-MM-DD, got ${quoted(raw)}` };
  const day = calendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
  if (!day) return { error: `${column} ${quoted(raw)} is not a day of the calendar` };
  const out = dayOutOfRange(column, day, now);
  return out ? { error: out } : day;
}

export interface ReportFields {
  text: string;
  published: string | null;
  source: string | null;
  title: string | null;
}

/**
 * A report as it may enter the record, from any door: control characters removed from every field, text that has
 * letters, a publication date in range; empty metadata is null. Or the reason it may not, naming the field.
 */
export function checkReport(r: ReportFields, now: Date = new Date()): Checked<ReportFields> {
  const text = cleanText(r.text);
  if (!hasLetters(text)) return { error: text.trim() ? 'the text has no letters (only spaces, marks or invisible characters): it is empty' : 'the text is empty' };
  const meta = (v: string | null) => {
    const c = v === null ? '' : cleanText(v).trim();
    return c ? c : null;
  };
  const published = meta(r.published);
  if (published !== null) {
    const day = publishedDate('published', published, now);
    if (failed(day)) return day;
  }
  return { text, published, source: meta(r.source), title: meta(r.title) };
}
