// The Store written once in Kysely's portable query builder: no SQL that only one database speaks, so the
// SQLite and PostgreSQL backends are this class with another dialect (sqlite.ts, postgres.ts; what truly
// differs between the two is in dialect.ts).
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction, type SelectQueryBuilder, type Insertable, type Selectable, type SqlBool } from 'kysely';
import { pseudonym, type SealedFieldSource } from '../domain/field-source.js';
import { IMPACT, type HistoryEntry, type ReviewCounts, type ReviewState } from '../domain/review.js';
import type { ConflictEvent, DateValue, EventActor, EventLocation, Fatalities, ReportMeta, ReportSummary } from '../domain/types.js';
import type { RangeRules } from '../reconcile/casualty-range.js';
import type { VerifiedClaim } from '../reconcile/track-record.js';
import { carryCorrections, type CorrectableField, type StoredEvent } from './carry-corrections.js';
import { eventChange } from './event-patch.js';
import { datasetRows, reportRows } from './report-rows.js';
import type { Observation } from '../domain/observation.js';
import type { ActorMonthTotalsTable, ApiTokensTable, ClaimsTable, Database, EventsTable, IncidentsTable } from './schema.js';
import { dialectOf, isConnectionLost, isTransient } from './dialect.js';
import { migrateToLatest, schemaState } from './migrate.js';
import { rebuildIncidents, regroupAround } from './incident-sync.js';
import { rangeRulesOf, setTrackRecordRule, trackRecordRuleOf, verifiedClaimsOf, type TrackRecordRule } from './range-rules.js';
import { dateOf, locationOf, observationsOf } from './observation-rows.js';
import { NEEDLES, naming, planSubstrings, type Needle } from './substring-filters.js';
import * as watched from './watched-sources.js';
import { sketchText } from '../extract/sketch-text.js';
import * as alerts from './alerts.js';
import { addSighting, findSameStory, lockBands, reportForText, sightingRow, sketchRows, writeSketch, type Seen } from './sightings.js';
import type {
  AlertFiring,
  AlertInput,
  AlertLogLine,
  AttemptOutcome,
  DatasetEvent,
  DueDelivery,
  EventDetail,
  EventEdit,
  EventFilter,
  EventPatch,
  EventRow,
  ExportedEvent,
  ExportedIncident,
  Failure,
  FieldSourceListing,
  FieldSourceRead,
  ImportResult,
  PageCursor,
  IncidentFilter,
  IncidentRow,
  IngestResult,
  LinkDecision,
  NewWatchedSource,
  Page,
  PollOutcome,
  ReportDetail,
  ReportEvent,
  ReportInput,
  ReportListing,
  ReportRef,
  ReextractResult,
  ReviewQueueRow,
  Sighting,
  SightingInput,
  Store,
  StoreCounts,
  StoredAlert,
  StoredClaim,
  StoredToken,
  TallyKey,
  TallyRow,
  Readiness,
  WatchedItem,
  WatchedItemRow,
  WatchedItemStatus,
  WatchedSource,
  WatchedSourceDetail,
  WatchedSourceStatus,
} from './store.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Where a keyset page ends: the last (date, id) read. */
type PageKey = { date: string; id: string };

/** How long a readiness check waits for the database (a probe must answer even when the database does not). */
const READY_TIMEOUT_MS = 3_000;

/** Parameters per statement: under SQLite's 32766 and PostgreSQL's 65535. */
const MAX_PARAMS = 30_000;
const EXPORT_PAGE = 2_000;

const ROW_COLUMNS = [
  'events.id',
  'events.origin',
  'events.external_id',
  'events.report_id',
  'events.type',
  'events.sub_type',
  'events.date_start',
  'events.date_end',
  'events.date_precision',
  'events.country',
  'events.admin1',
  'events.admin2',
  'events.location',
  'events.lat',
  'events.lon',
  'events.geo_precision',
  'events.weapon',
  'events.fatalities_best',
  'events.perpetrator_actor',
  'events.perpetrator_bloc',
  'events.source',
] as const;

/** A token's columns but its hash, which never leaves the store. */
const TOKEN_COLUMNS = ['id', 'name', 'role', 'created_at', 'last_used_at', 'revoked_at', 'source_handler', 'expires_at'] as const;

const tokenOf = (r: Pick<ApiTokensTable, (typeof TOKEN_COLUMNS)[number]>): StoredToken => ({ ...r, source_handler: Number(r.source_handler) === 1 });

/** The report's field source: the sealed identity is stored once per person (found by its blind hash), then linked. */
async function linkFieldSource(trx: Transaction<Database>, reportId: string, fs: SealedFieldSource): Promise<void> {
  let row = await trx.selectFrom('field_sources').select('id').where('blind', '=', fs.blind).executeTakeFirst();
  if (!row) {
    // Numbers are handed out in order, one writer at a time (SQLite has one writer; PostgreSQL takes a lock).
    if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(hashtext('observatory.field_sources'))`.execute(trx);
    row = await trx.selectFrom('field_sources').select('id').where('blind', '=', fs.blind).executeTakeFirst();
  }
  if (!row) {
    const top = await trx.selectFrom('field_sources').select((eb) => eb.fn.max<number>('number').as('n')).executeTakeFirst();
    row = { id: `fs_${randomUUID()}` };
    await trx.insertInto('field_sources').values({ id: row.id, number: Number(top?.n ?? 0) + 1, blind: fs.blind, sealed: fs.sealed, key_id: fs.keyId, created_at: new Date().toISOString() }).execute();
  }
  await trx.insertInto('report_field_sources').values({ report_id: reportId, field_source_id: row.id }).onConflict((oc) => oc.column('report_id').doNothing()).execute();
}

const TALLY_COLUMN: Record<TallyKey, keyof EventsTable> = {
  month: 'month',
  admin1: 'admin1',
  country: 'country',
  actor: 'perpetrator_actor',
  bloc: 'perpetrator_bloc',
  type: 'type',
};

function claimOf(c: Selectable<ClaimsTable>): StoredClaim {
  return {
    id: c.id,
    report_id: c.report_id,
    claimant: c.claimant,
    claimant_kind: c.claimant_kind as StoredClaim['claimant_kind'],
    publisher: c.publisher,
    scope: c.scope as StoredClaim['scope'],
    measure: c.measure as StoredClaim['measure'],
    fatalities: JSON.parse(c.fatalities) as Fatalities[],
    date: c.date_start ? { start: c.date_start, end: c.date_end ?? c.date_start, precision: c.date_precision as DateValue['precision'] } : null,
    weapon: c.weapon as StoredClaim['weapon'],
    span: { start: c.span_start ?? 0, end: c.span_end ?? 0 },
    sentence: c.sentence ?? '',
    rule: c.rule,
  };
}

/** An event row as extraction's ConflictEvent, its claims given by id. */
function eventOf(e: Selectable<EventsTable>, claims: string[]): ReportEvent {
  return {
    id: e.id,
    type: e.type,
    sub_type: e.sub_type,
    date: dateOf(e),
    location: locationOf(e),
    actors: JSON.parse(e.actors) as EventActor[],
    fatalities: JSON.parse(e.fatalities) as Fatalities[],
    weapon: e.weapon as ConflictEvent['weapon'],
    claims,
    scope: (e.scope ?? 'incident') as ConflictEvent['scope'],
    sentence: e.sentence ?? '',
    span: { start: e.span_start ?? 0, end: e.span_end ?? 0 },
  };
}

/** Shared rows (sources, actors, places) once each and in id order: concurrent writers then take their row locks
 * in the same order on PostgreSQL and cannot deadlock on each other. */
function byId<T extends { id: string }>(rows: T[]): T[] {
  const seen = new Map<string, T>();
  for (const r of rows) if (!seen.has(r.id)) seen.set(r.id, r);
  return [...seen.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The per-actor per-month totals a set of new events adds, in key order (same reason as byId). */
function actorMonths(events: Pick<EventsTable, 'perpetrator_actor' | 'month' | 'scope' | 'fatalities_best'>[]): ActorMonthTotalsTable[] {
  const totals = new Map<string, ActorMonthTotalsTable>();
  for (const e of events) {
    const actor = e.perpetrator_actor ?? '';
    const month = e.month ?? '';
    const k = `${actor}\u0000${month}`;
    const t = totals.get(k) ?? { actor, month, events: 0, fatalities: 0 };
    t.events++;
    t.fatalities += e.scope === 'cumulative-toll' ? 0 : e.fatalities_best;
    totals.set(k, t);
  }
  return [...totals.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, t]) => t);
}

/** What putting `after` in place of `before` changes in the per-actor monthly totals, as increments in key order. */
function actorMonthsMoved(before: EventsTable, after: EventsTable): ActorMonthTotalsTable[] {
  const [was] = actorMonths([before]);
  const [now] = actorMonths([after]);
  if (was.actor === now.actor && was.month === now.month) {
    const fatalities = now.fatalities - was.fatalities;
    return fatalities ? [{ ...now, events: 0, fatalities }] : [];
  }
  const out = { ...was, events: -was.events, fatalities: -was.fatalities };
  return `${out.actor}\u0000${out.month}` < `${now.actor}\u0000${now.month}` ? [out, now] : [now, out];
}

async function addActorMonths(db: Db, rows: ActorMonthTotalsTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5_000) {
    await db
      .insertInto('actor_month_totals')
      .values(rows.slice(i, i + 5_000))
      .onConflict((oc) =>
        oc.columns(['actor', 'month']).doUpdateSet((eb) => ({
          events: eb('actor_month_totals.events', '+', eb.ref('excluded.events')),
          fatalities: eb('actor_month_totals.fatalities', '+', eb.ref('excluded.fatalities')),
        })),
      )
      .execute();
  }
}

/** How long one write waits, its attempts together, for a lock another process holds or a database coming back. */
export const WRITE_PATIENCE_MS = 10_000;

/**
 * Runs a write again while the database says a rerun can succeed: a lock another process holds (SQLite) or a
 * deadlock (PostgreSQL), where nothing of the failed run was kept; and, for a write that is the same done twice
 * (`idempotent`), a connection cut off mid-transaction, whose commit may or may not have happened. The waits are
 * timers, so a server answers its other requests meanwhile (SQLite's own wait, which holds the thread, is kept to
 * a few milliseconds: see sqlite.ts). Past WRITE_PATIENCE_MS the last error is thrown.
 */
async function retrying<T>(run: () => Promise<T>, options: { idempotent: boolean }): Promise<T> {
  const deadline = Date.now() + WRITE_PATIENCE_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      const again = isTransient(e) || (options.idempotent && isConnectionLost(e));
      if (!again || Date.now() >= deadline) throw e;
      // 5 ms doubling to a quarter second, jittered so that two waiting writers do not retry in step.
      const wait = Math.min(250, 5 * 2 ** attempt) * (0.5 + Math.random());
      await new Promise((r) => setTimeout(r, Math.min(wait, Math.max(0, deadline - Date.now()))));
    }
  }
}

/** A month-aligned date range (or none): the totals table answers a tally by actor over it. */
function monthRange(filter: EventFilter): { from: string | null; to: string | null } | null {
  const keys = Object.entries(filter).filter(([, v]) => v !== undefined).map(([k]) => k);
  if (keys.some((k) => k !== 'from' && k !== 'to')) return null;
  if (filter.from && !/^\d{4}-\d{2}-01$/.test(filter.from)) return null;
  if (filter.to) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(filter.to);
    if (!m) return null;
    const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
    if (Number(m[3]) !== last) return null;
  }
  return { from: filter.from?.slice(0, 7) ?? null, to: filter.to?.slice(0, 7) ?? null };
}

async function insertMany<T extends keyof Database>(db: Db, table: T, rows: Insertable<Database[T]>[], onConflictKeys?: string[]): Promise<void> {
  if (rows.length === 0) return;
  const per = Math.max(1, Math.floor(MAX_PARAMS / Object.keys(rows[0] as object).length));
  for (let i = 0; i < rows.length; i += per) {
    let q = db.insertInto(table).values(rows.slice(i, i + per) as any);
    if (onConflictKeys) q = q.onConflict((oc) => oc.columns(onConflictKeys as any).doNothing());
    await q.execute();
  }
}

/** Where this copy of a report was seen: its outlet and headline, its page, and when (default: when it was ingested). */
function seenOf(input: ReportInput, ingestedAt: string): Seen {
  return { outlet: input.meta.source, title: input.meta.title, url: input.sighting?.url ?? null, seenAt: input.sighting?.seenAt ?? ingestedAt };
}

export class KyselyStore implements Store {
  constructor(
    readonly db: Kysely<Database>,
    readonly location: string,
  ) {}

  async ingestReport(input: ReportInput): Promise<IngestResult> {
    const ingestedAt = new Date().toISOString();
    const rows = reportRows(input, ingestedAt);
    const seen = seenOf(input, ingestedAt);
    const sketch = sketchText(input.text);
    return retrying(() => this.db.transaction().execute(async (trx) => {
      // The report row goes first and on its own: when its hash is already held, nothing else is written,
      // and two processes racing on one report cannot both store it (the hash is unique: on PostgreSQL the
      // second insert waits for the first transaction and then does nothing, and that is a duplicate).
      // On SQLite this first write also takes the write lock, so what is read below is not stale.
      const inserted = await trx
        .insertInto('reports')
        .values({ ...rows.report, publisher_id: null })
        // No conflict target: the id is made from the hash, so a racing copy of the report meets the primary key
        // or the hash's unique index, whichever PostgreSQL checks first; either way it is the same report.
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
        const held = await trx.selectFrom('reports').select('id').where('hash', '=', rows.report.hash).executeTakeFirstOrThrow();
        // A text held already, now from a field source too: the report keeps its first source.
        if (input.fieldSource) await linkFieldSource(trx, held.id, input.fieldSource);
        if (input.seen) await watched.writeItemMark(trx, input.seen, 'duplicate', held.id, null, rows.report.ingested_at);
        const added = await addSighting(trx, sightingRow(held.id, seen, rows.report.hash, 1));
        return { status: added ? 'sighting' : 'duplicate', reportId: held.id, events: 0, claims: 0, examined: 0 };
      }
      // Another outlet's copy of a story the record holds is one more sighting of it: no report, no events.
      await lockBands(trx, sketch);
      const same = await findSameStory(trx, sketch, input.extraction.summary, rows.report.id);
      if (same.match) {
        await trx.deleteFrom('reports').where('id', '=', rows.report.id).execute();
        if (input.fieldSource) await linkFieldSource(trx, same.match.reportId, input.fieldSource);
        if (input.seen) await watched.writeItemMark(trx, input.seen, 'duplicate', same.match.reportId, null, rows.report.ingested_at);
        const added = await addSighting(trx, sightingRow(same.match.reportId, seen, rows.report.hash, same.match.similarity));
        return { status: added ? 'sighting' : 'duplicate', reportId: same.match.reportId, events: 0, claims: 0, examined: same.examined };
      }
      if (input.fieldSource) await linkFieldSource(trx, rows.report.id, input.fieldSource);
      await insertMany(trx, 'sources', byId(rows.sources), ['id']);
      // The publisher link waits for its source row (foreign keys are checked at once on SQLite).
      if (rows.report.publisher_id) await trx.updateTable('reports').set({ publisher_id: rows.report.publisher_id }).where('id', '=', rows.report.id).execute();
      await insertMany(trx, 'actors', byId(rows.actors), ['id']);
      await insertMany(trx, 'places', byId(rows.places), ['id']);
      await insertMany(trx, 'claims', rows.claims);
      await insertMany(trx, 'events', rows.events);
      await insertMany(trx, 'event_actors', rows.eventActors);
      await insertMany(trx, 'event_claims', rows.eventClaims);
      await writeSketch(trx, sketchRows(rows.report.id, sketch, ingestedAt));
      await addSighting(trx, sightingRow(rows.report.id, seen, rows.report.hash, 1));
      await addActorMonths(trx, actorMonths(rows.events));
      await alerts.raiseAlerts(trx, await regroupAround(trx, rows.events.map((e) => e.id)), ingestedAt);
      if (input.seen) await watched.writeItemMark(trx, input.seen, 'new', rows.report.id, null, rows.report.ingested_at);
      return { status: 'new' as const, reportId: rows.report.id, events: rows.events.length, claims: rows.claims.length, examined: same.examined };
    }), { idempotent: true });
  }

  async hasReport(hash: string): Promise<boolean> {
    return (await reportForText(this.db, hash)) !== null;
  }

  async sightReport(hash: string, sighting: SightingInput): Promise<IngestResult | null> {
    return retrying(() => this.db.transaction().execute(async (trx) => {
      const reportId = await reportForText(trx, hash);
      if (!reportId) return null;
      const seen: Seen = { outlet: sighting.outlet, title: sighting.title, url: sighting.url ?? null, seenAt: sighting.seenAt ?? new Date().toISOString() };
      const own = await trx.selectFrom('reports').select('hash').where('id', '=', reportId).executeTakeFirstOrThrow();
      const similarity = own.hash === hash ? 1 : ((await trx.selectFrom('report_sightings').select('similarity').where('text_hash', '=', hash).limit(1).executeTakeFirst())?.similarity ?? 1);
      const added = await addSighting(trx, sightingRow(reportId, seen, hash, similarity));
      return { status: added ? ('sighting' as const) : ('duplicate' as const), reportId, events: 0, claims: 0, examined: 0 };
    }), { idempotent: true });
  }

  async recordFailure(path: string, line: number, error: string): Promise<void> {
    const failed_at = new Date().toISOString();
    await retrying(() => this.db
      .insertInto('failures')
      .values({ path, line, error, failed_at })
      .onConflict((oc) => oc.columns(['path', 'line']).doUpdateSet({ error, failed_at }))
      .execute(), { idempotent: true });
  }

  async clearFailure(path: string, line: number): Promise<void> {
    await retrying(() => this.db.deleteFrom('failures').where('path', '=', path).where('line', '=', line).execute(), { idempotent: true });
  }

  async listFailures(): Promise<Failure[]> {
    return this.db.selectFrom('failures').selectAll().orderBy('path').orderBy('line').execute();
  }

  /** Events matching the filter; `drive`: the substring filter to read from the names' side (planned). */
  private filtered(filter: EventFilter, drive: Needle | null = null): SelectQueryBuilder<Database, 'events', {}> {
    const db = this.db;
    let q = db.selectFrom('events');
    if (filter.from) q = q.where('events.date_start', '>=', filter.from);
    if (filter.to) q = q.where('events.date_start', '<=', filter.to);
    if (filter.country) q = q.where('events.country_key', '=', filter.country.toLowerCase());
    if (filter.admin1) q = q.where('events.admin1_key', '=', filter.admin1.toLowerCase());
    if (filter.bloc) q = q.where('events.perpetrator_bloc', '=', filter.bloc);
    if (filter.origin) q = q.where('events.origin', '=', filter.origin);
    if (filter.scope) q = q.where('events.scope', '=', filter.scope);
    if (filter.minFatalities !== undefined) q = q.where('events.fatalities_best', '>=', filter.minFatalities);
    if (filter.near) {
      // A box on the (lat, lon) index, then the distance on a flat map around the point (good to a few
      // percent at the distances asked of it, and plain arithmetic on every database).
      const { lat, lon, km } = filter.near;
      const kx = 111.32 * Math.cos((lat * Math.PI) / 180);
      const dLat = km / 111.32;
      const dLon = km / Math.max(kx, 1e-6);
      q = q
        .where('events.lat', '>=', lat - dLat)
        .where('events.lat', '<=', lat + dLat)
        .where('events.lon', '>=', lon - dLon)
        .where('events.lon', '<=', lon + dLon)
        .where(sql<boolean>`(${sql.ref('events.lat')} - ${lat}) * (${sql.ref('events.lat')} - ${lat}) * ${111.32 * 111.32} + (${sql.ref('events.lon')} - ${lon}) * (${sql.ref('events.lon')} - ${lon}) * ${kx * kx} <= ${km * km}`);
    }
    if (filter.type) {
      const t = filter.type.toLowerCase();
      q = q.where((eb) => eb.or([eb(eb.fn('lower', ['events.type']), '=', t), eb(eb.fn('lower', ['events.sub_type']), '=', t)]));
    }
    for (const k of NEEDLES) {
      const needle = filter[k];
      if (needle) q = q.where((eb) => naming(eb, db, k, needle, k === drive));
    }
    if (filter.review === 'any') return q;
    return q.where('events.id', filter.review === 'verified' ? 'in' : 'not in', this.reviewedEvents(filter.review === 'verified' ? 'verified' : 'rejected'));
  }

  /** The events of incidents in one review state. */
  private reviewedEvents(state: ReviewState) {
    return this.db
      .selectFrom('incident_reviews')
      .innerJoin('incident_events', 'incident_events.incident_id', 'incident_reviews.incident_id')
      .select('incident_events.event_id')
      .where('incident_reviews.state', '=', state);
  }

  /** Incidents by review scope: verified only, or all but rejected. */
  private byReview(q: SelectQueryBuilder<Database, 'incidents', {}>, review: EventFilter['review']): SelectQueryBuilder<Database, 'incidents', {}> {
    if (review === 'any') return q;
    const state = review === 'verified' ? 'verified' : 'rejected';
    return q.where('incidents.id', review === 'verified' ? 'in' : 'not in', this.db.selectFrom('incident_reviews').select('incident_reviews.incident_id').where('incident_reviews.state', '=', state));
  }

  /** Which substring filter to read from the names' side for a query reading `wanted` rows (null: all). */
  private plan(filter: EventFilter, wanted: number | null): Promise<Needle | null> {
    const others: EventFilter = { ...filter, place: undefined, actor: undefined, claimant: undefined };
    return planSubstrings(this.db, filter, wanted, async (cap) => {
      const r = await this.db.selectFrom(this.filtered(others).select('events.id').limit(cap).as('left')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    });
  }

  async listEvents(filter: EventFilter, page: Page = {}): Promise<EventRow[]> {
    // An offset costs what reading the rows it skips costs, on any database: read them in keyset order.
    const offset = page.offset ?? 0;
    return (await this.listEventsAfter(filter, null, offset + (page.limit ?? 100))).slice(offset);
  }

  async listEventsAfter(filter: EventFilter, after: PageCursor | null, limit: number): Promise<EventRow[]> {
    const drive = await this.plan(filter, limit);
    const rows: EventRow[] = [];
    // Dated events newest first, then the undated in id order backwards: two plain index reads, where one
    // ORDER BY ... NULLS LAST with an OR over the cursor would keep the database off the index.
    if (after?.date !== null) {
      let q = this.filtered(filter, drive).where('events.date_start', 'is not', null);
      // The date bound alone lets an index whose last column is the date stop where the page starts.
      if (after) q = q.where('events.date_start', '<=', after.date!).where((eb) => eb(eb.refTuple('events.date_start', 'events.id'), '<', eb.tuple(after.date!, after.id)));
      if (drive) {
        // Read from the names' side, the matches are sorted: sort their ids and dates (an index holds both), then
        // read the page's rows, rather than sorting every matching row whole.
        const page = q.select('events.id').orderBy('events.date_start', 'desc').orderBy('events.id', 'desc').limit(limit);
        q = this.db.selectFrom('events').where('events.id', 'in', page);
      }
      rows.push(...(await q.select([...ROW_COLUMNS]).orderBy('events.date_start', 'desc').orderBy('events.id', 'desc').limit(limit).execute()));
    }
    if (rows.length < limit && !filter.from && !filter.to) {
      let q = this.filtered(filter, drive).where('events.date_start', 'is', null);
      if (after?.date === null) q = q.where('events.id', '<', after.id);
      rows.push(...(await q.select([...ROW_COLUMNS]).orderBy('events.id', 'desc').limit(limit - rows.length).execute()));
    }
    return rows;
  }

  async countEvents(filter: EventFilter): Promise<number> {
    const r = await this.filtered(filter, await this.plan(filter, null))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Fatalities are summed over incidents and period totals; a cumulative toll ("since 2011") would swamp them and is left out of the sum. */
  async tally(filter: EventFilter, by: TallyKey, limit = 20): Promise<TallyRow[]> {
    const months = by === 'actor' ? monthRange(filter) : null;
    // The totals table holds every event: once an incident is rejected, its events must be left out by reading them.
    if (months && !(await this.db.selectFrom('incident_reviews').select('incident_id').where('state', '=', 'rejected').limit(1).executeTakeFirst())) return this.tallyActorMonths(months, limit);
    return this.tallyEvents(filter, by, limit);
  }

  /** Top actors over whole months from the totals table: the same rows as tallyEvents, without reading every event. */
  private async tallyActorMonths(range: { from: string | null; to: string | null }, limit: number): Promise<TallyRow[]> {
    let q = this.db.selectFrom('actor_month_totals');
    if (range.from) q = q.where('month', '>=', range.from);
    if (range.to) q = q.where('month', '<=', range.to);
    const rows = await q
      .select((eb) => ['actor', eb.fn.sum<number>('events').as('events'), eb.fn.sum<number>('fatalities').as('fatalities')])
      .groupBy('actor')
      .orderBy('fatalities', 'desc')
      .orderBy('events', 'desc')
      .orderBy('actor')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ key: r.actor === '' ? null : r.actor, events: Number(r.events), fatalities: Number(r.fatalities ?? 0) }));
  }

  /** Tally read from the events themselves; public so tests can check the totals table against it. */
  async tallyEvents(filter: EventFilter, by: TallyKey, limit = 20): Promise<TallyRow[]> {
    const col = `events.${TALLY_COLUMN[by]}` as const;
    const rows = await this.filtered(filter, await this.plan(filter, null))
      .select((eb) => [sql.ref<string | null>(col).as('key'), eb.fn.countAll<number>().as('events'), eb.fn.sum<number>(eb.case().when('events.scope', '=', 'cumulative-toll').then(0).else(eb.ref('events.fatalities_best')).end()).as('fatalities')])
      .groupBy(col)
      .orderBy(by === 'month' ? sql.ref(col) : sql.ref('fatalities'), 'desc')
      .orderBy('events', 'desc')
      .orderBy(sql.ref(col))
      .limit(limit)
      .execute();
    return rows.map((r) => ({ key: r.key, events: Number(r.events), fatalities: Number(r.fatalities ?? 0) }));
  }

  async getEvent(id: string): Promise<EventDetail | null> {
    const e = await this.db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
    if (!e) return null;
    const claimRows = await this.db
      .selectFrom('event_claims')
      .innerJoin('claims', 'claims.id', 'event_claims.claim_id')
      .selectAll('claims')
      .where('event_claims.event_id', '=', id)
      .orderBy('claims.id')
      .execute();
    const claims = claimRows.map(claimOf);
    const reportIds = [...new Set([e.report_id, ...claims.map((c) => c.report_id)].filter((x): x is string => x !== null))];
    const reports: ReportRef[] = reportIds.length
      ? await this.db.selectFrom('reports').select(['id', 'title', 'publisher', 'published', 'hash', 'text']).where('id', 'in', reportIds).execute()
      : [];
    const event: EventDetail['event'] = {
      ...eventOf(e, claims.map((c) => c.id)),
      origin: e.origin,
      external_id: e.external_id,
      admin2: e.admin2,
      source: e.source,
      notes: e.notes,
    };
    return { event, claims, reports };
  }

  /** Dated events matching the filter after a keyset position, in (date, id) order: one page's query. */
  private datedAfter(filter: EventFilter, after: PageKey | null, drive: Needle | null): SelectQueryBuilder<Database, 'events', {}> {
    let q = this.filtered(filter, drive).where('events.date_start', 'is not', null);
    if (after) {
      const { date, id } = after;
      q = q.where((eb) => eb(eb.refTuple('events.date_start', 'events.id'), '>', eb.tuple(date, id)));
    }
    return q.orderBy('events.date_start').orderBy('events.id');
  }

  async *exportEvents(filter: EventFilter): AsyncIterable<ExportedEvent> {
    // Keyset pages in date order on the date index; events without a date follow, in id order.
    const drive = await this.plan(filter, EXPORT_PAGE);
    let after: PageKey | null = null;
    for (;;) {
      const page = await this.exportPage(this.datedAfter(filter, after, drive));
      for (const ev of page) yield ev;
      if (page.length < EXPORT_PAGE) break;
      const last = page[page.length - 1];
      after = { date: last.date_start!, id: last.id };
    }
    let afterId: string | null = null;
    for (;;) {
      let q = this.filtered(filter, drive).where('events.date_start', 'is', null);
      if (afterId) q = q.where('events.id', '>', afterId);
      const page = await this.exportPage(q.orderBy('events.id'));
      for (const ev of page) yield ev;
      if (page.length < EXPORT_PAGE) break;
      afterId = page[page.length - 1].id;
    }
  }

  private async exportPage(q: SelectQueryBuilder<Database, 'events', {}>): Promise<ExportedEvent[]> {
    const rows = await q
      .leftJoin('acled_codings', 'acled_codings.event_id', 'events.id')
      .leftJoin('dataset_columns', 'dataset_columns.event_id', 'events.id')
      .select([
        ...ROW_COLUMNS,
        'events.actors',
        'events.notes',
        'events.scope',
        'events.fatalities',
        'dataset_columns.columns',
        'acled_codings.event_id as coded',
        'acled_codings.assoc_actor_1',
        'acled_codings.inter1',
        'acled_codings.actor2',
        'acled_codings.assoc_actor_2',
        'acled_codings.inter2',
        'acled_codings.interaction',
        'acled_codings.time_precision',
        'acled_codings.geo_precision as acled_geo_precision',
        'acled_codings.source_scale',
      ])
      .limit(EXPORT_PAGE)
      .execute();
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [claimants, types] = await Promise.all([
      this.db
        .selectFrom('event_claims')
        .innerJoin('claims', 'claims.id', 'event_claims.claim_id')
        .select(['event_claims.event_id', 'claims.claimant'])
        .where('event_claims.event_id', 'in', ids)
        .orderBy('claims.id')
        .execute(),
      this.db
        .selectFrom('event_actors')
        .innerJoin('actors', 'actors.id', 'event_actors.actor_id')
        .select(['event_actors.event_id', 'actors.name', 'actors.type'])
        .where('event_actors.event_id', 'in', ids)
        .execute(),
    ]);
    const claimantsOf = new Map<string, string[]>();
    for (const c of claimants) {
      const xs = claimantsOf.get(c.event_id) ?? [];
      if (!xs.includes(c.claimant)) xs.push(c.claimant);
      claimantsOf.set(c.event_id, xs);
    }
    const typeOf = new Map(types.map((t) => [`${t.event_id}\u0000${t.name}`, t.type]));
    return rows.map((r) => {
      const { actors, fatalities, columns, coded, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, interaction, time_precision, acled_geo_precision, source_scale, ...row } = r;
      return {
        ...row,
        fatalities: JSON.parse(fatalities) as Fatalities[],
        columns: columns ? (JSON.parse(columns) as Record<string, string>) : null,
        actors: (JSON.parse(actors) as EventActor[]).map((a) => ({ ...a, type: typeOf.get(`${r.id}\u0000${a.name}`) ?? null })),
        claimants: claimantsOf.get(r.id) ?? [],
        acled: coded ? { assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, interaction, time_precision, geo_precision: acled_geo_precision, source_scale } : null,
      };
    });
  }

  async importDataset(events: DatasetEvent[]): Promise<ImportResult> {
    let added = 0;
    let duplicate = 0;
    await retrying(() => this.db.transaction().execute(async (trx) => {
      added = 0;
      duplicate = 0;
      const fresh: EventsTable[] = [];
      for (const a of events) {
        const rows = datasetRows(a);
        await insertMany(trx, 'sources', byId(rows.sources), ['id']);
        await insertMany(trx, 'actors', byId(rows.actors), ['id']);
        await insertMany(trx, 'places', byId(rows.places), ['id']);
        const r = await trx
          .insertInto('events')
          .values(rows.event)
          .onConflict((oc) => oc.column('id').doNothing())
          .executeTakeFirst();
        if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) {
          duplicate++;
          continue;
        }
        await trx.insertInto('claims').values(rows.claim).execute();
        await insertMany(trx, 'event_actors', rows.eventActors);
        await trx.insertInto('event_claims').values(rows.eventClaim).execute();
        if (rows.coding) await trx.insertInto('acled_codings').values(rows.coding).execute();
        await trx.insertInto('dataset_columns').values(rows.columns).execute();
        fresh.push(rows.event);
        added++;
      }
      await addActorMonths(trx, actorMonths(fresh));
      // Idempotent: an event whose id is held is left alone, so a rerun after a lost commit adds nothing twice.
    }), { idempotent: true });
    return { added, duplicate };
  }

  async *observations(filter: EventFilter): AsyncIterable<Observation> {
    const drive = await this.plan(filter, EXPORT_PAGE);
    let after: PageKey | null = null;
    for (;;) {
      const rows: Selectable<EventsTable>[] = await this.datedAfter(filter, after, drive).selectAll('events').limit(EXPORT_PAGE).execute();
      if (rows.length === 0) break;
      for (const o of await observationsOf(this.db, rows)) yield o;
      if (rows.length < EXPORT_PAGE) break;
      const last = rows[rows.length - 1];
      after = { date: last.date_start!, id: last.id };
    }
  }

  /** Incidents matching the filter, in its review scope (all but rejected unless told); `drive` as for filtered, planned by incidentPlan. */
  private incidentsFiltered(filter: IncidentFilter, drive: Needle | null = null): SelectQueryBuilder<Database, 'incidents', {}> {
    return this.byReview(this.incidentsUnscoped(filter, drive), filter.review);
  }

  /** Incidents matching the filter whatever their review: on their own columns where they have them, else on any of their events. */
  private incidentsUnscoped(filter: IncidentFilter, drive: Needle | null = null): SelectQueryBuilder<Database, 'incidents', {}> {
    let q = this.db.selectFrom('incidents');
    if (filter.from) q = q.where('incidents.date_start', '>=', filter.from);
    if (filter.to) q = q.where('incidents.date_start', '<=', filter.to);
    if (filter.country) q = q.where('incidents.country_key', '=', filter.country.toLowerCase());
    if (filter.admin1) q = q.where('incidents.admin1_key', '=', filter.admin1.toLowerCase());
    if (filter.bloc) q = q.where('incidents.perpetrator_bloc', '=', filter.bloc);
    if (filter.minFatalities !== undefined) q = q.where('incidents.deaths_best', '>=', filter.minFatalities);
    if (filter.status) q = q.where('incidents.status', '=', filter.status);
    if (filter.type) {
      const t = filter.type.toLowerCase();
      q = q.where((eb) => eb.or([eb(eb.fn('lower', ['incidents.type']), '=', t), eb(eb.fn('lower', ['incidents.sub_type']), '=', t)]));
    }
    const { place, actor, claimant, near, origin } = filter;
    if (place || actor || claimant || near || origin) {
      const events = this.filtered({ place, actor, claimant, near, origin, review: 'any' }, drive);
      // Few matching events (or no substring to weigh): their incidents; many: each incident checked in order.
      if (drive || !(place || actor || claimant)) {
        q = q.where('incidents.id', 'in', this.db.selectFrom('incident_events').select('incident_events.incident_id').where('incident_events.event_id', 'in', events.select('events.id')));
      } else {
        q = q.where(({ exists }) =>
          exists(events.innerJoin('incident_events', 'incident_events.event_id', 'events.id').select('events.id').where(sql<SqlBool>`${sql.ref('incident_events.incident_id')} = ${sql.ref('incidents.id')}`)),
        );
      }
    }
    return q;
  }

  /** The substring plan of an incidents query: on the events its filter reads. */
  private incidentPlan(filter: IncidentFilter, wanted: number | null): Promise<Needle | null> {
    const { place, actor, claimant, near, origin } = filter;
    return this.plan({ place, actor, claimant, near, origin }, wanted);
  }

  async listIncidents(filter: IncidentFilter, page: Page = {}): Promise<IncidentRow[]> {
    const dated = Boolean(filter.from || filter.to);
    const rows = await this.incidentsFiltered(filter, await this.incidentPlan(filter, (page.limit ?? 100) + (page.offset ?? 0)))
      .selectAll('incidents')
      .orderBy('incidents.date_start', (ob) => (dated ? ob.desc() : ob.desc().nullsLast()))
      .orderBy('incidents.id', 'desc')
      .limit(page.limit ?? 100)
      .offset(page.offset ?? 0)
      .execute();
    return rows.map(incidentRowOf);
  }

  async countIncidents(filter: IncidentFilter): Promise<number> {
    const r = await this.incidentsFiltered(filter, await this.incidentPlan(filter, null))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async listIncidentsAfter(filter: IncidentFilter, after: PageCursor | null, limit: number): Promise<IncidentRow[]> {
    const rows: Selectable<IncidentsTable>[] = [];
    // Dated incidents first, newest first, then the undated in id order backwards: two plain index reads
    // rather than one ORDER BY ... NULLS LAST, which an OR over the cursor would keep off the index.
    if (after?.date !== null) {
      let q = this.incidentsFiltered(filter).where('incidents.date_start', 'is not', null);
      if (after) q = q.where((eb) => eb(eb.refTuple('incidents.date_start', 'incidents.id'), '<', eb.tuple(after.date!, after.id)));
      rows.push(...(await q.selectAll('incidents').orderBy('incidents.date_start', 'desc').orderBy('incidents.id', 'desc').limit(limit).execute()));
    }
    if (rows.length < limit && !filter.from && !filter.to) {
      let q = this.incidentsFiltered(filter).where('incidents.date_start', 'is', null);
      if (after?.date === null) q = q.where('incidents.id', '<', after.id);
      rows.push(...(await q.selectAll('incidents').orderBy('incidents.id', 'desc').limit(limit - rows.length).execute()));
    }
    return rows.map(incidentRowOf);
  }

  async getIncident(id: string): Promise<ExportedIncident | null> {
    const [found] = await this.incidentPage(this.db.selectFrom('incidents').where('incidents.id', '=', id));
    return found ?? null;
  }

  async *exportIncidents(filter: EventFilter): AsyncIterable<ExportedIncident> {
    // Keyset pages in (date, id) order; undated incidents follow, in id order.
    const drive = await this.incidentPlan(filter, EXPORT_PAGE);
    let after: PageKey | null = null;
    for (;;) {
      let q = this.incidentsFiltered(filter, drive).where('incidents.date_start', 'is not', null);
      if (after) {
        const { date, id } = after;
        q = q.where((eb) => eb(eb.refTuple('incidents.date_start', 'incidents.id'), '>', eb.tuple(date, id)));
      }
      const page = await this.incidentPage(q.orderBy('incidents.date_start').orderBy('incidents.id'));
      yield* page;
      if (page.length < EXPORT_PAGE) break;
      const last = page[page.length - 1];
      after = { date: last.date_start!, id: last.id };
    }
    let afterId: string | null = null;
    for (;;) {
      let q = this.incidentsFiltered(filter, drive).where('incidents.date_start', 'is', null);
      if (afterId) q = q.where('incidents.id', '>', afterId);
      const page = await this.incidentPage(q.orderBy('incidents.id'));
      yield* page;
      if (page.length < EXPORT_PAGE) break;
      afterId = page[page.length - 1].id;
    }
  }

  private async incidentPage(q: SelectQueryBuilder<Database, 'incidents', {}>): Promise<ExportedIncident[]> {
    const rows = await q.selectAll('incidents').limit(EXPORT_PAGE).execute();
    if (rows.length === 0) return [];
    const members = await this.db
      .selectFrom('incident_events')
      .select(['incident_id', 'event_id'])
      .where('incident_id', 'in', rows.map((r) => r.id))
      .orderBy('event_id')
      .execute();
    const of = new Map<string, string[]>();
    for (const m of members) of.set(m.incident_id, [...(of.get(m.incident_id) ?? []), m.event_id]);
    return rows.map((r) => ({ ...incidentRowOf(r), event_ids: of.get(r.id) ?? [] }));
  }

  async incidentOf(eventId: string): Promise<string | null> {
    const r = await this.db.selectFrom('incident_events').select('incident_id').where('event_id', '=', eventId).executeTakeFirst();
    return r?.incident_id ?? null;
  }

  async rebuildIncidents(): Promise<number> {
    return retrying(() => this.db.transaction().execute(async (trx) => rebuildIncidents(trx as unknown as Kysely<Database>, await rangeRulesOf(trx))), { idempotent: true });
  }

  async incidentObservations(incidentId: string): Promise<Observation[]> {
    const rows = await this.db
      .selectFrom('events')
      .selectAll('events')
      .where('events.id', 'in', this.db.selectFrom('incident_events').select('event_id').where('incident_id', '=', incidentId))
      .orderBy('events.date_start')
      .orderBy('events.id')
      .execute();
    return observationsOf(this.db, rows);
  }

  async linkDecisions(): Promise<LinkDecision[]> {
    const rows = await this.db.selectFrom('link_decisions').selectAll().orderBy('decided_at').orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, a: r.event_a, b: r.event_b, decision: r.decision as LinkDecision['decision'], note: r.note, analyst: r.analyst, decided_at: r.decided_at }));
  }

  async recordLinkDecision(d: Omit<LinkDecision, 'id' | 'decided_at'>): Promise<LinkDecision> {
    for (const id of [d.a, d.b]) {
      const found = await this.db.selectFrom('events').select('id').where('id', '=', id).executeTakeFirst();
      if (!found) throw new Error(`no event ${id} in the record`);
    }
    const [a, b] = d.a < d.b ? [d.a, d.b] : [d.b, d.a];
    const decided_at = new Date().toISOString();
    const id = `${decided_at}-${a}-${b}`;
    await retrying(
      () =>
        this.db.transaction().execute(async (trx) => {
          // The id is fixed before the first attempt, so a rerun after a lost commit finds the decision held.
          await trx.insertInto('link_decisions').values({ id, event_a: a, event_b: b, decision: d.decision, note: d.note, analyst: d.analyst, decided_at }).onConflict((oc) => oc.column('id').doNothing()).execute();
          await alerts.raiseAlerts(trx, await regroupAround(trx, [a, b], decided_at), decided_at);
        }),
      { idempotent: true },
    );
    return { id, a, b, decision: d.decision, note: d.note, analyst: d.analyst, decided_at };
  }

  async listReports(page: Page): Promise<{ total: number; reports: ReportListing[] }> {
    const total = Number((await this.db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await this.db
      .selectFrom('reports')
      .select((eb) => [
        'reports.id',
        'reports.title',
        'reports.publisher',
        'reports.published',
        'reports.ingested_at',
        eb.selectFrom('events').whereRef('events.report_id', '=', 'reports.id').select((e) => e.fn.countAll<number>().as('n')).as('events'),
        eb.selectFrom('claims').whereRef('claims.report_id', '=', 'reports.id').select((e) => e.fn.countAll<number>().as('n')).as('claims'),
        eb.selectFrom('report_sightings').whereRef('report_sightings.report_id', '=', 'reports.id').select((e) => e.fn.countAll<number>().as('n')).as('sightings'),
      ])
      .orderBy('reports.ingested_at', 'desc')
      .orderBy('reports.id')
      .limit(page.limit ?? 50)
      .offset(page.offset ?? 0)
      .execute();
    return { total, reports: rows.map((r) => ({ ...r, events: Number(r.events ?? 0), claims: Number(r.claims ?? 0), sightings: Number(r.sightings ?? 0) })) };
  }

  async getReport(id: string): Promise<ReportDetail | null> {
    const r = await this.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) return null;
    const [eventRows, claimRows, sightings] = await Promise.all([
      this.db.selectFrom('events').selectAll().where('report_id', '=', id).orderBy('span_start').orderBy('id').execute(),
      this.db.selectFrom('claims').selectAll().where('report_id', '=', id).orderBy('span_start').orderBy('id').execute(),
      this.reportSightings(id),
    ]);
    const links = eventRows.length
      ? await this.db.selectFrom('event_claims').select(['event_id', 'claim_id']).where('event_id', 'in', eventRows.map((e) => e.id)).execute()
      : [];
    const events = eventRows.map((e) => eventOf(e, links.filter((l) => l.event_id === e.id).map((l) => l.claim_id)));
    return {
      id: r.id,
      hash: r.hash,
      title: r.title,
      publisher: r.publisher,
      published: r.published,
      ingested_at: r.ingested_at,
      language: r.language,
      text: r.text,
      summary: r.summary ? (JSON.parse(r.summary) as ReportSummary) : null,
      events: events.length,
      claims: claimRows.length,
      extracted: { events, claims: claimRows.map(claimOf) },
      field_source: await this.fieldSourceOf(id),
      sightings,
    };
  }

  async *reportsToReextract(since?: string): AsyncIterable<{ id: string; text: string; meta: ReportMeta }> {
    let after = '';
    for (;;) {
      let q = this.db.selectFrom('reports').select(['id', 'text', 'title', 'publisher', 'published']).where('id', '>', after);
      if (since) q = q.where('ingested_at', '>=', since);
      const rows = await q.orderBy('id').limit(500).execute();
      for (const r of rows) yield { id: r.id, text: r.text, meta: { published: r.published, source: r.publisher, title: r.title } };
      if (rows.length < 500) return;
      after = rows[rows.length - 1].id;
    }
  }

  async reextractReport(reportId: string, input: ReportInput, options: { dryRun?: boolean } = {}): Promise<ReextractResult> {
    return retrying(() => this.db.transaction().execute(async (trx) => {
      const rows = reportRows(input, new Date().toISOString());
      if (rows.report.id !== reportId) throw new Error(`${reportId}: the text read again is not the stored text`);
      const old = await trx.selectFrom('events').selectAll().where('report_id', '=', reportId).where('origin', '=', 'extracted').orderBy('id').execute();
      const oldIds = old.map((e) => e.id);
      const oldClaims = await trx.selectFrom('claims').selectAll().where('report_id', '=', reportId).orderBy('id').execute();
      const edits = oldIds.length ? await trx.selectFrom('event_edits').selectAll().where('event_id', 'in', oldIds).orderBy('edited_at').orderBy('id').execute() : [];
      const decided = new Set<string>();
      if (oldIds.length) {
        const reviewed = await trx.selectFrom('incident_events').innerJoin('incident_reviews', 'incident_reviews.incident_id', 'incident_events.incident_id').select('incident_events.event_id').where('incident_events.event_id', 'in', oldIds).execute();
        const linked = await trx.selectFrom('link_decisions').select(['event_a', 'event_b']).where((eb) => eb.or([eb('event_a', 'in', oldIds), eb('event_b', 'in', oldIds)])).execute();
        for (const r of reviewed) decided.add(r.event_id);
        for (const l of linked) decided.add(l.event_a).add(l.event_b);
      }
      const stored: StoredEvent[] = old.map((row) => {
        const corrected: StoredEvent['corrected'] = {};
        // The value before an event's first correction of a field is the engine's.
        for (const e of edits.filter((x) => x.event_id === row.id)) for (const [field, [before]] of Object.entries(JSON.parse(e.changes) as Record<string, [unknown, unknown]>)) if (!(field in corrected)) corrected[field as CorrectableField] = before;
        return { row, corrected, decided: decided.has(row.id) };
      });
      const carried = carryCorrections(stored, rows.events);
      const heldSummary = (await trx.selectFrom('reports').select('summary').where('id', '=', reportId).executeTakeFirst())?.summary ?? null;
      const claimsSame = heldSummary === rows.report.summary && JSON.stringify(oldClaims.map(({ id, ...c }) => [id, c])) === JSON.stringify(rows.claims.map(({ id, ...c }) => [id, c]));
      const status = carried.heldBack ? 'held-back' : carried.changed || carried.added || carried.gone.length || !claimsSame ? 'changed' : 'unchanged';
      const result: ReextractResult = {
        reportId,
        status,
        events: { before: old.length, after: carried.events.length, kept: carried.kept, added: carried.added, gone: carried.gone.length, changed: carried.changed },
        claims: { before: oldClaims.length, after: rows.claims.length },
        conflicts: carried.conflicts,
      };
      if (status !== 'changed' || options.dryRun) return result;

      const was = new Map((await trx.selectFrom('incident_events').select(['event_id', 'incident_id']).where('event_id', 'in', oldIds.length ? oldIds : ['']).execute()).map((r) => [r.event_id, r.incident_id]));
      if (oldIds.length) {
        await trx.deleteFrom('event_actors').where('event_id', 'in', oldIds).execute();
        await trx.deleteFrom('event_claims').where('event_id', 'in', oldIds).execute();
      }
      if (carried.gone.length) {
        await trx.deleteFrom('incident_events').where('event_id', 'in', carried.gone).execute();
        await trx.deleteFrom('events').where('id', 'in', carried.gone).execute();
      }
      await trx.deleteFrom('claims').where('report_id', '=', reportId).execute();
      await insertMany(trx, 'sources', byId(rows.sources), ['id']);
      await insertMany(trx, 'actors', byId(rows.actors), ['id']);
      await insertMany(trx, 'places', byId(rows.places), ['id']);
      await insertMany(trx, 'claims', rows.claims);
      const keptIds = new Set(old.map((e) => e.id));
      for (const e of carried.events) {
        if (keptIds.has(e.id)) {
          const { id, ...set } = e;
          await trx.updateTable('events').set(set).where('id', '=', id).execute();
        } else await trx.insertInto('events').values(e).execute();
      }
      const idOf = (freshId: string) => carried.ids.get(freshId) ?? freshId;
      await insertMany(trx, 'event_actors', rows.eventActors.map((a) => Object.assign({}, a, { event_id: idOf(a.event_id) })));
      await insertMany(trx, 'event_claims', rows.eventClaims.map((c) => Object.assign({}, c, { event_id: idOf(c.event_id) })));
      // One row per (actor, month): PostgreSQL refuses an upsert that touches a row twice.
      const net = new Map<string, ActorMonthTotalsTable>();
      for (const [sign, rows] of [[-1, actorMonths(old)], [1, actorMonths(carried.events)]] as const) {
        for (const m of rows) {
          const k = `${m.actor}\u0000${m.month}`;
          const t = net.get(k) ?? { actor: m.actor, month: m.month, events: 0, fatalities: 0 };
          t.events += sign * m.events;
          t.fatalities += sign * m.fatalities;
          net.set(k, t);
        }
      }
      const moved = [...net.values()].filter((m) => m.events || m.fatalities);
      await addActorMonths(trx, moved);
      for (const m of moved) await trx.deleteFrom('actor_month_totals').where('actor', '=', m.actor).where('month', '=', m.month).where('events', '=', 0).execute();
      await trx.updateTable('reports').set({ summary: rows.report.summary }).where('id', '=', reportId).execute();
      await regroupAround(trx, carried.events.map((e) => e.id));
      // An incident whose every event is gone is gone too.
      const orphans = [...new Set(carried.gone.map((id) => was.get(id)).filter((x): x is string => Boolean(x)))];
      if (orphans.length) await trx.deleteFrom('incidents').where('id', 'in', orphans).where('id', 'not in', trx.selectFrom('incident_events').select('incident_id')).execute();
      return result;
    }), { idempotent: true });
  }

  async verifiedClaims(): Promise<VerifiedClaim[]> {
    return verifiedClaimsOf(this.db);
  }

  async rangeRules(): Promise<RangeRules> {
    return rangeRulesOf(this.db);
  }

  async trackRecordRule(): Promise<TrackRecordRule | null> {
    return trackRecordRuleOf(this.db);
  }

  /** Sets the rule, then reckons every incident again under it (their ids kept); returns how many there are. */
  async setTrackRecordRule(rule: TrackRecordRule | null, by: string): Promise<number> {
    return retrying(() => this.db.transaction().execute(async (trx) => {
      await setTrackRecordRule(trx, rule, by);
      return rebuildIncidents(trx as unknown as Kysely<Database>, await rangeRulesOf(trx));
    }), { idempotent: true });
  }

  async reviewIncident(id: string, state: ReviewState, reviewer: string, comment: string | null): Promise<{ before: ReviewState; after: ReviewState } | null> {
    return retrying(() => this.db.transaction().execute(async (trx) => {
      if (!(await trx.selectFrom('incidents').select('id').where('id', '=', id).executeTakeFirst())) return null;
      let q = trx.selectFrom('incident_reviews').select('state').where('incident_id', '=', id);
      if (dialectOf(this.db) === 'postgres') q = q.forUpdate();
      const before = ((await q.executeTakeFirst())?.state ?? 'unreviewed') as ReviewState;
      const at = new Date().toISOString();
      await trx
        .insertInto('incident_reviews')
        .values({ incident_id: id, state, reviewer, reviewed_at: at, comment })
        .onConflict((oc) => oc.column('incident_id').doUpdateSet({ state, reviewer, reviewed_at: at, comment }))
        .execute();
      await trx.insertInto('review_log').values({ id: randomUUID(), incident_id: id, state_before: before, state_after: state, reviewer, at, comment }).execute();
      return { before, after: state };
    }), { idempotent: false });
  }

  async reviewQueue(options: { state?: ReviewState; sort?: 'impact' | 'recent'; limit?: number }): Promise<ReviewQueueRow[]> {
    const state = options.state ?? 'unreviewed';
    const impact = sql<number>`coalesce(${sql.ref('incidents.deaths_best')}, 0) * ${IMPACT.perDeath}
      + case when ${sql.ref('incidents.status')} = 'contested' then ${IMPACT.contested} else 0 end
      + case when lower(${sql.ref('incidents.sub_type')}) like '%territory%' then ${IMPACT.controlChange} else 0 end`;
    let q = this.db
      .selectFrom('incidents')
      .leftJoin('incident_reviews', 'incident_reviews.incident_id', 'incidents.id')
      .selectAll('incidents')
      .select(['incident_reviews.state as review_state', 'incident_reviews.reviewer', 'incident_reviews.reviewed_at', 'incident_reviews.comment', impact.as('impact')]);
    q = state === 'unreviewed' ? q.where((eb) => eb.or([eb('incident_reviews.state', 'is', null), eb('incident_reviews.state', '=', 'unreviewed')])) : q.where('incident_reviews.state', '=', state);
    if (options.sort !== 'recent') q = q.orderBy('impact', 'desc');
    const rows = await q
      .orderBy('incidents.date_start', (ob) => ob.desc().nullsLast())
      .orderBy('incidents.id', 'desc')
      .limit(options.limit ?? 50)
      .execute();
    return rows.map((r) => {
      const { review_state, reviewer, reviewed_at, comment, impact: weight, ...incident } = r;
      return {
        ...incidentRowOf(incident),
        review: review_state ? { state: review_state as ReviewState, reviewer: reviewer!, reviewed_at: reviewed_at!, comment } : null,
        impact: Number(weight),
      };
    });
  }

  async incidentExists(id: string): Promise<boolean> {
    return (await this.db.selectFrom('incidents').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  }

  async incidentHistory(id: string): Promise<HistoryEntry[]> {
    const events = (await this.db.selectFrom('incident_events').select('event_id').where('incident_id', '=', id).execute()).map((r) => r.event_id);
    const reviews = await this.db.selectFrom('review_log').selectAll().where('incident_id', '=', id).execute();
    const edits = events.length ? await this.db.selectFrom('event_edits').selectAll().where('event_id', 'in', events).execute() : [];
    const links = events.length
      ? await this.db.selectFrom('link_decisions').selectAll().where((eb) => eb.or([eb('event_a', 'in', events), eb('event_b', 'in', events)])).execute()
      : [];
    const entries: HistoryEntry[] = [
      ...reviews.map((r) => ({ at: r.at, who: r.reviewer, what: 'review' as const, event: null, before: r.state_before, after: r.state_after, why: r.comment })),
      ...edits.map((e) => {
        const changes = JSON.parse(e.changes) as Record<string, [unknown, unknown]>;
        const side = (i: 0 | 1) => Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v[i]]));
        return { at: e.edited_at, who: e.editor, what: 'edit' as const, event: e.event_id, before: side(0), after: side(1), why: null };
      }),
      ...links.map((l) => ({ at: l.decided_at, who: l.analyst ?? 'unknown', what: l.decision as 'link' | 'unlink', event: events.includes(l.event_a) ? l.event_a : l.event_b, before: null, after: { a: l.event_a, b: l.event_b }, why: l.note })),
    ];
    return entries.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
  }

  async reviewCounts(filter: EventFilter): Promise<ReviewCounts> {
    const counts: ReviewCounts = { unreviewed: 0, verified: 0, disputed: 0, rejected: 0 };
    // The filter's own review scope aside: this counts what a scope would leave out.
    const rows = await this.incidentsUnscoped(filter)
      .leftJoin('incident_reviews', 'incident_reviews.incident_id', 'incidents.id')
      .select((eb) => [eb.fn.coalesce('incident_reviews.state', sql<string>`'unreviewed'`).as('state'), eb.fn.countAll<number>().as('n')])
      .groupBy(sql`coalesce(${sql.ref('incident_reviews.state')}, 'unreviewed')`)
      .execute();
    for (const r of rows) if (r.state in counts) counts[r.state as ReviewState] += Number(r.n);
    return counts;
  }

  private async fieldSourceOf(reportId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('report_field_sources')
      .innerJoin('field_sources', 'field_sources.id', 'report_field_sources.field_source_id')
      .select('field_sources.number')
      .where('report_field_sources.report_id', '=', reportId)
      .executeTakeFirst();
    return row ? pseudonym(Number(row.number)) : null;
  }

  async listFieldSources(): Promise<FieldSourceListing[]> {
    const rows = await this.db
      .selectFrom('field_sources')
      .leftJoin('report_field_sources', 'report_field_sources.field_source_id', 'field_sources.id')
      .select((eb) => ['field_sources.number', 'field_sources.created_at', eb.fn.count<number>('report_field_sources.report_id').as('reports')])
      .groupBy(['field_sources.number', 'field_sources.created_at'])
      .orderBy('field_sources.number')
      .execute();
    return rows.map((r) => ({ number: Number(r.number), pseudonym: pseudonym(Number(r.number)), reports: Number(r.reports), created_at: r.created_at }));
  }

  async readFieldSource(number: number, reader: string, reason: string): Promise<{ sealed: string; key_id: string } | null> {
    return retrying(() => this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('field_sources').select(['id', 'sealed', 'key_id']).where('number', '=', number).executeTakeFirst();
      if (!row) return null;
      // Logged before it is handed out, in the same transaction: no read without its log row.
      await trx.insertInto('field_source_reads').values({ id: randomUUID(), field_source_id: row.id, reader, reason, read_at: new Date().toISOString() }).execute();
      return { sealed: row.sealed, key_id: row.key_id };
    }), { idempotent: false });
  }

  async fieldSourceReads(number?: number): Promise<FieldSourceRead[]> {
    let q = this.db
      .selectFrom('field_source_reads')
      .innerJoin('field_sources', 'field_sources.id', 'field_source_reads.field_source_id')
      .select(['field_sources.number', 'field_source_reads.reader', 'field_source_reads.reason', 'field_source_reads.read_at']);
    if (number !== undefined) q = q.where('field_sources.number', '=', number);
    const rows = await q.orderBy('field_source_reads.read_at', 'desc').orderBy('field_source_reads.id').execute();
    return rows.map((r) => ({ pseudonym: pseudonym(Number(r.number)), reader: r.reader, reason: r.reason, read_at: r.read_at }));
  }

  async resealFieldSources(reseal: (stored: { sealed: string; key_id: string }) => SealedFieldSource): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx.selectFrom('field_sources').select(['id', 'sealed', 'key_id']).orderBy('id').execute();
      // Every identity is opened before anything is written: one that does not open leaves all as they were.
      const next = rows.map((r) => ({ id: r.id, ...reseal(r) }));
      // Blind hashes change with the key; two steps keep the unique index satisfied while they do.
      for (const r of next) await trx.updateTable('field_sources').set({ blind: `rotating:${r.id}` }).where('id', '=', r.id).execute();
      for (const r of next) await trx.updateTable('field_sources').set({ sealed: r.sealed, blind: r.blind, key_id: r.keyId }).where('id', '=', r.id).execute();
      return next.length;
    });
  }

  /** Where the report was seen, first seen first. */
  async reportSightings(id: string): Promise<Sighting[]> {
    const rows = await this.db.selectFrom('report_sightings').select(['outlet', 'url', 'title', 'seen_at', 'similarity']).where('report_id', '=', id).orderBy('seen_at').orderBy('id').execute();
    return rows.map((r) => ({ ...r, similarity: Number(r.similarity) }));
  }

  async updateEvent(id: string, patch: EventPatch, editor: string): Promise<boolean> {
    return retrying(() => this.db.transaction().execute(async (trx) => {
      let q = trx.selectFrom('events').selectAll().where('id', '=', id);
      // Two analysts correcting one event at once: the second waits for the first and reads its row, so the
      // totals move from where the first left them. (SQLite has one writer at a time already.)
      if (dialectOf(this.db) === 'postgres') q = q.forUpdate();
      const before = await q.executeTakeFirst();
      if (!before) return false;
      const { set, changes } = eventChange({ ...before, date: dateOf(before) }, patch);
      if (Object.keys(changes).length === 0) return true;
      await trx.updateTable('events').set(set).where('id', '=', id).execute();
      // A new date or type can move the event to another incident: its incidents follow at once.
      await alerts.raiseAlerts(trx, await regroupAround(trx, [id]), new Date().toISOString());
      const moved = actorMonthsMoved(before, { ...before, ...set } as EventsTable);
      await addActorMonths(trx, moved);
      // A month left with no event is no row, as if it had never been counted.
      for (const m of moved) await trx.deleteFrom('actor_month_totals').where('actor', '=', m.actor).where('month', '=', m.month).where('events', '=', 0).execute();
      await trx.insertInto('event_edits').values({ id: randomUUID(), event_id: id, editor, edited_at: new Date().toISOString(), changes: JSON.stringify(changes) }).execute();
      return true;
      // Idempotent: run again after a lost commit, the patch changes nothing and logs nothing.
    }), { idempotent: true });
  }

  async eventEdits(id: string): Promise<EventEdit[]> {
    const rows = await this.db.selectFrom('event_edits').selectAll().where('event_id', '=', id).orderBy('edited_at').orderBy('id').execute();
    return rows.map((r) => ({ ...r, changes: JSON.parse(r.changes) as EventEdit['changes'] }));
  }

  async addToken(token: StoredToken, hash: string): Promise<void> {
    await retrying(() => this.db.insertInto('api_tokens').values({ ...token, source_handler: token.source_handler ? 1 : 0, hash }).execute(), { idempotent: false });
  }

  async liveToken(hash: string, now: string): Promise<StoredToken | null> {
    const row = await this.db
      .selectFrom('api_tokens')
      .select(TOKEN_COLUMNS)
      .where('hash', '=', hash)
      .where('revoked_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .executeTakeFirst();
    return row ? tokenOf(row) : null;
  }

  async markTokenUsed(id: string, at: string): Promise<void> {
    await this.db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  async listTokens(): Promise<StoredToken[]> {
    return (await this.db.selectFrom('api_tokens').select(TOKEN_COLUMNS).orderBy('created_at').orderBy('id').execute()).map(tokenOf);
  }

  async revokeToken(id: string, at: string): Promise<boolean> {
    const r = await retrying(() => this.db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst(), { idempotent: false });
    return Number(r.numUpdatedRows) > 0;
  }

  async addWatchedSource(source: NewWatchedSource): Promise<WatchedSource> {
    return watched.addWatchedSource(this.db, source, new Date().toISOString());
  }

  async removeWatchedSource(name: string): Promise<boolean> {
    return watched.removeWatchedSource(this.db, name);
  }

  async watchedSources(): Promise<WatchedSourceStatus[]> {
    return watched.watchedSourceStatus(this.db, new Date());
  }

  async watchedSource(name: string, recent = 20): Promise<WatchedSourceDetail | null> {
    return watched.watchedSourceDetail(this.db, name, new Date(), recent);
  }

  async claimDueSources(owner: string, now: string, until: string, limit: number): Promise<WatchedSource[]> {
    return retrying(() => watched.claimDueSources(this.db, owner, now, until, limit), { idempotent: true });
  }

  async renewLeases(owner: string, names: string[], until: string): Promise<string[]> {
    return watched.renewLeases(this.db, owner, names, until);
  }

  async releaseLeases(owner: string): Promise<number> {
    return watched.releaseLeases(this.db, owner);
  }

  async finishPoll(name: string, owner: string, outcome: PollOutcome): Promise<boolean> {
    return retrying(() => watched.finishPoll(this.db, name, owner, outcome), { idempotent: true });
  }

  async seenItems(source: string, keys: string[]): Promise<Map<string, Pick<WatchedItemRow, 'status' | 'attempts'>>> {
    return watched.seenItems(this.db, source, keys);
  }

  async markItem(item: WatchedItem, status: Exclude<WatchedItemStatus, 'new'>, detail: { reportId?: string | null; error?: string | null } = {}): Promise<void> {
    await retrying(() => watched.writeItemMark(this.db, item, status, detail.reportId ?? null, detail.error ?? null, new Date().toISOString()), { idempotent: true });
  }

  addAlert(alert: AlertInput): Promise<StoredAlert> {
    return alerts.addAlert(this.db, alert);
  }

  listAlerts(options: { removed?: boolean } = {}): Promise<StoredAlert[]> {
    return alerts.listAlerts(this.db, Boolean(options.removed));
  }

  removeAlert(nameOrId: string): Promise<boolean> {
    return alerts.removeAlert(this.db, nameOrId);
  }

  claimDeliveries(now: string, until: string, limit: number): Promise<DueDelivery[]> {
    return alerts.claimDeliveries(this.db, now, until, limit);
  }

  recordAttempt(delivery: DueDelivery, outcome: AttemptOutcome): Promise<void> {
    return retrying(() => alerts.recordAttempt(this.db, delivery, outcome), { idempotent: false });
  }

  nextDeliveryDue(): Promise<string | null> {
    return alerts.nextDeliveryDue(this.db);
  }

  alertLog(options: { alert?: string; limit: number }): Promise<AlertLogLine[]> {
    return alerts.alertLog(this.db, options);
  }

  recentAlerts(limit: number): Promise<AlertFiring[]> {
    return alerts.recentAlerts(this.db, limit);
  }

  async counts(): Promise<StoreCounts> {
    const n = async (t: keyof Database) => Number((await this.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return {
      reports: await n('reports'),
      events: await n('events'),
      claims: await n('claims'),
      actors: await n('actors'),
      places: await n('places'),
      sources: await n('sources'),
      failures: await n('failures'),
    };
  }

  async readiness(): Promise<Readiness> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    });
    try {
      const { pending } = await Promise.race([schemaState(this.db), late]);
      if (pending.length) return { ready: false, reason: `the record's schema is behind this program: migration${pending.length === 1 ? '' : 's'} ${pending.join(', ')} not run (any write command, or a restart, runs them)` };
      return { ready: true };
    } catch (e) {
      return { ready: false, reason: `the database cannot be reached: ${(e as Error).message}` };
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

function incidentRowOf(r: Selectable<IncidentsTable>): IncidentRow {
  const { anchor_event, created_at, country_key, admin1_key, deaths_vague, groups, claimants, actors, ...rest } = r;
  return { ...rest, deaths_vague: deaths_vague === 1, groups: JSON.parse(groups), claimants: JSON.parse(claimants), actors: JSON.parse(actors) };
}

/** The store over a database brought to the latest schema; the connection is closed if migrating fails. */
export async function migratedStore(db: Kysely<Database>, location: string): Promise<KyselyStore> {
  try {
    await migrateToLatest(db);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return new KyselyStore(db, location);
}

/** No record where a read command looked: reading must not make one. */
export class NoRecordError extends Error {}

/**
 * The store for a command that only reads: a database without a record is refused rather than given one,
 * and one that cannot be written is read as it is, provided its schema is current.
 */
export async function readableStore(db: Kysely<Database>, writable: boolean, location: string): Promise<KyselyStore> {
  try {
    const { record, pending } = await schemaState(db);
    if (!record) throw new NoRecordError('holds no Observatory record');
    if (pending.length && writable) await migrateToLatest(db);
    else if (pending.length) throw new Error(`the record's schema is older than this version (${pending.length} migration${pending.length === 1 ? '' : 's'} to run) and the database cannot be written; run any write command where it can be`);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return new KyselyStore(db, location);
}
