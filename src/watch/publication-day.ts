// The day an article was published, from whichever place gives it first: the feed, the page's metadata, a
// <time> element, or the text's own dateline or date stamp. A date is read as written (the day the outlet
// wrote, not shifted to UTC) and must be a day the record takes (input-rules: 1900 to tomorrow).
import { calendarDay, dayOutOfRange } from '../domain/input-rules.js';
import { findHeadlineBreaks } from '../extract/find-headline-breaks.js';
import { normalizeText } from '../extract/normalize-text.js';
import { recognizeHeader } from '../extract/recognize-header.js';

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

/** YYYY-MM-DD for an ISO 8601 or RFC 822 date ("2016-02-14T08:00:00+03:00", "Sun, 14 Feb 2016 08:00:00 GMT"), else null. */
export function dayOf(raw: string | null | undefined, now: Date = new Date()): string | null {
  if (!raw) return null;
  const s = raw.trim();
  let day: string | null = null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])/.exec(s);
  const rfc = /^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})\b/.exec(s);
  if (iso) day = calendarDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  else if (rfc && MONTHS[rfc[2].toLowerCase()]) day = calendarDay(Number(rfc[3]), MONTHS[rfc[2].toLowerCase()], Number(rfc[1]));
  else {
    const t = Date.parse(s);
    if (!Number.isNaN(t)) day = new Date(t).toISOString().slice(0, 10);
  }
  return day && !dayOutOfRange('published', day, now) ? day : null;
}

/** The first of the candidates that reads as a day. */
export function firstDay(candidates: (string | null | undefined)[], now: Date = new Date()): string | null {
  for (const c of candidates) {
    const d = dayOf(c, now);
    if (d) return d;
  }
  return null;
}

/** The dateline's date, else the page's first date stamp, as extraction reads the head of a text. */
export function dayInText(text: string, title: string | null, now: Date = new Date()): string | null {
  const normalized = normalizeText(text.slice(0, 4000));
  const header = recognizeHeader(normalized, { breaks: findHeadlineBreaks(normalized, title) });
  return firstDay([header.dateline?.date, header.stamp], now);
}
