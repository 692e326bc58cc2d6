// /api/alerts: the alerts set up with `observatory alerts add` and their latest firings, for the desk. Read only:
// alerts are made on the machine that holds the record, where their secrets are shown. A webhook URL can carry a
// key of its own (a chat service's), so readers see only its host.
import { Hono } from 'hono';
import { allow } from './access.js';
import type { Desk, DeskEnv } from './desk.js';
import { alertsQuery } from './schemas.js';
import { valid } from './validate.js';

export function alertsRoutes(desk: Desk) {
  return new Hono<DeskEnv>().get('/', allow('viewer', desk.publicRead), valid('query', alertsQuery), async (c) => {
    const { limit } = c.req.valid('query');
    const [alerts, recent] = await Promise.all([desk.store.listAlerts(), desk.store.recentAlerts(limit)]);
    return c.json({
      alerts: alerts.map(({ webhook, ...a }) => ({ ...a, webhook_host: new URL(webhook).host })),
      recent,
    });
  });
}
