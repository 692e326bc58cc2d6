// Figures of people that count no casualties: a force's size, the displaced, the evacuated.
import type { CueMention } from '../analysis.js';
import { readDataJson } from '../data-dir.js';
import type { Figure } from '../extract-casualties.js';
import { inPlace } from './refiner.js';

let sentencing: Set<string> | null = null;
const sentencingVerbs = () => (sentencing ??= new Set(readDataJson<{ measures: { sentencingVerbs: string[] } }>('lexicon/triggers.json').measures.sentencingVerbs));

export const dropDeathSentences = inPlace('dropDeathSentences', "a court's sentence to death kills no one", (figures, ctx) => {
  const verbs = sentencingVerbs();
  const [sFrom] = ctx.a.sentenceTokens[ctx.sentence];
  for (const f of figures) {
    const t = f.trigger;
    if (!t || ctx.a.tokens[t.from - 1]?.key !== 'to' || !/^death/.test(t.cue.phrase)) continue;
    for (let k = Math.max(sFrom, f.quantity.from - 4); k < f.quantity.from; k++) if (verbs.has(ctx.a.tokens[k].key)) f.trigger = null;
  }
});

export const dropForceSizes = inPlace('dropForceSizes', "a force's size is never a toll", (figures, ctx) => dropForceSizesOf(figures, ctx.cues));

export const dropNonCasualtyFigures = inPlace('dropNonCasualtyFigures', 'a figure of the displaced, evacuated or released belongs to its own verb', (figures, ctx) => dropNonCasualtyFiguresOf(figures, ctx.cues));

/** "around 5,000 troops were taking part": a force's size is never a toll. */
function dropForceSizesOf(figures: Figure[], cues: CueMention[]): void {
  const force = cues.filter((c) => c.cue.kind === 'force-size');
  if (force.length === 0) return;
  for (const f of figures) {
    if (!f.trigger) continue;
    const near = force.some((c) => Math.abs(c.from - f.np.to) <= 6);
    const triggerAdjacent = Math.abs(f.trigger.from - f.np.to) <= 2 || Math.abs(f.quantity.from - f.trigger.to) <= 2;
    if (near && !triggerAdjacent) f.trigger = null;
  }
}

/** "left 220,000 dead and displaced 12 million": a figure right after "displaced" (or fled, evacuated) is not a toll. */
function dropNonCasualtyFiguresOf(figures: Figure[], cues: CueMention[]): void {
  const others = cues.filter((c) => c.cue.kind === 'non-casualty');
  for (const f of figures) {
    if (!f.trigger || f.toll) continue;
    const t = f.trigger;
    const before = t.to <= f.quantity.from;
    const between = others.some((c) => (before ? c.from >= t.to && c.to <= f.quantity.from : c.from >= f.np.to && c.to <= t.from));
    if (between) f.trigger = null;
  }
}

