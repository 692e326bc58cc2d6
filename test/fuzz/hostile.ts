// What careless and hostile writers put in front of the record, as fast-check arbitraries: text in every script
// and none, control and invisible characters, bidirectional overrides, emoji, lone surrogates, markup, formulas,
// absurd numbers and dates, and long runs of one sentence up to the 200,000 characters a report may hold.
// Shared by the short seeded run in `npm test` (test/fuzz/fuzz.test.ts) and the long one (`npm run fuzz`).
import fc from 'fast-check';

export const CONTROL = ['\u0000', '\u0001', '\u0007', '\b', '\u001b', '\u007f', '\u0085', '\u009b', '\u009f', '\f', '\v'];
export const LINE_ENDS = ['\n', '\r\n', '\r', '\t', '\u2028', '\u2029'];
export const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u034f', '\u180e', '\u3000', '\u00a0'];
export const BIDI = ['\u200e', '\u200f', '\u061c', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
export const RTL = ['حلب', 'دمشق', 'قتل خمسة مدنيين في حلب', 'ירושלים', 'נהרגו שלושה אנשים', 'کابل', 'ܣܘܪܝܐ', '٣٠ قتيلا'];
export const EMOJI = ['💥', '🇸🇾', '👨‍👩‍👧‍👦', '🏳️‍🌈', '☠️', '🔥🔥🔥', '👍🏽', '🧨'];
export const MARKS = ['\u0301', '\u0308\u0301\u0323', 'e\u0301', 'Z\u0351\u0352\u0353\u0354\u0355', '\u0e49\u0e49\u0e49'];
export const SURROGATES = ['\ud800', '\udfff', '\udc00\ud800', 'a\ud83d'];
export const FORMULAS = ['=HYPERLINK("http://example.invalid","x")', '@SUM(1+1)', '+1+2', '-2+3', "=cmd|' /C calc'!A0", '\t=1', '\r=1'];
export const MARKUP = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '&amp;&#0;&#x110000;&bogus;',
  '<!--',
  "'; drop table reports; --",
  '" OR 1=1 --',
  '%00%27',
  '../../etc/passwd',
  '${7*7}{{7*7}}',
  '\\u0000',
  '[object Object]',
  '__proto__',
];
export const NUMBERS = [
  '0',
  '-5',
  '2.5',
  '1e20',
  '100000000000000000000',
  '9,999,999,999',
  '3 billion',
  'twelve million',
  '1.5 million',
  'dozens of',
  'NaN',
  'Infinity',
  '0x1F',
  '١٢',
  '1/2',
  '10^20',
  '007',
  '5-10',
  'between 3 and 300',
  'more than 1,000,000',
  '10,000,001',
  '2147483648',
];
export const DATES = [
  'on 5 May 2016',
  'on 30 February 2016',
  'on 0000-01-01',
  'on 9999-12-31',
  'on 2016-13-45',
  'last Monday',
  'yesterday',
  'on 31/12/1899',
  'on May 5, 275760',
  'in 1066',
  'on Sunday',
  'in 3016',
  'between 1 and 40 March 2017',
  '',
];
const PLACES = ['Aleppo', 'Idlib', 'Mosul', 'Kabul', 'Taiz', 'Gao', 'Donetsk', 'Maiduguri', 'ALEPPO', 'aleppo', 'Saint-Denis', 'New York', 'حلب', 'the village'];
const PEOPLE = ['people', 'civilians', 'soldiers', 'children', 'fighters', 'militants', ''];
const VERBS = ['were killed', 'died', 'were wounded', 'were abducted', 'were shot dead', 'killed', 'were arrested'];
const WHO = ['the Syrian Observatory for Human Rights said', 'residents said', 'officials said', 'SANA reported', 'Reuters reported', ''];

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

/** One casualty sentence with a hostile figure, date or place in it. */
export const sentence = fc
  .tuple(pick(NUMBERS), pick(PEOPLE), pick(VERBS), pick(PLACES), pick(DATES), pick(WHO))
  .map(([n, who, verb, place, date, said]) => `${n} ${who} ${verb} in ${place}${date ? ` ${date}` : ''}${said ? `, ${said}` : ''}.`.replace(/\s+/g, ' '));

/** A piece of hostile text: one of the lists above, or fast-check's own strings (any code point, graphemes, UTF-16 units). */
export const piece = fc.oneof(
  { weight: 4, arbitrary: sentence },
  { weight: 2, arbitrary: pick([...CONTROL, ...LINE_ENDS, ...INVISIBLE, ...BIDI]) },
  { weight: 2, arbitrary: pick([...RTL, ...EMOJI, ...MARKS, ...SURROGATES]) },
  { weight: 1, arbitrary: pick([...FORMULAS, ...MARKUP, ...NUMBERS, ...DATES]) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 20 }) },
);

/** Pieces run together, with or without spaces between them. */
export const mixed = (maxPieces: number) => fc.tuple(fc.array(piece, { maxLength: maxPieces }), fc.constantFrom(' ', '', '\n', '. ')).map(([xs, sep]) => xs.join(sep));

/** A small seeded generator, so a 200,000-character input is two numbers to fast-check (and shrinks as two). */
function seeded(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

const ALL_PIECES = [...CONTROL, ...LINE_ENDS, ...INVISIBLE, ...BIDI, ...RTL, ...EMOJI, ...MARKS, ...SURROGATES, ...FORMULAS, ...MARKUP, ...NUMBERS, ...DATES, ...PLACES];

/** `length` characters of the lists above in a seeded order, cut at `length` (possibly mid-pair). */
export function bulk(seed: number, length: number, words = ALL_PIECES): string {
  const next = seeded(seed);
  const parts: string[] = [];
  let n = 0;
  while (n < length) {
    const w = words[Math.floor(next() * words.length)];
    parts.push(w, next() < 0.7 ? ' ' : '');
    n += w.length + 1;
  }
  return parts.join('').slice(0, length);
}

/** Long inputs, up to `max` characters: one sentence repeated (the dense block of one place and day), or seeded bulk. */
export const long = (max: number) =>
  fc.oneof(
    fc.tuple(sentence, fc.integer({ min: 100, max })).map(([s, n]) => s.concat(' ').repeat(Math.ceil(n / (s.length + 1))).slice(0, n)),
    fc.tuple(fc.integer(), fc.integer({ min: 1_000, max })).map(([seed, n]) => bulk(seed, n)),
  );

/** Report text of every kind above; long inputs are rare (one in 450), as they cost seconds each. */
export const reportText = (max = 200_000) =>
  fc.oneof({ weight: 300, arbitrary: mixed(12) }, { weight: 150, arbitrary: mixed(60) }, { weight: 1, arbitrary: long(max) });

/** A short hostile value for a field, a cell or a query parameter. */
export const value = fc.oneof(
  { weight: 3, arbitrary: mixed(3) },
  { weight: 1, arbitrary: pick([...FORMULAS, ...MARKUP, ...NUMBERS, ...DATES, ...CONTROL, ...INVISIBLE, '', ' ', '  \t ']) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom('1e308', '-0', '2.5', '9'.repeat(40))).map(String) },
);

/** A character count at a size boundary or around it. */
export const aroundLimit = (limit: number) => fc.constantFrom(limit - 1, limit, limit + 1);

/** Where a text goes: which scripts and hazards it holds, and its size class; what `npm run fuzz` counts as shapes. */
export function textShape(s: string): string {
  const has: string[] = [];
  if (/\p{Script=Latin}/u.test(s)) has.push('latin');
  if (/[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}]/u.test(s)) has.push('rtl');
  if (/[^\p{Script=Latin}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Common}\p{Script=Inherited}]/u.test(s)) has.push('other-script');
  if (/\d/.test(s)) has.push('digits');
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.test(s)) has.push('control');
  if (/[\u200b-\u200f\u2060\ufeff\u00ad\u202a-\u202e\u2066-\u2069]/.test(s)) has.push('invisible-or-bidi');
  if (/\p{Extended_Pictographic}/u.test(s)) has.push('emoji');
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s)) has.push('lone-surrogate');
  if (/[<&]/.test(s)) has.push('markup');
  const size = s.length === 0 ? 'empty' : s.length < 100 ? '<100' : s.length < 10_000 ? '<10K' : s.length < 100_000 ? '<100K' : '>=100K';
  return `${has.join('+') || 'none'}|${size}`;
}
