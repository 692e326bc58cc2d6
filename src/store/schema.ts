// The tables as Kysely sees them. Column types are the portable subset (text, integer, double precision):
// the same schema runs on SQLite now and on PostgreSQL later. JSON is kept as text for the same reason.
/** Outlets that publish reports, claimants that say things, datasets that code events. */
export interface SourcesTable {
  id: string;
  name: string;
  /** Lower-case name: what the claimant filter compares against, as actors.key and places.key are. */
  key: string;
  /** outlet | claimant | dataset */
  role: string;
  /** For claimants a ClaimantKind; for outlets 'outlet'; for datasets the dataset name. */
  kind: string;
  bloc: string | null;
}

export interface ReportsTable {
  id: string;
  /** sha256 of the normalized text, hex: the identity of a report. */
  hash: string;
  /** The normalized text: every span in claims and events points into it. */
  text: string;
  title: string | null;
  publisher: string | null;
  publisher_id: string | null;
  published: string | null;
  language: string | null;
  ingested_at: string;
  /** Where the report came from: a path, and for a batch the line and the item id. */
  origin_path: string | null;
  origin_line: number | null;
  origin_id: string | null;
  /** ReportSummary as JSON. */
  summary: string | null;
}

export interface ClaimsTable {
  id: string;
  report_id: string | null;
  claimant: string;
  claimant_id: string | null;
  claimant_kind: string;
  publisher: string | null;
  scope: string;
  measure: string;
  /** Fatalities[] as JSON. */
  fatalities: string;
  /** Sum of best (else low) over the groups, for queries; null when no group has a number. */
  fatalities_best: number | null;
  date_start: string | null;
  date_end: string | null;
  date_precision: string | null;
  weapon: string | null;
  span_start: number | null;
  span_end: number | null;
  sentence: string | null;
  rule: string;
}

export interface ActorsTable {
  id: string;
  name: string;
  /** Lower-case name: what filters compare against, the same way on every database. */
  key: string;
  bloc: string | null;
  /** state-force, armed-group, militia, foreign-force, coalition, civilians, ... or null when unknown. */
  type: string | null;
}

export interface PlacesTable {
  id: string;
  name: string;
  key: string;
  admin1: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  precision: string | null;
}

export interface EventsTable {
  id: string;
  report_id: string | null;
  /** extracted | acled | ucdp */
  origin: string;
  /** The id the event has elsewhere (ACLED's event_id_cnty, GED's id), when it came from there. */
  external_id: string | null;
  type: string;
  sub_type: string;
  date_start: string | null;
  date_end: string | null;
  date_precision: string | null;
  /** YYYY-MM of date_start, stored so "by month" groups on a plain column on every database. */
  month: string | null;
  country: string | null;
  country_key: string | null;
  admin1: string | null;
  admin1_key: string | null;
  admin2: string | null;
  location: string | null;
  place_id: string | null;
  lat: number | null;
  lon: number | null;
  geo_precision: string | null;
  weapon: string | null;
  fatalities_best: number;
  /** Fatalities[] as JSON. */
  fatalities: string;
  perpetrator_actor: string | null;
  perpetrator_actor_id: string | null;
  perpetrator_bloc: string | null;
  /** EventActor[] as JSON, in the order extraction gave them. */
  actors: string;
  scope: string | null;
  sentence: string | null;
  span_start: number | null;
  span_end: number | null;
  /** The outlet(s) the event is known from: the report's publisher, or ACLED's source column. */
  source: string | null;
  /** A note the coder wrote (ACLED's notes); extracted events have none and get one written on export. */
  notes: string | null;
}

export interface EventActorsTable {
  event_id: string;
  actor_id: string;
  role: string;
}

export interface EventClaimsTable {
  event_id: string;
  claim_id: string;
  /** The claim's claimant (migration 0014), so the claimant filter need not join the claims. */
  claimant_id: string | null;
  /** basis: the claim the event was built from; later, reconciliation adds links of its own kinds. */
  role: string;
}

/** ACLED's columns that have no home in the event itself, kept as ACLED wrote them so export gives them back. */
export interface AcledCodingsTable {
  event_id: string;
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

/** An imported dataset's columns that have no home in the event or in acled_codings (ACLED's region, tags,
 * timestamp; GED's conflict and dyad ids, source articles, precisions), as the file wrote them, so export gives them back. */
export interface DatasetColumnsTable {
  event_id: string;
  /** acled | ucdp */
  dataset: string;
  /** The columns as a JSON object of strings, by the dataset's column names. */
  columns: string;
}

export interface FailuresTable {
  path: string;
  /** Line in a batch file; 0 for a whole file. */
  line: number;
  error: string;
  failed_at: string;
}

export interface LinkDecisionsTable {
  id: string;
  /** The pair in id order, so (a, b) and (b, a) are one pair. */
  event_a: string;
  event_b: string;
  decision: string;
  note: string | null;
  analyst: string | null;
  decided_at: string;
}

/** Events and fatalities (cumulative tolls left out) per perpetrator and month; '' for none. */
export interface ActorMonthTotalsTable {
  actor: string;
  month: string;
  events: number;
  fatalities: number;
}

/** A reconciled incident, kept in step with its events at ingest and at every link decision (incident-sync.ts). */
export interface IncidentsTable {
  /** `i:` and the anchor's id: never renamed while the anchor stays in the incident (keep-incident-ids.ts). */
  id: string;
  anchor_event: string;
  /** When the incident was first seen: the older of two merging incidents keeps its id. */
  created_at: string;
  date_start: string | null;
  date_end: string | null;
  date_precision: string | null;
  country: string | null;
  country_key: string | null;
  admin1: string | null;
  admin1_key: string | null;
  location: string | null;
  lat: number | null;
  lon: number | null;
  geo_precision: string | null;
  type: string;
  sub_type: string;
  weapon: string | null;
  perpetrator_actor: string | null;
  perpetrator_bloc: string | null;
  /** single-source | corroborated | contested | no-figures */
  status: string;
  deaths_low: number | null;
  deaths_best: number | null;
  deaths_high: number | null;
  /** 1 when the best rests on vague words only. */
  deaths_vague: number;
  /** GroupDeaths[] as JSON. */
  groups: string;
  /** string[] as JSON. */
  claimants: string;
  /** EventActor[] as JSON. */
  actors: string;
  events: number;
  reports: number;
}

/** Which incident each incident-scope event of a report belongs to; period totals and tolls have no row. */
export interface IncidentEventsTable {
  event_id: string;
  incident_id: string;
}

/** The desk's API tokens. */
export interface ApiTokensTable {
  id: string;
  name: string;
  /** viewer | analyst | admin */
  role: string;
  /** sha256 of the token, hex: the token itself is shown once and never stored. */
  hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  /** 1: may read field sources' identities (no role implies it, admin included). */
  source_handler: number;
  /** After this instant the token is refused; null: until revoked. */
  expires_at: string | null;
}

/** Analysts' corrections of events, oldest first per event: what changed, who changed it and when. */
export interface EventEditsTable {
  id: string;
  event_id: string;
  /** Who edited: the token's name (a person or a program), so an edit can be traced and asked about. */
  editor: string;
  edited_at: string;
  /** { field: [before, after] } as JSON. */
  changes: string;
}

/** A source the record watches: a feed or article page (by URL) or a local folder. Its schedule, its last
 * fetch, its conditional-request validators and, while a watcher polls it, that watcher's lease. */
export interface WatchedSourcesTable {
  /** The desk's name for it: what `sources show` and `sources remove` take. */
  name: string;
  /** An http(s) URL, or a folder's absolute path. */
  location: string;
  /** url | folder */
  type: string;
  /** The claimant kind of what it publishes (monitor, wire, ...): the publisher's kind when the lexicon does not know it. */
  kind: string;
  country: string | null;
  interval_seconds: number;
  added_at: string;
  /** ISO time; due when this is past and no live lease holds the source. */
  next_due_at: string;
  last_fetch_at: string | null;
  last_ok_at: string | null;
  /** fetched | not-modified | error, for the last poll. */
  last_outcome: string | null;
  last_error: string | null;
  /** Polls failed in a row: the exponent of the back-off; 0 once a poll succeeds. */
  failures: number;
  etag: string | null;
  last_modified: string | null;
  /** The watcher polling it now (host:pid:random) and until when its hold lasts unless renewed. */
  lease_owner: string | null;
  lease_until: string | null;
}

/** An item seen from a watched source (a feed entry, the page's text, a file, a batch line). */
export interface WatchedItemsTable {
  source: string;
  /** The item's identity within its source (feed guid or link, text hash, file path with size and time). */
  key: string;
  /** new (a report was stored) | duplicate (its text was held) | failed (attempts kept; retried a few times) | read (a batch file whose lines are items of their own). */
  status: string;
  report_id: string | null;
  url: string | null;
  title: string | null;
  author: string | null;
  published: string | null;
  outlet: string | null;
  error: string | null;
  attempts: number;
  /** When it was first seen, and when its last attempt ended. */
  seen_at: string;
  done_at: string;
}

/** Where a report was seen: the outlet that carried it, the page, when, under which headline. A report has one
 * sighting per outlet and page; the same story carried again (src/reconcile/same-story.ts) is one more sighting. */
export interface ReportSightingsTable {
  /** sha256 of report id, outlet and URL: the same outlet's same page is one sighting however often it is read. */
  id: string;
  report_id: string;
  outlet: string | null;
  url: string | null;
  title: string | null;
  seen_at: string;
  /** sha256 of the normalized text as this outlet carried it: read again, it is known without extraction. */
  text_hash: string;
  /** Jaccard similarity of its text to the report's (1 for the same text). */
  similarity: number;
}

/** A report's similarity sketch (src/domain/text-sketch.ts). */
export interface ReportSketchesTable {
  report_id: string;
  words: number;
  /** The MinHash values, 32-bit little-endian, base64. */
  minhash: string;
  /** The shingle hashes, ascending, 32-bit little-endian, base64. */
  shingles: string;
  /** [place, figure][] as JSON. */
  figures: string;
}

/** The LSH bands of every report's sketch: a new report's bands, looked up here, name the few reports it may repeat. */
export interface ReportBandsTable {
  /** Band number and 64 bits of the band's values ("7:3fa9...") */
  key: string;
  /** The report's ingested_at: a lookup reads the most recent reports sharing a band first. */
  at: string;
  report_id: string;
}

/** A standing question: tell this webhook when an incident meets this condition (src/domain/alert-condition.ts). */
export interface AlertsTable {
  id: string;
  name: string;
  /** The condition as written ("killed >= 10 and civilians killed > 0"). */
  condition: string;
  country: string | null;
  admin1: string | null;
  bloc: string | null;
  type: string | null;
  within_seconds: number | null;
  webhook: string;
  /** The key the webhook's body is signed with (HMAC-SHA256): shown once at creation, kept to sign. */
  secret: string;
  created_at: string;
  /** A removed alert raises nothing more; its log stays. */
  removed_at: string | null;
}

/** Whether an incident meets an alert now: an alert fires when an incident starts to meet it, not while it goes on. */
export interface AlertStatesTable {
  alert_id: string;
  incident_id: string;
  /** 1 while the incident meets the alert. */
  matching: number;
  changed_at: string;
}

/** One firing of an alert for an incident, to be posted to its webhook: written in the ingest's transaction, so a
 * process that dies before posting leaves it here for the next one. */
export interface AlertDeliveriesTable {
  id: string;
  alert_id: string;
  incident_id: string;
  created_at: string;
  /** The JSON body, exactly as posted and signed. */
  payload: string;
  /** pending | delivered | failed | cancelled */
  status: string;
  attempts: number;
  /** When a pending delivery is due next. */
  next_attempt_at: string | null;
  /** A courier holding it until then: two processes never post the same delivery at once. */
  claimed_until: string | null;
  delivered_at: string | null;
  last_error: string | null;
}

/** Every attempt to post a delivery: when, what came back, how long it took. */
export interface AlertAttemptsTable {
  id: string;
  delivery_id: string;
  attempt: number;
  at: string;
  http_status: number | null;
  error: string | null;
  ms: number;
}

export interface Database {
  sources: SourcesTable;
  reports: ReportsTable;
  claims: ClaimsTable;
  actors: ActorsTable;
  places: PlacesTable;
  events: EventsTable;
  event_actors: EventActorsTable;
  event_claims: EventClaimsTable;
  acled_codings: AcledCodingsTable;
  dataset_columns: DatasetColumnsTable;
  failures: FailuresTable;
  link_decisions: LinkDecisionsTable;
  actor_month_totals: ActorMonthTotalsTable;
  incidents: IncidentsTable;
  incident_events: IncidentEventsTable;
  api_tokens: ApiTokensTable;
  event_edits: EventEditsTable;
  field_sources: FieldSourcesTable;
  report_field_sources: ReportFieldSourcesTable;
  field_source_reads: FieldSourceReadsTable;
  incident_reviews: IncidentReviewsTable;
  review_log: ReviewLogTable;
  watched_sources: WatchedSourcesTable;
  watched_items: WatchedItemsTable;
  report_sightings: ReportSightingsTable;
  report_sketches: ReportSketchesTable;
  report_bands: ReportBandsTable;
  alerts: AlertsTable;
  alert_states: AlertStatesTable;
  alert_deliveries: AlertDeliveriesTable;
  alert_attempts: AlertAttemptsTable;
  settings: SettingsTable;
}

/** A desk's choice for the whole record (migration 0013): the value is JSON. */
export interface SettingsTable {
  name: string;
  value: string;
  changed_by: string;
  changed_at: string;
}

/** People on the ground who send reports: the identity sealed, never in clear (src/store/source-vault.ts). */
export interface FieldSourcesTable {
  id: string;
  /** The pseudonym's number: "field source 7". */
  number: number;
  /** Keyed hash of the normalized name: the same person, the same row. */
  blind: string;
  sealed: string;
  key_id: string;
  created_at: string;
}

export interface ReportFieldSourcesTable {
  report_id: string;
  field_source_id: string;
}

/** Every read of an identity: who, when and why. Nothing deletes these rows. */
export interface FieldSourceReadsTable {
  id: string;
  field_source_id: string;
  reader: string;
  reason: string;
  read_at: string;
}

/** An incident's review state; an incident without a row is unreviewed. */
export interface IncidentReviewsTable {
  incident_id: string;
  /** verified | disputed | rejected | unreviewed */
  state: string;
  reviewer: string;
  reviewed_at: string;
  comment: string | null;
}

/** Every change of an incident's review state, never updated or deleted. */
export interface ReviewLogTable {
  id: string;
  incident_id: string;
  state_before: string;
  state_after: string;
  reviewer: string;
  at: string;
  comment: string | null;
}
