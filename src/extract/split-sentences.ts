// Stage 2. Splits normalized text into sentences and paragraphs, keeping offsets.
import type { Sentence, Span } from '../domain/types.js';
import { loadLexicon } from './lexicon.js';

// A sentence ends at . ! ? (optionally followed by closing quotes) before whitespace and a
// capital letter, digit or opening quote; or at a paragraph break.
// The lookbehind starts a match only at the first mark of a run, so a run of a million dots is linear.
const BOUNDARY = /(?<![.!?])([.!?]+["')\]]*)(\s+)(?=["'(\[]?[A-Z0-9\u0600-\u06FF])|\n\s*\n|\n/g;
const MAX_SENTENCE = 2_000;

/**
 * `breaks`: offsets where a sentence must end even without punctuation (headline, date line).
 * `omit`: spans that are no sentence at all (a report's header, dateline and closing lines).
 */
export function splitSentences(text: string, breaks: number[] = [], omit: Span[] = []): Sentence[] {
  if (omit.length) {
    const all = [...new Set([...breaks, ...omit.flatMap((o) => [o.start, o.end])])].sort((x, y) => x - y);
    const inside = (s: Sentence) => omit.some((o) => o.start <= s.start && s.end <= o.end);
    const kept = splitSentences(text, all).filter((s) => !inside(s));
    kept.forEach((s, index) => (s.index = index));
    return kept;
  }
  const abbreviations = loadLexicon().abbreviations;
  const sentences: Sentence[] = [];
  let start = 0;
  let paragraph = 0;
  const push = (end: number, nextParagraph: boolean) => {
    pushTrimmed(text, start, end, paragraph, sentences);
    if (nextParagraph) paragraph++;
  };
  let nextBreak = 0;
  const forceBreaksBefore = (limit: number) => {
    while (nextBreak < breaks.length && breaks[nextBreak] <= limit) {
      if (breaks[nextBreak] > start) {
        push(breaks[nextBreak], false);
        start = breaks[nextBreak];
      }
      nextBreak++;
    }
  };
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(text); m; m = BOUNDARY.exec(text)) {
    forceBreaksBefore(m.index);
    if (m[1] === undefined) {
      push(m.index, true);
      start = m.index + m[0].length;
      continue;
    }
    const end = m.index + m[1].length;
    if (m[1] === '.' && endsWithAbbreviation(text, start, m.index, abbreviations)) continue;
    // A line break after the full stop ends the paragraph too, as a bare line break does.
    push(end, m[2].includes('\n'));
    start = end + m[2].length;
  }
  forceBreaksBefore(text.length);
  push(text.length, false);
  return splitOverlong(text, sentences);
}

function endsWithAbbreviation(text: string, from: number, dot: number, abbreviations: Set<string>): boolean {
  let i = dot;
  while (i > from && /[A-Za-z.]/.test(text[i - 1])) i--;
  const word = text.slice(i, dot);
  if (abbreviations.has(word.toLowerCase())) return true;
  // Initials such as "U.S" or "J" in "J. Smith".
  return /^(?:[A-Z]\.)*[A-Z]$/.test(word);
}

function pushTrimmed(text: string, start: number, end: number, paragraph: number, out: Sentence[]): void {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (end <= start) return;
  out.push({ index: out.length, start, end, text: text.slice(start, end), paragraph });
}

/** Runs of text with no sentence break (garbage, lists) are cut so no later stage sees a giant sentence. */
function splitOverlong(text: string, sentences: Sentence[]): Sentence[] {
  if (sentences.every((s) => s.end - s.start <= MAX_SENTENCE)) return sentences;
  const out: Sentence[] = [];
  for (const s of sentences) {
    for (let a = s.start; a < s.end; a += MAX_SENTENCE) {
      const b = Math.min(a + MAX_SENTENCE, s.end);
      pushTrimmed(text, a, b, s.paragraph, out);
    }
  }
  return out;
}
