// Which figure is part of which: "43 members ... including 12 officers", "six civilians were among 22 killed".
import type { Analysis, CueMention } from '../analysis.js';
import type { Figure } from '../extract-casualties.js';
import { inPlace } from './refiner.js';

export const markSubsets = inPlace('markSubsets', 'a figure said as part of another never adds to it', (figures, ctx) => markSubsetsOf(ctx.a, figures, ctx.cues));

/** "43 members ... including 12 officers": 12 is part of 43. "Six civilians were among 22 people killed": 6 is part of 22. */
function markSubsetsOf(a: Analysis, figures: Figure[], cues: CueMention[]): void {
  figures.forEach((f, idx) => {
    const before = cues.find((c) => c.cue.kind === 'subset-before' && c.to <= f.quantity.from && f.quantity.from - c.to <= 2);
    // "killing civilians, including three children": part of an uncounted whole, never a total.
    if (before && !figures.slice(0, idx).some((g) => g.subsetOf === null)) {
      f.orphan = true;
      return;
    }
    if (before && idx > 0) {
      // Part of the nearest earlier figure that is itself a total.
      for (let p = idx - 1; p >= 0; p--) {
        if (figures[p].subsetOf === null) {
          f.subsetOf = figures[p];
          break;
        }
      }
      return;
    }
    // "twelve of them were children": part of the figure before.
    const q = f.quantity;
    if (idx > 0 && /^of$/.test(a.tokens[q.to]?.key ?? '') && /^(?:them|whom|those)$/.test(a.tokens[q.to + 1]?.key ?? '')) {
      for (let p = idx - 1; p >= 0; p--) {
        if (figures[p].subsetOf === null) {
          f.subsetOf = figures[p];
          break;
        }
      }
      return;
    }
    const after = cues.find((c) => c.cue.kind === 'subset-after' && c.from >= f.np.to && c.from - f.np.to <= 6);
    // "Five children were among those killed": part of a whole the text does not count.
    if (after && !figures.slice(idx + 1).some((g) => g.quantity.from >= after.to && g.quantity.from - after.to <= 3)) {
      f.orphan = true;
      return;
    }
    if (after && idx + 1 < figures.length && figures[idx + 1].quantity.from >= after.to && figures[idx + 1].quantity.from - after.to <= 3) {
      f.subsetOf = figures[idx + 1];
    }
  });
  // "including five children and two women": a figure joined to a subset is part of the same whole.
  figures.forEach((f, idx) => {
    const prev = figures[idx - 1];
    if (idx === 0 || f.subsetOf !== null || !prev.subsetOf) return;
    const between = a.tokens.slice(prev.np.to, f.quantity.from).map((t) => t.key);
    if (between.length > 0 && between.every((k) => k === 'and' || k === ',')) f.subsetOf = prev.subsetOf;
  });
  // Keep totals acyclic: a figure that others are part of is itself a total.
  figures.forEach((f) => {
    if (f.subsetOf !== null && f.subsetOf.subsetOf !== null) f.subsetOf.subsetOf = null;
  });
}

