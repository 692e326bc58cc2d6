// /api/control: who took which place, when and on whose word, and the last known holders on a date.
import { Hono } from 'hono';
import { allow } from './access.js';
import type { Desk, DeskEnv } from './desk.js';
import { toEventFilter } from './filters.js';
import { controlQuery } from './schemas.js';
import { valid } from './validate.js';

export function controlRoutes(desk: Desk) {
  return new Hono<DeskEnv>().get('/', allow('viewer', desk.publicRead), valid('query', controlQuery), async (c) => {
    const q = c.req.valid('query');
    return c.json(await desk.work.run({ kind: 'control', filter: toEventFilter(q), at: q.at }));
  });
}
