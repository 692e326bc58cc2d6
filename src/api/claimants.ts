// /api/claimants/:name: one claimant as its page on the desk shows it: its track record on the incidents analysts
// verified (src/reconcile/track-record.ts) and the incidents it gives figures for, newest first.
import { Hono } from 'hono';
import { trackRecords } from '../reconcile/track-record.js';
import type { IncidentRow, PageCursor } from '../store/store.js';
import { allow } from './access.js';
import type { Desk, DeskEnv } from './desk.js';
import { Problem } from './problems.js';

/** Incidents listed on a claimant's page; `more` says when there are others. */
export const CLAIMANT_INCIDENTS = 100;
/** The store's claimant filter matches a part of a name ("AFP" in "AFP correspondent"), so rows are read in pages
 * and kept when the name is exactly the claimant's; this bounds the reading when the name is part of many others. */
const SCAN_PAGES = 10;
const SCAN_PAGE = 200;

export function claimantsRoutes(desk: Desk) {
  return new Hono<DeskEnv>().get('/:name', allow('viewer', desk.publicRead), async (c) => {
    const name = c.req.param('name');
    const [claims, found] = await Promise.all([desk.store.verifiedClaims(), claimedIncidents(desk, name)]);
    const record = trackRecords(claims).find((r) => r.claimant === name) ?? null;
    if (!record && found.incidents.length === 0) throw new Problem(404, `no claimant named "${name}" gives a figure in the record`);
    const verified = new Set(claims.map((x) => x.incident));
    return c.json({ claimant: name, track_record: record, incidents: found.incidents.map((i) => ({ ...i, verified: verified.has(i.id) })), more: found.more });
  });
}

async function claimedIncidents(desk: Desk, name: string): Promise<{ incidents: IncidentRow[]; more: boolean }> {
  const incidents: IncidentRow[] = [];
  let after: PageCursor | null = null;
  for (let page = 0; page < SCAN_PAGES; page++) {
    const rows = await desk.store.listIncidentsAfter({ claimant: name }, after, SCAN_PAGE);
    for (const r of rows) {
      if (!r.claimants.includes(name)) continue;
      if (incidents.length === CLAIMANT_INCIDENTS) return { incidents, more: true };
      incidents.push(r);
    }
    if (rows.length < SCAN_PAGE) return { incidents, more: false };
    const last = rows[rows.length - 1];
    after = { date: last.date_start, id: last.id };
  }
  return { incidents, more: true };
}
