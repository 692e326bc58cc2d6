// Words and punctuation with offsets. Every dictionary lookup (actors, claimants, triggers)
// runs over these tokens, so a phrase is matched the same way wherever it comes from.
export interface Token {
  start: number;
  end: number;
  text: string;
  /** Lowercased, diacritics removed: the key dictionaries are indexed by. */
  key: string;
}

const TOKEN = /[\p{L}\p{N}]+|[,.;:!?()"\[\]]/gu;
const MARKS = /\p{M}/gu;

export function foldKey(s: string): string {
  const lower = s.toLowerCase();
  // Fast path: plain ASCII needs no Unicode decomposition.
  return /^[\x00-\x7f]*$/.test(lower) ? lower : lower.normalize('NFD').replace(MARKS, '');
}

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  const slice = text.slice(from, to);
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(slice); m; m = TOKEN.exec(slice)) {
    tokens.push({ start: from + m.index, end: from + m.index + m[0].length, text: m[0], key: foldKey(m[0]) });
  }
  return tokens;
}

/** The keys of a phrase as the tokenizer would produce them. */
export function phraseKeys(phrase: string): string[] {
  return tokenize(phrase).map((t) => t.key);
}
