// Stage 2b. The parts of a report that are not its story: the page and release template ("For Immediate
// Release", "Download PDF", release numbers, "Posted on ... by ..."), the dateline ("KANDAHAR, Afghanistan
// (March 3, 2012) -", "BEIRUT (Reuters) -") and the closing contact and related-stories lines. Each part is a
// span of the text, so the sentence splitter leaves it out while every character keeps its offset.
// A dateline says where and when the report was filed: its city is not where the event was, its country is a
// hint, and its date anchors "yesterday" and "on Monday".
import type { Span } from '../domain/types.js';
import { readDataJson } from './data-dir.js';
import { foldKey } from './fold-text.js';
import { loadGazetteer, normalizePlaceName } from './gazetteer.js';

export type HeaderPartKind = 'page' | 'stamp' | 'release-number' | 'byline' | 'dateline' | 'contact' | 'footer';

export interface HeaderPart extends Span {
  kind: HeaderPartKind;
  text: string;
}

export interface NamedSpan extends Span {
  text: string;
}

export interface Dateline extends Span {
  /** Where the report was filed ("KANDAHAR"): never the event's place. */
  city: NamedSpan;
  /** The country or region written after the city ("Afghanistan"), with its ISO code when it is a country. */
  country: (NamedSpan & { cc: string | null }) | null;
  agency: string | null;
  /** The dateline's own date (YYYY-MM-DD), when it gives one. */
  date: string | null;
}

export interface ReportHeader {
  parts: HeaderPart[];
  dateline: Dateline | null;
  /** The first date stamp of the page ("Posted on April 4 2017"), YYYY-MM-DD. */
  stamp: string | null;
  /** Where the leading header block ends (0 when there is none): what comes before is headline or header. */
  end: number;
  /** Slash dates read day first (11/02/2019 = 11 February) unless the source writes month first; true when the report has none. */
  dayFirst: boolean;
}

export interface HeaderContext {
  /** Offsets where a headline ends, after which a header may start again. */
  breaks?: number[];
  /** The publication date given with the report, used to complete a date without a year. */
  published?: string | null;
  source?: string | null;
}

interface Boilerplate {
  page: string[];
  stampLabels: string[];
  releaseLabels: string[];
  agencies: string[];
  bylineLeads: string[];
  contactLeads: string[];
  footerLeads: string[];
  monthFirstIssuers: string[];
}

interface Calendar {
  monthWords: Record<string, number>;
  weekdayWords: Record<string, number>;
  yearMin: number;
  yearMax: number;
}

interface Readers {
  months: Record<string, number>;
  yearMin: number;
  yearMax: number;
  agencies: Set<string>;
  page: RegExp;
  stamp: RegExp;
  release: RegExp;
  byline: RegExp;
  city: RegExp;
  region: RegExp;
  dateAt: RegExp;
  anyDate: RegExp;
  closing: RegExp;
  contactLead: RegExp;
  monthFirst: RegExp;
  usWritten: RegExp;
  dayWritten: RegExp;
  midDateline: RegExp;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+').replace(/-/g, '\\s*-+\\s*');
const alt = (list: string[]) => [...list].sort((a, b) => b.length - a.length).map(escape).join('|');
// Word edges that also hold for phrases ending in a dot ("release no.").
const B = '(?<![A-Za-z0-9])';
const E = '(?![A-Za-z0-9])';

let readers: Readers | null = null;

function getReaders(): Readers {
  if (readers) return readers;
  const bp = readDataJson<Boilerplate>('lexicon/boilerplate.json');
  const cal = readDataJson<Calendar>('lexicon/dates.json');
  const month = `(?:${alt(Object.keys(cal.monthWords))})\\.?${E}`;
  const weekday = `(?:${alt(Object.keys(cal.weekdayWords))})\\.?,?`;
  // The date forms a header uses; the groups are read by readDate.
  const date =
    `(?:(\\d{4})-(\\d{1,2})-(\\d{1,2})` + // 2021-06-04
    `|(\\d{1,2})([./-])(\\d{1,2})\\5(\\d{4})` + // 11/02/2019, 24.08.2013, 15-09-2013
    `|(\\d{1,2})(?:st|nd|rd|th)?\\s+(${month})(?:,?\\s+(\\d{4}))?` + // 4 June 2021, 15 Feb
    `|(${month})\\s*(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s*(\\d{4}))?)(?!\\d)`; // June 4, 2021; Feb 15; Apr 152017
  const time = `(?:\\s*,?\\s*(?:at\\s+)?\\d{1,2}[:.]\\d{2}(?:\\s*[ap]\\.?m\\.?)?|\\s+at\\s+\\d{3,4}|\\s+\\d{3,4}(?=\\s*(?:utc|gmt)))?(?:\\s*(?:utc|gmt)(?:\\s*[+-]\\s*\\d{1,2})?)?`;
  const name = "(?:[A-Z][a-z']+(?:-[A-Za-z][a-z']+)*|[A-Z]\\.)";
  const people = `${name}(?:[ \\t]+${name}){1,2}(?:[ \\t]*(?:,|and)[ \\t]*${name}(?:[ \\t]+${name}){1,2})?`;
  // Names are told by their capitals, so only the lead's first letter may be either case.
  const leads = bp.bylineLeads.map((l) => `[${l[0].toUpperCase()}${l[0]}]${escape(l.slice(1))}`).join('|');
  readers = {
    months: cal.monthWords,
    yearMin: cal.yearMin,
    yearMax: cal.yearMax,
    agencies: new Set(bp.agencies),
    page: new RegExp(`${B}(?:${alt(bp.page)})${E}`, 'iy'),
    stamp: new RegExp(`(?:(?:${alt(bp.stampLabels)})\\s*:?\\s*)?(?:${weekday}\\s*)?${date}${time}`, 'iy'),
    release: new RegExp(
      `(?:(?:${alt(bp.releaseLabels)})\\s*:?\\s*[A-Z0-9][A-Z0-9-]{2,30}|\\d{4}-\\d{2}-[A-Z]{2,4}-\\d{2,4}|(?:19|20)\\d{6}-\\d{2,4})${E}`,
      'iy',
    ),
    byline: new RegExp(`(?:${leads})[ \\t]+(${people})`, 'y'),
    // A city: one to three words, all capitals ("KANDAHAR", "NEW YORK") or capitalized ("Beirut").
    city: /(?:[A-Z][A-Z'.-]+(?:[ \t]+[A-Z][A-Z'.-]+){0,2}|[A-Z][a-z'.-]+(?:[ \t]+(?:[A-Z][a-z'.-]+|al|el|de|la)){0,2})(?![A-Za-z])/y,
    region: /,[ \t]*([A-Z][A-Za-z'.-]+(?:[ \t]+[A-Z][A-Za-z'.-]+){0,2})(?![A-Za-z])/y,
    dateAt: new RegExp(`,?[ \\t]*${date}`, 'iy'),
    anyDate: new RegExp(`(?<![A-Za-z0-9])${date}`, 'gi'),
    closing: new RegExp(
      `(?:(?:^|\\n)[ \\t]*((?:${alt([...bp.contactLeads, ...bp.footerLeads])})${E})|[.!?]["')]?[ \\t]+((?:${alt(bp.contactLeads)})${E}))`,
      'gi',
    ),
    contactLead: new RegExp(`^(?:${alt(bp.contactLeads)})`, 'i'),
    monthFirst: new RegExp(`${B}(?:${alt(bp.monthFirstIssuers)})${E}`, 'i'),
    usWritten: new RegExp(`${B}${month}\\s+\\d{1,2},\\s+\\d{4}`, 'i'),
    dayWritten: new RegExp(`${B}\\d{1,2}\\s+${month},?\\s+\\d{4}`, 'i'),
    // "KABUL, Afghanistan (March 3, 2012) -" run in after a headline: a capitals city with a dash is a dateline.
    midDateline: /(?<=\s)[A-Z][A-Z'.-]{2,}(?:[ \t]+[A-Z][A-Z'.-]+){0,2}(?=(?:,[ \t]*[A-Z][A-Za-z]+(?:[ \t]+[A-Z][A-Za-z]+)?)?[ \t]*(?:\([^()\n]{2,40}\)[ \t]*)?-)/g,
  };
  return readers;
}

const DAY_MS = 86_400_000;
const isoDay = (y: number, m: number, d: number): string | null => {
  const t = Date.UTC(y, m - 1, d);
  const x = new Date(t);
  return x.getUTCMonth() === m - 1 && x.getUTCDate() === d ? x.toISOString().slice(0, 10) : null;
};

/** The calendar date of a header date match; a date without a year is the most recent one not after `ref`. */
function readDate(g: RegExpExecArray, at: number, r: Readers, dayFirst: boolean, ref: string | null): string | null {
  const monthOf = (w: string) => r.months[w.toLowerCase().replace(/\.$/, '')];
  let y: number | null = null;
  let m: number;
  let d: number;
  if (g[at]) [y, m, d] = [Number(g[at]), Number(g[at + 1]), Number(g[at + 2])];
  else if (g[at + 3]) {
    const a = Number(g[at + 3]);
    const b = Number(g[at + 5]);
    y = Number(g[at + 6]);
    // A part above 12 decides; dots and dashes are day first; slashes follow the source's convention.
    const dayFirstHere = a > 12 || (b <= 12 && (g[at + 4] !== '/' || dayFirst));
    [d, m] = dayFirstHere ? [a, b] : [b, a];
  } else if (g[at + 7]) [d, m, y] = [Number(g[at + 7]), monthOf(g[at + 8]), g[at + 9] ? Number(g[at + 9]) : null];
  else [m, d, y] = [monthOf(g[at + 10]), Number(g[at + 11]), g[at + 12] ? Number(g[at + 12]) : null];
  if (y !== null) return y >= r.yearMin && y <= r.yearMax ? isoDay(y, m, d) : null;
  const refDay = ref ?? new Date().toISOString().slice(0, 10);
  const ry = Number(refDay.slice(0, 4));
  const same = isoDay(ry, m, d);
  // "(March 3)" in a report of early January is last year's March 3, but a day or two ahead is a time zone.
  if (same && Date.parse(same) - Date.parse(refDay) <= 2 * DAY_MS) return same;
  return isoDay(ry - 1, m, d);
}

function knownPlace(name: string): boolean {
  const found = loadGazetteer().lookup(normalizePlaceName(name));
  return found.length > 0 && found[0].kind !== 'landmark';
}

function sticky(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/** "KANDAHAR, Afghanistan (March 3, 2012) -", "BEIRUT (Reuters) -", "Beirut, Feb 15 (AFP) -", "Aleppo, SANA -". */
function readDateline(text: string, at: number, r: Readers, dayFirst: boolean, ref: string | null): Dateline | null {
  const c = sticky(r.city, text, at);
  if (!c) return null;
  const city: NamedSpan = { start: at, end: at + c[0].length, text: c[0] };
  const caps = c[0] === c[0].toUpperCase();
  const isAgency = (s: string) => r.agencies.has(foldKey(s));
  if (isAgency(c[0]) || r.months[c[0].toLowerCase()] !== undefined) return null;
  let p = city.end;
  let country: Dateline['country'] = null;
  let agency: string | null = null;
  let date: string | null = null;
  const reg = sticky(r.region, text, p);
  if (reg && !isAgency(reg[1]) && r.months[reg[1].toLowerCase().replace(/\.$/, '')] === undefined) {
    const start = p + reg[0].indexOf(reg[1]);
    const place = loadGazetteer().countryByName(reg[1]);
    // "Kukawa, Nigeria Massacre:" is an event's name, not a dateline: what follows the city must be a place.
    if (!place && !knownPlace(reg[1])) return null;
    country = { start, end: start + reg[1].length, text: reg[1], cc: place?.cc ?? null };
    p += reg[0].length;
  } else if (reg && isAgency(reg[1])) {
    agency = reg[1];
    p += reg[0].length;
  }
  const dm = sticky(r.dateAt, text, p);
  if (dm) {
    date = readDate(dm, 1, r, dayFirst, ref);
    p += dm[0].length;
  }
  for (let i = 0; i < 2; i++) {
    const paren = sticky(/,?[ \t]*\(([^()\n]{1,40})\)/y, text, p);
    if (!paren) break;
    const inner = paren[1].trim();
    const pd = sticky(r.dateAt, inner, 0);
    if (pd && pd[0].trim().length >= inner.length - 1) date = readDate(pd, 1, r, dayFirst, ref) ?? date;
    else if (isAgency(inner)) agency = inner;
    else break;
    p += paren[0].length;
  }
  if (!agency) {
    const ag = sticky(/,?[ \t]*([A-Za-z][A-Za-z .]{1,25}?)(?=[ \t]*-)/y, text, p);
    if (ag && isAgency(ag[1])) {
      agency = ag[1];
      p += ag[0].length;
    }
  }
  // A dash that joins words ("ISIS-held") is no separator; "SANA-Gunmen" in run-in copy is.
  const sep = sticky(/[ \t]*(?:-+|:)(?![\da-z])[ \t]*/y, text, p);
  const said = country?.cc || date || agency;
  // "Kunduz-Takhar highway": a dash between words joins them, unless an agency or date stands before it ("Aleppo SANA-").
  if (sep && !said && !/\s/.test(sep[0])) return null;
  // "Mogadishu: ..." names an event as often as a dateline; a capitalized city alone needs a spaced dash.
  if (sep && !said && !caps && !/\s-+\s/.test(sep[0])) return null;
  // Run-in copy loses the dash ("BEIRUT Syrian forces ..."): then only a city in capitals before a capital.
  if (!sep && (!caps || !/^[ \t]+["A-Z0-9]/.test(text.slice(p, p + 3)) || c[0].length < 4)) return null;
  // A lone word before a dash or colon ("Warning:", "NATO -") is a dateline only if it is a place; so is a
  // capitalized name before an agency ("Regional NNA -" is a section label).
  if ((!said || (!caps && !country?.cc)) && !knownPlace(city.text)) return null;
  if (sep) p += sep[0].length;
  return { start: at, end: p, city, country, agency, date };
}

interface Scan {
  parts: HeaderPart[];
  dateline: Dateline | null;
  dates: string[];
  end: number;
}

const SEPARATORS = /[\s|•·*:-]*/y;

/** Header parts from `at` on, one after another, until something that is not header. */
function scanHeader(text: string, at: number, r: Readers, dayFirst: boolean, ref: string | null, datelineSeen: boolean, until = -1): Scan {
  const scan: Scan = { parts: [], dateline: null, dates: [], end: at };
  let p = at;
  const add = (kind: HeaderPartKind, start: number, end: number) => {
    scan.parts.push({ kind, start, end, text: text.slice(start, end) });
    p = end;
  };
  for (let guard = 0; guard < 12 && p < text.length; guard++) {
    const q = p + sticky(SEPARATORS, text, p)![0].length;
    const last = scan.parts[scan.parts.length - 1];
    const stamp = sticky(r.stamp, text, q);
    // "4 June 2021, gunmen ..." and "June 4 saw ..." are a sentence's date, not a stamp.
    const next = text.slice(q + (stamp?.[0].length ?? 0), q + (stamp?.[0].length ?? 0) + 6);
    if (stamp && (!/^(?:\s*,\s*[a-z]|\s+[a-z])/.test(next) || /^\s+by\s/.test(next))) {
      const d = readDate(stamp, 1, r, dayFirst, ref);
      if (d) scan.dates.push(d);
      add('stamp', q, q + stamp[0].trimEnd().length);
      continue;
    }
    const rel = sticky(r.release, text, q);
    if (rel) {
      add('release-number', q, q + rel[0].length);
      continue;
    }
    const page = sticky(r.page, text, q);
    if (page) {
      add('page', q, q + page[0].length);
      continue;
    }
    if (!datelineSeen && !scan.dateline) {
      const dl = readDateline(text, q, r, dayFirst, ref);
      if (dl) {
        scan.dateline = dl;
        add('dateline', q, dl.end);
        // The story starts right after its dateline.
        break;
      }
    }
    const by = sticky(r.byline, text, q);
    if (by) {
      // "Posted on April 4 2017 by Jane Doe": after a stamp, a byline is two names; alone it must end its line.
      const afterStamp = last?.kind === 'stamp' && /^\s*by\s/i.test(text.slice(last.end, q + 4));
      const end = q + by[0].length;
      if (afterStamp) {
        const two = /^\S+\s+\S+\s+\S+/.exec(text.slice(q, end));
        add('byline', q, q + (two ? two[0].length : by[0].length));
        continue;
      }
      if (/^[ \t]*(?:\n|$)/.test(text.slice(end, end + 3))) {
        add('byline', q, end);
        continue;
      }
    }
    break;
  }
  // Template words count only where a break follows them ("Print | Share", "Download PDF" on its own line).
  while (scan.parts.length && scan.parts[scan.parts.length - 1].kind === 'page') {
    const endOf = scan.parts[scan.parts.length - 1].end;
    // Before a dateline found further on, the dateline is that break.
    if (/^[ \t]*(?:[\n|•·:-]|$)/.test(text.slice(endOf, endOf + 2)) || (until >= 0 && /^\s*$/.test(text.slice(endOf, until)))) break;
    scan.parts.pop();
  }
  scan.end = scan.parts.length ? scan.parts[scan.parts.length - 1].end : at;
  return scan;
}

/**
 * With no publication date, a dateline's "(Sept. 14)" takes its year from the header: the first full date there,
 * or a release number that starts with the year and month ("2011-09-CA-123", "20110914-012").
 */
function yearOfHeader(top: string, r: Readers): string | null {
  r.anyDate.lastIndex = 0;
  for (let m = r.anyDate.exec(top); m; m = r.anyDate.exec(top)) {
    if (m[1] || m[7] || m[10] || m[13]) return readDate(m, 1, r, true, null);
  }
  const rel = /(?<!\d)((?:19|20)\d\d)-?(\d\d)(?:-[A-Z]{2,4}-|(\d\d)-)\d{2,4}(?!\d)/.exec(top);
  if (!rel) return null;
  const [y, m] = [Number(rel[1]), Number(rel[2])];
  // A release number without a day stands for the month's last day.
  return rel[3] ? isoDay(y, m, Number(rel[3])) : new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Reads a report's header, dateline and closing lines. Never throws on odd input: it finds nothing instead. */
export function recognizeHeader(text: string, ctx: HeaderContext = {}): ReportHeader {
  const r = getReaders();
  const ref = ctx.published ?? yearOfHeader(text.slice(0, 600), r);
  const top = text.slice(0, 1500);
  // The convention matters only to a report with numeric dates, so only such a report pays for reading it.
  const dayFirst =
    !/\d\/\d{1,2}\/\d/.test(text) ||
    !(r.monthFirst.test(ctx.source ?? '') || r.monthFirst.test(top) || (r.usWritten.test(top) && !r.dayWritten.test(top)));
  const parts: HeaderPart[] = [];
  const dates: string[] = [];
  let dateline: Dateline | null = null;
  let end = 0;
  const take = (s: Scan) => {
    if (!s.parts.length) return;
    parts.push(...s.parts);
    dates.push(...s.dates);
    dateline ??= s.dateline;
    end = Math.max(end, s.end);
  };
  // Where a header may start: the top, after a headline, and at each of the first lines.
  const starts = new Set<number>([0, ...(ctx.breaks ?? [])]);
  const lines = /\n/g;
  for (let m = lines.exec(top), n = 0; m && n < 12; m = lines.exec(top), n++) starts.add(m.index + 1);
  for (const at of [...starts].sort((a, b) => a - b)) {
    if (at < end || at >= text.length || (dateline && at > (dateline as Dateline).start)) continue;
    const scan = scanHeader(text, at, r, dayFirst, ref, dateline !== null);
    // A line that is only partly template is a title or a sentence: keep it unless a dateline ends the header.
    const lineEnd = text.indexOf('\n', at);
    const whole = lineEnd < 0 ? scan.end >= text.trimEnd().length : /^\s*$/.test(text.slice(scan.end, lineEnd));
    if (at === 0 || scan.dateline || whole || (ctx.breaks ?? []).includes(at)) take(scan);
  }
  if (!dateline) {
    const mid = r.midDateline;
    mid.lastIndex = 0;
    for (let m = mid.exec(text.slice(0, 400)); m; m = mid.exec(text.slice(0, 400))) {
      const dl = readDateline(text, m.index, r, dayFirst, ref);
      if (dl) {
        dateline = dl;
        parts.push({ kind: 'dateline', start: dl.start, end: dl.end, text: text.slice(dl.start, dl.end) });
        end = Math.max(end, dl.end);
        // The template run in between the headline and the dateline ("... For Immediate Release KABUL -").
        const head = text.slice(0, dl.start);
        const words = /(?<=\s)\S/g;
        for (let w = words.exec(head); w; w = words.exec(head)) {
          const run = scanHeader(text, w.index, r, dayFirst, ref, true, dl.start);
          if (run.parts.length && /^\s*$/.test(text.slice(run.end, dl.start))) {
            parts.push(...run.parts);
            dates.push(...run.dates);
            break;
          }
        }
        break;
      }
    }
  }
  // The closing block: contact lines and lists of other stories, in the latter part of the text.
  r.closing.lastIndex = Math.floor(text.length * 0.4);
  const close = r.closing.exec(text);
  if (close && close.index >= end) {
    const lead = close[1] ?? close[2];
    const start = close.index + close[0].indexOf(lead);
    const kind = r.contactLead.test(lead) ? 'contact' : 'footer';
    parts.push({ kind, start, end: text.length, text: text.slice(start) });
  }
  parts.sort((a, b) => a.start - b.start);
  return { parts, dateline, stamp: dates[0] ?? null, end, dayFirst };
}

/** The text with the given parts blanked out, every other character at its offset. */
export function blankParts(text: string, parts: Span[]): string {
  if (!parts.length) return text;
  let out = '';
  let at = 0;
  for (const p of parts) {
    if (p.start < at) continue;
    out += text.slice(at, p.start) + text.slice(p.start, p.end).replace(/[^\n]/g, ' ');
    at = p.end;
  }
  return out + text.slice(at);
}
