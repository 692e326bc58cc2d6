// Words and punctuation with offsets. Every dictionary lookup (actors, claimants, triggers)
// runs over these tokens, so a phrase is matched the same way wherever it comes from.
import { foldKey } from './fold-text.js';

export interface Token {
  start: number;
  end: number;
  text: string;
  /** `foldKey` of the text: the key dictionaries are indexed by. */
  key: string;
  /** The key's number in the dictionaries' word list (`NO_WORD`: no dictionary has it). */
  word: number;
  /** Size of that word list when `word` was looked up: a word unknown then may be known to a dictionary loaded since. */
  wordsSeen: number;
}

// Every word of every dictionary (see phrase-matcher.ts), numbered: a token's key is looked up once, while it is
// fresh, however many dictionaries read it, and the tries step on small integers.
const words = new Map<string, number>();
export const NO_WORD = -1;

export function numberWord(key: string): number {
  let id = words.get(key);
  if (id === undefined) words.set(key, (id = words.size));
  return id;
}

export const wordCount = (): number => words.size;

/** The token's word number, looked up again if dictionaries have been loaded since it was made. */
export function wordOf(t: Token): number {
  if (t.word === NO_WORD && t.wordsSeen !== words.size) {
    t.word = words.get(t.key) ?? NO_WORD;
    t.wordsSeen = words.size;
  }
  return t.word;
}

const TOKEN = /[\p{L}\p{N}]+|[,.;:!?()"\[\]]/gu;
/** The punctuation TOKEN keeps, by character code. */
const PUNCTUATION = new Uint8Array(128);
for (const ch of ',.;:!?()"[]') PUNCTUATION[ch.charCodeAt(0)] = 1;
/** An ASCII letter or digit, by character code. */
export const isAsciiAlnum = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  const slice = text.slice(from, to);
  const n = slice.length;
  let pos = 0;
  while (pos < n) {
    // Plain ASCII words and punctuation are read by hand (most of the text); anything else goes to TOKEN, which decides alone.
    const c = slice.charCodeAt(pos);
    if (c < 128) {
      if (isAsciiAlnum(c)) {
        let end = pos + 1;
        while (end < n && isAsciiAlnum(slice.charCodeAt(end))) end++;
        if (end === n || slice.charCodeAt(end) < 128) {
          const w = slice.slice(pos, end);
          const key = w.toLowerCase();
          tokens.push({ start: from + pos, end: from + end, text: w, key, word: words.get(key) ?? NO_WORD, wordsSeen: words.size });
          pos = end;
          continue;
        }
      } else {
        if (PUNCTUATION[c] === 1) {
          const w = slice[pos];
          tokens.push({ start: from + pos, end: from + pos + 1, text: w, key: w, word: words.get(w) ?? NO_WORD, wordsSeen: words.size });
        }
        pos++;
        continue;
      }
    }
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(slice);
    if (!m) break;
    pos = m.index + m[0].length;
    const key = foldKey(m[0]);
    tokens.push({ start: from + m.index, end: from + m.index + m[0].length, text: m[0], key, word: words.get(key) ?? NO_WORD, wordsSeen: words.size });
  }
  return tokens;
}

/** The keys of a phrase as the tokenizer would produce them. */
export function phraseKeys(phrase: string): string[] {
  return tokenize(phrase).map((t) => t.key);
}
