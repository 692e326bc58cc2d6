// A report's wording as a similarity sketch (src/domain/text-sketch.ts): boilerplate lines an outlet adds
// (data/lexicon/syndication.json) left out, the rest folded to lower-case words, its 5-word shingles hashed,
// their MinHash minima taken, and its figures and dates noted where they stand. Pure over the text; linear in it.
import { fmix32, MINHASHES, SHINGLE_WORDS, type TextSketch } from '../domain/text-sketch.js';
import { readDataJson } from './data-dir.js';
import { foldKey } from './fold-text.js';

interface Syndication {
  maxWords: number;
  lineLeads: string[];
  marks: string[];
}

interface Words {
  syndication: Syndication;
  /** Figure words and what they stand for: number words as digits ("twelve" -> "12"), the rest as written. */
  figures: Map<string, string>;
}

let words: Words | null = null;

function loadWords(): Words {
  if (words) return words;
  const syndication = readDataJson<Syndication>('lexicon/syndication.json');
  const q = readDataJson<{ numberWords: { units: Record<string, number>; teens: Record<string, number>; tens: Record<string, number>; scales: Record<string, number>; dozen: string } }>('lexicon/quantities.json');
  const d = readDataJson<{ monthWords: Record<string, number>; weekdayWords: Record<string, number>; casual: Record<string, number> }>('lexicon/dates.json');
  const figures = new Map<string, string>();
  for (const group of [q.numberWords.units, q.numberWords.teens, q.numberWords.tens]) for (const [w, n] of Object.entries(group)) figures.set(w, String(n));
  for (const w of [...Object.keys(q.numberWords.scales), q.numberWords.dozen]) figures.set(w, w);
  // Full names only: "sun", "sat" and "wed" are words too.
  for (const w of [...Object.keys(d.monthWords), ...Object.keys(d.weekdayWords)]) if (w.length > 3) figures.set(w, w);
  for (const w of Object.keys(d.casual)) if (!w.includes(' ')) figures.set(w, w);
  return (words = { syndication, figures });
}

/** Words, numbers kept whole ("1,200" is one token, "1200"). */
const TOKEN = /\p{N}+(?:[.,]\p{N}+)*|\p{L}[\p{L}\p{M}]*/gu;
const LINE_START = /^[\s"'([{\-*•]+/;

function isBoilerplate(line: string, s: Syndication, tokenCount: number): boolean {
  if (tokenCount > s.maxWords) return false;
  const lower = line.toLowerCase().replace(LINE_START, '');
  return s.lineLeads.some((lead) => lower.startsWith(lead)) || s.marks.some((m) => lower.includes(m));
}

/** The words of the text that belong to the story, in order, boilerplate lines left out. */
export function storyWords(text: string): string[] {
  const { syndication } = loadWords();
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const tokens = foldKey(line).match(TOKEN);
    if (!tokens || isBoilerplate(line, syndication, tokens.length)) continue;
    for (const t of tokens) out.push(t.charCodeAt(0) <= 0x39 && /^\p{N}/u.test(t) ? t.replace(/,/g, '') : t);
  }
  return out;
}

/** Seeds of the MinHash functions: fixed, since every stored sketch was made with them (changing them means sketching the record again). */
const SEEDS = (() => {
  const seeds = new Uint32Array(MINHASHES);
  let x = 0x5eed5eed;
  for (let i = 0; i < MINHASHES; i++) {
    // splitmix32
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    seeds[i] = (z ^ (z >>> 16)) >>> 0;
  }
  return seeds;
})();

/** FNV-1a over the word's UTF-16 code units. */
function wordHash(w: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function sketchText(text: string): TextSketch {
  const { figures: figureWords } = loadWords();
  const tokens = storyWords(text);
  const hashes = tokens.map(wordHash);
  const n = tokens.length;
  const count = n === 0 ? 0 : Math.max(1, n - SHINGLE_WORDS + 1);
  const shingleSet = new Set<number>();
  for (let i = 0; i < count; i++) {
    let h = 0;
    for (let k = i; k < Math.min(n, i + SHINGLE_WORDS); k++) h = fmix32(Math.imul(h, 0x01000193) ^ hashes[k]);
    shingleSet.add(h);
  }
  const shingles = Uint32Array.from(shingleSet).sort();
  const minhash = new Uint32Array(MINHASHES).fill(0xffffffff);
  for (const s of shingles) {
    for (let i = 0; i < MINHASHES; i++) {
      const v = fmix32(s ^ SEEDS[i]);
      if (v < minhash[i]) minhash[i] = v;
    }
  }
  return { words: n, minhash, shingles, figures: figuresOf(tokens, figureWords) };
}

/** Each run of figure words with the two words before and the two after it. */
function figuresOf(tokens: string[], figureWords: Map<string, string>): [string, string][] {
  const value = (t: string) => (/^\p{N}/u.test(t) ? t : figureWords.get(t));
  const seen = new Set<string>();
  const out: [string, string][] = [];
  for (let i = 0; i < tokens.length; ) {
    if (value(tokens[i]) === undefined) {
      i++;
      continue;
    }
    let j = i;
    const run: string[] = [];
    while (j < tokens.length && value(tokens[j]) !== undefined) run.push(value(tokens[j++])!);
    const place = `${tokens.slice(Math.max(0, i - 2), i).join(' ')}|${tokens.slice(j, j + 2).join(' ')}`;
    const figure = run.join(' ');
    const k = `${place}\n${figure}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push([place, figure]);
    }
    i = j;
  }
  return out;
}
