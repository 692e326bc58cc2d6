// What a comparison of the record with a dataset says: how much of each the other covers, how far the tolls of
// matched pairs agree, and which pairs disagree most. Items outside the period asked about were read only so that
// a pair across its border is found (an incident on the 31st, the dataset's event coded to the week around it):
// they count for nothing themselves.
import type { Match, Matching, MatchSide } from './match-dataset-events.js';

export interface Counted extends MatchSide {
  /** Inside the period and place asked about. */
  inRange: boolean;
}

export interface Coverage {
  /** Items in range. */
  total: number;
  /** ... with a counterpart on the other side. */
  matched: number;
  /** ... with none. */
  unmatched: number;
}

export interface FatalityAgreement {
  /** Matched pairs with either side in range. */
  pairs: number;
  /** ... of which both sides give a toll. */
  compared: number;
  exact: number;
  /** Not exact, but apart by no more than the share of the larger toll. */
  within: number;
  /** Further apart, the record's toll the higher. */
  recordHigher: number;
  recordLower: number;
  /** Pairs where the record or the dataset gives no toll. */
  noFigure: number;
  /** Over the compared pairs; null when there are none. */
  meanAbsoluteDifference: number | null;
}

export interface Comparison<R, D> {
  record: Coverage;
  dataset: Coverage;
  fatalities: FatalityAgreement;
  /** Matched pairs with either side in range, in the order they were chosen (best first). */
  matches: Match<R, D>[];
  unmatchedRecord: R[];
  unmatchedDataset: D[];
  /** Compared pairs whose tolls differ, the largest difference first. */
  disagreements: Match<R, D>[];
}

export function summarizeComparison<R extends Counted, D extends Counted>(m: Matching<R, D>, withinShare: number): Comparison<R, D> {
  const matches = m.matches.filter((p) => p.record.inRange || p.dataset.inRange);
  const unmatchedRecord = m.unmatchedRecord.filter((r) => r.inRange);
  const unmatchedDataset = m.unmatchedDataset.filter((d) => d.inRange);
  const coverage = (matched: number, unmatched: number): Coverage => ({ total: matched + unmatched, matched, unmatched });
  const f: FatalityAgreement = { pairs: matches.length, compared: 0, exact: 0, within: 0, recordHigher: 0, recordLower: 0, noFigure: 0, meanAbsoluteDifference: null };
  let sum = 0;
  for (const p of matches) {
    const [ours, theirs] = [p.record.deaths, p.dataset.deaths];
    if (ours === null || theirs === null) {
      f.noFigure++;
      continue;
    }
    f.compared++;
    const gap = Math.abs(ours - theirs);
    sum += gap;
    if (gap === 0) f.exact++;
    else if (gap <= withinShare * Math.max(ours, theirs)) f.within++;
    else if (ours > theirs) f.recordHigher++;
    else f.recordLower++;
  }
  if (f.compared) f.meanAbsoluteDifference = sum / f.compared;
  const gapOf = (p: Match<R, D>) => Math.abs(p.record.deaths! - p.dataset.deaths!);
  const disagreements = matches
    .filter((p) => p.record.deaths !== null && p.dataset.deaths !== null && p.record.deaths !== p.dataset.deaths)
    // The largest gap first; at equal gaps the one that is the larger share of its tolls.
    .sort((a, b) => gapOf(b) - gapOf(a) || share(b) - share(a) || (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0));
  return {
    record: coverage(matches.filter((p) => p.record.inRange).length, unmatchedRecord.length),
    dataset: coverage(matches.filter((p) => p.dataset.inRange).length, unmatchedDataset.length),
    fatalities: f,
    matches,
    unmatchedRecord,
    unmatchedDataset,
    disagreements,
  };
}

function share(p: Match<MatchSide, MatchSide>): number {
  const [a, b] = [p.record.deaths!, p.dataset.deaths!];
  return Math.abs(a - b) / Math.max(a, b);
}
