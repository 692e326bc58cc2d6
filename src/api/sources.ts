// /api/sources: the watched sources as the desk's Sources page shows them (status, last fetch, items per day,
// errors), and one source with its latest and failed items. Read-only: sources are added and removed with
// `observatory sources`, on a machine that holds the record. What only watchers need (their leases, the
// validators of conditional requests) is not handed out.
import { Hono } from 'hono';
import type { WatchedSourceStatus } from '../store/store.js';
import { sourceState } from '../watch/source-status.js';
import { allow } from './access.js';
import type { Desk, DeskEnv } from './desk.js';
import { Problem } from './problems.js';

/** A source as the API gives it: its status in one word, without the watchers' own bookkeeping. */
export function publicSource<T extends WatchedSourceStatus>(s: T, now: Date) {
  const { lease_owner, lease_until, etag, last_modified, ...shown } = s;
  return { ...shown, state: sourceState(s, now) };
}

export function sourcesRoutes(desk: Desk) {
  const read = allow('viewer', desk.publicRead);
  return new Hono<DeskEnv>()
    .get('/', read, async (c) => {
      const now = new Date();
      return c.json({ now: now.toISOString(), sources: (await desk.store.watchedSources()).map((s) => publicSource(s, now)) });
    })
    .get('/:name', read, async (c) => {
      const name = c.req.param('name');
      const s = await desk.store.watchedSource(name);
      if (!s) throw new Problem(404, `no source named "${name}"`);
      return c.json(publicSource(s, new Date()));
    });
}
