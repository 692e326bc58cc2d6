// /api/events: the list (the CLI's filters, paginated), one event with its claims, sources and reconciled
// incident (the record's own, when it keeps one for the event), and an analyst's corrections.
import { Hono } from 'hono';
import { observedClaim, type Observation } from '../domain/observation.js';
import type { EventDetail } from '../store/store.js';
import { allow } from './access.js';
import type { Desk, DeskEnv } from './desk.js';
import { toEventFilter } from './filters.js';
import { Problem } from './problems.js';
import { incidentOf } from './reckoning.js';
import { storedIncident } from '../store/stored-incident.js';
import { eventListQuery, eventPatch, pageCursor } from './schemas.js';
import { valid } from './validate.js';
import { bodyLimited } from './body-limit.js';

function observationOf(d: EventDetail): Observation {
  return {
    id: d.event.id,
    reportId: d.claims[0]?.report_id ?? null,
    type: d.event.type,
    subType: d.event.sub_type,
    date: d.event.date,
    location: d.event.location,
    actors: d.event.actors,
    weapon: d.event.weapon,
    scope: d.event.scope,
    claims: d.claims.map((c) => observedClaim(c, c.id, c.report_id, c.publisher)),
  };
}

export function eventsRoutes(desk: Desk) {
  const read = allow('viewer', desk.publicRead);
  return new Hono<DeskEnv>()
    .get('/', read, valid('query', eventListQuery), async (c) => {
      const q = c.req.valid('query');
      if (q.cursor && q.offset) throw new Problem(400, 'query: give cursor or offset, not both (a cursor already says where the page starts)');
      const filter = toEventFilter(q);
      // One row past the page says whether there is a next one, without counting; the total only when asked.
      const [rows, total] = await Promise.all([
        q.offset ? desk.store.listEvents(filter, { limit: q.limit + 1, offset: q.offset }) : desk.store.listEventsAfter(filter, q.cursor, q.limit + 1),
        q.count ? desk.store.countEvents(filter) : undefined,
      ]);
      const events = rows.slice(0, q.limit);
      const last = events[events.length - 1];
      const next = rows.length > q.limit ? pageCursor.encode({ date: last.date_start, id: last.id }) : null;
      return c.json({ limit: q.limit, offset: q.offset, next, events, ...(total === undefined ? {} : { total }) });
    })
    .get('/:id', read, async (c) => {
      const id = c.req.param('id');
      const detail = await desk.store.getEvent(id);
      if (!detail) throw new Problem(404, `no event "${id}"`);
      const incidentId = await desk.store.incidentOf(id);
      const kept = incidentId ? await storedIncident(desk.store, incidentId) : null;
      // The stored incident when the event has one; else (an imported or undated event) reconciled around it, on a worker thread.
      const incident = kept ? incidentOf(id, [kept], await desk.store.rangeRules()) : await desk.work.run({ kind: 'event-incident', observation: observationOf(detail) });
      return c.json({ ...detail, incident_id: incidentId, incident, edits: await desk.store.eventEdits(id) });
    })
    .patch('/:id', allow('analyst', desk.publicRead), bodyLimited, valid('json', eventPatch), async (c) => {
      const id = c.req.param('id');
      const caller = c.get('caller')!;
      if (!(await desk.work.run({ kind: 'update-event', id, patch: c.req.valid('json'), editor: caller.name }))) throw new Problem(404, `no event "${id}"`);
      const detail = await desk.store.getEvent(id);
      return c.json({ ...detail, edits: await desk.store.eventEdits(id) });
    });
}
