// Words and punctuation with offsets. Every dictionary lookup (actors, claimants, triggers)
// runs over these tokens, so a phrase is matched the same way wherever it comes from.
import { foldKey } from './fold-text.js';

export interface Token {
  start: number;
  end: number;
  text: string;
  /** `foldKey` of the text: the key dictionaries are indexed by. */
  key: string;
  /** The key's number in the dictionaries' shared word list, looked up once by the first dictionary that reads it (see phrase-matcher.ts). */
  word: number;
  /** Size of that word list when `word` was looked up: a word unknown then may be known to a dictionary loaded since. */
  wordsSeen: number;
}

const TOKEN = /[\p{L}\p{N}]+|[,.;:!?()"\[\]]/gu;

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  const slice = text.slice(from, to);
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(slice); m; m = TOKEN.exec(slice)) {
    tokens.push({ start: from + m.index, end: from + m.index + m[0].length, text: m[0], key: foldKey(m[0]), word: -1, wordsSeen: -1 });
  }
  return tokens;
}

/** The keys of a phrase as the tokenizer would produce them. */
export function phraseKeys(phrase: string): string[] {
  return tokenize(phrase).map((t) => t.key);
}
