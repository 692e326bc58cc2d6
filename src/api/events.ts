// /api/events: the list (the CLI's filters, paginated), one event with its claims, sources and reconciled
// incident, and an analyst's corrections.
import { Hono } from 'hono';
import { observedClaim, type Observation } from '../domain/observation.js';
import type { EventDetail } from '../store/store.js';
import { allow } from './access.js';
import type { Desk, DeskEnv } from './desk.js';
import { toEventFilter } from './filters.js';
import { Problem } from './problems.js';
import { eventListQuery, eventPatch } from './schemas.js';
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
      const filter = toEventFilter(q);
      const [events, total] = await Promise.all([desk.store.listEvents(filter, { limit: q.limit, offset: q.offset }), desk.store.countEvents(filter)]);
      return c.json({ total, limit: q.limit, offset: q.offset, events });
    })
    .get('/:id', read, async (c) => {
      const id = c.req.param('id');
      const detail = await desk.store.getEvent(id);
      if (!detail) throw new Problem(404, `no event "${id}"`);
      const incident = await desk.work.run({ kind: 'event-incident', observation: observationOf(detail) });
      return c.json({ ...detail, incident, edits: await desk.store.eventEdits(id) });
    })
    .patch('/:id', allow('analyst', desk.publicRead), bodyLimited, valid('json', eventPatch), async (c) => {
      const id = c.req.param('id');
      const caller = c.get('caller')!;
      if (!(await desk.work.run({ kind: 'update-event', id, patch: c.req.valid('json'), editor: caller.name }))) throw new Problem(404, `no event "${id}"`);
      const detail = await desk.store.getEvent(id);
      return c.json({ ...detail, edits: await desk.store.eventEdits(id) });
    });
}
