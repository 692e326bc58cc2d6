// /api/incidents: the record's reconciled incidents, newest first in keyset pages (a page never counts the
// whole record), and one incident with everything behind it: its reports' events, every claim with the
// sentence and span it was read from, why its events are one, and its figures with the claims behind each.
import { Hono } from 'hono';
import { casualtyRange } from '../reconcile/casualty-range.js';
import type { StoredClaim, Store } from '../store/store.js';
import { storedIncident } from '../store/stored-incident.js';
import { allow } from './access.js';
import type { Desk, DeskEnv } from './desk.js';
import { toIncidentFilter } from './filters.js';
import { Problem } from './problems.js';
import { pageCursor, incidentListQuery } from './schemas.js';
import { valid } from './validate.js';

/** What GET /api/incidents/:id answers (described by incidentDetailResponse in schemas.ts). */
export type IncidentDetail = NonNullable<Awaited<ReturnType<typeof incidentDetail>>>;

export function incidentsRoutes(desk: Desk) {
  const read = allow('viewer', desk.publicRead);
  return new Hono<DeskEnv>()
    .get('/', read, valid('query', incidentListQuery), async (c) => {
      const q = c.req.valid('query');
      // One row past the page says whether there is a next one, without counting.
      const rows = await desk.store.listIncidentsAfter(toIncidentFilter(q), q.cursor, q.limit + 1);
      const incidents = rows.slice(0, q.limit);
      const last = incidents[incidents.length - 1];
      const next = rows.length > q.limit ? pageCursor.encode({ date: last.date_start, id: last.id }) : null;
      return c.json({ limit: q.limit, next, incidents });
    })
    .get('/:id', read, async (c) => {
      const id = c.req.param('id');
      const detail = await incidentDetail(desk.store, id);
      if (!detail) throw new Problem(404, `no incident "${id}": incident ids are "i:" and an event id, as GET /api/incidents lists them`);
      return c.json(detail);
    });
}

export async function incidentDetail(store: Store, id: string) {
  const [row, incident] = await Promise.all([store.getIncident(id), storedIncident(store, id)]);
  if (!row || !incident) return null;
  const details = await Promise.all(incident.observations.map((o) => store.getEvent(o.id)));
  const claims = new Map<string, StoredClaim>();
  const reports = new Map<string, { id: string; title: string | null; publisher: string | null; published: string | null }>();
  const events = incident.observations.map((o, k) => {
    const d = details[k]!;
    for (const cl of d.claims) claims.set(cl.id, cl);
    // The reports are listed by reference: their text is one GET /api/reports/:id away, with every span.
    for (const r of d.reports) reports.set(r.id, { id: r.id, title: r.title, publisher: r.publisher, published: r.published });
    const e = d.event;
    return { id: e.id, report_id: o.reportId, type: e.type, sub_type: e.sub_type, date: e.date, location: e.location, actors: e.actors, weapon: e.weapon, fatalities: e.fatalities, claims: e.claims };
  });
  return {
    incident: row,
    figures: casualtyRange(incident, 'killed', await store.rangeRules()),
    links: incident.links,
    events,
    claims: [...claims.values()].map((cl) => ({
      id: cl.id,
      report_id: cl.report_id,
      claimant: cl.claimant,
      claimant_kind: cl.claimant_kind,
      claimant_bloc: cl.claimant_bloc ?? null,
      publisher: cl.publisher,
      scope: cl.scope,
      measure: cl.measure,
      fatalities: cl.fatalities,
      date: cl.date,
      weapon: cl.weapon,
      span: cl.span,
      sentence: cl.sentence,
      rule: cl.rule,
    })),
    reports: [...reports.values()],
  };
}
