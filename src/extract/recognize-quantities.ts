// Finds number expressions (exact, bounded, vague, unknown) in report sentences.
// Works on a token list per sentence so every step is a bounded look-ahead: linear time, no regex backtracking.
import { readDataJson } from './data-dir.js';
import { foldKey } from './fold-text.js';
import type { Quantity, Sentence } from '../domain/types.js';

type Kind = Quantity['kind'];
type Unit = NonNullable<Quantity['unit']>;
type Formula = 'n' | 'n+1' | 'n-1' | null;

interface BoundEntry {
  phrase: string;
  kind: Kind;
  low: Formula;
  high: Formula;
  attached?: boolean;
}

interface Lexicon {
  numberWords: {
    units: Record<string, number>;
    teens: Record<string, number>;
    tens: Record<string, number>;
    scales: Record<string, number>;
    digitScales: Record<string, number>;
    articles: string[];
    dozen: string;
    singles: string[];
  };
  oneExceptionsAfter: string[];
  oneExceptionsBefore: string[];
  boundPrefixes: BoundEntry[];
  notBoundBeforeUnits: Record<string, Unit[]>;
  boundSuffixes: BoundEntry[];
  rangeConnectors: string[];
  rangeOpeners: Record<string, string>;
  vague: { pattern: string; low: number | null; high: number | null }[];
  manyExceptionsBefore: string[];
  unknown: string[];
  units: {
    percent: string[];
    currencyBefore: string[];
    currencyAfter: string[];
    distance: string[];
    duration: string[];
    ageBefore: string[];
    ageAfter: string[];
    time: string[];
    ordinalSuffixes: string[];
    yearMin: number;
    yearMax: number;
    yearCuesBefore: string[];
    monthNames: string[];
    yearEventNouns?: string[];
  };
}

interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  num: boolean;
}

/** One step of a phrase pattern: any of `alts`, possibly skippable. */
interface Step {
  alts: Set<string>;
  optional: boolean;
}

interface Pattern<T> {
  steps: Step[];
  data: T;
}

/** Patterns grouped by the tokens they can start with, longest first, so each token only tries its own few. */
type PatternIndex<T> = Map<string, Pattern<T>[]>;

function compile(pattern: string): Step[] {
  return pattern
    .trim()
    .split(/\s+/)
    .map((tok) => {
      const optional = tok.length > 1 && tok.endsWith('?');
      const body = optional ? tok.slice(0, -1) : tok;
      return { alts: new Set(body.split('|')), optional };
    });
}

function buildIndex<T>(entries: { pattern: string; data: T }[]): PatternIndex<T> {
  const index: PatternIndex<T> = new Map();
  for (const e of entries) {
    const steps = compile(e.pattern);
    const p: Pattern<T> = { steps, data: e.data };
    const firsts = new Set<string>();
    for (const s of steps) {
      for (const a of s.alts) firsts.add(a);
      if (!s.optional) break;
    }
    for (const f of firsts) {
      const list = index.get(f) ?? [];
      list.push(p);
      index.set(f, list);
    }
  }
  for (const list of index.values()) list.sort((a, b) => b.steps.length - a.steps.length);
  return index;
}

/** Token index after the pattern matched at `i`, or -1. Patterns are a handful of steps, so the branching is bounded. */
function matchSteps(steps: Step[], toks: Token[], i: number, k = 0): number {
  if (k === steps.length) return i;
  const step = steps[k];
  if (i < toks.length && step.alts.has(toks[i].lower)) {
    const r = matchSteps(steps, toks, i + 1, k + 1);
    if (r >= 0) return r;
  }
  return step.optional ? matchSteps(steps, toks, i, k + 1) : -1;
}

function matchIndex<T>(index: PatternIndex<T>, toks: Token[], i: number): { end: number; data: T } | null {
  const t = toks[i];
  if (!t) return null;
  const list = index.get(t.lower);
  if (!list) return null;
  let best: { end: number; data: T } | null = null;
  for (const p of list) {
    const end = matchSteps(p.steps, toks, i);
    if (end > i && (!best || end > best.end)) best = { end, data: p.data };
  }
  return best;
}

interface Compiled {
  lex: Lexicon;
  unknown: PatternIndex<null>;
  vague: PatternIndex<{ low: number | null; high: number | null }>;
  prefixes: PatternIndex<BoundEntry>;
  suffixes: PatternIndex<BoundEntry>;
  percent: PatternIndex<null>;
  currencyAfter: PatternIndex<null>;
  distance: PatternIndex<null>;
  duration: Set<string>;
  ageAfter: PatternIndex<null>;
  time: PatternIndex<null>;
  currencyBefore: Set<string>;
  ageBefore: Set<string>;
  yearCues: Set<string>;
  months: Set<string>;
  eventNouns: Set<string>;
  ordinal: Set<string>;
  oneAfter: Set<string>;
  oneBefore: Set<string>;
  manyBefore: Set<string>;
  connectors: Set<string>;
  singles: PatternIndex<null>;
  /** Every word that can open an expression; other words are skipped without further work. */
  starters: Set<string>;
}

function load(): Compiled {
  const lex = readDataJson<Lexicon>('lexicon/quantities.json');
  const plain = (list: string[]) => buildIndex(list.map((p) => ({ pattern: p, data: null })));
  const u = lex.units;
  const nw = lex.numberWords;
  const unknown = plain(lex.unknown);
  const vague = buildIndex(lex.vague.map((v) => ({ pattern: v.pattern, data: { low: v.low, high: v.high } })));
  const prefixes = buildIndex(lex.boundPrefixes.map((b) => ({ pattern: b.phrase, data: b })));
  const singles = plain(nw.singles);
  const starters = new Set<string>([
    ...unknown.keys(),
    ...vague.keys(),
    ...prefixes.keys(),
    ...singles.keys(),
    ...Object.keys(nw.units),
    ...Object.keys(nw.teens),
    ...Object.keys(nw.tens),
    ...nw.articles,
    ...Object.keys(lex.rangeOpeners),
    'half',
  ]);
  return {
    lex,
    unknown,
    vague,
    prefixes,
    suffixes: buildIndex(lex.boundSuffixes.map((b) => ({ pattern: b.phrase, data: b }))),
    percent: plain(u.percent),
    currencyAfter: plain(u.currencyAfter),
    distance: plain(u.distance),
    duration: new Set(u.duration),
    ageAfter: plain(u.ageAfter),
    time: plain(u.time),
    currencyBefore: new Set(u.currencyBefore.filter((c) => !c.includes(' '))),
    ageBefore: new Set(u.ageBefore),
    yearCues: new Set(u.yearCuesBefore),
    months: new Set(u.monthNames),
    eventNouns: new Set(u.yearEventNouns ?? []),
    ordinal: new Set(u.ordinalSuffixes),
    oneAfter: new Set(lex.oneExceptionsAfter),
    oneBefore: new Set(lex.oneExceptionsBefore),
    manyBefore: new Set(lex.manyExceptionsBefore),
    connectors: new Set(lex.rangeConnectors),
    singles,
    starters,
  };
}

let compiled: Compiled | null = null;
function lexicon(): Compiled {
  return (compiled ??= load());
}

// Digits with separators, a (Latin-script) word with inner apostrophes, or one other character.
// Kept free of Unicode property classes and look-aheads: those made tokenizing five times slower.
const TOKEN_RE = /\d+(?:[.,:]\d+)*|[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z\u00C0-\u024F]+)*|\S/g;
const NT_RE = /n['’]t$/i;
const isAsciiLetter = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

function tokenize(text: string, offset: number): Token[] {
  const toks: Token[] = [];
  const n = text.length;
  let pos = 0;
  while (pos < n) {
    // Plain ASCII words, digit runs and marks are read by hand; what may join on (a separator, an apostrophe, a
    // letter beyond ASCII) goes to TOKEN_RE, which decides alone.
    const c = text.charCodeAt(pos);
    if (c < 128) {
      if (c === 32 || (c >= 9 && c <= 13)) {
        pos++;
        continue;
      }
      const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
      const digit = c >= 48 && c <= 57;
      let end = pos + 1;
      let joins = false;
      if (letter) {
        while (end < n && isAsciiLetter(text.charCodeAt(end))) end++;
        const d = end < n ? text.charCodeAt(end) : 32;
        joins = d === 39 || d === 0x2019 || (d >= 0xc0 && d <= 0x24f);
      } else if (digit) {
        while (end < n && isDigit(text.charCodeAt(end))) end++;
        const d = end < n ? text.charCodeAt(end) : 32;
        joins = d === 46 || d === 44 || d === 58;
      }
      if (!joins) {
        const t = text.slice(pos, end);
        const start = offset + pos;
        toks.push({ text: t, lower: letter ? t.toLowerCase() : t, start, end: start + t.length, num: digit });
        pos = end;
        continue;
      }
    }
    TOKEN_RE.lastIndex = pos;
    const m = TOKEN_RE.exec(text);
    if (m === null) break;
    pos = m.index + m[0].length;
    const t = m[0];
    const first = t.charCodeAt(0);
    const start = offset + m.index;
    const lower = foldKey(t);
    // "wasn't" reads as "was" + "n't" so negation patterns see one token for "not".
    if (t.length > 3 && NT_RE.test(t)) {
      const cut = t.length - 3;
      toks.push({ text: t.slice(0, cut), lower: foldKey(t.slice(0, cut)), start, end: start + cut, num: false });
      toks.push({ text: t.slice(cut), lower: "n't", start: start + cut, end: start + t.length, num: false });
      continue;
    }
    toks.push({ text: t, lower, start, end: start + t.length, num: isDigit(first) });
  }
  return toks;
}

const adjacent = (a: Token | undefined, b: Token | undefined) => !!a && !!b && a.end === b.start;

interface NumParse {
  value: number;
  /** Token index just after the number. */
  end: number;
  /** "a dozen" and friends: a point value said loosely. */
  approx: boolean;
  /** Plain integer digits with no separator, so it can be a year. */
  yearLike: boolean;
  /** Written with a colon: a clock time. */
  clock: boolean;
  /** The lone word "one", which has idiomatic uses. */
  loneOne: boolean;
}

const PLAIN_RE = /^\d+(?:\.\d+)?$/;
const GROUPED_RE = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const CLOCK_RE = /^\d{1,2}:\d{2}$/;

function parseDigits(c: Compiled, toks: Token[], i: number): NumParse | null {
  const t = toks[i];
  if (CLOCK_RE.test(t.text)) {
    return { value: Number(t.text.split(':')[0]), end: i + 1, approx: false, yearLike: false, clock: true, loneOne: false };
  }
  let value: number;
  if (PLAIN_RE.test(t.text)) value = Number(t.text);
  else if (GROUPED_RE.test(t.text)) value = Number(t.text.replace(/,/g, ''));
  else return null; // "2.1.3", "1,5": versions, lists, not counts
  let end = i + 1;
  const yearLike = /^\d{4}$/.test(t.text);
  const next = toks[end];
  if (next) {
    const scale = c.lex.numberWords.digitScales[next.lower];
    if (scale) {
      value = Math.round(value * scale);
      end++;
    }
  }
  return { value, end, approx: false, yearLike: yearLike && end === i + 1, clock: false, loneOne: false };
}

function parseWords(c: Compiled, toks: Token[], i: number): NumParse | null {
  const nw = c.lex.numberWords;
  const w0 = toks[i].lower;
  const mk = (value: number, end: number, approx = false, loneOne = false): NumParse => ({
    value,
    end,
    approx,
    yearLike: false,
    clock: false,
    loneOne,
  });
  if (w0 === 'half' && toks[i + 1]?.lower === 'a' && toks[i + 2]?.lower === nw.dozen) return mk(6, i + 3, true);
  const single = matchIndex(c.singles, toks, i);
  if (single) return mk(1, single.end);

  let j = i;
  let total = 0;
  let cur = 0;
  let last: 'unit' | 'teen' | 'tens' | 'hundred' | 'scale' | null = null;
  let approx = false;
  let end = -1;
  if (nw.articles.includes(w0)) {
    const n = toks[i + 1]?.lower;
    if (!n || !(nw.scales[n] || n === nw.dozen)) return null;
    cur = 1;
    last = 'unit';
    j = i + 1;
  }
  while (j < toks.length) {
    const w = toks[j].lower;
    if (w in nw.units) {
      if (last === 'unit' || last === 'teen') break;
      cur += nw.units[w];
      last = 'unit';
    } else if (w in nw.teens || w in nw.tens) {
      if (last !== null && last !== 'hundred' && last !== 'scale') break;
      cur += nw.teens[w] ?? nw.tens[w];
      last = w in nw.teens ? 'teen' : 'tens';
    } else if (w === 'hundred') {
      if (cur === 0 || cur >= 100) break;
      cur *= 100;
      last = 'hundred';
    } else if (w in nw.scales) {
      if (cur === 0) break;
      total += cur * nw.scales[w];
      cur = 0;
      last = 'scale';
    } else if (w === nw.dozen) {
      if (cur === 0 || last === 'hundred' || last === 'scale') break;
      cur *= 12;
      approx = true;
      end = j + 1;
      break;
    } else if (w === '-' && last === 'tens' && adjacent(toks[j - 1], toks[j]) && adjacent(toks[j], toks[j + 1]) && toks[j + 1].lower in nw.units) {
      j++;
      continue;
    } else if (w === 'and' && (last === 'hundred' || last === 'scale')) {
      const n = toks[j + 1]?.lower;
      if (n === undefined || !(n in nw.units || n in nw.teens || n in nw.tens)) break;
      j++;
      continue;
    } else break;
    j++;
    end = j;
  }
  if (end < 0) return null;
  const value = total + cur;
  if (value === 0) return null;
  return mk(value, end, approx, end === i + 1 && w0 === 'one');
}

function parseNumber(c: Compiled, toks: Token[], i: number): NumParse | null {
  const t = toks[i];
  if (!t) return null;
  if (t.num) {
    // Digits glued to a preceding word are model names, not counts ("T-72", "A320"), except "mid-2013".
    const prev = toks[i - 1];
    if (adjacent(prev, t)) {
      if (/^[a-z\u00C0-\u024F]/.test(prev.lower)) return null;
      if (prev.lower === '-' && adjacent(toks[i - 2], prev) && /^[a-z\u00C0-\u024F]/.test(toks[i - 2].lower) && toks[i - 2].lower !== 'mid') return null;
    }
    if (prev && (prev.lower === '.' || prev.lower === ',') && adjacent(toks[i - 2], prev) && toks[i - 2].num) return null;
    return parseDigits(c, toks, i);
  }
  return parseWords(c, toks, i);
}

interface Core {
  startTok: number;
  endTok: number;
  low: number | null;
  best: number | null;
  high: number | null;
  kind: Kind;
  /** Token range of the (last) number, for unit look-around. */
  first: NumParse;
  firstTok: number;
  last: NumParse;
}

/** A number or a range of two numbers at token i. */
function parseCore(c: Compiled, toks: Token[], i: number, allowRange: boolean): Core | null {
  const t = toks[i];
  if (!t) return null;
  const closer = allowRange ? c.lex.rangeOpeners[t.lower] : undefined;
  if (closer) {
    const a = parseNumber(c, toks, i + 1);
    if (a && toks[a.end]?.lower === closer) {
      const b = parseNumber(c, toks, a.end + 1);
      if (b && b.value > a.value && !a.clock && !b.clock) {
        return { startTok: i, endTok: b.end, low: a.value, best: null, high: b.value, kind: 'approximate', first: a, firstTok: i + 1, last: b };
      }
    }
    return null;
  }
  const a = parseNumber(c, toks, i);
  if (!a) return null;
  if (a.loneOne) {
    if (c.oneAfter.has(toks[a.end]?.lower ?? '') || c.oneBefore.has(toks[i - 1]?.lower ?? '')) return null;
  }
  const conn = toks[a.end];
  if (allowRange && conn && c.connectors.has(conn.lower) && !a.clock) {
    const b = parseNumber(c, toks, a.end + 1);
    const dash = conn.lower.length === 1;
    // "20-30" must be written tight (or spaced on both sides); "2011-12" style short ends are not ranges.
    if (b && b.value > a.value && !b.clock && (!dash || adjacent(conn, toks[a.end + 1]) === adjacent(toks[a.end - 1], conn))) {
      return { startTok: i, endTok: b.end, low: a.value, best: null, high: b.value, kind: 'approximate', first: a, firstTok: i, last: b };
    }
  }
  const kind: Kind = a.approx ? 'approximate' : 'exact';
  return {
    startTok: i,
    endTok: a.end,
    low: a.approx ? null : a.value,
    best: a.value,
    high: a.approx ? null : a.value,
    kind,
    first: a,
    firstTok: i,
    last: a,
  };
}

function applyFormula(f: Formula, n: number): number | null {
  if (f === null) return null;
  if (f === 'n+1') return n + 1;
  if (f === 'n-1') return n - 1;
  return n;
}

/** Classifies what the number counts (if not people/things) and widens the span over the unit words. */
function findUnit(
  c: Compiled,
  toks: Token[],
  core: Core,
  startTok: number,
): { unit: Unit | undefined; startTok: number; endTok: number } {
  let end = core.endTok;
  const a = core.first;
  const b = core.last;
  const numTok = toks[core.endTok - 1];
  const after = toks[end];
  const before = toks[startTok - 1];
  const beforeNum = toks[core.firstTok - 1];
  const res = (unit: Unit | undefined, s = startTok, e = end) => ({ unit, startTok: s, endTok: e });

  if (a.clock || b.clock) {
    const m = matchIndex(c.time, toks, end);
    return res('time', startTok, m ? m.end : end);
  }
  if (after && numTok.num && adjacent(numTok, after) && c.ordinal.has(after.lower)) return res('ordinal', startTok, end + 1);
  let m = matchIndex(c.percent, toks, end);
  if (m) return res('percent', startTok, m.end);
  m = matchIndex(c.ageAfter, toks, end);
  if (m) return res('age', startTok, m.end);
  if (before && c.ageBefore.has(before.lower)) return res('age', startTok - 1, end);
  if (beforeNum && c.currencyBefore.has(beforeNum.lower)) {
    let s = core.firstTok - 1;
    if (toks[s - 1]?.lower === 'us' && adjacent(toks[s - 1], toks[s])) s--;
    // Currency sits between a bound and its number ("more than $5"); otherwise the span starts at the symbol.
    return res('money', Math.min(s, startTok), end);
  }
  m = matchIndex(c.currencyAfter, toks, end);
  if (m) return res('money', startTok, m.end);
  m = matchIndex(c.time, toks, end);
  if (m && (after.lower !== 'am' || b.value <= 12)) return res('time', startTok, m.end);
  if (after && c.distance.get(after.lower)) {
    // A lone "m" is metres only when glued to the digits ("500m").
    if (after.lower !== 'm' || adjacent(numTok, after)) {
      m = matchIndex(c.distance, toks, end);
      if (m) return res('distance', startTok, m.end);
    }
  }
  {
    let k = end;
    if (toks[k]?.lower === '-' && adjacent(numTok, toks[k])) k++;
    if (toks[k] && c.duration.has(toks[k].lower)) return res('duration', startTok, k + 1);
  }
  // A day of the month ("January 26", "26 January") is a date, which we flag as a time.
  if (a === b && Number.isInteger(a.value) && a.value >= 1 && a.value <= 31 && numTok.num) {
    // "Dec. 28": an abbreviated month keeps its full stop.
    const monthBefore = beforeNum && (c.months.has(beforeNum.lower) || (beforeNum.lower === '.' && c.months.has(toks[core.firstTok - 2]?.lower ?? '')));
    if (monthBefore || (after && c.months.has(after.lower))) return res('time', startTok, end);
  }
  const u = c.lex.units;
  const isYear = (n: NumParse) => n.yearLike && n.value >= u.yearMin && n.value <= u.yearMax;
  if (isYear(a) && isYear(b)) {
    // "1990s"
    if (after && adjacent(numTok, after) && after.lower === 's') return res('year', startTok, end + 1);
    // "the 2011 killing of five women": a year names the event it dates.
    const theYear = beforeNum?.lower === 'the' && !!after && c.eventNouns.has(after.lower);
    const cue = beforeNum && (theYear || c.yearCues.has(beforeNum.lower) || c.months.has(beforeNum.lower) || beforeNum.lower === '-' || beforeNum.lower === ',');
    const cue2 = before && (c.yearCues.has(before.lower) || c.months.has(before.lower));
    // Standing alone: nothing count-like follows (end of sentence, punctuation, a capitalised word).
    const alone = !after || !/^[a-z\u00DF-\u00FF]/.test(after.text);
    if (cue || cue2 || alone) return res('year', startTok, end);
  }
  return res(undefined, startTok, end);
}

const NO_BOUNDS: ReadonlySet<Unit> = new Set<Unit>(['year', 'time', 'ordinal']);

function scanSentence(c: Compiled, text: string, toks: Token[], sentence: number, out: Quantity[]): void {
  const emit = (s: number, e: number, low: number | null, best: number | null, high: number | null, kind: Kind, unit?: Unit) => {
    const start = toks[s].start;
    const end = toks[e - 1].end;
    const q: Quantity = { start, end, text: text.slice(start, end), low, best, high, kind, sentence };
    if (unit) q.unit = unit;
    out.push(q);
  };

  let i = 0;
  while (i < toks.length) {
    const t = toks[i];
    if (!t.num && !c.starters.has(t.lower)) {
      i++;
      continue;
    }
    // 1. "exact numbers were not known": a count that exists but is not given.
    const unk = matchIndex(c.unknown, toks, i);
    if (unk) {
      emit(i, unk.end, null, null, null, 'unknown');
      i = unk.end;
      continue;
    }
    // 2. A bound word followed by a number.
    const pre = matchIndex(c.prefixes, toks, i);
    if (pre) {
      const core = parseCore(c, toks, pre.end, true);
      if (core) {
        const unit = findUnit(c, toks, core, i);
        const barred = (unit.unit && NO_BOUNDS.has(unit.unit)) || (unit.unit && c.lex.notBoundBeforeUnits[pre.data.phrase]?.includes(unit.unit));
        if (!barred && core.best === null) {
          // "about 20-30": the range already says how loose it is; the bound word only joins the span.
          emit(Math.min(i, unit.startTok), unit.endTok, core.low, null, core.high, 'approximate', unit.unit);
          i = unit.endTok;
          continue;
        }
        if (!barred && core.best !== null) {
          const n = core.best;
          const b = pre.data;
          emit(Math.min(i, unit.startTok), unit.endTok, applyFormula(b.low, n), n, applyFormula(b.high, n), b.kind, unit.unit);
          i = unit.endTok;
          continue;
        }
      }
    }
    // 3. Vague words: "dozens of", "several".
    const vg = matchIndex(c.vague, toks, i);
    if (vg && !(t.lower === 'many' && c.manyBefore.has(toks[i - 1]?.lower ?? ''))) {
      // "several days", "a few hours": a vague duration, not a count.
      const nx = toks[vg.end];
      const dur = !!nx && c.duration.has(nx.lower);
      const end = dur ? vg.end + 1 : vg.end;
      emit(i, end, vg.data.low, null, vg.data.high, 'vague', dur ? 'duration' : undefined);
      i = end;
      continue;
    }
    // 4. A number or a range, maybe with a trailing bound ("50 or more", "50-plus").
    const core = parseCore(c, toks, i, true);
    if (core) {
      let endTok = core.endTok;
      let { low, best, high, kind } = core;
      if (core.best !== null && core.kind === 'exact') {
        const suf = matchIndex(c.suffixes, toks, endTok);
        if (suf && (!suf.data.attached || adjacent(toks[endTok - 1], toks[endTok]))) {
          const n = core.best;
          low = applyFormula(suf.data.low, n);
          high = applyFormula(suf.data.high, n);
          kind = suf.data.kind;
          endTok = suf.end;
        }
      }
      const unit = endTok === core.endTok ? findUnit(c, toks, core, i) : { unit: undefined, startTok: i, endTok };
      emit(unit.startTok, unit.endTok, low, best, high, kind, unit.unit);
      i = unit.endTok;
      continue;
    }
    i++;
  }
}

/**
 * Every number expression in the given sentences, with offsets into `text`, sorted by start.
 * Never throws: a sentence that cannot be read is skipped.
 */
export function recognizeQuantities(text: string, sentences: Sentence[]): Quantity[] {
  const out: Quantity[] = [];
  if (typeof text !== 'string' || !Array.isArray(sentences)) return out;
  const c = lexicon();
  for (const s of sentences) {
    try {
      const start = Math.max(0, Math.min(text.length, s.start | 0));
      const end = Math.max(start, Math.min(text.length, s.end | 0));
      if (end === start) continue;
      const toks = tokenize(text.slice(start, end), start);
      scanSentence(c, text, toks, s.index, out);
    } catch {
      // A malformed sentence must not sink the whole report.
    }
  }
  out.sort((a, b) => a.start - b.start);
  return withoutNumericDates(text, out);
}

// "23-04-2016", "16.04.2017", "4/23/2016": a date written in digits is no count of anything.
const NUMERIC_DATE = /\b\d{1,4}[-./]\d{1,2}[-./]\d{2,4}\b/g;

function withoutNumericDates(text: string, found: Quantity[]): Quantity[] {
  const dates: Array<[number, number]> = [];
  NUMERIC_DATE.lastIndex = 0;
  for (let m = NUMERIC_DATE.exec(text); m; m = NUMERIC_DATE.exec(text)) dates.push([m.index, m.index + m[0].length]);
  if (dates.length === 0) return found;
  return found.filter((q) => !dates.some(([s, e]) => q.start < e && q.end > s));
}
