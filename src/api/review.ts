// /api/review: the queue of incidents to check, an analyst's decision on one, and an incident's history.
import { Hono } from 'hono';
import { trackRecords } from '../reconcile/track-record.js';
import { allow } from './access.js';
import { bodyLimited } from './body-limit.js';
import type { Desk, DeskEnv } from './desk.js';
import { Problem } from './problems.js';
import { reviewInput, reviewQueueQuery } from './schemas.js';
import { valid } from './validate.js';

export function reviewRoutes(desk: Desk) {
  const read = allow('viewer', desk.publicRead);
  return new Hono<DeskEnv>()
    .get('/', read, valid('query', reviewQueueQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json({ state: q.state, sort: q.sort, incidents: await desk.store.reviewQueue(q) });
    })
    .post('/:id', allow('analyst', desk.publicRead), bodyLimited, valid('json', reviewInput), async (c) => {
      const id = c.req.param('id');
      const { state, comment } = c.req.valid('json');
      const r = await desk.store.reviewIncident(id, state, c.get('caller')!.name, comment);
      if (!r) throw new Problem(404, `no incident "${id}"`);
      return c.json({ id, ...r, history: await desk.store.incidentHistory(id) });
    })
    .get('/claimants', read, async (c) => c.json({ claimants: trackRecords(await desk.store.verifiedClaims()) }))
    .get('/:id/history', read, async (c) => {
      const id = c.req.param('id');
      const history = await desk.store.incidentHistory(id);
      if (history.length === 0 && !(await desk.store.incidentExists(id))) throw new Problem(404, `no incident "${id}"`);
      return c.json({ id, history });
    });
}
