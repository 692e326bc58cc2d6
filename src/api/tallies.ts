// /api/tallies: reconciled figures (incidents linked across reports, low/best/high) by bloc, place, actor
// or month, and per week for the timeline; /api/tallies/record: the record's own sums straight from the
// store, which scale to millions of events but count every report's figure as given.
import { Hono } from 'hono';
import { allow } from './access.js';
import type { Desk, DeskEnv } from './desk.js';
import { toEventFilter } from './filters.js';
import { eventFilterQuery, recordTallyQuery, tallyQuery } from './schemas.js';
import { valid } from './validate.js';

export function talliesRoutes(desk: Desk) {
  const read = allow('viewer', desk.publicRead);
  return new Hono<DeskEnv>()
    .get('/', read, valid('query', tallyQuery), async (c) => {
      const q = c.req.valid('query');
      const filter = toEventFilter(q);
      return c.json({ by: q.by, ...(await desk.work.run({ kind: 'tally', by: q.by, filter })) });
    })
    .get('/weekly', read, valid('query', eventFilterQuery), async (c) => {
      const filter = toEventFilter(c.req.valid('query'));
      return c.json({ weeks: await desk.work.run({ kind: 'weekly', filter }) });
    })
    .get('/record', read, valid('query', recordTallyQuery), async (c) => {
      const q = c.req.valid('query');
      return c.json({ by: q.by, rows: await desk.store.tally(toEventFilter(q), q.by, q.limit) });
    });
}
