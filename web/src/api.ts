// The desk's API from the browser: same origin, the token (if any) from this browser's storage.
// Response types come from the server's own modules (type-only imports: nothing of the server is bundled).
import type { ReportDetail, ReportListing, EventEdit, Role } from '../../src/api/record.js';
import type { EventIncident, WeekLine } from '../../src/api/reckoning.js';
import type { EventDetail, EventRow, TallyRow, WatchedSourceDetail, WatchedSourceStatus } from '../../src/store/store.js';
import type { SourceState } from '../../src/watch/source-status.js';

const TOKEN_KEY = 'observatory-token';

export const token = {
  get: () => localStorage.getItem(TOKEN_KEY),
  set: (t: string | null) => (t ? localStorage.setItem(TOKEN_KEY, t) : localStorage.removeItem(TOKEN_KEY)),
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  const t = token.get();
  if (t) headers.authorization = `Bearer ${t}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`./api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data?.error?.message ?? `${res.status} ${res.statusText}`);
  return data as T;
}

export type Query = Record<string, string | number | undefined>;
const qs = (q: Query) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

/** A watched source as the API gives it (src/api/sources.ts): the watchers' own bookkeeping left out. */
export type SourceRow = Omit<WatchedSourceStatus, 'lease_owner' | 'lease_until' | 'etag' | 'last_modified'> & { state: SourceState };
export type SourcePage = SourceRow & Pick<WatchedSourceDetail, 'recent' | 'failed'>;

export type EventPage = EventDetail & { incident: EventIncident | null; edits: EventEdit[] };

export const api = {
  me: () => call<{ token: { id: string; name: string; role: Role } | null; public_read: boolean }>('GET', '/me'),
  events: (q: Query) => call<{ total: number; limit: number; offset: number; events: EventRow[] }>('GET', `/events${qs(q)}`),
  event: (id: string) => call<EventPage>('GET', `/events/${encodeURIComponent(id)}`),
  editEvent: (id: string, patch: Record<string, unknown>) => call<EventPage>('PATCH', `/events/${encodeURIComponent(id)}`, patch),
  weekly: (q: Query) => call<{ weeks: WeekLine[] }>('GET', `/tallies/weekly${qs(q)}`),
  recordTally: (q: Query) => call<{ by: string; rows: TallyRow[] }>('GET', `/tallies/record${qs(q)}`),
  reports: (q: Query) => call<{ total: number; limit: number; offset: number; reports: ReportListing[] }>('GET', `/reports${qs(q)}`),
  report: (id: string) => call<ReportDetail>('GET', `/reports/${encodeURIComponent(id)}`),
  sources: () => call<{ now: string; sources: SourceRow[] }>('GET', '/sources'),
  source: (name: string) => call<SourcePage>('GET', `/sources/${encodeURIComponent(name)}`),
  submit: (r: { text: string; published?: string | null; source?: string | null; title?: string | null }) => call<{ status: 'new' | 'duplicate'; report: ReportDetail }>('POST', '/reports', r),
};
