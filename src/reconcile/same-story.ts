// Whether a new report is a report the record holds, told again: the same wire story at another outlet, with
// another headline, a paragraph more or less, or the outlet's boilerplate. Then it is one more sighting of that
// report, not a report of its own, and its events are not counted twice. The rules:
//  1. The texts' 5-word shingles (boilerplate lines left out) overlap with Jaccard >= 0.8. A trailing paragraph of
//     a fifth of the story's length, or a changed sentence in ten, stays above; two stories on the same town and
//     day, written apart, share a few phrases and fall far below (test/store/sightings.test.ts).
//  2. No figure or date differs where both texts have one at the same place (the same two words before and
//     after): "killed 10 people" against "killed 12 people", "on Monday" against "on Tuesday". A figure only one
//     text has (an added background paragraph) is no difference.
//  3. The headline incident's figures, as the engine read them, agree: killed, civilians killed, wounded and
//     captured, where both give one, and killed given by both or neither. This catches a rewrite whose lead was
//     reworded ("the toll rose to 12"), where rule 2 finds no common place to compare.
// Rules 2 and 3 override rule 1: a rewrite with new figures is a new report, however alike the wording.
import type { TextSketch } from '../domain/text-sketch.js';
import type { ReportSummary } from '../domain/types.js';

export const SAME_STORY_JACCARD = 0.8;
/** Candidates whose MinHash estimate is below this are not worth an exact comparison: with 100 values the
 * estimate's standard error at 0.8 is 0.04, so a pair truly at 0.8 falls below 0.6 about once in 10^6. */
export const ESTIMATE_FLOOR = 0.6;

/** The share of MinHash values two sketches agree on: an unbiased estimate of their Jaccard similarity. */
export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** |A ∩ B| / |A ∪ B| of two ascending sets of shingle hashes. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      both++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return both / (a.length + b.length - both);
}

/** The first place where each text has a figure the other lacks, as "before|after: 10 / 12"; null when none. */
export function figuresDiffer(a: [string, string][], b: [string, string][]): string | null {
  const group = (xs: [string, string][]) => {
    const m = new Map<string, Set<string>>();
    for (const [place, figure] of xs) (m.get(place) ?? m.set(place, new Set()).get(place)!).add(figure);
    return m;
  };
  const ga = group(a);
  const gb = group(b);
  for (const [place, fa] of ga) {
    const fb = gb.get(place);
    if (!fb) continue;
    const onlyA = [...fa].filter((f) => !fb.has(f));
    const onlyB = [...fb].filter((f) => !fa.has(f));
    if (onlyA.length && onlyB.length) return `"${place.replace('|', ' … ').trim()}": ${onlyA.join(', ')} / ${onlyB.join(', ')}`;
  }
  return null;
}

type Figures = Pick<ReportSummary, 'killed' | 'killed_civilians' | 'wounded' | 'captured'>;
const FIGURES: [keyof Figures, string][] = [
  ['killed', 'killed'],
  ['killed_civilians', 'civilians killed'],
  ['wounded', 'wounded'],
  ['captured', 'captured'],
];

/** The first headline figure the two readings disagree on, as "killed 10 / 12"; null when none. */
export function summariesDiffer(a: Partial<Figures> | null, b: Partial<Figures> | null): string | null {
  if (!a || !b) return null;
  for (const [k, label] of FIGURES) {
    const x = a[k] ?? null;
    const y = b[k] ?? null;
    if (x === y) continue;
    if ((x !== null && y !== null) || k === 'killed') return `${label} ${x ?? 'none'} / ${y ?? 'none'}`;
  }
  return null;
}

export interface StoryReading {
  sketch: Pick<TextSketch, 'shingles' | 'figures'>;
  summary: Partial<Figures> | null;
}

export type Verdict = { same: true; jaccard: number } | { same: false; jaccard: number; why: string };

export function judgeSameStory(fresh: StoryReading, held: StoryReading): Verdict {
  const j = jaccard(fresh.sketch.shingles, held.sketch.shingles);
  if (j < SAME_STORY_JACCARD) return { same: false, jaccard: j, why: `Jaccard ${j.toFixed(2)} < ${SAME_STORY_JACCARD}` };
  const figure = figuresDiffer(fresh.sketch.figures, held.sketch.figures);
  if (figure) return { same: false, jaccard: j, why: `a figure differs at ${figure}` };
  const summary = summariesDiffer(fresh.summary, held.summary);
  if (summary) return { same: false, jaccard: j, why: `the headline figures differ: ${summary}` };
  return { same: true, jaccard: j };
}
