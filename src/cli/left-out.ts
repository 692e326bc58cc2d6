// "left out: 2 rejected incidents, 14 not verified": what a review scope took out of a listing, tally or export.
import type { EventFilter, Store } from '../store/store.js';

export async function leftOutLine(store: Store, filter: EventFilter): Promise<string | null> {
  const c = await store.reviewCounts(filter);
  const parts: string[] = [];
  if (c.rejected) parts.push(`${c.rejected} rejected incident${c.rejected === 1 ? '' : 's'}`);
  if (filter.review === 'verified') {
    const unverified = c.unreviewed + c.disputed;
    if (unverified) parts.push(`${unverified} not verified (${c.unreviewed} unreviewed, ${c.disputed} disputed)`);
  }
  return parts.length ? `left out: ${parts.join(', ')}` : null;
}
