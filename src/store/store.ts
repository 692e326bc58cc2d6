// The record's one interface. The command line and (later) the API talk to a Store and nothing else;
// SQLite is the embedded default and PostgreSQL follows behind the same methods.
import type { SealedFieldSource } from '../domain/field-source.js';
import type { HistoryEntry, ReviewCounts, ReviewScope, ReviewState } from '../domain/review.js';
import type { VerifiedClaim } from '../reconcile/track-record.js';
import type { RangeRules } from '../reconcile/casualty-range.js';
import type { TrackRecordRule } from './range-rules.js';
import type { Conflict } from './carry-corrections.js';
import type { Observation } from '../domain/observation.js';
import type { Claim, ClaimantKind, ConflictEvent, DatePrecision, EventActor, Fatalities, PlacePrecision, ReportExtraction, ReportMeta, ReportSummary } from '../domain/types.js';
import type { GroupDeaths } from '../reconcile/summarize-incident.js';

export interface ReportInput {
  /** The normalized text the extraction read (its spans point into it). */
  text: string;
  meta: ReportMeta;
  extraction: ReportExtraction;
  /** The engine reads English only, so this is 'en' unless the input says otherwise. */
  language?: string | null;
  origin?: { path: string | null; line: number | null; id: string | null };
  /** The field source who sent it, sealed (src/store/source-vault.ts): the record never sees the identity. */
  fieldSource?: SealedFieldSource;
  /** The watched source's item the report was read from: marked seen in the same transaction as the report. */
  seen?: WatchedItem;
  /** Where this copy was seen, beyond the outlet and headline in meta: its page and when (default: now). */
  sighting?: { url?: string | null; seenAt?: string | null };
}

/** One copy of a report as an outlet carried it. */
export interface SightingInput {
  outlet: string | null;
  title: string | null;
  url?: string | null;
  /** ISO time; default now. */
  seenAt?: string | null;
}

/** Where a report was seen: each outlet and page that carried its story, under its own headline. */
export interface Sighting {
  outlet: string | null;
  url: string | null;
  title: string | null;
  seen_at: string;
  /** Jaccard similarity of the copy's text to the report's: 1 for the same text. */
  similarity: number;
}

/** The field's datasets the record imports and exports. */
export type Dataset = 'acled' | 'ucdp';

/** A dataset's row read for storage: what the events table holds, plus the dataset's own columns it cannot. */
export interface DatasetEvent {
  /** The record's id: the dataset's name and its id ("acled-SYR1", "ucdp-4021"). */
  id: string;
  dataset: Dataset;
  /** The dataset's own id (ACLED's event_id_cnty, GED's id). */
  external_id: string;
  type: string;
  sub_type: string;
  date_start: string;
  date_end: string;
  date_precision: DatePrecision;
  country: string;
  admin1: string | null;
  admin2: string | null;
  location: string | null;
  lat: number | null;
  lon: number | null;
  geo_precision: PlacePrecision | 'unknown';
  fatalities: Fatalities[];
  /** The first is the side that acted (ACLED's actor1, GED's side_a). */
  actors: { name: string; type: string | null; bloc: string; role: EventActor['role'] }[];
  /** Who the dataset cites (ACLED's source, GED's source_office); the claimant of the event's one claim. */
  source: string | null;
  notes: string | null;
  /** ACLED's coding columns (acled_codings); null for other datasets. */
  acled: AcledCodingValues | null;
  /** The rest of the dataset's columns, as the file wrote them, so an export gives them back. */
  columns: Record<string, string>;
}

/** new: a report of its own; sighting: a story the record holds, seen at another outlet or page (one more
 * sighting of that report); duplicate: a copy already seen there, which changes nothing. */
export type IngestStatus = 'new' | 'sighting' | 'duplicate';

export interface IngestResult {
  status: IngestStatus;
  /** The report stored, or the one this text repeats. */
  reportId: string;
  events: number;
  claims: number;
  /** Held reports whose sketches were compared to find the same story (bounded, whatever the record's size). */
  examined: number;
}

export interface ImportResult {
  added: number;
  duplicate: number;
}

export interface EventFilter {
  /** YYYY-MM-DD, inclusive, on the event's start date. */
  from?: string;
  to?: string;
  /** Case-insensitive exact match. */
  country?: string;
  admin1?: string;
  /** Case-insensitive part of a place name. */
  place?: string;
  /** Perpetrator bloc, exact. */
  bloc?: string;
  /** Case-insensitive part of the name of any actor of the event. */
  actor?: string;
  /** ACLED event type or sub-type, case-insensitive exact. */
  type?: string;
  /** Case-insensitive part of the name of a claimant behind the event (for ACLED events: its source). */
  claimant?: string;
  minFatalities?: number;
  origin?: 'extracted' | Dataset;
  /** Located events within km of a point. */
  near?: { lat: number; lon: number; km: number };
  /** Events of this scope only: incident, period-total or cumulative-toll. */
  scope?: string;
  /** Incidents (and their events) by review: all but rejected unless told (a rejected incident leaves every sum). */
  review?: ReviewScope;
}

export interface Page {
  limit?: number;
  offset?: number;
}

/** The events' filters, as they apply to incidents, and the incident's own status. */
export interface IncidentFilter extends EventFilter {
  /** single-source, corroborated, contested or no-figures. */
  status?: string;
}

/** Where a page of a newest-first listing (undated last) ended: its last row's date and id. */
export interface PageCursor {
  date: string | null;
  id: string;
}

/** An event as listed and exported: the row, flattened. */
export interface EventRow {
  id: string;
  origin: string;
  external_id: string | null;
  report_id: string | null;
  type: string;
  sub_type: string;
  date_start: string | null;
  date_end: string | null;
  date_precision: string | null;
  country: string | null;
  admin1: string | null;
  admin2: string | null;
  location: string | null;
  lat: number | null;
  lon: number | null;
  geo_precision: string | null;
  weapon: string | null;
  fatalities_best: number;
  perpetrator_actor: string | null;
  perpetrator_bloc: string | null;
  source: string | null;
}

/** A reconciled incident as listed and exported: one row however many reports tell it. */
export interface IncidentRow {
  id: string;
  date_start: string | null;
  date_end: string | null;
  date_precision: string | null;
  country: string | null;
  admin1: string | null;
  location: string | null;
  lat: number | null;
  lon: number | null;
  geo_precision: string | null;
  type: string;
  sub_type: string;
  weapon: string | null;
  perpetrator_actor: string | null;
  perpetrator_bloc: string | null;
  /** single-source, corroborated, contested, or no-figures when no report gives deaths. */
  status: string;
  deaths_low: number | null;
  deaths_best: number | null;
  deaths_high: number | null;
  /** The best rests on vague words only ("dozens"): it is the least they say. */
  deaths_vague: boolean;
  groups: GroupDeaths[];
  claimants: string[];
  actors: EventActor[];
  events: number;
  reports: number;
}

/** An incident in the review queue: its row, its review (null: never reviewed) and the weight that ranks it. */
export interface ReviewQueueRow extends IncidentRow {
  review: { state: ReviewState; reviewer: string; reviewed_at: string; comment: string | null } | null;
  impact: number;
}

/** What re-reading one stored report with the current engine changed (or would change, on a dry run). */
export interface ReextractResult {
  reportId: string;
  /** unchanged: the engine reads it as stored; changed: written (or would be); held-back: left as it was. */
  status: 'unchanged' | 'changed' | 'held-back';
  events: { before: number; after: number; kept: number; added: number; gone: number; changed: number };
  claims: { before: number; after: number };
  conflicts: Conflict[];
}

/** An incident as exported: the row and the events (one per report telling it) it was reconciled from. */
export interface ExportedIncident extends IncidentRow {
  event_ids: string[];
}

export interface StoredClaim extends Claim {
  report_id: string | null;
}

export interface ReportRef {
  id: string;
  title: string | null;
  publisher: string | null;
  published: string | null;
  hash: string;
  text: string;
}

/** One event with everything behind it: the claims, and the reports they were read from. */
export interface EventDetail {
  event: ConflictEvent & { origin: string; external_id: string | null; admin2: string | null; source: string | null; notes: string | null };
  claims: StoredClaim[];
  reports: ReportRef[];
}

/** What export needs beyond the row: who said it, the figures by group, and the dataset's own coding when the event came from one. */
export interface ExportedEvent extends EventRow {
  actors: { name: string; bloc: string; role: string; type: string | null }[];
  claimants: string[];
  notes: string | null;
  scope: string | null;
  fatalities: Fatalities[];
  acled: AcledCodingValues | null;
  /** The imported dataset's columns the events table does not hold (DatasetEvent.columns); null for extracted events. */
  columns: Record<string, string> | null;
}

export interface AcledCodingValues {
  assoc_actor_1: string | null;
  inter1: string | null;
  actor2: string | null;
  assoc_actor_2: string | null;
  inter2: string | null;
  interaction: string | null;
  time_precision: string | null;
  geo_precision: string | null;
  source_scale: string | null;
}

export type TallyKey = 'month' | 'admin1' | 'country' | 'actor' | 'bloc' | 'type';

export interface TallyRow {
  key: string | null;
  events: number;
  /** Summed without cumulative tolls (see KyselyStore.tally). */
  fatalities: number;
}

export interface LinkDecision {
  id: string;
  a: string;
  b: string;
  decision: 'link' | 'unlink';
  note: string | null;
  analyst: string | null;
  decided_at: string;
}

export interface Failure {
  path: string;
  line: number;
  error: string;
  failed_at: string;
}

export interface ReportListing {
  id: string;
  title: string | null;
  publisher: string | null;
  published: string | null;
  ingested_at: string;
  events: number;
  claims: number;
  /** Outlets and pages the story was seen at (1 for a report seen once). */
  sightings: number;
}

/** An event as extraction gave it, with the store's id, so a report page can link to the event page. */
export type ReportEvent = ConflictEvent;

/** A report with what was read from it. */
export interface ReportDetail extends Omit<ReportListing, 'sightings'> {
  hash: string;
  language: string | null;
  /** The normalized text: every span below points into it. */
  text: string;
  summary: ReportSummary | null;
  extracted: { events: ReportEvent[]; claims: StoredClaim[] };
  /** The pseudonym of the field source who sent it ("field source 7"), or null. Never the identity. */
  /** Every outlet and page that carried it, first seen first. */
  sightings: Sighting[];
  field_source: string | null;
}

/** A field source as everyone may see it: the pseudonym and how much came from it. */
export interface FieldSourceListing {
  number: number;
  pseudonym: string;
  reports: number;
  created_at: string;
}

/** One read of an identity, from the log nothing deletes. */
export interface FieldSourceRead {
  pseudonym: string;
  reader: string;
  reason: string;
  read_at: string;
}

/** The fields an analyst may correct. Figures are not among them: they come from claims, and stay traceable to them. */
export interface EventPatch {
  type?: string;
  sub_type?: string;
  notes?: string | null;
  date?: { start: string; end: string; precision: 'day' | 'week' | 'month' | 'year' | 'range' } | null;
}

export interface EventEdit {
  id: string;
  event_id: string;
  editor: string;
  edited_at: string;
  changes: Record<string, [unknown, unknown]>;
}

/** A desk API token as held (the store keeps the token's hash, never the token). */
export interface StoredToken {
  id: string;
  name: string;
  role: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** May read field sources' identities: a capability no role implies. */
  source_handler: boolean;
  /** Refused after this instant; null: until revoked. */
  expires_at: string | null;
}

/** url: a feed or an article page; folder: a local folder of text files and JSONL batches. */
export type WatchedSourceType = 'url' | 'folder';

/** A source the record watches, as held. */
export interface WatchedSource {
  name: string;
  location: string;
  type: WatchedSourceType;
  kind: ClaimantKind;
  country: string | null;
  interval_seconds: number;
  added_at: string;
  next_due_at: string;
  last_fetch_at: string | null;
  last_ok_at: string | null;
  last_outcome: PollOutcome['outcome'] | null;
  last_error: string | null;
  /** Polls failed in a row. */
  failures: number;
  etag: string | null;
  last_modified: string | null;
  lease_owner: string | null;
  lease_until: string | null;
}

export type NewWatchedSource = Pick<WatchedSource, 'name' | 'location' | 'type' | 'kind' | 'country' | 'interval_seconds'>;

/** A source with what came of its items, as the desk lists it. */
export interface WatchedSourceStatus extends WatchedSource {
  /** Items seen (feed entries, pages, files, batch lines), whatever came of them. */
  items_seen: number;
  /** Items that became a new report. */
  reports_ingested: number;
  /** Items whose text the record already held. */
  duplicates: number;
  /** Items that failed (their last error is kept; see WatchedItemRow). */
  items_failed: number;
  /** Items first seen in the 24 hours before the listing. */
  items_last_day: number;
  /** Items first seen on each of the last 7 days (UTC), oldest first. */
  per_day: { day: string; items: number }[];
}

/** An item of a watched source, with what the watcher read about it. */
export interface WatchedItem {
  source: string;
  key: string;
  url: string | null;
  title: string | null;
  author: string | null;
  published: string | null;
  outlet: string | null;
}

export type WatchedItemStatus = 'new' | 'duplicate' | 'failed' | 'read';

export interface WatchedItemRow extends WatchedItem {
  status: WatchedItemStatus;
  report_id: string | null;
  error: string | null;
  attempts: number;
  seen_at: string;
  done_at: string;
}

/** One source in detail: its status, its latest items and its failed ones. */
export interface WatchedSourceDetail extends WatchedSourceStatus {
  recent: WatchedItemRow[];
  failed: WatchedItemRow[];
}

/** How a poll of a source ended, written when the watcher lets it go. */
export interface PollOutcome {
  at: string;
  outcome: 'fetched' | 'not-modified' | 'error';
  error: string | null;
  /** Failures in a row after this poll (0 after a good one). */
  failures: number;
  next_due_at: string;
  /** The validators for the next conditional request; undefined leaves the held ones. */
  etag?: string | null;
  last_modified?: string | null;
}

/** An alert as `alerts add` gives it: the condition and filters already checked (src/domain/alert-condition.ts). */
export interface AlertInput {
  name: string;
  condition: string;
  country: string | null;
  admin1: string | null;
  bloc: string | null;
  type: string | null;
  withinSeconds: number | null;
  webhook: string;
  /** The signing key, made by the caller and shown once. */
  secret: string;
}

/** An alert as listed: never its secret. */
export interface StoredAlert {
  id: string;
  name: string;
  condition: string;
  country: string | null;
  admin1: string | null;
  bloc: string | null;
  type: string | null;
  within_seconds: number | null;
  webhook: string;
  created_at: string;
  removed_at: string | null;
  /** Incidents it fired for. */
  fired: number;
  /** Deliveries still to post (first tries and retries). */
  pending: number;
}

/** A delivery a courier has claimed: what to post where, signed with what. */
export interface DueDelivery {
  id: string;
  alert_id: string;
  alert_name: string;
  incident_id: string;
  webhook: string;
  secret: string;
  payload: string;
  /** Attempts made before this one. */
  attempts: number;
}

/** What one attempt came to, and what happens to the delivery next. */
export interface AttemptOutcome {
  at: string;
  httpStatus: number | null;
  error: string | null;
  ms: number;
  status: 'delivered' | 'pending' | 'failed';
  /** When to try again (status pending). */
  nextAttemptAt: string | null;
}

/** One line of `alerts log`: an attempt, or a firing not yet tried (attempt 0). */
export interface AlertLogLine {
  at: string;
  alert: string;
  incident_id: string;
  delivery_id: string;
  attempt: number;
  http_status: number | null;
  error: string | null;
  ms: number | null;
  /** The delivery's status now, and when it is due next if pending. */
  status: string;
  next_attempt_at: string | null;
}

/** A firing as the desk lists it, newest first. */
export interface AlertFiring {
  delivery_id: string;
  alert: string;
  condition: string;
  incident_id: string;
  fired_at: string;
  status: string;
  attempts: number;
  delivered_at: string | null;
  last_error: string | null;
  /** The incident as it was when the alert fired (from the delivery's body). */
  incident: { date_start: string | null; location: string | null; admin1: string | null; country: string | null; sub_type: string; killed: number | null };
}

export interface StoreCounts {
  reports: number;
  events: number;
  claims: number;
  actors: number;
  places: number;
  sources: number;
  failures: number;
}

/** Whether the record can serve now, and if not, why, in words for whoever runs the server. */
export type Readiness = { ready: true } | { ready: false; reason: string };

export interface Store {
  /** Where the record is, as opened (a SQLite file or a postgres:// URL): a worker thread opens its own connection there. */
  readonly location: string;
  /** Stores a report with its events and claims in one transaction; a report whose text hash is known is left alone. */
  ingestReport(input: ReportInput): Promise<IngestResult>;
  /** Whether a text with this hash is held (as a report, or as another outlet's copy of one). */
  hasReport(hash: string): Promise<boolean>;
  /** Before extraction: when a text with this hash is held, records this copy as a sighting of its report and
   * returns the result (sighting, or duplicate when this outlet's page was seen already); null when not held. */
  sightReport(hash: string, seen: SightingInput): Promise<IngestResult | null>;
  recordFailure(path: string, line: number, error: string): Promise<void>;
  /** Forgets a failure once the item went in. */
  clearFailure(path: string, line: number): Promise<void>;
  listFailures(): Promise<Failure[]>;

  listEvents(filter: EventFilter, page?: Page): Promise<EventRow[]>;
  /** The next `limit` events after `after`, in listEvents' order: keyset paging, so a deep page costs what the first does. */
  listEventsAfter(filter: EventFilter, after: PageCursor | null, limit: number): Promise<EventRow[]>;
  countEvents(filter: EventFilter): Promise<number>;
  tally(filter: EventFilter, by: TallyKey, limit?: number): Promise<TallyRow[]>;
  getEvent(id: string): Promise<EventDetail | null>;
  /** Every matching event, oldest first, read in pages so memory stays flat on millions of rows. */
  exportEvents(filter: EventFilter): AsyncIterable<ExportedEvent>;
  /** Stores a dataset's events (one transaction for the lot); an event whose id is already held is left alone. */
  importDataset(events: DatasetEvent[]): Promise<ImportResult>;

  /** Reconciled incidents matching the filter (on the incident's own date, place, type, perpetrator and best deaths;
   * on any of its events for place names, actors, claimants and distance), newest first. */
  listIncidents(filter: IncidentFilter, page?: Page): Promise<IncidentRow[]>;
  countIncidents(filter: IncidentFilter): Promise<number>;
  /** The next `limit` incidents after `after`, in listIncidents' order: keyset paging, so a deep page costs what the first does. */
  listIncidentsAfter(filter: IncidentFilter, after: PageCursor | null, limit: number): Promise<IncidentRow[]>;
  /** One incident with its events' ids, or null when no incident has this id. */
  getIncident(id: string): Promise<ExportedIncident | null>;
  /** Every matching incident, oldest first, in keyset pages. */
  exportIncidents(filter: EventFilter): AsyncIterable<ExportedIncident>;
  /** The id of the incident an event belongs to, or null (a period total, a toll, an imported event). */
  incidentOf(eventId: string): Promise<string | null>;
  /** Reconciles the whole record again (after rows were written around the Store), keeping every id an
   * incident's anchor still holds; returns how many incidents there are. */
  rebuildIncidents(): Promise<number>;
  /** The events of one incident as observations, oldest first; none when no incident has this id. */
  incidentObservations(incidentId: string): Promise<Observation[]>;

  /** Events with their claims, as reconciliation reads them, oldest first, in pages. */
  observations(filter: EventFilter): AsyncIterable<Observation>;
  /** Every analyst decision on a link, oldest first: the history. */
  linkDecisions(): Promise<LinkDecision[]>;
  /** Records the decision and regroups the two events' incidents at once (the surviving incident keeps its id). */
  recordLinkDecision(d: Omit<LinkDecision, 'id' | 'decided_at'>): Promise<LinkDecision>;

  /** Reports, last ingested first, each with how many events and claims were read from it. */
  listReports(page: Page): Promise<{ total: number; reports: ReportListing[] }>;
  getReport(id: string): Promise<ReportDetail | null>;

  /** An analyst's correction: the event, what is derived from it (the per-actor monthly totals) and the edit's log entry, in one transaction. False when there is no such event. */
  updateEvent(id: string, patch: EventPatch, editor: string): Promise<boolean>;
  /** The event's corrections, oldest first. */
  eventEdits(id: string): Promise<EventEdit[]>;

  /** `hash`: the token's sha256, by which liveToken finds it. */
  addToken(token: StoredToken, hash: string): Promise<void>;
  /** The live token with this hash (not revoked, not expired at `now`), or null. */
  liveToken(hash: string, now: string): Promise<StoredToken | null>;
  /** One attempt, never waited for: a lock another process holds fails it at once (see isTransient), and the caller
   * may let the stamp wait for a later request rather than hold a read up. */
  markTokenUsed(id: string, at: string): Promise<void>;
  listTokens(): Promise<StoredToken[]>;
  /** False when there is no such live token. */
  revokeToken(id: string, at: string): Promise<boolean>;

  /** Sets an incident's review state and logs the change, in one transaction; null when there is no such incident. */
  reviewIncident(id: string, state: ReviewState, reviewer: string, comment: string | null): Promise<{ before: ReviewState; after: ReviewState } | null>;
  /** Incidents in a review state (unreviewed by default), by impact or newest first. */
  reviewQueue(options: { state?: ReviewState; sort?: 'impact' | 'recent'; limit?: number }): Promise<ReviewQueueRow[]>;
  incidentExists(id: string): Promise<boolean>;
  /** Everything that changed an incident: its reviews, its events' edits and the link decisions on them, oldest first. */
  incidentHistory(id: string): Promise<HistoryEntry[]>;
  /** How many incidents matching the filter are in each review state (the filter's own review scope aside). */
  reviewCounts(filter: EventFilter): Promise<ReviewCounts>;

  /** Stored reports read from text (imported datasets aside), ingested on or after `since` when given, oldest first. */
  reportsToReextract(since?: string): AsyncIterable<{ id: string; text: string; meta: ReportMeta }>;
  /**
   * A stored report's extraction replaced by a fresh one, in one transaction, keeping what people decided
   * (src/store/carry-corrections.ts); nothing is written on a dry run, when nothing changed, or when held back.
   */
  reextractReport(reportId: string, input: ReportInput, options?: { dryRun?: boolean }): Promise<ReextractResult>;

  /** Every claim behind a verified incident, with the verified best and when its report was published: what track records are made of. */
  verifiedClaims(): Promise<VerifiedClaim[]>;
  /** The casualty-range rules the desk turned on (none by default), with the track records they read. */
  rangeRules(): Promise<RangeRules>;
  trackRecordRule(): Promise<TrackRecordRule | null>;
  /** Turns the track-record rule on or off (null) and reckons every incident again under it; returns how many. */
  setTrackRecordRule(rule: TrackRecordRule | null, by: string): Promise<number>;

  /** Field sources by pseudonym, with how many reports each sent. */
  listFieldSources(): Promise<FieldSourceListing[]>;
  /** The sealed identity of "field source N", its read logged in the same transaction; null when there is none. */
  readFieldSource(number: number, reader: string, reason: string): Promise<{ sealed: string; key_id: string } | null>;
  /** The log of identity reads, newest first (one source's when a number is given). */
  fieldSourceReads(number?: number): Promise<FieldSourceRead[]>;
  /** Every identity opened and sealed again (a key rotation), in one transaction: all or none. Returns how many. */
  resealFieldSources(reseal: (stored: { sealed: string; key_id: string }) => SealedFieldSource): Promise<number>;
  /** A new source, due at once. Refused (one line) when its name or its location is already watched. */
  addWatchedSource(source: NewWatchedSource): Promise<WatchedSource>;
  /** Forgets the source and its seen items (the reports stay). False when there is no such source. */
  removeWatchedSource(name: string): Promise<boolean>;
  /** Every watched source with its items' counts, by name. */
  watchedSources(): Promise<WatchedSourceStatus[]>;
  watchedSource(name: string, recent?: number): Promise<WatchedSourceDetail | null>;
  /** Takes up to `limit` sources due at `now` and held by no live lease, holding them for `owner` until `until`:
   * on PostgreSQL rows another watcher is taking are skipped, so each due source goes to one watcher. */
  claimDueSources(owner: string, now: string, until: string, limit: number): Promise<WatchedSource[]>;
  /** Extends the owner's hold on these sources; returns those it still held. */
  renewLeases(owner: string, names: string[], until: string): Promise<string[]>;
  /** Lets go of every source the owner holds, schedule unchanged (a watcher stopping, or one found dead). */
  releaseLeases(owner: string): Promise<number>;
  /** Writes how the poll ended and lets the source go; false when the owner no longer held it. */
  finishPoll(name: string, owner: string, outcome: PollOutcome): Promise<boolean>;
  /** What is recorded of these items of a source, by key. */
  seenItems(source: string, keys: string[]): Promise<Map<string, Pick<WatchedItemRow, 'status' | 'attempts'>>>;
  /** Records what came of an item that stored no new report (held text, a failure, a batch file read). */
  markItem(item: WatchedItem, status: Exclude<WatchedItemStatus, 'new'>, detail?: { reportId?: string | null; error?: string | null }): Promise<void>;
  /** Fails with one line when the name is taken. */
  addAlert(alert: AlertInput): Promise<StoredAlert>;
  /** Live alerts, oldest first; with `removed`, removed ones too. */
  listAlerts(options?: { removed?: boolean }): Promise<StoredAlert[]>;
  /** By name or id; its pending deliveries are cancelled, its log kept. False when there is no such live alert. */
  removeAlert(nameOrId: string): Promise<boolean>;
  /** Claims up to `limit` deliveries due at `now` for a courier until `until` (no other courier takes them meanwhile). */
  claimDeliveries(now: string, until: string, limit: number): Promise<DueDelivery[]>;
  /** Logs an attempt and moves the delivery on (delivered, due again later, or failed for good). */
  recordAttempt(delivery: DueDelivery, outcome: AttemptOutcome): Promise<void>;
  /** The earliest time a pending delivery is due, or null when none is pending. */
  nextDeliveryDue(): Promise<string | null>;
  /** Every attempt and every firing not yet tried, newest first. */
  alertLog(options: { alert?: string; limit: number }): Promise<AlertLogLine[]>;
  /** The latest firings, newest first, for the desk. */
  recentAlerts(limit: number): Promise<AlertFiring[]>;

  counts(): Promise<StoreCounts>;
  /** The database answers and its schema is the program's (every migration run). Never throws. */
  readiness(): Promise<Readiness>;
  close(): Promise<void>;
}
