// Finds date mentions and pins each one to calendar dates, anchored on the publication date.
// chrono-node does the recognizing; our own parsers add news phrasing ("the previous day", "in the past week",
// "in 2013"), and a resolution pass re-anchors everything so that no date lands after publication.
import * as chrono from 'chrono-node';
import { readDataJson } from './data-dir.js';
import type { DateMention, DatePrecision, Sentence } from '../domain/types.js';

interface DateLexicon {
  weekStartsOn: number;
  numberWords: Record<string, number>;
  vagueCounts: Record<string, number>;
  casual: Record<string, number>;
  relativeToPrevious: { phrase: string; offset: number; rule: string }[];
  relativeDirections: Record<string, number>;
  periodLeads: string[];
  pastWords: string[];
  recent: Record<'day' | 'week' | 'month' | 'year', number>;
  yearCues: string[];
  yearMin: number;
  yearMax: number;
  futureCues: string[];
  sinceCues: string[];
  sinceEventVerbs: string[];
  sinceEventReach: number;
  ambiguousMonths: string[];
  monthOnlyCues: string[];
  maxSentenceChars: number;
  monthWords: Record<string, number>;
  triggerStems: string[];
  digitTriggerStems: string[];
  partsOfDay: string[];
  calendarLeads: string[];
  weekendLeads: string[];
}

export interface DateOptions {
  /** Read numeric dates day first (11/02/2019 = 11 February), as most of the world writes them; false for US month-first copy. */
  dayFirst?: boolean;
}

type Unit = 'day' | 'week' | 'month' | 'year' | 'hour';

/** What our own parsers found; carried through chrono as a tag because refiners rebuild results but keep tags. */
type Info =
  | { t: 'casual'; offset: number }
  | { t: 'relative'; offset: number; rule: string }
  | { t: 'past'; n: number; unit: Unit }
  | { t: 'recent'; unit: 'day' | 'week' | 'month' | 'year' }
  | { t: 'calendar'; which: 'this' | 'last'; unit: 'week' | 'month' | 'year' }
  | { t: 'weekend'; which: 'this' | 'last' }
  | { t: 'year'; year: number };

const TAG = 'observatory:';
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------- day arithmetic (UTC day numbers)

const dayOf = (y: number, m: number, d: number) => Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
const iso = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const ymd = (day: number) => {
  const d = new Date(day * DAY_MS);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), wd: d.getUTCDay() };
};
const lastDayOfMonth = (y: number, m: number) => dayOf(y, m + 1, 1) - 1;
const addMonths = (day: number, n: number) => {
  const x = ymd(day);
  const target = dayOf(x.y, x.m + n, 1);
  const t = ymd(target);
  return Math.min(dayOf(t.y, t.m, x.d), lastDayOfMonth(t.y, t.m));
};

// ---------------------------------------------------------------- our chrono parsers

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
const alt = (list: string[]) =>
  [...list]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');

/** A chrono parser that turns a regex match into an Info tag; the dates themselves are computed later. */
class InfoParser implements chrono.Parser {
  constructor(
    private readonly re: RegExp,
    private readonly read: (m: RegExpMatchArray) => Info | null,
  ) {}
  pattern(): RegExp {
    return this.re;
  }
  extract(context: chrono.ParsingContext, match: RegExpMatchArray): chrono.ParsingComponents | null {
    const info = this.read(match);
    if (!info) return null;
    const ref = context.reference.getDateWithAdjustedTimezone();
    // Known values keep chrono's validity filters happy; resolve() ignores them and uses the tag.
    const comp = context.createParsingComponents({
      year: info.t === 'year' ? info.year : ref.getFullYear(),
      month: ref.getMonth() + 1,
      day: ref.getDate(),
    });
    comp.addTag(TAG + JSON.stringify(info));
    return comp;
  }
}

// Word boundaries that also hold at the start of chrono's re-sliced text.
const B = '(?<![A-Za-z0-9])';
const E = '(?![A-Za-z0-9])';

function buildParsers(lx: DateLexicon): chrono.Parser[] {
  const num = `\\d{1,3}|${alt(Object.keys(lx.numberWords))}|${alt(Object.keys(lx.vagueCounts))}`;
  const count = (w: string | undefined): number | null => {
    if (!w) return 1;
    const k = w.toLowerCase().replace(/\s+/g, ' ');
    if (/^\d+$/.test(k)) return Number(k);
    return lx.numberWords[k] ?? lx.vagueCounts[k] ?? null;
  };
  const unitOf = (w: string): Unit => w.toLowerCase().replace(/s$/, '') as Unit;

  const casual = new InfoParser(new RegExp(`${B}(${alt(Object.keys(lx.casual))})${E}`, 'i'), (m) => {
    const off = lx.casual[m[1].toLowerCase().replace(/\s+/g, ' ')];
    return off === undefined ? null : { t: 'casual', offset: off };
  });

  const relPhrases = new Map(lx.relativeToPrevious.map((r) => [r.phrase, r]));
  const relative = new InfoParser(
    new RegExp(
      `${B}(?:(${alt([...relPhrases.keys()])})|(${num})\\s+(days?|weeks?|nights?)\\s+(${alt(Object.keys(lx.relativeDirections))}))${E}`,
      'i',
    ),
    (m) => {
      if (m[1]) {
        const r = relPhrases.get(m[1].toLowerCase().replace(/\s+/g, ' '));
        return r ? { t: 'relative', offset: r.offset, rule: r.rule } : null;
      }
      const n = count(m[2]);
      if (n === null) return null;
      const dir = lx.relativeDirections[m[4].toLowerCase()];
      const days = /^week/i.test(m[3]) ? n * 7 : n;
      return { t: 'relative', offset: dir * days, rule: dir < 0 ? 'days-earlier' : 'days-later' };
    },
  );

  // "in the past week", "over the last 24 hours", "the past few days", "this past week"
  const past = new InfoParser(
    new RegExp(
      `${B}(?:(?:${alt(lx.periodLeads)})\\s+)?(?:the|this)\\s+(${alt(lx.pastWords)})\\s+(?:(${num})\\s+)?(days?|weeks?|months?|years?|hours?)${E}`,
      'i',
    ),
    (m) => {
      // "the previous day" is a day before some date, "the last day" an end; only "the past day" is a window.
      if (!m[2] && /^day$/i.test(m[3]) && !/^past$/i.test(m[1])) return null;
      const n = count(m[2]);
      return n === null ? null : { t: 'past', n, unit: unitOf(m[3]) };
    },
  );

  const recent = new InfoParser(
    new RegExp(`${B}(?:(?:${alt(lx.periodLeads)})\\s+)?recent\\s+(days|weeks|months|years)${E}`, 'i'),
    (m) => ({ t: 'recent', unit: unitOf(m[1]) as 'day' | 'week' | 'month' | 'year' }),
  );

  // "last week", "earlier this month", "late last year" (no "the": with it, it is a rolling window)
  const calendar = new InfoParser(
    new RegExp(`${B}(?:(?:${alt(lx.calendarLeads)})\\s+)?(this|last)\\s+(week|month|year|weekend)${E}`, 'i'),
    (m) => {
      const which = m[1].toLowerCase() as 'this' | 'last';
      const unit = m[2].toLowerCase();
      if (unit === 'weekend') return { t: 'weekend', which };
      return { t: 'calendar', which, unit: unit as 'week' | 'month' | 'year' };
    },
  );

  const weekend = new InfoParser(new RegExp(`${B}(?:${alt(lx.weekendLeads)})\\s+the\\s+weekend${E}`, 'i'), () => ({
    t: 'weekend',
    which: 'this',
  }));

  const year = new InfoParser(
    // The cue stays in the match: chrono discards matches made of digits only.
    new RegExp(`${B}(?:${alt(lx.yearCues)})\\s*((?:19|20|21)\\d\\d)(?![0-9]|[.,:]\\d|\\s*(?:%|per\\s*cent|-))`, 'i'),
    (m) => {
      const y = Number(m[1]);
      return y >= lx.yearMin && y <= lx.yearMax ? { t: 'year', year: y } : null;
    },
  );

  return [relative, past, recent, calendar, weekend, casual, year];
}

// chrono parsers we drop: clock times ("at 5" in casualty text), future-pointing phrases, and the relative
// phrases our own parsers read with news conventions.
const DROPPED_PARSERS = new Set([
  'ENTimeExpressionParser',
  'ENTimeUnitWithinFormatParser',
  'ENTimeUnitLaterFormatParser',
  'ENEndOfCurrentMonthParser',
  'ENCasualDateParser',
  'ENRelativeDateFormatParser',
  'ENTimeUnitCasualRelativeFormatParser',
]);

interface Engine {
  lx: DateLexicon;
  partOfDayRe: RegExp;
  monthWordRe: RegExp;
  chrono: chrono.Chrono;
  yearCueRe: RegExp;
  futureRe: RegExp;
  sinceRe: RegExp;
  sinceEventRe: RegExp;
  lastRe: RegExp;
  monthCueRe: RegExp;
  ambiguousMonths: Set<string>;
  triggerRe: RegExp;
  digitTriggerRe: RegExp;
}

let engine: Engine | null = null;

function getEngine(): Engine {
  if (engine) return engine;
  const lx = readDataJson<DateLexicon>('lexicon/dates.json');
  const c = chrono.en.casual.clone();
  c.parsers = [...buildParsers(lx), ...c.parsers.filter((p) => !DROPPED_PARSERS.has(p.constructor.name))];
  engine = {
    lx,
    // "the night of March 3": chrono would fold the date into a time of day and lose it, so it reads the date alone.
    partOfDayRe: new RegExp(`${B}(?:${alt(lx.partsOfDay)})\\s+of\\s+(?=[A-Za-z]*\\.?\\s*\\d|\\d|${alt(Object.keys(lx.monthWords))})`, 'gi'),
    monthWordRe: new RegExp(`(?<![A-Za-z])(?:${alt(Object.keys(lx.monthWords))})(?![a-z])\\.?`, 'i'),
    chrono: c,
    yearCueRe: new RegExp(`${B}(?:${alt(lx.yearCues)})\\s*$`, 'i'),
    futureRe: new RegExp(`${B}(?:${alt(lx.futureCues)})\\s*$`, 'i'),
    sinceRe: new RegExp(`${B}(?:${alt(lx.sinceCues)})\\s+$`, 'i'),
    // "since <something> began ... <date>": no other "since" or sentence break in between.
    sinceEventRe: new RegExp(
      `${B}(?:${alt(lx.sinceCues)})\\s[^;:]*?${B}(?:${alt(lx.sinceEventVerbs)})${E}[^;:]*$`,
      'i',
    ),
    lastRe: /(?<![A-Za-z0-9])last\s+$/i,
    monthCueRe: new RegExp(`${B}(?:${alt(lx.monthOnlyCues)})\\s*$`, 'i'),
    ambiguousMonths: new Set(lx.ambiguousMonths),
    // Cheap gate: a sentence with none of these cannot hold a date, so chrono is not run on it.
    triggerRe: new RegExp(lx.triggerStems.map(escape).join('|'), 'i'),
    // A number alone ("5 killed") dates nothing: digits count only as a digit date or beside a word read with them.
    digitTriggerRe: new RegExp(`\\d[-./\\s]\\d|\\d{4}|${lx.digitTriggerStems.map(escape).join('|')}`, 'i'),
  };
  return engine;
}

// ---------------------------------------------------------------- resolution

interface Resolved {
  start: number;
  end: number;
  precision: DatePrecision;
  rule: string;
}

interface Ctx {
  pub: number;
  /** The last day-precision date mentioned so far, the anchor for "the previous day". */
  lastDay: number | null;
  lx: DateLexicon;
  dayFirst: boolean;
}

function infoOf(comp: chrono.ParsedComponents): Info | null {
  for (const tag of comp.tags()) {
    if (tag.startsWith(TAG)) return JSON.parse(tag.slice(TAG.length)) as Info;
  }
  return null;
}

const weekStart = (day: number, startsOn: number) => day - ((ymd(day).wd - startsOn + 7) % 7);

function resolveInfo(info: Info, ctx: Ctx): Resolved | null {
  const { pub, lx } = ctx;
  switch (info.t) {
    case 'casual':
      return { start: pub + info.offset, end: pub + info.offset, precision: 'day', rule: 'casual-relative-to-publication' };
    case 'relative': {
      const anchor = ctx.lastDay ?? pub;
      const d = anchor + info.offset;
      const rule = ctx.lastDay === null ? `${info.rule}-from-publication` : info.rule;
      return { start: d, end: d, precision: 'day', rule };
    }
    case 'past': {
      let start: number;
      if (info.unit === 'hour') start = pub - Math.max(1, Math.ceil(info.n / 24));
      else if (info.unit === 'day') start = pub - info.n;
      else if (info.unit === 'week') start = pub - 7 * info.n;
      else if (info.unit === 'month') start = addMonths(pub, -info.n);
      else start = addMonths(pub, -12 * info.n);
      const precision: DatePrecision = info.unit === 'week' && info.n === 1 ? 'week' : 'range';
      return { start, end: pub, precision, rule: `past-${info.unit}` };
    }
    case 'recent':
      return { start: pub - lx.recent[info.unit], end: pub, precision: 'range', rule: `recent-${info.unit}s` };
    case 'calendar': {
      const p = ymd(pub);
      if (info.unit === 'week') {
        const ws = weekStart(pub, lx.weekStartsOn);
        if (info.which === 'last') return { start: ws - 7, end: ws - 1, precision: 'week', rule: 'last-calendar-week' };
        // A report filed on the first day of a week means the week just ending by "this week".
        const start = ws === pub ? pub - 6 : ws;
        return { start, end: pub, precision: 'week', rule: 'this-calendar-week' };
      }
      if (info.unit === 'month') {
        if (info.which === 'last') {
          const s = dayOf(p.y, p.m - 1, 1);
          const x = ymd(s);
          return { start: s, end: lastDayOfMonth(x.y, x.m), precision: 'month', rule: 'last-calendar-month' };
        }
        return { start: dayOf(p.y, p.m, 1), end: pub, precision: 'month', rule: 'this-calendar-month' };
      }
      if (info.which === 'last') return { start: dayOf(p.y - 1, 1, 1), end: dayOf(p.y - 1, 12, 31), precision: 'year', rule: 'last-calendar-year' };
      return { start: dayOf(p.y, 1, 1), end: pub, precision: 'year', rule: 'this-calendar-year' };
    }
    case 'weekend': {
      // The most recent Saturday..Sunday that has begun by publication.
      const wd = ymd(pub).wd;
      let sat = pub - ((wd - 6 + 7) % 7);
      if (info.which === 'last' && (wd === 0 || wd === 6)) sat -= 7;
      return { start: sat, end: Math.min(sat + 1, pub), precision: 'range', rule: 'weekend' };
    }
    case 'year':
      return { start: dayOf(info.year, 1, 1), end: dayOf(info.year, 12, 31), precision: 'year', rule: 'year' };
  }
}

/** Dates for chrono's own components, with the year chosen as the most recent past one when the text leaves it out. */
function resolveComponents(
  comp: chrono.ParsedComponents,
  text: string,
  before: string,
  ctx: Ctx,
  eng: Engine,
): Resolved | null {
  const { pub } = ctx;
  const p = ymd(pub);
  const known = (k: chrono.Component) => comp.isCertain(k);
  const monthWord = eng.monthWordRe.exec(text);
  // "a march", "may have": month words used as plain words are written in lower case.
  if (monthWord && /^[a-z]/.test(monthWord[0])) return null;

  if (comp.tags().has('result/relativeDate')) {
    // "three days ago", "two weeks ago": chrono counted back from publication.
    const day = dayOf(comp.get('year')!, comp.get('month')!, comp.get('day')!);
    if (/\bweeks?\b/i.test(text)) return { start: day - 3, end: Math.min(day + 3, pub), precision: 'week', rule: 'ago' };
    if (/\bmonths?\b/i.test(text)) return { start: day - 15, end: Math.min(day + 15, pub), precision: 'range', rule: 'ago' };
    if (/\byears?\b/i.test(text)) return { start: day - 182, end: Math.min(day + 182, pub), precision: 'range', rule: 'ago' };
    return { start: day, end: day, precision: 'day', rule: 'ago' };
  }
  if (known('month') && known('day')) {
    let m = comp.get('month')!;
    let d = comp.get('day')!;
    // chrono reads 11/02 month first; where day comes first it is 11 February (a part above 12 decides alone).
    const slash = /(\d{1,2})\/(\d{1,2})/.exec(text);
    if (ctx.dayFirst && slash && Number(slash[1]) <= 12 && Number(slash[2]) <= 12) [d, m] = [Number(slash[1]), Number(slash[2])];
    if (known('year')) {
      const day = dayOf(comp.get('year')!, m, d);
      return { start: day, end: day, precision: 'day', rule: 'absolute' };
    }
    let day = dayOf(p.y, m, d);
    if (day > pub) day = dayOf(p.y - 1, m, d);
    return { start: day, end: day, precision: 'day', rule: 'month-day-most-recent-past' };
  }
  if (known('month')) {
    const m = comp.get('month')!;
    if (known('year')) {
      const y = comp.get('year')!;
      return { start: dayOf(y, m, 1), end: lastDayOfMonth(y, m), precision: 'month', rule: 'month-year' };
    }
    // "March"/"May" alone are verbs and nouns too: only read them as months after a cue ("in May", "since March").
    const word = monthWord?.[0].toLowerCase().replace(/\.$/, '') ?? '';
    if (eng.ambiguousMonths.has(word) && !eng.monthCueRe.test(before)) return null;
    if (eng.futureRe.test(before)) return null;
    let y = p.y;
    if (m > p.m || (m === p.m && eng.lastRe.test(before))) y--;
    return { start: dayOf(y, m, 1), end: lastDayOfMonth(y, m), precision: 'month', rule: 'month-most-recent-past' };
  }
  if (known('weekday') && !known('day')) {
    const lower = text.toLowerCase();
    if (/\bnext\b|\bcoming\b/.test(lower) || eng.futureRe.test(before)) return null;
    const wd = comp.get('weekday')!;
    let day = pub - ((p.wd - wd + 7) % 7);
    if (/\b(last|past)\b/.test(lower) && day === pub) day -= 7;
    if (/\blast\s+week\b/.test(lower)) {
      const ws = weekStart(pub, ctx.lx.weekStartsOn) - 7;
      day = ws + ((wd - ctx.lx.weekStartsOn + 7) % 7);
    }
    return { start: day, end: day, precision: 'day', rule: 'weekday-on-or-before-publication' };
  }
  if (known('year') && known('month')) {
    const y = comp.get('year')!;
    const m = comp.get('month')!;
    return { start: dayOf(y, m, 1), end: lastDayOfMonth(y, m), precision: 'month', rule: 'month-year' };
  }
  if (known('year')) {
    const y = comp.get('year')!;
    return { start: dayOf(y, 1, 1), end: dayOf(y, 12, 31), precision: 'year', rule: 'year' };
  }
  // Only a time of day ("in the morning"): no date in it.
  return null;
}

function resolveResult(r: chrono.ParsedResult, sentenceText: string, ctx: Ctx, eng: Engine): Resolved | null {
  const before = sentenceText.slice(Math.max(0, r.index - 40), r.index);
  // A slash date without a year ("5/6") is more often a score or a fraction in this text.
  if (r.start.tags().has('parser/SlashDateFormatParser') && !r.start.isCertain('year')) return null;
  const info = infoOf(r.start);
  const startRes = info ? resolveInfo(info, ctx) : resolveComponents(r.start, r.text, before, ctx, eng);
  if (!startRes) return null;
  if (r.end) {
    const endInfo = infoOf(r.end);
    const endRes = endInfo ? resolveInfo(endInfo, ctx) : resolveComponents(r.end, r.text, before, ctx, eng);
    if (endRes && endRes.end >= startRes.start) {
      return { start: startRes.start, end: endRes.end, precision: 'range', rule: `${startRes.rule}-range` };
    }
  }
  return startRes;
}

const checkYear = (day: number, lx: DateLexicon) => {
  const y = ymd(day).y;
  return y >= lx.yearMin && y <= lx.yearMax;
};

/**
 * Date mentions in the given sentences, resolved against the publication date (YYYY-MM-DD), sorted by start.
 * No mention ends after publication: ranges are cut at it and wholly future dates are dropped.
 * Never throws: an unreadable sentence (or publication date) yields nothing.
 */
export function recognizeDates(text: string, sentences: Sentence[], published: string, opts: DateOptions = {}): DateMention[] {
  const out: DateMention[] = [];
  if (typeof text !== 'string' || !Array.isArray(sentences) || typeof published !== 'string') return out;
  const pm = /^(\d{4})-(\d{2})-(\d{2})/.exec(published);
  if (!pm) return out;
  const pub = dayOf(Number(pm[1]), Number(pm[2]), Number(pm[3]));
  if (!Number.isFinite(pub)) return out;
  const eng = getEngine();
  const ctx: Ctx = { pub, lastDay: null, lx: eng.lx, dayFirst: opts.dayFirst ?? true };
  // Noon UTC, so no timezone can push the reference onto another day.
  const reference = { instant: new Date(pub * DAY_MS + DAY_MS / 2), timezone: 0 };

  const ordered = [...sentences].sort((a, b) => a.start - b.start);
  for (const s of ordered) {
    try {
      const start = Math.max(0, Math.min(text.length, s.start | 0));
      const end = Math.max(start, Math.min(text.length, s.end | 0));
      const sentenceText = text.slice(start, end);
      if (sentenceText.length === 0 || sentenceText.length > eng.lx.maxSentenceChars) continue;
      if (!eng.triggerRe.test(sentenceText) && !(/\d/.test(sentenceText) && eng.digitTriggerRe.test(sentenceText))) continue;
      const parsed = sentenceText.includes(' of ') ? sentenceText.replace(eng.partOfDayRe, (m) => ' '.repeat(m.length)) : sentenceText;
      const results = eng.chrono.parse(parsed, reference);
      for (const r of results) {
        const res = resolveResult(r, sentenceText, ctx, eng);
        if (!res || !Number.isFinite(res.start) || !Number.isFinite(res.end)) continue;
        if (res.start > pub || !checkYear(res.start, eng.lx)) continue;
        let mStart = start + r.index;
        // chrono sometimes takes the comma or bracket after a date ("In May, ...").
        const trimmed = r.text.replace(/[\s,;:()\[\]]+$/, '');
        const mEnd = mStart + trimmed.length;
        let { rule, precision } = res;
        let endDay = Math.min(res.end, pub);
        // "since March 2011": from then until the report.
        const before = sentenceText.slice(Math.max(0, r.index - 12), r.index);
        const since = eng.sinceRe.exec(before);
        if (/^since\s/i.test(r.text)) {
          endDay = pub;
          rule = 'since';
        } else if (since) {
          mStart -= before.length - since.index;
          endDay = pub;
          rule = 'since';
        } else if (eng.sinceEventRe.test(sentenceText.slice(Math.max(0, r.index - eng.lx.sinceEventReach), r.index))) {
          endDay = pub;
          rule = 'since-event-began';
        }
        out.push({
          start: mStart,
          end: mEnd,
          text: text.slice(mStart, mEnd),
          sentence: s.index,
          date: { start: iso(res.start), end: iso(endDay), precision },
          rule,
        });
        if (precision === 'day') ctx.lastDay = res.start;
      }
    } catch {
      // One bad sentence must not sink the report.
    }
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}
