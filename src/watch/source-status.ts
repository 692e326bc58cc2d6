// A watched source's state in one word, the same for the command line, the API and the desk's Sources page.
import type { WatchedSource } from '../store/store.js';

/** An item that failed is tried again on later polls until it has failed this many times; then its error stays. */
export const MAX_ITEM_ATTEMPTS = 3;

export type SourceState = 'new' | 'polling' | 'ok' | 'not-modified' | 'failing';

export function sourceState(s: Pick<WatchedSource, 'lease_owner' | 'lease_until' | 'failures' | 'last_fetch_at' | 'last_outcome'>, now: Date = new Date()): SourceState {
  if (s.lease_owner && s.lease_until && s.lease_until > now.toISOString()) return 'polling';
  if (s.failures > 0) return 'failing';
  if (!s.last_fetch_at) return 'new';
  return s.last_outcome === 'not-modified' ? 'not-modified' : 'ok';
}
