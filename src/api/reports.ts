// /api/reports: the reports read (text and what was extracted, with spans), and a new report submitted:
// extracted here, stored in one transaction, its events then on the map and in the table.
import { Hono } from 'hono';
import { checkReport, failed } from '../domain/input-rules.js';
import { extractReport } from '../extract/pipeline.js';
import { normalizeText } from '../extract/normalize-text.js';
import { textHash } from '../store/report-rows.js';
import { allow } from './access.js';
import { bodyLimited } from './body-limit.js';
import type { Desk, DeskEnv } from './desk.js';
import { Problem } from './problems.js';
import { reportInput, reportListQuery } from './schemas.js';
import { valid } from './validate.js';

export function reportsRoutes(desk: Desk) {
  const read = allow('viewer', desk.publicRead);
  return new Hono<DeskEnv>()
    .get('/', read, valid('query', reportListQuery), async (c) => {
      const q = c.req.valid('query');
      const { total, reports } = await desk.store.listReports({ limit: q.limit, offset: q.offset });
      return c.json({ total, limit: q.limit, offset: q.offset, reports });
    })
    .get('/:id', read, async (c) => {
      const id = c.req.param('id');
      const report = await desk.store.getReport(id);
      if (!report) throw new Problem(404, `no report "${id}"`);
      return c.json(report);
    })
    .post('/', allow('analyst', desk.publicRead), bodyLimited, valid('json', reportInput), async (c) => {
      const body = c.req.valid('json');
      const input = checkReport({ text: body.text, published: body.published ?? null, source: body.source ?? null, title: body.title ?? null });
      if (failed(input)) throw new Problem(400, `body: ${input.error}`);
      const meta = { published: input.published, source: input.source, title: input.title };
      const sighting = { url: body.url ?? null, seenAt: null };
      // Extraction is the expensive part: a text already held (or another outlet's copy of one) is recognised by its hash first.
      const held = await desk.store.sightReport(textHash(normalizeText(input.text)), { outlet: meta.source, title: meta.title, ...sighting });
      let status = held?.status;
      let reportId = held?.reportId;
      if (!held) {
        const x = extractReport(input.text, meta);
        const r = await desk.store.ingestReport({ text: x.analysis.text, meta, extraction: { summary: x.summary, events: x.events, claims: x.claims }, origin: { path: 'api', line: null, id: null }, sighting });
        status = r.status;
        reportId = r.reportId;
      }
      const report = await desk.store.getReport(reportId!);
      c.header('Location', `/api/reports/${encodeURIComponent(reportId!)}`);
      return c.json({ status, report }, status === 'new' ? 201 : 200);
    });
}
