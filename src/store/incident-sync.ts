// Keeps the incidents table in step with the events: after a report's events go in, or an analyst links
// or unlinks two events, only their neighbourhood is reconciled again (the events of the same country and
// region within a week, and every event of the incidents those belong to), and its incidents are written
// back under ids that are never renamed (keep-incident-ids.ts). Only reports' incident-scope events make
// incidents: period totals and cumulative tolls stay claims, and an imported dataset's events are that
// dataset's own coding.
import { type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import { currentDecisions, linkIncidents, type AnalystDecision, type Incident } from '../reconcile/link-incidents.js';
import { keepIncidentIds, type Named } from '../reconcile/keep-incident-ids.js';
import type { RangeRules } from '../reconcile/casualty-range.js';
import { summarizeIncident, type IncidentSummary } from '../reconcile/summarize-incident.js';
import { lockRegrouping } from './dialect.js';
import { observationsOf } from './observation-rows.js';
import { rangeRulesOf } from './range-rules.js';
import { key } from './report-rows.js';
import type { Database, IncidentsTable } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

const DAY = 86_400_000;
/** How far apart two events' start dates can be and still link: a day, plus the week a coarse date covers. */
const REACH_DAYS = 8;
const CHUNK = 5_000;

/** Reports' events that can be incidents. */
const linkable = (eb: ExpressionBuilder<Database, 'events'>) =>
  eb.and([eb('events.origin', '=', 'extracted'), eb.or([eb('events.scope', '=', 'incident'), eb('events.scope', 'is', null)])]);

async function inChunks<T>(ids: string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await read(ids.slice(i, i + CHUNK))));
  return out;
}

const shift = (date: string, days: number) => new Date(Date.parse(date) + days * DAY).toISOString().slice(0, 10);

/** An incident as written back: its id, its events, and what it reconciles to. */
export interface WrittenIncident {
  id: string;
  members: string[];
  incident: Incident;
  summary: IncidentSummary;
  /** The casualty-range rules it was reckoned under. */
  rules: RangeRules;
}

/** Reconciles the neighbourhood of these events again and writes its incidents back; returns those holding any of
 * these events (the incidents the change made or changed), for alerts to read. */
export async function regroupAround(db: Db, eventIds: string[], now = new Date().toISOString()): Promise<WrittenIncident[]> {
  if (eventIds.length === 0) return [];
  const seeds = await inChunks(eventIds, (ids) =>
    db.selectFrom('events').select(['id', 'country_key', 'admin1_key', 'date_start']).where('id', 'in', ids).where(linkable).execute(),
  );
  if (seeds.length === 0) return [];
  await lockRegrouping(db as Kysely<any>, seeds.map((s) => s.country_key ?? ''));
  const near = new Set(seeds.map((s) => s.id));
  // Per region, the stretches of days around the seeds' dates (a report's events spread over years read
  // their own weeks, not everything between).
  const regions = new Map<string, { country: string | null; admin1: string | null; dates: string[] }>();
  for (const s of seeds) {
    if (!s.date_start) continue;
    const k = `${s.country_key}\u0000${s.admin1_key}`;
    const r = regions.get(k) ?? { country: s.country_key, admin1: s.admin1_key, dates: [] };
    r.dates.push(s.date_start);
    regions.set(k, r);
  }
  for (const r of regions.values()) {
    for (const [from, to] of stretches(r.dates)) {
      const rows = await db
        .selectFrom('events')
        .select('id')
        .where(linkable)
        .where('admin1_key', r.admin1 === null ? 'is' : '=', r.admin1)
        .where('country_key', r.country === null ? 'is' : '=', r.country)
        .where('date_start', '>=', from)
        .where('date_start', '<=', to)
        .execute();
      for (const x of rows) near.add(x.id);
    }
  }
  // Every member of an incident the neighbourhood touches comes along, so an incident is regrouped whole.
  const held = await inChunks([...near], (ids) =>
    db
      .selectFrom('incidents')
      .select(['id', 'anchor_event as anchor', 'created_at as createdAt'])
      .where('id', 'in', (eb) => eb.selectFrom('incident_events').select('incident_id').where('event_id', 'in', ids))
      .execute(),
  );
  const heldIds = [...new Set(held.map((h) => h.id))];
  const members = await inChunks(heldIds, (ids) => db.selectFrom('incident_events').select('event_id').where('incident_id', 'in', ids).execute());
  for (const m of members) near.add(m.event_id);
  const all = [...near];
  const rows = await inChunks(all, (ids) => db.selectFrom('events').selectAll().where('id', 'in', ids).where(linkable).orderBy('date_start').orderBy('id').execute());
  const incidents = linkIncidents(await observationsOf(db, rows), await decisionsOf(db));
  const named = keepIncidentIds(incidents.map(groupOf), dedupe(held), now);
  // Read before the incidents are taken out: the track records come from the verified ones among them.
  const rules = await rangeRulesOf(db as Kysely<Database>);
  await inChunks(all, async (ids) => [await db.deleteFrom('incident_events').where('event_id', 'in', ids).execute()]);
  await inChunks(heldIds, async (ids) => [await db.deleteFrom('incidents').where('id', 'in', ids).execute()]);
  const written = await writeIncidents(db, incidents, named, rules);
  const changed = new Set(eventIds);
  return written.filter((w) => w.members.some((m) => changed.has(m)));
}

/** The days within reach of any of these dates, as [from, to] stretches that do not overlap. */
export function stretches(dates: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const d of [...dates].sort()) {
    const [from, to] = [shift(d, -REACH_DAYS), shift(d, REACH_DAYS)];
    const last = out[out.length - 1];
    if (last && from <= last[1]) last[1] = to > last[1] ? to : last[1];
    else out.push([from, to]);
  }
  return out;
}

/**
 * Every incident made again from the whole record, under the ids they had; returns how many there are. `rules`: the
 * casualty-range rules to reckon under, read before the call (the track records come from the incidents it replaces).
 */
export async function rebuildIncidents(db: Kysely<any>, rules: RangeRules = {}, now = new Date().toISOString()): Promise<number> {
  const d = db as Kysely<Database>;
  const held = await d.selectFrom('incidents').select(['id', 'anchor_event as anchor', 'created_at as createdAt']).execute();
  await d.deleteFrom('incident_events').execute();
  await d.deleteFrom('incidents').execute();
  const rows = await d.selectFrom('events').selectAll().where(linkable).orderBy('date_start').orderBy('id').execute();
  const observations = [];
  for (let i = 0; i < rows.length; i += CHUNK) observations.push(...(await observationsOf(d, rows.slice(i, i + CHUNK))));
  const incidents = linkIncidents(observations, await decisionsOf(d));
  await writeIncidents(d, incidents, keepIncidentIds(incidents.map(groupOf), held, now), rules);
  return incidents.length;
}

async function decisionsOf(db: Db): Promise<AnalystDecision[]> {
  const rows = await db.selectFrom('link_decisions').select(['event_a as a', 'event_b as b', 'decision', 'note']).orderBy('decided_at').orderBy('id').execute();
  return currentDecisions(rows.map((r) => ({ ...r, decision: r.decision as 'link' | 'unlink' })));
}

function groupOf(i: Incident): { members: string[]; first: string } {
  return { members: i.observations.map((o) => o.id), first: i.observations[0].id };
}

function dedupe<T extends { id: string }>(xs: T[]): T[] {
  return [...new Map(xs.map((x) => [x.id, x])).values()];
}

async function writeIncidents(db: Db, incidents: Incident[], named: Named[], rules: RangeRules): Promise<WrittenIncident[]> {
  const written = incidents.map((incident, k) => ({ id: named[k].id, members: named[k].members, incident, summary: summarizeIncident(incident, rules), rules }));
  const rows = written.map((w, k) => incidentRow(named[k], w.summary));
  const links = named.flatMap((n) => n.members.map((event_id) => ({ event_id, incident_id: n.id })));
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('incidents').values(rows.slice(i, i + 500)).execute();
  for (let i = 0; i < links.length; i += CHUNK) await db.insertInto('incident_events').values(links.slice(i, i + CHUNK)).execute();
  return written;
}

function incidentRow(n: Named, s: IncidentSummary): IncidentsTable {
  return {
    id: n.id,
    anchor_event: n.anchor,
    created_at: n.createdAt,
    date_start: s.dateStart,
    date_end: s.dateEnd,
    date_precision: s.datePrecision,
    country: s.country,
    country_key: key(s.country),
    admin1: s.admin1,
    admin1_key: key(s.admin1),
    location: s.location,
    lat: s.lat,
    lon: s.lon,
    geo_precision: s.geoPrecision,
    type: s.type,
    sub_type: s.subType,
    weapon: s.weapon,
    perpetrator_actor: s.perpetratorActor,
    perpetrator_bloc: s.perpetratorBloc,
    status: s.status,
    deaths_low: s.deaths.low,
    deaths_best: s.deaths.best,
    deaths_high: s.deaths.high,
    deaths_vague: s.deaths.vague ? 1 : 0,
    groups: JSON.stringify(s.groups),
    claimants: JSON.stringify(s.claimants),
    actors: JSON.stringify(s.actors),
    events: s.events,
    reports: s.reports,
  };
}
