// The desk's API from the browser: same origin, the token (if any) from this tab's session storage.
// Response types come from the server's own modules (type-only imports: nothing of the server is bundled).
import type { ReportDetail, ReportListing, EventEdit, Role } from '../../src/api/record.js';
import type { IncidentDetail } from '../../src/api/incidents.js';
import type { EventIncident, WeekLine } from '../../src/api/reckoning.js';
import type { HistoryEntry, ReviewState } from '../../src/domain/review.js';
import type { AlertFiring, EventDetail, EventRow, IncidentRow, ReviewQueueRow, StoredAlert, TallyRow, WatchedSourceDetail, WatchedSourceStatus } from '../../src/store/store.js';
import type { TrackRecord } from '../../src/reconcile/track-record.js';
import type { SourceState } from '../../src/watch/source-status.js';

const TOKEN_KEY = 'observatory-token';

// Session storage: the token lasts as long as the tab, is never written to disk with the profile, and never in a URL.
export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (t: string | null) => (t ? sessionStorage.setItem(TOKEN_KEY, t) : sessionStorage.removeItem(TOKEN_KEY)),
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

/** `incident_id`: the record's incident holding the event (its page is #/incidents/ID); `incident`: its figures and links. */
export type EventPage = EventDetail & { incident_id: string | null; incident: EventIncident | null; edits: EventEdit[] };
export type { IncidentDetail };

/** An alert as the API gives it (src/api/alerts.ts): the webhook's host only, never its path or the secret. */
export type AlertRow = Omit<StoredAlert, 'webhook'> & { webhook_host: string };
export type ClaimantPage = { claimant: string; track_record: TrackRecord | null; incidents: (IncidentRow & { verified: boolean })[]; more: boolean };

export const api = {
  me: () => call<{ token: { id: string; name: string; role: Role; source_handler: boolean } | null; public_read: boolean }>('GET', '/me'),
  /** total only when asked with count: 'true'; next: the cursor of the following (older) page, or null. */
  events: (q: Query) => call<{ total?: number; limit: number; offset: number; next: string | null; events: EventRow[] }>('GET', `/events${qs(q)}`),
  incidents: (q: Query) => call<{ limit: number; next: string | null; incidents: IncidentRow[] }>('GET', `/incidents${qs(q)}`),
  incident: (id: string) => call<IncidentDetail>('GET', `/incidents/${encodeURIComponent(id)}`),
  event: (id: string) => call<EventPage>('GET', `/events/${encodeURIComponent(id)}`),
  editEvent: (id: string, patch: Record<string, unknown>) => call<EventPage>('PATCH', `/events/${encodeURIComponent(id)}`, patch),
  weekly: (q: Query) => call<{ weeks: WeekLine[] }>('GET', `/tallies/weekly${qs(q)}`),
  recordTally: (q: Query) => call<{ by: string; rows: TallyRow[] }>('GET', `/tallies/record${qs(q)}`),
  reports: (q: Query) => call<{ total: number; limit: number; offset: number; reports: ReportListing[] }>('GET', `/reports${qs(q)}`),
  report: (id: string) => call<ReportDetail>('GET', `/reports/${encodeURIComponent(id)}`),
  sources: () => call<{ now: string; sources: SourceRow[] }>('GET', '/sources'),
  source: (name: string) => call<SourcePage>('GET', `/sources/${encodeURIComponent(name)}`),
  submit: (r: { text: string; published?: string | null; source?: string | null; title?: string | null; field_source?: FieldSourceInput }) => call<{ status: 'new' | 'duplicate'; report: ReportDetail }>('POST', '/reports', r),
  reviewQueue: (q: Query) => call<{ state: ReviewState; sort: string; incidents: ReviewQueueRow[] }>('GET', `/review${qs(q)}`),
  review: (id: string, state: ReviewState, comment: string) => call<{ id: string; before: ReviewState; after: ReviewState; history: HistoryEntry[] }>('POST', `/review/${encodeURIComponent(id)}`, { state, comment }),
  alerts: (q: Query) => call<{ alerts: AlertRow[]; recent: AlertFiring[] }>('GET', `/alerts${qs(q)}`),
  claimant: (name: string) => call<ClaimantPage>('GET', `/claimants/${encodeURIComponent(name)}`),
  /** A field source's identity: source handlers only, with a reason the server logs. */
  fieldSource: (n: number, reason: string) => call<FieldSourceInput & { pseudonym: string }>('GET', `/field-sources/${n}${qs({ reason })}`),
};

export interface FieldSourceInput {
  name: string;
  contact?: string | null;
  place?: string | null;
  relation?: string | null;
  notes?: string | null;
}
