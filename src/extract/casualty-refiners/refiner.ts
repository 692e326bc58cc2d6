// Casualty reading as a list of named refiners, in the manner of chrono-node: each takes the
// sentence's figures and returns them, and every change it makes (a figure dropped, linked to its
// casualty word, made part of another) is recorded with the refiner's name, for `extract --explain`.
import type { ActorMention } from '../../domain/types.js';
import type { Analysis, CueMention, Located } from '../analysis.js';
import type { Figure } from '../extract-casualties.js';

export interface RefineContext {
  a: Analysis;
  sentence: number;
  cues: CueMention[];
  /** The killed, wounded and captured words of the sentence. */
  triggers: CueMention[];
  actors: Array<ActorMention & Located>;
}

export interface Refiner {
  name: string;
  /** What the refiner does, said once in the explanation of every change it makes. */
  why: string;
  refine(figures: Figure[], ctx: RefineContext): Figure[];
}

/** Runs the refiners in order; `log`, when given, receives one line per figure a refiner changed. */
export function refine(refiners: Refiner[], figures: Figure[], ctx: RefineContext, log?: string[]): Figure[] {
  let current = figures;
  for (const r of refiners) {
    const before = log ? new Map(current.map((f) => [f, stateOf(f)])) : null;
    current = r.refine(current, ctx);
    if (!log || !before) continue;
    for (const f of current) {
      const was = before.get(f);
      const now = stateOf(f);
      if (was === undefined) log.push(`sentence ${ctx.sentence + 1}: ${r.name} added "${f.quantity.text}" (${now}): ${r.why}`);
      else if (was !== now) log.push(`sentence ${ctx.sentence + 1}: ${r.name} changed "${f.quantity.text}" from ${was} to ${now}: ${r.why}`);
    }
    for (const f of before.keys()) if (!current.includes(f)) log.push(`sentence ${ctx.sentence + 1}: ${r.name} dropped "${f.quantity.text}": ${r.why}`);
  }
  return current;
}

function stateOf(f: Figure): string {
  const parts = [f.trigger ? `counted by "${f.trigger.cue.phrase}"` : 'not counted'];
  if (f.subsetOf) parts.push(`part of "${f.subsetOf.quantity.text}"`);
  if (f.orphan) parts.push('part of an uncounted whole');
  return parts.join(', ');
}

/** A refiner that changes figures in place, wrapped so that it returns them. */
export function inPlace(name: string, why: string, step: (figures: Figure[], ctx: RefineContext) => void): Refiner {
  return {
    name,
    why,
    refine(figures, ctx) {
      step(figures, ctx);
      return figures;
    },
  };
}
