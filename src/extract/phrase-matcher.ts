// A token trie over dictionary phrases: one pass over a sentence finds every phrase,
// longest first, in time linear in the sentence whatever the dictionary's size.
import { NO_WORD, numberWord, phraseKeys, wordCount, wordOf, type Token } from './tokenize.js';

export interface PhraseMatch<T> {
  /** Index of the first and one past the last token. */
  from: number;
  to: number;
  start: number;
  end: number;
  value: T;
  text: string;
}

interface Node<T> {
  next: Map<number, Node<T>>;
  entries: { value: T; exact: string | null }[];
  /** "assads" -> the node after "assad" + "s", built when phrases are added so lookups need no slicing. */
  plural: Map<number, Node<T>> | null;
}


const newNode = <T>(): Node<T> => ({ next: new Map(), entries: [], plural: null });
const NO_MATCHES: never[] = [];

export class PhraseMatcher<T> {
  private root: Node<T> = newNode();
  /** The root's children by word number: every token is tried as a phrase's first word, so this step is an array read. */
  private first: Array<Node<T> | undefined> | null = null;

  /**
   * Adds a phrase. Acronyms written in capitals ("IS", "YPG", "SANA") only match in capitals,
   * so "is" and "Is" never read as the Islamic State.
   */
  add(phrase: string, value: T): void {
    const keys = phraseKeys(phrase);
    if (keys.length === 0) return;
    this.first = null;
    let node = this.root;
    let parent: Node<T> | null = null;
    let prev = '';
    for (const k of keys) {
      const w = numberWord(k);
      let child = node.next.get(w);
      if (!child) node.next.set(w, (child = newNode()));
      if (k === 's' && parent && prev.length >= 3) (parent.plural ??= new Map()).set(numberWord(prev + 's'), child);
      parent = node;
      prev = k;
      node = child;
    }
    const caseSensitive = /^[A-Z][A-Z0-9.\-]{0,5}$/.test(phrase.trim()) && phrase.trim().length <= 6;
    node.entries.push({ value, exact: caseSensitive ? phrase.replace(/[^A-Za-z0-9]/g, '') : null });
  }

  /** All matches that start at token `i`, longest first. */
  matchAt(tokens: Token[], i: number, to = tokens.length): PhraseMatch<T>[] {
    if (i >= to) return NO_MATCHES;
    const w0 = wordOf(tokens[i]);
    if (w0 === NO_WORD) return NO_MATCHES;
    let node = (this.first ?? this.indexFirst())[w0];
    // Most tokens start no phrase: answer them without allocating.
    let found: PhraseMatch<T>[] | null = null;
    for (let j = i; node; ) {
      if (node.entries.length > 0) {
        let surface: string | null = null;
        for (let k = 0; k < node.entries.length; k++) {
          const e = node.entries[k];
          if (e.exact !== null && e.exact !== (surface ??= surfaceOf(tokens, i, j))) continue;
          (found ??= []).push({ from: i, to: j + 1, start: tokens[i].start, end: tokens[j].end, value: e.value, text: '' });
        }
      }
      if (++j >= to) break;
      const w = wordOf(tokens[j]);
      if (w === NO_WORD) break;
      // Copy that lost its apostrophes ("Assads forces"): read "assads" as "assad" + "s".
      node = node.next.get(w) ?? node.plural?.get(w);
    }
    return found ? found.reverse() : NO_MATCHES;
  }

  private indexFirst(): Array<Node<T> | undefined> {
    // Sized up front: an array filled far past its length would turn into a slow dictionary.
    const first = new Array<Node<T> | undefined>(wordCount());
    for (const [w, n] of this.root.plural ?? []) first[w] = n;
    for (const [w, n] of this.root.next) first[w] = n;
    return (this.first = first);
  }

  /** Non-overlapping matches, scanning left to right and taking the longest at each point. */
  findAll(tokens: Token[], from = 0, to = tokens.length): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    for (let i = from; i < to; ) {
      const here = this.matchAt(tokens, i, to);
      if (here.length === 0) {
        i++;
        continue;
      }
      const longest = here[0];
      for (const m of here) if (m.to === longest.to) out.push(m);
      i = longest.to;
    }
    return out;
  }
}

/** The texts of tokens i..j run together: how an acronym is written ("IS", "U.N."). */
function surfaceOf(tokens: Token[], i: number, j: number): string {
  let s = tokens[i].text;
  for (let k = i + 1; k <= j; k++) s += tokens[k].text;
  return s;
}
