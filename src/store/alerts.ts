// Alerts in the record. raiseAlerts runs in the transaction that changed the incidents (an ingest, a link
// decision, an edit): each live alert is checked against each incident the change made or changed, and an
// incident that starts to meet an alert gets a delivery, written there and then (so a crash before the post
// loses nothing: the next courier finds it pending). While the incident goes on meeting the alert (a higher
// toll, another report) nothing more is sent; if it stops meeting it (a correction, a split) and later meets it
// again, that is a new crossing and fires again. Posting is src/alerts/deliver-alerts.ts.
import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder, Kysely, Selectable, Transaction } from 'kysely';
import { meetsRule, parseCondition, type AlertRule } from '../domain/alert-condition.js';
import { failed } from '../domain/input-rules.js';
import { incidentFacts } from '../reconcile/incident-facts.js';
import type { WrittenIncident } from './incident-sync.js';
import type { AlertDeliveriesTable, AlertsTable, Database } from './schema.js';
import type { AlertFiring, AlertInput, AlertLogLine, AttemptOutcome, DueDelivery, StoredAlert } from './store.js';

type Db = Kysely<Database> | Transaction<Database>;

function ruleOf(a: Selectable<AlertsTable>): AlertRule | null {
  const clauses = parseCondition(a.condition);
  // Conditions are checked when the alert is added; one that no longer parses (edited by hand) matches nothing.
  if (failed(clauses)) return null;
  return { clauses, country: a.country, admin1: a.admin1, bloc: a.bloc, type: a.type, withinSeconds: a.within_seconds };
}

/** Checks the live alerts against these incidents and writes a delivery for each incident that starts to meet one. */
export async function raiseAlerts(db: Db, written: WrittenIncident[], now: string): Promise<number> {
  if (written.length === 0) return 0;
  const alerts = await db.selectFrom('alerts').selectAll().where('removed_at', 'is', null).execute();
  if (alerts.length === 0) return 0;
  const ids = written.map((w) => w.id);
  const states = await db.selectFrom('alert_states').selectAll().where('incident_id', 'in', ids).execute();
  const matching = new Map(states.map((s) => [`${s.alert_id}\u0000${s.incident_id}`, s.matching === 1]));
  const at = new Date(now);
  let fired = 0;
  for (const w of written) {
    const facts = incidentFacts(w.incident, w.summary, w.rules);
    for (const a of alerts) {
      const rule = ruleOf(a);
      const meets = rule !== null && meetsRule(rule, facts, at);
      const key = `${a.id}\u0000${w.id}`;
      const was = matching.get(key);
      if (was === meets || (was === undefined && !meets)) continue;
      await db
        .insertInto('alert_states')
        .values({ alert_id: a.id, incident_id: w.id, matching: meets ? 1 : 0, changed_at: now })
        .onConflict((oc) => oc.columns(['alert_id', 'incident_id']).doUpdateSet({ matching: meets ? 1 : 0, changed_at: now }))
        .execute();
      if (!meets) continue;
      const id = `dl_${randomUUID()}`;
      await db
        .insertInto('alert_deliveries')
        .values({ id, alert_id: a.id, incident_id: w.id, created_at: now, payload: JSON.stringify(await payloadOf(db, id, a, w, now)), status: 'pending', attempts: 0, next_attempt_at: now, claimed_until: null, delivered_at: null, last_error: null })
        .execute();
      fired++;
    }
  }
  return fired;
}

/** The body a webhook receives: the alert, the incident, its figures, and links to its reports and their pages. */
async function payloadOf(db: Db, deliveryId: string, a: Selectable<AlertsTable>, w: WrittenIncident, now: string) {
  const s = w.summary;
  const facts = incidentFacts(w.incident, s, w.rules);
  const reportIds = [...new Set(w.incident.observations.map((o) => o.reportId).filter((r): r is string => r !== null))];
  const reports = reportIds.length ? await db.selectFrom('reports').select(['id', 'title', 'publisher', 'published']).where('id', 'in', reportIds).orderBy('id').execute() : [];
  const sightings = reportIds.length
    ? await db.selectFrom('report_sightings').select(['report_id', 'outlet', 'url', 'title', 'seen_at']).where('report_id', 'in', reportIds).orderBy('seen_at').orderBy('id').execute()
    : [];
  return {
    delivery: deliveryId,
    fired_at: now,
    alert: { id: a.id, name: a.name, when: a.condition, country: a.country, admin1: a.admin1, bloc: a.bloc, type: a.type, within_seconds: a.within_seconds },
    incident: {
      id: w.id,
      date_start: s.dateStart,
      date_end: s.dateEnd,
      location: s.location,
      admin1: s.admin1,
      country: s.country,
      lat: s.lat,
      lon: s.lon,
      type: s.type,
      sub_type: s.subType,
      weapon: s.weapon,
      perpetrator: s.perpetratorActor,
      perpetrator_bloc: s.perpetratorBloc,
      status: s.status,
      control_change: facts.control,
    },
    figures: {
      killed: { low: s.deaths.low, best: s.deaths.best, high: s.deaths.high, vague: s.deaths.vague },
      civilians_killed: facts.figures['civilians killed'],
      wounded: facts.figures.wounded,
      captured: facts.figures.captured,
      groups: s.groups,
      reports: s.reports,
      claimants: s.claimants,
    },
    // Paths on the desk that served or holds the record (observatory serve), and the pages the reports were read from.
    links: {
      events: w.members.map((e) => ({ id: e, api: `/api/events/${encodeURIComponent(e)}`, desk: `/#/events/${encodeURIComponent(e)}` })),
      reports: reports.map((r) => ({
        id: r.id,
        title: r.title,
        outlet: r.publisher,
        published: r.published,
        api: `/api/reports/${encodeURIComponent(r.id)}`,
        desk: `/#/reports/${encodeURIComponent(r.id)}`,
        sightings: sightings.filter((x) => x.report_id === r.id).map(({ outlet, url, title, seen_at }) => ({ outlet, url, title, seen_at })),
      })),
    },
  };
}

const ALERT_COLUMNS = ['id', 'name', 'condition', 'country', 'admin1', 'bloc', 'type', 'within_seconds', 'webhook', 'created_at', 'removed_at'] as const;

async function withCounts(db: Db, rows: Omit<StoredAlert, 'fired' | 'pending'>[]): Promise<StoredAlert[]> {
  if (rows.length === 0) return [];
  const counts = await db
    .selectFrom('alert_deliveries')
    .select((eb) => ['alert_id', 'status', eb.fn.countAll<number>().as('n')])
    .where('alert_id', 'in', rows.map((r) => r.id))
    .groupBy(['alert_id', 'status'])
    .execute();
  const n = (id: string, pick: (status: string) => boolean) => counts.filter((c) => c.alert_id === id && pick(c.status)).reduce((x, c) => x + Number(c.n), 0);
  return rows.map((r) => ({ ...r, within_seconds: r.within_seconds === null ? null : Number(r.within_seconds), fired: n(r.id, () => true), pending: n(r.id, (s) => s === 'pending') }));
}

export async function addAlert(db: Kysely<Database>, a: AlertInput): Promise<StoredAlert> {
  const taken = await db.selectFrom('alerts').select('id').where('name', '=', a.name).executeTakeFirst();
  if (taken) throw new Error(`an alert named "${a.name}" exists already (observatory alerts list; remove it first to replace it)`);
  const row = {
    id: `al_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
    name: a.name,
    condition: a.condition,
    country: a.country,
    admin1: a.admin1,
    bloc: a.bloc,
    type: a.type,
    within_seconds: a.withinSeconds,
    webhook: a.webhook,
    secret: a.secret,
    created_at: new Date().toISOString(),
    removed_at: null,
  };
  await db.insertInto('alerts').values(row).execute();
  const { secret: _secret, ...shown } = row;
  return { ...shown, fired: 0, pending: 0 };
}

export async function listAlerts(db: Kysely<Database>, removed: boolean): Promise<StoredAlert[]> {
  let q = db.selectFrom('alerts').select(ALERT_COLUMNS).orderBy('created_at').orderBy('id');
  if (!removed) q = q.where('removed_at', 'is', null);
  return withCounts(db, await q.execute());
}

export async function removeAlert(db: Kysely<Database>, nameOrId: string): Promise<boolean> {
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const a = await trx.selectFrom('alerts').select('id').where('removed_at', 'is', null).where((eb) => eb.or([eb('name', '=', nameOrId), eb('id', '=', nameOrId)])).executeTakeFirst();
    if (!a) return false;
    await trx.updateTable('alerts').set({ removed_at: now }).where('id', '=', a.id).execute();
    await trx.updateTable('alert_deliveries').set({ status: 'cancelled', next_attempt_at: null, last_error: 'the alert was removed' }).where('alert_id', '=', a.id).where('status', '=', 'pending').execute();
    return true;
  });
}

export async function claimDeliveries(db: Kysely<Database>, now: string, until: string, limit: number): Promise<DueDelivery[]> {
  const due = await db
    .selectFrom('alert_deliveries')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  const claimed: string[] = [];
  for (const { id } of due) {
    // The update is the claim: of two couriers racing, one changes the row and the other changes nothing.
    const r = await db
      .updateTable('alert_deliveries')
      .set({ claimed_until: until })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 1) claimed.push(id);
  }
  if (claimed.length === 0) return [];
  const rows = await db
    .selectFrom('alert_deliveries')
    .innerJoin('alerts', 'alerts.id', 'alert_deliveries.alert_id')
    .select(['alert_deliveries.id', 'alert_deliveries.alert_id', 'alerts.name as alert_name', 'alert_deliveries.incident_id', 'alerts.webhook', 'alerts.secret', 'alert_deliveries.payload', 'alert_deliveries.attempts'])
    .where('alert_deliveries.id', 'in', claimed)
    .orderBy('alert_deliveries.next_attempt_at')
    .orderBy('alert_deliveries.id')
    .execute();
  return rows.map((r) => ({ ...r, attempts: Number(r.attempts) }));
}

export async function recordAttempt(db: Kysely<Database>, d: DueDelivery, o: AttemptOutcome): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const attempt = d.attempts + 1;
    await trx.insertInto('alert_attempts').values({ id: `${d.id}-${attempt}`, delivery_id: d.id, attempt, at: o.at, http_status: o.httpStatus, error: o.error, ms: o.ms }).execute();
    const set: Partial<AlertDeliveriesTable> = { attempts: attempt, status: o.status, claimed_until: null, next_attempt_at: o.status === 'pending' ? o.nextAttemptAt : null, last_error: o.error };
    if (o.status === 'delivered') set.delivered_at = o.at;
    await trx.updateTable('alert_deliveries').set(set).where('id', '=', d.id).execute();
  });
}

export async function nextDeliveryDue(db: Kysely<Database>): Promise<string | null> {
  const r = await db.selectFrom('alert_deliveries').select((eb) => eb.fn.min<string>('next_attempt_at').as('due')).where('status', '=', 'pending').executeTakeFirst();
  return r?.due ?? null;
}

export async function alertLog(db: Kysely<Database>, options: { alert?: string; limit: number }): Promise<AlertLogLine[]> {
  const byAlert = (eb: ExpressionBuilder<Database, 'alerts'>) => eb.or([eb('alerts.name', '=', options.alert!), eb('alerts.id', '=', options.alert!)]);
  const attempts = await db
    .selectFrom('alert_attempts')
    .innerJoin('alert_deliveries', 'alert_deliveries.id', 'alert_attempts.delivery_id')
    .innerJoin('alerts', 'alerts.id', 'alert_deliveries.alert_id')
    .select(['alert_attempts.at', 'alerts.name as alert', 'alert_deliveries.incident_id', 'alert_deliveries.id as delivery_id', 'alert_attempts.attempt', 'alert_attempts.http_status', 'alert_attempts.error', 'alert_attempts.ms', 'alert_deliveries.status', 'alert_deliveries.next_attempt_at'])
    .$if(Boolean(options.alert), (q) => q.where(byAlert))
    .orderBy('alert_attempts.at', 'desc')
    .orderBy('alert_attempts.id', 'desc')
    .limit(options.limit)
    .execute();
  // Firings not tried yet: a line each, so a delivery waiting for its first post is in the log too.
  const waiting = await db
    .selectFrom('alert_deliveries')
    .innerJoin('alerts', 'alerts.id', 'alert_deliveries.alert_id')
    .select(['alert_deliveries.created_at as at', 'alerts.name as alert', 'alert_deliveries.incident_id', 'alert_deliveries.id as delivery_id', 'alert_deliveries.status', 'alert_deliveries.next_attempt_at'])
    .where('alert_deliveries.attempts', '=', 0)
    .$if(Boolean(options.alert), (q) => q.where(byAlert))
    .orderBy('alert_deliveries.created_at', 'desc')
    .limit(options.limit)
    .execute();
  const lines: AlertLogLine[] = [
    ...attempts.map((r) => ({ ...r, attempt: Number(r.attempt), http_status: r.http_status === null ? null : Number(r.http_status), ms: Number(r.ms) })),
    ...waiting.map((r) => ({ ...r, attempt: 0, http_status: null, error: null, ms: null })),
  ];
  return lines.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.attempt - a.attempt)).slice(0, options.limit);
}

export async function recentAlerts(db: Kysely<Database>, limit: number): Promise<AlertFiring[]> {
  const rows = await db
    .selectFrom('alert_deliveries')
    .innerJoin('alerts', 'alerts.id', 'alert_deliveries.alert_id')
    .select(['alert_deliveries.id', 'alerts.name', 'alerts.condition', 'alert_deliveries.incident_id', 'alert_deliveries.created_at', 'alert_deliveries.status', 'alert_deliveries.attempts', 'alert_deliveries.delivered_at', 'alert_deliveries.last_error', 'alert_deliveries.payload'])
    .orderBy('alert_deliveries.created_at', 'desc')
    .orderBy('alert_deliveries.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const p = JSON.parse(r.payload) as { incident: { date_start: string | null; location: string | null; admin1: string | null; country: string | null; sub_type: string }; figures: { killed: { best: number | null } } };
    return {
      delivery_id: r.id,
      alert: r.name,
      condition: r.condition,
      incident_id: r.incident_id,
      fired_at: r.created_at,
      status: r.status,
      attempts: Number(r.attempts),
      delivered_at: r.delivered_at,
      last_error: r.last_error,
      incident: { date_start: p.incident.date_start, location: p.incident.location, admin1: p.incident.admin1, country: p.incident.country, sub_type: p.incident.sub_type, killed: p.figures.killed.best },
    };
  });
}
