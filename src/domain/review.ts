// What an analyst decides about an incident. Verified: checked, figures and all. Disputed: checked, and the
// figures or facts are in doubt. Rejected: not an incident at all (a misread, a duplicate, a report of no
// violence): it leaves every sum. Unreviewed: nobody has looked yet.
export const REVIEW_STATES = ['unreviewed', 'verified', 'disputed', 'rejected'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const isReviewState = (s: string): s is ReviewState => (REVIEW_STATES as readonly string[]).includes(s);

/** Which incidents a listing, tally or export takes: all but rejected (the default), verified only, or any (the review queue's own reads). */
export type ReviewScope = 'not-rejected' | 'verified' | 'any';

/** How many incidents a selection holds in each state. */
export type ReviewCounts = Record<ReviewState, number>;

/** One entry of an incident's history: a review, an edit of one of its events, or a link decision. */
export interface HistoryEntry {
  at: string;
  who: string;
  what: 'review' | 'edit' | 'link' | 'unlink';
  /** The event a change was made on (edits and link decisions). */
  event: string | null;
  before: unknown;
  after: unknown;
  why: string | null;
}

/**
 * How the review queue weighs an incident: every death counts, a contested figure and a change of control count
 * as many deaths as these (an analyst's first look goes where a mistake would cost most); ties go to the newest.
 */
export const IMPACT = { perDeath: 1, contested: 25, controlChange: 50 } as const;
