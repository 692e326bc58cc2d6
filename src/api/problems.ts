// Errors for people: every failure leaves the API as one JSON shape, { error: { status, message, issues? } },
// thrown as HTTPException wherever it is found and shaped once in the app's onError.
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { isConnectionLost, isTransient } from '../store/dialect.js';
import { WRITE_PATIENCE_MS } from '../store/kysely-store.js';

export interface Issue {
  /** Where the problem is: "query.min_fatalities", "body.text". */
  at: string;
  message: string;
}

export interface ErrorBody {
  error: { status: number; message: string; issues?: Issue[] };
}

export class Problem extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(status, { message });
  }
}

/** The desk cannot do this now (over the request budget, no thread free: 503; too many failed sign-ins: 429), with when to try again. */
export class Unavailable extends Problem {
  constructor(
    message: string,
    /** Seconds, for the Retry-After header. */
    readonly retryAfter: number,
    status: 429 | 503 = 503,
  ) {
    super(status, message);
  }
}

export function issuesOf(error: z.ZodError, where: string): Issue[] {
  return error.issues.map((i) => {
    const path = i.path.map(String).join('.');
    let message = i.message;
    if (i.code === 'unrecognized_keys') message = `unknown ${where === 'query' ? 'parameter' : 'field'}${i.keys.length === 1 ? '' : 's'} ${i.keys.map((k) => `"${k}"`).join(', ')}`;
    return { at: path ? `${where}.${path}` : where, message };
  });
}

export function errorBody(status: number, message: string, issues?: Issue[]): ErrorBody {
  return { error: issues?.length ? { status, message, issues } : { status, message } };
}

/** Seconds a client is told to wait (Retry-After) when the database cannot serve. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * A database that cannot do this now, as a 503 the caller can act on: another writer held the record past the
 * store's wait, or the database cannot be reached. The server's state, not the caller's mistake nor a bug.
 * Null for any other error.
 */
export function databaseUnavailable(err: unknown): Problem | null {
  if (isTransient(err)) return new Problem(503, `the record is busy: another writer held it for over ${WRITE_PATIENCE_MS / 1000} s (an import?); try again shortly`);
  if (isConnectionLost(err)) return new Problem(503, `the database cannot be reached (${(err as Error).message}); try again once GET /readyz answers 200`);
  return null;
}
