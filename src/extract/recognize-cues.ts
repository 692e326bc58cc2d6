// Stage 3d. Marks the trigger words and clues (killed, wounded, weapon words, "including",
// "in the past week", "said", ...) that the claim rules read.
import type { CueMention } from './analysis.js';
import { loadLexicon } from './lexicon.js';
import type { Token } from './tokenize.js';

export function recognizeCues(tokens: Token[], sentenceTokens: Array<[number, number]>): CueMention[] {
  const { cues } = loadLexicon();
  const out: CueMention[] = [];
  sentenceTokens.forEach(([from, to], sentence) => {
    // Overlapping cues of different kinds all count ("suicide car bomb" is a weapon and part of "bomb"),
    // so every start is tried rather than only the longest match.
    for (let i = from; i < to; i++) {
      const here = cues.matchAt(tokens, i, to);
      const seenKinds = new Set<string>();
      for (const m of here) {
        if (seenKinds.has(m.value.kind)) continue;
        seenKinds.add(m.value.kind);
        out.push({ start: m.start, end: m.end, from: m.from, to: m.to, sentence, cue: m.value });
      }
    }
  });
  return out;
}
