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
      if (here.length === 0) continue;
      // A few matches at most: a list, not a set, per start.
      const seenKinds: string[] = [];
      for (const m of here) {
        if (seenKinds.includes(m.value.kind)) continue;
        seenKinds.push(m.value.kind);
        out.push({ start: m.start, end: m.end, from: m.from, to: m.to, sentence, cue: m.value });
      }
    }
  });
  // "sentenced to death", "death threats": a killed word inside a false friend reports no death.
  const friends = out.filter((c) => c.cue.kind === 'false-friend');
  if (friends.length === 0) return out;
  return out.filter((c) => !(c.cue.kind === 'killed' && friends.some((f) => f.start <= c.start && f.end >= c.end)));
}
