// When a source is next due: one interval after the poll began when it went well, and after a failure an
// interval doubled for each failure in a row, so a dead site is asked less and less often (capped at a day,
// or at the interval when that is longer), and never sooner than the site's own Retry-After.

const MAX_BACKOFF_SECONDS = 86_400;

export function nextDueAfterSuccess(started: Date, intervalSeconds: number): Date {
  return new Date(started.getTime() + intervalSeconds * 1000);
}

/** `failures`: failures in a row, this one included (1 for the first). */
export function nextDueAfterFailure(now: Date, intervalSeconds: number, failures: number, retryAfterSeconds: number | null = null): Date {
  const cap = Math.max(MAX_BACKOFF_SECONDS, intervalSeconds);
  const wait = Math.min(cap, intervalSeconds * 2 ** Math.min(failures, 30));
  return new Date(now.getTime() + Math.max(wait, retryAfterSeconds ?? 0) * 1000);
}
